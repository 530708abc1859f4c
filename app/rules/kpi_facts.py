"""Plain input facts and result types for the stuurinformatie (KPI) rules.

Services load these facts from the database; the rules in ``app.rules.kpi`` only read them.
Source of the measures: DOMAIN.md "Stuurinformatie"; seed 004 chapter 5 and bijlage D.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from operator import itemgetter
from typing import Any, Generic, NamedTuple, TypeVar

from app.rules.phases import Phase


@dataclass(frozen=True)
class Period:
    """A reporting period; both days are included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    def contains(self, day: date) -> bool:
        """Return whether ``day`` lies in the period."""
        return self.start <= day <= self.end

    def overlaps(self, start: date, end: date | None) -> bool:
        """Return whether the span ``start``..``end`` (``None`` = still running) touches the period."""
        return start <= self.end and (end is None or end >= self.start)


#: Sort key of a ``Transition``: its day (a stable sort keeps same-day moves in the given order).
_ON = itemgetter(0)


class Transition(NamedTuple):
    """One recorded move of a dossier into ``to_phase`` on the day ``on``.

    ``from_phase`` may be ``None``; the rules then take the phase the dossier was in before
    (the previous transition, or ``application`` for the first one).
    ``closing_reason`` is set on moves to ``dropped_out``/``closed`` (codes in
    ``app.rules.kpi_definitions.CLOSING_REASON_LABELS``).
    An immutable named tuple: a report builds tens of thousands, a dataclass costs five times more.
    """

    on: date
    to_phase: str
    from_phase: str | None = None
    closing_reason: str | None = None


_T = TypeVar("_T")


class _computed_once(Generic[_T]):  # noqa: N801 - used like functools.cached_property
    """``functools.cached_property`` without its per-instance lock (Python 3.11 takes one on
    every first access: 50 000 of them for a large report). The facts are made and read by one
    thread; the worst a race could do is compute the same digest twice."""

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self._compute = compute
        self._name = compute.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, instance: Any, owner: type | None = None) -> _T:
        if instance is None:  # looked up on the class (introspection, documentation)
            return self  # type: ignore[return-value]
        value = self._compute(instance)
        instance.__dict__[self._name] = value  # from now on found before this descriptor
        return value


@dataclass(frozen=True)
class ProductFacts:
    """A support product (budgetbeheer, budgetcoaching, …) with its dates; ``end`` None = running."""

    code: str
    start: date
    end: date | None = None


@dataclass(frozen=True)
class DossierFacts:
    """What the KPI rules need to know about one dossier; no names, BSNs or addresses.

    ``dossier_id`` is the UUID (as text) used only for click-through on the dashboard.
    ``counsellor`` and ``team`` are opaque ids of the current counsellor and team.
    ``first_conversation_due`` is the legal due date (Wgs art. 4) computed by
    ``app.rules.deadlines.first_conversation_due``. ``no_show_dates`` are appointments the
    client missed. ``stabilisation_mode`` is ``"self"``, ``"social_work"`` or ``None``.
    """

    dossier_id: str
    counsellor: str
    melding_on: date
    transitions: tuple[Transition, ...] = ()
    team: str | None = None
    intake_held_on: date | None = None
    first_conversation_due: date | None = None
    no_show_dates: tuple[date, ...] = ()
    stabilisation_mode: str | None = None
    profile: str | None = None
    products: tuple[ProductFacts, ...] = ()

    # Derived once per dossier and kept (the facts never change): a dashboard asks each dossier
    # for its moves, first entries and phase a dozen times. Not a field: equality, repr and
    # ``dataclasses.replace`` see only the facts above.

    @_computed_once
    def _digest(self) -> _Digest:
        moves: list[Move] = []
        days: list[date] = []
        first: dict[str, date] = {}
        sources: set[str] = set()
        previous: str = Phase.APPLICATION.value
        for move in sorted(self.transitions, key=_ON):
            target = str(move.to_phase)
            source = previous if move.from_phase is None else str(move.from_phase)
            if target is not move.to_phase or source is not move.from_phase:
                move = Transition(move.on, target, source, move.closing_reason)  # else: already plain
            moves.append(move)
            days.append(move.on)
            first.setdefault(target, move.on)  # in date order: the first one is the earliest
            sources.add(source)
            previous = target
        return _Digest(tuple(moves), tuple(days), first, frozenset(sources))


#: A ``Transition`` whose ``from_phase`` is filled in (plain ``str`` codes): what :func:`moves`
#: yields. The same named tuple, so a transition that needs no filling in is not copied.
Move = Transition


class _Digest(NamedTuple):
    """A dossier's moves in date order, their days, and the first day it entered each phase."""

    moves: tuple[Move, ...]
    days: tuple[date, ...]
    first_entries: dict[str, date]
    sources: frozenset[str]  # every phase the dossier moved out of


@dataclass(frozen=True)
class Measure:
    """One figure and the dossiers behind it (for click-through only: never written to files)."""

    code: str
    label_nl: str
    value: int
    dossier_ids: tuple[str, ...]


@dataclass(frozen=True)
class Breakdown:
    """A count split by a key (reason, counsellor, profile, product).

    ``total`` is set when the rows add up to a figure that is shown as well; the exports then
    apply secondary suppression (see ``app.rules.kpi_disclosure``).
    """

    code: str
    label_nl: str
    rows: tuple[Measure, ...]
    total: Measure | None = None


@dataclass(frozen=True)
class Rate:
    """A share ``numerator / denominator`` with an optional reference percentage."""

    code: str
    label_nl: str
    numerator: Measure
    denominator: Measure
    reference_percent: int | None = None

    @property
    def percent(self) -> Decimal | None:
        """The share in percent, one decimal, half up; ``None`` when the denominator is 0."""
        if self.denominator.value == 0:
            return None
        raw = Decimal(100 * self.numerator.value) / Decimal(self.denominator.value)
        return raw.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LeadTime:
    """Median and 80th percentile (nearest-rank) of a lead time in days."""

    code: str
    label_nl: str
    count: int
    median_days: int | None
    p80_days: int | None
    norm_days: int | None
    dossier_ids: tuple[str, ...]


def moves(dossier: DossierFacts) -> Iterator[Move]:
    """Yield the dossier's transitions in date order with ``from_phase`` filled in.

    Transitions on the same day keep the order in which they were given.
    """
    return iter(dossier._digest.moves)


def first_entry(dossier: DossierFacts, phase: str) -> date | None:
    """Return the first day the dossier moved into ``phase`` (``None`` if it never did)."""
    return dossier._digest.first_entries.get(str(phase))


def ever_left(dossier: DossierFacts, phase: str) -> bool:
    """Return whether the dossier ever moved out of ``phase`` (a move with that ``from_phase``)."""
    return str(phase) in dossier._digest.sources


def phase_on(dossier: DossierFacts, day: date) -> str | None:
    """Return the phase the dossier was in at the end of ``day`` (``None`` before the melding)."""
    if dossier.melding_on > day:
        return None
    digest = dossier._digest
    done = bisect_right(digest.days, day)  # the moves on or before ``day``, in date order
    return digest.moves[done - 1].to_phase if done else Phase.APPLICATION.value


def select(
    facts: Iterable[DossierFacts], counsellor: str | None = None, team: str | None = None
) -> tuple[DossierFacts, ...]:
    """Return the dossiers of one counsellor and/or team (``None`` = no filter)."""
    if counsellor is None and team is None and isinstance(facts, tuple):
        return facts
    return tuple(
        d
        for d in facts
        if (counsellor is None or d.counsellor == counsellor) and (team is None or d.team == team)
    )
