"""Each stuurinformatie measure on the hand-made team in ``dataset.py`` (answers worked out there)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from app.rules import kpi
from app.rules.kpi import DossierFacts, Measure, Period, Transition
from app.rules.phases import Phase

from .dataset import ANNA, BOB, CARL, FACTS, Q1, T1, T2, did, ids


@pytest.mark.parametrize(
    ("function", "value", "numbers"),
    [
        (kpi.applications, 7, (1, 2, 4, 5, 8, 9, 11)),
        (kpi.intakes, 5, (1, 2, 4, 9, 11)),
        (kpi.no_shows, 1, (4,)),
        (kpi.stabilisation_inflow, 3, (1, 2, 9)),
        (kpi.stabilisation_self, 1, (1,)),
        (kpi.stabilisation_social_work, 2, (2, 9)),
        (kpi.ready_for_settlement, 4, (1, 2, 3, 6)),
        (kpi.settlement_agreed, 2, (1, 3)),
        (kpi.long_term_service_inflow, 1, (7,)),
        (kpi.long_term_service_open, 1, (7,)),
        (kpi.long_term_service_to_settlement, 1, (6,)),
    ],
)
def test_count_measures_on_the_team(
    function: Callable[..., Measure], value: int, numbers: tuple[int, ...]
) -> None:
    # WHEN
    measure = function(FACTS, Q1)
    # THEN
    assert measure.value == value
    assert measure.dossier_ids == ids(*numbers)
    assert measure.label_nl == kpi.LABELS[measure.code]
    assert measure.code in kpi.DEFINITIONS


def test_filters_per_counsellor_and_team() -> None:
    # anna: D1 D2 D8 D9; team T1: all but D11; team T2: D11
    assert kpi.applications(FACTS, Q1, counsellor=ANNA).dossier_ids == ids(1, 2, 8, 9)
    assert kpi.applications(FACTS, Q1, team=T1).value == 6
    assert kpi.applications(FACTS, Q1, team=T2).dossier_ids == ids(11)
    assert kpi.applications(FACTS, Q1, counsellor=CARL, team=T1).value == 0


def test_period_bounds_are_inclusive() -> None:
    # D1 melding 2026-01-05: a one-day period on that day finds it; the day before does not
    assert kpi.applications(FACTS, Period(date(2026, 1, 5), date(2026, 1, 5))).dossier_ids == ids(1)
    assert kpi.applications(FACTS, Period(date(2026, 1, 4), date(2026, 1, 4))).value == 0


def test_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        Period(date(2026, 2, 1), date(2026, 1, 31))


def test_dropouts_by_reason() -> None:
    # WHEN
    breakdown = kpi.dropouts_by_reason(FACTS, Q1)
    # THEN D4 no_show, D8 withdrawn_reason_unknown; every other reason listed with 0
    rows = {r.code.split(":")[1]: r.value for r in breakdown.rows}
    assert rows["no_show"] == 1
    assert rows["withdrawn_reason_unknown"] == 1
    assert sum(rows.values()) == 2
    assert "amicable_agreement" not in rows  # a positive outcome is never uitval
    assert breakdown.total is not None
    assert breakdown.total.dossier_ids == ids(4, 8)


def test_dropout_without_reason_is_listed_as_not_recorded() -> None:
    # GIVEN one dossier that dropped out without a recorded reason
    facts = (
        DossierFacts(
            "x",
            ANNA,
            date(2026, 1, 2),
            transitions=(Transition(date(2026, 1, 9), Phase.DROPPED_OUT.value),),
        ),
    )
    # WHEN
    rows = kpi.dropouts_by_reason(facts, Q1).rows
    # THEN
    assert rows[-1].code == "dropouts:unknown"
    assert rows[-1].label_nl == "Niet vastgelegd"
    assert rows[-1].value == 1


def test_caseload_per_counsellor_at_period_end() -> None:
    # WHEN
    breakdown = kpi.caseload(FACTS, Q1)
    # THEN anna 4 (D1 D2 D3 D9), bob 3 (D5 D6 D7), carl 1 (D11)
    by_counsellor = {r.code.split(":")[1]: r.dossier_ids for r in breakdown.rows}
    assert by_counsellor == {ANNA: ids(1, 2, 3, 9), BOB: ids(5, 6, 7), CARL: ids(11)}
    assert breakdown.total is not None
    assert breakdown.total.value == 8


def test_caseload_for_one_counsellor_has_one_row() -> None:
    rows = kpi.caseload(FACTS, Q1, counsellor=BOB).rows
    assert [(r.code, r.value) for r in rows] == [(f"caseload:{BOB}", 3)]


def test_profiles_of_open_dossiers() -> None:
    # WHEN
    rows = {r.code.split(":")[1]: r.value for r in kpi.profiles(FACTS, Q1).rows}
    # THEN all five profiles are listed, plus the dossier without profile (D5)
    assert rows == {
        "onwetende": 2,
        "aanpakker": 2,
        "kwetsbare": 2,
        "benadeelde": 1,
        "struisvogel": 0,
        "unknown": 1,
    }


def test_products_running_in_the_period() -> None:
    # WHEN
    breakdown = kpi.products(FACTS, Q1)
    # THEN D3's coaching ended before Q1; D7's budgetbeheer ended inside Q1 and counts
    rows = {r.code.split(":")[1]: r.dossier_ids for r in breakdown.rows}
    assert rows["budget_coaching"] == ids(1)
    assert rows["budget_management"] == ids(2, 7)
    assert rows["protective_administration"] == ids(6)
    assert rows["budget_guidance"] == ()
    assert breakdown.total is None  # a client with two products counts twice: no total


def test_going_back_and_forth_counts_once() -> None:
    # GIVEN a dossier that enters stabilisation, becomes ready, goes back and is ready again
    moves = (
        Transition(date(2026, 1, 10), Phase.STABILISATION.value),
        Transition(date(2026, 2, 1), Phase.READY_FOR_SETTLEMENT.value),
        Transition(date(2026, 2, 15), Phase.STABILISATION.value, Phase.READY_FOR_SETTLEMENT.value),
        Transition(date(2026, 3, 1), Phase.READY_FOR_SETTLEMENT.value),
    )
    facts = (DossierFacts("y", ANNA, date(2026, 1, 2), transitions=moves),)
    # THEN
    assert kpi.stabilisation_inflow(facts, Q1).value == 1
    assert kpi.ready_for_settlement(facts, Q1).value == 1


def test_dfd_exit_uses_inferred_from_phase() -> None:
    # GIVEN D6 with from_phase missing on every move (dataset): the rule infers DFD → ready
    assert all(t.from_phase is None for t in FACTS[5].transitions)
    # THEN
    assert kpi.long_term_service_to_settlement(FACTS, Q1).dossier_ids == (did(6),)


def test_dashboard_summary_holds_every_measure_and_the_funnel() -> None:
    # WHEN
    summary = kpi.dashboard_summary(FACTS, Q1)
    # THEN
    assert summary.measure("applications").value == 7
    funnel = {
        r.code: (r.numerator.value, r.denominator.value, r.percent, r.reference_percent)
        for r in summary.funnel
    }
    assert funnel == {
        "rate_application_intake": (5, 7, Decimal("71.4"), 95),
        "rate_stabilisation_ready": (4, 3, Decimal("133.3"), 60),
        "rate_ready_agreement": (2, 4, Decimal("50.0"), 85),
        "rate_social_partner": (2, 3, Decimal("66.7"), 50),
    }
    assert summary.first_conversation_in_term.percent == Decimal("75.0")
    assert [lt.median_days for lt in summary.lead_times] == [19, 47]
    assert summary.caseload.total is not None
    assert summary.caseload.total.value == 8
    assert summary.scope_label_nl == "Alle dossiers"
    with pytest.raises(KeyError):
        summary.measure("nonsense")


def test_dashboard_summary_for_one_counsellor() -> None:
    # anna: applications D1 D2 D8 D9; intakes D1 D2 D9; lead time [14, 30, 35] → median 30
    summary = kpi.dashboard_summary(FACTS, Q1, counsellor=ANNA)
    assert summary.measure("applications").dossier_ids == ids(1, 2, 8, 9)
    assert summary.measure("intakes").value == 3
    assert summary.lead_times[0].median_days == 30
    assert summary.scope_label_nl == "Eén consulent"


def test_rate_without_denominator_has_no_percent() -> None:
    summary = kpi.dashboard_summary((), Q1)
    assert all(r.percent is None for r in summary.funnel)
    assert summary.measure("applications").value == 0


def test_every_label_has_a_definition() -> None:
    assert set(kpi.LABELS) <= set(kpi.DEFINITIONS)
    for code in ("method_period", "method_percentile", "method_suppression"):
        assert kpi.DEFINITIONS[code]
