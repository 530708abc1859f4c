"""Phases of a debt-help dossier and the moves between them.

Also the closing reasons (uitval and afsluiting), support products and threatening situations
with their Dutch labels and their DDAS codes.

Source: DOMAIN.md "Phases of a dossier"; seed 004 bijlage D (steps need not be linear, 004:1468);
DDAS v1.0 (``json_schema_Uitwisselmodel.json``); Wgs art. 4.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Phase(StrEnum):
    """Stable codes of the phases; Dutch labels in ``PHASE_LABELS``."""

    APPLICATION = "application"
    INTAKE = "intake"
    STABILISATION = "stabilisation"
    READY_FOR_SETTLEMENT = "ready_for_settlement"
    SETTLEMENT = "settlement"
    AFTERCARE = "aftercare"
    CLOSED = "closed"
    LONG_TERM_SERVICE = "long_term_service"
    REFERRED = "referred"
    DROPPED_OUT = "dropped_out"


PHASE_LABELS: dict[Phase, str] = {
    Phase.APPLICATION: "Aanmelding",
    Phase.INTAKE: "Intake",
    Phase.STABILISATION: "Stabilisatie",
    Phase.READY_FOR_SETTLEMENT: "Gereed voor schuldregeling",
    Phase.SETTLEMENT: "Schuldregeling",
    Phase.AFTERCARE: "Nazorg",
    Phase.CLOSED: "Afgesloten",
    Phase.LONG_TERM_SERVICE: "Langdurige dienstverlening (DFD)",
    Phase.REFERRED: "Doorverwezen",
    Phase.DROPPED_OUT: "Uitgevallen",
}

#: The main line of the journey, in order (the step map shows these).
MAIN_LINE: tuple[Phase, ...] = (
    Phase.APPLICATION,
    Phase.INTAKE,
    Phase.STABILISATION,
    Phase.READY_FOR_SETTLEMENT,
    Phase.SETTLEMENT,
    Phase.AFTERCARE,
    Phase.CLOSED,
)

#: Phases in which a dossier is no longer open.
ENDED: frozenset[Phase] = frozenset({Phase.CLOSED, Phase.DROPPED_OUT})

#: Side states a dossier can move to from any open phase.
SIDE_STATES: tuple[Phase, ...] = (Phase.LONG_TERM_SERVICE, Phase.REFERRED, Phase.DROPPED_OUT)

#: Phases in which a dossier is open, in display order.
OPEN_PHASES: tuple[Phase, ...] = tuple(phase for phase in Phase if phase not in ENDED)

#: Main-line phases a dossier can return to from a side state (long-term service, referral).
_RETURN_TARGETS: tuple[Phase, ...] = (
    Phase.APPLICATION,
    Phase.INTAKE,
    Phase.STABILISATION,
    Phase.READY_FOR_SETTLEMENT,
)


class MoveKind(StrEnum):
    """What kind of step a phase move is; Dutch labels in ``MOVE_KIND_LABELS``."""

    FORWARD = "forward"
    BACK = "back"
    SIDE = "side"
    RETURN = "return"
    CLOSE = "close"


MOVE_KIND_LABELS: dict[MoveKind, str] = {
    MoveKind.FORWARD: "Volgende stap",
    MoveKind.BACK: "Terug naar een eerdere stap",
    MoveKind.SIDE: "Zijstap",
    MoveKind.RETURN: "Terug naar de hoofdlijn",
    MoveKind.CLOSE: "Afsluiten",
}


def move_kind(current: Phase, target: Phase) -> MoveKind | None:
    """Classify the move ``current`` → ``target``; ``None`` when the move is not allowed.

    Rules: forward one step along ``MAIN_LINE``; back to any earlier main-line phase; to a side
    state (DFD, doorverwezen, uitgevallen) from any open phase; to ``CLOSED`` from any open
    phase; from DFD or doorverwezen back to the main line up to *gereed voor schuldregeling*,
    and from DFD on to *schuldregeling* (uitstroom naar schuldregeling). Ended dossiers
    (afgesloten, uitgevallen) do not move.

    Source: DOMAIN.md "Phases of a dossier" (going back with a reason, 004:1468);
    DOMAIN.md "Stuurinformatie" (uitstroom naar schuldregeling from DFD).
    """
    if current in ENDED or current == target:
        return None
    if target == Phase.CLOSED:
        return MoveKind.CLOSE
    if target in SIDE_STATES:
        return MoveKind.SIDE
    if current in MAIN_LINE:
        index = MAIN_LINE.index(current)
        if target == MAIN_LINE[index + 1]:
            return MoveKind.FORWARD
        if target in MAIN_LINE[:index]:
            return MoveKind.BACK
        return None
    if current == Phase.LONG_TERM_SERVICE and target in (Phase.READY_FOR_SETTLEMENT, Phase.SETTLEMENT):
        return MoveKind.FORWARD
    if target in _RETURN_TARGETS:
        return MoveKind.RETURN
    return None


#: Every allowed move, per current phase (derived from :func:`move_kind`).
ALLOWED_MOVES: dict[Phase, frozenset[Phase]] = {
    current: frozenset(target for target in Phase if move_kind(current, target) is not None)
    for current in Phase
}


class ClosingReason(StrEnum):
    """Why a dossier ends (afsluiting or uitval); Dutch labels in ``CLOSING_REASON_LABELS``."""

    AMICABLE_AGREEMENT = "amicable_agreement"
    WSNP = "wsnp"
    COMPLETED = "completed"
    LONG_TERM_SERVICE = "long_term_service"
    REFERRED_TO_PARTNER = "referred_to_partner"
    DEBTS_NOT_SETTLEABLE = "debts_not_settleable"
    NO_PROBLEMATIC_DEBTS = "no_problematic_debts"
    SERVICE_NOT_SUITABLE = "service_not_suitable"
    APPLICATION_REFUSED = "application_refused"
    WITHDRAWN_REASON_KNOWN = "withdrawn_reason_known"
    WITHDRAWN_REASON_UNKNOWN = "withdrawn_reason_unknown"
    NO_SHOW = "no_show"
    INSUFFICIENT_COOPERATION = "insufficient_cooperation"
    MOVED = "moved"
    DECEASED = "deceased"
    SOLVED_BY_CLIENT = "solved_by_client"
    OTHER = "other"


CLOSING_REASON_LABELS: dict[ClosingReason, str] = {
    ClosingReason.AMICABLE_AGREEMENT: "Akkoord schuldregeling",
    ClosingReason.WSNP: "Toegelaten tot de WSNP",
    ClosingReason.COMPLETED: "Traject afgerond",
    ClosingReason.LONG_TERM_SERVICE: "Over naar langdurige dienstverlening (DFD)",
    ClosingReason.REFERRED_TO_PARTNER: "Doorverwezen naar partner",
    ClosingReason.DEBTS_NOT_SETTLEABLE: "Schulden niet saneerbaar",
    ClosingReason.NO_PROBLEMATIC_DEBTS: "Geen problematische schulden",
    ClosingReason.SERVICE_NOT_SUITABLE: "Dienstverlening niet (meer) passend",
    ClosingReason.APPLICATION_REFUSED: "Aanvraag afgewezen",
    ClosingReason.WITHDRAWN_REASON_KNOWN: "Aanvraag ingetrokken, reden bekend",
    ClosingReason.WITHDRAWN_REASON_UNKNOWN: "Aanvraag ingetrokken, reden onbekend",
    ClosingReason.NO_SHOW: "Niet (meer) verschenen",
    ClosingReason.INSUFFICIENT_COOPERATION: "Onvoldoende medewerking",
    ClosingReason.MOVED: "Verhuisd naar een andere gemeente",
    ClosingReason.DECEASED: "Overleden",
    ClosingReason.SOLVED_BY_CLIENT: "Zelf opgelost",
    ClosingReason.OTHER: "Overig",
}

#: Helder's closing reasons onto DDAS v1.0 ``$defs/EnumUitstroomreden``, the type of the schema
#: field ``uitstroom.reden`` ("Reden dat de hulpverlening op enig moment na aanmelding bij
#: schuldhulpverlening eindigt"). Values are the schema's exact strings.
CLOSING_REASON_DDAS: dict[ClosingReason, str] = {
    ClosingReason.AMICABLE_AGREEMENT: "Afgerond",
    # The municipal traject ends positively with the court admitting the client to the WSNP.
    ClosingReason.WSNP: "Afgerond",
    ClosingReason.COMPLETED: "Afgerond",
    # DFD itself is reported as begeleiding "Lange Termijn Begeleiding (DFD)"; the settlement
    # service is "niet (meer) passend".
    ClosingReason.LONG_TERM_SERVICE: "Niet passend",
    ClosingReason.REFERRED_TO_PARTNER: "Niet passend",
    ClosingReason.DEBTS_NOT_SETTLEABLE: "Niet passend",
    ClosingReason.NO_PROBLEMATIC_DEBTS: "Niet passend",
    ClosingReason.SERVICE_NOT_SUITABLE: "Niet passend",
    # The afwijzing itself is reported as intake.beschikkingssoort "Afwijzingsbeschikking".
    ClosingReason.APPLICATION_REFUSED: "Niet passend",
    ClosingReason.WITHDRAWN_REASON_KNOWN: "Ingetrokken",
    ClosingReason.WITHDRAWN_REASON_UNKNOWN: "Ingetrokken",
    ClosingReason.NO_SHOW: "Nietverschenen",
    ClosingReason.INSUFFICIENT_COOPERATION: "Voldoet niet",
    ClosingReason.MOVED: "Verhuisd",
    ClosingReason.DECEASED: "Overleden",
    ClosingReason.SOLVED_BY_CLIENT: "Zelf",
    ClosingReason.OTHER: "Overig",
}

#: Reasons that mean the traject reached its goal: a dossier with one of these is closed,
#: never "uitgevallen".
POSITIVE_CLOSING_REASONS: frozenset[ClosingReason] = frozenset(
    {ClosingReason.AMICABLE_AGREEMENT, ClosingReason.WSNP, ClosingReason.COMPLETED}
)

#: Reasons that need a short explanation (stored as DDAS ``uitstroom.omschrijving``).
CLOSING_REASONS_NEEDING_TEXT: frozenset[ClosingReason] = frozenset(
    {ClosingReason.WITHDRAWN_REASON_KNOWN, ClosingReason.OTHER}
)


@dataclass(frozen=True)
class MoveCheck:
    """Outcome of :func:`check_move`; ``message`` is Dutch and fit to show the counsellor."""

    allowed: bool
    needs_reason: bool
    needs_closing_reason: bool
    message: str


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def check_move(current: Phase, target: Phase, reason: str | None, closing_reason: str | None) -> MoveCheck:
    """Check whether a dossier may move from ``current`` to ``target`` with the given input.

    ``needs_reason`` is true when the move takes a free-text reason: going back along the main
    line, returning from a side state to the main line, or closing with a reason that needs an
    explanation (``CLOSING_REASONS_NEEDING_TEXT``). ``needs_closing_reason`` is true when
    ``target`` is afgesloten or uitgevallen; ``closing_reason`` must then be a
    :class:`ClosingReason` code, and a positive outcome (akkoord, WSNP, afgerond) cannot be an
    uitval. ``closing_reason`` is ignored for other targets. ``allowed`` is true only when the
    move exists and all it needs is given.

    Source: DOMAIN.md "Phases of a dossier" (transitions with date, actor and reason; going
    back with a reason); DOMAIN.md closing reasons; DDAS ``uitstroom.reden``.
    """
    kind = move_kind(current, target)
    here, there = PHASE_LABELS[current], PHASE_LABELS[target]
    if kind is None:
        if current == target:
            text = f"Het dossier staat al in de fase {here}."
        elif current in ENDED:
            text = f"Het dossier is {here.lower()}. Begin een nieuwe aanmelding als er weer hulp nodig is."
        else:
            text = f"Van {here} naar {there} gaan kan niet."
        return MoveCheck(False, False, False, text)

    needs_closing = target in ENDED
    parsed: ClosingReason | None = None
    if needs_closing:
        code = (closing_reason or "").strip()
        if not code:
            return MoveCheck(False, False, True, f"Kies een reden om het dossier naar {there} te zetten.")
        try:
            parsed = ClosingReason(code)
        except ValueError:
            return MoveCheck(False, False, True, f"Onbekende reden van afsluiting: '{closing_reason}'.")
        if target == Phase.DROPPED_OUT and parsed in POSITIVE_CLOSING_REASONS:
            return MoveCheck(
                False,
                False,
                True,
                f"'{CLOSING_REASON_LABELS[parsed]}' is geen uitval. Kies {PHASE_LABELS[Phase.CLOSED]}.",
            )

    needs_text = kind in (MoveKind.BACK, MoveKind.RETURN) or parsed in CLOSING_REASONS_NEEDING_TEXT
    if needs_text and _blank(reason):
        if parsed is not None:
            text = f"Licht de reden '{CLOSING_REASON_LABELS[parsed]}' kort toe."
        else:
            text = f"Geef een reden om terug te gaan naar {there}."
        return MoveCheck(False, True, needs_closing, text)
    return MoveCheck(True, needs_text, needs_closing, f"{MOVE_KIND_LABELS[kind]}: van {here} naar {there}.")


class SupportProduct(StrEnum):
    """Support (begeleiding) offered next to debt help; labels in ``SUPPORT_PRODUCT_LABELS``."""

    BUDGET_COACHING = "budget_coaching"
    BUDGET_MANAGEMENT = "budget_management"
    PROTECTIVE_ADMINISTRATION = "protective_administration"
    LONG_TERM_SERVICE = "long_term_service"
    BUDGET_GUIDANCE = "budget_guidance"


SUPPORT_PRODUCT_LABELS: dict[SupportProduct, str] = {
    SupportProduct.BUDGET_COACHING: "Budgetcoaching",
    SupportProduct.BUDGET_MANAGEMENT: "Budgetbeheer",
    SupportProduct.PROTECTIVE_ADMINISTRATION: "Beschermingsbewind",
    SupportProduct.LONG_TERM_SERVICE: "Langdurige dienstverlening (DFD)",
    SupportProduct.BUDGET_GUIDANCE: "Budgetbegeleiding",
}

#: Support products onto DDAS v1.0 ``$defs/EnumBegeleidingssoort``, the type of the schema field
#: ``begeleiding[].soort``. Values are the schema's exact strings.
SUPPORT_PRODUCT_DDAS: dict[SupportProduct, str] = {
    SupportProduct.BUDGET_COACHING: "Budgetcoaching",
    SupportProduct.BUDGET_MANAGEMENT: "Budgetbeheer",
    SupportProduct.PROTECTIVE_ADMINISTRATION: "Beschermingsbewind",
    SupportProduct.LONG_TERM_SERVICE: "Lange Termijn Begeleiding (DFD)",
    SupportProduct.BUDGET_GUIDANCE: "Budgetbegeleiding",
}


class ThreatKind(StrEnum):
    """Bedreigende situaties of Wgs art. 4 (first conversation within 3 werkdagen).

    A municipality may add its own situations; those are settings, not members of this enum.
    Dutch labels in ``THREAT_KIND_LABELS``.
    """

    EVICTION = "eviction"
    ENERGY = "energy"
    WATER = "water"
    HEALTH_INSURANCE = "health_insurance"


THREAT_KIND_LABELS: dict[ThreatKind, str] = {
    ThreatKind.EVICTION: "Gedwongen ontruiming van de woning",
    ThreatKind.ENERGY: "Afsluiting van gas, elektriciteit of stadsverwarming",
    ThreatKind.WATER: "Afsluiting van water",
    ThreatKind.HEALTH_INSURANCE: "Opzegging of ontbinding van de zorgverzekering",
}
