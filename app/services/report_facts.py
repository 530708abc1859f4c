"""Load the plain ``DossierFacts`` the stuurinformatie rules need, in a few bulk queries.

One Core ``select`` per table (only the needed columns, no ORM objects, no query per dossier),
grouped by dossier in Python: seven queries, whatever the number of dossiers or the period.

Mapping (DOMAIN.md "Stuurinformatie"; seed 004 bijlage D):

- ``melding_on`` = ``dossiers.reported_on``; ``counsellor`` = the current owner's id (text);
  ``team`` stays ``None`` (Helder has no teams yet).
- ``transitions`` = every live ``phase_transitions`` row, in date order, with its closing reason.
- ``intake_held_on`` = the recorded first conversation (``dossier_urgency.first_conversation_on``),
  else the earliest *held* intake appointment, else the first move into the phase intake — the
  same fallback as the traject tab (``app.services.traject``), so both show the same date.
- ``no_show_dates`` = days of appointments with status ``no_show``.
- ``first_conversation_due`` = the Wgs art. 4 term from ``app.services.terms.first_conversation_term``
  (four weeks, or three werkdagen after a reported bedreigende situatie) on the Atw calendar
  with the municipality's extra days, exactly as the Signalen list computes it.
- ``stabilisation_mode`` (only for dossiers that entered stabilisation): ``"social_work"`` when
  the dossier was referred to maatschappelijk werk, GGZ or verslavingszorg on or before the end
  of its stabilisation (the definition's "administratie, coaching of andere hulp zoals
  verslaving of psychische problemen", 004 bijlage D), otherwise ``"self"``.
- ``products`` = live ``support_products`` rows (code, start, end).
- ``profile`` = the counsellor's chosen profile of the latest klantprofiel assessment made on or
  before the end of the period (``app.services.profiles.latest_profile_keys``); ``None`` without one
  or when that capability is not installed.

Which dossiers: not deleted, melding on or before the end of the period, and not ended before
the period began — unless a support product of theirs still ran in the period (budgetbeheer
can outlive the dossier). Earlier-ended dossiers cannot change any figure of the period.
"""

from __future__ import annotations

import gc
import importlib
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from app.db.base import raw_column as _raw
from app.db.base import raw_rows
from app.domain.dossiers import Dossier, PhaseTransition
from app.domain.traject import (
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    DossierUrgency,
    Partner,
    PartnerKind,
    Referral,
    SupportProductRecord,
)
from app.rules.kpi import DossierFacts, Period, ProductFacts, Transition
from app.rules.phases import ENDED, Phase
from app.services import terms

#: Partner kinds whose help makes a stabilisation "met maatschappelijk werk" (004 bijlage D).
SOCIAL_WORK_PARTNERS: frozenset[str] = frozenset(
    {PartnerKind.SOCIAL_WORK.value, PartnerKind.MENTAL_HEALTH.value, PartnerKind.ADDICTION_CARE.value}
)

#: Called between the steps of a long computation: (percent done, Dutch description).
Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class FactsScope:
    """Which dossiers to load: all (``counsellor_id`` None) or those of one counsellor."""

    counsellor_id: str | None = None


_FIRST = itemgetter(0)
#: ``Transition(*fields)`` without the named tuple's Python-level ``__new__`` (what its ``_make``
#: does inside): one C call for each of the 200 000 moves of a large report.
_make_transition = tuple.__new__


def _no_progress(_percent: int, _text: str) -> None:
    return None


class _Days(dict[Any, Any]):
    """Turns raw date values (``date``, ISO text or ``None``) into dates: ``days[value]``.

    Each distinct value is converted once; after that it is a plain dictionary lookup, which
    matters for the 100 000 dates of a large report.
    """

    def __missing__(self, value: Any) -> Any:
        found = value if value is None or isinstance(value, date) else date.fromisoformat(str(value)[:10])
        self[value] = found
        return found


def _profiles(session: Session, on: date) -> dict[Any, str]:
    """Return ``{dossier key: profile}`` as it stood on ``on``, when the klantprofiel capability exists.

    The counsellor's choice (``chosen_profile``) of the latest assessment made on or before
    ``on`` counts (DOMAIN.md: the counsellor's judgement wins). Without the capability: ``{}``.
    """
    try:
        loader = getattr(importlib.import_module("app.services.profiles"), "latest_profile_keys", None)
    except ModuleNotFoundError:
        return {}
    if not callable(loader):
        return {}
    return {key: str(profile) for key, profile in loader(session, on).items()}


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector around a bulk computation (the KPI facts and figures).

    Loading the facts creates some 100 000 small objects without reference cycles; each of
    them counts towards a full collection that walks every object in the program (the whole
    interface included), which took a third of the dashboard's time. Reference counting still
    frees everything; collection resumes afterwards (unless it was off already).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def transitions_query() -> Select[Any]:
    """Every live move, grouped by dossier, by day, then in the order recorded.

    Read in that order from the covering index ``ix_phase_transitions_report`` (0007_reports):
    no sort and no table rows (see ``tests/integration/test_reports.py``).
    """
    pt = PhaseTransition
    return (
        select(_raw(pt.dossier_id), _raw(pt.moved_on), pt.from_phase, pt.to_phase, pt.closing_reason)
        .where(pt.deleted_at.is_(None))
        .order_by(pt.dossier_id, pt.moved_on, pt.created_at)
    )


def appointments_query() -> Select[Any]:
    """The appointments that count: missed ones, and held intakes (the earliest one counts).

    Read from the covering index ``ix_appointments_report`` (0007_reports) alone.
    """
    a = Appointment
    return select(_raw(a.dossier_id), _raw(a.day), a.status).where(
        a.deleted_at.is_(None),
        or_(
            a.status == AppointmentStatus.NO_SHOW,
            and_(a.status == AppointmentStatus.HELD, a.kind == AppointmentKind.INTAKE),
        ),
    )


def load_facts(
    session: Session, period: Period, scope: FactsScope | None = None, progress: Progress | None = None
) -> list[DossierFacts]:
    """Return the facts of every dossier that can count in ``period`` (see the module docstring).

    Source: DOMAIN.md "Stuurinformatie" (figures computed from dated transitions, never typed in).
    """
    scope = scope or FactsScope()
    report = progress or _no_progress
    day = _Days()
    conn = session.connection()  # Core rows: the ORM's result layer costs more than the query

    # Every table is read whole and filtered here (see "Which dossiers" above): on SQLite
    # a scan is several times faster than ``dossier_id IN (subquery)``, which looks up the rows
    # of each dossier one by one through the index.
    report(5, "Dossiers en ondersteuningsproducten lezen")
    products: dict[Any, list[ProductFacts]] = defaultdict(list)
    for key, code, start, end in raw_rows(
        conn,
        select(
            _raw(SupportProductRecord.dossier_id),
            SupportProductRecord.product,
            _raw(SupportProductRecord.starts_on),
            _raw(SupportProductRecord.ends_on),
        ).where(SupportProductRecord.deleted_at.is_(None)),
    ):
        products[key].append(ProductFacts(code, day[start], day[end]))
    ended = {p.value for p in ENDED}
    owner_wanted = None if scope.counsellor_id is None else uuid.UUID(scope.counsellor_id).hex
    owners: dict[Any, str] = {}  # a handful of counsellors for 50 000 dossiers
    base: list[tuple[Any, str, date]] = []
    for key, owner, reported_on, phase, since in raw_rows(
        conn,
        select(
            _raw(Dossier.id),
            _raw(Dossier.owner_id),
            _raw(Dossier.reported_on),
            Dossier.phase,
            _raw(Dossier.phase_since),
        ).where(Dossier.deleted_at.is_(None)),
    ):
        melding = day[reported_on]
        if melding > period.end:
            continue
        counsellor = owners.get(owner) or owners.setdefault(owner, _canonical(owner))
        if owner_wanted is not None and counsellor.replace("-", "") != owner_wanted:
            continue
        ended_before = phase in ended and day[since] < period.start
        if ended_before and not any(period.overlaps(p.start, p.end) for p in products.get(key, ())):
            continue  # nothing of this dossier falls in the period
        base.append((key, counsellor, melding))
    wanted = {key for key, _, _ in base}

    report(15, "Fasewisselingen lezen")
    moves: dict[Any, tuple[Transition, ...]] = {}
    first_intake: dict[Any, date] = {}
    stabilised: set[Any] = set()  # dossiers that ever moved into stabilisation
    current: Any = None
    keep = False
    found: list[Transition] = []
    for key, on, source, target, reason in raw_rows(conn, transitions_query()):
        if key != current:
            if found:
                moves[current] = tuple(found)
            current, found, keep = key, [], key in wanted
        if not keep:
            continue
        moved_on = day[on]
        found.append(_make_transition(Transition, (moved_on, target, source, reason)))
        if target == Phase.INTAKE and key not in first_intake:
            first_intake[key] = moved_on  # in date order: the first one is the earliest
        elif target == Phase.STABILISATION:
            stabilised.add(key)
    if found:
        moves[current] = tuple(found)

    report(40, "Afspraken lezen")
    held: dict[Any, date] = {}
    no_shows: dict[Any, list[date]] = defaultdict(list)
    for key, on, status in raw_rows(conn, appointments_query()):
        if key not in wanted:
            continue
        if status == AppointmentStatus.NO_SHOW:
            no_shows[key].append(day[on])
        else:
            held_on = day[on]
            if key not in held or held_on < held[key]:
                held[key] = held_on

    report(55, "Termijnen en doorverwijzingen lezen")
    urgency: dict[Any, tuple[date | None, date | None]] = {}
    for key, first, kinds, threat_on in raw_rows(
        conn,
        select(
            _raw(DossierUrgency.dossier_id),
            _raw(DossierUrgency.first_conversation_on),
            DossierUrgency.threat_kinds,
            _raw(DossierUrgency.threat_reported_on),
        ).where(DossierUrgency.deleted_at.is_(None)),
    ):
        if key in wanted:
            urgency[key] = (day[first], day[threat_on] if kinds else None)

    referred: dict[Any, list[date]] = defaultdict(list)
    for key, on in raw_rows(
        conn,
        select(_raw(Referral.dossier_id), _raw(Referral.referred_on))
        .join(Partner, Partner.id == Referral.partner_id)
        .where(Referral.deleted_at.is_(None), Partner.kind.in_(sorted(SOCIAL_WORK_PARTNERS))),
    ):
        if key in wanted:
            referred[key].append(day[on])

    report(60, "Klantprofielen lezen")
    profiles = _profiles(session, period.end)

    report(70, "Termijnen berekenen")
    calendar = terms.term_settings(session).cal

    @cache
    def due(reported_on: date, threat_on: date | None) -> date:
        return terms.first_conversation_term(reported_on, threat_on, calendar)[0]

    # In id order (the key's order is the id's): the figures list the dossiers behind them by
    # id, and sorting what is sorted already is cheap (``app.rules.kpi``). Made in that order,
    # the facts also lie in memory in the order the figures walk them, like their moves.
    base.sort(key=_FIRST)
    facts: list[DossierFacts] = []
    for key, owner, reported_on in base:
        recorded, threat_on = urgency.get(key, (None, None))
        transitions = moves.get(key, ())
        dossier_id = _canonical(key)
        facts.append(
            DossierFacts(
                dossier_id=dossier_id,
                counsellor=owner,
                melding_on=reported_on,
                transitions=transitions,
                intake_held_on=recorded or held.get(key) or first_intake.get(key),
                first_conversation_due=due(reported_on, threat_on),
                no_show_dates=tuple(sorted(no_shows[key])) if key in no_shows else (),
                stabilisation_mode=(
                    _stabilisation_mode(transitions, referred.get(key, ())) if key in stabilised else None
                ),
                profile=profiles.get(key),
                products=tuple(products[key]) if key in products else (),
            )
        )
    return facts


def _canonical(key: Any) -> str:
    """Return a uuid (as the database gave it) in the usual form with hyphens."""
    text = str(key).replace("-", "")
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _stabilisation_mode(transitions: tuple[Transition, ...], referrals: Any) -> str | None:
    """``"social_work"``/``"self"`` for a dossier that entered stabilisation, else ``None``."""
    start: date | None = None
    end: date | None = None
    inside = False
    for t in transitions:  # already in date order
        if t.to_phase == Phase.STABILISATION:
            start = start or t.on
            inside, end = True, None
        elif inside:
            inside, end = False, t.on
    if start is None:
        return None
    if any(end is None or on <= end for on in referrals):
        return "social_work"
    return "self"
