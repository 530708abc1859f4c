"""Reading letters: the frozen views, a dossier's list, batches to print, and the timeline entries.

Kept apart from ``letters`` (the lifecycle: concept, finalise, print) so each file holds one concept.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from app.documents import TEMPLATE_KIND_LABELS, TEMPLATE_KINDS, FieldValue, Template, load_template
from app.domain.clients import Client
from app.domain.dossiers import Dossier, DossierShare
from app.domain.letters import LETTER_STATUS_LABELS, Letter, LetterStatus
from app.domain.users import User
from app.errors import PermissionDenied, ValidationError
from app.services import letter_fields, workflow
from app.services.context import AMSTERDAM, ServiceContext
from app.services.dossier_views import DossierDetail, TimelineEntry
from app.services.dossiers import display_name, load_dossier, require_dossier_access
from app.services.letter_prefill import RecipientForm, RecipientOption


@dataclass(frozen=True)
class LetterView:
    """A letter as lists and dialogs show it (never the PDF bytes)."""

    id: uuid.UUID
    dossier_id: uuid.UUID
    dossier_number: str
    client_name: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    is_decision: bool
    letter_date: date
    objection_until: date | None
    fields: Mapping[str, FieldValue]
    recipient: RecipientForm
    counsellor_name: str
    counsellor_role: str
    template_version: int
    created_by: str
    created_at: datetime
    sha256: str | None
    finalised_by: str | None
    finalised_by_name: str | None
    finalised_at: datetime | None
    corrects_id: uuid.UUID | None
    version: int
    notes: tuple[str, ...] = ()

    @property
    def is_final(self) -> bool:
        return self.status == LetterStatus.FINAL


@dataclass(frozen=True)
class LetterDraft:
    """What a new letter starts with: the template, prefilled values and recipients to choose."""

    dossier: DossierDetail
    template: Template
    letter_date: date
    values: Mapping[str, FieldValue]
    recipients: tuple[RecipientOption, ...]


def kinds() -> list[tuple[str, str]]:
    """The letter kinds with their Dutch labels, in menu order."""
    return [(kind, TEMPLATE_KIND_LABELS[kind]) for kind in TEMPLATE_KINDS]


def template_for(kind: str) -> Template:
    """The current template of ``kind`` (its fields generate the form)."""
    if kind not in TEMPLATE_KINDS:
        raise ValidationError({"kind": "Kies het soort brief."})
    return load_template(kind)


def _names(session: Session, usernames: set[str]) -> dict[str, str]:
    if not usernames:
        return {}
    rows = session.execute(select(User.username, User.full_name).where(User.username.in_(usernames)))
    return {str(name): str(full) for name, full in rows}


def recipient_of(row: Letter) -> RecipientForm:
    lines = json.loads(row.recipient_address or "[]")
    return RecipientForm(row.recipient_name, tuple(str(x) for x in lines), row.recipient_salutation)


def _view(
    row: Letter, number: str, client: str, names: Mapping[str, str], notes: tuple[str, ...] = ()
) -> LetterView:
    template = load_template(row.kind)
    return LetterView(
        id=row.id,
        dossier_id=row.dossier_id,
        dossier_number=number,
        client_name=client,
        kind=row.kind,
        kind_label=TEMPLATE_KIND_LABELS.get(row.kind, row.kind),
        status=row.status,
        status_label=LETTER_STATUS_LABELS.get(row.status, row.status),
        is_decision=template.is_decision,
        letter_date=row.letter_date,
        objection_until=row.objection_until,
        fields=letter_fields.decode(template, row.fields),
        recipient=recipient_of(row),
        counsellor_name=row.counsellor_name,
        counsellor_role=row.counsellor_role,
        template_version=row.template_version,
        created_by=row.created_by,
        created_at=row.created_at,
        sha256=row.sha256,
        finalised_by=row.finalised_by,
        finalised_by_name=names.get(row.finalised_by or "", row.finalised_by),
        finalised_at=row.finalised_at,
        corrects_id=row.corrects_id,
        version=row.version,
        notes=notes,
    )


def single_view(session: Session, row: Letter, dossier: Dossier, notes: tuple[str, ...] = ()) -> LetterView:
    c = dossier.client
    names = _names(session, {row.finalised_by} if row.finalised_by else set())
    return _view(
        row, dossier.number, display_name(c.first_names, c.initials, c.prefix, c.surname), names, notes
    )


def list_letters(ctx: ServiceContext, dossier_id: uuid.UUID) -> list[LetterView]:
    """The dossier's letters, newest first."""
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        rows = list(
            session.execute(
                select(Letter)
                .where(Letter.dossier_id == dossier_id, Letter.deleted_at.is_(None))
                .order_by(Letter.letter_date.desc(), Letter.created_at.desc())
            ).scalars()
        )
        names = _names(session, {r.finalised_by for r in rows if r.finalised_by})
        c = dossier.client
        client = display_name(c.first_names, c.initials, c.prefix, c.surname)
        return [_view(r, dossier.number, client, names) for r in rows]


def letters_for_batch(
    ctx: ServiceContext, kind: str | None, start: date, end: date, *, include_concepts: bool = False
) -> list[LetterView]:
    """Final letters (optionally also concepts) dated ``start``..``end`` in the user's dossiers.

    For batch printing, e.g. all invitations of this week; oldest first, then by dossier number.
    """
    if not ctx.user.sees_dossiers:
        raise PermissionDenied("Als beheerder ziet u geen dossierinhoud.")
    if end < start:
        raise ValidationError({"end": "De einddatum ligt vóór de begindatum."})
    query = (
        select(Letter, Dossier.number, Client.first_names, Client.initials, Client.prefix, Client.surname)
        .join(Dossier, Dossier.id == Letter.dossier_id)
        .join(Client, Client.id == Dossier.client_id)
        .where(
            Letter.deleted_at.is_(None),
            Dossier.deleted_at.is_(None),
            Letter.letter_date >= start,
            Letter.letter_date <= end,
        )
        .order_by(Letter.letter_date, Dossier.number, Letter.created_at)
    )
    if kind:
        query = query.where(Letter.kind == kind)
    if not include_concepts:
        query = query.where(Letter.status == LetterStatus.FINAL)
    if not ctx.user.is_team_lead:
        shared = exists().where(DossierShare.dossier_id == Dossier.id, DossierShare.user_id == ctx.user.id)
        query = query.where(or_(Dossier.owner_id == ctx.user.id, shared))
    with ctx.db.read() as session:
        rows = list(session.execute(query))
        names = _names(session, {r[0].finalised_by for r in rows if r[0].finalised_by})
        return [_view(r[0], r[1], display_name(r[2], r[3], r[4], r[5]), names) for r in rows]


# --------------------------------------------------------------------------- timeline


def _timeline(session: Session, dossier_id: uuid.UUID) -> list[TimelineEntry]:
    rows = session.execute(
        select(Letter).where(Letter.dossier_id == dossier_id, Letter.deleted_at.is_(None))
    ).scalars()
    label = workflow.TIMELINE_KINDS["letter"]
    entries: list[TimelineEntry] = []
    for row in rows:
        kind = TEMPLATE_KIND_LABELS.get(row.kind, row.kind)
        if row.status == LetterStatus.FINAL:
            detail_text = f"Aan {row.recipient_name}; definitief gemaakt"
            if row.objection_until is not None:
                detail_text += f"; bezwaar kan tot en met {row.objection_until.strftime('%d-%m-%Y')}"
            entries.append(
                TimelineEntry(
                    row.letter_date,
                    row.finalised_at,
                    "letter",
                    label,
                    f"Brief: {kind}",
                    detail_text,
                    row.finalised_by or "",
                )
            )
        else:
            entries.append(
                TimelineEntry(
                    row.created_at.astimezone(AMSTERDAM).date(),
                    row.created_at,
                    "letter",
                    label,
                    f"Brief (concept): {kind}",
                    f"Aan {row.recipient_name}",
                    row.created_by,
                )
            )
    return entries


def _register() -> None:
    workflow.TIMELINE_KINDS.setdefault("letter", "Brief")
    if _timeline not in workflow.TIMELINE_SOURCES:
        workflow.TIMELINE_SOURCES.append(_timeline)


_register()
