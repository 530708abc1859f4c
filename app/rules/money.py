"""Money as counsellors type and read it: Dutch amounts <-> integer cents.

Helder keeps every amount as integer cents (ARCHITECTURE.md "Data"); this module is the edge
where text (and ``Decimal``) becomes cents and back. Floats are never used.

Formatting choice: ``format_amount`` puts a NO-BREAK SPACE (U+00A0, ``EURO_PREFIX``) between
the euro sign and the number, so letters, cards and PDFs never break a line inside an amount.
Negative amounts read ``€ -1.234,56`` (sign after the euro sign). ``parse_amount`` accepts
both the no-break space and an ordinary space, so ``parse_amount(format_amount(x)) == x``.
"""

from __future__ import annotations

import re
from decimal import Decimal

#: The euro sign followed by a no-break space (U+00A0); every formatted amount starts with it.
EURO_PREFIX = "€\u00a0"

#: Largest amount accepted, in cents (€ 9.999.999.999,99): far above any household, and well
#: inside a 64-bit database integer.
MAX_ABS_CENTS = 999_999_999_999

_EXAMPLE = "Vul een bedrag in zoals 1.234,56."

# Integer part: plain digits ("1234") or Dutch thousands groups ("1.234.567"); may be empty
# when a decimal part follows (",50"). Decimal part: any digits (length checked later so the
# message can be specific) or a dash for round euros ("12,-" / "12,--").
_AMOUNT_RE = re.compile(
    r"""
    (?P<int>[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)?
    (?:,(?P<dec>[0-9]+|-{1,2}))?
    """,
    re.VERBOSE | re.ASCII,
)


class AmountError(ValueError):
    """Text that is not an amount; ``str(error)`` is a Dutch message for the user."""


def parse_amount(text: str) -> int:
    """Read a Dutch amount such as ``"€ 1.234,56"`` and return it in cents.

    Accepted: an optional sign (``-``, ``−`` or ``+``), an optional euro sign before or after
    the number (spaces around it allowed), thousands dots in groups of three, and a decimal
    comma with one or two digits or a dash (``12,-``). Refused: empty text, letters, a dot as
    decimal sign (``12.50``), wrong grouping (``12.34.5``), more than two decimals
    (``1,234``), and amounts above ``MAX_ABS_CENTS``.

    Source: Dutch notation (Taalunie: decimal comma, point for thousands); Helder money rule
    "integer cents everywhere" (ARCHITECTURE.md).

    Raises:
        AmountError: with a Dutch message such as "Vul een bedrag in zoals 1.234,56."
    """
    body = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if not body:
        raise AmountError("Vul een bedrag in.")

    negative = False
    sign_seen = False
    euro_seen = False
    # Peel one sign and one euro sign off the ends, in any order ("-€ 5", "€ -5", "5 €").
    while True:
        first = body[:1]
        if first in ("-", "\u2212", "+") and not sign_seen:
            sign_seen = True
            negative = first != "+"
            body = body[1:].lstrip()
        elif first == "€" and not euro_seen:
            euro_seen = True
            body = body[1:].lstrip()
        elif body[-1:] == "€" and not euro_seen:
            euro_seen = True
            body = body[:-1].rstrip()
        else:
            break

    match = _AMOUNT_RE.fullmatch(body)
    if match is None or not body or (match.group("int") is None and match.group("dec") in (None, "-", "--")):
        if re.fullmatch(r"[0-9]+\.[0-9]{1,2}", body, re.ASCII):
            raise AmountError("Gebruik een komma voor de centen, zoals 12,50.")
        raise AmountError(_EXAMPLE)

    digits = (match.group("int") or "0").replace(".", "").lstrip("0") or "0"
    if len(digits) > len(str(MAX_ABS_CENTS // 100)):  # also keeps int() far from its digit limit
        raise AmountError("Dit bedrag is te groot.")
    euros = int(digits)
    decimals = match.group("dec") or ""
    if decimals.startswith("-"):
        cents_part = 0
    elif len(decimals) > 2:
        raise AmountError("Gebruik hoogstens 2 cijfers na de komma, zoals 1.234,56.")
    else:
        cents_part = int(decimals.ljust(2, "0")) if decimals else 0

    cents = euros * 100 + cents_part
    if cents > MAX_ABS_CENTS:
        raise AmountError("Dit bedrag is te groot.")
    return -cents if negative else cents


def format_plain(cents: int) -> str:
    """Write cents as a Dutch number without euro sign: ``123456`` -> ``"1.234,56"``.

    Negative amounts get a leading minus: ``-123456`` -> ``"-1.234,56"``.
    Source: Dutch notation (decimal comma, point for thousands).
    """
    _require_int(cents)
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros:,}".replace(",", ".") + f",{rest:02d}"


def format_amount(cents: int) -> str:
    """Write cents as a Dutch euro amount: ``123456`` -> ``"€ 1.234,56"``.

    The space after the euro sign is a no-break space (``EURO_PREFIX``); a negative amount
    reads ``"€ -1.234,56"``. Source: Dutch notation for amounts in euros.
    """
    return EURO_PREFIX + format_plain(cents)


def divide_half_up(numerator: int, denominator: int) -> int:
    """Divide two integers and round once, half away from zero (like ``ROUND_HALF_UP``).

    ``divide_half_up(5, 2) == 3`` and ``divide_half_up(-5, 2) == -3``: a negative amount
    rounds as the mirror image of its positive, so a refund and a charge of the same size
    normalise to the same number of cents. Exact integer arithmetic, no float.
    Source: Helder money rule "one rounding step, half up" (RULES.md §5).

    Raises:
        ZeroDivisionError: when ``denominator`` is 0.
    """
    _require_int(numerator)
    _require_int(denominator)
    if denominator == 0:
        raise ZeroDivisionError("Deler is 0")
    negative = (numerator < 0) != (denominator < 0)
    quotient, remainder = divmod(abs(numerator), abs(denominator))
    if 2 * remainder >= abs(denominator):
        quotient += 1
    return -quotient if negative else quotient


def cents_to_decimal(cents: int) -> Decimal:
    """Return cents as an exact ``Decimal`` in euros (``123456`` -> ``Decimal("1234.56")``).

    For the edges that want euros (spreadsheets, reports). Source: Helder money rule.
    """
    _require_int(cents)
    return Decimal(cents).scaleb(-2)


def decimal_to_cents(euros: Decimal) -> int:
    """Return an exact euro ``Decimal`` as cents; refuse more than two decimals.

    Source: Helder money rule (integer cents; ``Decimal`` only at the edges).

    Raises:
        ValueError: when the value is not finite or has a fraction of a cent.
    """
    if not euros.is_finite():
        raise ValueError(f"Geen bedrag: {euros}")
    cents = euros.scaleb(2)
    if cents != cents.to_integral_value():
        raise ValueError(f"Meer dan twee decimalen: {euros}")
    return int(cents)


def _require_int(cents: int) -> None:
    # bool is an int subclass and float sneaks in easily from outside code: refuse both.
    if not isinstance(cents, int) or isinstance(cents, bool):
        raise TypeError(f"Bedrag in centen moet een int zijn, niet {type(cents).__name__}")
