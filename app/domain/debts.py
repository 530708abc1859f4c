"""Creditors (a directory shared by all dossiers) and the debts of a dossier.

A debt names its original creditor and, separately, the incassobureau and the deurwaarder that
collect it, each with their own reference (DOMAIN.md "Debts as counsellors record them";
Amsterdam schulddossier ``SchuldItem.php``). Creditor kinds, verification and correspondence
statuses and their labels live in :mod:`app.rules.debts`; the codes below are the ones the
issue "Schulden en budgetplan" adds.
"""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Tracked
from app.rules.debts import CorrespondenceStatus, DebtType, VerificationStatus


class CollectionStage(StrEnum):
    """How far collection has gone, in order (issue "Schulden en budgetplan" §2).

    Dutch labels in ``COLLECTION_STAGE_LABELS``. ``app.rules.debts.CollectionStage`` counts the
    steps differently (no herinnering/aanmaning, with vonnis); this list follows the issue.
    """

    REMINDER = "reminder"
    DEMAND = "demand"
    COLLECTION = "collection"
    BAILIFF = "bailiff"
    GARNISHMENT = "garnishment"


COLLECTION_STAGE_LABELS: dict[str, str] = {
    CollectionStage.REMINDER: "Herinnering",
    CollectionStage.DEMAND: "Aanmaning",
    CollectionStage.COLLECTION: "Incasso",
    CollectionStage.BAILIFF: "Deurwaarder",
    CollectionStage.GARNISHMENT: "Beslag",
}


class GarnishmentKind(StrEnum):
    """What a beslag lies on; Dutch labels in ``GARNISHMENT_KIND_LABELS``."""

    WAGES = "wages"
    BENEFIT = "benefit"
    BANK = "bank"
    GOODS = "goods"
    OTHER = "other"


GARNISHMENT_KIND_LABELS: dict[str, str] = {
    GarnishmentKind.WAGES: "Loonbeslag",
    GarnishmentKind.BENEFIT: "Beslag op uitkering",
    GarnishmentKind.BANK: "Beslag op bankrekening",
    GarnishmentKind.GOODS: "Beslag op spullen (roerende zaken)",
    GarnishmentKind.OTHER: "Ander beslag",
}


class ProposalAnswer(StrEnum):
    """The creditor's answer to a settlement proposal; Dutch labels in ``PROPOSAL_ANSWER_LABELS``."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    COUNTER_OFFER = "counter_offer"


PROPOSAL_ANSWER_LABELS: dict[str, str] = {
    ProposalAnswer.PENDING: "Nog geen antwoord",
    ProposalAnswer.ACCEPTED: "Akkoord",
    ProposalAnswer.REJECTED: "Afgewezen",
    ProposalAnswer.COUNTER_OFFER: "Tegenvoorstel",
}


class Creditor(Tracked, Base):
    """A creditor, incassobureau or deurwaarder in the municipality's directory."""

    __tablename__ = "creditors"

    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # app.rules.debts.CreditorKind code
    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(7), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    kvk_number: Mapped[str] = mapped_column(String(8), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Debt(Tracked, Base):
    """One debt of a dossier. Amounts are cents; ``None`` means not known (yet)."""

    __tablename__ = "debts"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    creditor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("creditors.id"), index=True)
    creditor_reference: Mapped[str] = mapped_column(String(60), default="")
    collection_agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("creditors.id"), default=None)
    collection_agency_reference: Mapped[str] = mapped_column(String(60), default="")
    bailiff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("creditors.id"), default=None)
    bailiff_reference: Mapped[str] = mapped_column(String(60), default="")
    description: Mapped[str] = mapped_column(String(200), default="")
    debt_type: Mapped[str] = mapped_column(String(20), default=DebtType.CONCURRENT)
    original_cents: Mapped[int | None] = mapped_column(default=None)
    reported_cents: Mapped[int | None] = mapped_column(default=None)
    confirmed_cents: Mapped[int | None] = mapped_column(default=None)
    balance_cents: Mapped[int | None] = mapped_column(default=None)
    balance_on: Mapped[date | None] = mapped_column(default=None)  # peildatum of the balance
    origin_on: Mapped[date | None] = mapped_column(default=None)
    is_fine: Mapped[bool] = mapped_column(default=False)
    excluded_from_settlement: Mapped[bool] = mapped_column(default=False)  # counsellor's judgement
    verification: Mapped[str] = mapped_column(String(20), default=VerificationStatus.REPORTED)
    collection_stage: Mapped[str | None] = mapped_column(String(20), default=None)
    garnishment_kind: Mapped[str | None] = mapped_column(String(20), default=None)
    garnishment_since: Mapped[date | None] = mapped_column(default=None)
    garnishment_month_cents: Mapped[int | None] = mapped_column(default=None)
    proposal_cents: Mapped[int | None] = mapped_column(default=None)
    proposal_on: Mapped[date | None] = mapped_column(default=None)
    proposal_answer: Mapped[str | None] = mapped_column(String(20), default=None)
    proposal_answer_on: Mapped[date | None] = mapped_column(default=None)
    business: Mapped[bool] = mapped_column(default=False)
    priority: Mapped[bool] = mapped_column(default=False)
    threat: Mapped[str | None] = mapped_column(String(20), default=None)  # app.rules.phases.ThreatKind
    correspondence: Mapped[str] = mapped_column(String(20), default=CorrespondenceStatus.TO_CONTACT)
    correspondence_on: Mapped[date | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(Text, default="")
