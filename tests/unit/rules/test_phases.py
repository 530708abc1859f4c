"""Phases, moves, closing reasons and their DDAS codes (DOMAIN.md, DDAS v1.0)."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.resources import resource_path
from app.rules.phases import (
    ALLOWED_MOVES,
    CLOSING_REASON_DDAS,
    CLOSING_REASON_LABELS,
    CLOSING_REASONS_NEEDING_TEXT,
    ENDED,
    MAIN_LINE,
    MOVE_KIND_LABELS,
    OPEN_PHASES,
    PHASE_LABELS,
    POSITIVE_CLOSING_REASONS,
    SIDE_STATES,
    SUPPORT_PRODUCT_DDAS,
    SUPPORT_PRODUCT_LABELS,
    THREAT_KIND_LABELS,
    ClosingReason,
    MoveCheck,
    MoveKind,
    Phase,
    SupportProduct,
    ThreatKind,
    check_move,
    move_kind,
)

# The copy of the DDAS standard that Helder ships (resources/standards/ddas).
DDAS_SCHEMA = resource_path("standards", "ddas", "v1.0", "json_schema_Uitwisselmodel.json")
P = Phase
PROPS = settings(database=None, max_examples=200, deadline=None)


def _ddas_enum(name: str) -> list[str]:
    if not DDAS_SCHEMA.exists():
        pytest.skip(f"DDAS schema not available at {DDAS_SCHEMA}")
    schema: dict[str, Any] = json.loads(DDAS_SCHEMA.read_text(encoding="utf-8"))
    values: list[str] = schema["$defs"][name]["enum"]
    return values


# --- the fixed part stays as it was --------------------------------------------------------------


def test_phase_codes_and_main_line_are_unchanged() -> None:
    assert [p.value for p in Phase] == [
        "application",
        "intake",
        "stabilisation",
        "ready_for_settlement",
        "settlement",
        "aftercare",
        "closed",
        "long_term_service",
        "referred",
        "dropped_out",
    ]
    assert MAIN_LINE[0] is P.APPLICATION and MAIN_LINE[-1] is P.CLOSED and len(MAIN_LINE) == 7
    assert frozenset({P.CLOSED, P.DROPPED_OUT}) == ENDED
    assert set(PHASE_LABELS) == set(Phase)


def test_open_phases_and_side_states() -> None:
    assert set(OPEN_PHASES) == set(Phase) - ENDED
    assert SIDE_STATES == (P.LONG_TERM_SERVICE, P.REFERRED, P.DROPPED_OUT)


# --- allowed moves ------------------------------------------------------------------------------


def test_allowed_moves_from_stabilisation() -> None:
    assert ALLOWED_MOVES[P.STABILISATION] == {
        P.READY_FOR_SETTLEMENT,  # forward
        P.APPLICATION,  # back
        P.INTAKE,  # back
        P.LONG_TERM_SERVICE,
        P.REFERRED,
        P.DROPPED_OUT,
        P.CLOSED,
    }


def test_allowed_moves_from_long_term_service() -> None:
    assert ALLOWED_MOVES[P.LONG_TERM_SERVICE] == {
        P.SETTLEMENT,  # uitstroom naar schuldregeling
        P.READY_FOR_SETTLEMENT,
        P.APPLICATION,
        P.INTAKE,
        P.STABILISATION,
        P.REFERRED,
        P.DROPPED_OUT,
        P.CLOSED,
    }


def test_ended_dossiers_do_not_move() -> None:
    assert ALLOWED_MOVES[P.CLOSED] == frozenset()
    assert ALLOWED_MOVES[P.DROPPED_OUT] == frozenset()


@pytest.mark.parametrize(
    ("current", "target", "kind"),
    [
        (P.APPLICATION, P.INTAKE, MoveKind.FORWARD),
        (P.READY_FOR_SETTLEMENT, P.SETTLEMENT, MoveKind.FORWARD),
        (P.AFTERCARE, P.CLOSED, MoveKind.CLOSE),
        (P.SETTLEMENT, P.STABILISATION, MoveKind.BACK),
        (P.INTAKE, P.LONG_TERM_SERVICE, MoveKind.SIDE),
        (P.AFTERCARE, P.DROPPED_OUT, MoveKind.SIDE),
        (P.REFERRED, P.INTAKE, MoveKind.RETURN),
        (P.LONG_TERM_SERVICE, P.SETTLEMENT, MoveKind.FORWARD),
        (P.LONG_TERM_SERVICE, P.REFERRED, MoveKind.SIDE),
        (P.APPLICATION, P.STABILISATION, None),  # no skipping the intake
        (P.INTAKE, P.SETTLEMENT, None),
        (P.REFERRED, P.SETTLEMENT, None),
        (P.LONG_TERM_SERVICE, P.AFTERCARE, None),
        (P.STABILISATION, P.STABILISATION, None),
        (P.CLOSED, P.APPLICATION, None),
    ],
)
def test_move_kind(current: Phase, target: Phase, kind: MoveKind | None) -> None:
    assert move_kind(current, target) is kind


def test_move_kind_labels_are_complete() -> None:
    assert set(MOVE_KIND_LABELS) == set(MoveKind)


def test_forward_along_the_main_line_needs_nothing() -> None:
    for current, target in itertools.pairwise(MAIN_LINE[:-1]):
        check = check_move(current, target, None, None)
        assert check == MoveCheck(True, False, False, check.message)
        assert PHASE_LABELS[target] in check.message


def test_going_back_needs_a_reason() -> None:
    # WHEN going back without a reason
    refused = check_move(P.SETTLEMENT, P.STABILISATION, "  ", None)
    # THEN it is refused and says what is missing
    assert not refused.allowed
    assert refused.needs_reason
    assert refused.message == "Geef een reden om terug te gaan naar Stabilisatie."
    # WHEN a reason is given THEN it is allowed
    granted = check_move(P.SETTLEMENT, P.STABILISATION, "Nieuwe schuld bij de verhuurder", None)
    assert granted.allowed and granted.needs_reason and not granted.needs_closing_reason


def test_returning_from_referral_needs_a_reason() -> None:
    assert check_move(P.REFERRED, P.STABILISATION, None, None).needs_reason
    assert check_move(P.REFERRED, P.STABILISATION, "Terug van GGZ", None).allowed


def test_uitstroom_from_dfd_to_settlement_needs_no_reason() -> None:
    check = check_move(P.LONG_TERM_SERVICE, P.SETTLEMENT, None, None)
    assert check.allowed and not check.needs_reason


def test_side_step_needs_no_reason() -> None:
    assert check_move(P.INTAKE, P.REFERRED, None, None).allowed


@pytest.mark.parametrize("target", [P.CLOSED, P.DROPPED_OUT])
def test_ending_needs_a_closing_reason(target: Phase) -> None:
    missing = check_move(P.STABILISATION, target, None, None)
    assert not missing.allowed and missing.needs_closing_reason and not missing.needs_reason
    assert PHASE_LABELS[target] in missing.message
    given = check_move(P.STABILISATION, target, None, ClosingReason.NO_SHOW)
    assert given.allowed and given.needs_closing_reason


def test_unknown_closing_reason_is_refused() -> None:
    check = check_move(P.INTAKE, P.CLOSED, None, "lost_interest")
    assert not check.allowed
    assert check.message == "Onbekende reden van afsluiting: 'lost_interest'."


def test_closing_reason_as_plain_string_code_is_accepted() -> None:
    assert check_move(P.SETTLEMENT, P.CLOSED, None, "amicable_agreement").allowed


def test_positive_outcome_is_not_a_dropout() -> None:
    check = check_move(P.SETTLEMENT, P.DROPPED_OUT, None, ClosingReason.AMICABLE_AGREEMENT)
    assert not check.allowed
    assert "Afgesloten" in check.message
    assert check_move(P.SETTLEMENT, P.CLOSED, None, ClosingReason.AMICABLE_AGREEMENT).allowed


@pytest.mark.parametrize("reason", sorted(CLOSING_REASONS_NEEDING_TEXT))
def test_some_closing_reasons_need_an_explanation(reason: ClosingReason) -> None:
    without = check_move(P.INTAKE, P.DROPPED_OUT, None, reason)
    assert not without.allowed and without.needs_reason and without.needs_closing_reason
    assert check_move(P.INTAKE, P.DROPPED_OUT, "Gaat samenwonen", reason).allowed


def test_closing_reason_is_ignored_for_other_targets() -> None:
    check = check_move(P.APPLICATION, P.INTAKE, None, "nonsense")
    assert check.allowed and not check.needs_closing_reason


def test_move_out_of_an_ended_phase_explains_itself() -> None:
    check = check_move(P.CLOSED, P.INTAKE, "heropenen", None)
    assert not check.allowed
    assert "nieuwe aanmelding" in check.message


def test_move_to_the_same_phase_is_refused() -> None:
    check = check_move(P.INTAKE, P.INTAKE, None, None)
    assert not check.allowed and "al in de fase Intake" in check.message


def test_skipping_forward_is_refused() -> None:
    check = check_move(P.APPLICATION, P.SETTLEMENT, "haast", None)
    assert check == MoveCheck(False, False, False, "Van Aanmelding naar Schuldregeling gaan kan niet.")


@PROPS
@given(st.sampled_from(list(Phase)), st.sampled_from(list(Phase)))
def test_check_move_agrees_with_allowed_moves(current: Phase, target: Phase) -> None:
    # GIVEN everything a move could need
    check = check_move(current, target, "een reden", ClosingReason.DECEASED)
    # THEN it is allowed exactly when the move exists, and a message is always given
    assert check.allowed == (target in ALLOWED_MOVES[current])
    assert check.message
    if target in ENDED and check.allowed:
        assert check.needs_closing_reason
    if current in MAIN_LINE and target in MAIN_LINE[: MAIN_LINE.index(current)] and current not in ENDED:
        assert check.needs_reason


def test_every_open_phase_can_end_and_go_to_every_side_state() -> None:
    for phase in OPEN_PHASES:
        assert {P.CLOSED, *SIDE_STATES} - {phase} <= ALLOWED_MOVES[phase]


# --- closing reasons and DDAS -------------------------------------------------------------------


def test_closing_reasons_cover_the_domain_list() -> None:
    labels = set(CLOSING_REASON_LABELS.values())
    for expected in [
        "Akkoord schuldregeling",
        "Toegelaten tot de WSNP",
        "Over naar langdurige dienstverlening (DFD)",
        "Doorverwezen naar partner",
        "Schulden niet saneerbaar",
        "Aanvraag ingetrokken, reden bekend",
        "Aanvraag ingetrokken, reden onbekend",
        "Niet (meer) verschenen",
        "Onvoldoende medewerking",
        "Verhuisd naar een andere gemeente",
        "Overleden",
        "Zelf opgelost",
    ]:
        assert expected in labels


def test_closing_reason_labels_and_ddas_mapping_are_complete() -> None:
    assert set(CLOSING_REASON_LABELS) == set(ClosingReason)
    assert set(CLOSING_REASON_DDAS) == set(ClosingReason)
    assert set(ClosingReason) >= POSITIVE_CLOSING_REASONS


def test_closing_reasons_map_onto_the_exact_ddas_uitstroomreden_values() -> None:
    allowed = _ddas_enum("EnumUitstroomreden")
    assert set(CLOSING_REASON_DDAS.values()) <= set(allowed)
    # every DDAS value can be produced, so a delivery can say anything the standard can
    assert set(CLOSING_REASON_DDAS.values()) == set(allowed)


@pytest.mark.parametrize(
    ("reason", "ddas"),
    [
        (ClosingReason.AMICABLE_AGREEMENT, "Afgerond"),
        (ClosingReason.NO_SHOW, "Nietverschenen"),
        (ClosingReason.WITHDRAWN_REASON_UNKNOWN, "Ingetrokken"),
        (ClosingReason.INSUFFICIENT_COOPERATION, "Voldoet niet"),
        (ClosingReason.SOLVED_BY_CLIENT, "Zelf"),
        (ClosingReason.MOVED, "Verhuisd"),
        (ClosingReason.DECEASED, "Overleden"),
        (ClosingReason.DEBTS_NOT_SETTLEABLE, "Niet passend"),
        (ClosingReason.OTHER, "Overig"),
    ],
)
def test_selected_ddas_codes(reason: ClosingReason, ddas: str) -> None:
    assert CLOSING_REASON_DDAS[reason] == ddas


def test_support_products_map_onto_ddas_begeleidingssoort() -> None:
    assert set(SUPPORT_PRODUCT_LABELS) == set(SupportProduct)
    assert set(SUPPORT_PRODUCT_DDAS) == set(SupportProduct)
    assert sorted(SUPPORT_PRODUCT_DDAS.values()) == sorted(_ddas_enum("EnumBegeleidingssoort"))
    assert SUPPORT_PRODUCT_DDAS[SupportProduct.LONG_TERM_SERVICE] == "Lange Termijn Begeleiding (DFD)"


def test_threat_kinds_are_the_four_statutory_situations() -> None:
    assert [t.value for t in ThreatKind] == ["eviction", "energy", "water", "health_insurance"]
    assert set(THREAT_KIND_LABELS) == set(ThreatKind)
    assert "stadsverwarming" in THREAT_KIND_LABELS[ThreatKind.ENERGY]
    assert "zorgverzekering" in THREAT_KIND_LABELS[ThreatKind.HEALTH_INSURANCE]
