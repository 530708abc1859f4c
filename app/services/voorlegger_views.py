"""Frozen views of the voorlegger that services return and the interface shows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class AttachmentView:
    """An attached file, without its bytes."""

    id: uuid.UUID
    filename: str
    mime: str
    size: int
    sha256: str
    added_at: datetime
    added_by: str


@dataclass(frozen=True)
class AttachmentContent:
    """An attached file with its bytes (checked against its SHA-256 when read)."""

    view: AttachmentView
    data: bytes


@dataclass(frozen=True)
class ItemView:
    """One row of the voorlegger: an item for the client (or household) or the partner's copy."""

    key: str
    code: str
    title: str
    label: str  # the title, with "(partner)" for the partner's copy
    for_partner: bool
    section_code: str
    required_for: tuple[str, ...]  # VoorleggerStep codes
    client_text: str
    status: str  # ItemStatus code
    status_label: str
    requested_on: date | None
    received_on: date | None
    received_by: str  # full name, "" when none
    checked_on: date | None
    checked_by: str
    not_applicable_reason: str
    note: str
    sent_back_reason: str
    sent_back_on: date | None
    sent_back_by: str
    attachments: tuple[AttachmentView, ...]
    next_statuses: tuple[str, ...]  # ItemStatus codes this item may move to
    overdue: bool  # requested more than terms.voorlegger_request_days ago
    checklist_version: int | None  # None when the item was never touched
    version: int  # optimistic lock of the row (0 when there is no row yet)


@dataclass(frozen=True)
class SectionView:
    """A section with its items and how many are done (gecontroleerd or n.v.t.)."""

    code: str
    title: str
    done: int
    total: int
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class ReviewView:
    """The open (or last) four-eyes check."""

    id: uuid.UUID
    offered_by: str  # full name
    checker_id: uuid.UUID
    checker_name: str
    offered_at: datetime
    completed_at: datetime | None
    outcome: str


@dataclass(frozen=True)
class VoorleggerOverview:
    """Everything the Voorlegger tab shows for one dossier."""

    dossier_id: uuid.UUID
    checklist_version: int
    has_partner: bool
    sections: tuple[SectionView, ...]
    done: int
    total: int
    to_check: int  # items in status ontvangen, waiting for the four-eyes check
    open_review: ReviewView | None
    is_checker: bool  # the current user is the named checker of the open review
    missing_counts: dict[str, int]  # VoorleggerStep code -> items still blocking it


@dataclass(frozen=True)
class MissingView:
    """An item that still blocks a step, as Helder shows it."""

    key: str
    label: str
    section_title: str
    status_label: str


@dataclass(frozen=True)
class Colleague:
    """A colleague to whom the voorlegger can be offered for checking."""

    id: uuid.UUID
    full_name: str


@dataclass(frozen=True)
class OverdueRequest:
    """An item requested from the client more than ``terms.voorlegger_request_days`` ago (Signalen)."""

    dossier_id: uuid.UUID
    key: str
    label: str
    requested_on: date
    days: int
