"""Budget lines per month and the stability verdict (app.rules.budget)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.budget import (
    EXPENSE_LABELS,
    FIXED_COSTS,
    FREQUENCY_LABELS,
    INCOME_LABELS,
    PRIORITY_COSTS,
    BudgetLine,
    ExpenseCategory,
    Frequency,
    IncomeCategory,
    assess_budget,
    is_fixed_cost,
    to_monthly_cents,
)

NBSP = "\u00a0"
EXACT: dict[str, Fraction] = {
    "week": Fraction(52, 12),
    "4weeks": Fraction(13, 12),
    "month": Fraction(1),
    "quarter": Fraction(1, 3),
    "year": Fraction(1, 12),
}
amounts = st.integers(min_value=-(10**12), max_value=10**12)
frequencies = st.sampled_from(list(EXACT))


@pytest.mark.parametrize(
    ("amount", "frequency", "monthly"),
    [
        (2500, "week", 10833),  # RULES §5: 32 500 / 3 = 10 833.33
        (100000, "4weeks", 108333),  # RULES §5: 1 300 000 / 12 = 108 333.33
        (12345, "month", 12345),
        (1000, "quarter", 333),  # 333.33
        (1001, "quarter", 334),  # 333.67
        (1800, "year", 150),
        (3, "week", 13),  # exactly 13
        (6, "4weeks", 7),  # 6.5: a tie rounds up
        (6, "year", 1),  # 0.5: a tie rounds up
        (5, "year", 0),  # 0.42
        (-6, "4weeks", -7),  # -6.5: away from zero, the mirror of +6
        (-6, "year", -1),
        (-2500, "week", -10833),
        (0, "week", 0),
    ],
)
def test_to_monthly_cents_examples(amount: int, frequency: str, monthly: int) -> None:
    assert to_monthly_cents(amount, frequency) == monthly


@pytest.mark.parametrize("frequency", ["weekly", "", "Month", "4 weeks", "jaar", "day"])
def test_unknown_frequency_is_refused(frequency: str) -> None:
    with pytest.raises(ValueError, match="Onbekende frequentie"):
        to_monthly_cents(100, frequency)


def test_enum_member_and_plain_code_give_the_same_result() -> None:
    assert to_monthly_cents(2500, Frequency.WEEK) == to_monthly_cents(2500, "week")


@given(amounts, frequencies)
def test_rounding_error_below_half_a_cent(amount: int, frequency: str) -> None:
    exact = amount * EXACT[frequency]
    assert abs(to_monthly_cents(amount, frequency) - exact) <= Fraction(1, 2)


@given(amounts, amounts, frequencies)
def test_monotonic_in_amount(a: int, b: int, frequency: str) -> None:
    low, high = sorted((a, b))
    assert to_monthly_cents(low, frequency) <= to_monthly_cents(high, frequency)


@given(amounts)
def test_month_is_identity(amount: int) -> None:
    assert to_monthly_cents(amount, "month") == amount


@given(amounts)
def test_year_of_twelve_months_and_quarter_of_three(monthly: int) -> None:
    assert to_monthly_cents(12 * monthly, "year") == monthly
    assert to_monthly_cents(3 * monthly, "quarter") == monthly


@given(amounts, frequencies)
def test_negative_is_the_mirror_image(amount: int, frequency: str) -> None:
    assert to_monthly_cents(-amount, frequency) == -to_monthly_cents(amount, frequency)


def test_labels_are_complete() -> None:
    assert set(FREQUENCY_LABELS) == set(Frequency)
    assert set(INCOME_LABELS) == set(IncomeCategory)
    assert set(EXPENSE_LABELS) == set(ExpenseCategory)
    assert PRIORITY_COSTS <= FIXED_COSTS
    assert is_fixed_cost(ExpenseCategory.RENT)
    assert not is_fixed_cost(ExpenseCategory.LIVING)
    assert not is_fixed_cost(ExpenseCategory.REPAYMENT)


def test_budget_line_takes_plain_frequency_codes() -> None:
    line = BudgetLine(ExpenseCategory.RENT, 52000, "month", "Kamer")  # type: ignore[arg-type]
    assert line.frequency is Frequency.MONTH
    assert line.monthly_cents == 52000


@pytest.mark.parametrize(
    ("amount", "frequency", "error"),
    [(-1, "month", ValueError), (100, "fortnight", ValueError), (1.5, "month", TypeError)],
)
def test_budget_line_refuses_bad_input(amount: object, frequency: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        BudgetLine(ExpenseCategory.RENT, amount, frequency)  # type: ignore[arg-type]


def month(category: IncomeCategory | ExpenseCategory, cents: int) -> BudgetLine:
    return BudgetLine(category, cents, Frequency.MONTH)


def test_stable_budget_like_sanne() -> None:
    # GIVEN net wages 1.180,00; room 520,00; insurance 150,00; phone 30,00;
    # clothing reserved 600,00 a year (= 50,00 a month); leefgeld 60,00 a week (= 260,00)
    incomes = [month(IncomeCategory.WAGES, 118000)]
    expenses = [
        month(ExpenseCategory.RENT, 52000),
        month(ExpenseCategory.HEALTH_INSURANCE, 15000),
        month(ExpenseCategory.PHONE_INTERNET, 3000),
    ]
    reservations = [BudgetLine(ExpenseCategory.RESERVATION, 60000, Frequency.YEAR, "Kleding")]
    # WHEN
    verdict = assess_budget(incomes, expenses, 6000, reservations, 112100)
    # THEN 1180 - (520 + 150 + 30 + 50) - 260 = 170
    assert verdict.total_income_month_cents == 118000
    assert verdict.total_expenses_month_cents == 75000
    assert verdict.reservations_month_cents == 5000
    assert verdict.living_allowance_month_cents == 26000
    assert verdict.repayment_month_cents == 0
    assert verdict.surplus_cents == 17000
    assert verdict.stable
    assert verdict.reasons == (f"Er blijft elke maand €{NBSP}170,00 over.",)


def test_shortfall_names_the_monthly_gap() -> None:
    # GIVEN 1500 in; rent 650, insurance 150, repayment 135; leefgeld 150/week = 650
    incomes = [month(IncomeCategory.BENEFIT, 150000)]
    expenses = [
        month(ExpenseCategory.RENT, 65000),
        month(ExpenseCategory.HEALTH_INSURANCE, 15000),
        month(ExpenseCategory.REPAYMENT, 13500),
    ]
    # WHEN (beslagvrije voet 1.278,18; 1500 - 135 = 1365 is above it)
    verdict = assess_budget(incomes, expenses, 15000, [], 127818)
    # THEN 1500 - 935 - 650 = -85
    assert verdict.surplus_cents == -8500
    assert not verdict.stable
    assert verdict.reasons == (f"Er is elke maand €{NBSP}85,00 tekort.",)


def test_plan_below_the_beslagvrije_voet_is_not_stable() -> None:
    # GIVEN 1500 in, 300 repayment: 1200 left, below a voet of 1.278,18
    incomes = [month(IncomeCategory.WAGES, 150000)]
    expenses = [month(ExpenseCategory.RENT, 50000), month(ExpenseCategory.REPAYMENT, 30000)]
    # WHEN leefgeld 100/week = 433,33
    verdict = assess_budget(incomes, expenses, 10000, [], 127818)
    # THEN there is money left, but the plan takes too much
    assert verdict.surplus_cents == 150000 - 80000 - 43333
    assert not verdict.stable
    assert verdict.reasons == ("Het plan laat minder over dan de beslagvrije voet.",)


def test_exactly_the_beslagvrije_voet_left_is_stable() -> None:
    incomes = [month(IncomeCategory.WAGES, 150000)]
    expenses = [month(ExpenseCategory.REPAYMENT, 22182)]
    verdict = assess_budget(incomes, expenses, 0, [], 127818)
    assert verdict.stable


def test_zero_surplus_is_stable_and_says_so() -> None:
    verdict = assess_budget(
        [month(IncomeCategory.WAGES, 100000)], [month(ExpenseCategory.RENT, 100000)], 0, [], None
    )
    assert verdict.stable
    assert verdict.reasons == ("Inkomsten en uitgaven zijn precies gelijk. Er blijft niets over.",)


def test_no_income_is_not_stable() -> None:
    verdict = assess_budget([], [], 0, [], None)
    assert not verdict.stable
    assert verdict.reasons == ("Er is nog geen inkomen ingevuld.",)


def test_lines_are_rounded_one_by_one_so_the_overview_adds_up() -> None:
    # two lines of 1 cent a week: each 52 / 12 = 4.33 -> 4 cents a month, total 8;
    # rounding the exact sum (8.67) instead would give 9 and the printed lines would not add up
    lines = [BudgetLine(ExpenseCategory.OTHER, 1, Frequency.WEEK)] * 2
    verdict = assess_budget([month(IncomeCategory.WAGES, 100)], lines, 0, [], None)
    assert [line.monthly_cents for line in lines] == [4, 4]
    assert verdict.total_expenses_month_cents == 8


def test_categories_must_match_their_side() -> None:
    with pytest.raises(ValueError, match="Inkomsten"):
        assess_budget([month(ExpenseCategory.RENT, 1)], [], 0, [], None)
    with pytest.raises(ValueError, match="Uitgaven"):
        assess_budget([], [month(IncomeCategory.WAGES, 1)], 0, [], None)
    with pytest.raises(ValueError, match="Uitgaven"):
        assess_budget([], [], 0, [month(IncomeCategory.WAGES, 1)], None)
    with pytest.raises(ValueError, match="Leefgeld"):
        assess_budget([], [], -1, [], None)


line_amounts = st.integers(min_value=0, max_value=10**8)
freqs = st.sampled_from(list(Frequency))
income_lines = st.lists(
    st.builds(BudgetLine, st.sampled_from(list(IncomeCategory)), line_amounts, freqs), max_size=5
)
expense_lines = st.lists(
    st.builds(BudgetLine, st.sampled_from(list(ExpenseCategory)), line_amounts, freqs), max_size=5
)


@given(income_lines, expense_lines, line_amounts, expense_lines, st.none() | line_amounts)
def test_verdict_is_consistent(
    incomes: list[BudgetLine],
    expenses: list[BudgetLine],
    leefgeld_week: int,
    reservations: list[BudgetLine],
    voet: int | None,
) -> None:
    verdict = assess_budget(incomes, expenses, leefgeld_week, reservations, voet)
    assert verdict.surplus_cents == (
        verdict.total_income_month_cents
        - verdict.total_expenses_month_cents
        - verdict.living_allowance_month_cents
    )
    left = verdict.total_income_month_cents - verdict.repayment_month_cents
    expected_stable = (
        verdict.total_income_month_cents > 0 and verdict.surplus_cents >= 0 and (voet is None or left >= voet)
    )
    assert verdict.stable is expected_stable
    assert verdict.reasons
