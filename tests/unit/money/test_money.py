"""Dutch amounts <-> integer cents (app.rules.money)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.money import (
    EURO_PREFIX,
    MAX_ABS_CENTS,
    AmountError,
    cents_to_decimal,
    decimal_to_cents,
    divide_half_up,
    format_amount,
    format_plain,
    parse_amount,
)

NBSP = "\u00a0"
cents_values = st.integers(min_value=-MAX_ABS_CENTS, max_value=MAX_ABS_CENTS)


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1.234,56", 123456),
        ("1234,5", 123450),
        ("€ 12", 1200),
        ("€12", 1200),
        (f"€{NBSP}12", 1200),
        ("12 €", 1200),
        ("12,-", 1200),
        ("12,--", 1200),
        ("-12,50", -1250),
        ("−12,50", -1250),  # typographic minus sign
        ("€ -12,50", -1250),
        ("-€ 12,50", -1250),
        ("+12", 1200),
        ("1234", 123400),
        ("0", 0),
        ("-0", 0),
        ("0,05", 5),
        (",50", 50),
        ("1.234.567,89", 123456789),
        ("  7,1  ", 710),
        ("9.999.999.999,99", MAX_ABS_CENTS),
        ("0009999999999,99", MAX_ABS_CENTS),
    ],
)
def test_parse_accepts_dutch_amounts(text: str, cents: int) -> None:
    assert parse_amount(text) == cents


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Vul een bedrag in."),
        ("   ", "Vul een bedrag in."),
        ("abc", "Vul een bedrag in zoals 1.234,56."),
        ("12.34.5", "Vul een bedrag in zoals 1.234,56."),
        ("1.2345", "Vul een bedrag in zoals 1.234,56."),
        ("1.234.56", "Vul een bedrag in zoals 1.234,56."),
        ("12 34", "Vul een bedrag in zoals 1.234,56."),
        ("1,,2", "Vul een bedrag in zoals 1.234,56."),
        ("--5", "Vul een bedrag in zoals 1.234,56."),
        ("€€5", "Vul een bedrag in zoals 1.234,56."),
        ("€", "Vul een bedrag in zoals 1.234,56."),
        ("-", "Vul een bedrag in zoals 1.234,56."),
        (",-", "Vul een bedrag in zoals 1.234,56."),
        ("12,5-", "Vul een bedrag in zoals 1.234,56."),
        ("١٢", "Vul een bedrag in zoals 1.234,56."),  # non-ASCII digits
        ("1e3", "Vul een bedrag in zoals 1.234,56."),
        ("1,234", "Gebruik hoogstens 2 cijfers na de komma, zoals 1.234,56."),
        ("12,345", "Gebruik hoogstens 2 cijfers na de komma, zoals 1.234,56."),
        ("12.5", "Gebruik een komma voor de centen, zoals 12,50."),
        ("12.50", "Gebruik een komma voor de centen, zoals 12,50."),
        ("10.000.000.000,00", "Dit bedrag is te groot."),
        ("9" * 5000, "Dit bedrag is te groot."),
    ],
)
def test_parse_refuses_nonsense_with_a_dutch_message(text: str, message: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    assert str(caught.value) == message


def test_amount_error_is_a_value_error() -> None:
    assert issubclass(AmountError, ValueError)


@pytest.mark.parametrize(
    ("cents", "plain"),
    [
        (0, "0,00"),
        (5, "0,05"),
        (-5, "-0,05"),
        (100, "1,00"),
        (99999, "999,99"),
        (123456, "1.234,56"),
        (-123456, "-1.234,56"),
        (100000000, "1.000.000,00"),
    ],
)
def test_format_plain(cents: int, plain: str) -> None:
    assert format_plain(cents) == plain


def test_format_amount_uses_a_no_break_space_and_sign_after_the_euro() -> None:
    # GIVEN / WHEN / THEN
    assert format_amount(123456) == f"€{NBSP}1.234,56"
    assert format_amount(-123456) == f"€{NBSP}-1.234,56"
    assert f"€{NBSP}" == EURO_PREFIX


@pytest.mark.parametrize("bad", [1.5, True, "12", Decimal("1")])
def test_format_refuses_non_int(bad: Any) -> None:
    with pytest.raises(TypeError):
        format_plain(bad)


@given(cents_values)
def test_parse_format_amount_round_trip(cents: int) -> None:
    assert parse_amount(format_amount(cents)) == cents


@given(cents_values)
def test_parse_format_plain_round_trip(cents: int) -> None:
    assert parse_amount(format_plain(cents)) == cents


@given(st.integers(min_value=0, max_value=MAX_ABS_CENTS))
def test_parse_unformatted_input_round_trip(cents: int) -> None:
    # "1234,56" without thousands dots, as people usually type it
    euros, rest = divmod(cents, 100)
    assert parse_amount(f"{euros},{rest:02d}") == cents


@given(st.integers(), st.integers().filter(lambda d: d != 0))
def test_divide_half_up_matches_exact_fraction(numerator: int, denominator: int) -> None:
    exact = Fraction(numerator, denominator)
    result = divide_half_up(numerator, denominator)
    assert abs(result - exact) <= Fraction(1, 2)
    # a tie goes away from zero
    if abs(result - exact) == Fraction(1, 2):
        assert abs(result) > abs(exact)


@pytest.mark.parametrize(
    ("numerator", "denominator", "result"),
    [(5, 2, 3), (-5, 2, -3), (5, -2, -3), (-5, -2, 3), (4, 3, 1), (5, 3, 2), (-4, 3, -1), (0, 7, 0)],
)
def test_divide_half_up_examples(numerator: int, denominator: int, result: int) -> None:
    assert divide_half_up(numerator, denominator) == result


def test_divide_half_up_by_zero() -> None:
    with pytest.raises(ZeroDivisionError):
        divide_half_up(1, 0)


@given(cents_values)
def test_decimal_round_trip(cents: int) -> None:
    assert decimal_to_cents(cents_to_decimal(cents)) == cents


def test_decimal_edges() -> None:
    assert cents_to_decimal(123456) == Decimal("1234.56")
    assert decimal_to_cents(Decimal("12.5")) == 1250
    with pytest.raises(ValueError, match="decimalen"):
        decimal_to_cents(Decimal("0.001"))
    with pytest.raises(ValueError):
        decimal_to_cents(Decimal("NaN"))
