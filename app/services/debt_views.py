"""Plain, frozen forms and views of creditors and debts that the interface sends and receives."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CreditorForm:
    """A creditor as typed in the directory; ``kind`` is an ``app.rules.debts.CreditorKind`` code."""

    name: str
    kind: str
    street: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    kvk_number: str = ""
    note: str = ""


@dataclass(frozen=True)
class CreditorView:
    """A creditor of the directory, with the DDAS schuldsoort its kind maps to."""

    id: uuid.UUID
    version: int
    name: str
    kind: str
    kind_label: str
    ddas_kind: str
    street: str
    postcode: str
    city: str
    phone: str
    email: str
    kvk_number: str
    note: str
    debt_count: int = 0

    @property
    def address_lines(self) -> tuple[str, ...]:
        """Street and postcode/city, leaving out what is empty."""
        second = f"{self.postcode}  {self.city}".strip()
        return tuple(line for line in (self.street.strip(), second) if line)

    def to_form(self) -> CreditorForm:
        """The form that would save this creditor unchanged."""
        return CreditorForm(
            self.name,
            self.kind,
            self.street,
            self.postcode,
            self.city,
            self.phone,
            self.email,
            self.kvk_number,
            self.note,
        )


@dataclass(frozen=True)
class DebtForm:
    """One debt as typed. Amounts are cents (``None`` = unknown); codes as in ``app.domain.debts``.

    ``priority`` None means: decide from the creditor's kind (vaste lasten are priority debts).
    """

    creditor_id: uuid.UUID
    creditor_reference: str = ""
    collection_agency_id: uuid.UUID | None = None
    collection_agency_reference: str = ""
    bailiff_id: uuid.UUID | None = None
    bailiff_reference: str = ""
    description: str = ""
    debt_type: str = "concurrent"
    original_cents: int | None = None
    reported_cents: int | None = None
    confirmed_cents: int | None = None
    balance_cents: int | None = None
    balance_on: date | None = None
    origin_on: date | None = None
    is_fine: bool = False
    excluded_from_settlement: bool = False
    verification: str = "reported"
    collection_stage: str | None = None
    garnishment_kind: str | None = None
    garnishment_since: date | None = None
    garnishment_month_cents: int | None = None
    proposal_cents: int | None = None
    proposal_on: date | None = None
    proposal_answer: str | None = None
    proposal_answer_on: date | None = None
    business: bool = False
    priority: bool | None = None
    threat: str | None = None
    correspondence: str = "to_contact"
    correspondence_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class DebtView:
    """One debt with everything the tab and the overview show; labels are Dutch.

    ``current_cents`` is the best-known amount now (balance, else confirmed, else reported,
    else original); ``stale`` says the balance's peildatum is more than six months old;
    ``settleable`` is False for CJIB fines and for debts the counsellor excluded.
    """

    id: uuid.UUID
    dossier_id: uuid.UUID
    version: int
    form: DebtForm
    creditor_name: str
    creditor_kind: str
    creditor_kind_label: str
    ddas_kind: str
    collection_agency_name: str
    bailiff_name: str
    debt_type_label: str
    current_cents: int
    start_cents: int
    at_start: bool
    stale: bool
    settleable: bool
    verification_label: str
    collection_stage_label: str
    garnishment_kind_label: str
    proposal_answer_label: str
    priority: bool
    threat_label: str
    correspondence_label: str
    correspondence_colour: str
    created_on: date


@dataclass(frozen=True)
class KindTotal:
    """A total per kind of debt: ``code`` is a CreditorKind or DDAS schuldsoort."""

    code: str
    label: str
    cents: int
    count: int


@dataclass(frozen=True)
class DebtOverview:
    """All debts of a dossier with running totals (the Schulden tab and the PDF)."""

    dossier_id: uuid.UUID
    as_of: date
    start_on: date
    debts: tuple[DebtView, ...]
    total_cents: int
    total_at_start_cents: int
    by_kind: tuple[KindTotal, ...]
    by_ddas_kind: tuple[KindTotal, ...]
    settleable_cents: int
    not_settleable_cents: int
    priority_cents: int
    business_cents: int
    stale_count: int
    unconfirmed_count: int
