"""The budget plan: lines in any frequency, normalised per month, and a verdict on stability.

Sources: RULES.md §5 (normalisation, one rounding step, half up); Nibud-methode van budgetteren
(monthly budget; vaste lasten, reserveringsuitgaven, huishoudelijke uitgaven); NVVK definition
of stabilisatie (seed 004:618: income and expenses in balance, beslagvrije voet guaranteed);
Wgs art. 4a (the plan respects the beslagvrije voet).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.rules.money import divide_half_up, format_amount


class Frequency(StrEnum):
    """How often a budget line is paid or received; Dutch labels in ``FREQUENCY_LABELS``."""

    WEEK = "week"
    FOUR_WEEKS = "4weeks"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


FREQUENCY_LABELS: dict[Frequency, str] = {
    Frequency.WEEK: "per week",
    Frequency.FOUR_WEEKS: "per 4 weken",
    Frequency.MONTH: "per maand",
    Frequency.QUARTER: "per kwartaal",
    Frequency.YEAR: "per jaar",
}

# Exact factor to a month as (numerator, denominator): 52 weeks or 13 four-week periods a year.
_PER_MONTH: dict[Frequency, tuple[int, int]] = {
    Frequency.WEEK: (52, 12),
    Frequency.FOUR_WEEKS: (13, 12),
    Frequency.MONTH: (1, 1),
    Frequency.QUARTER: (1, 3),
    Frequency.YEAR: (1, 12),
}


def to_monthly_cents(amount_cents: int, frequency: str) -> int:
    """Normalise an amount paid ``frequency`` to an amount per month, in cents.

    week × 52 / 12, 4 weeks × 13 / 12, quarter / 3, year / 12, in exact integer arithmetic
    with one rounding step, half away from zero (so ``f(-x) == -f(x)``):
    ``to_monthly_cents(2500, "week") == 10833``; ``to_monthly_cents(100000, "4weeks") == 108333``.
    Source: RULES.md §5 "Budget lines"; Nibud gemiddelde maandbegroting.

    Raises:
        ValueError: for a frequency other than week, 4weeks, month, quarter, year.
    """
    numerator, denominator = _PER_MONTH[_frequency(frequency)]
    return divide_half_up(amount_cents * numerator, denominator)


def _frequency(code: str) -> Frequency:
    try:
        return Frequency(code)
    except ValueError:
        choices = ", ".join(f.value for f in Frequency)
        raise ValueError(f"Onbekende frequentie {code!r}; kies uit {choices}") from None


class IncomeCategory(StrEnum):
    """Kinds of income; Dutch labels in ``INCOME_LABELS``."""

    WAGES = "wages"
    BENEFIT = "benefit"
    HUURTOESLAG = "huurtoeslag"
    ZORGTOESLAG = "zorgtoeslag"
    KINDERBIJSLAG = "kinderbijslag"
    KINDGEBONDEN_BUDGET = "kindgebonden_budget"
    ALIMENTATIE = "alimentatie"
    OTHER = "other"


INCOME_LABELS: dict[IncomeCategory, str] = {
    IncomeCategory.WAGES: "Loon",
    IncomeCategory.BENEFIT: "Uitkering",
    IncomeCategory.HUURTOESLAG: "Huurtoeslag",
    IncomeCategory.ZORGTOESLAG: "Zorgtoeslag",
    IncomeCategory.KINDERBIJSLAG: "Kinderbijslag",
    IncomeCategory.KINDGEBONDEN_BUDGET: "Kindgebonden budget",
    IncomeCategory.ALIMENTATIE: "Alimentatie",
    IncomeCategory.OTHER: "Ander inkomen",
}


class ExpenseCategory(StrEnum):
    """Kinds of expenses; Dutch labels in ``EXPENSE_LABELS``, vaste lasten in ``FIXED_COSTS``."""

    RENT = "rent"
    MORTGAGE = "mortgage"
    ENERGY = "energy"
    WATER = "water"
    HEALTH_INSURANCE = "health_insurance"
    OTHER_INSURANCE = "other_insurance"
    MUNICIPAL_TAXES = "municipal_taxes"
    PHONE_INTERNET = "phone_internet"
    CHILDCARE = "childcare"
    TRANSPORT = "transport"
    SUBSCRIPTIONS = "subscriptions"
    LIVING = "living"
    RESERVATION = "reservation"
    REPAYMENT = "repayment"
    OTHER = "other"


EXPENSE_LABELS: dict[ExpenseCategory, str] = {
    ExpenseCategory.RENT: "Huur",
    ExpenseCategory.MORTGAGE: "Hypotheek en woonlasten eigen woning",
    ExpenseCategory.ENERGY: "Energie (gas en stroom)",
    ExpenseCategory.WATER: "Water",
    ExpenseCategory.HEALTH_INSURANCE: "Zorgverzekering",
    ExpenseCategory.OTHER_INSURANCE: "Andere verzekeringen",
    ExpenseCategory.MUNICIPAL_TAXES: "Gemeentelijke belastingen",
    ExpenseCategory.PHONE_INTERNET: "Telefoon en internet",
    ExpenseCategory.CHILDCARE: "Kinderopvang",
    ExpenseCategory.TRANSPORT: "Vervoer",
    ExpenseCategory.SUBSCRIPTIONS: "Abonnementen en contributies",
    ExpenseCategory.LIVING: "Huishouden (eten, drinken, verzorging)",
    ExpenseCategory.RESERVATION: "Reservering (kleding, spullen)",
    ExpenseCategory.REPAYMENT: "Aflossing schulden",
    ExpenseCategory.OTHER: "Andere uitgaven",
}

#: Vaste lasten in the Nibud sense: fixed, recurring payments.
FIXED_COSTS: frozenset[ExpenseCategory] = frozenset(
    {
        ExpenseCategory.RENT,
        ExpenseCategory.MORTGAGE,
        ExpenseCategory.ENERGY,
        ExpenseCategory.WATER,
        ExpenseCategory.HEALTH_INSURANCE,
        ExpenseCategory.OTHER_INSURANCE,
        ExpenseCategory.MUNICIPAL_TAXES,
        ExpenseCategory.PHONE_INTERNET,
        ExpenseCategory.CHILDCARE,
        ExpenseCategory.TRANSPORT,
        ExpenseCategory.SUBSCRIPTIONS,
    }
)

#: Vaste lasten whose arrears make a bedreigende situatie (Wgs art. 4; RULES.md §2): pay first.
PRIORITY_COSTS: frozenset[ExpenseCategory] = frozenset(
    {
        ExpenseCategory.RENT,
        ExpenseCategory.ENERGY,
        ExpenseCategory.WATER,
        ExpenseCategory.HEALTH_INSURANCE,
    }
)


def is_fixed_cost(category: ExpenseCategory) -> bool:
    """Return whether an expense is a vaste last. Source: Nibud-methode van budgetteren."""
    return category in FIXED_COSTS


@dataclass(frozen=True)
class BudgetLine:
    """One income or expense as the client pays or receives it.

    ``amount_cents`` is never negative: whether it is money in or out follows from the category.
    ``frequency`` accepts the plain codes ("week", …) and is stored as ``Frequency``.
    """

    category: IncomeCategory | ExpenseCategory
    amount_cents: int
    frequency: Frequency
    description: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.amount_cents, int) or isinstance(self.amount_cents, bool):
            raise TypeError("amount_cents moet een int zijn")
        if self.amount_cents < 0:
            raise ValueError("Een bedrag in de begroting is nooit negatief")
        object.__setattr__(self, "frequency", _frequency(self.frequency))

    @property
    def monthly_cents(self) -> int:
        """The amount per month (RULES.md §5 normalisation)."""
        return to_monthly_cents(self.amount_cents, self.frequency)


@dataclass(frozen=True)
class BudgetVerdict:
    """The monthly picture of a budget plan and whether it is stable.

    ``total_expenses_month_cents`` holds the expense lines and the reservations (also shown
    apart in ``reservations_month_cents``); leefgeld is separate. ``surplus_cents`` = income −
    expenses − leefgeld (negative = shortfall). ``reasons`` are Dutch sentences for the
    counsellor and the client, always at least one.
    """

    total_income_month_cents: int
    total_expenses_month_cents: int
    living_allowance_month_cents: int
    reservations_month_cents: int
    repayment_month_cents: int
    surplus_cents: int
    stable: bool
    reasons: tuple[str, ...]


def assess_budget(
    incomes: Sequence[BudgetLine],
    expenses: Sequence[BudgetLine],
    living_allowance_week_cents: int,
    reservations: Sequence[BudgetLine],
    garnishment_free_cents: int | None,
) -> BudgetVerdict:
    """Judge whether a budget plan is stable: no monthly shortfall and the beslagvrije voet kept.

    Each line is normalised per month separately (so the printed lines add up to the totals);
    leefgeld is weekly × 52 / 12. The plan is stable when there is income, nothing is short
    each month, and — when a beslagvrije voet is given — income minus repayments
    (``ExpenseCategory.REPAYMENT`` lines) is at least that voet.
    Sources: NVVK stabilisatie (seed 004:618); Wgs art. 4a (plan respects the beslagvrije
    voet); RULES.md §5.

    Raises:
        ValueError: when an income line has an expense category or the other way round, or the
            leefgeld is negative.
    """
    for line in incomes:
        if not isinstance(line.category, IncomeCategory):
            raise ValueError(f"Inkomsten bevatten een uitgave: {line.category}")
    for line in (*expenses, *reservations):
        if not isinstance(line.category, ExpenseCategory):
            raise ValueError(f"Uitgaven bevatten een inkomen: {line.category}")
    if living_allowance_week_cents < 0:
        raise ValueError("Leefgeld is nooit negatief")

    income = sum(line.monthly_cents for line in incomes)
    reserved = sum(line.monthly_cents for line in reservations)
    spent = sum(line.monthly_cents for line in expenses) + reserved
    living = to_monthly_cents(living_allowance_week_cents, Frequency.WEEK)
    repayment = sum(
        line.monthly_cents
        for line in (*expenses, *reservations)
        if line.category is ExpenseCategory.REPAYMENT
    )
    surplus = income - spent - living

    reasons: list[str] = []
    if income == 0:
        reasons.append("Er is nog geen inkomen ingevuld.")
    if surplus < 0:
        reasons.append(f"Er is elke maand {format_amount(-surplus)} tekort.")
    if garnishment_free_cents is not None and income - repayment < garnishment_free_cents:
        reasons.append("Het plan laat minder over dan de beslagvrije voet.")
    stable = not reasons
    if stable:
        if surplus == 0:
            reasons.append("Inkomsten en uitgaven zijn precies gelijk. Er blijft niets over.")
        else:
            reasons.append(f"Er blijft elke maand {format_amount(surplus)} over.")

    return BudgetVerdict(
        total_income_month_cents=income,
        total_expenses_month_cents=spent,
        living_allowance_month_cents=living,
        reservations_month_cents=reserved,
        repayment_month_cents=repayment,
        surplus_cents=surplus,
        stable=stable,
        reasons=tuple(reasons),
    )
