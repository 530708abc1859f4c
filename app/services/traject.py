"""Urgency, terms and stabilisation agreements of a dossier.

The melding date is ``Dossier.reported_on``; a bedreigende situatie shortens the term for the
first conversation to 3 werkdagen (Wgs art. 4). The application arises at the first
conversation, which is recorded when an intake appointment is marked held or entered here; the
decision follows within ``terms.decision_weeks`` (Wgs art. 4a(3)). Terms are computed in
:mod:`app.services.terms` on the Atw calendar extended with the setting ``atw.extra_days``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from sqlalchemy import Uuid, bindparam, func, select
from sqlalchemy.orm import Session

from app.domain.dossiers import ContactMoment, Dossier, PhaseTransition
from app.domain.traject import (
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    DossierUrgency,
    Partner,
    Referral,
    StabilisationAgreement,
)
from app.errors import NotFoundError, ValidationError
from app.rules import deadlines as rules
from app.rules.phases import ENDED, PHASE_LABELS, Phase
from app.services import audit, settings, workflow
from app.services import terms as t
from app.services.context import ServiceContext, today_local
from app.services.dossier_views import TimelineEntry
from app.services.dossiers import load_dossier, require_dossier_access

# --------------------------------------------------------------------------- urgency


@dataclass(frozen=True)
class UrgencyForm:
    """What the counsellor records about urgency and the application."""

    threat_kinds: tuple[str, ...] = ()
    threat_reported_on: date | None = None
    first_conversation_on: date | None = None
    decision_sent_on: date | None = None


@dataclass(frozen=True)
class UrgencyView:
    """Urgency of one dossier. ``first_conversation_effective`` falls back on the move to intake."""

    dossier_id: uuid.UUID
    reported_on: date
    threat_kinds: tuple[str, ...]
    threat_labels: tuple[str, ...]
    threat_reported_on: date | None
    first_conversation_on: date | None
    first_conversation_effective: date | None
    decision_sent_on: date | None


def threat_options(ctx: ServiceContext) -> list[t.ThreatOption]:
    """Return the bedreigende situaties to choose from: Wgs art. 4 plus ``threats.extra``."""
    return t.threat_options_from(settings.get(ctx, "threats.extra"))


def _urgency_row(session: Session, dossier_id: uuid.UUID) -> DossierUrgency | None:
    return session.execute(
        select(DossierUrgency).where(DossierUrgency.dossier_id == dossier_id)
    ).scalar_one_or_none()


def _ensure_urgency(session: Session, dossier_id: uuid.UUID, actor: str) -> DossierUrgency:
    row = _urgency_row(session, dossier_id)
    if row is None:
        row = DossierUrgency(dossier_id=dossier_id, threat_kinds="", updated_by=actor)
        session.add(row)
    return row


def _scalar(column: Any, *where: Any) -> Any:
    return select(column).where(*where).scalar_subquery()


#: One dossier's terms, as scalar subqueries over a bound ``dossier_id``, built once and shared by
#: :func:`intake_moved_on`, :func:`unrecorded_first_conversation` and :func:`deadlines_for`.
_DOSSIER = bindparam("dossier_id", type_=Uuid())
_LATEST_CONTACT = _scalar(
    func.max(ContactMoment.occurred_on),
    ContactMoment.dossier_id == _DOSSIER,
    ContactMoment.deleted_at.is_(None),
)
_LATEST_HELD = _scalar(
    func.max(Appointment.day),
    Appointment.dossier_id == _DOSSIER,
    Appointment.status == AppointmentStatus.HELD.value,
    Appointment.deleted_at.is_(None),
)
_HELD_INTAKE_DAY = _scalar(
    func.min(Appointment.day),
    Appointment.dossier_id == _DOSSIER,
    Appointment.kind == AppointmentKind.INTAKE.value,
    Appointment.status == AppointmentStatus.HELD.value,
    Appointment.deleted_at.is_(None),
)
_FIRST_INTAKE_MOVE = _scalar(
    func.min(PhaseTransition.moved_on),
    PhaseTransition.dossier_id == _DOSSIER,
    PhaseTransition.to_phase == Phase.INTAKE.value,
    PhaseTransition.deleted_at.is_(None),
)


def intake_moved_on(session: Session, dossier_id: uuid.UUID) -> date | None:
    """Return the first day the dossier moved to the intake phase (``None``: never)."""
    found: date | None = session.execute(
        select(_FIRST_INTAKE_MOVE), {"dossier_id": dossier_id}
    ).scalar_one_or_none()
    return found


def unrecorded_first_conversation(session: Session, dossier_id: uuid.UUID) -> date | None:
    """The first conversation when none is recorded: the earliest held intake, else the move to intake."""
    held, moved = session.execute(
        select(_HELD_INTAKE_DAY, _FIRST_INTAKE_MOVE), {"dossier_id": dossier_id}
    ).one()
    first: date | None = held or moved
    return first


def _urgency_view(session: Session, dossier: Dossier, row: DossierUrgency | None) -> UrgencyView:
    options = t.threat_options_from(settings.get_value(session, "threats.extra"))
    kinds = t.split_codes(row.threat_kinds) if row else ()
    first = row.first_conversation_on if row else None
    return UrgencyView(
        dossier.id,
        dossier.reported_on,
        kinds,
        tuple(t.threat_label(k, options) for k in kinds),
        row.threat_reported_on if row else None,
        first,
        first or unrecorded_first_conversation(session, dossier.id),
        row.decision_sent_on if row else None,
    )


def get_urgency(ctx: ServiceContext, dossier_id: uuid.UUID) -> UrgencyView:
    """Return the dossier's urgency and application dates."""
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        return _urgency_view(session, dossier, _urgency_row(session, dossier_id))


def validate_urgency(form: UrgencyForm, reported_on: date, known: set[str], today: date) -> dict[str, str]:
    """Return ``{field: Dutch message}`` for every problem in ``form``."""
    errors: dict[str, str] = {}
    if any(code not in known for code in form.threat_kinds):
        errors["threat_kinds"] = "Onbekende bedreigende situatie."
    if form.threat_kinds and form.threat_reported_on is None:
        errors["threat_reported_on"] = "Vul in wanneer de bedreigende situatie werd gemeld."
    if not form.threat_kinds and form.threat_reported_on is not None:
        errors["threat_kinds"] = "Kies welke bedreigende situatie er is, of maak de datum leeg."
    for name in ("threat_reported_on", "first_conversation_on", "decision_sent_on"):
        value = getattr(form, name)
        if value is not None and value > today:
            errors[name] = "Deze datum ligt in de toekomst."
    if form.first_conversation_on is not None and form.first_conversation_on < reported_on:
        errors["first_conversation_on"] = "Het eerste gesprek kan niet vóór de melding zijn."
    if form.decision_sent_on is not None:
        if form.first_conversation_on is None:
            errors["decision_sent_on"] = "Vul eerst de datum van het eerste gesprek in (de aanvraag)."
        elif form.decision_sent_on < form.first_conversation_on:
            errors["decision_sent_on"] = "De beschikking kan niet vóór het eerste gesprek zijn verstuurd."
    return errors


def save_urgency(ctx: ServiceContext, dossier_id: uuid.UUID, form: UrgencyForm) -> UrgencyView:
    """Record the threat, the first conversation and the decision date (one transaction, audited)."""
    today = today_local()
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        known = {o.code for o in t.threat_options_from(settings.get_value(session, "threats.extra"))}
        row = _urgency_row(session, dossier_id)
        stored = set(t.split_codes(row.threat_kinds)) if row else set()
        errors = validate_urgency(form, dossier.reported_on, known | stored, today)
        if errors:
            raise ValidationError(errors)
        row = row or _ensure_urgency(session, dossier_id, ctx.user.username)
        before = _urgency_fields(row)
        row.threat_kinds = ",".join(dict.fromkeys(form.threat_kinds))
        row.threat_reported_on = form.threat_reported_on
        row.first_conversation_on = form.first_conversation_on
        row.decision_sent_on = form.decision_sent_on
        row.updated_by = ctx.user.username
        audit.log(
            session, ctx, "update", "urgency", dossier_id, details=audit.changes(before, _urgency_fields(row))
        )
        session.flush()
        return _urgency_view(session, dossier, row)


def _urgency_fields(row: DossierUrgency) -> dict[str, object]:
    return {
        "threat_kinds": row.threat_kinds or "",
        "threat_reported_on": row.threat_reported_on,
        "first_conversation_on": row.first_conversation_on,
        "decision_sent_on": row.decision_sent_on,
    }


def record_first_conversation(session: Session, ctx: ServiceContext, dossier_id: uuid.UUID, on: date) -> bool:
    """Set the first-conversation date (the application date) when none is recorded yet.

    Called within the caller's transaction, e.g. when an intake appointment is marked held.
    Returns whether the date was set. Source: Wgs art. 4a (the application arises at the first
    conversation).
    """
    row = _ensure_urgency(session, dossier_id, ctx.user.username)
    if row.first_conversation_on is not None:
        return False
    row.first_conversation_on = on
    row.updated_by = ctx.user.username
    audit.log(session, ctx, "update", "urgency", dossier_id, details={"first_conversation_on": [None, on]})
    return True


def record_decision_sent(ctx: ServiceContext, dossier_id: uuid.UUID, on: date) -> UrgencyView:
    """Record the day the toelatings- or afwijzingsbeschikking was sent (starts the bezwaar term)."""
    current = get_urgency(ctx, dossier_id)
    first = current.first_conversation_on or current.first_conversation_effective
    return save_urgency(
        ctx, dossier_id, UrgencyForm(current.threat_kinds, current.threat_reported_on, first, on)
    )


# --------------------------------------------------------------------------- stabilisation


@dataclass(frozen=True)
class StabilisationView:
    """A stabilisatieovereenkomst with its effective end and warning day."""

    id: uuid.UUID
    dossier_id: uuid.UUID
    starts_on: date
    ends_on: date
    extended_until: date | None
    closed_on: date | None
    end: date
    warn_on: date
    creditors_note: str
    status: str
    status_label: str
    can_extend: bool
    version: int


def _stabilisation_view(row: StabilisationAgreement, terms: t.TermSettings, today: date) -> StabilisationView:
    deadline = t.stabilisation_deadline(
        str(row.id), row.starts_on, row.ends_on, row.extended_until, row.closed_on, terms, today
    )
    warn = rules.stabilisation_warning_due(
        deadline.due_on, terms.stabilisation_warning_days, calendar=terms.cal
    )
    label = "Afgerond" if row.closed_on else deadline.status_label
    return StabilisationView(
        row.id,
        row.dossier_id,
        row.starts_on,
        row.ends_on,
        row.extended_until,
        row.closed_on,
        deadline.due_on,
        warn,
        row.creditors_note,
        deadline.status,
        label,
        row.closed_on is None and row.extended_until is None,
        row.version,
    )


def stabilisation_agreements(
    ctx: ServiceContext, dossier_id: uuid.UUID, today: date | None = None
) -> list[StabilisationView]:
    """Return the dossier's stabilisation agreements, newest first."""
    today = today or today_local()
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        terms = t.term_settings(session)
        rows = session.execute(
            select(StabilisationAgreement)
            .where(
                StabilisationAgreement.dossier_id == dossier_id, StabilisationAgreement.deleted_at.is_(None)
            )
            .order_by(StabilisationAgreement.starts_on.desc())
        ).scalars()
        return [_stabilisation_view(r, terms, today) for r in rows]


def start_stabilisation(
    ctx: ServiceContext, dossier_id: uuid.UUID, starts_on: date, creditors_note: str = ""
) -> StabilisationView:
    """Record a stabilisatieovereenkomst from ``starts_on``; it runs 4 months (NVVK practice)."""
    today = today_local()
    if starts_on > today + timedelta(days=31):
        raise ValidationError({"starts_on": "De startdatum ligt meer dan een maand in de toekomst."})
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        if Phase(dossier.phase) in ENDED:
            raise ValidationError({"starts_on": "Dit dossier is afgesloten."})
        open_one = session.execute(
            select(func.count()).where(
                StabilisationAgreement.dossier_id == dossier_id,
                StabilisationAgreement.closed_on.is_(None),
                StabilisationAgreement.deleted_at.is_(None),
            )
        ).scalar_one()
        if open_one:
            raise ValidationError({"starts_on": "Er loopt al een overeenkomst. Rond die eerst af."})
        row = StabilisationAgreement(
            dossier_id=dossier_id,
            starts_on=starts_on,
            ends_on=rules.stabilisation_agreement_end(starts_on),
            creditors_note=creditors_note.strip(),
            updated_by=ctx.user.username,
        )
        session.add(row)
        session.flush()
        audit.log(
            session,
            ctx,
            "create",
            "stabilisation_agreement",
            row.id,
            details={"dossier": str(dossier_id), "starts_on": starts_on, "ends_on": row.ends_on},
        )
        return _stabilisation_view(row, t.term_settings(session), today)


def _load_agreement(session: Session, ctx: ServiceContext, agreement_id: uuid.UUID) -> StabilisationAgreement:
    row = session.get(StabilisationAgreement, agreement_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError("Deze stabilisatieovereenkomst bestaat niet (meer).")
    require_dossier_access(session, ctx, load_dossier(session, row.dossier_id), write=True)
    return row


def extend_stabilisation(ctx: ServiceContext, agreement_id: uuid.UUID) -> StabilisationView:
    """Extend the agreement once by 4 months (8 in total; NVVK-ZN covenant)."""
    with ctx.db.begin() as session:
        row = _load_agreement(session, ctx, agreement_id)
        if row.closed_on is not None:
            raise ValidationError({"extended_until": "Deze overeenkomst is al afgerond."})
        if row.extended_until is not None:
            raise ValidationError({"extended_until": "Deze overeenkomst is al een keer verlengd."})
        row.extended_until = rules.stabilisation_agreement_end(row.starts_on, extended=True)
        row.updated_by = ctx.user.username
        audit.log(
            session,
            ctx,
            "update",
            "stabilisation_agreement",
            row.id,
            details={"extended_until": [None, row.extended_until]},
        )
        session.flush()
        return _stabilisation_view(row, t.term_settings(session), today_local())


def close_stabilisation(
    ctx: ServiceContext, agreement_id: uuid.UUID, on: date, note: str = ""
) -> StabilisationView:
    """Record that the agreement ended (a settlement started, or it is no longer needed)."""
    if on > today_local():
        raise ValidationError({"closed_on": "Deze datum ligt in de toekomst."})
    with ctx.db.begin() as session:
        row = _load_agreement(session, ctx, agreement_id)
        if on < row.starts_on:
            raise ValidationError({"closed_on": "De datum ligt vóór de start van de overeenkomst."})
        row.closed_on = on
        if note.strip():
            row.creditors_note = f"{row.creditors_note}\n{note.strip()}".strip()
        row.updated_by = ctx.user.username
        audit.log(
            session, ctx, "update", "stabilisation_agreement", row.id, details={"closed_on": [None, on]}
        )
        session.flush()
        return _stabilisation_view(row, t.term_settings(session), today_local())


# --------------------------------------------------------------------------- terms of one dossier


class DossierTerms(Protocol):
    """What the terms of one dossier depend on: a ``Dossier`` row or a ``DossierDetail``."""

    @property
    def id(self) -> uuid.UUID: ...

    @property
    def phase(self) -> str: ...

    @property
    def reported_on(self) -> date: ...


#: Everything the terms of one dossier read besides its agreements and referrals, in one
#: statement built once (this runs on every dossier open): the urgency row, the first held
#: intake and first move to intake (the first conversation when none is recorded, as
#: :func:`unrecorded_first_conversation`), and the latest contact moment and held appointment.
_TERM_FACTS = select(
    *(
        _scalar(column, DossierUrgency.dossier_id == _DOSSIER)
        for column in (
            DossierUrgency.first_conversation_on,
            DossierUrgency.threat_kinds,
            DossierUrgency.threat_reported_on,
            DossierUrgency.decision_sent_on,
        )
    ),
    _HELD_INTAKE_DAY,
    _FIRST_INTAKE_MOVE,
    _LATEST_CONTACT,
    _LATEST_HELD,
)
_AGREEMENTS = (
    select(
        StabilisationAgreement.id,
        StabilisationAgreement.starts_on,
        StabilisationAgreement.ends_on,
        StabilisationAgreement.extended_until,
        StabilisationAgreement.closed_on,
    )
    .where(StabilisationAgreement.dossier_id == _DOSSIER, StabilisationAgreement.deleted_at.is_(None))
    .order_by(StabilisationAgreement.starts_on)
)
_REFERRALS = (
    select(Referral.id, Partner.name, Referral.referred_on, Referral.follow_up_on, Referral.feedback_on)
    .join(Partner, Partner.id == Referral.partner_id)
    .where(Referral.dossier_id == _DOSSIER, Referral.deleted_at.is_(None))
    .order_by(Referral.referred_on)
)


def deadlines_for(
    session: Session, dossier: DossierTerms, terms: t.TermSettings, today: date
) -> list[t.Deadline]:
    """Return every term of one dossier (met, running or late), in the order of ``DEADLINE_KIND_LABELS``.

    Three statements built once (see ``_TERM_FACTS``): this runs on every dossier open.
    """
    key = {"dossier_id": dossier.id}
    conn = session.connection()  # reads only, after any flush of the caller: Core execution
    facts: tuple[Any, ...] = tuple(conn.execute(_TERM_FACTS, key).one())
    recorded, kinds, threat_reported_on, sent, held_intake, intake_move, contact, held = facts
    first = recorded or held_intake or intake_move
    threat_on = threat_reported_on if kinds else None
    found = [
        t.first_conversation_deadline(dossier.phase, dossier.reported_on, threat_on, first, terms, today)
    ]
    if first is not None:
        found.append(t.decision_deadline(dossier.phase, first, sent, terms, today))
    if sent is not None:
        found.append(t.objection_deadline(sent, terms, today))
    for agreement_id, starts_on, ends_on, extended_until, closed_on in conn.execute(_AGREEMENTS, key):
        found.append(
            t.stabilisation_deadline(
                str(agreement_id), starts_on, ends_on, extended_until, closed_on, terms, today
            )
        )
    for referral_id, partner, referred_on, follow_up_on, feedback_on in conn.execute(_REFERRALS, key):
        found.append(
            t.referral_deadline(
                str(referral_id), partner, referred_on, follow_up_on, feedback_on, terms, today
            )
        )
    last_contact = t.latest(dossier.reported_on, contact, held, first)
    found.append(t.no_contact_deadline(dossier.phase, last_contact, terms, today))
    return found


def dossier_deadlines(
    ctx: ServiceContext, dossier_id: uuid.UUID, today: date | None = None
) -> list[t.Deadline]:
    """Return every term of the dossier with its due date and status (for the traject tab)."""
    today = today or today_local()
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        return deadlines_for(session, dossier, t.term_settings(session), today)


@dataclass(frozen=True)
class PhaseState:
    """Where a dossier stands, for the step map."""

    dossier_id: uuid.UUID
    phase: str
    phase_label: str
    phase_since: date


def phase_state(ctx: ServiceContext, dossier_id: uuid.UUID) -> PhaseState:
    """Return the dossier's current phase (no audit line: the header shows it on every open)."""
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        return PhaseState(dossier.id, dossier.phase, PHASE_LABELS[Phase(dossier.phase)], dossier.phase_since)


# --------------------------------------------------------------------------- timeline


def _timeline(session: Session, dossier_id: uuid.UUID) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    row = _urgency_row(session, dossier_id)
    if row is not None:
        options = t.threat_options_from(settings.get_value(session, "threats.extra"))
        if row.threat_reported_on and row.threat_kinds:
            labels = ", ".join(t.threat_label(k, options) for k in t.split_codes(row.threat_kinds))
            entries.append(
                TimelineEntry(
                    row.threat_reported_on,
                    None,
                    "urgency",
                    workflow.TIMELINE_KINDS["urgency"],
                    "Bedreigende situatie gemeld",
                    labels,
                    row.updated_by or "",
                )
            )
        if row.first_conversation_on:
            entries.append(
                TimelineEntry(
                    row.first_conversation_on,
                    None,
                    "urgency",
                    workflow.TIMELINE_KINDS["urgency"],
                    "Eerste gesprek (aanvraag)",
                    "",
                    row.updated_by or "",
                )
            )
        if row.decision_sent_on:
            entries.append(
                TimelineEntry(
                    row.decision_sent_on,
                    None,
                    "decision",
                    workflow.TIMELINE_KINDS["decision"],
                    "Beschikking verstuurd",
                    "",
                    row.updated_by or "",
                )
            )
    for a in session.execute(
        select(StabilisationAgreement).where(
            StabilisationAgreement.dossier_id == dossier_id, StabilisationAgreement.deleted_at.is_(None)
        )
    ).scalars():
        label = workflow.TIMELINE_KINDS["stabilisation"]
        entries.append(
            TimelineEntry(
                a.starts_on,
                a.created_at,
                "stabilisation",
                label,
                f"Stabilisatieovereenkomst tot {t.fmt(a.ends_on)}",
                a.creditors_note,
                a.updated_by or "",
            )
        )
        if a.closed_on:
            entries.append(
                TimelineEntry(
                    a.closed_on,
                    None,
                    "stabilisation",
                    label,
                    "Stabilisatieovereenkomst afgerond",
                    "",
                    a.updated_by or "",
                )
            )
    return entries


def _register() -> None:
    workflow.TIMELINE_KINDS.setdefault("urgency", "Melding en aanvraag")
    workflow.TIMELINE_KINDS.setdefault("decision", "Beschikking")
    workflow.TIMELINE_KINDS.setdefault("stabilisation", "Stabilisatie")
    if _timeline not in workflow.TIMELINE_SOURCES:
        workflow.TIMELINE_SOURCES.append(_timeline)


_register()
