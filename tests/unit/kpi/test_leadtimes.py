"""Percentile method, lead times and the legal term for the first conversation."""

from __future__ import annotations

from datetime import date

import pytest

from app.rules import kpi
from app.rules.kpi import DossierFacts, Transition
from app.rules.phases import Phase

from .dataset import ANNA, FACTS, Q1, ids


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [
        # Classic nearest-rank example: n = 5, rank = ceil(p * 5 / 100)
        ([15, 20, 35, 40, 50], 5, 15),  # rank ceil(0.25) = 1
        ([15, 20, 35, 40, 50], 30, 20),  # rank ceil(1.5) = 2
        ([15, 20, 35, 40, 50], 40, 20),  # rank 2 exactly
        ([15, 20, 35, 40, 50], 50, 35),  # rank ceil(2.5) = 3
        ([15, 20, 35, 40, 50], 100, 50),  # rank 5
        # n = 10, unsorted input: sorted 3 6 7 8 8 10 13 15 16 20
        ([20, 3, 16, 6, 15, 7, 13, 8, 10, 8], 25, 7),  # rank ceil(2.5) = 3
        ([20, 3, 16, 6, 15, 7, 13, 8, 10, 8], 50, 8),  # rank 5: the lower middle value
        ([20, 3, 16, 6, 15, 7, 13, 8, 10, 8], 75, 15),  # rank ceil(7.5) = 8
        ([20, 3, 16, 6, 15, 7, 13, 8, 10, 8], 80, 15),  # rank 8
        ([42], 80, 42),
    ],
)
def test_nearest_rank(values: list[int], percent: int, expected: int) -> None:
    assert kpi.nearest_rank(values, percent) == expected


@pytest.mark.parametrize(("values", "percent"), [([], 50), ([1, 2], 0), ([1, 2], 101)])
def test_nearest_rank_refuses_nonsense(values: list[int], percent: int) -> None:
    with pytest.raises(ValueError):
        kpi.nearest_rank(values, percent)


def test_lead_time_application_to_intake() -> None:
    # sorted [7, 14, 19, 30, 35] (dataset): median 19, P80 30; norm 28 days
    lead = kpi.lead_time_application_intake(FACTS, Q1)
    assert (lead.count, lead.median_days, lead.p80_days, lead.norm_days) == (5, 19, 30, 28)
    assert set(lead.dossier_ids) == set(ids(1, 2, 4, 9, 11))


def test_lead_time_stabilisation_to_settlement() -> None:
    # D1 47 days, D3 71 days: median 47, P80 71
    lead = kpi.lead_time_stabilisation_settlement(FACTS, Q1)
    assert (lead.count, lead.median_days, lead.p80_days) == (2, 47, 71)
    assert set(lead.dossier_ids) == set(ids(1, 3))


def test_lead_time_without_dossiers_is_empty() -> None:
    lead = kpi.lead_time_stabilisation_settlement((), Q1)
    assert (lead.count, lead.median_days, lead.p80_days) == (0, None, None)


def test_settlement_without_stabilisation_is_left_out() -> None:
    # GIVEN a dossier that went from DFD straight to settlement, never through stabilisation
    facts = (
        DossierFacts(
            "z",
            ANNA,
            date(2025, 1, 1),
            transitions=(
                Transition(date(2025, 2, 1), Phase.LONG_TERM_SERVICE.value),
                Transition(date(2026, 2, 1), Phase.SETTLEMENT.value),
            ),
        ),
    )
    assert kpi.lead_time_stabilisation_settlement(facts, Q1).count == 0


def test_first_conversation_within_term() -> None:
    # D1 D2 D4 on time, D9 late, D8 left out (dropped before its due date): 3 of 4
    rate = kpi.first_conversation_in_term(FACTS, Q1)
    assert set(rate.numerator.dossier_ids) == set(ids(1, 2, 4))
    assert set(rate.denominator.dossier_ids) == set(ids(1, 2, 4, 9))
    assert str(rate.percent) == "75.0"


def test_first_conversation_not_yet_held_after_due_date_is_late() -> None:
    # GIVEN a due date in the period, no conversation, still open
    facts = (DossierFacts("w", ANNA, date(2026, 1, 2), first_conversation_due=date(2026, 1, 7)),)
    rate = kpi.first_conversation_in_term(facts, Q1)
    assert (rate.numerator.value, rate.denominator.value) == (0, 1)


def test_first_conversation_skips_referral_before_due_date() -> None:
    facts = (
        DossierFacts(
            "v",
            ANNA,
            date(2026, 1, 2),
            first_conversation_due=date(2026, 1, 30),
            transitions=(Transition(date(2026, 1, 5), Phase.REFERRED.value),),
        ),
    )
    assert kpi.first_conversation_in_term(facts, Q1).denominator.value == 0
