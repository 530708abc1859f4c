"""A hand-made team of eleven dossiers for the KPI tests; the answers are worked out below.

Period: Q1 2026 = 1 January 2026 .. 31 March 2026 (both included).
Counsellors: ANNA and BOB in team T1, CARL in team T2 (opaque ids, as the services pass them).

Dates without a year are in 2026 unless said; "stab (sw)" = stabilisation with social work.

| id  | who  | melding    | intake     | due   | moves (date → phase)                                     |
|-----|------|------------|------------|-------|----------------------------------------------------------|
| D1  | anna | 01-05      | 01-19      | 02-02 | 01-19 intake, 02-01 stab (self), 03-01 ready, 03-20 sett. |
| D2  | anna | 01-10      | 02-09      | 02-09 | 02-09 intake, 02-15 stab (sw), 03-10 ready, 03-20 stab    |
| D3  | anna | 2025-11-01 | 2025-11-20 | –     | 11-20 intake, 12-01 stab (2025), 01-15 ready, 02-10 sett. |
| D4  | bob  | 02-01      | 02-20      | 03-01 | no-show 02-10; 02-20 intake, 03-15 dropped_out (no_show)  |
| D5  | bob  | 03-10      | –          | 04-07 | none (still aanmelding)                                  |
| D6  | bob  | 2025-06-01 | 2025-06-20 | –     | intake, 2025-07-01 stab, 2025-10-01 DFD, 03-01 ready      |
| D7  | bob  | 2025-09-01 | 2025-09-15 | –     | intake, 2025-10-01 stab, 01-20 DFD                        |
| D8  | anna | 01-02      | –          | 01-30 | 01-20 dropped_out (withdrawn_reason_unknown)             |
| D9  | anna | 01-06      | 02-10      | 02-03 | 02-10 intake, 03-01 stab (sw)                            |
| D10 | bob  | 2025-10-01 | 2025-10-10 | –     | intake, 2025-12-15 closed (completed)                    |
| D11 | carl | 03-05      | 03-12      | 04-02 | 03-12 intake                                             |

Worked answers for Q1 2026, everyone:
- aanmeldingen (melding in Q1): D1 D2 D4 D5 D8 D9 D11 = 7
- intakes (held in Q1): D1 D2 D4 D9 D11 = 5; no-shows: D4 = 1
- instroom stabilisatie (first entry in Q1): D1 02-01, D2 02-15, D9 03-01 = 3 (D2's return on
  03-20 does not count again); zelfstandig: D1 = 1; met maatschappelijk werk: D2 D9 = 2
- gereed (first entry in Q1): D1 03-01, D2 03-10, D3 01-15, D6 03-01 = 4
- akkoord (first settlement in Q1): D1 03-20, D3 02-10 = 2
- DFD instroom: D7 = 1; DFD on 31-03: D7 = 1 (D6 left on 03-01); DFD → regeling: D6 = 1
- uitval: D4 no_show, D8 withdrawn_reason_unknown = 2
- doorlooptijd aanmelding → intake, intakes in Q1: D11 7, D1 14, D4 19, D2 30, D9 35 days;
  sorted [7, 14, 19, 30, 35]: median rank ⌈0.5·5⌉ = 3 → 19; P80 rank ⌈0.8·5⌉ = 4 → 30
- doorlooptijd stabilisatie → regeling, regelingen in Q1: D1 02-01 → 03-20 = 28 + 19 = 47,
  D3 2025-12-01 → 2026-02-10 = 31 + 31 + 10 = 71; median rank ⌈1.0⌉ = 1 → 47; P80 ⌈1.6⌉ = 2 → 71
- eerste gesprek binnen termijn, due in Q1: D1 ✓ (01-19 ≤ 02-02), D2 ✓ (same day), D4 ✓,
  D9 ✗ (02-10 > 02-03), D8 left out (dropped 01-20 before its due 01-30 without a talk) → 3 / 4
- caseload on 31-03 (not closed/dropped): anna D1 D2 D3 D9 = 4; bob D5 D6 D7 = 3 (D4 dropped,
  D10 closed); carl D11 = 1; total 8
- profielen of those 8: onwetende D3 D9 = 2, aanpakker D1 D11 = 2, kwetsbare D2 D6 = 2,
  benadeelde D7 = 1, struisvogel 0, niet vastgelegd D5 = 1
- producten running in Q1: budget_coaching D1 = 1 (D3's ended 2025-12-31); budget_management
  D2, D7 (ended 01-10, still in Q1) = 2; protective_administration D6 = 1
- funnel: intake/aanmelding 5/7 = 71.4 %; gereed/instroom 4/3 = 133.3 %; akkoord/gereed 2/4 = 50.0 %;
  maatschappelijk werk/instroom 2/3 = 66.7 %
"""

from __future__ import annotations

from datetime import date

from app.rules.kpi import DossierFacts, Period, ProductFacts, Transition
from app.rules.phases import Phase

Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))

ANNA = "5b0c1f3e-aaaa-4c1e-9a31-0000000000a1"
BOB = "5b0c1f3e-bbbb-4c1e-9a31-0000000000b2"
CARL = "5b0c1f3e-cccc-4c1e-9a31-0000000000c3"
T1 = "team-noord-1"
T2 = "team-zuid-2"


def did(n: int) -> str:
    """Return the (recognisable) UUID of dossier ``n``."""
    return f"d0551e00-0000-4000-8000-{n:012d}"


def _t(day: str, to: Phase, reason: str | None = None) -> Transition:
    return Transition(date.fromisoformat(day), to.value, None, reason)


def _d(s: str) -> date:
    return date.fromisoformat(s)


P = Phase

FACTS: tuple[DossierFacts, ...] = (
    DossierFacts(
        dossier_id=did(1),
        counsellor=ANNA,
        team=T1,
        melding_on=_d("2026-01-05"),
        intake_held_on=_d("2026-01-19"),
        first_conversation_due=_d("2026-02-02"),
        transitions=(
            _t("2026-01-19", P.INTAKE),
            _t("2026-02-01", P.STABILISATION),
            _t("2026-03-01", P.READY_FOR_SETTLEMENT),
            _t("2026-03-20", P.SETTLEMENT),
        ),
        stabilisation_mode="self",
        profile="aanpakker",
        products=(ProductFacts("budget_coaching", _d("2026-02-01")),),
    ),
    DossierFacts(
        dossier_id=did(2),
        counsellor=ANNA,
        team=T1,
        melding_on=_d("2026-01-10"),
        intake_held_on=_d("2026-02-09"),
        first_conversation_due=_d("2026-02-09"),
        transitions=(
            _t("2026-02-09", P.INTAKE),
            _t("2026-02-15", P.STABILISATION),
            _t("2026-03-10", P.READY_FOR_SETTLEMENT),
            _t("2026-03-20", P.STABILISATION),
        ),
        stabilisation_mode="social_work",
        profile="kwetsbare",
        products=(ProductFacts("budget_management", _d("2026-02-15")),),
    ),
    DossierFacts(
        dossier_id=did(3),
        counsellor=ANNA,
        team=T1,
        melding_on=_d("2025-11-01"),
        intake_held_on=_d("2025-11-20"),
        transitions=(
            _t("2025-11-20", P.INTAKE),
            _t("2025-12-01", P.STABILISATION),
            _t("2026-01-15", P.READY_FOR_SETTLEMENT),
            _t("2026-02-10", P.SETTLEMENT),
        ),
        stabilisation_mode="self",
        profile="onwetende",
        products=(ProductFacts("budget_coaching", _d("2025-12-01"), _d("2025-12-31")),),
    ),
    DossierFacts(
        dossier_id=did(4),
        counsellor=BOB,
        team=T1,
        melding_on=_d("2026-02-01"),
        intake_held_on=_d("2026-02-20"),
        first_conversation_due=_d("2026-03-01"),
        no_show_dates=(_d("2026-02-10"),),
        transitions=(_t("2026-02-20", P.INTAKE), _t("2026-03-15", P.DROPPED_OUT, "no_show")),
        profile="struisvogel",
    ),
    DossierFacts(
        dossier_id=did(5),
        counsellor=BOB,
        team=T1,
        melding_on=_d("2026-03-10"),
        first_conversation_due=_d("2026-04-07"),
    ),
    DossierFacts(
        dossier_id=did(6),
        counsellor=BOB,
        team=T1,
        melding_on=_d("2025-06-01"),
        intake_held_on=_d("2025-06-20"),
        transitions=(
            _t("2025-06-20", P.INTAKE),
            _t("2025-07-01", P.STABILISATION),
            _t("2025-10-01", P.LONG_TERM_SERVICE),
            _t("2026-03-01", P.READY_FOR_SETTLEMENT),
        ),
        stabilisation_mode="social_work",
        profile="kwetsbare",
        products=(ProductFacts("protective_administration", _d("2025-08-01")),),
    ),
    DossierFacts(
        dossier_id=did(7),
        counsellor=BOB,
        team=T1,
        melding_on=_d("2025-09-01"),
        intake_held_on=_d("2025-09-15"),
        transitions=(
            _t("2025-09-15", P.INTAKE),
            _t("2025-10-01", P.STABILISATION),
            _t("2026-01-20", P.LONG_TERM_SERVICE),
        ),
        profile="benadeelde",
        products=(ProductFacts("budget_management", _d("2025-10-01"), _d("2026-01-10")),),
    ),
    DossierFacts(
        dossier_id=did(8),
        counsellor=ANNA,
        team=T1,
        melding_on=_d("2026-01-02"),
        first_conversation_due=_d("2026-01-30"),
        transitions=(_t("2026-01-20", P.DROPPED_OUT, "withdrawn_reason_unknown"),),
    ),
    DossierFacts(
        dossier_id=did(9),
        counsellor=ANNA,
        team=T1,
        melding_on=_d("2026-01-06"),
        intake_held_on=_d("2026-02-10"),
        first_conversation_due=_d("2026-02-03"),
        transitions=(_t("2026-02-10", P.INTAKE), _t("2026-03-01", P.STABILISATION)),
        stabilisation_mode="social_work",
        profile="onwetende",
    ),
    DossierFacts(
        dossier_id=did(10),
        counsellor=BOB,
        team=T1,
        melding_on=_d("2025-10-01"),
        intake_held_on=_d("2025-10-10"),
        transitions=(_t("2025-10-10", P.INTAKE), _t("2025-12-15", P.CLOSED, "completed")),
        profile="aanpakker",
    ),
    DossierFacts(
        dossier_id=did(11),
        counsellor=CARL,
        team=T2,
        melding_on=_d("2026-03-05"),
        intake_held_on=_d("2026-03-12"),
        first_conversation_due=_d("2026-04-02"),
        transitions=(_t("2026-03-12", P.INTAKE),),
        profile="aanpakker",
    ),
)


def ids(*numbers: int) -> tuple[str, ...]:
    """Return the sorted dossier ids of the given numbers (as the rules return them)."""
    return tuple(sorted(did(n) for n in numbers))
