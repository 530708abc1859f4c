"""Checks of Dutch identifiers and personal data, with Dutch messages for the form.

Sources: BSN elfproef (Wet algemene bepalingen burgerservicenummer; python-stdnum ``nl.bsn``),
IBAN mod-97 (ISO 13616; ``stdnum.iban``), postcode format ``1234 AB`` (PostNL; ``stdnum.nl.postcode``
is not used because it accepts the banned letter pairs SA/SD/SS only by accident).
"""

from __future__ import annotations

import re
from datetime import date

from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn

_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})$")
_BANNED_POSTCODE_LETTERS = {"SA", "SD", "SS"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{8,15}$")


def normalise_bsn(value: str) -> str:
    """Return the BSN as nine digits (spaces and dots removed, left-padded to 9)."""
    return stdnum_bsn.compact(value).zfill(9) if value.strip() else ""


def bsn_error(value: str) -> str | None:
    """Return a Dutch message when ``value`` is not a valid BSN (elfproef), else ``None``."""
    if not value.strip():
        return "Vul het BSN in."
    compact = re.sub(r"[\s.\-]", "", value)
    if not compact.isdigit() or len(compact) not in (8, 9):
        return "Een BSN heeft 9 cijfers."
    try:
        stdnum_bsn.validate(compact.zfill(9))
    except StdnumError:
        return "Dit BSN klopt niet (elfproef). Controleer de cijfers."
    return None


def normalise_iban(value: str) -> str:
    """Return the IBAN in compact upper case."""
    return stdnum_iban.compact(value) if value.strip() else ""


def format_iban(value: str) -> str:
    """Return the IBAN in groups of four, as printed on a bank card."""
    return stdnum_iban.format(value) if value else ""


def iban_error(value: str) -> str | None:
    """Return a Dutch message when a non-empty ``value`` is not a valid IBAN (mod 97)."""
    if not value.strip():
        return None
    try:
        stdnum_iban.validate(value)
    except StdnumError:
        return "Dit IBAN klopt niet. Controleer de letters en cijfers (bijvoorbeeld NL91 ABNA 0417 1643 00)."
    return None


def normalise_postcode(value: str) -> str:
    """Return a postcode as ``1234 AB`` (or the input stripped when it does not match)."""
    match = _POSTCODE.match(value.strip())
    if not match:
        return value.strip()
    return f"{match.group(1)} {match.group(2).upper()}"


def postcode_error(value: str) -> str | None:
    """Return a Dutch message when a non-empty ``value`` is not a Dutch postcode."""
    if not value.strip():
        return None
    match = _POSTCODE.match(value.strip())
    if not match or match.group(2).upper() in _BANNED_POSTCODE_LETTERS:
        return "Vul een postcode in zoals 1234 AB."
    return None


def birth_date_error(value: date | None, today: date) -> str | None:
    """Return a Dutch message for a birth date in the future or implausibly long ago."""
    if value is None:
        return None
    if value > today:
        return "De geboortedatum ligt in de toekomst."
    if value.year < today.year - 120:
        return "Deze geboortedatum is te lang geleden. Controleer het jaar."
    return None


def email_error(value: str) -> str | None:
    """Return a Dutch message when a non-empty ``value`` does not look like an e-mail address."""
    if value.strip() and not _EMAIL.match(value.strip()):
        return "Vul een e-mailadres in zoals naam@voorbeeld.nl."
    return None


def phone_error(value: str) -> str | None:
    """Return a Dutch message when a non-empty ``value`` does not look like a phone number."""
    if value.strip() and not _PHONE.match(value.strip()):
        return "Vul een telefoonnummer in met 10 cijfers, zoals 06 12345678."
    return None
