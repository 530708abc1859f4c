"""Werkdagen and the Algemene termijnenwet (Atw) calendar.

A *werkdag* is a day that is not a Saturday, a Sunday or an Atw day. Atw days are the
*algemeen erkende feestdagen* of Atw art. 3(1)-(2), computed here for every year, plus the days
the Crown equated with them under Atw art. 3(3). The equated days are dated data in
``resources/norms/atw_equated_days.json``; an administrator can add more through settings by
building an :class:`AtwCalendar` with extra days and passing it as ``calendar=``.

The ``holidays`` package is deliberately not used: its Dutch calendar lists 5 May only in
lustrum years, while the Atw lists it every year (RULES.md §1).

Source: Algemene termijnenwet art. 1(1) and art. 3; RULES.md §1.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from app.resources import resource_path

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


class AtwDataError(ValueError):
    """The file with equated Atw days is missing or malformed."""


@dataclass(frozen=True)
class EquatedDay:
    """A day equated with an algemeen erkende feestdag (Atw art. 3(3))."""

    day: date
    description: str
    source: str


def easter_sunday(year: int) -> date:
    """Return Easter Sunday of ``year`` in the Gregorian calendar.

    Anonymous Gregorian algorithm (Meeus/Jones/Butcher). Goede Vrijdag, tweede Paasdag,
    Hemelvaartsdag and tweede Pinksterdag of Atw art. 3 are derived from it.
    """
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    """Return the day on which the King's (or Queen's) birthday is celebrated in ``year``.

    Since 2014: 27 April, or Saturday 26 April when the 27th is a Sunday (Besluit van
    30 januari 2013, nr. 13.000173). Before 2014: Koninginnedag 30 April, or 29 April when
    the 30th is a Sunday (KB 24 april 1980, nr. 11). Atw art. 3(1) names this day.
    """
    day = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    return day - _ONE_DAY if day.weekday() == 6 else day


@lru_cache(maxsize=512)
def _statutory_days(year: int) -> Mapping[date, str]:
    easter = easter_sunday(year)
    named = (
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (easter - timedelta(days=2), "Goede Vrijdag"),
        (easter + timedelta(days=1), "Tweede Paasdag"),
        (kings_day(year), "Koningsdag" if year >= 2014 else "Koninginnedag"),
        (date(year, 5, 5), "Bevrijdingsdag (5 mei)"),
        (easter + timedelta(days=39), "Hemelvaartsdag"),
        (easter + timedelta(days=50), "Tweede Pinksterdag"),
        (date(year, 12, 25), "Eerste Kerstdag"),
        (date(year, 12, 26), "Tweede Kerstdag"),
    )
    days: dict[date, str] = {}
    for day, name in named:
        # Feasts can coincide (Hemelvaartsdag on 5 May in 2005 and 2016): keep both names.
        days[day] = f"{days[day]} en {name}" if day in days else name
    return MappingProxyType(dict(sorted(days.items())))


def atw_holidays(year: int) -> dict[date, str]:
    """Return the algemeen erkende feestdagen of ``year`` with their Dutch names.

    Only the days the law itself names: Nieuwjaarsdag, Goede Vrijdag, tweede Paasdag,
    Koningsdag, 5 mei (every year), Hemelvaartsdag, tweede Pinksterdag and both Kerstdagen.
    Days equated by the Crown are in :meth:`AtwCalendar.holidays`.

    Source: Algemene termijnenwet art. 3(1)-(2).
    """
    return dict(_statutory_days(year))


class AtwCalendar:
    """The Atw calendar: statutory feestdagen plus equated (and admin-added) days.

    Immutable: :meth:`with_extra_days` returns a new calendar.

    Source: Algemene termijnenwet art. 1(1), art. 3(1)-(3).
    """

    __slots__ = ("_equated",)

    def __init__(self, equated_days: Iterable[EquatedDay] = ()) -> None:
        equated: dict[date, EquatedDay] = {}
        for item in equated_days:
            equated.setdefault(item.day, item)
        self._equated: Mapping[date, EquatedDay] = MappingProxyType(dict(sorted(equated.items())))

    @property
    def equated_days(self) -> tuple[EquatedDay, ...]:
        """The equated days of this calendar, in date order."""
        return tuple(self._equated.values())

    def with_extra_days(
        self, extra_days: Iterable[date] | Mapping[date, str], source: str = "Instelling gemeente"
    ) -> AtwCalendar:
        """Return a calendar that also treats ``extra_days`` as Atw days (Atw art. 3(3)).

        ``extra_days`` is a set of dates or a mapping of date to description, e.g. from the
        settings screen where an administrator records a newly published equated day.
        """
        if isinstance(extra_days, Mapping):
            extra = [EquatedDay(day, str(text), source) for day, text in extra_days.items()]
        else:
            extra = [EquatedDay(day, "Gelijkgestelde dag", source) for day in extra_days]
        return AtwCalendar((*self._equated.values(), *extra))

    def holidays(self, year: int) -> dict[date, str]:
        """Return all Atw days of ``year`` (statutory and equated) with their names.

        Source: Algemene termijnenwet art. 3.
        """
        days = dict(_statutory_days(year))
        for day, item in self._equated.items():
            if day.year == year:
                days.setdefault(day, item.description)
        return dict(sorted(days.items()))

    def is_atw_day(self, day: date) -> bool:
        """Return whether ``day`` is an algemeen erkende feestdag or an equated day (Atw art. 3)."""
        return day in _statutory_days(day.year) or day in self._equated

    def is_workday(self, day: date) -> bool:
        """Return whether ``day`` is a werkdag: not Saturday, Sunday or Atw day (Atw art. 1(1), 3)."""
        return day.weekday() < _SATURDAY and not self.is_atw_day(day)

    def extend_to_workday(self, last_day: date) -> date:
        """Extend a legal term ending on ``last_day`` to the next werkdag (Atw art. 1(1)).

        A term that ends on a Saturday, Sunday or Atw day runs until and including the next
        day that is none of these; a term ending on a werkdag is unchanged.
        """
        day = last_day
        while not self.is_workday(day):
            day += _ONE_DAY
        return day

    def previous_workday(self, day: date) -> date:
        """Return ``day`` if it is a werkdag, else the nearest earlier werkdag (Atw art. 3)."""
        while not self.is_workday(day):
            day -= _ONE_DAY
        return day

    def add_workdays(self, start: date, n: int) -> date:
        """Return the ``n``-th werkdag after ``start`` (before it when ``n`` is negative).

        ``start`` itself is never counted; ``n == 0`` returns ``start`` unchanged.
        Source: werkdag as in Algemene termijnenwet art. 1(1) and 3; Wgs art. 4 (3 werkdagen).
        """
        step = _ONE_DAY if n >= 0 else -_ONE_DAY
        day = start
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_workday(day):
                remaining -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Count werkdagen after ``start`` up to and including ``end`` (0 when end <= start).

        Source: werkdag as in Algemene termijnenwet art. 1(1) and 3.
        """
        count = 0
        day = start + _ONE_DAY
        while day <= end:
            if self.is_workday(day):
                count += 1
            day += _ONE_DAY
        return count


def _parse_equated_days(raw: object, where: str) -> tuple[EquatedDay, ...]:
    if not isinstance(raw, dict) or not isinstance(raw.get("days"), list):
        raise AtwDataError(f"{where}: verwacht een object met een lijst 'days'.")
    result: list[EquatedDay] = []
    seen: set[date] = set()
    for index, entry in enumerate(raw["days"]):
        label = f"{where}: dag {index + 1}"
        if not isinstance(entry, dict):
            raise AtwDataError(f"{label}: verwacht een object met date, description en source.")
        for key in ("date", "description", "source"):
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                raise AtwDataError(f"{label}: veld '{key}' ontbreekt of is leeg.")
        try:
            day = date.fromisoformat(entry["date"])
        except ValueError as exc:
            raise AtwDataError(f"{label}: '{entry['date']}' is geen datum (JJJJ-MM-DD).") from exc
        if day in seen:
            raise AtwDataError(f"{label}: datum {day.isoformat()} staat er twee keer in.")
        seen.add(day)
        result.append(EquatedDay(day, entry["description"].strip(), entry["source"].strip()))
    return tuple(result)


def load_equated_days(path: Path | None = None) -> tuple[EquatedDay, ...]:
    """Load the days equated with Atw feestdagen from JSON (Atw art. 3(3)).

    Format: ``{"days": [{"date": "YYYY-MM-DD", "description": str, "source": str}, ...]}``.
    Defaults to ``resources/norms/atw_equated_days.json``. Raises :class:`AtwDataError`.
    """
    file = path if path is not None else resource_path("norms", "atw_equated_days.json")
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AtwDataError(f"{file}: bestand met gelijkgestelde dagen is niet te lezen ({exc}).") from exc
    return _parse_equated_days(raw, str(file))


@lru_cache(maxsize=1)
def default_calendar() -> AtwCalendar:
    """Return the Atw calendar with the bundled equated days (Atw art. 3), loaded once."""
    return AtwCalendar(load_equated_days())


def _calendar(calendar: AtwCalendar | None) -> AtwCalendar:
    return calendar if calendar is not None else default_calendar()


def is_workday(day: date, *, calendar: AtwCalendar | None = None) -> bool:
    """Return whether ``day`` is a werkdag: not a Saturday, Sunday or Atw day.

    Source: Algemene termijnenwet art. 1(1) and art. 3.
    """
    return _calendar(calendar).is_workday(day)


def add_workdays(start: date, n: int, *, calendar: AtwCalendar | None = None) -> date:
    """Return the ``n``-th werkdag after ``start`` (``start`` is not counted).

    Negative ``n`` counts backwards; ``n == 0`` returns ``start``.
    Source: Algemene termijnenwet art. 1(1) and art. 3 (which days are werkdagen).
    """
    return _calendar(calendar).add_workdays(start, n)


def extend_to_workday(last_day: date, *, calendar: AtwCalendar | None = None) -> date:
    """Extend a legal term ending on a Saturday, Sunday or Atw day to the next werkdag.

    Source: Algemene termijnenwet art. 1(1).
    """
    return _calendar(calendar).extend_to_workday(last_day)
