"""Rows of the voorlegger and their frozen views: shared by the voorlegger services.

Rows are created lazily (:func:`row_for_write`): reading never writes, and an item without a
row is *open*. Keys are ``"<code>"`` or ``"<code>:partner"`` (see :mod:`app.rules.voorlegger`).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.dossiers import Dossier
from app.domain.users import User
from app.domain.voorlegger import ReviewOutcome, VoorleggerAttachment, VoorleggerItemRecord, VoorleggerReview
from app.errors import ValidationError
from app.rules.voorlegger import (
    ALLOWED_STATUS_MOVES,
    ITEM_STATUS_LABELS,
    ChecklistItem,
    ItemStatus,
    default_checklist,
    parse_status_key,
)
from app.services import audit, settings
from app.services.context import ServiceContext, today_local
from app.services.voorlegger_views import AttachmentView, ItemView, ReviewView

STALE_SECTION = ("stale", "Uit een eerdere versie van de lijst")


def has_partner(dossier: Dossier) -> bool:
    """Return whether the dossier's household has a partner (per-partner items count twice)."""
    return any(m.kind == "partner" and m.deleted_at is None for m in dossier.client.household)


def records(session: Session, dossier_id: uuid.UUID) -> dict[str, VoorleggerItemRecord]:
    """Return the dossier's item rows by key."""
    rows = session.execute(
        select(VoorleggerItemRecord).where(
            VoorleggerItemRecord.dossier_id == dossier_id, VoorleggerItemRecord.deleted_at.is_(None)
        )
    ).scalars()
    return {row.item_key: row for row in rows}


def statuses(rows: dict[str, VoorleggerItemRecord]) -> dict[str, ItemStatus]:
    """Return ``{key: status}`` for :func:`app.rules.voorlegger.missing_for`."""
    return {key: ItemStatus(row.status) for key, row in rows.items()}


def item_label(item: ChecklistItem, for_partner: bool) -> str:
    """Return the item's title, marked "(partner)" for the partner's copy."""
    return f"{item.title} (partner)" if for_partner else item.title


def label_for_key(key: str) -> str:
    """Return the display label of a key, also for a code no longer in the checklist."""
    code, partner = parse_status_key(key)
    try:
        return item_label(default_checklist().item(code), partner)
    except KeyError:
        return key


def row_for_write(session: Session, ctx: ServiceContext, dossier: Dossier, key: str) -> VoorleggerItemRecord:
    """Return the row of ``key``, creating it (status open) when the item was never touched."""
    checklist = default_checklist()
    if key not in checklist.keys(has_partner(dossier)):
        raise ValidationError({"item": "Dit item staat niet (meer) op de voorlegger van dit dossier."})
    row = session.execute(
        select(VoorleggerItemRecord).where(
            VoorleggerItemRecord.dossier_id == dossier.id, VoorleggerItemRecord.item_key == key
        )
    ).scalar_one_or_none()
    if row is None:
        row = VoorleggerItemRecord(
            dossier_id=dossier.id,
            item_key=key,
            checklist_version=checklist.version,
            status=ItemStatus.OPEN.value,
            not_applicable_reason="",
            note="",
            sent_back_reason="",
            updated_by=ctx.user.username,
        )
        session.add(row)
        session.flush()
        audit.log(
            session,
            ctx,
            "create",
            "voorlegger_item",
            row.id,
            details={"dossier": str(dossier.id), "item": key},
        )
    elif row.deleted_at is not None:
        row.deleted_at = None
    return row


def fields(row: VoorleggerItemRecord) -> dict[str, object]:
    """Return the audited fields of a row."""
    names = (
        "status",
        "requested_on",
        "received_on",
        "received_by",
        "checked_on",
        "checked_by",
        "not_applicable_reason",
        "note",
        "sent_back_reason",
    )
    return {name: getattr(row, name) for name in names}


def require_version(row: VoorleggerItemRecord, expected_version: int | None) -> None:
    """Refuse a change made on an outdated screen (0 means: the row did not exist yet)."""
    from app.errors import ConflictError

    if expected_version is not None and expected_version not in (0, row.version):
        raise ConflictError(
            "Iemand anders heeft dit item net gewijzigd. De voorlegger wordt opnieuw geladen."
        )


def open_review(session: Session, dossier_id: uuid.UUID) -> VoorleggerReview | None:
    """Return the dossier's open four-eyes check, if any."""
    return session.execute(
        select(VoorleggerReview)
        .where(
            VoorleggerReview.dossier_id == dossier_id,
            VoorleggerReview.outcome == ReviewOutcome.OPEN,
            VoorleggerReview.deleted_at.is_(None),
        )
        .order_by(VoorleggerReview.offered_at.desc())
        .limit(1)
    ).scalar_one_or_none()


def full_names(session: Session, usernames: Iterable[str | None]) -> dict[str, str]:
    """Return ``{username: full name}`` for the given user names."""
    wanted = {u for u in usernames if u}
    if not wanted:
        return {}
    query = select(User.username, User.full_name).where(User.username.in_(wanted))
    return {username: name for username, name in session.execute(query)}


def attachments_of(
    session: Session, item_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, list[AttachmentView]]:
    if not item_ids:
        return {}
    A = VoorleggerAttachment  # noqa: N806 - short alias for the query
    query = (
        select(A.id, A.item_id, A.filename, A.mime, A.size, A.sha256, A.created_at, A.updated_by)
        .where(A.item_id.in_(list(item_ids)), A.deleted_at.is_(None))
        .order_by(A.created_at)
    )
    found: dict[uuid.UUID, list[AttachmentView]] = {}
    for r in session.execute(query):
        found.setdefault(r.item_id, []).append(
            AttachmentView(r.id, r.filename, r.mime, r.size, r.sha256, r.created_at, r.updated_by or "")
        )
    return found


def request_days(session: Session) -> int:
    return int(settings.get_value(session, "terms.voorlegger_request_days"))


def build_item_view(
    item: ChecklistItem | None,
    key: str,
    row: VoorleggerItemRecord | None,
    files: list[AttachmentView],
    names: dict[str, str],
    today: date,
    request_days: int,
) -> ItemView:
    code, partner = parse_status_key(key)
    status = ItemStatus(row.status) if row is not None else ItemStatus.OPEN
    overdue = (
        status == ItemStatus.REQUESTED
        and row is not None
        and row.requested_on is not None
        and (today - row.requested_on).days > request_days
    )

    def who(name: str | None) -> str:
        return names.get(name, name) if name else ""

    return ItemView(
        key=key,
        code=code,
        title=item.title if item else key,
        label=item_label(item, partner) if item else key,
        for_partner=partner,
        section_code=item.section_code if item else STALE_SECTION[0],
        required_for=tuple(sorted(s.value for s in item.required_for)) if item else (),
        client_text=item.client_text if item else "",
        status=status.value,
        status_label=ITEM_STATUS_LABELS[status],
        requested_on=row.requested_on if row else None,
        received_on=row.received_on if row else None,
        received_by=who(row.received_by if row else None),
        checked_on=row.checked_on if row else None,
        checked_by=who(row.checked_by if row else None),
        not_applicable_reason=row.not_applicable_reason if row else "",
        note=row.note if row else "",
        sent_back_reason=row.sent_back_reason if row else "",
        sent_back_on=row.sent_back_on if row else None,
        sent_back_by=who(row.sent_back_by if row else None),
        attachments=tuple(files),
        next_statuses=tuple(s.value for s in ItemStatus if s in ALLOWED_STATUS_MOVES[status]) if item else (),
        overdue=overdue,
        checklist_version=row.checklist_version if row else None,
        version=row.version if row else 0,
    )


def item_view(session: Session, dossier: Dossier, key: str) -> ItemView:
    """Return the frozen view of one item (within an open session)."""
    row = records(session, dossier.id).get(key)
    code, _ = parse_status_key(key)
    try:
        item: ChecklistItem | None = default_checklist().item(code)
    except KeyError:
        item = None
    files = attachments_of(session, [row.id]).get(row.id, []) if row else []
    names = full_names(session, [row.received_by, row.checked_by, row.sent_back_by] if row else [])
    names.update(full_names(session, [f.added_by for f in files]))
    files = [
        AttachmentView(
            f.id, f.filename, f.mime, f.size, f.sha256, f.added_at, names.get(f.added_by, f.added_by)
        )
        for f in files
    ]
    return build_item_view(item, key, row, files, names, today_local(), request_days(session))


def review_view(session: Session, review: VoorleggerReview) -> ReviewView:
    """Return the frozen view of a four-eyes check."""
    checker = session.get(User, review.checker_id)
    offered_by = full_names(session, [review.offered_by]).get(review.offered_by, review.offered_by)
    return ReviewView(
        review.id,
        offered_by,
        review.checker_id,
        checker.full_name if checker else "?",
        review.offered_at,
        review.completed_at,
        review.outcome,
    )


def apply_status(
    row: VoorleggerItemRecord, target: ItemStatus, on: date, username: str, reason: str = ""
) -> None:
    """Set ``row`` to ``target`` and keep its dates and names consistent with that status."""
    if target in (ItemStatus.OPEN, ItemStatus.REQUESTED, ItemStatus.RECEIVED, ItemStatus.NOT_APPLICABLE):
        row.checked_on, row.checked_by = None, None
    if target == ItemStatus.OPEN:
        row.requested_on = None
        row.received_on, row.received_by = None, None
    elif target == ItemStatus.REQUESTED:
        row.requested_on = on
        row.received_on, row.received_by = None, None
    elif target == ItemStatus.RECEIVED:
        row.received_on, row.received_by = on, username
    elif target == ItemStatus.CHECKED:
        row.checked_on, row.checked_by = on, username
        row.sent_back_reason, row.sent_back_on, row.sent_back_by = "", None, None
    row.not_applicable_reason = reason if target == ItemStatus.NOT_APPLICABLE else ""
    row.status = target.value
