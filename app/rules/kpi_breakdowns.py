"""Stuurinformatie breakdowns: uitval per reden, caseload per consulent, profielen, producten.

Re-exported by ``app.rules.kpi``. Sources: DOMAIN.md "Stuurinformatie" and closing reasons;
seed 004 chapter 5 (004:1040-1330) and bijlage D (004:2387-2420).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.rules.kpi_definitions import (
    DROPOUT_REASON_LABELS,
    LABELS,
    PRODUCT_LABELS,
    PROFILE_LABELS,
    UNKNOWN,
    label,
)
from app.rules.kpi_facts import (
    Breakdown,
    DossierFacts,
    Measure,
    Period,
    first_entry,
    moves,
    phase_on,
    select,
)
from app.rules.phases import ENDED, Phase


def _breakdown(
    code: str,
    groups: dict[str, list[str]],
    labels: dict[str, str],
    total: Measure | None,
    keep_all_known: bool,
) -> Breakdown:
    keys = list(labels) if keep_all_known else [k for k in labels if k in groups]
    keys += sorted(k for k in groups if k not in labels and k != UNKNOWN)
    if UNKNOWN in groups:
        keys.append(UNKNOWN)
    rows = tuple(
        Measure(
            code=f"{code}:{k}",
            label_nl=label(k, labels),
            value=len(groups.get(k, ())),
            dossier_ids=tuple(sorted(groups.get(k, ()))),
        )
        for k in keys
    )
    return Breakdown(code=code, label_nl=LABELS[code], rows=rows, total=total)


def dropouts_by_reason(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Breakdown:
    """Uitval per reden: clients who moved to ``dropped_out`` in the period, by closing reason.

    A dossier counts once, under the reason of its last drop-out in the period; all known
    reasons are listed (0 included) so periods compare. Source: DOMAIN.md closing reasons;
    004:1040, 004:1258 (uitval while the overview is made).
    """
    groups: dict[str, list[str]] = {}
    for d in select(facts, counsellor, team):
        if first_entry(d, Phase.DROPPED_OUT) is None:
            continue  # never dropped out: no move to look at
        reasons = [
            m.closing_reason or UNKNOWN
            for m in moves(d)
            if m.to_phase == Phase.DROPPED_OUT and period.contains(m.on)
        ]
        if reasons:
            groups.setdefault(reasons[-1], []).append(d.dossier_id)
    ids = [i for v in groups.values() for i in v]
    total = Measure("dropouts", LABELS["dropouts"], len(ids), tuple(sorted(ids)))
    return _breakdown("dropouts", groups, DROPOUT_REASON_LABELS, total, keep_all_known=True)


def _open_at(d: DossierFacts, day: date) -> bool:
    phase = phase_on(d, day)
    return phase is not None and phase not in ENDED


def caseload(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Breakdown:
    """Caseload: open dossiers (not closed or dropped out) per counsellor at the end of the period.

    Rows are keyed by the counsellor id (the dashboard shows names; files show pseudonyms).
    The counsellor is the current one: reassignments are not replayed. Source: 004:1318
    (about 50 per counsellor in stabilisation).
    """
    chosen = select(facts, counsellor, team)
    groups: dict[str, list[str]] = {d.counsellor: [] for d in chosen}
    for d in chosen:
        if _open_at(d, period.end):
            groups[d.counsellor].append(d.dossier_id)
    ids = [i for v in groups.values() for i in v]
    total = Measure("caseload", LABELS["caseload"], len(ids), tuple(sorted(ids)))
    return _breakdown("caseload", groups, {}, total, keep_all_known=False)


def profiles(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Breakdown:
    """Klantprofielen: open dossiers at the end of the period per profile (all five listed).

    Source: DOMAIN.md "Klantprofielen"; 004:1517-1545.
    """
    groups: dict[str, list[str]] = {}
    for d in select(facts, counsellor, team):
        if _open_at(d, period.end):
            groups.setdefault(d.profile or UNKNOWN, []).append(d.dossier_id)
    ids = [i for v in groups.values() for i in v]
    total = Measure("profiles", LABELS["profiles"], len(ids), tuple(sorted(ids)))
    return _breakdown("profiles", groups, PROFILE_LABELS, total, keep_all_known=True)


def products(
    facts: Iterable[DossierFacts], period: Period, *, counsellor: str | None = None, team: str | None = None
) -> Breakdown:
    """Ondersteuningsproducten: clients per product that ran at some time in the period.

    A client with two products counts under both, so the rows do not add up to a total and no
    total is given. Source: 004 bijlage D "Budgetbeheer", "Budgetcoach", "Beschermingsbewind".
    """
    groups: dict[str, list[str]] = {}
    for d in select(facts, counsellor, team):
        for code in sorted({p.code for p in d.products if period.overlaps(p.start, p.end)}):
            groups.setdefault(code, []).append(d.dossier_id)
    return _breakdown("products", groups, PRODUCT_LABELS, None, keep_all_known=True)
