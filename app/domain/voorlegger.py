"""The voorlegger of a dossier: one row per checklist item touched, its files, and the four-eyes check.

Rows, not columns: a row stores the item key (``"payslips"`` or ``"payslips:partner"``) and the
checklist version it was made under, so the checklist can change without a migration. Rows are
created lazily, the first time an item is changed; an absent row means *open*.

Attachments are stored as bytes inside the database. On SQLite the whole file is encrypted by
SQLCipher (pages and WAL), so the bytes are encrypted at rest; on PostgreSQL they rely on the
server's storage encryption.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Tracked


class VoorleggerItemRecord(Tracked, Base):
    """The state of one voorlegger item (or the partner's copy) in one dossier."""

    __tablename__ = "voorlegger_items"
    # The unique constraint also serves as the index on dossier_id; the second index finds overdue requests.
    __table_args__ = (UniqueConstraint("dossier_id", "item_key"), Index(None, "status", "requested_on"))

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(80))
    checklist_version: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(String(20))  # app.rules.voorlegger.ItemStatus code
    requested_on: Mapped[date | None] = mapped_column(default=None)
    received_on: Mapped[date | None] = mapped_column(default=None)
    received_by: Mapped[str | None] = mapped_column(String(64), default=None)
    checked_on: Mapped[date | None] = mapped_column(default=None)
    checked_by: Mapped[str | None] = mapped_column(String(64), default=None)
    not_applicable_reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    sent_back_reason: Mapped[str] = mapped_column(Text, default="")
    sent_back_on: Mapped[date | None] = mapped_column(default=None)
    sent_back_by: Mapped[str | None] = mapped_column(String(64), default=None)


class VoorleggerAttachment(Tracked, Base):
    """A scanned document (PDF, JPG or PNG) attached to a voorlegger item, with its SHA-256."""

    __tablename__ = "voorlegger_attachments"

    item_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("voorlegger_items.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(50))
    size: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(String(64))
    # Deferred: lists of attachments never load the bytes; only get_attachment does.
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class ReviewOutcome:
    """Codes of :attr:`VoorleggerReview.outcome` (empty while the check is open)."""

    OPEN = ""
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class VoorleggerReview(Tracked, Base):
    """The counsellor offered the voorlegger to a named colleague for the four-eyes check."""

    __tablename__ = "voorlegger_reviews"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    offered_by: Mapped[str] = mapped_column(String(64))
    checker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    offered_at: Mapped[datetime] = mapped_column()
    completed_at: Mapped[datetime | None] = mapped_column(default=None)
    outcome: Mapped[str] = mapped_column(String(20), default=ReviewOutcome.OPEN)
