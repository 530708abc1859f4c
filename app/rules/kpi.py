"""Stuurinformatie: one pure function per measure of DOMAIN.md's table, and the dashboard summary.

Every figure is computed from dated transitions and events in ``DossierFacts`` for a period
[start, end] (both included), optionally for one counsellor and/or team, and comes back as a
``Measure`` with the dossier ids behind it for click-through. Sources: DOMAIN.md
"Stuurinformatie"; seed 004 chapter 5 (004:1040-1330) and bijlage D (004:2387-2420).

Counting rules (also in ``DEFINITIONS["method_period"]``):
- flows count each dossier at most once per measure, by the *first* move into a phase, so going
  back and forth (004:1468) does not inflate the funnel;
- stocks (caseload, DFD, profiles) are taken at the end of the period's last day;
- the funnel rates compare flows in the same period, as the study did (004:1165, 1232, 1250).

Breakdowns live in ``app.rules.kpi_breakdowns``, lead times in ``app.rules.kpi_leadtimes``,
suppression in ``app.rules.kpi_disclosure``, codes and texts in ``app.rules.kpi_definitions``;
the public names are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.rules.kpi_breakdowns import caseload, dropouts_by_reason, products, profiles
from app.rules.kpi_definitions import (
    DEFINITIONS,
    LABELS,
    REFERENCE_APPLICATION_TO_INTAKE,
    REFERENCE_CASELOAD,
    REFERENCE_READY_TO_AGREEMENT,
    REFERENCE_SOCIAL_PARTNER,
    REFERENCE_STABILISATION_TO_READY,
)
from app.rules.kpi_disclosure import suppress, suppress_cells
from app.rules.kpi_facts import (
    Breakdown,
    DossierFacts,
    LeadTime,
    Measure,
    Period,
    ProductFacts,
    Rate,
    Transition,
    ever_left,
    first_entry,
    moves,
    phase_on,
    select,
)
from app.rules.kpi_leadtimes import (
    first_conversation_in_term,
    lead_time_application_intake,
    lead_time_stabilisation_settlement,
    nearest_rank,
)
from app.rules.phases import Phase

__all__ = [
    "DEFINITIONS",
    "LABELS",
    "Breakdown",
    "DossierFacts",
    "LeadTime",
    "Measure",
    "Period",
    "ProductFacts",
    "Rate",
    "Summary",
    "Transition",
    "applications",
    "caseload",
    "dashboard_summary",
    "dropouts_by_reason",
    "first_conversation_in_term",
    "intakes",
    "lead_time_application_intake",
    "lead_time_stabilisation_settlement",
    "long_term_service_inflow",
    "long_term_service_open",
    "long_term_service_to_settlement",
    "nearest_rank",
    "no_shows",
    "products",
    "profiles",
    "ready_for_settlement",
    "settlement_agreed",
    "stabilisation_inflow",
    "stabilisation_self",
    "stabilisation_social_work",
    "suppress",
    "suppress_cells",
]

#: Phases a DFD client can move to "voor het uitvoeren van een schuldregeling" (fase 1 of 2).
_DFD_EXITS: frozenset[str] = frozenset({Phase.STABILISATION, Phase.READY_FOR_SETTLEMENT, Phase.SETTLEMENT})


def _measure(code: str, dossiers: Iterable[DossierFacts]) -> Measure:
    ids = tuple(sorted({d.dossier_id for d in dossiers}))
    return Measure(code=code, label_nl=LABELS[code], value=len(ids), dossier_ids=ids)


def _where(
    code: str,
    facts: Iterable[DossierFacts],
    counsellor: str | None,
    team: str | None,
    test: Callable[[DossierFacts], bool],
) -> Measure:
    return _measure(code, (d for d in select(facts, counsellor, team) if test(d)))


def _entered_in(phase: str, period: Period) -> Callable[[DossierFacts], bool]:
    key, start, end = str(phase), period.start, period.end  # once, not per dossier

    def test(d: DossierFacts) -> bool:
        day = first_entry(d, key)
        return day is not None and start <= day <= end

    return test


def applications(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Measure:
    """Aanmeldingen: clients registered with a help question in the period (melding date).

    Source: 004 bijlage D "Aanmelding"; DOMAIN.md Stuurinformatie.
    """
    return _where("applications", facts, counsellor, team, lambda d: period.contains(d.melding_on))


def intakes(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Measure:
    """Intakes: clients whose first conversation was held in the period (no-shows apart).

    Source: 004 bijlage D "Intake"; Wgs art. 4.
    """

    def test(d: DossierFacts) -> bool:
        return d.intake_held_on is not None and period.contains(d.intake_held_on)

    return _where("intakes", facts, counsellor, team, test)


def no_shows(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Measure:
    """No-shows: clients who missed at least one appointment in the period.

    Source: 004:1088, 1156 (no-shows seen in practice but hardly registered).
    """
    return _where(
        "no_shows", facts, counsellor, team, lambda d: any(period.contains(x) for x in d.no_show_dates)
    )


def stabilisation_inflow(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Measure:
    """Instroom stabilisatie: clients whose first move into stabilisation lies in the period.

    Source: 004 bijlage D "Instroom stabilisatie" (with a plan van aanpak, Wgs art. 4a).
    """
    return _where("stabilisation_inflow", facts, counsellor, team, _entered_in(Phase.STABILISATION, period))


def _inflow_with_mode(
    code: str,
    mode: str,
    facts: Iterable[DossierFacts],
    period: Period,
    counsellor: str | None,
    team: str | None,
) -> Measure:
    entered = _entered_in(Phase.STABILISATION, period)
    return _where(code, facts, counsellor, team, lambda d: entered(d) and d.stabilisation_mode == mode)


def stabilisation_self(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Measure:
    """Zelfstandige stabilisatie: stabilisation inflow in the period that arranges things alone.

    Source: 004 bijlage D "Zelfstandige stabilisatie".
    """
    return _inflow_with_mode("stabilisation_self", "self", facts, period, counsellor, team)


def stabilisation_social_work(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Measure:
    """Stabilisatie met maatschappelijk werk: stabilisation inflow in the period helped by social work.

    Source: 004 bijlage D "Doorlopen stabilisatie met maatschappelijk werker"; 004:1207 (~50 %).
    """
    return _inflow_with_mode("stabilisation_social_work", "social_work", facts, period, counsellor, team)


def ready_for_settlement(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Measure:
    """Gereed voor schuldregeling: clients first ready for phase 2 in the period.

    Source: 004 bijlage D "Gereed voor schulden regelen".
    """
    return _where(
        "ready_for_settlement", facts, counsellor, team, _entered_in(Phase.READY_FOR_SETTLEMENT, period)
    )


def settlement_agreed(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Measure:
    """Akkoord schuldregeling: settlements started in the period (first move into settlement).

    Source: 004 bijlage D "Akkoord voor schuldregeling".
    """
    return _where("settlement_agreed", facts, counsellor, team, _entered_in(Phase.SETTLEMENT, period))


def long_term_service_inflow(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Measure:
    """DFD instroom: clients first moved into langdurige dienstverlening in the period.

    Source: 004 bijlage D "Langdurige stabilisatie"; 004:876 (NVVK definition of DFD).
    """
    return _where(
        "long_term_service_inflow", facts, counsellor, team, _entered_in(Phase.LONG_TERM_SERVICE, period)
    )


def long_term_service_open(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Measure:
    """DFD stand: clients in langdurige dienstverlening at the end of the period.

    Source: SCENARIOS.md "who is in DFD"; 004 bijlage D "Langdurige stabilisatie".
    """
    return _where(
        "long_term_service_open",
        facts,
        counsellor,
        team,
        lambda d: phase_on(d, period.end) == Phase.LONG_TERM_SERVICE,
    )


def long_term_service_to_settlement(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Measure:
    """Uitstroom DFD → schuldregeling: clients moving from DFD to stabilisation, ready or settlement
    in the period ("naar Fase 1 of 2 voor het uitvoeren van een schuldregeling").

    Source: 004 bijlage D "Uitstroom naar schuldregeling traject".
    """

    def test(d: DossierFacts) -> bool:
        return ever_left(d, Phase.LONG_TERM_SERVICE) and any(
            period.contains(m.on) and m.from_phase == Phase.LONG_TERM_SERVICE and m.to_phase in _DFD_EXITS
            for m in moves(d)
        )

    return _where("long_term_service_to_settlement", facts, counsellor, team, test)


def _rate(code: str, numerator: Measure, denominator: Measure, reference: int) -> Rate:
    return Rate(code, LABELS[code], numerator, denominator, reference)


@dataclass(frozen=True)
class Summary:
    """Everything the dashboard and the exports show for one period and selection.

    Holds only counts, shares and lead-time statistics plus dossier/counsellor ids for
    click-through; the exporters never write those ids.
    """

    period: Period
    counsellor: str | None
    team: str | None
    counts: tuple[Measure, ...]
    funnel: tuple[Rate, ...]
    lead_times: tuple[LeadTime, ...]
    first_conversation_in_term: Rate
    dropouts: Breakdown
    caseload: Breakdown
    profiles: Breakdown
    products: Breakdown
    caseload_reference: int = REFERENCE_CASELOAD

    def measure(self, code: str) -> Measure:
        """Return the count with ``code`` (``KeyError`` if there is none)."""
        for m in self.counts:
            if m.code == code:
                return m
        raise KeyError(code)

    @property
    def scope_label_nl(self) -> str:
        """Dutch description of the selection without naming anyone."""
        if self.counsellor is not None:
            return "Eén consulent"
        if self.team is not None:
            return "Eén team"
        return "Alle dossiers"


def dashboard_summary(
    facts: Iterable[DossierFacts], period: Period, counsellor: str | None = None, team: str | None = None
) -> Summary:
    """Compute every stuurinformatie measure for ``period`` and the selection.

    Funnel references: aanmelding→intake 95 %, stabilisatie→gereed 60 %, gereed→akkoord 85 %,
    support by social work ~50 % (004:1047-1063, 004:1207). Source: DOMAIN.md Stuurinformatie.
    """
    chosen = select(facts, counsellor, team)
    kw: dict[str, str | None] = {"counsellor": None, "team": None}
    functions = (
        applications,
        intakes,
        no_shows,
        stabilisation_inflow,
        stabilisation_self,
        stabilisation_social_work,
        ready_for_settlement,
        settlement_agreed,
        long_term_service_inflow,
        long_term_service_open,
        long_term_service_to_settlement,
    )
    counts = tuple(f(chosen, period, **kw) for f in functions)
    by_code = {m.code: m for m in counts}
    funnel = (
        _rate(
            "rate_application_intake",
            by_code["intakes"],
            by_code["applications"],
            REFERENCE_APPLICATION_TO_INTAKE,
        ),
        _rate(
            "rate_stabilisation_ready",
            by_code["ready_for_settlement"],
            by_code["stabilisation_inflow"],
            REFERENCE_STABILISATION_TO_READY,
        ),
        _rate(
            "rate_ready_agreement",
            by_code["settlement_agreed"],
            by_code["ready_for_settlement"],
            REFERENCE_READY_TO_AGREEMENT,
        ),
        _rate(
            "rate_social_partner",
            by_code["stabilisation_social_work"],
            by_code["stabilisation_inflow"],
            REFERENCE_SOCIAL_PARTNER,
        ),
    )
    return Summary(
        period=period,
        counsellor=counsellor,
        team=team,
        counts=counts,
        funnel=funnel,
        lead_times=(
            lead_time_application_intake(chosen, period),
            lead_time_stabilisation_settlement(chosen, period),
        ),
        first_conversation_in_term=first_conversation_in_term(chosen, period),
        dropouts=dropouts_by_reason(chosen, period),
        caseload=caseload(chosen, period),
        profiles=profiles(chosen, period),
        products=products(chosen, period),
    )
