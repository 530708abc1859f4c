"""Lead times (doorlooptijden) and the share of first conversations within the legal term.

Sources: seed 004:1290-1302 (three elements of lead time; NVVK norm aanmelding→intake four
weeks); Wgs art. 4 (first conversation within four weeks, three werkdagen when threatening).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.rules.kpi_definitions import (
    LABELS,
    NORM_APPLICATION_TO_INTAKE_DAYS,
    NORM_STABILISATION_TO_SETTLEMENT_DAYS,
)
from app.rules.kpi_facts import (
    DossierFacts,
    LeadTime,
    Measure,
    Period,
    Rate,
    first_entry,
    phase_on,
    select,
)
from app.rules.phases import ENDED, Phase

#: Phases in which a dossier no longer waits for a first conversation.
_LEFT: frozenset[str] = frozenset({*ENDED, Phase.REFERRED})


def nearest_rank(values: Sequence[int], percent: int) -> int:
    """Return the ``percent``-th percentile of ``values`` by the nearest-rank method.

    Sort the n values ascending; the result is the value at rank ⌈percent × n / 100⌉ (1-based).
    The median is ``nearest_rank(values, 50)``: for an even n the lower middle value. The result
    is always one of the values. Source: the nearest-rank definition (NIST/SEMATECH e-Handbook;
    Hyndman & Fan 1996, definition 1), chosen so each figure is a real number of days.

    Raises:
        ValueError: when ``values`` is empty or ``percent`` is not in 1..100.
    """
    if not values:
        raise ValueError("no values")
    if not 0 < percent <= 100:
        raise ValueError(f"percent must be in 1..100, not {percent}")
    ordered = sorted(values)
    rank = -(-percent * len(ordered) // 100)  # ceiling without floats
    return ordered[rank - 1]


def _lead_time(code: str, pairs: Sequence[tuple[str, int]], norm_days: int | None) -> LeadTime:
    days = [d for _, d in pairs]
    return LeadTime(
        code=code,
        label_nl=LABELS[code],
        count=len(days),
        median_days=nearest_rank(days, 50) if days else None,
        p80_days=nearest_rank(days, 80) if days else None,
        norm_days=norm_days,
        dossier_ids=tuple(i for i, _ in pairs),
    )


def lead_time_application_intake(
    facts: Iterable[DossierFacts],
    period: Period,
    *,
    counsellor: str | None = None,
    team: str | None = None,
) -> LeadTime:
    """Days from melding to first conversation, for intakes held in the period.

    Source: 004:1293 "doorlooptijd tussen aanmelding en intake"; NVVK norm four weeks (004:1300).
    """
    pairs = [
        (d.dossier_id, (d.intake_held_on - d.melding_on).days)
        for d in select(facts, counsellor, team)
        if d.intake_held_on is not None
        and period.contains(d.intake_held_on)
        and d.intake_held_on >= d.melding_on
    ]
    return _lead_time("lead_time_application_intake", pairs, NORM_APPLICATION_TO_INTAKE_DAYS)


def lead_time_stabilisation_settlement(
    facts: Iterable[DossierFacts],
    period: Period,
    *,
    counsellor: str | None = None,
    team: str | None = None,
) -> LeadTime:
    """Days from the first start of stabilisation to the start of the settlement, for settlements
    started in the period (dossiers that never were in stabilisation are left out).

    Source: 004:1294 "doorlooptijd tussen start stabilisatie en start schulden regelen".
    """
    pairs: list[tuple[str, int]] = []
    for d in select(facts, counsellor, team):
        settled = first_entry(d, Phase.SETTLEMENT)
        started = first_entry(d, Phase.STABILISATION)
        if settled is None or started is None or not period.contains(settled) or started > settled:
            continue
        pairs.append((d.dossier_id, (settled - started).days))
    return _lead_time("lead_time_stabilisation_settlement", pairs, NORM_STABILISATION_TO_SETTLEMENT_DAYS)


def first_conversation_in_term(
    facts: Iterable[DossierFacts],
    period: Period,
    *,
    counsellor: str | None = None,
    team: str | None = None,
) -> Rate:
    """Share of dossiers whose legal term for the first conversation ended in the period and
    whose first conversation was held on or before the due date.

    Dossiers that ended (afgesloten/uitgevallen) or were referred on or before the due date
    without a conversation are left out: the client left before the term ran out. A dossier
    whose due date is in the period and that has no conversation yet counts as late, so the
    caller passes a period that does not end after today. Source: Wgs art. 4 (RULES.md §2).
    """
    cohort: list[str] = []
    on_time: list[str] = []
    for d in select(facts, counsellor, team):
        due = d.first_conversation_due
        if due is None or not period.contains(due):
            continue
        held = d.intake_held_on
        if held is None and phase_on(d, due) in _LEFT:
            continue
        cohort.append(d.dossier_id)
        if held is not None and held <= due:
            on_time.append(d.dossier_id)
    code = "first_conversation_in_term"
    return Rate(
        code=code,
        label_nl=LABELS[code],
        numerator=Measure(code + "_on_time", "Eerste gesprek op tijd", len(on_time), tuple(on_time)),
        denominator=Measure(code + "_due", "Termijn eerste gesprek liep af", len(cohort), tuple(cohort)),
        reference_percent=100,
    )
