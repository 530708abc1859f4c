"""Letter templates: loading, placeholder checks and filling."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from app.documents import TEMPLATE_KINDS, TemplateError, load_template
from app.documents.template_parts import BUILTIN_FIELDS
from app.documents.templates import parse_template
from app.resources import resource_path

from .samples import SAMPLE_FIELDS

BUILTINS = {name: f"<{name}>" for name in BUILTIN_FIELDS}


def raw(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resource_path("templates", "letters", f"{kind}.json").read_text("utf-8")
    )
    return copy.deepcopy(data)


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_every_kind_loads_with_a_version_and_a_dutch_title(kind: str) -> None:
    template = load_template(kind)

    assert template.kind == kind
    assert template.version >= 1
    assert template.title


def test_decision_kinds_are_exactly_the_beschikkingen() -> None:
    decisions = {kind for kind in TEMPLATE_KINDS if load_template(kind).is_decision}

    assert decisions == {"toelating", "afwijzing", "beeindiging"}


def test_unknown_kind_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="unknown letter kind"):
        load_template("aanmaning")


def test_undeclared_placeholder_names_template_and_field() -> None:
    # GIVEN a paragraph that uses a field nobody declared
    data = raw("uitnodiging")
    data["blocks"].append({"type": "paragraph", "text": "Neem {umbrella} mee."})

    # WHEN / THEN
    with pytest.raises(TemplateError) as caught:
        parse_template("uitnodiging", data)
    assert caught.value.template == "uitnodiging"
    assert caught.value.field == "umbrella"
    assert "'uitnodiging'" in str(caught.value) and "'umbrella'" in str(caught.value)


def test_optional_field_outside_a_when_block_is_refused() -> None:
    data = raw("uitnodiging")
    data["blocks"].append({"type": "paragraph", "text": "Let op: {extra_note}"})

    with pytest.raises(TemplateError, match="optional field") as caught:
        parse_template("uitnodiging", data)
    assert caught.value.field == "extra_note"


def test_declared_field_that_is_never_used_is_refused() -> None:
    data = raw("uitnodiging")
    data["fields"].append({"name": "parking", "type": "text", "required": False, "label": "Parkeren"})

    with pytest.raises(TemplateError, match="never used") as caught:
        parse_template("uitnodiging", data)
    assert caught.value.field == "parking"


def test_builtin_name_cannot_be_declared() -> None:
    data = raw("uitnodiging")
    data["fields"].append({"name": "dossier_number", "type": "text", "required": True, "label": "Kenmerk"})

    with pytest.raises(TemplateError, match="filled by the renderer"):
        parse_template("uitnodiging", data)


def test_list_field_cannot_be_used_in_running_text() -> None:
    data = raw("uitnodiging")
    data["blocks"].append({"type": "paragraph", "text": "Neem mee: {bring_items}."})

    with pytest.raises(TemplateError, match="list field") as caught:
        parse_template("uitnodiging", data)
    assert caught.value.field == "bring_items"


def test_format_specs_in_placeholders_are_refused() -> None:
    data = raw("uitnodiging")
    data["blocks"].append({"type": "paragraph", "text": "Om {meeting_time:%H}."})

    with pytest.raises(TemplateError, match="plain"):
        parse_template("uitnodiging", data)


def test_structure_errors_come_from_the_schema_with_a_path() -> None:
    data = raw("uitnodiging")
    data["blocks"][0]["type"] = "poem"

    with pytest.raises(TemplateError, match="invalid structure at blocks/0"):
        parse_template("uitnodiging", data)


def test_non_decision_cannot_print_an_objection_date() -> None:
    data = raw("uitnodiging")
    data["blocks"].append({"type": "paragraph", "text": "Bezwaar kan tot {objection_until}."})

    with pytest.raises(TemplateError, match="only a beschikking") as caught:
        parse_template("uitnodiging", data)
    assert caught.value.field == "objection_until"


@pytest.mark.parametrize("kind", ["toelating", "afwijzing", "beeindiging"])
def test_beschikking_without_bezwaarclausule_is_refused(kind: str) -> None:
    data = raw(kind)
    data["blocks"] = [block for block in data["blocks"] if block["type"] != "objection"]

    with pytest.raises(TemplateError, match="objection block"):
        parse_template(kind, data)


def test_bezwaarclausule_must_print_the_last_day() -> None:
    data = raw("toelating")
    for block in data["blocks"]:
        if block["type"] == "objection":
            block["text"] = block["text"].replace("{objection_until}", "de laatste dag")

    with pytest.raises(TemplateError, match="bezwaarclausule") as caught:
        parse_template("toelating", data)
    assert caught.value.field == "objection_until"


def test_beschikking_needs_a_legal_basis() -> None:
    data = raw("afwijzing")
    data["legal_basis"] = None

    with pytest.raises(TemplateError, match="legal_basis"):
        parse_template("afwijzing", data)


def test_beschikking_needs_a_required_motivation() -> None:
    data = raw("beeindiging")
    for spec in data["fields"]:
        if spec["name"] == "motivation":
            spec["required"] = False

    with pytest.raises(TemplateError) as caught:
        parse_template("beeindiging", data)
    assert caught.value.field == "motivation"


def test_fill_reports_a_missing_required_field_by_name() -> None:
    values = dict(SAMPLE_FIELDS["toelating"])
    del values["motivation"]

    with pytest.raises(TemplateError, match="missing") as caught:
        load_template("toelating").fill(values, BUILTINS)
    assert (caught.value.template, caught.value.field) == ("toelating", "motivation")


def test_fill_treats_blank_required_text_as_missing() -> None:
    values = {**SAMPLE_FIELDS["afwijzing"], "motivation": "   "}

    with pytest.raises(TemplateError, match="missing"):
        load_template("afwijzing").fill(values, BUILTINS)


def test_fill_refuses_an_unknown_field() -> None:
    values = {**SAMPLE_FIELDS["uitnodiging"], "umbrella": "ja"}

    with pytest.raises(TemplateError, match="unknown field") as caught:
        load_template("uitnodiging").fill(values, BUILTINS)
    assert caught.value.field == "umbrella"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("meeting_date", "8 december"),
        ("bring_items", "Uw paspoort"),
        ("meeting_time", "9.30"),
    ],
)
def test_fill_checks_value_types(field: str, value: object) -> None:
    values = {**SAMPLE_FIELDS["uitnodiging"], field: value}

    with pytest.raises(TemplateError, match="expected") as caught:
        load_template("uitnodiging").fill(values, BUILTINS)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_money_field_refuses_floats() -> None:
    values = {**SAMPLE_FIELDS["toelating"], "garnishment_free_amount": 1452.63}

    with pytest.raises(TemplateError, match="integer cents"):
        load_template("toelating").fill(values, BUILTINS)  # type: ignore[arg-type]


def test_refusal_ground_must_be_a_wgs_article_3_ground() -> None:
    spec = load_template("afwijzing").spec("ground")
    assert spec.choices is not None and set(spec.choices) == {"recidive", "fraude"}
    values = {**SAMPLE_FIELDS["afwijzing"], "ground": "schulden_te_hoog"}

    with pytest.raises(TemplateError, match="unknown choice"):
        load_template("afwijzing").fill(values, BUILTINS)


def test_fill_formats_values_and_skips_optional_blocks() -> None:
    # GIVEN an invitation without the optional extra note
    blocks = load_template("uitnodiging").fill(SAMPLE_FIELDS["uitnodiging"], BUILTINS)

    # THEN the date and time are Dutch, the list is a list, no block mentions the note
    facts = next(block for block in blocks if block.type == "facts")
    assert ("Datum", "dinsdag 8 december 2026") in facts.rows
    assert ("Tijd", "9.30 uur") in facts.rows
    lists = [block for block in blocks if block.type == "list"]
    assert lists[0].items == ("Uw identiteitsbewijs", "Brieven van schuldeisers")
    assert len(blocks) == len(load_template("uitnodiging").blocks) - 1


def test_optional_plan_section_falls_back_to_its_empty_text() -> None:
    blocks = load_template("toelating").fill(SAMPLE_FIELDS["toelating"], BUILTINS)

    plan = next(block for block in blocks if block.type == "plan")
    referrals = dict(plan.sections)["Hulp van andere organisaties"]
    assert isinstance(referrals, str) and referrals.startswith("Wij verwijzen u nu niet door")


def test_template_values_are_not_reinterpreted_as_placeholders() -> None:
    values = {**SAMPLE_FIELDS["afwijzing"], "motivation": "Zie {dossier_number} en {{x}}."}

    blocks = load_template("afwijzing").fill(values, BUILTINS)

    assert any(block.text == "Zie {dossier_number} en {{x}}." for block in blocks)


def test_dates_in_fields_are_plain_dates() -> None:
    values = {**SAMPLE_FIELDS["beeindiging"], "end_date": date(2027, 1, 4)}

    blocks = load_template("beeindiging").fill(values, BUILTINS)

    assert any("4 januari 2027" in block.text for block in blocks)
