"""Build and validate a DDAS v1.0 delivery (Uitwisselmodel) for CBS.

Mapping choices (see also ``app.export.ddas_model``):
- One file = one ``levering`` (teller 1) for the organisation in settings; every traject carries
  its own ``gemeentecode`` (dossier → organisation → "Onbekend", VraagEnAntwoord.md).
- A traject is included when it overlaps the delivery period: aanmelding on or before the end
  and no uitstroom before the start.
- Traject ``startdatum`` = aanmelding; ``einddatum`` = ``uitstroom.datum`` (Q&A: same date);
  ``toekenningsdatum`` = ``schuldregeling.toegekend`` (Q&A); ``aanmelding.einddatum`` = start of
  the intake; ``intake.einddatum`` defaults to the beschikkingsdatum (Q&A).
- Client: only the BSN when known; the BRP fallback (birth date, gender, postcode, house
  number) only without BSN (Hoofdlijnen "Cliënten"; AVG data minimisation).
- Creditors who are private persons are sent as ``privepersoon: true`` without name or postcode.
- Amounts: integer cents → whole euros, rounded half away from zero (€ 12,50 → 13, € 12,49 → 12),
  one rounding step per figure; ``totaalSchuldbedragBijAanvangSchuld`` rounds the summed cents.
- ``dwangakkoord`` is true only when granted and ``toegekend`` is set (Q&A).
- Absent values are left out, never ``null`` (the schema's types do not allow null).
Source: DDAS v1.0 ``json_schema_Uitwisselmodel.json``, Detail Model, VraagEnAntwoord; RULES.md §7.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.errors import KnownError
from app.export.ddas_model import (
    DECISION_KIND_DDAS,
    GENDER_DDAS,
    SOLUTION_KIND_DDAS,
    DdasClient,
    DdasDebt,
    DdasDossier,
    DdasOrganisation,
    DdasPeriod,
    DecisionKind,
    Gender,
    SolutionKind,
)
from app.resources import resource_path
from app.rules.debts import DDAS_DEBT_KIND, CreditorKind
from app.rules.identifiers import bsn_error
from app.rules.kpi_facts import Period, Transition
from app.rules.phases import (
    CLOSING_REASON_DDAS,
    CLOSING_REASON_LABELS,
    SUPPORT_PRODUCT_DDAS,
    ClosingReason,
    SupportProduct,
)

if TYPE_CHECKING:  # jsonschema is imported when a delivery is checked (it is slow to import)
    from jsonschema import Draft202012Validator

SCHEMA_PARTS = ("standards", "ddas", "v1.0", "json_schema_Uitwisselmodel.json")
UNKNOWN_MUNICIPALITY = "Onbekend"

Json = dict[str, Any]
PathPart = str | int


class DdasError(KnownError):
    """The delivery is not valid; ``path`` points at the first wrong part of the document."""

    def __init__(self, message: str, path: Sequence[PathPart] = ()) -> None:
        self.path: tuple[PathPart, ...] = tuple(path)
        self.message = message
        where = path_text(self.path)
        super().__init__(f"{where}: {message}" if where else message)


def path_text(path: Sequence[PathPart]) -> str:
    """Return a path as ``leveringen[0].schuldhulptrajecten[2].intake``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def cents_to_whole_euros(cents: int) -> int:
    """Round integer cents to whole euros, half away from zero (1250 → 13, 1249 → 12, -1250 → -13).

    Source: DDAS ``$defs/bedrag`` "Een geldbedrag in hele euros"; RULES.md §5 (one rounding step,
    half up).
    """
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError(f"money must be integer cents, got {cents!r}")
    euros, rest = divmod(abs(cents), 100)
    rounded = euros + (1 if rest >= 50 else 0)
    return -rounded if cents < 0 else rounded


def phase_span(transitions: Iterable[Transition], phase: str) -> DdasPeriod | None:
    """Return the span of ``phase``: first entry to the last exit (None while still in it).

    Helps a service fill ``stabilisation``, ``aftercare`` or DFD support from the transitions.
    """
    ordered = sorted(transitions, key=lambda t: t.on)
    start: date | None = None
    end: date | None = None
    inside = False
    for t in ordered:
        if t.to_phase == phase:
            start = t.on if start is None else start
            inside = True
            end = None
        elif inside:
            end = t.on
            inside = False
    return None if start is None else DdasPeriod(start, end)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _put(target: Json, key: str, value: Any) -> None:
    """Set ``key`` unless ``value`` is None or an empty container."""
    if value is None or value == {} or value == []:
        return
    target[key] = value


def _period(period: DdasPeriod | None, path: Sequence[PathPart]) -> Json | None:
    if period is None or (period.start is None and period.end is None):
        return None
    if period.start is not None and period.end is not None and period.end < period.start:
        raise DdasError("de einddatum ligt vóór de startdatum", path)
    out: Json = {}
    _put(out, "einddatum", _iso(period.end))
    _put(out, "startdatum", _iso(period.start))
    return out


def _code(mapping: dict[Any, str], enum: type[Any], code: str, what: str, path: Sequence[PathPart]) -> str:
    try:
        return mapping[enum(code)]
    except (ValueError, KeyError):
        raise DdasError(f"onbekende {what}: '{code}'", path) from None


def _compact_postcode(value: str | None) -> str | None:
    return value.replace(" ", "").upper() if value else None


def _client(client: DdasClient, path: Sequence[PathPart]) -> Json:
    if client.bsn:
        bsn = client.bsn.replace(" ", "").replace(".", "").zfill(9)
        error = bsn_error(bsn)
        if error is not None:
            raise DdasError(f"ongeldig BSN: {error}", [*path, "Burgerservicenummer"])
        return {"Burgerservicenummer": bsn}
    out: Json = {}
    _put(out, "Geboortedatum", _iso(client.birth_date))
    if client.gender is not None:
        out["Geslachtsaanduiding"] = _code(
            GENDER_DDAS, Gender, client.gender, "geslachtsaanduiding", [*path, "Geslachtsaanduiding"]
        )
    _put(out, "Postcode", _compact_postcode(client.postcode))
    _put(out, "Huisnummer", client.house_number or None)
    _put(out, "Huisnummertoevoeging", client.house_number_suffix or None)
    if not out:
        raise DdasError("cliënt zonder BSN en zonder andere gegevens", path)
    return out


def _debt(debt: DdasDebt, path: Sequence[PathPart]) -> Json:
    out: Json = {"bedrag": cents_to_whole_euros(debt.amount_cents)}
    _put(out, "peildatum", _iso(debt.reference_date))
    kind = _code(
        {k: v.value for k, v in DDAS_DEBT_KIND.items()},
        CreditorKind,
        debt.creditor_kind,
        "soort schuldeiser",
        [*path, "schuldsoort"],
    )
    out["schuldsoort"] = kind
    _put(out, "zakelijkeSchuld", debt.business)
    creditor = debt.creditor
    if creditor is not None:
        info: Json = {}
        if not creditor.private_person:
            _put(info, "naam", creditor.name or None)
            _put(info, "kvknummer", creditor.kvk_number or None)
            _put(info, "Naam", creditor.name or None)
            _put(info, "postcode", _compact_postcode(creditor.postcode))
        info["privepersoon"] = creditor.private_person
        out["schuldeiser"] = info
    return out


def _traject(dossier: DdasDossier, organisation: DdasOrganisation, path: Sequence[PathPart]) -> Json:
    p = list(path)
    if not 1 <= len(dossier.clients) <= 2:
        raise DdasError("een traject heeft 1 of 2 cliënten", [*p, "client"])
    exit_ = dossier.exit
    settlement = dossier.settlement
    out: Json = {}
    _put(out, "einddatum", _iso(exit_.on if exit_ else None))
    _put(out, "omschrijving", dossier.description or None)
    out["startdatum"] = dossier.application_on.isoformat()
    _put(out, "toekenningsdatum", _iso(settlement.granted_on if settlement else None))
    if dossier.total_debt_at_start_cents is not None:
        total: int | None = dossier.total_debt_at_start_cents
    elif dossier.debts:
        total = sum(d.amount_cents for d in dossier.debts)
    else:
        total = None
    _put(out, "totaalSchuldbedragBijAanvangSchuld", None if total is None else cents_to_whole_euros(total))
    out["gemeentecode"] = dossier.municipality_code or organisation.municipality_code or UNKNOWN_MUNICIPALITY

    intake = dossier.intake
    application: Json = {"crisisinterventie": dossier.crisis}
    application_end = intake.start if intake else (exit_.on if exit_ else None)
    _put(application, "einddatum", _iso(application_end))
    application["startdatum"] = dossier.application_on.isoformat()
    out["aanmelding"] = application

    supports = []
    for i, support in enumerate(dossier.supports):
        sp = [*p, "begeleiding", i]
        entry = _period(DdasPeriod(support.start, support.end), sp) or {}
        entry["soort"] = _code(
            SUPPORT_PRODUCT_DDAS, SupportProduct, support.product, "begeleiding", [*sp, "soort"]
        )
        supports.append(dict(sorted(entry.items())))
    _put(out, "begeleiding", supports)

    out["client"] = [_client(c, [*p, "client", i]) for i, c in enumerate(dossier.clients)]
    _put(
        out,
        "crisisinterventies",
        [_period(c, [*p, "crisisinterventies", i]) for i, c in enumerate(dossier.crisis_interventions)],
    )
    _put(out, "informatieEnAdvies", _period(dossier.information_advice, [*p, "informatieEnAdvies"]))

    if intake is not None:
        ip = [*p, "intake"]
        block: Json = {}
        _put(block, "beschikkingsdatum", _iso(intake.decision_on))
        if intake.decision_kind is not None:
            block["beschikkingssoort"] = _code(
                DECISION_KIND_DDAS,
                DecisionKind,
                intake.decision_kind,
                "beschikkingssoort",
                [*ip, "beschikkingssoort"],
            )
        end = intake.end or intake.decision_on
        if end is not None and end < intake.start:
            raise DdasError("de einddatum ligt vóór de startdatum", [*ip, "einddatum"])
        _put(block, "einddatum", _iso(end))
        block["startdatum"] = intake.start.isoformat()
        out["intake"] = block

    moratoria = []
    for i, m in enumerate(dossier.moratoria):
        item: Json = {}
        _put(item, "datumAanvraag", _iso(m.requested_on))
        _put(item, "datumGoedkeuring", _iso(m.approved_on))
        item.update(_period(DdasPeriod(m.start, m.end), [*p, "moratoria", i]) or {})
        moratoria.append(item)
    _put(out, "moratoria", [m for m in moratoria if m])
    _put(out, "nazorg", _period(dossier.aftercare, [*p, "nazorg"]))

    solution = dossier.solution
    if solution is not None:
        sp = [*p, "oplossing"]
        block = _period(DdasPeriod(solution.start, solution.end), sp) or {}
        block["soort"] = _code(SOLUTION_KIND_DDAS, SolutionKind, solution.kind, "oplossing", [*sp, "soort"])
        if solution.vtlb_cents is not None:
            block["vtlb"] = cents_to_whole_euros(solution.vtlb_cents)
        out["oplossing"] = dict(sorted(block.items()))

    if dossier.action_plan_completed_on is not None:
        out["planVanAanpak"] = {"datumAfronding": dossier.action_plan_completed_on.isoformat()}
    _put(out, "schulden", [_debt(d, [*p, "schulden", i]) for i, d in enumerate(dossier.debts)])

    if settlement is not None:
        block = {}
        _put(block, "afgewezen", _iso(settlement.rejected_on))
        _put(block, "datum", _iso(settlement.submitted_on))
        _put(block, "datumVerzoekDwangakkoord", _iso(settlement.forced_agreement_requested_on))
        if settlement.forced_agreement_requested_on is not None or settlement.forced_agreement_granted:
            block["dwangakkoord"] = settlement.forced_agreement_granted and settlement.granted_on is not None
        _put(block, "ingetrokken", _iso(settlement.withdrawn_on))
        _put(block, "toegekend", _iso(settlement.granted_on))
        _put(out, "schuldregeling", block)

    _put(
        out,
        "voorlopigeVoorzieningen",
        [_period(v, [*p, "voorlopigeVoorzieningen", i]) for i, v in enumerate(dossier.provisional_measures)],
    )

    if exit_ is not None:
        ep = [*p, "uitstroom"]
        reason = _code(
            CLOSING_REASON_DDAS, ClosingReason, exit_.reason, "reden van uitstroom", [*ep, "reden"]
        )
        block = {"datum": exit_.on.isoformat()}
        _put(block, "datumBeeindigingsbeschikking", _iso(exit_.termination_decision_on))
        block["omschrijving"] = exit_.description or CLOSING_REASON_LABELS[ClosingReason(exit_.reason)]
        block["reden"] = reason
        out["uitstroom"] = block

    _put(out, "stabilisatie", _period(dossier.stabilisation, [*p, "stabilisatie"]))
    return out


def _organisation(organisation: DdasOrganisation) -> Json:
    out: Json = {"(Statutaire) Naam": organisation.name}
    _put(out, "KvK-nummer", organisation.kvk_number or None)
    _put(out, "postcode", _compact_postcode(organisation.postcode))
    _put(out, "gemeentecode", organisation.municipality_code or None)
    contacts = []
    for c in organisation.contacts:
        item: Json = {}
        _put(item, "email", c.email or None)
        _put(item, "functietitel", c.job_title or None)
        _put(item, "naam", c.name or None)
        _put(item, "telefoonnummer", c.phone or None)
        if item:
            contacts.append(item)
    _put(out, "contactpersonen", contacts)
    return out


def in_delivery(dossier: DdasDossier, period: Period) -> bool:
    """Return whether a traject belongs in the delivery for ``period`` (it overlaps the period)."""
    return period.overlaps(dossier.application_on, dossier.exit.on if dossier.exit else None)


def build_ddas_document(
    organisation: DdasOrganisation,
    dossiers: Iterable[DdasDossier],
    period: Period,
    delivered_at: datetime,
    *,
    supplier_code: str | None = None,
    validate: bool = True,
) -> Json:
    """Return the DDAS v1.0 Uitwisselmodel for ``period`` as a dict ready for ``json.dumps``.

    Trajecten that do not overlap the period are left out. ``delivered_at`` must be
    timezone-aware; it is written in UTC. ``supplier_code`` defaults to "Helder <version>"
    ("naam softwareleverancier + versienummer", Q&A). Validates against the shipped schema
    unless ``validate`` is false.

    Raises:
        DdasError: when an input cannot be mapped or the result does not match the schema.
    """
    if delivered_at.tzinfo is None:
        raise DdasError("het aanlevermoment heeft geen tijdzone", ["aanleverdatumEnTijd"])
    base: list[PathPart] = ["leveringen", 0, "schuldhulptrajecten"]
    chosen = [d for d in dossiers if in_delivery(d, period)]
    delivery: Json = {
        "teller": 1,
        "aanleverende_organisatie": _organisation(organisation),
        "schuldhulptrajecten": [_traject(d, organisation, [*base, i]) for i, d in enumerate(chosen)],
    }
    document: Json = {
        "startdatumLevering": period.start.isoformat(),
        "einddatumLevering": period.end.isoformat(),
        "aanleverdatumEnTijd": delivered_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "codeGegevensleverancier": supplier_code or f"Helder {__version__}",
        "leveringen": [delivery],
    }
    if validate:
        validate_ddas(document)
    return document


def _is_date_time(value: object) -> bool:
    """Format check for ``date-time`` (RFC 3339 with a time zone); jsonschema skips it by default."""
    if not isinstance(value, str):
        return True
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed.tzinfo is not None and "T" in value


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads(resource_path(*SCHEMA_PARTS).read_text(encoding="utf-8"))
    checker = FormatChecker()
    checker.checks("date-time", raises=ValueError)(_is_date_time)
    return Draft202012Validator(schema, format_checker=checker)


def validate_ddas(document: Json) -> None:
    """Check ``document`` against the shipped DDAS v1.0 schema, formats included.

    Raises:
        DdasError: for the first error in path order (list positions by number), with its path.
    """
    errors = sorted(
        _validator().iter_errors(document),
        key=lambda e: [(isinstance(x, str), x) for x in e.absolute_path],
    )
    if errors:
        first = errors[0]
        raise DdasError(first.message, list(first.absolute_path))


def ddas_json(document: Json) -> str:
    """Return the document as UTF-8 JSON text (indented, non-ASCII kept)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_ddas(document: Json, path: Path) -> None:
    """Write the document to ``path`` as UTF-8 JSON."""
    path.write_text(ddas_json(document), encoding="utf-8")
