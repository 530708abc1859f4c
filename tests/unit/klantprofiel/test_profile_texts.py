"""Texts per profile: faithful to seed 004, products known, card hints safe to give to the client."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from app.resources import resource_path
from app.rules.klantprofiel import (
    PROFILE_LABELS,
    SUPPORT_PRODUCTS,
    Profile,
    ProfileTextError,
    approach_for,
    load_approaches,
)


def _bundled_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("texts", "profielen.json").read_text(encoding="utf-8"))
    return data


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "profielen-test.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_every_profile_has_kenmerken_aanpak_and_card_hints() -> None:
    for profile in Profile:
        approach = approach_for(profile)
        assert approach.kenmerken and approach.aanpak and approach.card_hints
        assert set(approach.products) <= SUPPORT_PRODUCTS


def test_texts_follow_seed_004() -> None:
    assert "Leerbaarheid is hoog." in approach_for(Profile.ONWETENDE).kenmerken
    assert any("stok achter de deur" in line for line in approach_for(Profile.STRUISVOGEL).aanpak)
    assert any("uit handen neemt" in line for line in approach_for(Profile.KWETSBARE).aanpak)
    assert {"budget_management", "protective_administration"} <= set(approach_for(Profile.KWETSBARE).products)
    assert "budget_coaching" in approach_for(Profile.ONWETENDE).products
    assert "budget_guidance" in approach_for(Profile.STRUISVOGEL).products


def test_card_hints_never_name_a_profile_and_stay_short() -> None:
    # The profile is an aid for the counsellor, never a label on what the client receives.
    names = [label.split()[-1].lower() for label in PROFILE_LABELS.values()]
    for profile in Profile:
        for hint in approach_for(profile).card_hints:
            assert not any(name in hint.lower() for name in names), hint
            assert "profiel" not in hint.lower()
            for sentence in re.split(r"(?<=[.?!])\s+", hint):
                assert len(re.findall(r"\w+", sentence)) <= 12, sentence


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda d: d["profiles"]["struisvogel"]["card_hints"].append("U bent een struisvogel."),
            "profiel 'struisvogel': card_hints noemt een profiel",
        ),
        (
            lambda d: d["profiles"]["aanpakker"]["card_hints"].append("Dit past bij uw profiel."),
            "profiel 'aanpakker': card_hints noemt een profiel",
        ),
        (
            lambda d: d["profiles"]["kwetsbare"].update(products=["bewind"]),
            "profiel 'kwetsbare': onbekend product 'bewind'",
        ),
        (lambda d: d["profiles"].pop("benadeelde"), "profiles: veld 'benadeelde' ontbreekt"),
        (
            lambda d: d["profiles"]["onwetende"].update(aanpak=[]),
            "profiel 'onwetende': veld 'aanpak' mag niet leeg",
        ),
    ],
)
def test_a_bad_texts_file_is_named_in_the_error(tmp_path: Path, edit: Any, message: str) -> None:
    data = copy.deepcopy(_bundled_json())
    edit(data)
    with pytest.raises(ProfileTextError, match=re.escape(message)):
        load_approaches(_write(tmp_path, data))
