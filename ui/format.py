"""Dutch formatting for the interface: dates ``30-11-2026``, money ``€ 1.234,56``, ages, counts.

Plain Python (no Qt), so models, views and tests share one notation. Money comes from
:mod:`app.rules.money` (integer cents, a no-break space after the euro sign).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from app.clock import AMSTERDAM
from app.rules.identifiers import format_iban
from app.rules.money import format_amount

#: Placeholder shown in empty date fields.
DATE_PLACEHOLDER = "dd-mm-jjjj"

_DATE_PARTS = re.compile(r"^\s*(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{2}|\d{4})\s*$")
_DATE_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


class DateTextError(ValueError):
    """Text that is not a date; ``str(error)`` is a Dutch message for the user."""


def format_date(value: date | None) -> str:
    """Return ``30-11-2026`` (empty text for no date)."""
    return value.strftime("%d-%m-%Y") if value is not None else ""


def format_datetime(value: datetime | None) -> str:
    """Return ``30-11-2026 14:05`` in Dutch time (empty text for no moment)."""
    if value is None:
        return ""
    local = value.astimezone(AMSTERDAM) if value.tzinfo is not None else value
    return local.strftime("%d-%m-%Y %H:%M")


def parse_date(text: str, *, today: date | None = None) -> date | None:
    """Read a Dutch date (``30-11-2026``, ``30-11-26``, ``30/11/2026``, ``30112026``).

    Empty text gives ``None``. A two-digit year is taken in the century that puts the date
    at most one year after ``today`` (``01-02-64`` is 1964, ``01-02-26`` is 2026).

    Raises:
        DateTextError: with a Dutch message.
    """
    if not text.strip():
        return None
    match = _DATE_PARTS.match(text) or _DATE_DIGITS.match(text)
    if not match:
        raise DateTextError("Vul een datum in zoals 30-11-2026.")
    day, month, year = (int(part) for part in match.groups())
    if len(match.group(3)) == 2:
        now = today or date.today()
        year += 2000
        if year > now.year + 1:
            year -= 100
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateTextError("Deze datum bestaat niet. Controleer dag en maand.") from exc


def format_money(cents: int) -> str:
    """Return ``€ 1.234,56`` (no-break space after the euro sign)."""
    return format_amount(cents)


def format_count(count: int, one: str, many: str) -> str:
    """Return ``1 dossier`` / ``12.345 dossiers`` with a Dutch thousands separator."""
    number = f"{count:,}".replace(",", ".")
    return f"{number} {one if count == 1 else many}"


def format_age(age: int | None) -> str:
    """Return ``23 jaar`` (empty text when unknown)."""
    return "" if age is None else f"{age} jaar"


def format_birth(value: date | None, age: int | None) -> str:
    """Return ``14-05-2003 (23 jaar)``."""
    if value is None:
        return ""
    return f"{format_date(value)} ({format_age(age)})" if age is not None else format_date(value)


def format_bank_account(iban: str) -> str:
    """Return an IBAN in groups of four (``NL91 ABNA 0417 1643 00``)."""
    return format_iban(iban)
