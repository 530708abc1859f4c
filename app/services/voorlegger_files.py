"""Scanned documents attached to voorlegger items: PDF, JPG or PNG, stored inside the database.

The bytes live in the (encrypted) database with their SHA-256; they are never written to a
temporary file. The type is recognised by the file's first bytes, not by its name. Reading a
file is logged as a 'view'. Removing one keeps its name and hash for the record but wipes the
bytes, so a wrong scan (e.g. someone else's letter) does not stay in the dossier.

Source: PRODUCT.md 4b ("with attached scans"); ARCHITECTURE.md "Data" (files with their SHA-256).
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import PurePath

from sqlalchemy.orm import Session

from app.db.base import utcnow
from app.domain.voorlegger import VoorleggerAttachment, VoorleggerItemRecord
from app.errors import KnownError, NotFoundError, ValidationError
from app.rules.voorlegger import ItemStatus
from app.services import audit, settings
from app.services.context import ServiceContext, today_local
from app.services.dossiers import load_dossier, require_dossier_access
from app.services.voorlegger_records import apply_status, fields, full_names, item_view, row_for_write
from app.services.voorlegger_views import AttachmentContent, AttachmentView, ItemView

#: Accepted types: MIME type → (first bytes, file name extensions).
FILE_TYPES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "application/pdf": (b"%PDF-", (".pdf",)),
    "image/jpeg": (b"\xff\xd8\xff", (".jpg", ".jpeg")),
    "image/png": (b"\x89PNG\r\n\x1a\n", (".png",)),
}

_WRONG_TYPE = "Alleen PDF-, JPG- en PNG-bestanden kunnen worden toegevoegd. Dit bestand is dat niet."


def sniff_mime(data: bytes) -> str | None:
    """Return the MIME type of ``data`` recognised by its first bytes, or None when not accepted."""
    for mime, (magic, _) in FILE_TYPES.items():
        if data.startswith(magic):
            return mime
    return None


def max_bytes(session: Session) -> int:
    """Return the size limit of one file (setting ``voorlegger.attachment_max_mb``)."""
    return int(settings.get_value(session, "voorlegger.attachment_max_mb")) * 1024 * 1024


def attachment_limit(ctx: ServiceContext) -> int:
    """Return the size limit of one file in bytes, so the interface can refuse before reading it."""
    with ctx.db.read() as session:
        return max_bytes(session)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def too_large_message(size: int, limit: int) -> str:
    """Return the Dutch message for a file of ``size`` bytes over the ``limit``."""
    return (
        f"Het bestand is te groot ({_megabytes(size)}). Het maximum is {limit // (1024 * 1024)} MB. "
        "Scan het opnieuw met een lagere resolutie."
    )


def validate_file(filename: str, data: bytes, limit: int) -> tuple[str, str]:
    """Return ``(clean file name, MIME type)`` or raise :class:`ValidationError` in Dutch."""
    name = PurePath(filename.replace("\\", "/")).name.strip()
    if not name:
        raise ValidationError({"file": "Het bestand heeft geen naam."})
    if not data:
        raise ValidationError({"file": "Het bestand is leeg."})
    if len(data) > limit:
        raise ValidationError({"file": too_large_message(len(data), limit)})
    extension = PurePath(name).suffix.lower()
    if not any(extension in ext for _, ext in FILE_TYPES.values()):
        raise ValidationError({"file": _WRONG_TYPE})
    mime = sniff_mime(data)
    if mime is None:
        raise ValidationError({"file": _WRONG_TYPE})
    if len(name) > 255:
        stem = PurePath(name).stem[: 255 - len(extension)]
        name = f"{stem}{extension}"
    return name, mime


def attach_file(ctx: ServiceContext, dossier_id: uuid.UUID, key: str, filename: str, data: bytes) -> ItemView:
    """Attach a scanned document to an item; an open or opgevraagd item becomes ontvangen.

    Raises:
        ValidationError: empty, too large (``voorlegger.attachment_max_mb``), or not a PDF, JPG or PNG.
    """
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        name, mime = validate_file(filename, data, max_bytes(session))
        row = row_for_write(session, ctx, dossier, key)
        if row.status == ItemStatus.CHECKED:
            raise ValidationError(
                {"file": "Dit item is al gecontroleerd. Zet het eerst terug naar 'Ontvangen'."}
            )
        digest = hashlib.sha256(data).hexdigest()
        attachment = VoorleggerAttachment(
            item_id=row.id,
            filename=name,
            mime=mime,
            size=len(data),
            sha256=digest,
            data=data,
            updated_by=ctx.user.username,
        )
        session.add(attachment)
        session.flush()
        audit.log(
            session,
            ctx,
            "create",
            "voorlegger_attachment",
            attachment.id,
            details={
                "dossier": str(dossier.id),
                "item": key,
                "filename": name,
                "size": len(data),
                "sha256": digest,
            },
        )
        if row.status in (ItemStatus.OPEN, ItemStatus.REQUESTED):
            before = fields(row)
            apply_status(row, ItemStatus.RECEIVED, today_local(), ctx.user.username)
            row.updated_by = ctx.user.username
            audit.log(
                session,
                ctx,
                "update",
                "voorlegger_item",
                row.id,
                details={"dossier": str(dossier.id), "item": key, **audit.changes(before, fields(row))},
            )
        session.flush()
        return item_view(session, dossier, key)


def _load(
    session: Session, ctx: ServiceContext, attachment_id: uuid.UUID, *, write: bool
) -> tuple[VoorleggerAttachment, VoorleggerItemRecord]:
    attachment = session.get(VoorleggerAttachment, attachment_id)
    if attachment is None or attachment.deleted_at is not None:
        raise NotFoundError("Dit bestand bestaat niet (meer).")
    row = session.get(VoorleggerItemRecord, attachment.item_id)
    if row is None:
        raise NotFoundError("Dit bestand bestaat niet (meer).")
    require_dossier_access(session, ctx, load_dossier(session, row.dossier_id), write=write)
    return attachment, row


def get_attachment(ctx: ServiceContext, attachment_id: uuid.UUID) -> AttachmentContent:
    """Return an attached file's bytes (checked against its SHA-256); logged as 'view'.

    Raises:
        KnownError: the stored bytes no longer match their hash.
    """
    with ctx.db.begin() as session:
        attachment, row = _load(session, ctx, attachment_id, write=False)
        data = bytes(attachment.data)
        if hashlib.sha256(data).hexdigest() != attachment.sha256:
            audit.log(
                session,
                ctx,
                "view",
                "voorlegger_attachment",
                attachment.id,
                result="failed",
                details={"dossier": str(row.dossier_id), "problem": "sha256"},
            )
            raise KnownError(
                "Dit bestand is beschadigd: de inhoud past niet meer bij de opgeslagen controlecode."
            )
        audit.log(
            session,
            ctx,
            "view",
            "voorlegger_attachment",
            attachment.id,
            details={"dossier": str(row.dossier_id), "item": row.item_key, "filename": attachment.filename},
        )
        view = AttachmentView(
            attachment.id,
            attachment.filename,
            attachment.mime,
            attachment.size,
            attachment.sha256,
            attachment.created_at,
            full_names(session, [attachment.updated_by]).get(
                attachment.updated_by or "", attachment.updated_by or ""
            ),
        )
        return AttachmentContent(view, data)


def remove_attachment(ctx: ServiceContext, attachment_id: uuid.UUID) -> ItemView:
    """Remove a file from an item that is not yet gecontroleerd; its bytes are wiped."""
    with ctx.db.begin() as session:
        attachment, row = _load(session, ctx, attachment_id, write=True)
        if row.status == ItemStatus.CHECKED:
            raise ValidationError(
                {"file": "Dit item is al gecontroleerd. Zet het eerst terug naar 'Ontvangen'."}
            )
        attachment.data = b""
        attachment.deleted_at = utcnow()
        attachment.updated_by = ctx.user.username
        audit.log(
            session,
            ctx,
            "delete",
            "voorlegger_attachment",
            attachment.id,
            details={
                "dossier": str(row.dossier_id),
                "item": row.item_key,
                "filename": attachment.filename,
                "sha256": attachment.sha256,
            },
        )
        session.flush()
        return item_view(session, load_dossier(session, row.dossier_id), row.item_key)
