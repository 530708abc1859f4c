"""Budget plans: dated versions per dossier, with income, expense and reservation lines.

A new version starts on ``valid_from`` and copies the lines of the one before, so the history
of a household's budget stays readable. The official beslagvrije voet (central calculation or
a creditor's statement) is recorded on the version with its date and source, and then wins
over Helder's indication (RULES.md §5).
"""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Tracked


class LineSide(StrEnum):
    """Where a budget line belongs; Dutch labels in ``LINE_SIDE_LABELS``."""

    INCOME = "income"
    EXPENSE = "expense"
    RESERVATION = "reservation"


LINE_SIDE_LABELS: dict[str, str] = {
    LineSide.INCOME: "Inkomen",
    LineSide.EXPENSE: "Uitgave",
    LineSide.RESERVATION: "Reservering",
}


class BudgetPlan(Tracked, Base):
    """One dated version of a dossier's budget plan."""

    __tablename__ = "budget_plans"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    valid_from: Mapped[date] = mapped_column()
    living_allowance_week_cents: Mapped[int] = mapped_column(default=0)  # leefgeld per week
    official_garnishment_free_cents: Mapped[int | None] = mapped_column(default=None)
    official_garnishment_free_on: Mapped[date | None] = mapped_column(default=None)
    official_garnishment_free_source: Mapped[str] = mapped_column(String(200), default="")
    vtlb_cents: Mapped[int | None] = mapped_column(default=None)  # official VTLB, when calculated
    note: Mapped[str] = mapped_column(Text, default="")
    #: Components of the beslagvrije voet taken from the beslaglegger's statement, as JSON
    #: ``{"components": {code: cents}, "source": text}`` (``app.rules.beslagvrije_voet.ENTERABLE``).
    garnishment_components: Mapped[str] = mapped_column(Text, default="")


class BudgetLine(Tracked, Base):
    """One income, expense or reservation as the client receives or pays it."""

    __tablename__ = "budget_lines"

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("budget_plans.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(String(12))  # LineSide code
    category: Mapped[str] = mapped_column(String(30))  # IncomeCategory / ExpenseCategory code
    description: Mapped[str] = mapped_column(String(200), default="")
    amount_cents: Mapped[int] = mapped_column()
    frequency: Mapped[str] = mapped_column(String(10))  # app.rules.budget.Frequency code
    position: Mapped[int] = mapped_column(default=0)
