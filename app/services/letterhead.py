"""The municipality's letterhead: name, addresses, contact details, logo and default signature.

Stored as municipality-wide settings (``municipality.*`` and ``letterhead.*``); the logo as
base64 text of the PNG or JPEG bytes. Every user reads it (it is printed on every letter and
card); only a beheerder changes it (SCENARIOS.md: Henk Visser keeps the letterhead).

Source: RULES.md §3 (every beschikking carries the municipality's letterhead, the college that
decided and its address for bezwaar, Awb 3:45 and 6:4).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.documents.models import Letterhead, LetterRequest, Recipient
from app.domain.users import Role
from app.errors import ValidationError
from app.rules import identifiers
from app.rules.deadlines import objection_period_end
from app.services import audit, settings
from app.services.context import ServiceContext, today_local

#: Largest logo accepted (it is stored in the database and embedded in every letter).
MAX_LOGO_BYTES = 1_000_000
#: At most this many lines in an address block (they must fit beside the envelope window).
MAX_ADDRESS_LINES = 3

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"

_KEYS: dict[str, str] = {
    "name": "municipality.name",
    "address_lines": "municipality.address",
    "phone": "municipality.phone",
    "email": "municipality.email",
    "website": "municipality.website",
    "college": "municipality.college",
    "objection_address_lines": "municipality.objection_address",
    "department": "letterhead.department",
    "return_address": "letterhead.return_address",
    "signature_name": "letterhead.signature_name",
    "signature_role": "letterhead.signature_role",
}
LOGO_KEY = "letterhead.logo"


@dataclass(frozen=True)
class LetterheadSettings:
    """The letterhead as the beheerder edits it.

    ``signature_name``/``signature_role`` name a fixed signer (e.g. a teamleider with mandate);
    when both are empty the counsellor of each letter signs. The counsellor's name and role are
    always printed on the letter ("Behandeld door").
    """

    name: str
    address_lines: tuple[str, ...]
    phone: str
    email: str
    website: str
    college: str
    objection_address_lines: tuple[str, ...]
    department: str = "Schuldhulpverlening"
    return_address: str = ""
    signature_name: str = ""
    signature_role: str = ""
    logo: bytes | None = None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _lines(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple):
        return ()
    return tuple(str(v).strip() for v in value if str(v).strip())


def read_settings(session: Session) -> LetterheadSettings:
    """Return the stored letterhead settings (empty texts where nothing is set yet)."""
    raw = {field: settings.get_value(session, key) for field, key in _KEYS.items()}
    logo_text = settings.get_value(session, LOGO_KEY)
    logo: bytes | None = None
    if isinstance(logo_text, str) and logo_text:
        try:
            logo = base64.b64decode(logo_text, validate=True)
        except (binascii.Error, ValueError):
            logo = None
    return LetterheadSettings(
        name=_text(raw["name"]),
        address_lines=_lines(raw["address_lines"]),
        phone=_text(raw["phone"]),
        email=_text(raw["email"]),
        website=_text(raw["website"]),
        college=_text(raw["college"]),
        objection_address_lines=_lines(raw["objection_address_lines"]),
        department=_text(raw["department"]) or "Schuldhulpverlening",
        return_address=_text(raw["return_address"]),
        signature_name=_text(raw["signature_name"]),
        signature_role=_text(raw["signature_role"]),
        logo=logo,
    )


def as_letterhead(values: LetterheadSettings) -> Letterhead:
    """Turn the settings into the document layer's ``Letterhead`` (sensible fallbacks for gaps)."""
    name = values.name or "Gemeente"
    college = values.college or f"het college van burgemeester en wethouders van {name}"
    objection = values.objection_address_lines or values.address_lines
    return_address = values.return_address or (f"{name}, {', '.join(objection)}" if objection else None)
    return Letterhead(
        municipality=name,
        address_lines=values.address_lines,
        phone=values.phone,
        email=values.email,
        website=values.website,
        college=college,
        objection_address_lines=objection,
        logo=values.logo,
        return_address=return_address,
        department=values.department or "Schuldhulpverlening",
        signature_name=values.signature_name or None,
        signature_role=values.signature_role or None,
    )


def letterhead(session: Session) -> Letterhead:
    """The letterhead for a document rendered inside the caller's session."""
    return as_letterhead(read_settings(session))


def get_letterhead(ctx: ServiceContext) -> LetterheadSettings:
    """Return the letterhead settings (any logged-in user)."""
    with ctx.db.read() as session:
        return read_settings(session)


def missing_for_letters(values: LetterheadSettings) -> list[str]:
    """Dutch names of the parts a beschikking needs that are still empty (RULES.md §3)."""
    needed = {
        "de naam van de gemeente": values.name,
        "het adres": values.address_lines,
        "het telefoonnummer": values.phone,
        "het college dat besluit": values.college,
        "het adres voor bezwaar": values.objection_address_lines,
    }
    return [label for label, value in needed.items() if not value]


def logo_error(logo: bytes | None) -> str | None:
    """Return a Dutch message when ``logo`` is not a usable PNG or JPEG image."""
    if logo is None:
        return None
    if len(logo) > MAX_LOGO_BYTES:
        limit = MAX_LOGO_BYTES // 1000
        return f"Het logo is te groot ({len(logo) // 1000} kB). Kies een afbeelding tot {limit} kB."
    if not (logo.startswith(_PNG) or logo.startswith(_JPEG)):
        return "Kies een logo als PNG- of JPEG-afbeelding."
    try:
        from app.documents.page_layout import logo_image  # ReportLab: only when a logo is checked

        logo_image(logo)
    except ValueError:
        return "Dit logo kan niet worden gelezen. Kies een andere afbeelding."
    return None


def validate(values: LetterheadSettings) -> dict[str, str]:
    """Return ``{field: Dutch message}`` for every problem (empty when the letterhead is usable)."""
    errors: dict[str, str] = {}
    if not values.name.strip():
        errors["name"] = "Vul de naam van de gemeente in, bijvoorbeeld 'Gemeente Dijkwaard'."
    if not values.address_lines:
        errors["address_lines"] = "Vul het adres in: straat en huisnummer, dan postcode en plaats."
    elif len(values.address_lines) > MAX_ADDRESS_LINES:
        errors["address_lines"] = f"Het adres mag hoogstens {MAX_ADDRESS_LINES} regels hebben."
    if not values.phone.strip():
        errors["phone"] = "Vul het telefoonnummer in dat op elke brief staat."
    elif problem := identifiers.phone_error(values.phone):
        errors["phone"] = problem
    if not values.email.strip():
        errors["email"] = "Vul het e-mailadres in dat op elke brief staat."
    elif problem := identifiers.email_error(values.email):
        errors["email"] = problem
    if not values.college.strip():
        errors["college"] = (
            "Vul in wie besluit, zoals 'het college van burgemeester en wethouders van Dijkwaard'."
        )
    if not values.objection_address_lines:
        errors["objection_address_lines"] = "Vul het adres in waar de cliënt bezwaar kan maken."
    elif len(values.objection_address_lines) > MAX_ADDRESS_LINES:
        errors["objection_address_lines"] = f"Het adres mag hoogstens {MAX_ADDRESS_LINES} regels hebben."
    if bool(values.signature_name.strip()) != bool(values.signature_role.strip()):
        errors["signature_name"] = (
            "Vul de naam én de functie van de vaste ondertekenaar in, of laat beide leeg."
        )
    if problem := logo_error(values.logo):
        errors["logo"] = problem
    if not errors:
        try:
            render_sample(values)
        except ValueError as exc:  # e.g. an address that does not fit beside the window
            errors["name"] = f"Met deze gegevens past de brief niet op het papier: {exc}"
    return errors


def _clean(values: LetterheadSettings) -> LetterheadSettings:
    return replace(
        values,
        name=values.name.strip(),
        address_lines=_lines(list(values.address_lines)),
        phone=values.phone.strip(),
        email=values.email.strip(),
        website=values.website.strip(),
        college=values.college.strip(),
        objection_address_lines=_lines(list(values.objection_address_lines)),
        department=values.department.strip() or "Schuldhulpverlening",
        return_address=values.return_address.strip(),
        signature_name=values.signature_name.strip(),
        signature_role=values.signature_role.strip(),
    )


def _logo_note(logo: bytes | None) -> str:
    if not logo:
        return "geen"
    return f"{len(logo)} bytes, sha256 {hashlib.sha256(logo).hexdigest()[:12]}"


def update_letterhead(ctx: ServiceContext, values: LetterheadSettings) -> LetterheadSettings:
    """Save the letterhead (beheerder only), in one audited transaction."""
    ctx.user.require(Role.ADMIN)
    values = _clean(values)
    errors = validate(values)
    if errors:
        raise ValidationError(errors)
    with ctx.db.begin() as session:
        before = read_settings(session)
        old: dict[str, Any] = {}
        new: dict[str, Any] = {}
        for field, key in _KEYS.items():
            value: Any = getattr(values, field)
            stored = list(value) if isinstance(value, tuple) else value
            old[key] = getattr(before, field)
            new[key] = value
            settings.put(session, key, stored, ctx.user.username)
        settings.put(
            session,
            LOGO_KEY,
            base64.b64encode(values.logo).decode("ascii") if values.logo else "",
            ctx.user.username,
        )
        old[LOGO_KEY] = _logo_note(before.logo)
        new[LOGO_KEY] = _logo_note(values.logo)
        audit.log(session, ctx, "update", "settings", "letterhead", details=audit.changes(old, new))
        return read_settings(session)


def render_sample(values: LetterheadSettings, on: date | None = None) -> bytes:
    """Render an invented afwijzingsbeschikking on this letterhead, to check how it looks.

    Contains no client data, so the beheerder may see it.
    """
    on = on or today_local()
    head = as_letterhead(values)
    request = LetterRequest(
        kind="afwijzing",
        dossier_number="2026-VB-00001",
        letter_date=on,
        recipient=Recipient("J. Voorbeeld", ("Voorbeeldstraat 1", "1234 AB  Voorbeeld"), "J. Voorbeeld"),
        counsellor_name="Naam Consulent",
        counsellor_role="Schuldhulpverlener",
        fields={
            "first_conversation_date": on,
            "ground": "recidive",
            "motivation": (
                "Dit is een voorbeeldbrief. Hier staat later waarom wij zo besluiten, "
                "in gewone woorden en met de feiten uit het dossier."
            ),
        },
        objection_until=objection_period_end(on),
    )
    from app.documents.letters import render_letter

    return render_letter(head, request)


def sample_pdf(ctx: ServiceContext, values: LetterheadSettings | None = None) -> bytes:
    """Render the sample letter with ``values`` (or the stored letterhead)."""
    if values is None:
        values = get_letterhead(ctx)
    return render_sample(_clean(values))


def lines_from_text(text: str) -> tuple[str, ...]:
    """Split what was typed in an address box into non-empty lines."""
    return _lines(text)


def join_lines(lines: Sequence[str]) -> str:
    """The address lines as text for an address box."""
    return "\n".join(lines)
