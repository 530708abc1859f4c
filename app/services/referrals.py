"""Sociale partners, referrals with follow-up and feedback, and support products.

A referral records why, whether it was a warme overdracht (an appointment made with the
partner, not a leaflet), when to follow up and what came back; an open referral without
feedback shows in Signalen from its follow-up date. Support products are the DDAS
begeleidingssoorten with their period. Source: DOMAIN.md (sociale partner, warme overdracht);
seed 004 (~50 % get support from a social partner); DDAS ``begeleiding``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.traject import PARTNER_KIND_LABELS, Partner, Referral, SupportProductRecord
from app.errors import NotFoundError, PermissionDenied, ValidationError
from app.rules.phases import SUPPORT_PRODUCT_LABELS, SupportProduct
from app.services import audit, settings, workflow
from app.services.context import ServiceContext, today_local
from app.services.dossier_views import TimelineEntry
from app.services.dossiers import load_dossier, require_dossier_access

# --------------------------------------------------------------------------- partners


@dataclass(frozen=True)
class PartnerForm:
    """A partner in the directory as typed."""

    name: str
    kind: str
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    note: str = ""
    active: bool = True


@dataclass(frozen=True)
class PartnerView:
    id: uuid.UUID
    name: str
    kind: str
    kind_label: str
    contact_person: str
    phone: str
    email: str
    address: str
    note: str
    active: bool
    version: int


def _partner_view(p: Partner) -> PartnerView:
    return PartnerView(
        p.id,
        p.name,
        p.kind,
        PARTNER_KIND_LABELS.get(p.kind, p.kind),
        p.contact_person,
        p.phone,
        p.email,
        p.address,
        p.note,
        p.active,
        p.version,
    )


def _may_edit_directory(ctx: ServiceContext) -> None:
    if not (ctx.user.sees_dossiers or ctx.user.is_admin):
        raise PermissionDenied("U heeft geen rechten voor de partnerlijst.")


def list_partners(ctx: ServiceContext, *, include_inactive: bool = False) -> list[PartnerView]:
    """Return the partner directory, by name."""
    query = select(Partner).where(Partner.deleted_at.is_(None)).order_by(Partner.name)
    if not include_inactive:
        query = query.where(Partner.active.is_(True))
    with ctx.db.read() as session:
        return [_partner_view(p) for p in session.execute(query).scalars()]


def validate_partner(form: PartnerForm) -> dict[str, str]:
    """Return ``{field: Dutch message}`` for every problem in ``form``."""
    errors: dict[str, str] = {}
    if not form.name.strip():
        errors["name"] = "Vul de naam van de partner in."
    if form.kind not in PARTNER_KIND_LABELS:
        errors["kind"] = "Kies het soort partner."
    return errors


def save_partner(ctx: ServiceContext, form: PartnerForm, partner_id: uuid.UUID | None = None) -> PartnerView:
    """Add a partner to the directory, or change one."""
    _may_edit_directory(ctx)
    errors = validate_partner(form)
    if errors:
        raise ValidationError(errors)
    with ctx.db.begin() as session:
        if partner_id is None:
            p = Partner(updated_by=ctx.user.username)
            session.add(p)
            before: dict[str, object] = {}
        else:
            found = session.get(Partner, partner_id)
            if found is None or found.deleted_at is not None:
                raise NotFoundError("Deze partner bestaat niet (meer).")
            p = found
            before = _partner_fields(p)
        p.name, p.kind = form.name.strip(), form.kind
        p.contact_person, p.phone, p.email = (
            form.contact_person.strip(),
            form.phone.strip(),
            form.email.strip(),
        )
        p.address, p.note, p.active = form.address.strip(), form.note.strip(), form.active
        p.updated_by = ctx.user.username
        session.flush()
        audit.log(
            session,
            ctx,
            "create" if partner_id is None else "update",
            "partner",
            p.id,
            details=audit.changes(before, _partner_fields(p)),
        )
        return _partner_view(p)


def _partner_fields(p: Partner) -> dict[str, object]:
    return {
        "name": p.name,
        "kind": p.kind,
        "contact_person": p.contact_person,
        "phone": p.phone,
        "email": p.email,
        "address": p.address,
        "active": p.active,
    }


# --------------------------------------------------------------------------- referrals


@dataclass(frozen=True)
class ReferralForm:
    """A referral as typed; ``follow_up_on`` defaults to the setting terms.referral_followup_days."""

    partner_id: uuid.UUID | None
    referred_on: date
    reason: str
    warm_handover: bool = False
    partner_appointment_on: date | None = None
    follow_up_on: date | None = None


@dataclass(frozen=True)
class ReferralView:
    id: uuid.UUID
    dossier_id: uuid.UUID
    partner_id: uuid.UUID
    partner_name: str
    partner_kind_label: str
    referred_on: date
    reason: str
    warm_handover: bool
    partner_appointment_on: date | None
    follow_up_on: date
    feedback: str
    feedback_on: date | None
    referred_by: str
    version: int

    @property
    def open(self) -> bool:
        """Whether the partner's feedback is still awaited."""
        return self.feedback_on is None


def _referral_view(r: Referral, p: Partner) -> ReferralView:
    return ReferralView(
        r.id,
        r.dossier_id,
        p.id,
        p.name,
        PARTNER_KIND_LABELS.get(p.kind, p.kind),
        r.referred_on,
        r.reason,
        r.warm_handover,
        r.partner_appointment_on,
        r.follow_up_on,
        r.feedback,
        r.feedback_on,
        r.referred_by,
        r.version,
    )


def dossier_referrals(ctx: ServiceContext, dossier_id: uuid.UUID) -> list[ReferralView]:
    """Return the dossier's referrals, newest first."""
    with ctx.db.read() as session:
        require_dossier_access(session, ctx, load_dossier(session, dossier_id), write=False)
        rows = session.execute(
            select(Referral, Partner)
            .join(Partner, Partner.id == Referral.partner_id)
            .where(Referral.dossier_id == dossier_id, Referral.deleted_at.is_(None))
            .order_by(Referral.referred_on.desc())
        )
        return [_referral_view(r, p) for r, p in rows]


def validate_referral(form: ReferralForm, today: date) -> dict[str, str]:
    """Return ``{field: Dutch message}`` for every problem in ``form``."""
    errors: dict[str, str] = {}
    if form.partner_id is None:
        errors["partner_id"] = "Kies de partner."
    if not form.reason.strip():
        errors["reason"] = "Schrijf kort op waarom u doorverwijst."
    if form.referred_on > today:
        errors["referred_on"] = "Deze datum ligt in de toekomst."
    if form.warm_handover and form.partner_appointment_on is None:
        errors["partner_appointment_on"] = "Bij een warme overdracht hoort een afspraak met de partner."
    if form.partner_appointment_on is not None and form.partner_appointment_on < form.referred_on:
        errors["partner_appointment_on"] = "De afspraak met de partner ligt vóór de doorverwijzing."
    if form.follow_up_on is not None and form.follow_up_on < form.referred_on:
        errors["follow_up_on"] = "De datum om na te vragen ligt vóór de doorverwijzing."
    return errors


def _partner(session: Session, partner_id: uuid.UUID | None) -> Partner:
    p = session.get(Partner, partner_id) if partner_id is not None else None
    if p is None or p.deleted_at is not None:
        raise ValidationError({"partner_id": "Kies de partner."})
    return p


def create_referral(ctx: ServiceContext, dossier_id: uuid.UUID, form: ReferralForm) -> ReferralView:
    """Record a referral to a partner; without a follow-up date it gets the default term."""
    errors = validate_referral(form, today_local())
    if errors:
        raise ValidationError(errors)
    with ctx.db.begin() as session:
        require_dossier_access(session, ctx, load_dossier(session, dossier_id), write=True)
        p = _partner(session, form.partner_id)
        days = int(settings.get_value(session, "terms.referral_followup_days") or 21)
        r = Referral(
            dossier_id=dossier_id,
            partner_id=p.id,
            referred_on=form.referred_on,
            reason=form.reason.strip(),
            warm_handover=form.warm_handover,
            partner_appointment_on=form.partner_appointment_on,
            follow_up_on=form.follow_up_on or form.referred_on + timedelta(days=days),
            feedback="",
            referred_by=ctx.user.username,
            updated_by=ctx.user.username,
        )
        session.add(r)
        session.flush()
        audit.log(
            session,
            ctx,
            "create",
            "referral",
            r.id,
            details={
                "dossier": str(dossier_id),
                "partner": p.name,
                "warm_handover": r.warm_handover,
                "follow_up_on": r.follow_up_on,
            },
        )
        return _referral_view(r, p)


def _load_referral(session: Session, ctx: ServiceContext, referral_id: uuid.UUID) -> Referral:
    r = session.get(Referral, referral_id)
    if r is None or r.deleted_at is not None:
        raise NotFoundError("Deze doorverwijzing bestaat niet (meer).")
    require_dossier_access(session, ctx, load_dossier(session, r.dossier_id), write=True)
    return r


def update_referral(ctx: ServiceContext, referral_id: uuid.UUID, form: ReferralForm) -> ReferralView:
    """Change a referral (e.g. a later follow-up date)."""
    errors = validate_referral(form, today_local())
    if errors:
        raise ValidationError(errors)
    with ctx.db.begin() as session:
        r = _load_referral(session, ctx, referral_id)
        p = _partner(session, form.partner_id)
        before = _referral_fields(r)
        r.partner_id, r.referred_on, r.reason = p.id, form.referred_on, form.reason.strip()
        r.warm_handover, r.partner_appointment_on = form.warm_handover, form.partner_appointment_on
        r.follow_up_on = form.follow_up_on or r.follow_up_on
        r.updated_by = ctx.user.username
        audit.log(
            session, ctx, "update", "referral", r.id, details=audit.changes(before, _referral_fields(r))
        )
        session.flush()
        return _referral_view(r, p)


def _referral_fields(r: Referral) -> dict[str, object]:
    return {
        "partner_id": str(r.partner_id),
        "referred_on": r.referred_on,
        "warm_handover": r.warm_handover,
        "partner_appointment_on": r.partner_appointment_on,
        "follow_up_on": r.follow_up_on,
        "feedback_on": r.feedback_on,
    }


def record_feedback(ctx: ServiceContext, referral_id: uuid.UUID, feedback: str, on: date) -> ReferralView:
    """Record what the partner reported back; the referral then leaves Signalen."""
    errors: dict[str, str] = {}
    if not feedback.strip():
        errors["feedback"] = "Schrijf kort op wat de partner terugkoppelde."
    if on > today_local():
        errors["feedback_on"] = "Deze datum ligt in de toekomst."
    if errors:
        raise ValidationError(errors)
    with ctx.db.begin() as session:
        r = _load_referral(session, ctx, referral_id)
        if on < r.referred_on:
            raise ValidationError({"feedback_on": "De terugkoppeling ligt vóór de doorverwijzing."})
        before = _referral_fields(r)
        r.feedback, r.feedback_on = feedback.strip(), on
        r.updated_by = ctx.user.username
        audit.log(
            session, ctx, "update", "referral", r.id, details=audit.changes(before, _referral_fields(r))
        )
        session.flush()
        return _referral_view(r, _partner(session, r.partner_id))


# --------------------------------------------------------------------------- support products


@dataclass(frozen=True)
class SupportProductView:
    id: uuid.UUID
    dossier_id: uuid.UUID
    product: str
    product_label: str
    starts_on: date
    ends_on: date | None
    note: str
    version: int


def _support_view(s: SupportProductRecord) -> SupportProductView:
    try:
        label = SUPPORT_PRODUCT_LABELS[SupportProduct(s.product)]
    except ValueError:
        label = s.product
    return SupportProductView(s.id, s.dossier_id, s.product, label, s.starts_on, s.ends_on, s.note, s.version)


def dossier_support_products(ctx: ServiceContext, dossier_id: uuid.UUID) -> list[SupportProductView]:
    """Return the dossier's support products, newest first."""
    with ctx.db.read() as session:
        require_dossier_access(session, ctx, load_dossier(session, dossier_id), write=False)
        rows = session.execute(
            select(SupportProductRecord)
            .where(SupportProductRecord.dossier_id == dossier_id, SupportProductRecord.deleted_at.is_(None))
            .order_by(SupportProductRecord.starts_on.desc())
        ).scalars()
        return [_support_view(s) for s in rows]


def add_support_product(
    ctx: ServiceContext,
    dossier_id: uuid.UUID,
    product: str,
    starts_on: date,
    ends_on: date | None = None,
    note: str = "",
) -> SupportProductView:
    """Record a support product (DDAS begeleidingssoort) from ``starts_on``."""
    errors: dict[str, str] = {}
    if product not in {p.value for p in SupportProduct}:
        errors["product"] = "Kies de soort ondersteuning."
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "De einddatum ligt vóór de startdatum."
    if errors:
        raise ValidationError(errors)
    with ctx.db.begin() as session:
        require_dossier_access(session, ctx, load_dossier(session, dossier_id), write=True)
        s = SupportProductRecord(
            dossier_id=dossier_id,
            product=product,
            starts_on=starts_on,
            ends_on=ends_on,
            note=note.strip(),
            updated_by=ctx.user.username,
        )
        session.add(s)
        session.flush()
        audit.log(
            session,
            ctx,
            "create",
            "support_product",
            s.id,
            details={"dossier": str(dossier_id), "product": product, "starts_on": starts_on},
        )
        return _support_view(s)


def end_support_product(ctx: ServiceContext, support_id: uuid.UUID, ends_on: date) -> SupportProductView:
    """Record the end date of a support product."""
    with ctx.db.begin() as session:
        s = session.get(SupportProductRecord, support_id)
        if s is None or s.deleted_at is not None:
            raise NotFoundError("Deze ondersteuning bestaat niet (meer).")
        require_dossier_access(session, ctx, load_dossier(session, s.dossier_id), write=True)
        if ends_on < s.starts_on:
            raise ValidationError({"ends_on": "De einddatum ligt vóór de startdatum."})
        before = s.ends_on
        s.ends_on = ends_on
        s.updated_by = ctx.user.username
        audit.log(session, ctx, "update", "support_product", s.id, details={"ends_on": [before, ends_on]})
        session.flush()
        return _support_view(s)


# --------------------------------------------------------------------------- timeline


def _timeline(session: Session, dossier_id: uuid.UUID) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    label = workflow.TIMELINE_KINDS["referral"]
    for r, name in session.execute(
        select(Referral, Partner.name)
        .join(Partner, Partner.id == Referral.partner_id)
        .where(Referral.dossier_id == dossier_id, Referral.deleted_at.is_(None))
    ):
        warm = " (warme overdracht)" if r.warm_handover else ""
        entries.append(
            TimelineEntry(
                r.referred_on,
                r.created_at,
                "referral",
                label,
                f"Doorverwezen naar {name}{warm}",
                r.reason,
                r.referred_by,
            )
        )
        if r.feedback_on is not None:
            entries.append(
                TimelineEntry(
                    r.feedback_on,
                    None,
                    "referral",
                    label,
                    f"Terugkoppeling van {name}",
                    r.feedback,
                    r.updated_by or "",
                )
            )
    support = workflow.TIMELINE_KINDS["support"]
    for s in session.execute(
        select(SupportProductRecord).where(
            SupportProductRecord.dossier_id == dossier_id, SupportProductRecord.deleted_at.is_(None)
        )
    ).scalars():
        view = _support_view(s)
        entries.append(
            TimelineEntry(
                s.starts_on,
                s.created_at,
                "support",
                support,
                f"Start {view.product_label}",
                s.note,
                s.updated_by or "",
            )
        )
        if s.ends_on is not None:
            entries.append(
                TimelineEntry(
                    s.ends_on, None, "support", support, f"Einde {view.product_label}", "", s.updated_by or ""
                )
            )
    return entries


def _register() -> None:
    workflow.TIMELINE_KINDS.setdefault("referral", "Doorverwijzing")
    workflow.TIMELINE_KINDS.setdefault("support", "Ondersteuning")
    if _timeline not in workflow.TIMELINE_SOURCES:
        workflow.TIMELINE_SOURCES.append(_timeline)


_register()
