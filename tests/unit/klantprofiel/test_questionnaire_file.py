"""The questionnaire file: the bundled version is sound, and bad files fail loudly, naming the item."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.rules.klantprofiel import Axis, QuestionnaireError, load_questionnaire
from app.rules.klantprofiel_data import questionnaire_path

Edit = Callable[[dict[str, Any]], None]


def _bundled_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(questionnaire_path().read_text(encoding="utf-8"))
    return data


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "klantprofiel-test.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _item(data: dict[str, Any], code: str) -> dict[str, Any]:
    found: dict[str, Any] = next(item for item in data["items"] if item["code"] == code)
    return found


def test_bundled_questionnaire_loads_with_items_on_every_axis() -> None:
    q = load_questionnaire()
    assert (q.id, q.version) == ("klantprofiel", 1)
    assert 15 <= len(q.items) <= 25
    assert {item.axis for item in q.items} == set(Axis)
    assert len(q.scale.labels) == q.scale.max - q.scale.min + 1
    for theme in q.themes:
        assert q.items_for_theme(theme.code), theme.code


def test_bundled_statements_are_short_first_person_sentences() -> None:
    # B1: short sentences, said together with the client in the 'ik'-form
    for item in load_questionnaire().items:
        words = re.findall(r"\w+", item.text)
        assert len(words) <= 15, item.code
        assert re.search(r"\b(ik|mijn|mij)\b", item.text.lower()), item.code
        assert item.text.endswith("."), item.code


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: _item(d, "KN2").update(axis="skill"), "vraag 'KN2': onbekende as 'skill'"),
        (lambda d: _item(d, "TA3").update(direction=0), "vraag 'TA3': 'direction' moet 1 of -1 zijn"),
        (lambda d: _item(d, "TA3").update(direction=True), "vraag 'TA3': 'direction' moet 1 of -1 zijn"),
        (lambda d: _item(d, "WB4").update(weight=0), "vraag 'WB4': 'weight' moet groter dan 0 zijn"),
        (lambda d: _item(d, "WB4").update(weight=-1.5), "vraag 'WB4': 'weight' moet groter dan 0 zijn"),
        (lambda d: _item(d, "WB4").update(weight="1"), "vraag 'WB4': veld 'weight' moet een getal zijn"),
        (lambda d: _item(d, "AD1").update(code="AD2"), "vraag 'AD2': dubbele vraagcode"),
        (lambda d: _item(d, "OU1").update(theme="kijk"), "vraag 'OU1': onbekend thema 'kijk'"),
        (lambda d: _item(d, "OU4").pop("text"), "vraag 'OU4': veld 'text' ontbreekt"),
        (
            lambda d: _item(d, "OU4").update(text="  "),
            "vraag 'OU4': veld 'text' moet een niet-lege tekst zijn",
        ),
        (lambda d: _item(d, "KN5").update(weigth=1), "vraag 'KN5': onbekend veld 'weigth'"),
        (lambda d: d["items"][3].pop("code"), "vraag 4: veld 'code' ontbreekt"),
    ],
)
def test_a_bad_item_is_named_in_the_error(tmp_path: Path, edit: Edit, message: str) -> None:
    # GIVEN the bundled questionnaire with one mistake
    data = copy.deepcopy(_bundled_json())
    edit(data)
    # WHEN loaded THEN the error names the file and the item
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(_write(tmp_path, data))
    assert str(caught.value).startswith("klantprofiel-test.json: ")
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["scale"].update(labels=["a", "b"]), "verwacht 5 labels"),
        (lambda d: d["scale"].update(max=1), "'max' (1) moet groter zijn dan 'min' (1)"),
        (lambda d: d["mapping"].pop("anger_threshold"), "mapping: veld 'anger_threshold' ontbreekt"),
        (lambda d: d["mapping"].update(skills_boundary=120), "'skills_boundary' moet tussen 0 en 100"),
        (lambda d: d["mapping"].update(min_answered_share=0), "'min_answered_share' moet groter dan 0"),
        (lambda d: d["themes"].append(dict(d["themes"][0])), "thema 'wellbeing': dubbele themacode"),
        (
            lambda d: d["themes"].append({"code": "leeg", "title": "Leeg", "intro": "Niets."}),
            "thema 'leeg' heeft geen vragen",
        ),
        (
            lambda d: d.update(items=[i for i in d["items"] if i["axis"] != "anger"]),
            "geen enkele vraag meet de as 'anger'",
        ),
    ],
)
def test_a_bad_scale_mapping_or_theme_is_explained(tmp_path: Path, edit: Edit, message: str) -> None:
    data = copy.deepcopy(_bundled_json())
    edit(data)
    with pytest.raises(QuestionnaireError, match=re.escape(message)):
        load_questionnaire(_write(tmp_path, data))


def test_broken_json_and_missing_file_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.json"
    broken.write_text('{"id": "klantprofiel",', encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=r"kapot\.json: geen geldige JSON \(regel 1"):
        load_questionnaire(broken)
    with pytest.raises(QuestionnaireError, match=r"weg\.json: bestand niet gevonden"):
        load_questionnaire(tmp_path / "weg.json")
