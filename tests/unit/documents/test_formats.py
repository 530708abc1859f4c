"""Dutch notation of dates, times and money."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.documents.formats import format_date_nl, format_money, format_time_nl


@pytest.mark.parametrize(
    ("cents", "expected"),
    [
        (123456, "€ 1.234,56"),
        (0, "€ 0,00"),
        (5, "€ 0,05"),
        (100, "€ 1,00"),
        (123456789, "€ 1.234.567,89"),
        (-1250, "€ -12,50"),
    ],
)
def test_money_is_written_the_dutch_way(cents: int, expected: str) -> None:
    assert format_money(cents).replace("\u00a0", " ") == expected


def test_money_keeps_the_euro_sign_with_the_amount() -> None:
    assert format_money(100)[1] == "\u00a0"


@pytest.mark.parametrize("bad", [1.5, True, "100"])
def test_money_refuses_anything_but_integer_cents(bad: object) -> None:
    with pytest.raises(TypeError):
        format_money(bad)  # type: ignore[arg-type]


def test_dates_use_dutch_month_names() -> None:
    assert format_date_nl(date(2026, 11, 30)) == "30 november 2026"
    assert format_date_nl(date(2027, 3, 1)) == "1 maart 2027"
    assert format_date_nl(date(2026, 12, 28), weekday=True) == "maandag 28 december 2026"


def test_times_use_a_dot_and_uur() -> None:
    assert format_time_nl(time(9, 5)) == "9.05 uur"
    assert format_time_nl(time(14, 30)) == "14.30 uur"


def test_reportlab_runs_with_its_c_accelerator() -> None:
    # GIVEN the installed ReportLab (pyproject asks for reportlab[accel]) WHEN its helpers are used
    from reportlab.lib import rl_accel

    # THEN they are the compiled ones from _rl_accel, not the pure-Python fallbacks
    for name in ("fp_str", "escapePDF", "asciiBase85Encode", "instanceStringWidthTTF"):
        assert type(getattr(rl_accel, name)).__name__ == "builtin_function_or_method", name
