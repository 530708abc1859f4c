"""Plain input dataclasses for a DDAS v1.0 delivery (Uitwisselmodel), filled by a service.

Each class maps onto one part of ``json_schema_Uitwisselmodel.json``; field comments name the
schema key. Amounts are integer cents here; ``app.export.ddas`` rounds them to whole euros.
Codes are Helder's stable English codes; the maps to the schema's exact enumeration strings
live next to them (``*_DDAS``) or in the module that owns the concept (``app.rules.phases``:
closing reasons and support products; ``app.rules.debts``: debt kinds).
Source: DDAS Detail Model Schuldhulpverlening v1.0; VraagEnAntwoord.md; RULES.md §7.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DecisionKind(StrEnum):
    """Decision at the end of the intake (DDAS EnumBeschikkingssoort); labels in ``DECISION_KIND_LABELS``."""

    ADMISSION = "admission"
    REFUSAL = "refusal"


DECISION_KIND_LABELS: dict[DecisionKind, str] = {
    DecisionKind.ADMISSION: "Toelatingsbeschikking",
    DecisionKind.REFUSAL: "Afwijzingsbeschikking",
}
DECISION_KIND_DDAS: dict[DecisionKind, str] = {
    DecisionKind.ADMISSION: "Toelatingsbeschikking",
    DecisionKind.REFUSAL: "Afwijzingsbeschikking",
}


class SolutionKind(StrEnum):
    """Kind of solution (DDAS EnumOplossingssoort, RULES.md §4); labels in ``SOLUTION_KIND_LABELS``."""

    PAYMENT_ARRANGEMENT = "payment_arrangement"
    REFINANCING = "refinancing"
    REMEDIATION_CREDIT = "remediation_credit"
    DEBT_MEDIATION = "debt_mediation"
    ZERO_OFFER = "zero_offer"


SOLUTION_KIND_LABELS: dict[SolutionKind, str] = {
    SolutionKind.PAYMENT_ARRANGEMENT: "Betalingsregeling",
    SolutionKind.REFINANCING: "Herfinanciering",
    SolutionKind.REMEDIATION_CREDIT: "Saneringskrediet",
    SolutionKind.DEBT_MEDIATION: "Schuldbemiddeling",
    SolutionKind.ZERO_OFFER: "Schuldregeling zonder afloscapaciteit (0%-aanbod)",
}
SOLUTION_KIND_DDAS: dict[SolutionKind, str] = {
    SolutionKind.PAYMENT_ARRANGEMENT: "Betalingsregeling",
    SolutionKind.REFINANCING: "Herfinanciering",
    SolutionKind.REMEDIATION_CREDIT: "Saneringskrediet",
    SolutionKind.DEBT_MEDIATION: "Schuldbemiddeling",
    SolutionKind.ZERO_OFFER: "0%-aanbod",
}


class Gender(StrEnum):
    """Geslachtsaanduiding as in the BRP (DDAS ``geslacht``); labels in ``GENDER_LABELS``."""

    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


GENDER_LABELS: dict[Gender, str] = {Gender.MALE: "Man", Gender.FEMALE: "Vrouw", Gender.UNKNOWN: "Onbekend"}
GENDER_DDAS: dict[Gender, str] = {Gender.MALE: "Man", Gender.FEMALE: "Vrouw", Gender.UNKNOWN: "Onbekend"}


@dataclass(frozen=True)
class DdasContact:
    """``aanleverende_organisatie.contactpersonen[]``: gets CBS's "op-orde-rapport" by e-mail."""

    name: str | None = None  # naam
    email: str | None = None  # email
    job_title: str | None = None  # functietitel
    phone: str | None = None  # telefoonnummer


@dataclass(frozen=True)
class DdasOrganisation:
    """``aanleverende_organisatie``, from settings. ``municipality_code`` only when it is a municipality."""

    name: str  # (Statutaire) Naam
    kvk_number: str | None = None  # KvK-nummer
    postcode: str | None = None  # postcode
    municipality_code: str | None = None  # gemeentecode, e.g. "GM0363" as CBS gave it
    contacts: tuple[DdasContact, ...] = ()  # contactpersonen


@dataclass(frozen=True)
class DdasClient:
    """``client[]``: the BSN, or (only when there is none) the BRP fallback identifiers."""

    bsn: str | None = None  # Burgerservicenummer
    birth_date: date | None = None  # Geboortedatum
    gender: str | None = None  # Geslachtsaanduiding (Gender code)
    postcode: str | None = None  # Postcode
    house_number: str | None = None  # Huisnummer
    house_number_suffix: str | None = None  # Huisnummertoevoeging


@dataclass(frozen=True)
class DdasPeriod:
    """A start/end pair (``startdatum``/``einddatum``); ``end`` None = still running."""

    start: date | None
    end: date | None = None


@dataclass(frozen=True)
class DdasIntake:
    """``intake``: first conversation (start) up to the decision (end = beschikkingsdatum, Q&A)."""

    start: date  # startdatum: the first conversation
    end: date | None = None  # einddatum; defaults to decision_on
    decision_on: date | None = None  # beschikkingsdatum
    decision_kind: str | None = None  # beschikkingssoort (DecisionKind code)


@dataclass(frozen=True)
class DdasSupport:
    """``begeleiding[]``: a support product (SupportProduct code in ``app.rules.phases``)."""

    product: str
    start: date
    end: date | None = None


@dataclass(frozen=True)
class DdasCreditor:
    """``schulden[].schuldeiser``. For a private person only ``privepersoon`` is sent."""

    name: str | None = None  # naam and Naam (Q&A: both, same value)
    kvk_number: str | None = None  # kvknummer
    postcode: str | None = None  # postcode
    private_person: bool = False  # privepersoon


@dataclass(frozen=True)
class DdasDebt:
    """``schulden[]``: one debt; ``creditor_kind`` is a CreditorKind code (original creditor)."""

    amount_cents: int  # bedrag (whole euros in the file)
    creditor_kind: str  # → schuldsoort via app.rules.debts.DDAS_DEBT_KIND
    reference_date: date | None = None  # peildatum
    business: bool | None = None  # zakelijkeSchuld
    creditor: DdasCreditor | None = None  # schuldeiser


@dataclass(frozen=True)
class DdasSettlement:
    """``schuldregeling``: the request to creditors and its outcome."""

    submitted_on: date | None = None  # datum
    granted_on: date | None = None  # toegekend (also the traject's toekenningsdatum, Q&A)
    rejected_on: date | None = None  # afgewezen
    withdrawn_on: date | None = None  # ingetrokken
    forced_agreement_requested_on: date | None = None  # datumVerzoekDwangakkoord
    forced_agreement_granted: bool = False  # dwangakkoord (true only with a toegekend date, Q&A)


@dataclass(frozen=True)
class DdasSolution:
    """``oplossing``: the settlement as it runs; ``vtlb_cents`` per month."""

    kind: str  # soort (SolutionKind code)
    start: date | None = None  # startdatum
    end: date | None = None  # einddatum
    vtlb_cents: int | None = None  # vtlb, whole euros per month in the file


@dataclass(frozen=True)
class DdasMoratorium:
    """``moratoria[]``: a request to the court under Fw 287b (or Wgs art. 5)."""

    requested_on: date | None = None  # datumAanvraag
    approved_on: date | None = None  # datumGoedkeuring
    start: date | None = None  # startdatum
    end: date | None = None  # einddatum


@dataclass(frozen=True)
class DdasExit:
    """``uitstroom``: why and when the traject ended (ClosingReason code in ``app.rules.phases``)."""

    on: date  # datum, and the traject's einddatum (Q&A: the same date)
    reason: str  # reden via CLOSING_REASON_DDAS
    termination_decision_on: date | None = None  # datumBeeindigingsbeschikking, when one was sent
    description: str | None = None  # omschrijving; default: the Dutch label of the reason


@dataclass(frozen=True)
class DdasDossier:
    """One ``schuldhulptraject``. Only ``application_on`` and one client are required.

    ``municipality_code`` is the municipality responsible for the traject (not the client's
    address); when None the organisation's code is used, else "Onbekend" (Q&A).
    """

    application_on: date  # aanmelding.startdatum and the traject's startdatum
    clients: tuple[DdasClient, ...]  # client (1 or 2: partners liable for each other's debts)
    municipality_code: str | None = None  # gemeentecode
    crisis: bool = False  # aanmelding.crisisinterventie (bedreigende situatie, Wgs art. 4)
    intake: DdasIntake | None = None
    information_advice: DdasPeriod | None = None  # informatieEnAdvies
    crisis_interventions: tuple[DdasPeriod, ...] = ()  # crisisinterventies
    action_plan_completed_on: date | None = None  # planVanAanpak.datumAfronding
    stabilisation: DdasPeriod | None = None  # stabilisatie
    supports: tuple[DdasSupport, ...] = ()  # begeleiding (DFD periods as long_term_service)
    provisional_measures: tuple[
        DdasPeriod, ...
    ] = ()  # voorlopigeVoorzieningen (e.g. stabilisatieovereenkomst)
    moratoria: tuple[DdasMoratorium, ...] = ()
    debts: tuple[DdasDebt, ...] = ()  # schulden
    total_debt_at_start_cents: int | None = None  # totaalSchuldbedragBijAanvangSchuld; default: sum of debts
    settlement: DdasSettlement | None = None  # schuldregeling
    solution: DdasSolution | None = None  # oplossing
    aftercare: DdasPeriod | None = None  # nazorg
    exit: DdasExit | None = None  # uitstroom
    description: str | None = None  # omschrijving: not used by CBS; never put a name or number here
