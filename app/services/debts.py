"""The debts of a dossier, with their totals (the creditor directory is in ``creditors``).

Every write is one transaction with its audit line; bad input raises :class:`ValidationError`
with a Dutch message per field and saves nothing. Sources: DOMAIN.md "Debts as counsellors
record them"; DDAS v1.0 (schuldsoort, totaalSchuldbedragBijAanvangSchuld); RULES.md §4-5.

Choices where the issue is silent:

* The *current* amount of a debt is the balance with its peildatum, else the amount the
  creditor confirmed, else the amount reported, else the original amount.
* The traject starts on the dossier's aanmelding (``reported_on``). A debt counts in the
  *total at the start* unless its origin date lies after that day; it counts with the amount
  reported, else confirmed, else balance, else original (what was known at the start).
* A debt is settleable unless it is a CJIB fine (``app.rules.debts.settleable``) or the
  counsellor excluded it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import fields
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.db.base import utcnow
from app.domain.debts import (
    COLLECTION_STAGE_LABELS,
    GARNISHMENT_KIND_LABELS,
    PROPOSAL_ANSWER_LABELS,
    CollectionStage,
    Creditor,
    Debt,
    ProposalAnswer,
)
from app.domain.dossiers import Dossier
from app.errors import ConflictError, NotFoundError, ValidationError
from app.rules.debts import (
    CORRESPONDENCE_COLOURS,
    CORRESPONDENCE_LABELS,
    CREDITOR_KIND_LABELS,
    DDAS_DEBT_KIND,
    DEBT_TYPE_LABELS,
    VERIFICATION_LABELS,
    CorrespondenceStatus,
    CreditorKind,
    DebtAmount,
    DebtType,
    VerificationStatus,
    is_fixed_cost,
    is_stale,
    settleable,
    totals_by_ddas_kind,
    totals_by_kind,
)
from app.rules.money import MAX_ABS_CENTS, format_amount
from app.rules.phases import THREAT_KIND_LABELS, ThreatKind
from app.services import audit, workflow
from app.services.context import ServiceContext, today_local
from app.services.debt_views import DebtForm, DebtOverview, DebtView, KindTotal
from app.services.dossier_views import TimelineEntry
from app.services.dossiers import load_dossier, require_dossier_access

_AMOUNT_FIELDS = (
    "original_cents",
    "reported_cents",
    "confirmed_cents",
    "balance_cents",
    "garnishment_month_cents",
    "proposal_cents",
)

# --------------------------------------------------------------------------- debts: rules


def current_amount(form: DebtForm) -> int:
    """The best-known amount now: balance, else confirmed, else reported, else original (0)."""
    for value in (form.balance_cents, form.confirmed_cents, form.reported_cents, form.original_cents):
        if value is not None:
            return value
    return 0


def start_amount(form: DebtForm) -> int:
    """The amount known at the start: reported, else confirmed, else balance, else original (0)."""
    for value in (form.reported_cents, form.confirmed_cents, form.balance_cents, form.original_cents):
        if value is not None:
            return value
    return 0


def _is_amount(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_debt(form: DebtForm, today: date) -> dict[str, str]:
    """Return ``{field: Dutch message}`` for every problem in a debt form (creditor existence aside)."""
    errors: dict[str, str] = {}
    for name in _AMOUNT_FIELDS:
        value = getattr(form, name)
        if value is None:
            continue
        if not _is_amount(value):
            errors[name] = "Vul een bedrag in euro's en centen in."
        elif value < 0:
            errors[name] = "Een bedrag is hier nooit negatief."
        elif value > MAX_ABS_CENTS:
            errors[name] = "Dit bedrag is te groot."
    if all(
        getattr(form, n) is None
        for n in ("original_cents", "reported_cents", "confirmed_cents", "balance_cents")
    ):
        errors["reported_cents"] = "Vul minstens één bedrag in, bijvoorbeeld het bedrag dat is aangemeld."
    if form.balance_cents is not None and form.balance_on is None:
        errors["balance_on"] = "Vul de peildatum van het saldo in."
    for name in (
        "balance_on",
        "origin_on",
        "garnishment_since",
        "proposal_on",
        "proposal_answer_on",
        "correspondence_on",
    ):
        value = getattr(form, name)
        if value is not None and value > today:
            errors[name] = "Deze datum ligt in de toekomst."
    if form.debt_type not in {t.value for t in DebtType}:
        errors["debt_type"] = "Kies preferent of concurrent."
    if form.verification not in {v.value for v in VerificationStatus}:
        errors["verification"] = "Kies hoe zeker het bedrag is."
    if form.correspondence not in {c.value for c in CorrespondenceStatus}:
        errors["correspondence"] = "Kies de stand van de post met deze schuldeiser."
    if form.collection_stage is not None and form.collection_stage not in COLLECTION_STAGE_LABELS:
        errors["collection_stage"] = "Kies hoe ver de invordering is."
    if form.collection_stage == CollectionStage.GARNISHMENT and form.garnishment_kind is None:
        errors["garnishment_kind"] = "Kies waar het beslag op ligt."
    if form.garnishment_kind is not None and form.garnishment_kind not in GARNISHMENT_KIND_LABELS:
        errors["garnishment_kind"] = "Kies waar het beslag op ligt."
    if form.threat is not None and form.threat not in {t.value for t in ThreatKind}:
        errors["threat"] = "Kies de bedreigende situatie."
    if form.proposal_answer is not None and form.proposal_answer not in PROPOSAL_ANSWER_LABELS:
        errors["proposal_answer"] = "Kies het antwoord van de schuldeiser."
    answered = form.proposal_answer not in (None, ProposalAnswer.PENDING)
    if answered and form.proposal_cents is None and form.proposal_on is None:
        errors["proposal_answer"] = "Er is nog geen voorstel gedaan."
    if form.proposal_answer_on is not None and not answered:
        errors["proposal_answer_on"] = "Vul eerst het antwoord van de schuldeiser in."
    if form.proposal_on and form.proposal_answer_on and form.proposal_answer_on < form.proposal_on:
        errors["proposal_answer_on"] = "Het antwoord kan niet van vóór het voorstel zijn."
    if form.collection_agency_reference.strip() and form.collection_agency_id is None:
        errors["collection_agency_reference"] = "Kies eerst het incassobureau."
    if form.bailiff_reference.strip() and form.bailiff_id is None:
        errors["bailiff_reference"] = "Kies eerst de deurwaarder."
    for name, limit in (
        ("creditor_reference", 60),
        ("collection_agency_reference", 60),
        ("bailiff_reference", 60),
        ("description", 200),
    ):
        if len(getattr(form, name).strip()) > limit:
            errors[name] = f"Hoogstens {limit} tekens."
    return errors


def _form_of(d: Debt) -> DebtForm:
    return DebtForm(**{f.name: getattr(d, f.name) for f in fields(DebtForm)})


def _apply_debt(d: Debt, form: DebtForm, kind: CreditorKind) -> None:
    for f in fields(DebtForm):
        value = getattr(form, f.name)
        if isinstance(value, str):
            value = value.strip()
        setattr(d, f.name, value)
    d.priority = is_fixed_cost(kind) if form.priority is None else form.priority
    if d.collection_stage != CollectionStage.GARNISHMENT:
        d.garnishment_kind = d.garnishment_since = d.garnishment_month_cents = None


def _debt_fields(d: Debt) -> dict[str, Any]:
    return {f.name: getattr(d, f.name) for f in fields(DebtForm)}


def _label(labels: dict[Any, str], code: str | None) -> str:
    return "" if code is None else labels.get(code, code)


def _debt_view(d: Debt, names: dict[uuid.UUID, Creditor], start_on: date, today: date) -> DebtView:
    form = _form_of(d)
    creditor = names[d.creditor_id]
    kind = CreditorKind(creditor.kind)
    agency = names.get(d.collection_agency_id) if d.collection_agency_id else None
    bailiff = names.get(d.bailiff_id) if d.bailiff_id else None
    status = CorrespondenceStatus(d.correspondence)
    return DebtView(
        id=d.id,
        dossier_id=d.dossier_id,
        version=d.version,
        form=form,
        creditor_name=creditor.name,
        creditor_kind=kind.value,
        creditor_kind_label=CREDITOR_KIND_LABELS[kind],
        ddas_kind=DDAS_DEBT_KIND[kind].value,
        collection_agency_name=agency.name if agency else "",
        bailiff_name=bailiff.name if bailiff else "",
        debt_type_label=DEBT_TYPE_LABELS[DebtType(d.debt_type)],
        current_cents=current_amount(form),
        start_cents=start_amount(form),
        at_start=d.origin_on is None or d.origin_on <= start_on,
        stale=d.balance_on is not None and is_stale(d.balance_on, today),
        settleable=settleable(kind, d.is_fine) and not d.excluded_from_settlement,
        verification_label=VERIFICATION_LABELS[VerificationStatus(d.verification)],
        collection_stage_label=_label(COLLECTION_STAGE_LABELS, d.collection_stage),
        garnishment_kind_label=_label(GARNISHMENT_KIND_LABELS, d.garnishment_kind),
        proposal_answer_label=_label(PROPOSAL_ANSWER_LABELS, d.proposal_answer),
        priority=d.priority,
        threat_label="" if d.threat is None else THREAT_KIND_LABELS[ThreatKind(d.threat)],
        correspondence_label=CORRESPONDENCE_LABELS[status],
        correspondence_colour=CORRESPONDENCE_COLOURS[status],
        created_on=d.created_at.date(),
    )


def summarise(dossier_id: uuid.UUID, debts: Iterable[DebtView], start_on: date, today: date) -> DebtOverview:
    """Add up a dossier's debts: now, at the start, per kind, per DDAS schuldsoort, settleable."""
    items = tuple(debts)
    amounts = [DebtAmount(CreditorKind(d.creditor_kind), d.current_cents) for d in items]
    counts: dict[str, int] = {}
    ddas_counts: dict[str, int] = {}
    for d in items:
        counts[d.creditor_kind] = counts.get(d.creditor_kind, 0) + 1
        ddas_counts[d.ddas_kind] = ddas_counts.get(d.ddas_kind, 0) + 1
    by_kind = tuple(
        KindTotal(k.value, CREDITOR_KIND_LABELS[k], cents, counts[k.value])
        for k, cents in totals_by_kind(amounts).items()
    )
    by_ddas = tuple(
        KindTotal(k.value, k.value, cents, ddas_counts.get(k.value, 0))
        for k, cents in totals_by_ddas_kind(amounts).items()
    )
    total = sum(d.current_cents for d in items)
    settle = sum(d.current_cents for d in items if d.settleable)
    return DebtOverview(
        dossier_id=dossier_id,
        as_of=today,
        start_on=start_on,
        debts=items,
        total_cents=total,
        total_at_start_cents=sum(d.start_cents for d in items if d.at_start),
        by_kind=by_kind,
        by_ddas_kind=by_ddas,
        settleable_cents=settle,
        not_settleable_cents=total - settle,
        priority_cents=sum(d.current_cents for d in items if d.priority),
        business_cents=sum(d.current_cents for d in items if d.form.business),
        stale_count=sum(d.stale for d in items),
        unconfirmed_count=sum(d.form.verification != VerificationStatus.CONFIRMED for d in items),
    )


# --------------------------------------------------------------------------- debts: use cases


def _creditors_of(session: Session, debts: Iterable[Debt]) -> dict[uuid.UUID, Creditor]:
    ids = {i for d in debts for i in (d.creditor_id, d.collection_agency_id, d.bailiff_id) if i is not None}
    if not ids:
        return {}
    return {c.id: c for c in session.execute(select(Creditor).where(Creditor.id.in_(ids))).scalars()}


def overview_in_session(session: Session, dossier: Dossier) -> DebtOverview:
    today = today_local()
    rows = list(
        session.execute(
            select(Debt)
            .where(Debt.dossier_id == dossier.id, Debt.deleted_at.is_(None))
            .order_by(Debt.created_at, Debt.id)
        ).scalars()
    )
    names = _creditors_of(session, rows)
    views = sorted(
        (_debt_view(d, names, dossier.reported_on, today) for d in rows),
        key=lambda v: (not v.priority, v.creditor_name.lower(), v.created_on),
    )
    return summarise(dossier.id, views, dossier.reported_on, today)


def debt_overview(ctx: ServiceContext, dossier_id: uuid.UUID) -> DebtOverview:
    """Return the dossier's debts (priority debts first, then by creditor) with all totals."""
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        return overview_in_session(session, dossier)


def _check_links(session: Session, form: DebtForm) -> CreditorKind:
    errors: dict[str, str] = {}
    creditor = session.get(Creditor, form.creditor_id)
    if creditor is None or creditor.deleted_at is not None:
        errors["creditor_id"] = "Kies een schuldeiser uit de lijst."
    for name in ("collection_agency_id", "bailiff_id"):
        linked = getattr(form, name)
        if linked is not None and ((c := session.get(Creditor, linked)) is None or c.deleted_at is not None):
            errors[name] = "Kies een bedrijf uit de lijst."
    if errors or creditor is None:
        raise ValidationError(errors)
    return CreditorKind(creditor.kind)


def _load_debt(session: Session, debt_id: uuid.UUID) -> Debt:
    found = session.get(Debt, debt_id)
    if found is None or found.deleted_at is not None:
        raise NotFoundError("Deze schuld bestaat niet (meer).")
    return found


def _single_view(session: Session, record: Debt, dossier: Dossier) -> DebtView:
    return _debt_view(record, _creditors_of(session, [record]), dossier.reported_on, today_local())


def add_debt(ctx: ServiceContext, dossier_id: uuid.UUID, form: DebtForm) -> DebtView:
    """Record a debt in a dossier."""
    if errors := validate_debt(form, today_local()):
        raise ValidationError(errors)
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        kind = _check_links(session, form)
        record = Debt(dossier_id=dossier.id, updated_by=ctx.user.username)
        _apply_debt(record, form, kind)
        session.add(record)
        session.flush()
        audit.log(
            session,
            ctx,
            "create",
            "debt",
            record.id,
            details={
                "dossier": str(dossier.id),
                "creditor": str(record.creditor_id),
                "amount_cents": current_amount(form),
            },
        )
        return _single_view(session, record, dossier)


def update_debt(ctx: ServiceContext, debt_id: uuid.UUID, expected_version: int, form: DebtForm) -> DebtView:
    """Save changes to a debt; refuse when someone else saved in between."""
    if errors := validate_debt(form, today_local()):
        raise ValidationError(errors)
    try:
        with ctx.db.begin() as session:
            record = _load_debt(session, debt_id)
            dossier = load_dossier(session, record.dossier_id)
            require_dossier_access(session, ctx, dossier, write=True)
            if record.version != expected_version:
                raise ConflictError("Iemand anders heeft deze schuld net gewijzigd. Open hem opnieuw.")
            kind = _check_links(session, form)
            before = _debt_fields(record)
            _apply_debt(record, form, kind)
            record.updated_by = ctx.user.username
            changed = audit.changes(before, _debt_fields(record))
            audit.log(
                session, ctx, "update", "debt", record.id, details=changed | {"dossier": str(dossier.id)}
            )
            session.flush()
            return _single_view(session, record, dossier)
    except StaleDataError as exc:
        raise ConflictError("Iemand anders heeft deze schuld net gewijzigd. Open hem opnieuw.") from exc


def set_correspondence(
    ctx: ServiceContext, debt_id: uuid.UUID, status: str, on: date | None = None
) -> DebtView:
    """Move the post with a creditor on (nog benaderen → brief → herinnering → antwoord), dated."""
    try:
        wanted = CorrespondenceStatus(status)
    except ValueError as exc:
        raise ValidationError({"correspondence": "Kies de stand van de post met deze schuldeiser."}) from exc
    on = on or today_local()
    if on > today_local():
        raise ValidationError({"correspondence_on": "Deze datum ligt in de toekomst."})
    with ctx.db.begin() as session:
        record = _load_debt(session, debt_id)
        dossier = load_dossier(session, record.dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        before = record.correspondence
        record.correspondence = wanted.value
        record.correspondence_on = on
        record.updated_by = ctx.user.username
        audit.log(
            session,
            ctx,
            "update",
            "debt",
            record.id,
            details={"correspondence": [before, wanted.value], "dossier": str(dossier.id)},
        )
        session.flush()
        return _single_view(session, record, dossier)


def delete_debt(ctx: ServiceContext, debt_id: uuid.UUID) -> None:
    """Remove a debt from its dossier (tombstone, logged)."""
    with ctx.db.begin() as session:
        record = _load_debt(session, debt_id)
        dossier = load_dossier(session, record.dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        record.deleted_at = utcnow()
        record.updated_by = ctx.user.username
        audit.log(session, ctx, "delete", "debt", record.id, details={"dossier": str(dossier.id)})


# --------------------------------------------------------------------------- timeline


def debt_timeline(session: Session, dossier_id: uuid.UUID) -> list[TimelineEntry]:
    """Debts registered and creditors' answers to proposals, for the dossier's timeline."""
    rows = list(
        session.execute(
            select(Debt).where(Debt.dossier_id == dossier_id, Debt.deleted_at.is_(None))
        ).scalars()
    )
    names = _creditors_of(session, rows)
    label = workflow.TIMELINE_KINDS["debt"]
    entries: list[TimelineEntry] = []
    for d in rows:
        creditor = names[d.creditor_id].name
        amount = format_amount(current_amount(_form_of(d)))
        detail = f"{d.description} {amount}".strip()
        title = f"Schuld vastgelegd: {creditor}"
        entries.append(
            TimelineEntry(d.created_at.date(), d.created_at, "debt", label, title, detail, d.updated_by or "")
        )
        if d.proposal_answer_on and d.proposal_answer:
            answer = PROPOSAL_ANSWER_LABELS.get(d.proposal_answer, d.proposal_answer)
            title = f"Antwoord op voorstel: {creditor}"
            entries.append(
                TimelineEntry(d.proposal_answer_on, None, "debt", label, title, answer, d.updated_by or "")
            )
    return entries


def _register() -> None:
    workflow.TIMELINE_KINDS.setdefault("debt", "Schulden")
    if debt_timeline not in workflow.TIMELINE_SOURCES:
        workflow.TIMELINE_SOURCES.append(debt_timeline)


_register()
