"""Plain, frozen inputs of the document layer.

A service fills these from the database; the renderers never touch a database or Qt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from pathlib import Path

from app.rules.phases import Phase

#: What a template field can hold: text, a list of lines, a date, a clock time or money in cents.
FieldValue = str | Sequence[str] | date | time | int

#: Window-envelope limits: the recipient's name plus at most this many address lines.
MAX_ADDRESS_LINES = 4
#: A client card shows at most this many next steps and municipal steps (B1: small steps).
MAX_CARD_STEPS = 3
#: Longest text of one step on a card, so the card stays one A5 page.
MAX_CARD_STEP_CHARS = 110


@dataclass(frozen=True)
class Letterhead:
    """The municipality as printed at the top of every document.

    ``college`` is the body that decides and receives objections, written to fit mid-sentence,
    e.g. ``"het college van burgemeester en wethouders van Dijkwaard"``. ``logo`` is a path to
    or the bytes of a PNG/JPEG image, or ``None`` for no logo. ``signature_name`` and
    ``signature_role`` name a fixed signer (e.g. a team leader with mandate); when absent the
    counsellor signs.
    """

    municipality: str
    address_lines: tuple[str, ...]
    phone: str
    email: str
    website: str
    college: str
    objection_address_lines: tuple[str, ...]
    logo: Path | str | bytes | None = None
    return_address: str | None = None
    department: str = "Schuldhulpverlening"
    signature_name: str | None = None
    signature_role: str | None = None


@dataclass(frozen=True)
class Recipient:
    """Addressee of a letter; printed in the envelope window.

    ``salutation`` completes "Geachte …," (e.g. ``"mevrouw Jansen"``); ``None`` gives
    "Geachte heer, mevrouw,".
    """

    name: str
    address_lines: tuple[str, ...]
    salutation: str | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("Recipient.name is empty")
        if not 1 <= len(self.address_lines) <= MAX_ADDRESS_LINES:
            raise ValueError(
                f"Recipient.address_lines needs 1 to {MAX_ADDRESS_LINES} lines "
                f"to fit the envelope window, got {len(self.address_lines)}"
            )


@dataclass(frozen=True)
class LetterRequest:
    """One letter to print from a template (see ``TEMPLATE_KINDS``).

    ``objection_until`` is the last day to object, computed by
    ``app.rules.deadlines.objection_period_end``; required for a beschikking, refused otherwise.
    ``fields`` holds the values of the template's declared fields.
    """

    kind: str
    dossier_number: str
    letter_date: date
    recipient: Recipient
    counsellor_name: str
    counsellor_role: str
    fields: Mapping[str, FieldValue]
    objection_until: date | None = None
    counsellor_phone: str | None = None


class Tone(StrEnum):
    """Wording variant of a client card; chosen by the counsellor, never shown as a label."""

    STANDARD = "standard"
    CHECK_IN = "check_in"
    LEARNING = "learning"
    SUPPORT = "support"
    SHORT = "short"


#: Dutch labels for the counsellor's choice (never printed on the card).
TONE_LABELS: dict[Tone, str] = {
    Tone.STANDARD: "Standaard",
    Tone.CHECK_IN: "Vaker contact, vaste data",
    Tone.LEARNING: "Met leertips",
    Tone.SUPPORT: "Extra steun, rustig",
    Tone.SHORT: "Kort en zakelijk",
}


@dataclass(frozen=True)
class NextStep:
    """A small step for the client, optionally with the day it should be done."""

    text: str
    due: date | None = None


@dataclass(frozen=True)
class Appointment:
    """The client's next appointment."""

    day: date
    start: time
    place: str
    with_whom: str | None = None


@dataclass(frozen=True)
class CardRequest:
    """A klantkaart: one A5 page with the step map and the next small steps."""

    client_name: str
    card_date: date
    current_phase: Phase
    next_steps: Sequence[NextStep]
    municipality_steps: Sequence[str]
    contact_name: str
    contact_phone: str
    appointment: Appointment | None = None
    tone: Tone = Tone.STANDARD
    check_in_date: date | None = None

    def __post_init__(self) -> None:
        _check_steps("next_steps", [step.text for step in self.next_steps])
        _check_steps("municipality_steps", list(self.municipality_steps))
        Tone(self.tone)
        Phase(self.current_phase)


@dataclass(frozen=True)
class SuccessCardRequest:
    """A "Gelukt!" card celebrating a step the client finished."""

    client_name: str
    card_date: date
    achievement: str
    current_phase: Phase
    counsellor_name: str
    next_step: str | None = None
    contact_phone: str | None = None
    tone: Tone = Tone.STANDARD

    def __post_init__(self) -> None:
        texts = [self.achievement] + ([self.next_step] if self.next_step else [])
        _check_steps("achievement/next_step", texts, limit=2)
        Tone(self.tone)
        Phase(self.current_phase)


def _check_steps(name: str, texts: Sequence[str], limit: int = MAX_CARD_STEPS) -> None:
    if len(texts) > limit:
        raise ValueError(f"{name}: at most {limit} items fit on a card, got {len(texts)}")
    for text in texts:
        if not text.strip():
            raise ValueError(f"{name}: empty text")
        if len(text) > MAX_CARD_STEP_CHARS:
            raise ValueError(f"{name}: {text[:30]!r}… is longer than {MAX_CARD_STEP_CHARS} characters")
