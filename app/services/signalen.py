"""Signalen: every term that is due or late in the open dossiers of me or my team.

One SQL query per kind of term, each restricted in SQL to open dossiers in scope and to rows
whose term can fall within the horizon (setting ``signals.horizon_days``), so the list stays fast
with 50 000 dossiers and never queries per dossier. The exact due dates are computed in Python by
:mod:`app.services.terms`, the same functions the traject tab uses.

Kinds: first conversation (Wgs art. 4), decision (art. 4a(3)), objection period running
(Awb 6:7), stabilisation agreement ending (NVVK), referral without feedback, no contact for
``terms.no_contact_weeks`` weeks.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from app.domain.clients import Client
from app.domain.dossiers import ContactMoment, Dossier, DossierShare, PhaseTransition
from app.domain.traject import (
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    DossierUrgency,
    Partner,
    Referral,
    StabilisationAgreement,
)
from app.domain.users import User
from app.errors import PermissionDenied
from app.rules.deadlines import OBJECTION_WEEKS
from app.rules.phases import ENDED, Phase
from app.services import terms as t
from app.services.context import ServiceContext, today_local
from app.services.dossier_views import DossierDetail
from app.services.dossiers import HEADER_FACTS, display_name, load_dossier, require_dossier_access
from app.services.traject import DossierTerms, deadlines_for

LATE, TODAY, SOON, INFO = "late", "today", "soon", "info"

SEVERITY_LABELS: dict[str, str] = {LATE: "Te laat", TODAY: "Vandaag", SOON: "Binnenkort", INFO: "Ter info"}
_RANK = {LATE: 0, TODAY: 1, SOON: 2, INFO: 3}

#: A signal for the whole municipality, not a dossier: the norms of a coming period are missing.
NORMS = "norms"

#: Dutch labels of the signal kinds (the deadlines of the traject tab, and the system signals).
SIGNAL_KIND_LABELS: dict[str, str] = {**t.DEADLINE_KIND_LABELS, NORMS: "Normen ontbreken"}

SCOPES = ("me", "team")


@dataclass(frozen=True)
class Signal:
    """One line of the Signalen list; ``days_left`` is negative when late.

    ``dossier_id`` is None for a signal about the municipality (missing norms); its ``ref`` then
    names the page to open (``page:norms``).
    """

    dossier_id: uuid.UUID | None
    number: str
    client_name: str
    kind: str
    kind_label: str
    due_on: date
    days_left: int
    severity: str
    text: str
    counsellor: str = ""
    ref: str = ""

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    @property
    def sort_key(self) -> tuple[int, date, str, str]:
        """Late first, then today, then soon, then for information; by due date within each."""
        return (_RANK[self.severity], self.due_on, self.number, self.kind)


def severity(deadline: t.Deadline, today: date) -> str:
    """Return how urgent a deadline is today."""
    if deadline.kind == t.OBJECTION:
        return INFO
    if deadline.due_on < today:
        return LATE
    return TODAY if deadline.due_on == today else SOON


def _signal(row: Any, deadline: t.Deadline, today: date) -> Signal | None:
    if deadline.show_from is None or deadline.show_from > today:
        return None
    return Signal(
        row.id,
        row.number,
        display_name(row.first_names, row.initials, row.prefix, row.surname),
        deadline.kind,
        deadline.label,
        deadline.due_on,
        deadline.days_left(today),
        severity(deadline, today),
        deadline.text,
        row.counsellor,
        deadline.ref,
    )


# --------------------------------------------------------------------------- queries per kind

_EFFECTIVE_INTAKE = (
    select(func.min(PhaseTransition.moved_on))
    .where(
        PhaseTransition.dossier_id == Dossier.id,
        PhaseTransition.to_phase == Phase.INTAKE.value,
        PhaseTransition.deleted_at.is_(None),
    )
    .correlate(Dossier)
    .scalar_subquery()
)
_HELD_INTAKE = (
    select(func.min(Appointment.day))
    .where(
        Appointment.dossier_id == Dossier.id,
        Appointment.kind == AppointmentKind.INTAKE.value,
        Appointment.status == AppointmentStatus.HELD.value,
        Appointment.deleted_at.is_(None),
    )
    .correlate(Dossier)
    .scalar_subquery()
)


def _base(where: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Dossier.id,
            Dossier.number,
            Dossier.phase,
            Dossier.reported_on,
            Client.first_names,
            Client.initials,
            Client.prefix,
            Client.surname,
            User.full_name.label("counsellor"),
        )
        .join(Client, Client.id == Dossier.client_id)
        .join(User, User.id == Dossier.owner_id)
        .where(Dossier.deleted_at.is_(None), Dossier.phase.not_in([p.value for p in ENDED]), where)
    )


def _first_conversation(
    session: Session, where: ColumnElement[bool], terms: t.TermSettings, today: date
) -> Iterable[Signal | None]:
    horizon = today + timedelta(days=terms.horizon_days)
    latest_plain = horizon - timedelta(weeks=4)
    latest_urgent = horizon - timedelta(days=3)
    query = (
        _base(where)
        .add_columns(DossierUrgency.threat_kinds, DossierUrgency.threat_reported_on)
        .outerjoin(DossierUrgency, DossierUrgency.dossier_id == Dossier.id)
        .where(
            Dossier.phase.in_(t.FIRST_CONVERSATION_PHASES),
            DossierUrgency.first_conversation_on.is_(None),
            _HELD_INTAKE.is_(None),
            or_(
                Dossier.reported_on <= latest_plain,
                and_(
                    DossierUrgency.threat_kinds != "",
                    DossierUrgency.threat_reported_on <= latest_urgent,
                    Dossier.reported_on <= latest_urgent,
                ),
            ),
        )
    )
    for row in session.execute(query):
        threat_on = row.threat_reported_on if row.threat_kinds else None
        yield _signal(
            row,
            t.first_conversation_deadline(row.phase, row.reported_on, threat_on, None, terms, today),
            today,
        )


def _decision(
    session: Session, where: ColumnElement[bool], terms: t.TermSettings, today: date
) -> Iterable[Signal | None]:
    first = func.coalesce(DossierUrgency.first_conversation_on, _HELD_INTAKE, _EFFECTIVE_INTAKE)
    latest = today + timedelta(days=terms.horizon_days) - timedelta(weeks=terms.decision_weeks)
    query = (
        _base(where)
        .add_columns(first.label("first"))
        .outerjoin(DossierUrgency, DossierUrgency.dossier_id == Dossier.id)
        .where(
            Dossier.phase.in_(t.DECISION_PHASES), DossierUrgency.decision_sent_on.is_(None), first <= latest
        )
    )
    for row in session.execute(query):
        yield _signal(row, t.decision_deadline(row.phase, row.first, None, terms, today), today)


def _objection(
    session: Session, where: ColumnElement[bool], terms: t.TermSettings, today: date
) -> Iterable[Signal | None]:
    earliest = today - timedelta(weeks=OBJECTION_WEEKS, days=14)
    query = (
        _base(where)
        .add_columns(DossierUrgency.decision_sent_on)
        .join(DossierUrgency, DossierUrgency.dossier_id == Dossier.id)
        .where(DossierUrgency.decision_sent_on >= earliest, DossierUrgency.decision_sent_on <= today)
    )
    for row in session.execute(query):
        yield _signal(row, t.objection_deadline(row.decision_sent_on, terms, today), today)


def _stabilisation(
    session: Session, where: ColumnElement[bool], terms: t.TermSettings, today: date
) -> Iterable[Signal | None]:
    end = func.coalesce(StabilisationAgreement.extended_until, StabilisationAgreement.ends_on)
    # The warning moves at most a few days earlier to a werkdag: a week of margin.
    latest_end = today + timedelta(days=terms.stabilisation_warning_days + 7)
    query = (
        _base(where)
        .add_columns(
            StabilisationAgreement.id.label("agreement_id"),
            StabilisationAgreement.starts_on,
            StabilisationAgreement.ends_on,
            StabilisationAgreement.extended_until,
        )
        .join(StabilisationAgreement, StabilisationAgreement.dossier_id == Dossier.id)
        .where(
            StabilisationAgreement.deleted_at.is_(None),
            StabilisationAgreement.closed_on.is_(None),
            end <= latest_end,
        )
    )
    for row in session.execute(query):
        yield _signal(
            row,
            t.stabilisation_deadline(
                str(row.agreement_id), row.starts_on, row.ends_on, row.extended_until, None, terms, today
            ),
            today,
        )


def _referral(
    session: Session, where: ColumnElement[bool], terms: t.TermSettings, today: date
) -> Iterable[Signal | None]:
    latest = today + timedelta(days=terms.horizon_days)
    query = (
        _base(where)
        .add_columns(
            Referral.id.label("referral_id"),
            Partner.name.label("partner"),
            Referral.referred_on,
            Referral.follow_up_on,
        )
        .join(Referral, Referral.dossier_id == Dossier.id)
        .join(Partner, Partner.id == Referral.partner_id)
        .where(Referral.deleted_at.is_(None), Referral.feedback_on.is_(None), Referral.follow_up_on <= latest)
    )
    for row in session.execute(query):
        yield _signal(
            row,
            t.referral_deadline(
                str(row.referral_id), row.partner, row.referred_on, row.follow_up_on, None, terms, today
            ),
            today,
        )


def _no_contact(
    session: Session, where: ColumnElement[bool], terms: t.TermSettings, today: date
) -> Iterable[Signal | None]:
    # Due = last contact + N weeks; within the horizon when the last contact is on or before ``since``.
    since = today + timedelta(days=terms.horizon_days) - timedelta(weeks=terms.no_contact_weeks)
    contact = (
        select(func.max(ContactMoment.occurred_on))
        .where(ContactMoment.dossier_id == Dossier.id, ContactMoment.deleted_at.is_(None))
        .correlate(Dossier)
        .scalar_subquery()
    )
    held = (
        select(func.max(Appointment.day))
        .where(
            Appointment.dossier_id == Dossier.id,
            Appointment.status == AppointmentStatus.HELD.value,
            Appointment.deleted_at.is_(None),
        )
        .correlate(Dossier)
        .scalar_subquery()
    )
    # Uncorrelated NOT IN: the recent rows are read once through the date indexes, instead of
    # probing three tables for every dossier in scope.
    recent_contact = select(ContactMoment.dossier_id).where(
        ContactMoment.occurred_on > since, ContactMoment.deleted_at.is_(None)
    )
    recent_held = select(Appointment.dossier_id).where(
        Appointment.day > since,
        Appointment.status == AppointmentStatus.HELD.value,
        Appointment.deleted_at.is_(None),
    )
    recent_intake = select(PhaseTransition.dossier_id).where(
        PhaseTransition.moved_on > since,
        PhaseTransition.to_phase == Phase.INTAKE.value,
        PhaseTransition.deleted_at.is_(None),
    )
    query = (
        _base(where)
        .add_columns(
            DossierUrgency.first_conversation_on,
            contact.label("contact"),
            held.label("held"),
            _EFFECTIVE_INTAKE.label("intake"),
        )
        .outerjoin(DossierUrgency, DossierUrgency.dossier_id == Dossier.id)
        .where(
            Dossier.phase.not_in(t.NO_CONTACT_EXCLUDED_PHASES),
            Dossier.reported_on <= since,
            or_(
                DossierUrgency.first_conversation_on.is_(None), DossierUrgency.first_conversation_on <= since
            ),
            Dossier.id.not_in(recent_contact),
            Dossier.id.not_in(recent_held),
            Dossier.id.not_in(recent_intake),
        )
    )
    for row in session.execute(query):
        first = row.first_conversation_on or row.intake
        last = t.latest(row.reported_on, row.contact, row.held, first)
        yield _signal(row, t.no_contact_deadline(row.phase, last, terms, today), today)


_KINDS = {
    t.FIRST_CONVERSATION: _first_conversation,
    t.DECISION: _decision,
    t.OBJECTION: _objection,
    t.STABILISATION: _stabilisation,
    t.REFERRAL: _referral,
    t.NO_CONTACT: _no_contact,
}


def _collect(
    session: Session, where: ColumnElement[bool], today: date, kinds: Iterable[str] | None = None
) -> list[Signal]:
    terms = t.term_settings(session)
    found: list[Signal] = []
    for kind in kinds or _KINDS:
        found.extend(s for s in _KINDS[kind](session, where, terms, today) if s is not None)
    return sorted(found, key=lambda s: s.sort_key)


def _scope(ctx: ServiceContext, scope: str) -> ColumnElement[bool]:
    if not ctx.user.sees_dossiers:  # pragma: no cover - signals() asks only for users who do
        raise PermissionDenied("Als beheerder ziet u geen dossierinhoud.")
    if scope == "team":
        if not ctx.user.is_team_lead:
            raise PermissionDenied("Alleen een teamleider ziet de signalen van het hele team.")
        return Dossier.id.is_not(None)
    if scope != "me":
        raise ValueError(f"unknown scope {scope!r}")
    # IN (not EXISTS) lets SQLite use the owner index and the primary key (a multi-index OR).
    shared = select(DossierShare.dossier_id).where(DossierShare.user_id == ctx.user.id)
    return or_(Dossier.owner_id == ctx.user.id, Dossier.id.in_(shared))


def signals(
    ctx: ServiceContext, scope: str = "me", today: date | None = None, *, kinds: Iterable[str] | None = None
) -> list[Signal]:
    """Return every due or late term in the open dossiers of ``scope``, most urgent first.

    ``scope`` is ``"me"`` (own and shared dossiers) or ``"team"`` (every dossier; teamleider).
    """
    today = today or today_local()
    found: list[Signal] = []
    if ctx.user.sees_dossiers:
        where = _scope(ctx, scope)
        dossier_kinds = None if kinds is None else [k for k in kinds if k in _KINDS]
        if dossier_kinds is None or dossier_kinds:
            with ctx.db.read() as session:
                found = _collect(session, where, today, dossier_kinds)
    if kinds is None or NORMS in kinds:
        found.extend(system_signals(ctx, today))
    return sorted(found, key=lambda s: s.sort_key)


def system_signals(ctx: ServiceContext, today: date | None = None) -> list[Signal]:
    """Signals about the municipality for the beheerder and teamleider: missing norms.

    From ``norms.warn_days_before`` days before 1 January / 1 July (default: from 15 December)
    each watched norm table without the coming period gives a signal; a period that already
    started without norms is late. Source: RULES.md §5 (norms are entered, never guessed).
    """
    from app.services.norms import missing_norms

    today = today or today_local()
    found: list[Signal] = []
    for missing in missing_norms(ctx, today):
        days_left = (missing.missing_from - today).days
        found.append(
            Signal(
                None,
                "",
                "",
                NORMS,
                SIGNAL_KIND_LABELS[NORMS],
                missing.missing_from,
                days_left,
                LATE if days_left < 0 else (TODAY if days_left == 0 else SOON),
                missing.text,
                ref="page:norms",
            )
        )
    return found


def count_signals(ctx: ServiceContext, scope: str = "me", today: date | None = None) -> int:
    """Return how many signals :func:`signals` lists (for the navigation badge)."""
    return len(signals(ctx, scope, today))


def dossier_signals(ctx: ServiceContext, dossier_id: uuid.UUID, today: date | None = None) -> list[Signal]:
    """Return the signals of one dossier (for the badge in the dossier header).

    Computed from the dossier's own terms (a few indexed lookups) with the same rules and the
    same ``show_from`` as the bulk list, so both always agree. Opening a dossier gets them
    from :func:`header_signals` in ``DossierDetail.header`` instead.
    """
    today = today or today_local()
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        client = dossier.client
        counsellor = session.execute(select(User.full_name).where(User.id == dossier.owner_id)).scalar_one()
        row = _Row(
            dossier.id,
            dossier.number,
            client.first_names,
            client.initials,
            client.prefix,
            client.surname,
            counsellor,
        )
        return _dossier_signals(session, row, dossier, today)


def header_signals(session: Session, detail: DossierDetail, today: date) -> list[Signal]:
    """The badge's signals while :func:`app.services.dossiers.get_dossier` opens the dossier.

    The same as :func:`dossier_signals` (its caller has checked access), from the detail it
    has just read instead of loading the dossier again. Registered as ``HEADER_FACTS["signals"]``.
    """
    client = detail.client
    row = _Row(
        detail.id,
        detail.number,
        client.first_names,
        client.initials,
        client.prefix,
        client.surname,
        detail.owner_name,
    )
    return _dossier_signals(session, row, detail, today)


def _dossier_signals(session: Session, row: _Row, dossier: DossierTerms, today: date) -> list[Signal]:
    if Phase(dossier.phase) in ENDED:
        return []
    found = [_signal(row, d, today) for d in deadlines_for(session, dossier, t.term_settings(session), today)]
    return sorted((s for s in found if s is not None), key=lambda s: s.sort_key)


HEADER_FACTS["signals"] = header_signals


@dataclass(frozen=True)
class _Row:
    """The columns :func:`_signal` reads, for one dossier loaded by the ORM."""

    id: uuid.UUID
    number: str
    first_names: str
    initials: str
    prefix: str
    surname: str
    counsellor: str


def default_scope(ctx: ServiceContext) -> str:
    """The scope a user starts with: the team for a teamleider, else their own dossiers."""
    return "team" if ctx.user.is_team_lead else "me"
