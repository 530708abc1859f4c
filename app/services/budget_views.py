"""Plain, frozen forms and views of budget plans that the interface sends and receives."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class BudgetLineForm:
    """One line as typed: ``side`` is income/expense/reservation, ``frequency`` a Frequency code."""

    side: str
    category: str
    amount_cents: int
    frequency: str = "month"
    description: str = ""


@dataclass(frozen=True)
class PlanForm:
    """The settings of one plan version (leefgeld, official beslagvrije voet, VTLB, note)."""

    valid_from: date
    living_allowance_week_cents: int = 0
    official_garnishment_free_cents: int | None = None
    official_garnishment_free_on: date | None = None
    official_garnishment_free_source: str = ""
    vtlb_cents: int | None = None
    note: str = ""
    #: Components of the beslagvrije voet from the beslaglegger's statement: ((code, cents), …).
    entered_components: tuple[tuple[str, int], ...] = ()
    entered_components_source: str = ""


@dataclass(frozen=True)
class BudgetLineView:
    """One line with its Dutch labels and its amount per month (``app.rules.budget``)."""

    id: uuid.UUID
    version: int
    side: str
    side_label: str
    category: str
    category_label: str
    description: str
    amount_cents: int
    frequency: str
    frequency_label: str
    monthly_cents: int
    position: int

    @property
    def label(self) -> str:
        """Category and description, e.g. ``Loon (Albert Heijn)``."""
        return f"{self.category_label} ({self.description})" if self.description else self.category_label

    def to_form(self) -> BudgetLineForm:
        """The form that would save this line unchanged."""
        return BudgetLineForm(self.side, self.category, self.amount_cents, self.frequency, self.description)


@dataclass(frozen=True)
class PlanVersion:
    """A dated version in the list of versions."""

    id: uuid.UUID
    valid_from: date


@dataclass(frozen=True)
class GarnishmentFree:
    """Beslagvrije voet and aflossingscapaciteit for one plan version.

    ``indication_cents`` is None with ``no_norm_message`` set when no dated norm covers the
    plan's date; ``effective_cents`` is the official amount when recorded, else the indication
    (None when neither is known). ``keeps_voet`` is None when no voet is known.
    """

    on: date
    household_label: str
    seizable_income_cents: int
    indication_cents: int | None
    indication_basis: str
    no_norm_message: str | None
    official_cents: int | None
    official_on: date | None
    official_source: str
    effective_cents: int | None
    effective_label: str
    vtlb_cents: int | None
    repayment_capacity_cents: int | None
    keeps_voet: bool | None
    check_text: str
    components: tuple[ComponentView, ...] = ()
    missing: tuple[str, ...] = ()
    norm_date: date | None = None


@dataclass(frozen=True)
class ComponentView:
    """One component of the indicated beslagvrije voet, with its article (None: not computed)."""

    code: str
    label: str
    article: str
    amount_cents: int | None
    text: str
    entered: bool


@dataclass(frozen=True)
class BudgetAssessment:
    """The monthly totals of a plan and a clear verdict (``app.rules.budget.assess_budget``).

    ``expenses_month_cents`` are the expense lines only; ``reservations_month_cents`` and
    ``living_allowance_month_cents`` come on top; ``surplus_cents`` < 0 is a shortfall.
    """

    income_month_cents: int
    expenses_month_cents: int
    reservations_month_cents: int
    living_allowance_month_cents: int
    repayment_month_cents: int
    surplus_cents: int
    stable: bool
    verdict: str
    reasons: tuple[str, ...]
    garnishment: GarnishmentFree


@dataclass(frozen=True)
class BudgetPlanView:
    """One version of the budget plan with its lines, the verdict and the other versions."""

    id: uuid.UUID
    dossier_id: uuid.UUID
    version: int
    form: PlanForm
    lines: tuple[BudgetLineView, ...]
    assessment: BudgetAssessment
    versions: tuple[PlanVersion, ...]

    @property
    def valid_from(self) -> date:
        return self.form.valid_from

    @property
    def incomes(self) -> tuple[BudgetLineView, ...]:
        return tuple(line for line in self.lines if line.side == "income")

    @property
    def expenses(self) -> tuple[BudgetLineView, ...]:
        return tuple(line for line in self.lines if line.side == "expense")

    @property
    def reservations(self) -> tuple[BudgetLineView, ...]:
        return tuple(line for line in self.lines if line.side == "reservation")
