"""The client (a person) and the household (partner, children)."""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Tracked


class ContactChannel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    VISIT = "visit"
    WHATSAPP = "whatsapp"


CONTACT_CHANNEL_LABELS: dict[str, str] = {
    "phone": "Telefoon",
    "email": "E-mail",
    "letter": "Brief",
    "visit": "Langskomen / huisbezoek",
    "whatsapp": "WhatsApp",
}


class MaritalStatus(StrEnum):
    SINGLE = "single"
    MARRIED = "married"
    REGISTERED_PARTNERSHIP = "registered_partnership"
    COHABITING = "cohabiting"
    DIVORCED = "divorced"
    WIDOWED = "widowed"


MARITAL_STATUS_LABELS: dict[str, str] = {
    "single": "Ongehuwd",
    "married": "Gehuwd",
    "registered_partnership": "Geregistreerd partnerschap",
    "cohabiting": "Samenwonend",
    "divorced": "Gescheiden",
    "widowed": "Weduwe / weduwnaar",
}


class MaritalRegime(StrEnum):
    """Whose debts count: in gemeenschap van goederen the partner's debts are shared."""

    COMMUNITY = "community"
    PRENUPTIAL = "prenuptial"


MARITAL_REGIME_LABELS: dict[str, str] = {
    "community": "Gemeenschap van goederen",
    "prenuptial": "Huwelijkse voorwaarden",
}


class Client(Tracked, Base):
    """A person who asks for debt help."""

    __tablename__ = "clients"

    bsn: Mapped[str] = mapped_column(String(9), index=True)
    initials: Mapped[str] = mapped_column(String(20), default="")
    first_names: Mapped[str] = mapped_column(String(200), default="")
    prefix: Mapped[str] = mapped_column(String(20), default="")
    surname: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(default=None)
    street: Mapped[str] = mapped_column(String(200), default="")
    house_number: Mapped[str] = mapped_column(String(10), default="")
    house_number_suffix: Mapped[str] = mapped_column(String(10), default="")
    postcode: Mapped[str] = mapped_column(String(7), default="", index=True)
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    iban: Mapped[str] = mapped_column(String(34), default="")
    contact_channel: Mapped[str] = mapped_column(String(20), default=ContactChannel.PHONE)
    reading_difficulty: Mapped[bool] = mapped_column(default=False)
    marital_status: Mapped[str] = mapped_column(String(30), default=MaritalStatus.SINGLE)
    marital_regime: Mapped[str | None] = mapped_column(String(20), default=None)
    marital_since: Mapped[date | None] = mapped_column(default=None)
    # Lower-case "name bsn postcode" so one indexed LIKE finds a client (SQLite lower() is ASCII only).
    search_key: Mapped[str] = mapped_column(String(600), default="", index=True)

    household: Mapped[list[HouseholdMember]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="HouseholdMember.birth_date"
    )


class MemberKind(StrEnum):
    PARTNER = "partner"
    CHILD = "child"
    OTHER = "other"


MEMBER_KIND_LABELS: dict[str, str] = {"partner": "Partner", "child": "Kind", "other": "Overig"}


class HouseholdMember(Tracked, Base):
    """A partner, child or other person in the client's household."""

    __tablename__ = "household_members"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    first_names: Mapped[str] = mapped_column(String(200), default="")
    prefix: Mapped[str] = mapped_column(String(20), default="")
    surname: Mapped[str] = mapped_column(String(200), default="")
    birth_date: Mapped[date | None] = mapped_column(default=None)
    bsn: Mapped[str] = mapped_column(String(9), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    client: Mapped[Client] = relationship(back_populates="household")
