"""Appointments: plan, change, mark held / no-show / cancelled, and the week of a counsellor.

Marking an intake held records the first conversation, the moment the application arises
(Wgs art. 4a). A no-show is kept as such (DOMAIN.md: intakes held and no-shows are counted
separately). Planning hints follow stress-sensitive practice (seed 001; DOMAIN.md "Klantkaarten").
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.domain.clients import Client, HouseholdMember
from app.domain.dossiers import Dossier, DossierShare
from app.domain.traject import (
    APPOINTMENT_KIND_LABELS,
    APPOINTMENT_STATUS_LABELS,
    Appointment,
    AppointmentKind,
    AppointmentStatus,
)
from app.domain.users import Role, User
from app.errors import NotFoundError, PermissionDenied, ValidationError
from app.services import audit, workflow
from app.services.context import AMSTERDAM, ServiceContext, today_local
from app.services.dossier_views import TimelineEntry
from app.services.dossiers import age_on, display_name, load_dossier, require_dossier_access
from app.services.traject import record_first_conversation

#: Kinds that take place at the municipality's office (travel and parking costs for the client).
OFFICE_KINDS = frozenset({AppointmentKind.INTAKE.value, AppointmentKind.CONSULTATION_HOUR.value})
#: From this hour on, a complex or tense talk is better moved to the morning (seed 001).
AFTERNOON = time(12, 0)
#: Children up to this age need care while a parent is at an appointment.
CHILDCARE_AGE = 12


@dataclass(frozen=True)
class AppointmentForm:
    """An appointment as planned in the dialog."""

    dossier_id: uuid.UUID
    kind: str
    day: date
    starts_at: time
    duration_minutes: int = 60
    place: str = ""
    counsellor_id: uuid.UUID | None = None
    complex_talk: bool = False
    reminder_wanted: bool = True
    practical_note: str = ""


@dataclass(frozen=True)
class AppointmentView:
    """An appointment as the agenda and the dossier show it.

    ``client_name`` is empty when the viewer may not see the dossier (a colleague's agenda).
    """

    id: uuid.UUID
    dossier_id: uuid.UUID
    number: str
    client_name: str
    kind: str
    kind_label: str
    day: date
    starts_at: time
    ends_at: time
    duration_minutes: int
    place: str
    counsellor_id: uuid.UUID
    counsellor_name: str
    status: str
    status_label: str
    status_note: str
    complex_talk: bool
    reminder_wanted: bool
    reminder_sent: bool
    practical_note: str
    version: int


@dataclass(frozen=True)
class WeekView:
    """One counsellor's appointments from Monday to Sunday."""

    monday: date
    counsellor_id: uuid.UUID
    counsellor_name: str
    days: tuple[tuple[date, tuple[AppointmentView, ...]], ...]


@dataclass(frozen=True)
class PlanningContext:
    """What the planning hints need to know about the client."""

    young_children: int
    office_no_shows: int
    home_visits_held: int
    reading_difficulty: bool


@dataclass(frozen=True)
class Counsellor:
    """A counsellor to plan with."""

    id: uuid.UUID
    name: str


def monday_of(day: date) -> date:
    """Return the Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def ends_at(starts: time, minutes: int) -> time:
    """Return the end time of an appointment (capped at 23:59)."""
    end = datetime.combine(date(2000, 1, 1), starts) + timedelta(minutes=minutes)
    return end.time() if end.date() == date(2000, 1, 1) else time(23, 59)


# --------------------------------------------------------------------------- hints


def planning_hints(
    kind: str,
    starts_at: time,
    complex_talk: bool,
    reminder_wanted: bool,
    context: PlanningContext,
    busy: int = 0,
) -> list[str]:
    """Return stress-sensitive hints for an appointment being planned (Dutch, B1).

    One reminder but not more; complex or tense talks in the morning; think of travel, parking
    and childcare costs; a quiet room or a home visit. Source: seed 001 "Stress-sensitieve
    dienstverlening"; DOMAIN.md "Klantkaarten and communication".
    """
    hints: list[str] = []
    if complex_talk and starts_at >= AFTERNOON:
        hints.append("Plan een moeilijk gesprek liever 's ochtends. Dan heeft de cliënt meer energie.")
    if not reminder_wanted:
        hints.append("Stuur één herinnering voor de afspraak. Eén is genoeg: meer berichten geven stress.")
    at_office = kind in OFFICE_KINDS
    if at_office:
        hints.append("Denk aan reiskosten en parkeerkosten. Bespreek of de gemeente die kan vergoeden.")
        hints.append("Kies een rustige spreekkamer zonder afleiding.")
    if context.young_children and kind != AppointmentKind.PHONE.value:
        hints.append(
            "Er zijn jonge kinderen in het huishouden. Denk aan kinderopvang, of plan een huisbezoek."
        )
    if at_office and context.office_no_shows:
        times = "1 keer" if context.office_no_shows == 1 else f"{context.office_no_shows} keer"
        tail = " Huisbezoeken lukten wel." if context.home_visits_held else ""
        hints.append(
            f"De cliënt kwam {times} niet naar een afspraak op kantoor. Overweeg een huisbezoek.{tail}"
        )
    if context.reading_difficulty:
        hints.append(
            "De cliënt leest moeilijk. Bel om de afspraak te bevestigen, of stuur een korte brief in B1."
        )
    if busy:
        hints.append("Let op: de consulent heeft op dat moment al een afspraak.")
    return hints


def planning_context(
    ctx: ServiceContext, dossier_id: uuid.UUID, today: date | None = None
) -> PlanningContext:
    """Return what the hints need: young children, earlier no-shows at the office, reading."""
    today = today or today_local()
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        births = session.execute(
            select(HouseholdMember.birth_date).where(
                HouseholdMember.client_id == dossier.client_id,
                HouseholdMember.kind == "child",
                HouseholdMember.deleted_at.is_(None),
            )
        ).scalars()
        young = sum(1 for b in births if b is not None and (age_on(b, today) or 0) < CHILDCARE_AGE)
        counts = dict(
            session.execute(
                select(Appointment.kind, func.count())
                .where(
                    Appointment.dossier_id == dossier_id,
                    Appointment.deleted_at.is_(None),
                    Appointment.status == AppointmentStatus.NO_SHOW.value,
                )
                .group_by(Appointment.kind)
            ).all()
        )
        held_visits = session.execute(
            select(func.count()).where(
                Appointment.dossier_id == dossier_id,
                Appointment.deleted_at.is_(None),
                Appointment.status == AppointmentStatus.HELD.value,
                Appointment.kind == AppointmentKind.HOME_VISIT.value,
            )
        ).scalar_one()
        office = sum(int(n) for k, n in counts.items() if k in OFFICE_KINDS)
        return PlanningContext(young, office, int(held_visits), bool(dossier.client.reading_difficulty))


def busy_count(
    ctx: ServiceContext,
    counsellor_id: uuid.UUID,
    day: date,
    starts: time,
    minutes: int,
    ignore: uuid.UUID | None = None,
) -> int:
    """Return how many planned appointments of the counsellor overlap the given slot."""
    end = ends_at(starts, minutes)
    with ctx.db.read() as session:
        rows = session.execute(
            select(Appointment.id, Appointment.starts_at, Appointment.duration_minutes).where(
                Appointment.counsellor_id == counsellor_id,
                Appointment.day == day,
                Appointment.status == AppointmentStatus.PLANNED.value,
                Appointment.deleted_at.is_(None),
            )
        ).all()
    return sum(1 for i, s, m in rows if i != ignore and s < end and starts < ends_at(s, m))


# --------------------------------------------------------------------------- queries


def counsellors(ctx: ServiceContext) -> list[Counsellor]:
    """Return the active counsellors (for the agenda and planning pickers)."""
    with ctx.db.read() as session:
        rows = session.execute(
            select(User.id, User.full_name, User.roles)
            .where(User.active.is_(True), User.deleted_at.is_(None))
            .order_by(User.full_name)
        ).all()
    return [Counsellor(i, n) for i, n, r in rows if Role.COUNSELLOR.value in r.split(",")]


def _shared_ids(session: Session, ctx: ServiceContext) -> set[uuid.UUID]:
    return set(
        session.execute(select(DossierShare.dossier_id).where(DossierShare.user_id == ctx.user.id)).scalars()
    )


_Query = Select[Appointment, str, uuid.UUID, str, str, str, str, str]


def _query() -> _Query:
    return (
        select(
            Appointment,
            Dossier.number,
            Dossier.owner_id,
            Client.first_names,
            Client.initials,
            Client.prefix,
            Client.surname,
            User.full_name,
        )
        .join(Dossier, Dossier.id == Appointment.dossier_id)
        .join(Client, Client.id == Dossier.client_id)
        .join(User, User.id == Appointment.counsellor_id)
        .where(Appointment.deleted_at.is_(None), Dossier.deleted_at.is_(None))
    )


def _views(
    session: Session, ctx: ServiceContext, query: _Query, *, full: bool = False
) -> list[AppointmentView]:
    shared = None if full or ctx.user.is_team_lead else _shared_ids(session, ctx)
    views: list[AppointmentView] = []
    for a, number, owner, first, initials, prefix, surname, counsellor in session.execute(query):
        visible = shared is None or owner == ctx.user.id or a.dossier_id in shared
        views.append(
            AppointmentView(
                a.id,
                a.dossier_id,
                number if visible else "",
                display_name(first, initials, prefix, surname) if visible else "",
                a.kind,
                APPOINTMENT_KIND_LABELS.get(a.kind, a.kind),
                a.day,
                a.starts_at,
                ends_at(a.starts_at, a.duration_minutes),
                a.duration_minutes,
                a.place if visible else "",
                a.counsellor_id,
                counsellor,
                a.status,
                APPOINTMENT_STATUS_LABELS.get(a.status, a.status),
                a.status_note if visible else "",
                a.complex_talk,
                a.reminder_wanted,
                a.reminder_sent,
                a.practical_note if visible else "",
                a.version,
            )
        )
    return views


def dossier_appointments(ctx: ServiceContext, dossier_id: uuid.UUID) -> list[AppointmentView]:
    """Return the dossier's appointments, newest first."""
    with ctx.db.read() as session:
        require_dossier_access(session, ctx, load_dossier(session, dossier_id), write=False)
        query = (
            _query()
            .where(Appointment.dossier_id == dossier_id)
            .order_by(Appointment.day.desc(), Appointment.starts_at.desc())
        )
        return _views(session, ctx, query, full=True)


def week(ctx: ServiceContext, counsellor_id: uuid.UUID, any_day: date) -> WeekView:
    """Return the counsellor's appointments in the week of ``any_day`` (Monday to Sunday).

    Everyone who works with dossiers may see when a colleague is busy; the client's name,
    the place and the notes only show for dossiers the viewer may open (BIO2 8.03.02).
    """
    if not ctx.user.sees_dossiers:
        raise PermissionDenied("Als beheerder ziet u geen agenda's.")
    monday = monday_of(any_day)
    with ctx.db.read() as session:
        name = session.execute(select(User.full_name).where(User.id == counsellor_id)).scalar_one_or_none()
        if name is None:
            raise NotFoundError("Deze consulent bestaat niet.")
        query = (
            _query()
            .where(
                Appointment.counsellor_id == counsellor_id,
                Appointment.day >= monday,
                Appointment.day < monday + timedelta(days=7),
            )
            .order_by(Appointment.day, Appointment.starts_at)
        )
        views = _views(session, ctx, query)
    days = tuple(
        (monday + timedelta(days=i), tuple(v for v in views if v.day == monday + timedelta(days=i)))
        for i in range(7)
    )
    return WeekView(monday, counsellor_id, name, days)


# --------------------------------------------------------------------------- writes


def validate_appointment(form: AppointmentForm, known_counsellor: bool) -> dict[str, str]:
    """Return ``{field: Dutch message}`` for every problem in ``form``."""
    errors: dict[str, str] = {}
    if form.kind not in APPOINTMENT_KIND_LABELS:
        errors["kind"] = "Kies het soort afspraak."
    if not 5 <= form.duration_minutes <= 480:
        errors["duration_minutes"] = "Een afspraak duurt tussen 5 minuten en 8 uur."
    if form.kind != AppointmentKind.PHONE.value and not form.place.strip():
        errors["place"] = "Vul in waar de afspraak is."
    if not known_counsellor:
        errors["counsellor_id"] = "Kies een consulent."
    return errors


def _check_counsellor(session: Session, counsellor_id: uuid.UUID | None) -> bool:
    if counsellor_id is None:
        return False
    user = session.get(User, counsellor_id)
    return user is not None and user.active and Role.COUNSELLOR in user.role_set


def _apply(a: Appointment, form: AppointmentForm, counsellor_id: uuid.UUID) -> None:
    a.kind = form.kind
    a.day = form.day
    a.starts_at = form.starts_at
    a.duration_minutes = form.duration_minutes
    a.place = form.place.strip()
    a.counsellor_id = counsellor_id
    a.complex_talk = form.complex_talk
    a.reminder_wanted = form.reminder_wanted
    a.practical_note = form.practical_note.strip()


def _fields(a: Appointment) -> dict[str, object]:
    return {
        "kind": a.kind,
        "day": a.day,
        "starts_at": a.starts_at.isoformat(timespec="minutes"),
        "duration_minutes": a.duration_minutes,
        "place": a.place,
        "counsellor_id": str(a.counsellor_id),
        "complex_talk": a.complex_talk,
        "reminder_wanted": a.reminder_wanted,
        "status": a.status,
    }


def _one(session: Session, ctx: ServiceContext, appointment_id: uuid.UUID) -> AppointmentView:
    return _views(session, ctx, _query().where(Appointment.id == appointment_id), full=True)[0]


def create_appointment(ctx: ServiceContext, form: AppointmentForm) -> AppointmentView:
    """Plan an appointment for a dossier (the counsellor defaults to the user)."""
    counsellor_id = form.counsellor_id or ctx.user.id
    with ctx.db.begin() as session:
        dossier = load_dossier(session, form.dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        errors = validate_appointment(form, _check_counsellor(session, counsellor_id))
        if errors:
            raise ValidationError(errors)
        a = Appointment(
            dossier_id=dossier.id,
            status=AppointmentStatus.PLANNED.value,
            status_note="",
            reminder_sent=False,
            updated_by=ctx.user.username,
        )
        _apply(a, form, counsellor_id)
        session.add(a)
        session.flush()
        audit.log(
            session, ctx, "create", "appointment", a.id, details={"dossier": str(dossier.id), **_fields(a)}
        )
        return _one(session, ctx, a.id)


def _load(session: Session, ctx: ServiceContext, appointment_id: uuid.UUID) -> Appointment:
    a = session.get(Appointment, appointment_id)
    if a is None or a.deleted_at is not None:
        raise NotFoundError("Deze afspraak bestaat niet (meer).")
    require_dossier_access(session, ctx, load_dossier(session, a.dossier_id), write=True)
    return a


def update_appointment(
    ctx: ServiceContext, appointment_id: uuid.UUID, form: AppointmentForm
) -> AppointmentView:
    """Change when, where or with whom an appointment is."""
    with ctx.db.begin() as session:
        a = _load(session, ctx, appointment_id)
        counsellor_id = form.counsellor_id or a.counsellor_id
        errors = validate_appointment(form, _check_counsellor(session, counsellor_id))
        if errors:
            raise ValidationError(errors)
        before = _fields(a)
        _apply(a, form, counsellor_id)
        a.updated_by = ctx.user.username
        audit.log(session, ctx, "update", "appointment", a.id, details=audit.changes(before, _fields(a)))
        session.flush()
        return _one(session, ctx, a.id)


def set_status(
    ctx: ServiceContext, appointment_id: uuid.UUID, status: str, note: str = "", today: date | None = None
) -> AppointmentView:
    """Mark an appointment held, no-show or cancelled (or planned again).

    Held and no-show are only possible on or after the day itself. A held intake records the
    first conversation (the application date) when none was recorded (Wgs art. 4a).
    """
    today = today or today_local()
    if status not in APPOINTMENT_STATUS_LABELS:
        raise ValidationError({"status": "Kies wat er met de afspraak is gebeurd."})
    with ctx.db.begin() as session:
        a = _load(session, ctx, appointment_id)
        if status in (AppointmentStatus.HELD.value, AppointmentStatus.NO_SHOW.value) and a.day > today:
            raise ValidationError({"status": "Deze afspraak is nog niet geweest."})
        before = {"status": a.status, "status_note": a.status_note}
        a.status = status
        a.status_note = note.strip()
        a.updated_by = ctx.user.username
        audit.log(
            session,
            ctx,
            "update",
            "appointment",
            a.id,
            details=audit.changes(before, {"status": a.status, "status_note": a.status_note}),
        )
        if status == AppointmentStatus.HELD.value and a.kind == AppointmentKind.INTAKE.value:
            record_first_conversation(session, ctx, a.dossier_id, a.day)
        session.flush()
        return _one(session, ctx, a.id)


def mark_reminder_sent(ctx: ServiceContext, appointment_id: uuid.UUID) -> AppointmentView:
    """Record that the one reminder for this appointment was sent."""
    with ctx.db.begin() as session:
        a = _load(session, ctx, appointment_id)
        a.reminder_sent = True
        a.updated_by = ctx.user.username
        audit.log(session, ctx, "update", "appointment", a.id, details={"reminder_sent": [False, True]})
        session.flush()
        return _one(session, ctx, a.id)


# --------------------------------------------------------------------------- timeline


def _timeline(session: Session, dossier_id: uuid.UUID) -> list[TimelineEntry]:
    rows = session.execute(
        select(Appointment).where(Appointment.dossier_id == dossier_id, Appointment.deleted_at.is_(None))
    ).scalars()
    label = workflow.TIMELINE_KINDS["appointment"]
    entries: list[TimelineEntry] = []
    for a in rows:
        title = (
            f"{APPOINTMENT_KIND_LABELS.get(a.kind, a.kind)} {a.starts_at.strftime('%H:%M')}: "
            f"{APPOINTMENT_STATUS_LABELS.get(a.status, a.status).lower()}"
        )
        detail = " — ".join(p for p in (a.place, a.status_note) if p)
        at = datetime.combine(a.day, a.starts_at, tzinfo=AMSTERDAM).astimezone(UTC)
        entries.append(TimelineEntry(a.day, at, "appointment", label, title, detail, a.updated_by or ""))
    return entries


def _register() -> None:
    workflow.TIMELINE_KINDS.setdefault("appointment", "Afspraak")
    if _timeline not in workflow.TIMELINE_SOURCES:
        workflow.TIMELINE_SOURCES.append(_timeline)


_register()
