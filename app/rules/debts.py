"""Debts as counsellors record them: creditor kinds, statuses, and small rules.

Sources: DOMAIN.md "Debts as counsellors record them"; DDAS Detail Model Schuldhulpverlening
v1.0 (EnumSchuldensoort: Zorg, Publiek, Nuts, Overig); Wgs art. 4 (bedreigende situaties:
rent, energy, water, health insurance); Amsterdam schulddossier ``SchuldItem.php``.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class CreditorKind(StrEnum):
    """Kinds of creditor (stable English codes); Dutch labels in ``CREDITOR_KIND_LABELS``."""

    BELASTINGDIENST = "belastingdienst"
    CJIB = "cjib"
    DUO = "duo"
    HEALTH_INSURER = "health_insurer"
    ENERGY = "energy"
    WATER = "water"
    LANDLORD = "landlord"
    MUNICIPALITY = "municipality"
    BAILIFF = "bailiff"
    COLLECTION_AGENCY = "collection_agency"
    BANK_CREDIT = "bank_credit"
    TELECOM = "telecom"
    OTHER = "other"


CREDITOR_KIND_LABELS: dict[CreditorKind, str] = {
    CreditorKind.BELASTINGDIENST: "Belastingdienst (ook Toeslagen)",
    CreditorKind.CJIB: "CJIB",
    CreditorKind.DUO: "DUO",
    CreditorKind.HEALTH_INSURER: "Zorgverzekeraar",
    CreditorKind.ENERGY: "Energieleverancier",
    CreditorKind.WATER: "Waterbedrijf",
    CreditorKind.LANDLORD: "Woningcorporatie of verhuurder",
    CreditorKind.MUNICIPALITY: "Gemeente",
    CreditorKind.BAILIFF: "Deurwaarder",
    CreditorKind.COLLECTION_AGENCY: "Incassobureau",
    CreditorKind.BANK_CREDIT: "Bank of kredietverstrekker",
    CreditorKind.TELECOM: "Telefoon en internet",
    CreditorKind.OTHER: "Overig",
}


class DdasDebtKind(StrEnum):
    """DDAS EnumSchuldensoort, values exactly as in json_schema_Uitwisselmodel.json v1.0."""

    ZORG = "Zorg"
    PUBLIEK = "Publiek"
    NUTS = "Nuts"
    OVERIG = "Overig"


#: DDAS schuldsoort per creditor kind. Publiek: public bodies (BSN sent along); Nuts:
#: suppliers that work with meter readings; Zorg: care costs. A deurwaarder or incassobureau
#: collects for someone else: when the original creditor is known, use that creditor's kind.
DDAS_DEBT_KIND: dict[CreditorKind, DdasDebtKind] = {
    CreditorKind.BELASTINGDIENST: DdasDebtKind.PUBLIEK,
    CreditorKind.CJIB: DdasDebtKind.PUBLIEK,
    CreditorKind.DUO: DdasDebtKind.PUBLIEK,
    CreditorKind.HEALTH_INSURER: DdasDebtKind.ZORG,
    CreditorKind.ENERGY: DdasDebtKind.NUTS,
    CreditorKind.WATER: DdasDebtKind.NUTS,
    CreditorKind.LANDLORD: DdasDebtKind.OVERIG,
    CreditorKind.MUNICIPALITY: DdasDebtKind.PUBLIEK,
    CreditorKind.BAILIFF: DdasDebtKind.OVERIG,
    CreditorKind.COLLECTION_AGENCY: DdasDebtKind.OVERIG,
    CreditorKind.BANK_CREDIT: DdasDebtKind.OVERIG,
    CreditorKind.TELECOM: DdasDebtKind.OVERIG,
    CreditorKind.OTHER: DdasDebtKind.OVERIG,
}

#: Creditors of vaste lasten whose arrears threaten housing, energy, water or health insurance
#: (Wgs art. 4 bedreigende situaties): priority debts.
FIXED_COST_KINDS: frozenset[CreditorKind] = frozenset(
    {CreditorKind.LANDLORD, CreditorKind.ENERGY, CreditorKind.WATER, CreditorKind.HEALTH_INSURER}
)


def is_fixed_cost(kind: CreditorKind) -> bool:
    """Return whether a debt to this kind of creditor is a vaste last and so a priority debt.

    Source: Wgs art. 4 (bedreigende situaties: eviction, energy or water cut-off, ending of the
    health insurance); PRODUCT.md "priority debts of vaste lasten".
    """
    return kind in FIXED_COST_KINDS


def settleable(kind: CreditorKind, is_fine: bool) -> bool:
    """Return whether a debt can be part of a schuldregeling: CJIB fines cannot.

    Other fines (e.g. a municipal penalty) are the counsellor's judgement and count as
    settleable here. Source: DOMAIN.md "Debts" (CJIB fines cannot be settled); Fw art. 358
    lid 4 (fines survive the WSNP).
    """
    return not (is_fine and kind is CreditorKind.CJIB)


STALE_AFTER_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """Add calendar months; a day past the month's end becomes its last day (31 Aug + 6 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def is_stale(peildatum: date, on: date) -> bool:
    """Return whether a balance with this peildatum is older than six months on ``on``.

    Exactly six calendar months old is not yet stale. Source: DOMAIN.md "Debts" (current
    balance with its peildatum, stale after six months).
    """
    return on > add_months(peildatum, STALE_AFTER_MONTHS)


class CollectionStage(StrEnum):
    """How far collection has gone, in order; Dutch labels in ``COLLECTION_STAGE_LABELS``."""

    CREDITOR = "creditor"
    COLLECTION_AGENCY = "collection_agency"
    BAILIFF = "bailiff"
    JUDGMENT = "judgment"
    GARNISHMENT = "garnishment"


COLLECTION_STAGE_LABELS: dict[CollectionStage, str] = {
    CollectionStage.CREDITOR: "Bij de schuldeiser",
    CollectionStage.COLLECTION_AGENCY: "Bij incassobureau",
    CollectionStage.BAILIFF: "Bij deurwaarder",
    CollectionStage.JUDGMENT: "Vonnis",
    CollectionStage.GARNISHMENT: "Beslag",
}


class VerificationStatus(StrEnum):
    """How sure the amount is; Dutch labels in ``VERIFICATION_LABELS``."""

    REPORTED = "reported"
    BALANCE_REQUESTED = "balance_requested"
    CONFIRMED = "confirmed"


VERIFICATION_LABELS: dict[VerificationStatus, str] = {
    VerificationStatus.REPORTED: "Aangemeld",
    VerificationStatus.BALANCE_REQUESTED: "Saldo opgevraagd",
    VerificationStatus.CONFIRMED: "Bevestigd",
}


class CorrespondenceStatus(StrEnum):
    """Where the contact with a creditor stands; labels and colours below."""

    TO_CONTACT = "to_contact"
    LETTER_SENT = "letter_sent"
    ANSWER_RECEIVED = "answer_received"
    REMINDER_SENT = "reminder_sent"


CORRESPONDENCE_LABELS: dict[CorrespondenceStatus, str] = {
    CorrespondenceStatus.TO_CONTACT: "Nog benaderen",
    CorrespondenceStatus.LETTER_SENT: "Brief verstuurd",
    CorrespondenceStatus.ANSWER_RECEIVED: "Antwoord ontvangen",
    CorrespondenceStatus.REMINDER_SENT: "Herinnering verstuurd",
}

#: Background colour per status (#RRGGBB); each carries black text at a contrast of at least
#: 4.5:1 (WCAG AA). Grey: nothing done; blue: waiting; amber: chased; green: answered.
CORRESPONDENCE_COLOURS: dict[CorrespondenceStatus, str] = {
    CorrespondenceStatus.TO_CONTACT: "#D9DDE3",
    CorrespondenceStatus.LETTER_SENT: "#BFDBFE",
    CorrespondenceStatus.REMINDER_SENT: "#FDE68A",
    CorrespondenceStatus.ANSWER_RECEIVED: "#BBF7D0",
}


class DebtType(StrEnum):
    """Rank of a claim in a settlement; Dutch labels in ``DEBT_TYPE_LABELS``."""

    PREFERENTIAL = "preferential"
    CONCURRENT = "concurrent"


DEBT_TYPE_LABELS: dict[DebtType, str] = {
    DebtType.PREFERENTIAL: "Preferent",
    DebtType.CONCURRENT: "Concurrent",
}


@dataclass(frozen=True)
class DebtAmount:
    """One debt's kind and current amount, for totals."""

    kind: CreditorKind
    amount_cents: int


def totals_by_kind(debts: Iterable[DebtAmount]) -> dict[CreditorKind, int]:
    """Sum debts per creditor kind, in the order of ``CreditorKind``; kinds without debts left out.

    Source: DOMAIN.md "Debts" (overview per creditor).
    """
    sums: dict[CreditorKind, int] = {}
    for debt in debts:
        sums[debt.kind] = sums.get(debt.kind, 0) + debt.amount_cents
    return {kind: sums[kind] for kind in CreditorKind if kind in sums}


def totals_by_ddas_kind(debts: Iterable[DebtAmount]) -> dict[DdasDebtKind, int]:
    """Sum debts per DDAS schuldsoort; all four kinds present (0 when none).

    Source: DDAS v1.0 EnumSchuldensoort.
    """
    sums = dict.fromkeys(DdasDebtKind, 0)
    for debt in debts:
        sums[DDAS_DEBT_KIND[debt.kind]] += debt.amount_cents
    return sums
