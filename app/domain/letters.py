"""Letters and beschikkingen of a dossier: a concept until finalised, then frozen as exact PDF bytes.

Source: Awb art. 3:45-3:47 and 6:7 (what a beschikking holds, RULES.md §3); Archiefwet practice:
what was sent is kept exactly as sent. A finalised letter stores the PDF bytes with their SHA-256,
the template version and who finalised it; it is never changed (a correction is a new letter).
The database refuses any UPDATE of a final letter with a trigger (SQLite and PostgreSQL, see
``FINAL_GUARD_SQLITE`` / ``FINAL_GUARD_POSTGRES``, created by migration ``0006_letters``).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Tracked


class LetterStatus(StrEnum):
    """Lifecycle of a letter; Dutch labels in ``LETTER_STATUS_LABELS``."""

    CONCEPT = "concept"
    FINAL = "final"


LETTER_STATUS_LABELS: dict[str, str] = {
    LetterStatus.CONCEPT: "Concept",
    LetterStatus.FINAL: "Definitief",
}

#: Message of the database trigger; the service checks first and raises a Dutch error.
FINAL_GUARD_MESSAGE = "letters: a final letter cannot be changed"


class Letter(Tracked, Base):
    """One letter of a dossier.

    ``fields`` is the JSON of the template's field values (dates as ISO text, money in cents).
    The recipient is a snapshot taken when the concept is made, so a later change of address
    never changes a letter. ``pdf`` and ``sha256`` are only filled when ``status`` is final.
    ``corrects_id`` points at the letter this one corrects.
    """

    __tablename__ = "letters"
    __table_args__ = (
        CheckConstraint("status IN ('concept', 'final')", name="status"),
        CheckConstraint(
            "status = 'concept' OR (pdf IS NOT NULL AND sha256 IS NOT NULL AND finalised_at IS NOT NULL)",
            name="final_has_pdf",
        ),
        Index("ix_letters_kind_letter_date", "kind", "letter_date"),
    )

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10), default=LetterStatus.CONCEPT, index=True)
    fields: Mapped[str] = mapped_column(Text, default="{}")
    letter_date: Mapped[date] = mapped_column()
    template_version: Mapped[int] = mapped_column(Integer)
    recipient_name: Mapped[str] = mapped_column(String(200))
    recipient_address: Mapped[str] = mapped_column(Text)  # JSON list of lines
    recipient_salutation: Mapped[str] = mapped_column(String(200), default="")
    counsellor_name: Mapped[str] = mapped_column(String(200))
    counsellor_role: Mapped[str] = mapped_column(String(100))
    counsellor_phone: Mapped[str] = mapped_column(String(40), default="")
    objection_until: Mapped[date | None] = mapped_column(default=None)
    created_by: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    finalised_by: Mapped[str | None] = mapped_column(String(64), default=None)
    finalised_at: Mapped[datetime | None] = mapped_column(default=None)
    corrects_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("letters.id"), default=None)


#: SQLite: refuse every UPDATE of a row that is final (RAISE(ABORT) rolls the statement back).
FINAL_GUARD_SQLITE = f"""
CREATE TRIGGER trg_letters_final_immutable BEFORE UPDATE ON letters
FOR EACH ROW WHEN OLD.status = 'final'
BEGIN
    SELECT RAISE(ABORT, '{FINAL_GUARD_MESSAGE}');
END
"""

#: PostgreSQL: the same guard as a PL/pgSQL trigger function.
FINAL_GUARD_POSTGRES = (
    f"""
CREATE FUNCTION letters_final_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'final' THEN
        RAISE EXCEPTION '{FINAL_GUARD_MESSAGE}';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER trg_letters_final_immutable BEFORE UPDATE ON letters
FOR EACH ROW EXECUTE FUNCTION letters_final_immutable()
""",
)
