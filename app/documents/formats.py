"""Dutch notation of dates, times and money in printed documents."""

from __future__ import annotations

from datetime import date, time

MONTHS: tuple[str, ...] = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

WEEKDAYS: tuple[str, ...] = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

#: Between "€" and the amount: a no-break space, so a line never ends with a lone "€".
_NBSP = "\u00a0"


def format_date_nl(day: date, *, weekday: bool = False) -> str:
    """Write a date as in Dutch running text: ``30 november 2026`` (``maandag 30 november 2026``)."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def format_time_nl(moment: time) -> str:
    """Write a clock time the Dutch way: ``9.30 uur``."""
    return f"{moment.hour}.{moment.minute:02d} uur"


def format_money(cents: int) -> str:
    """Write integer cents as Dutch money: ``€ 1.234,56`` (``€ -12,50`` when negative).

    The space after the euro sign is a no-break space (U+00A0).
    """
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError(f"money must be integer cents, got {cents!r}")
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", ".")
    return f"€{_NBSP}{sign}{grouped},{rest:02d}"
