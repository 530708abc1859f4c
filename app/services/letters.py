"""Letters of a dossier: a concept until finalised; a final letter is frozen as the exact PDF bytes.

Lifecycle: ``create_concept`` (fields checked, Dutch messages) → ``preview_pdf`` (rendered
with a "CONCEPT" stamp) → ``finalise`` (rendered once more without the stamp; the bytes, their
SHA-256, the template version and who finalised are stored) → ``get_pdf`` returns exactly those
bytes for every reprint. A final letter never changes (the service refuses, and a database
trigger refuses any UPDATE); a correction is a new letter (``correct``). Printing and exporting
are audited (``record_print``, ``record_export``).

Source: RULES.md §3 (Awb 3:45-3:47, 6:4, 6:7-6:8: a beschikking carries its decision, date,
kenmerk, motivation, legal basis and the bezwaarclausule with the last day computed by
``objection_period_end``), Wgs art. 4a (the toelating carries the plan van aanpak).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.base import utcnow
from app.documents.models import FieldValue, LetterRequest, Recipient
from app.documents.templates import Template, load_template
from app.domain.dossiers import Dossier
from app.domain.letters import Letter, LetterStatus
from app.domain.users import User
from app.errors import DatabaseError, KnownError, NotFoundError, ValidationError
from app.rules.deadlines import objection_period_end
from app.services import audit, letter_fields
from app.services.context import ServiceContext, today_local
from app.services.dossiers import detail, load_dossier, require_dossier_access
from app.services.letter_prefill import (
    RecipientForm,
    client_recipient,
    optional,
    prefill,
    recipient_options,
)
from app.services.letter_views import (
    LetterDraft,
    LetterView,
    kinds,
    letters_for_batch,
    list_letters,
    recipient_of,
    single_view,
    template_for,
)
from app.services.letterhead import letterhead
from app.services.letterhead import missing_for_letters as _missing_letterhead
from app.services.letterhead import read_settings as _letterhead_settings

__all__ = [
    "APPLICATION_DECISIONS",
    "FinalLetterError",
    "LetterDraft",
    "LetterView",
    "correct",
    "create_concept",
    "delete_concept",
    "draft",
    "finalise",
    "get_letter",
    "get_pdf",
    "kinds",
    "letters_for_batch",
    "list_letters",
    "preview_pdf",
    "record_export",
    "record_print",
    "template_for",
    "update_concept",
]

#: Kinds whose finalisation is the decision on the application (sets the day the decision was sent).
APPLICATION_DECISIONS = frozenset({"toelating", "afwijzing"})


class FinalLetterError(KnownError):
    """A final letter cannot be changed or deleted; a correction is a new letter."""


def _load(
    session: Session, ctx: ServiceContext, letter_id: uuid.UUID, *, write: bool
) -> tuple[Letter, Dossier]:
    row = session.get(Letter, letter_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError("Deze brief bestaat niet (meer).")
    dossier = load_dossier(session, row.dossier_id)
    require_dossier_access(session, ctx, dossier, write=write)
    return row, dossier


def _require_concept(row: Letter) -> None:
    if row.status == LetterStatus.FINAL:
        raise FinalLetterError(
            "Deze brief is definitief en verandert nooit meer. Wilt u iets verbeteren? "
            "Maak dan een nieuwe brief als correctie."
        )


def _counsellor(session: Session, ctx: ServiceContext) -> tuple[str, str, str]:
    found = session.execute(
        select(User.full_name, User.job_title, User.phone).where(User.id == ctx.user.id)
    ).one_or_none()
    if found is None:
        return ctx.user.full_name, "Schuldhulpverlener", ""
    return found[0] or ctx.user.full_name, found[1] or "Schuldhulpverlener", found[2] or ""


def _objection_until(session: Session, template: Template, on: date) -> date | None:
    """Last day for bezwaar (Awb 6:7, 6:8; Atw 1(1)), with the municipality's extra Atw days."""
    if not template.is_decision:
        return None
    term_settings = optional("app.services.terms", "term_settings")
    calendar = getattr(term_settings(session), "calendar", None) if term_settings is not None else None
    return objection_period_end(on, calendar=calendar)


def _request(
    row: Letter,
    template: Template,
    values: Mapping[str, FieldValue],
    number: str,
    on: date,
    objection_until: date | None,
) -> LetterRequest:
    recipient = recipient_of(row)
    return LetterRequest(
        kind=row.kind,
        dossier_number=number,
        letter_date=on,
        recipient=Recipient(recipient.name, recipient.address_lines, recipient.salutation or None),
        counsellor_name=row.counsellor_name,
        counsellor_role=row.counsellor_role,
        fields=dict(values),
        objection_until=objection_until,
        counsellor_phone=row.counsellor_phone or None,
    )


def _render(session: Session, row: Letter, dossier: Dossier, on: date) -> tuple[bytes, Template, date | None]:
    template = load_template(row.kind)
    values = letter_fields.decode(template, row.fields)
    until = _objection_until(session, template, on)
    head = letterhead(session)
    try:
        from app.documents.letters import render_letter  # ReportLab: imported when a letter is printed

        pdf = render_letter(head, _request(row, template, values, dossier.number, on, until))
    except ValueError as exc:  # TemplateError included: a value the template cannot print
        raise ValidationError({"*": f"De brief kan zo niet worden gemaakt: {exc}"}) from exc
    return pdf, template, until


def _check_recipient(recipient: RecipientForm) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not recipient.name.strip():
        errors["recipient.name"] = "Vul de naam van de geadresseerde in."
    lines = [line for line in recipient.address_lines if line.strip()]
    if not lines:
        errors["recipient.address"] = "Vul het adres in: straat en huisnummer, dan postcode en plaats."
    elif len(lines) > 4:
        errors["recipient.address"] = "Het adres mag hoogstens 4 regels hebben (het venster van de envelop)."
    return errors


def _check_letterhead(session: Session) -> None:
    missing = _missing_letterhead(_letterhead_settings(session))
    if missing:
        raise ValidationError(
            {
                "*": "Het briefpapier is nog niet compleet: "
                + ", ".join(missing)
                + ". Vraag de beheerder dit in te vullen."
            }
        )


# --------------------------------------------------------------------------- use cases


def draft(
    ctx: ServiceContext, dossier_id: uuid.UUID, kind: str, letter_date: date | None = None
) -> LetterDraft:
    """Start a new letter: the template, values prefilled from the dossier and the recipients."""
    template = template_for(kind)
    on = letter_date or today_local()
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        view = detail(session, ctx, dossier)
    values = prefill(ctx, view, kind, on)
    return LetterDraft(view, template, on, values, tuple(recipient_options(ctx, view, kind)))


def create_concept(
    ctx: ServiceContext,
    dossier_id: uuid.UUID,
    kind: str,
    fields: Mapping[str, object],
    *,
    recipient: RecipientForm | None = None,
    letter_date: date | None = None,
    corrects_id: uuid.UUID | None = None,
) -> LetterView:
    """Save a new concept letter; every problem is a ``ValidationError`` with Dutch messages.

    ``recipient`` defaults to the client (a stabilisatieovereenkomst needs a creditor).
    """
    template = template_for(kind)
    on = letter_date or today_local()
    values = letter_fields.normalise(template, fields)
    errors = letter_fields.validate(template, values, on)
    if on < today_local():
        errors["letter_date"] = "De datum van de brief ligt in het verleden."
    if kind == "stabilisatieovereenkomst" and recipient is None:
        errors["recipient.name"] = "Kies de schuldeiser die deze brief krijgt."
    if recipient is not None:
        errors |= _check_recipient(recipient)
    if errors:
        raise ValidationError(errors)
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        _check_letterhead(session)
        if recipient is None:
            recipient = client_recipient(detail(session, ctx, dossier).client)
        name, role, phone = _counsellor(session, ctx)
        row = Letter(
            dossier_id=dossier.id,
            kind=kind,
            status=LetterStatus.CONCEPT,
            fields=letter_fields.encode(template, values),
            letter_date=on,
            template_version=template.version,
            recipient_name=recipient.name.strip(),
            recipient_address=json.dumps(
                [x.strip() for x in recipient.address_lines if x.strip()], ensure_ascii=False
            ),
            recipient_salutation=recipient.salutation.strip(),
            counsellor_name=name,
            counsellor_role=role,
            counsellor_phone=phone,
            created_by=ctx.user.username,
            corrects_id=corrects_id,
            updated_by=ctx.user.username,
        )
        _render(session, row, dossier, on)  # a concept must always be printable
        session.add(row)
        session.flush()
        details = {"kind": kind, "dossier": str(dossier.id)}
        if corrects_id is not None:
            details["corrects"] = str(corrects_id)
        audit.log(session, ctx, "create", "letter", row.id, details=details)
        return single_view(session, row, dossier)


def update_concept(
    ctx: ServiceContext,
    letter_id: uuid.UUID,
    expected_version: int,
    fields: Mapping[str, object],
    *,
    recipient: RecipientForm | None = None,
    letter_date: date | None = None,
) -> LetterView:
    """Change a concept's values, recipient or date; a final letter raises ``FinalLetterError``."""
    with ctx.db.begin() as session:
        row, dossier = _load(session, ctx, letter_id, write=True)
        _require_concept(row)
        if row.version != expected_version:
            raise ValidationError({"*": "Iemand anders heeft deze brief net gewijzigd. Open hem opnieuw."})
        template = load_template(row.kind)
        on = letter_date or row.letter_date
        values = letter_fields.normalise(template, fields)
        errors = letter_fields.validate(template, values, on)
        if letter_date is not None and letter_date < today_local():
            errors["letter_date"] = "De datum van de brief ligt in het verleden."
        if recipient is not None:
            errors |= _check_recipient(recipient)
        if errors:
            raise ValidationError(errors)
        before = {"fields": row.fields, "letter_date": row.letter_date, "recipient": row.recipient_name}
        row.fields = letter_fields.encode(template, values)
        row.letter_date = on
        row.template_version = template.version
        if recipient is not None:
            row.recipient_name = recipient.name.strip()
            row.recipient_address = json.dumps(
                [x.strip() for x in recipient.address_lines if x.strip()], ensure_ascii=False
            )
            row.recipient_salutation = recipient.salutation.strip()
        row.updated_by = ctx.user.username
        _render(session, row, dossier, on)
        after = {"fields": row.fields, "letter_date": row.letter_date, "recipient": row.recipient_name}
        audit.log(session, ctx, "update", "letter", row.id, details=audit.changes(before, after))
        session.flush()
        return single_view(session, row, dossier)


def delete_concept(ctx: ServiceContext, letter_id: uuid.UUID) -> None:
    """Remove a concept (tombstone); a final letter stays forever (``FinalLetterError``)."""
    with ctx.db.begin() as session:
        row, _dossier = _load(session, ctx, letter_id, write=True)
        _require_concept(row)
        row.deleted_at = utcnow()
        row.updated_by = ctx.user.username
        audit.log(session, ctx, "delete", "letter", row.id, details={"kind": row.kind})


def get_letter(ctx: ServiceContext, letter_id: uuid.UUID) -> LetterView:
    """Return one letter (without its bytes)."""
    with ctx.db.read() as session:
        row, dossier = _load(session, ctx, letter_id, write=False)
        return single_view(session, row, dossier)


def preview_pdf(ctx: ServiceContext, letter_id: uuid.UUID) -> bytes:
    """The letter as PDF: a concept rendered now with a "CONCEPT" stamp, a final one as stored."""
    with ctx.db.read() as session:
        row, dossier = _load(session, ctx, letter_id, write=False)
        if row.status == LetterStatus.FINAL:
            return _stored_pdf(session, row)
        pdf, _template, _until = _render(session, row, dossier, row.letter_date)
    from app.services.letter_stamp import stamp_concept

    return stamp_concept(pdf)


def _stored_pdf(session: Session, row: Letter) -> bytes:
    pdf = session.execute(select(Letter.pdf).where(Letter.id == row.id)).scalar_one()
    if pdf is None or hashlib.sha256(pdf).hexdigest() != row.sha256:
        raise DatabaseError(
            "De opgeslagen brief klopt niet meer met zijn controlecode. Zet een reservekopie terug "
            "of neem contact op met de beheerder."
        )
    return bytes(pdf)


def get_pdf(ctx: ServiceContext, letter_id: uuid.UUID) -> bytes:
    """The PDF to print or save: for a final letter exactly the stored bytes (checked by SHA-256)."""
    return preview_pdf(ctx, letter_id)


def finalise(ctx: ServiceContext, letter_id: uuid.UUID, *, override_reason: str | None = None) -> LetterView:
    """Make a concept final: render it once more, store the bytes with SHA-256; from now on frozen.

    The letter is dated today (or its later date). A toelating first passes the voorlegger's
    gate (``require_toelating_ready``; a teamleider may pass it with ``override_reason``).
    A toelating or afwijzing also records the day the decision was sent, when the traject
    capability offers that and no day was recorded yet; a problem there comes back as a note.
    """
    with ctx.db.begin() as session:
        row, dossier = _load(session, ctx, letter_id, write=True)
        _require_concept(row)
        template = load_template(row.kind)
        on = max(row.letter_date, today_local())
        errors = letter_fields.validate(template, letter_fields.decode(template, row.fields), on)
        if errors:
            raise ValidationError(errors)
        _check_letterhead(session)
        if row.kind == "toelating":
            gate = optional("app.services.voorlegger", "require_toelating_ready")
            if gate is not None:
                gate(session, ctx, dossier, override_reason)
        pdf, template, until = _render(session, row, dossier, on)
        digest = hashlib.sha256(pdf).hexdigest()
        row.letter_date = on
        row.objection_until = until
        row.template_version = template.version
        row.pdf = pdf
        row.sha256 = digest
        row.status = LetterStatus.FINAL
        row.finalised_by = ctx.user.username
        row.finalised_at = utcnow()
        row.updated_by = ctx.user.username
        audit.log(
            session,
            ctx,
            "update",
            "letter",
            row.id,
            details={
                "status": [LetterStatus.CONCEPT.value, LetterStatus.FINAL.value],
                "kind": row.kind,
                "sha256": digest,
                "template_version": template.version,
                "letter_date": on,
            },
        )
        session.flush()
        dossier_id, kind = dossier.id, row.kind
        first = letter_fields.decode(template, row.fields).get("first_conversation_date")
    notes = _decision_hook(ctx, dossier_id, kind, on, first if isinstance(first, date) else None)
    view = get_letter(ctx, letter_id)
    return LetterView(**{**view.__dict__, "notes": notes})


def _decision_hook(
    ctx: ServiceContext, dossier_id: uuid.UUID, kind: str, on: date, first_conversation: date | None
) -> tuple[str, ...]:
    """Record the day the decision on the application was sent, when the traject offers it."""
    if kind not in APPLICATION_DECISIONS:
        return ()
    get = optional("app.services.traject", "get_urgency")
    save = optional("app.services.traject", "save_urgency")
    form = optional("app.services.traject", "UrgencyForm")
    if get is None or save is None or form is None:
        return ()
    current = get(ctx, dossier_id)
    if getattr(current, "decision_sent_on", None) is not None:
        return ()
    first = current.first_conversation_on or current.first_conversation_effective or first_conversation
    try:
        save(ctx, dossier_id, form(current.threat_kinds, current.threat_reported_on, first, on))
    except ValidationError as exc:
        return ("De verzenddatum van het besluit is niet vastgelegd: " + " ".join(exc.errors.values()),)
    except KnownError as exc:
        return (f"De verzenddatum van het besluit is niet vastgelegd: {exc}",)
    return ()


def correct(ctx: ServiceContext, letter_id: uuid.UUID) -> LetterView:
    """Start a correction of a final letter: a new concept with the same values and recipient."""
    original = get_letter(ctx, letter_id)
    if not original.is_final:
        raise ValidationError(
            {"*": "Een concept kunt u gewoon wijzigen; corrigeren is voor definitieve brieven."}
        )
    return create_concept(
        ctx,
        original.dossier_id,
        original.kind,
        dict(original.fields),
        recipient=original.recipient,
        corrects_id=original.id,
    )


def _record(ctx: ServiceContext, letter_id: uuid.UUID, action: str, details: dict[str, object]) -> None:
    with ctx.db.begin() as session:
        row, _dossier = _load(session, ctx, letter_id, write=False)
        audit.log(
            session,
            ctx,
            action,
            "letter",
            row.id,
            details={"kind": row.kind, "status": row.status, "sha256": row.sha256 or "", **details},
        )


def record_print(ctx: ServiceContext, letter_id: uuid.UUID, printer: str = "") -> None:
    """Write the audit line for a printed letter (after the print job was handed over)."""
    _record(ctx, letter_id, "print", {"printer": printer} if printer else {})


def record_export(ctx: ServiceContext, letter_id: uuid.UUID, target: str = "pdf") -> None:
    """Write the audit line for a letter saved as a file (``target``: what kind of file)."""
    _record(ctx, letter_id, "export", {"target": target})
