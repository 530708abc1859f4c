"""The creditor directory: creditors, incassobureaus and deurwaarders, shared by all dossiers.

Anyone who works on dossiers (consulent, teamleider) may add and correct creditors; a creditor
that a debt still refers to cannot be removed. Source: DOMAIN.md "Debts as counsellors record
them"; DDAS v1.0 (schuldsoort per kind of creditor).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.db.base import utcnow
from app.domain.debts import Creditor, Debt
from app.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from app.rules import identifiers
from app.rules.debts import CREDITOR_KIND_LABELS, DDAS_DEBT_KIND, CreditorKind
from app.services import audit
from app.services.context import ServiceContext
from app.services.debt_views import CreditorForm, CreditorView


def _require_reader(ctx: ServiceContext) -> None:
    if not ctx.user.sees_dossiers:
        raise PermissionDenied("Als beheerder ziet u geen schulden of schuldeisers.")


def validate_creditor(form: CreditorForm) -> dict[str, str]:
    """Return ``{field: Dutch message}`` for every problem in a creditor form."""
    errors: dict[str, str] = {}
    if not form.name.strip():
        errors["name"] = "Vul de naam van de schuldeiser in."
    elif len(form.name.strip()) > 200:
        errors["name"] = "Deze naam is te lang (hoogstens 200 tekens)."
    if form.kind not in {k.value for k in CreditorKind}:
        errors["kind"] = "Kies het soort schuldeiser."
    if problem := identifiers.postcode_error(form.postcode):
        errors["postcode"] = problem
    if problem := identifiers.email_error(form.email):
        errors["email"] = problem
    kvk = form.kvk_number.strip()
    if kvk and not (kvk.isdigit() and len(kvk) == 8):
        errors["kvk_number"] = "Een KvK-nummer heeft 8 cijfers."
    return errors


def _creditor_view(c: Creditor, debt_count: int = 0) -> CreditorView:
    kind = CreditorKind(c.kind)
    return CreditorView(
        c.id,
        c.version,
        c.name,
        c.kind,
        CREDITOR_KIND_LABELS[kind],
        DDAS_DEBT_KIND[kind].value,
        c.street,
        c.postcode,
        c.city,
        c.phone,
        c.email,
        c.kvk_number,
        c.note,
        debt_count,
    )


def _apply_creditor(c: Creditor, form: CreditorForm) -> None:
    c.name = form.name.strip()
    c.kind = form.kind
    c.street = form.street.strip()
    c.postcode = identifiers.normalise_postcode(form.postcode)
    c.city = form.city.strip()
    c.phone = form.phone.strip()
    c.email = form.email.strip()
    c.kvk_number = form.kvk_number.strip()
    c.note = form.note.strip()


def _creditor_fields(c: Creditor) -> dict[str, Any]:
    return {
        n: getattr(c, n)
        for n in ("name", "kind", "street", "postcode", "city", "phone", "email", "kvk_number", "note")
    }


def list_creditors(
    ctx: ServiceContext, text: str = "", kind: str | None = None, *, with_counts: bool = False
) -> list[CreditorView]:
    """Return the directory sorted by name, optionally filtered by a name fragment and a kind.

    ``with_counts`` adds how many live debts name each creditor (as creditor, incassobureau
    or deurwaarder) — one pass over all debts, so only the directory page asks for it.
    """
    _require_reader(ctx)
    query = select(Creditor).where(Creditor.deleted_at.is_(None))
    for token in text.split():
        query = query.where(func.lower(Creditor.name).like(f"%{token.lower().replace('%', '')}%"))
    if kind:
        query = query.where(Creditor.kind == kind)
    with ctx.db.read() as session:
        creditors = list(session.execute(query.order_by(func.lower(Creditor.name))).scalars())
        counts: dict[uuid.UUID, int] = {}
        if with_counts and creditors:
            live = Debt.deleted_at.is_(None)
            roles = union_all(
                select(Debt.creditor_id.label("who")).where(live),
                select(Debt.collection_agency_id.label("who")).where(
                    live, Debt.collection_agency_id.is_not(None)
                ),
                select(Debt.bailiff_id.label("who")).where(live, Debt.bailiff_id.is_not(None)),
            ).subquery()
            grouped = session.execute(select(roles.c.who, func.count()).group_by(roles.c.who))
            counts = {who: int(n) for who, n in grouped}
        return [_creditor_view(c, counts.get(c.id, 0)) for c in creditors]


def _load_creditor(session: Session, creditor_id: uuid.UUID) -> Creditor:
    found = session.get(Creditor, creditor_id)
    if found is None or found.deleted_at is not None:
        raise NotFoundError("Deze schuldeiser bestaat niet (meer).")
    return found


def get_creditor(ctx: ServiceContext, creditor_id: uuid.UUID) -> CreditorView:
    """Return one creditor of the directory."""
    _require_reader(ctx)
    with ctx.db.read() as session:
        return _creditor_view(_load_creditor(session, creditor_id))


def create_creditor(ctx: ServiceContext, form: CreditorForm) -> CreditorView:
    """Add a creditor to the directory (anyone who works on dossiers)."""
    _require_reader(ctx)
    if errors := validate_creditor(form):
        raise ValidationError(errors)
    with ctx.db.begin() as session:
        record = Creditor(updated_by=ctx.user.username)
        _apply_creditor(record, form)
        session.add(record)
        session.flush()
        audit.log(session, ctx, "create", "creditor", record.id, details={"name": record.name})
        return _creditor_view(record)


def update_creditor(
    ctx: ServiceContext, creditor_id: uuid.UUID, expected_version: int, form: CreditorForm
) -> CreditorView:
    """Change a creditor's details; refuse when someone else saved in between."""
    _require_reader(ctx)
    if errors := validate_creditor(form):
        raise ValidationError(errors)
    try:
        with ctx.db.begin() as session:
            record = _load_creditor(session, creditor_id)
            if record.version != expected_version:
                raise ConflictError("Iemand anders heeft deze schuldeiser net gewijzigd. Open hem opnieuw.")
            before = _creditor_fields(record)
            _apply_creditor(record, form)
            record.updated_by = ctx.user.username
            audit.log(
                session,
                ctx,
                "update",
                "creditor",
                record.id,
                details=audit.changes(before, _creditor_fields(record)),
            )
            session.flush()
            return _creditor_view(record)
    except StaleDataError as exc:
        raise ConflictError("Iemand anders heeft deze schuldeiser net gewijzigd. Open hem opnieuw.") from exc


def delete_creditor(ctx: ServiceContext, creditor_id: uuid.UUID) -> None:
    """Remove a creditor that no debt refers to (tombstone)."""
    _require_reader(ctx)
    with ctx.db.begin() as session:
        record = _load_creditor(session, creditor_id)
        in_use = session.execute(
            select(func.count())
            .select_from(Debt)
            .where(
                Debt.deleted_at.is_(None),
                or_(
                    Debt.creditor_id == creditor_id,
                    Debt.collection_agency_id == creditor_id,
                    Debt.bailiff_id == creditor_id,
                ),
            )
        ).scalar_one()
        if in_use:
            raise ValidationError({"creditor": f"Deze schuldeiser staat nog bij {in_use} schuld(en)."})
        record.deleted_at = utcnow()
        record.updated_by = ctx.user.username
        audit.log(session, ctx, "delete", "creditor", record.id, details={"name": record.name})
