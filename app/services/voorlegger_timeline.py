"""The voorlegger's events in the dossier timeline: offered for check, checked, sent back.

Registered in ``workflow.TIMELINE_SOURCES`` by :mod:`app.services.voorlegger`. Checks are
grouped per day and checker (one line "12 items gecontroleerd", the items in the detail); every
sent-back item is its own line with the reason. The audit log keeps the full history.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.users import User
from app.domain.voorlegger import ReviewOutcome, VoorleggerItemRecord, VoorleggerReview
from app.rules.voorlegger import ItemStatus, default_checklist, parse_status_key
from app.services.context import AMSTERDAM
from app.services.dossier_views import TimelineEntry

KIND = "voorlegger"
KIND_LABEL = "Voorlegger"


def _label(key: str) -> str:
    code, partner = parse_status_key(key)
    try:
        title = default_checklist().item(code).title
    except KeyError:
        return key
    return f"{title} (partner)" if partner else title


def voorlegger_timeline(session: Session, dossier_id: uuid.UUID) -> list[TimelineEntry]:
    """Return the dossier's voorlegger events for the timeline (any order)."""
    entries: list[TimelineEntry] = []
    reviews = session.execute(
        select(VoorleggerReview, User.full_name)
        .join(User, User.id == VoorleggerReview.checker_id)
        .where(VoorleggerReview.dossier_id == dossier_id, VoorleggerReview.deleted_at.is_(None))
    )
    for review, checker in reviews:
        entries.append(
            TimelineEntry(
                review.offered_at.astimezone(AMSTERDAM).date(),
                review.offered_at,
                KIND,
                KIND_LABEL,
                f"Voorlegger ter controle aangeboden aan {checker}",
                "",
                review.offered_by,
            )
        )
        if review.completed_at is not None:
            title = (
                "Controle van de voorlegger afgerond"
                if review.outcome == ReviewOutcome.COMPLETED
                else "Controle van de voorlegger ingetrokken"
            )
            entries.append(
                TimelineEntry(
                    review.completed_at.astimezone(AMSTERDAM).date(),
                    review.completed_at,
                    KIND,
                    KIND_LABEL,
                    title,
                    f"Controle door {checker}",
                    review.updated_by or "",
                )
            )
    rows = session.execute(
        select(VoorleggerItemRecord).where(
            VoorleggerItemRecord.dossier_id == dossier_id, VoorleggerItemRecord.deleted_at.is_(None)
        )
    ).scalars()
    checked: dict[tuple[date, str], list[str]] = defaultdict(list)
    for row in rows:
        if row.status == ItemStatus.CHECKED and row.checked_on is not None:
            checked[(row.checked_on, row.checked_by or "")].append(_label(row.item_key))
        if row.sent_back_on is not None and row.sent_back_reason:
            entries.append(
                TimelineEntry(
                    row.sent_back_on,
                    None,
                    KIND,
                    KIND_LABEL,
                    f"Voorlegger: teruggestuurd – {_label(row.item_key)}",
                    row.sent_back_reason,
                    row.sent_back_by or "",
                )
            )
    for (on, by), labels in checked.items():
        count = (
            f"{len(labels)} item gecontroleerd" if len(labels) == 1 else f"{len(labels)} items gecontroleerd"
        )
        entries.append(
            TimelineEntry(on, None, KIND, KIND_LABEL, f"Voorlegger: {count}", ", ".join(labels), by)
        )
    return entries
