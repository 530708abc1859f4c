"""Dated norm tables: shipped periods, periods a beheerder entered, and the checks on a new period.

Every yearly number Helder uses (bijstandsnormen, maxima of the beslagvrije voet, the AOW age,
the parameters of the corrections of Rv art. 475da) is a *table* of dated periods. A table's
description (its Dutch name, unit, keys with their labels, the article it serves and the days
on which it changes) and its shipped periods live in one JSON file in ``resources/norms/``;
periods the municipality's beheerder enters are stored in the database and merged here.

Merge rule (``merge_periods``): an entered period wins over a shipped one with the same first
day (the beheerder confirmed that when entering it, see ``check_new_period``), and a shipped
period that overlaps an entered one is left out; so a newer Helder release never silently
overwrites what a beheerder entered. Norms are never guessed or carried forward: a date outside
every period has no norm (RULES.md §5).

Sources: Participatiewet art. 21-22 and 38 (bijstandsnormen change on 1 January and 1 July);
Rv art. 475da (beslagvrije voet and its maxima); Algemene Ouderdomswet art. 7a (AOW age);
RULES.md §5.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from itertools import pairwise
from types import MappingProxyType
from typing import Any

from babel.dates import format_date

from app.resources import resource_path
from app.rules.money import format_amount

#: The shipped tables, by key, in the order the Normen page shows them.
TABLE_FILES: dict[str, str] = {
    "bijstandsnormen": "bijstandsnormen.json",
    "bvv_maxima": "beslagvrije_voet_maxima.json",
    "aow_leeftijd": "aow_leeftijd.json",
    "normhuur": "normhuur.json",
    "huurgrens": "huurgrens.json",
    "zorgtoeslag_correctie": "zorgtoeslag_correctie.json",
    "kgb_correctie": "kindgebonden_budget_correctie.json",
}

#: Where the beheerder adds a missing period (said in every "no norm" message).
WHERE_TO_ADD = "De beheerder kan die periode toevoegen op de pagina Normen."

_WARN_CHANGE_PERCENT = 10


class Unit(StrEnum):
    """What a table's amounts are."""

    CENTS_PER_MONTH = "cents_per_month"
    MONTHS = "months"


class Origin(StrEnum):
    """Where a period comes from."""

    SHIPPED = "shipped"
    ENTERED = "entered"


class NormDataError(ValueError):
    """A norm file or exchange file is malformed; ``str(error)`` names the first problem."""


def dutch_date(day: date) -> str:
    """Write a date the Dutch way, e.g. ``1 januari 2025`` (Babel, locale nl_NL)."""
    return format_date(day, "d MMMM y", locale="nl_NL")


class NoNormError(LookupError):
    """No dated period covers the date asked about; ``str(error)`` is a Dutch message.

    ``missing_from`` is the first day of the period that is missing, when it can be told (the
    day after the last known period, or the next change day of the table).
    """

    def __init__(self, on: date, table: str, missing_from: date | None = None) -> None:
        super().__init__(f"Geen norm bekend voor {dutch_date(on)} ({table}).")
        self.on = on
        self.table = table
        self.missing_from = missing_from

    @property
    def advice(self) -> str:
        """Which period is missing and who can add it, in Dutch."""
        period = f"de periode vanaf {dutch_date(self.missing_from)}" if self.missing_from else "een periode"
        return f"Voor {self.table} ontbreekt {period}. {WHERE_TO_ADD}"


@dataclass(frozen=True)
class NormPeriod:
    """Amounts valid from ``valid_from`` to ``valid_until`` (inclusive; None: until the next period).

    ``entered_by``/``entered_at`` name the beheerder for an entered period; ``record_id`` is its row.
    """

    valid_from: date
    valid_until: date | None
    source: str
    amounts: Mapping[str, int]
    origin: Origin = Origin.SHIPPED
    entered_by: str = ""
    entered_at: str = ""
    record_id: str = ""

    def covers(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


@dataclass(frozen=True)
class NormTable:
    """A dated table: its description and its periods in ascending order without overlap.

    ``name`` is short Dutch for messages ("bijstandsnorm"); ``changes_on`` are the ``MM-DD`` days
    a new period usually starts; ``watched``: warn before a change day when the next period is
    missing (the tables every calculation needs).
    """

    name: str
    title: str
    periods: tuple[NormPeriod, ...]
    key: str = ""
    unit: Unit = Unit.CENTS_PER_MONTH
    keys: Mapping[str, str] = field(default_factory=dict)
    article: str = ""
    changes_on: tuple[str, ...] = ()
    watched: bool = False
    short_keys: Mapping[str, str] = field(default_factory=dict)

    def period_on(self, on: date) -> NormPeriod:
        """Return the period valid on ``on``.

        Raises:
            NoNormError: when no period covers ``on`` (never falls back to a nearby period).
        """
        candidates = [p for p in self.periods if p.valid_from <= on]
        if candidates:
            period = candidates[-1]
            if period.valid_until is None or on <= period.valid_until:
                return period
            missing: date | None = period.valid_until + timedelta(days=1)
        else:
            missing = self.change_day_on_or_before(on)
        raise NoNormError(on, self.name, missing)

    def change_day_on_or_before(self, on: date) -> date | None:
        """The latest change day (``changes_on``) on or before ``on``, or None without change days."""
        days = [
            date(year, int(md[:2]), int(md[3:])) for year in (on.year - 1, on.year) for md in self.changes_on
        ]
        earlier = [d for d in days if d <= on]
        return max(earlier) if earlier else None

    def next_change_day(self, after: date) -> date | None:
        """The first change day strictly after ``after``, or None when the table has none."""
        days = [
            date(year, int(md[:2]), int(md[3:]))
            for year in (after.year, after.year + 1)
            for md in self.changes_on
        ]
        later = [d for d in days if d > after]
        return min(later) if later else None

    def previous_period(self, before: date) -> NormPeriod | None:
        """The last period that starts before ``before``."""
        earlier = [p for p in self.periods if p.valid_from < before]
        return earlier[-1] if earlier else None

    def format_value(self, value: int) -> str:
        """An amount as the page shows it: euros, or years and months for an age."""
        if self.unit is Unit.MONTHS:
            years, months = divmod(value, 12)
            return f"{years} jaar" + (f" en {months} maanden" if months else "")
        return format_amount(value)


def _parse_period(raw: Mapping[str, Any], keys: Iterable[str], origin: str) -> NormPeriod:
    amounts = raw["amounts"]
    if set(amounts) != set(keys):
        raise NormDataError(f"{origin}: keys {sorted(amounts)} != {sorted(keys)}")
    for key, value in amounts.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise NormDataError(f"{origin}: {key} must be whole cents, got {value!r}")
    until = raw.get("valid_until")
    return NormPeriod(
        valid_from=date.fromisoformat(raw["valid_from"]),
        valid_until=None if until is None else date.fromisoformat(until),
        source=str(raw["source"]),
        amounts=MappingProxyType(dict(amounts)),
    )


def check_order(periods: Sequence[NormPeriod], origin: str) -> None:
    """Raise NormDataError when periods are out of order, overlap or end before they start."""
    for period in periods:
        if period.valid_until is not None and period.valid_until < period.valid_from:
            raise NormDataError(f"{origin}: valid_until before valid_from at {period.valid_from}")
    for earlier, later in pairwise(periods):
        if later.valid_from <= earlier.valid_from or (
            earlier.valid_until is not None and earlier.valid_until >= later.valid_from
        ):
            raise NormDataError(f"{origin}: periods out of order or overlapping at {later.valid_from}")


def parse_norm_table(
    data: Any, expected_keys: frozenset[str] | None = None, origin: str = "", key: str = ""
) -> NormTable:
    """Check and convert the JSON object of a norm file (format: see ``resources/norms``).

    ``expected_keys`` defaults to the file's own ``keys`` object. A table may ship without
    periods (a parameter Helder has no dated data for yet).

    Raises:
        NormDataError: for a missing field, a non-integer or negative amount, a wrong set of
            keys, or periods out of order or overlapping.
    """
    try:
        labels = {str(k): str(v) for k, v in dict(data.get("keys", {})).items()}
        wanted = expected_keys if expected_keys is not None else frozenset(labels)
        if not wanted:
            raise NormDataError(f"{origin}: no keys")
        periods = [_parse_period(raw, wanted, origin) for raw in data["periods"]]
        table = NormTable(
            name=str(data["name"]),
            title=str(data["title"]),
            periods=tuple(periods),
            key=key,
            unit=Unit(data.get("unit", Unit.CENTS_PER_MONTH.value)),
            keys=MappingProxyType(labels or {k: k for k in sorted(wanted)}),
            article=str(data.get("article", "")),
            changes_on=tuple(str(d) for d in data.get("changes_on", ())),
            watched=bool(data.get("watched", False)),
            short_keys=MappingProxyType(
                {str(k): str(v) for k, v in dict(data.get("short_keys", {})).items()}
            ),
        )
    except NormDataError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise NormDataError(f"{origin}: {exc!r}") from exc
    check_order(table.periods, origin)
    return table


@cache
def shipped_table(key: str) -> NormTable:
    """The table ``key`` as shipped in ``resources/norms`` (see :data:`TABLE_FILES`)."""
    filename = TABLE_FILES[key]
    with resource_path("norms", filename).open(encoding="utf-8") as handle:
        return parse_norm_table(json.load(handle), None, filename, key)


def shipped_tables() -> dict[str, NormTable]:
    """Every shipped table, by key."""
    return {key: shipped_table(key) for key in TABLE_FILES}


def merge_periods(table: NormTable, entered: Sequence[NormPeriod]) -> NormTable:
    """The table with the beheerder's periods merged in (see the module docstring).

    An entered period replaces the shipped period with the same first day; shipped periods that
    overlap an entered one are left out. Entered periods never overlap each other (the service
    checks that before storing them).
    """
    if not entered:
        return table

    def overlaps(a: NormPeriod, b: NormPeriod) -> bool:
        a_end = a.valid_until or date.max
        b_end = b.valid_until or date.max
        return a.valid_from <= b_end and b.valid_from <= a_end

    kept = [s for s in table.periods if not any(overlaps(s, e) for e in entered)]
    merged = sorted([*kept, *entered], key=lambda p: p.valid_from)
    # An open-ended period ends where the next one starts; nothing else changes.
    return NormTable(
        name=table.name,
        title=table.title,
        periods=tuple(merged),
        key=table.key,
        unit=table.unit,
        keys=table.keys,
        article=table.article,
        changes_on=table.changes_on,
        watched=table.watched,
        short_keys=table.short_keys,
    )


def shadowed_shipped(table: NormTable, entered: Sequence[NormPeriod]) -> tuple[NormPeriod, ...]:
    """The shipped periods that the entered ones replace (shown on the page, never lost)."""
    merged = merge_periods(table, entered)
    return tuple(p for p in table.periods if p not in merged.periods)


@dataclass(frozen=True)
class PeriodCheck:
    """The problems of a new period: ``errors`` refuse it (``{field: Dutch message}``),
    ``warnings`` ask the beheerder to confirm, ``replaces_shipped`` is the shipped period it
    would replace (the beheerder must confirm that too).
    """

    errors: Mapping[str, str]
    warnings: tuple[str, ...]
    replaces_shipped: NormPeriod | None = None


def _end(period: NormPeriod, following: NormPeriod | None) -> date:
    if period.valid_until is not None:
        return period.valid_until
    return following.valid_from - timedelta(days=1) if following else date.max


def check_new_period(
    table: NormTable,
    effective: NormTable,
    new: NormPeriod,
    *,
    ignore_record: str = "",
) -> PeriodCheck:
    """Check a period a beheerder enters for ``table`` (shipped) against ``effective`` (merged).

    Refused: a missing or too long source; amounts that are not whole, non-negative numbers for
    every key; an end before the start; overlap with another period (other than the shipped
    period with the same first day, which it may replace); a gap before a later period.
    Warned: an amount more than 10 % away from the previous period; a gap after the previous
    period. ``ignore_record`` is the entered period being changed. Source: RULES.md §5 (norms
    are dated data with their source; a period is never guessed).
    """
    errors: dict[str, str] = {}
    warnings: list[str] = []
    if not new.source.strip():
        errors["source"] = "Vul de bron in: het Staatscourant-nummer of de internetpagina van de publicatie."
    elif len(new.source.strip()) > 300:
        errors["source"] = "De bron is te lang (hoogstens 300 tekens)."
    for key, label in table.keys.items():
        value = new.amounts.get(key)
        if value is None:
            errors[f"amount:{key}"] = f"Vul het bedrag in voor {label}."
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[f"amount:{key}"] = f"Het bedrag voor {label} moet een positief bedrag in centen zijn."
        elif value == 0 and table.unit is Unit.CENTS_PER_MONTH and table.watched:
            errors[f"amount:{key}"] = f"Vul een bedrag hoger dan € 0 in voor {label}."
    if new.valid_until is not None and new.valid_until < new.valid_from:
        errors["valid_until"] = "De einddatum ligt vóór de begindatum."
    others = [p for p in effective.periods if not (ignore_record and p.record_id == ignore_record)]
    replaces = next(
        (p for p in table.periods if p.valid_from == new.valid_from and p.origin is Origin.SHIPPED), None
    )
    if "valid_until" not in errors:
        for index, other in enumerate(others):
            if replaces is not None and other == replaces:
                continue
            following = others[index + 1] if index + 1 < len(others) else None
            other_end = _end(other, following)
            if other.valid_from < new.valid_from:
                if other.valid_until is not None and other_end >= new.valid_from:
                    errors["valid_from"] = (
                        f"Deze periode overlapt met de periode vanaf {dutch_date(other.valid_from)} "
                        f"(die loopt tot en met {dutch_date(other_end)})."
                    )
                    break
                continue
            if other.valid_from == new.valid_from:
                errors["valid_from"] = (
                    f"Er is al een periode vanaf {dutch_date(other.valid_from)}. Wijzig of verwijder die."
                )
                break
            # ``other`` starts later: the new period must end exactly the day before it.
            if new.valid_until is not None and new.valid_until >= other.valid_from:
                errors["valid_until"] = (
                    f"Deze periode overlapt met de periode vanaf {dutch_date(other.valid_from)}. "
                    f"Laat haar eindigen op {dutch_date(other.valid_from - timedelta(days=1))}."
                )
            elif new.valid_until is not None and new.valid_until < other.valid_from - timedelta(days=1):
                errors["valid_until"] = (
                    f"Er blijft een gat tot de periode vanaf {dutch_date(other.valid_from)}. "
                    f"Laat deze periode doorlopen tot en met "
                    f"{dutch_date(other.valid_from - timedelta(days=1))}, of laat de einddatum leeg."
                )
            break
    previous = next((p for p in reversed(others) if p.valid_from < new.valid_from), None)
    if (
        previous is not None
        and previous.valid_until is not None
        and "valid_from" not in errors
        and previous.valid_until + timedelta(days=1) < new.valid_from
    ):
        warnings.append(
            f"Tussen {dutch_date(previous.valid_until + timedelta(days=1))} en "
            f"{dutch_date(new.valid_from - timedelta(days=1))} is dan geen norm bekend."
        )
    if previous is not None:
        for key, label in table.keys.items():
            old, value = previous.amounts.get(key), new.amounts.get(key)
            if not old or not isinstance(value, int) or f"amount:{key}" in errors:
                continue
            change = abs(value - old) * 100 / old
            if change > _WARN_CHANGE_PERCENT:
                direction = "hoger" if value > old else "lager"
                warnings.append(
                    f"{label[:1].upper()}{label[1:]}: {table.format_value(value)} is {round(change)} % "
                    f"{direction} dan in de periode vanaf {dutch_date(previous.valid_from)} "
                    f"({table.format_value(old)}). Klopt dit bedrag?"
                )
    return PeriodCheck(errors=MappingProxyType(errors), warnings=tuple(warnings), replaces_shipped=replaces)


def missing_next_period(table: NormTable, today: date, warn_days_before: int) -> date | None:
    """The next change day of a watched table that has no period yet, once it is near.

    From ``warn_days_before`` days before a change day (1 January, 1 July: 17 days is 15
    December) until that day has a period, return that day; else None. Source: Participatiewet
    art. 38 (norms change on 1 January and 1 July); RULES.md §5 (never carry norms forward).
    """
    if not table.watched or not table.changes_on:
        return None
    horizon = today + timedelta(days=warn_days_before)
    if not table.periods:
        return table.change_day_on_or_before(horizon)
    day = table.change_day_on_or_before(table.periods[0].valid_from) or table.periods[0].valid_from
    while day <= horizon:
        if not any(p.covers(day) for p in table.periods):
            return day
        following = table.next_change_day(day)
        if following is None:
            break
        day = following
    return None
