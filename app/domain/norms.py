"""Norm periods a beheerder entered (Beheer → Normen); shipped periods live in resources/norms.

Stored in the database so they reach every laptop of a team with the rest of the data, and
audited with their old and new values. ``table_key`` is a key of ``app.rules.norms.TABLE_FILES``;
``amounts`` is JSON ``{key: whole cents (or months)}``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Tracked


class NormPeriodRecord(Tracked, Base):
    """One entered period of a dated norm table."""

    __tablename__ = "norm_periods"

    table_key: Mapped[str] = mapped_column(String(40), index=True)
    valid_from: Mapped[date] = mapped_column()
    valid_until: Mapped[date | None] = mapped_column(default=None)
    amounts: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(300))
    #: The beheerder confirmed that this period replaces the shipped one with the same first day.
    replaces_shipped: Mapped[bool] = mapped_column(default=False)
    entered_by: Mapped[str] = mapped_column(String(64))
