"""Plain, frozen views of dossiers that the interface receives (never ORM objects)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class ClientForm:
    """What the counsellor typed about the client; validated by ``validate_client``."""

    bsn: str
    surname: str
    initials: str = ""
    first_names: str = ""
    prefix: str = ""
    birth_date: date | None = None
    street: str = ""
    house_number: str = ""
    house_number_suffix: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    iban: str = ""
    contact_channel: str = "phone"
    reading_difficulty: bool = False
    marital_status: str = "single"
    marital_regime: str | None = None
    marital_since: date | None = None


@dataclass(frozen=True)
class MemberForm:
    """A household member as typed."""

    kind: str
    first_names: str = ""
    prefix: str = ""
    surname: str = ""
    birth_date: date | None = None
    bsn: str = ""


@dataclass(frozen=True)
class DossierForm:
    """The dossier part of the new-dossier and edit forms."""

    reported_on: date
    help_question: str = ""
    goal_level: str = "debt_free"
    life_domains: tuple[str, ...] = ()
    owner_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ContactForm:
    """A contact moment as typed."""

    occurred_on: date
    channel: str
    summary: str


@dataclass(frozen=True)
class SearchCriteria:
    """Filters of the dossier list; the text matches name, BSN, postcode and dossier number."""

    text: str = ""
    phase: str | None = None
    counsellor_id: uuid.UUID | None = None
    include_ended: bool = True
    sort: str = "number"
    descending: bool = False


@dataclass(frozen=True)
class DossierRow:
    """One line of the dossier list."""

    id: uuid.UUID
    number: str
    name: str
    birth_date: date | None
    postcode: str
    phase: str
    phase_label: str
    counsellor: str
    reported_on: date


@dataclass(frozen=True)
class MemberView:
    id: uuid.UUID
    kind: str
    kind_label: str
    name: str
    first_names: str
    prefix: str
    surname: str
    birth_date: date | None
    age: int | None
    bsn: str


@dataclass(frozen=True)
class ClientView:
    id: uuid.UUID
    bsn: str
    initials: str
    first_names: str
    prefix: str
    surname: str
    display_name: str
    formal_name: str
    birth_date: date | None
    age: int | None
    street: str
    house_number: str
    house_number_suffix: str
    postcode: str
    city: str
    address_lines: tuple[str, ...]
    phone: str
    email: str
    iban: str
    contact_channel: str
    reading_difficulty: bool
    marital_status: str
    marital_regime: str | None
    marital_since: date | None
    version: int


@dataclass(frozen=True)
class DossierDetail:
    """Everything the dossier header and the *Persoon & huishouden* tab show."""

    id: uuid.UUID
    number: str
    version: int
    phase: str
    phase_label: str
    phase_since: date
    owner_id: uuid.UUID
    owner_name: str
    reported_on: date
    help_question: str
    goal_level: str
    life_domains: tuple[str, ...]
    client: ClientView
    household: tuple[MemberView, ...] = field(default_factory=tuple)
    own_caseload: bool = True
    #: What other capabilities add for the header (``app.services.dossiers.HEADER_FACTS``), read
    #: in the same transaction by :func:`app.services.dossiers.get_dossier`; empty elsewhere.
    header: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class ContactView:
    id: uuid.UUID
    occurred_on: date
    channel: str
    channel_label: str
    summary: str
    recorded_by: str


@dataclass(frozen=True)
class TimelineEntry:
    """One event in a dossier's timeline."""

    on: date
    at: datetime | None
    kind: str
    kind_label: str
    title: str
    detail: str
    by: str
