"""The voorlegger checklist: data, strict loading, gates and progress (DOMAIN.md "Voorlegger")."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.resources import resource_path
from app.rules.voorlegger import (
    ALLOWED_STATUS_MOVES,
    DONE_STATUSES,
    ITEM_STATUS_LABELS,
    STATUSES_NEEDING_REASON,
    STEP_LABELS,
    Checklist,
    ChecklistError,
    ItemStatus,
    VoorleggerStep,
    can_move_status,
    default_checklist,
    four_eyes_ok,
    load_checklist,
    missing_for,
    parse_status_key,
    section_progress,
    status_key,
)

S = ItemStatus
PROPS = settings(database=None, max_examples=150, deadline=None)
BUNDLED = resource_path("checklists", "voorlegger-v1.json")


def _tiny() -> dict[str, Any]:
    return {
        "version": 1,
        "sections": [
            {
                "code": "identity",
                "title": "Identiteit",
                "items": [
                    {
                        "code": "id_document",
                        "title": "Identiteitsbewijs",
                        "required_for": ["toelating", "settlement_ready"],
                        "per_partner": True,
                        "client_text": "Neem uw paspoort mee.",
                    }
                ],
            },
            {
                "code": "meters",
                "title": "Meterstanden",
                "items": [
                    {
                        "code": "meter_gas",
                        "title": "Meterstand gas",
                        "required_for": ["settlement_ready"],
                        "per_partner": False,
                        "client_text": "Schrijf de stand van de gasmeter op.",
                    },
                    {
                        "code": "extra",
                        "title": "Extra",
                        "required_for": [],
                        "per_partner": True,
                        "client_text": "Neem dit mee als u het heeft.",
                    },
                ],
            },
        ],
    }


def _write(tmp_path: Path, payload: object) -> Path:
    file = tmp_path / "voorlegger-test.json"
    file.write_text(json.dumps(payload), encoding="utf-8")
    return file


@pytest.fixture
def tiny(tmp_path: Path) -> Checklist:
    return load_checklist(_write(tmp_path, _tiny()))


# --- the bundled checklist ---------------------------------------------------------------------


def test_bundled_checklist_loads() -> None:
    checklist = load_checklist()
    assert checklist.version == 1
    assert 30 <= len(checklist.items) <= 35
    assert checklist.source == str(BUNDLED)
    assert default_checklist() == checklist


def test_bundled_checklist_covers_the_voorlegger_topics() -> None:
    checklist = default_checklist()
    sections = {section.code for section in checklist.sections}
    assert {"identity", "income", "expenses", "bank", "debts", "meters", "administration", "car"} <= sections
    codes = {item.code for item in checklist.items}
    for expected in [
        "id_document",
        "payslips",
        "employment_contract",
        "benefit_uwv",
        "benefit_svb",
        "allowances",
        "provisional_tax_refund",
        "alimony",
        "rent_specification",
        "health_insurance_policy",
        "childcare",
        "divorce_agreement",
        "bank_statements",
        "bank_statements_children",
        "debt_overview",
        "bkr_report",
        "creditor_letters",
        "stabilisation_agreement",
        "cjib_fines",
        "meter_electricity",
        "meter_gas",
        "meter_heat",
        "meter_water",
        "protective_administration_decision",
        "budget_management_agreement",
        "car_valuation",
        "commuting_distance",
        "signed_application",
        "signed_mandate",
    ]:
        assert expected in codes


def test_identity_item_excludes_the_driving_licence() -> None:
    item = default_checklist().item("id_document")
    assert "geen rijbewijs" in item.title
    assert "rijbewijs is niet genoeg" in item.client_text
    assert item.per_partner


def test_income_proofs_count_for_client_and_partner() -> None:
    checklist = default_checklist()
    for code in ["payslips", "employment_contract", "benefit_uwv", "bank_statements", "bkr_report"]:
        assert checklist.item(code).per_partner, code
    for code in ["meter_gas", "bank_statements_children", "debt_overview"]:
        assert not checklist.item(code).per_partner, code


def test_every_item_gates_settlement_ready() -> None:
    for item in default_checklist().items:
        assert VoorleggerStep.SETTLEMENT_READY in item.required_for, item.code


def test_toelating_needs_a_subset_including_identity_and_signature() -> None:
    toelating = {i.code for i in default_checklist().items if VoorleggerStep.TOELATING in i.required_for}
    assert {"id_document", "signed_application", "signed_mandate", "bank_statements"} <= toelating
    assert "meter_gas" not in toelating


_VERBS = {"Neem", "Teken", "Print", "Schrijf", "Vraag", "Heeft", "Krijgt", "Bent", "Gaan", "Is"}
_JARGON = ["beschikking", "voorlegger", "specificatie", "convenant", "machtiging", "stabilisatie", "incasso"]


@pytest.mark.parametrize("item", default_checklist().items, ids=lambda item: item.code)
def test_client_text_is_short_b1_dutch(item: Any) -> None:
    text: str = item.client_text
    words = text.split()
    assert len(words) <= 15, text
    assert words[0] in _VERBS, text
    assert text.endswith("."), text
    for sentence in re.split(r"[.?!]\s+", text):
        assert len(sentence.split()) <= 12, sentence
    for word in re.findall(r"[\wÀ-ÿ-]+", text):
        assert len(word) <= 16, word
    lowered = text.lower()
    for jargon in _JARGON:
        assert jargon not in lowered, (jargon, text)


def test_bundled_file_is_in_the_documented_format() -> None:
    raw = json.loads(BUNDLED.read_text(encoding="utf-8"))
    assert set(raw) == {"version", "sections"}
    for section in raw["sections"]:
        assert set(section) == {"code", "title", "items"}
        for item in section["items"]:
            assert set(item) == {"code", "title", "required_for", "per_partner", "client_text"}


# --- strict loading ----------------------------------------------------------------------------


def _broken(change: str) -> dict[str, Any]:
    data = _tiny()
    first = data["sections"][0]["items"][0]
    if change == "missing_client_text":
        del first["client_text"]
    elif change == "duplicate_item":
        data["sections"][1]["items"].append(copy.deepcopy(first))
    elif change == "unknown_step":
        first["required_for"] = ["toelating", "intake"]
    elif change == "repeated_step":
        first["required_for"] = ["toelating", "toelating"]
    elif change == "per_partner_text":
        first["per_partner"] = "yes"
    elif change == "extra_field":
        first["note"] = "x"
    elif change == "bad_code":
        first["code"] = "ID:document"
    elif change == "empty_title":
        first["title"] = "  "
    elif change == "duplicate_section":
        data["sections"][1]["code"] = "identity"
    elif change == "no_items":
        data["sections"][1]["items"] = []
    elif change == "bad_version":
        data["version"] = "1"
    elif change == "zero_version":
        data["version"] = 0
    elif change == "no_sections":
        data["sections"] = []
    elif change == "steps_not_list":
        first["required_for"] = "toelating"
    return data


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ("missing_client_text", "item 'id_document': veld 'client_text' ontbreekt"),
        ("duplicate_item", "item 'id_document': deze code komt twee keer voor"),
        ("unknown_step", "item 'id_document': onbekende stap 'intake'"),
        ("repeated_step", "item 'id_document': stap 'toelating' staat twee keer"),
        ("per_partner_text", "item 'id_document': 'per_partner' moet true of false zijn"),
        ("extra_field", "item 'id_document': onbekend veld 'note'"),
        ("bad_code", "onderdeel 'identity', item 1: code 'ID:document' ontbreekt of is ongeldig"),
        ("empty_title", "item 'id_document': veld 'title' ontbreekt of is geen tekst"),
        ("duplicate_section", "onderdeel 'identity': deze code komt twee keer voor"),
        ("no_items", "onderdeel 'meters': 'items' moet een lijst"),
        ("bad_version", "'version' moet een heel getal"),
        ("zero_version", "'version' moet een heel getal"),
        ("no_sections", "'sections' moet een lijst"),
        ("steps_not_list", "item 'id_document': 'required_for' moet een lijst"),
    ],
)
def test_bad_checklist_is_refused_with_file_and_code(tmp_path: Path, change: str, fragment: str) -> None:
    # GIVEN a checklist file with one mistake
    file = _write(tmp_path, _broken(change))
    # WHEN it is loaded THEN the error names the file and the place
    with pytest.raises(ChecklistError) as caught:
        load_checklist(file)
    message = str(caught.value)
    assert message.startswith(f"Voorlegger-lijst '{file}'")
    assert fragment in message


def test_invalid_json_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "broken.json"
    file.write_text("{ not json", encoding="utf-8")
    with pytest.raises(ChecklistError, match="geen geldige JSON"):
        load_checklist(file)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ChecklistError, match="niet te lezen"):
        load_checklist(tmp_path / "absent.json")


def test_a_list_at_top_level_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ChecklistError, match="verwacht een object"):
        load_checklist(_write(tmp_path, []))


# --- keys ------------------------------------------------------------------------------------


def test_status_keys() -> None:
    assert status_key("payslips") == "payslips"
    assert status_key("payslips", partner=True) == "payslips:partner"
    assert parse_status_key("payslips:partner") == ("payslips", True)
    assert parse_status_key("payslips") == ("payslips", False)


def test_checklist_keys_double_per_partner_items_only_with_partner(tiny: Checklist) -> None:
    assert tiny.keys(has_partner=False) == ("id_document", "meter_gas", "extra")
    assert tiny.keys(has_partner=True) == (
        "id_document",
        "id_document:partner",
        "meter_gas",
        "extra",
        "extra:partner",
    )


def test_item_lookup(tiny: Checklist) -> None:
    assert tiny.item("meter_gas").section_code == "meters"
    with pytest.raises(KeyError):
        tiny.item("unknown")


# --- gates -----------------------------------------------------------------------------------


def test_missing_for_toelating_without_partner(tiny: Checklist) -> None:
    missing = missing_for("toelating", {}, False, tiny)
    assert [m.key for m in missing] == ["id_document"]
    assert not missing[0].for_partner
    assert missing[0].item.code == "id_document"


def test_missing_for_counts_the_partner_copy(tiny: Checklist) -> None:
    # GIVEN the client's ID checked but not the partner's
    statuses = {"id_document": S.CHECKED, "id_document:partner": S.RECEIVED}
    # THEN only the partner's copy blocks
    missing = missing_for("toelating", statuses, True, tiny)
    assert [(m.key, m.for_partner) for m in missing] == [("id_document:partner", True)]


def test_received_is_not_enough_but_not_applicable_is(tiny: Checklist) -> None:
    assert [m.key for m in missing_for("settlement_ready", {"id_document": S.RECEIVED}, False, tiny)] == [
        "id_document",
        "meter_gas",
    ]
    done = {"id_document": S.CHECKED, "meter_gas": S.NOT_APPLICABLE}
    assert missing_for("settlement_ready", done, False, tiny) == []


def test_items_required_for_nothing_never_block(tiny: Checklist) -> None:
    keys = {m.key for m in missing_for("settlement_ready", {}, True, tiny)}
    assert "extra" not in keys and "extra:partner" not in keys


def test_statuses_for_unknown_keys_are_ignored(tiny: Checklist) -> None:
    statuses = {"id_document": S.CHECKED, "old_item": S.OPEN}
    assert missing_for("toelating", statuses, False, tiny) == []


def test_unknown_step_is_refused(tiny: Checklist) -> None:
    with pytest.raises(ValueError, match="Onbekende stap 'intake'"):
        missing_for("intake", {}, False, tiny)


def test_missing_for_on_the_bundled_list_defaults() -> None:
    all_missing = missing_for("settlement_ready", {}, True)
    assert len(all_missing) == len(default_checklist().keys(has_partner=True))


# --- progress --------------------------------------------------------------------------------


def test_section_progress(tiny: Checklist) -> None:
    statuses = {"id_document": S.CHECKED, "meter_gas": S.REQUESTED, "extra:partner": S.NOT_APPLICABLE}
    progress = section_progress(statuses, True, tiny)
    assert [(p.code, p.title, p.done, p.total) for p in progress] == [
        ("identity", "Identiteit", 1, 2),
        ("meters", "Meterstanden", 1, 3),
    ]


status_maps = st.dictionaries(
    st.sampled_from(default_checklist().keys(has_partner=True)), st.sampled_from(list(ItemStatus))
)


@PROPS
@given(status_maps, st.booleans())
def test_progress_and_gate_agree(statuses: dict[str, ItemStatus], has_partner: bool) -> None:
    checklist = default_checklist()
    progress = section_progress(statuses, has_partner, checklist)
    total = sum(p.total for p in progress)
    done = sum(p.done for p in progress)
    assert total == len(checklist.keys(has_partner))
    assert 0 <= done <= total
    # every item gates settlement_ready, so what is missing is exactly what is not done
    assert len(missing_for("settlement_ready", statuses, has_partner, checklist)) == total - done
    # toelating never asks for more than settlement_ready
    toelating = {m.key for m in missing_for("toelating", statuses, has_partner, checklist)}
    assert toelating <= {m.key for m in missing_for("settlement_ready", statuses, has_partner, checklist)}


# --- statuses --------------------------------------------------------------------------------


def test_status_labels_are_dutch_and_complete() -> None:
    assert ITEM_STATUS_LABELS == {
        S.OPEN: "Open",
        S.REQUESTED: "Opgevraagd",
        S.RECEIVED: "Ontvangen",
        S.CHECKED: "Gecontroleerd",
        S.NOT_APPLICABLE: "N.v.t.",
    }
    assert set(STEP_LABELS) == set(VoorleggerStep)
    assert frozenset({S.CHECKED, S.NOT_APPLICABLE}) == DONE_STATUSES
    assert frozenset({S.NOT_APPLICABLE}) == STATUSES_NEEDING_REASON


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (S.OPEN, S.REQUESTED, True),
        (S.REQUESTED, S.RECEIVED, True),
        (S.RECEIVED, S.CHECKED, True),
        (S.OPEN, S.RECEIVED, True),  # the client brings it unasked
        (S.OPEN, S.NOT_APPLICABLE, True),
        (S.CHECKED, S.RECEIVED, True),  # the second colleague rejects it
        (S.NOT_APPLICABLE, S.OPEN, True),
        (S.OPEN, S.CHECKED, False),  # nothing to check yet
        (S.REQUESTED, S.CHECKED, False),
        (S.NOT_APPLICABLE, S.CHECKED, False),
        (S.CHECKED, S.NOT_APPLICABLE, False),
        (S.OPEN, S.OPEN, False),
    ],
)
def test_status_moves(current: ItemStatus, target: ItemStatus, allowed: bool) -> None:
    assert can_move_status(current, target) is allowed


def test_checked_is_only_reached_from_received() -> None:
    sources = {current for current, targets in ALLOWED_STATUS_MOVES.items() if S.CHECKED in targets}
    assert sources == {S.RECEIVED}
    assert set(ALLOWED_STATUS_MOVES) == set(ItemStatus)


def test_four_eyes() -> None:
    assert four_eyes_ok("anna", "bram")
    assert not four_eyes_ok("anna", "anna")
    assert four_eyes_ok(None, "anna")
