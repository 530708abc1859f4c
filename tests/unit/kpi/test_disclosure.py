"""Small-number suppression: 1-4 become "<5", 0 stays 0, secondary cells hide as "x"."""

from __future__ import annotations

import pytest

from app.rules.kpi import LeadTime, Measure, Rate
from app.rules.kpi_disclosure import (
    lead_time_status,
    rate_is_publishable,
    rate_status,
    suppress,
    suppress_cells,
)


@pytest.mark.parametrize(
    ("count", "text"),
    [(0, "0"), (1, "<5"), (2, "<5"), (4, "<5"), (5, "5"), (6, "6"), (123, "123")],
)
def test_suppress(count: int, text: str) -> None:
    assert suppress(count) == text


def test_suppress_refuses_negative_counts() -> None:
    with pytest.raises(ValueError):
        suppress(-1)


def test_single_small_cell_with_total_hides_the_smallest_other_cell() -> None:
    # 3 could be recomputed as total 28 - (6 + 19); so 6 (the smallest cell of 5 or more) hides
    assert suppress_cells([3, 19, 6, 0], total_shown=True) == ("<5", "19", "x", "0")


def test_without_total_no_secondary_suppression() -> None:
    assert suppress_cells([3, 19, 6, 0], total_shown=False) == ("<5", "19", "6", "0")


def test_two_small_cells_need_no_secondary_suppression() -> None:
    assert suppress_cells([3, 2, 19], total_shown=True) == ("<5", "<5", "19")


def test_small_cell_and_only_zeros_leaves_the_rest() -> None:
    # total = 2 is itself "<5", nothing else to hide
    assert suppress_cells([2, 0, 0], total_shown=True) == ("<5", "0", "0")


def _rate(numerator: int, denominator: int) -> Rate:
    return Rate("r", "R", Measure("n", "N", numerator, ()), Measure("d", "D", denominator, ()), 95)


@pytest.mark.parametrize(
    ("numerator", "denominator", "status"),
    [(0, 0, "–"), (3, 10, "te klein"), (10, 4, "te klein"), (0, 10, None), (5, 10, None), (12, 12, None)],
)
def test_rate_status(numerator: int, denominator: int, status: str | None) -> None:
    rate = _rate(numerator, denominator)
    assert rate_status(rate) == status
    assert rate_is_publishable(rate) == (status is None)


@pytest.mark.parametrize(("count", "status"), [(0, "–"), (1, "te klein"), (4, "te klein"), (5, None)])
def test_lead_time_status(count: int, status: str | None) -> None:
    lead = LeadTime("l", "L", count, 10 if count else None, 12 if count else None, 28, ())
    assert lead_time_status(lead) == status
