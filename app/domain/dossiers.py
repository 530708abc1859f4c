"""A debt-help dossier, its phase transitions, contact moments and who may see it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Tracked, utcnow
from app.domain.clients import Client
from app.rules.phases import Phase


class GoalLevel(StrEnum):
    """The goal of the traject (PRODUCT.md capability 1)."""

    WORRY_FREE = "worry_free"
    DEBT_FREE = "debt_free"
    SUSTAINABLY_DEBT_FREE = "sustainably_debt_free"


GOAL_LEVEL_LABELS: dict[str, str] = {
    "worry_free": "Schuldenzorgvrij",
    "debt_free": "Schuldenvrij",
    "sustainably_debt_free": "Duurzaam schuldenvrij",
}

#: Problems in other life domains (zelfredzaamheid), stable codes with Dutch labels.
LIFE_DOMAIN_LABELS: dict[str, str] = {
    "housing": "Wonen",
    "work": "Werk en dagbesteding",
    "health": "Lichamelijke gezondheid",
    "mental_health": "Psychische gezondheid",
    "addiction": "Verslaving",
    "relationships": "Relatie en gezin",
    "justice": "Justitie",
    "language": "Taal en lezen",
    "parenting": "Opvoeding",
}


class Dossier(Tracked, Base):
    """One traject of debt help for one client."""

    __tablename__ = "dossiers"

    number: Mapped[str] = mapped_column(String(20), unique=True)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    reported_on: Mapped[date] = mapped_column(index=True)
    help_question: Mapped[str] = mapped_column(Text, default="")
    goal_level: Mapped[str] = mapped_column(String(30), default=GoalLevel.DEBT_FREE)
    life_domains: Mapped[str] = mapped_column(String(300), default="")  # comma-separated codes
    phase: Mapped[str] = mapped_column(String(30), default=Phase.APPLICATION, index=True)
    phase_since: Mapped[date] = mapped_column()

    client: Mapped[Client] = relationship()


class DossierShare(Base):
    """A colleague with whom a dossier is shared (consulent sees own and shared dossiers)."""

    __tablename__ = "dossier_shares"
    __table_args__ = (UniqueConstraint("dossier_id", "user_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PhaseTransition(Tracked, Base):
    """A dated move of a dossier from one phase to another (the KPIs are computed from these)."""

    __tablename__ = "phase_transitions"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    from_phase: Mapped[str | None] = mapped_column(String(30))
    to_phase: Mapped[str] = mapped_column(String(30), index=True)
    moved_on: Mapped[date] = mapped_column(index=True)
    moved_by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text, default="")
    closing_reason: Mapped[str | None] = mapped_column(String(40), default=None)


class ContactMoment(Tracked, Base):
    """A contact with the client: date, channel and a short text."""

    __tablename__ = "contact_moments"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    occurred_on: Mapped[date] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """A municipality-wide setting (letterhead, terms, thresholds) as a JSON value."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(64))
