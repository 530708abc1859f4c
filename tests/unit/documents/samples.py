"""Sample inputs and PDF inspection helpers for the document-layer tests."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from io import BytesIO
from typing import Any

from pypdf import PdfReader

from app.documents import (
    Appointment,
    CardRequest,
    FieldValue,
    Letterhead,
    LetterRequest,
    NextStep,
    Recipient,
    SuccessCardRequest,
    Tone,
)
from app.rules.phases import Phase

LETTER_DATE = date(2026, 11, 13)
#: objection_period_end(2026-11-13) == 2026-12-28 (RULES.md §1 worked example).
OBJECTION_UNTIL = date(2026, 12, 28)
MOTIVATION = (
    "In het gesprek vertelde u dat u de huur niet meer kunt betalen. "
    "U heeft ook een schuld bij de zorgverzekeraar. U wilt weer rust."
)


def make_letterhead(**changes: Any) -> Letterhead:
    values: dict[str, Any] = {
        "municipality": "Gemeente Dijkwaard",
        "address_lines": ("Stadhuisplein 1", "1234 AB Dijkwaard"),
        "phone": "0123 45 67 89",
        "email": "schuldhulp@dijkwaard.nl",
        "website": "www.dijkwaard.nl",
        "college": "het college van burgemeester en wethouders van Dijkwaard",
        "objection_address_lines": ("Postbus 100", "1234 AA Dijkwaard"),
        "return_address": "Postbus 100, 1234 AA Dijkwaard",
    }
    values.update(changes)
    return Letterhead(**values)


CLIENT = Recipient("Mevrouw A. Çelik-de Vries", ("Kerkstraat 12 b", "1234 CD Dijkwaard"), "mevrouw Çelik")
CREDITOR = Recipient("Incassobureau Noord B.V.", ("Postbus 555", "9700 AA Groningen"))

SAMPLE_FIELDS: dict[str, dict[str, FieldValue]] = {
    "uitnodiging": {
        "meeting_date": date(2026, 12, 8),
        "meeting_time": time(9, 30),
        "meeting_place": "Stadhuis, Stadhuisplein 1",
        "bring_items": ["Uw identiteitsbewijs", "Brieven van schuldeisers"],
    },
    "toelating": {
        "first_conversation_date": date(2026, 11, 2),
        "motivation": MOTIVATION,
        "help_question": "Ik wil weer overzicht en rust.",
        "support": ["Wij maken een overzicht van uw schulden.", "U krijgt budgetbeheer."],
        "conditions": ["U maakt geen nieuwe schulden."],
        "garnishment_free_amount": 145263,
    },
    "afwijzing": {
        "first_conversation_date": date(2026, 11, 2),
        "ground": "recidive",
        "motivation": "U kreeg tot 1 maart 2025 schuldhulp van ons.",
    },
    "beeindiging": {"end_date": date(2026, 12, 31), "reason": "no_show", "motivation": MOTIVATION},
    "stabilisatieovereenkomst": {
        "client_name": "A. Çelik-de Vries",
        "client_birth_date": date(1988, 4, 5),
        "stabilisation_start": date(2026, 12, 1),
        "stabilisation_end": date(2027, 3, 31),
        "reply_before": date(2026, 12, 14),
    },
}
DECISIONS = ("toelating", "afwijzing", "beeindiging")
LEGAL_ARTICLE = {"toelating": "artikel 4a Wgs", "afwijzing": "artikel 3 Wgs", "beeindiging": "artikel 4a Wgs"}


def make_request(kind: str, fields: Mapping[str, FieldValue] | None = None, **changes: Any) -> LetterRequest:
    values: dict[str, Any] = {
        "kind": kind,
        "dossier_number": "SHV-2026-0042",
        "letter_date": LETTER_DATE,
        "recipient": CREDITOR if kind == "stabilisatieovereenkomst" else CLIENT,
        "counsellor_name": "Sanne de Boer",
        "counsellor_role": "consulent schuldhulpverlening",
        "fields": SAMPLE_FIELDS[kind] if fields is None else fields,
        "objection_until": OBJECTION_UNTIL if kind in DECISIONS else None,
    }
    values.update(changes)
    return LetterRequest(**values)


def make_card(**changes: Any) -> CardRequest:
    values: dict[str, Any] = {
        "client_name": "mevrouw Çelik",
        "card_date": date(2026, 11, 30),
        "current_phase": Phase.STABILISATION,
        "next_steps": (
            NextStep("Lever uw bankafschriften in van de laatste 3 maanden.", date(2026, 12, 7)),
            NextStep("Open uw post elke dag."),
        ),
        "municipality_steps": ("Wij vragen uw schuldeisers om 4 maanden te wachten.",),
        "contact_name": "Sanne de Boer",
        "contact_phone": "0123 45 67 89",
        "appointment": Appointment(date(2026, 12, 14), time(9, 30), "Stadhuis, kamer 2.14"),
        "tone": Tone.STANDARD,
    }
    values.update(changes)
    return CardRequest(**values)


def make_success_card(**changes: Any) -> SuccessCardRequest:
    values: dict[str, Any] = {
        "client_name": "mevrouw Çelik",
        "card_date": date(2026, 11, 30),
        "achievement": "U heeft alle papieren ingeleverd.",
        "current_phase": Phase.READY_FOR_SETTLEMENT,
        "counsellor_name": "Sanne de Boer",
        "next_step": "Wij maken een voorstel voor uw schuldeisers.",
        "contact_phone": "0123 45 67 89",
    }
    values.update(changes)
    return SuccessCardRequest(**values)


def pdf_text(pdf: bytes) -> str:
    """All text of a PDF, pages joined, no-break spaces and line breaks made plain spaces."""
    reader = PdfReader(BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\u00a0", " ").split())


def page_count(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def font_names(pdf: bytes) -> set[str]:
    """BaseFont names of every font used on any page."""
    names: set[str] = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        resources: Any = page["/Resources"].get_object()
        fonts = resources.get("/Font", {})
        for ref in fonts.get_object().values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


def embedded_font_files(pdf: bytes) -> list[str]:
    """BaseFont names of fonts whose descriptor carries an embedded font program."""
    embedded: list[str] = []
    for page in PdfReader(BytesIO(pdf)).pages:
        resources: Any = page["/Resources"].get_object()
        fonts = resources.get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants.get_object()[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.append(str(font["/BaseFont"]))
    return embedded


def text_positions(pdf: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """(text, x, y) of every text run on a page, in points from the bottom-left corner."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, _size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y))

    PdfReader(BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found
