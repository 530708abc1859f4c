"""Texts of the client cards as versioned data (``resources/templates/cards/*.json``).

Every key, tone and placeholder is checked when loaded; a wrong file is a ``TemplateError``
naming the file and the key. The "Gelukt!" praise must start with "Goed gedaan, én"
(seed 001, stress-sensitive work: never "goed gedaan, maar").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.documents.models import Tone
from app.documents.template_parts import TemplateError, placeholders
from app.resources import resource_path
from app.rules.phases import MAIN_LINE, Phase

#: Keys of the klantkaart's fixed texts, with the placeholders each may use.
CLIENT_CARD_KEYS: dict[str, frozenset[str]] = {
    "title": frozenset(),
    "for_client": frozenset({"client_name"}),
    "where_heading": frozenset(),
    "next_steps_heading": frozenset(),
    "no_next_steps": frozenset(),
    "due": frozenset({"due"}),
    "municipality_heading": frozenset(),
    "no_municipality_steps": frozenset(),
    "appointment_heading": frozenset(),
    "appointment": frozenset({"day", "time"}),
    "appointment_place": frozenset({"place"}),
    "appointment_with": frozenset({"with_whom"}),
    "no_appointment": frozenset(),
    "contact_heading": frozenset(),
    "contact": frozenset({"contact_name", "contact_phone"}),
    "tip_heading": frozenset(),
}

SUCCESS_CARD_KEYS: dict[str, frozenset[str]] = {
    "title": frozenset(),
    "greeting": frozenset({"client_name"}),
    "achievement_heading": frozenset(),
    "next_heading": frozenset(),
    "where_heading": frozenset(),
    "closing": frozenset(),
    "contact": frozenset({"counsellor_name", "contact_phone"}),
}

_TONE_KEYS: dict[str, frozenset[str]] = {
    "intro": frozenset(),
    "check_in": frozenset({"check_in_date"}),
    "closing": frozenset({"contact_name", "contact_phone"}),
}

PRAISE_OPENING = "Goed gedaan, én"


@dataclass(frozen=True)
class ToneTexts:
    intro: str
    extra: tuple[str, ...]
    check_in: str
    closing: str
    show_tip: bool


@dataclass(frozen=True)
class ClientCardTexts:
    """The klantkaart texts: fixed texts, one wording per tone, a learning tip per step."""

    version: int
    texts: Mapping[str, str]
    tones: Mapping[Tone, ToneTexts]
    tips: Mapping[Phase, str]


@dataclass(frozen=True)
class SuccessCardTexts:
    version: int
    texts: Mapping[str, str]
    praise: Mapping[Tone, str]


@cache
def load_client_card_texts() -> ClientCardTexts:
    """Load and check ``cards/klantkaart.json``."""
    name = "klantkaart"
    raw = _read(name)
    texts = _texts(name, raw.get("texts"), CLIENT_CARD_KEYS)
    tones_raw = _mapping(name, raw.get("tones"), "tones")
    _exact_keys(name, tones_raw, {tone.value for tone in Tone}, "tones")
    tones: dict[Tone, ToneTexts] = {}
    for code, item in tones_raw.items():
        entry = _mapping(name, item, f"tones.{code}")
        _exact_keys(name, entry, {*_TONE_KEYS, "extra", "show_tip"}, f"tones.{code}")
        for key, allowed in _TONE_KEYS.items():
            _check_text(name, f"tones.{code}.{key}", entry[key], allowed)
        if "check_in_date" not in set(placeholders(name, entry["check_in"])):
            raise TemplateError(name, "must use {check_in_date}", f"tones.{code}.check_in")
        extra = entry["extra"]
        if not isinstance(extra, list):
            raise TemplateError(name, "must be a list of texts", f"tones.{code}.extra")
        for i, line in enumerate(extra):
            _check_text(name, f"tones.{code}.extra[{i}]", line, frozenset())
        if not isinstance(entry["show_tip"], bool):
            raise TemplateError(name, "must be true or false", f"tones.{code}.show_tip")
        tones[Tone(code)] = ToneTexts(
            entry["intro"], tuple(extra), entry["check_in"], entry["closing"], entry["show_tip"]
        )
    tips_raw = _mapping(name, raw.get("tips"), "tips")
    _exact_keys(name, tips_raw, {phase.value for phase in MAIN_LINE}, "tips")
    for code, tip in tips_raw.items():
        _check_text(name, f"tips.{code}", tip, frozenset())
    return ClientCardTexts(
        version=_version(name, raw),
        texts=texts,
        tones=tones,
        tips={Phase(code): tip for code, tip in tips_raw.items()},
    )


@cache
def load_success_card_texts() -> SuccessCardTexts:
    """Load and check ``cards/gelukt.json``."""
    name = "gelukt"
    raw = _read(name)
    texts = _texts(name, raw.get("texts"), SUCCESS_CARD_KEYS)
    tones_raw = _mapping(name, raw.get("tones"), "tones")
    _exact_keys(name, tones_raw, {tone.value for tone in Tone}, "tones")
    praise: dict[Tone, str] = {}
    for code, item in tones_raw.items():
        entry = _mapping(name, item, f"tones.{code}")
        _exact_keys(name, entry, {"praise"}, f"tones.{code}")
        _check_text(name, f"tones.{code}.praise", entry["praise"], frozenset())
        if not entry["praise"].startswith(PRAISE_OPENING):
            raise TemplateError(name, f"praise must start with '{PRAISE_OPENING}'", f"tones.{code}.praise")
        praise[Tone(code)] = entry["praise"]
    return SuccessCardTexts(version=_version(name, raw), texts=texts, praise=praise)


def fill(name: str, text: str, **values: str) -> str:
    """Fill a checked card text; a placeholder without a value is a ``TemplateError``."""
    for key in placeholders(name, text):
        if key not in values:
            raise TemplateError(name, "no value for placeholder", key)
    return text.format(**values)


def _read(name: str) -> dict[str, Any]:
    path = resource_path("templates", "cards", f"{name}.json")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TemplateError(name, f"cannot read {path.name}: {exc}") from exc
    if not isinstance(raw, dict) or raw.get("kind") != name:
        raise TemplateError(name, f'{path.name} must be an object with "kind": "{name}"')
    return raw


def _version(name: str, raw: Mapping[str, Any]) -> int:
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TemplateError(name, "needs a positive integer version", "version")
    return version


def _mapping(name: str, value: Any, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TemplateError(name, "must be an object", key)
    return value


def _exact_keys(name: str, value: Mapping[str, Any], expected: set[str], where: str) -> None:
    missing = sorted(expected - set(value))
    if missing:
        raise TemplateError(name, "is missing", f"{where}.{missing[0]}")
    unknown = sorted(set(value) - expected)
    if unknown:
        raise TemplateError(name, "is not a known key", f"{where}.{unknown[0]}")


def _texts(name: str, value: Any, keys: Mapping[str, frozenset[str]]) -> dict[str, str]:
    texts = _mapping(name, value, "texts")
    _exact_keys(name, texts, set(keys), "texts")
    for key, allowed in keys.items():
        _check_text(name, f"texts.{key}", texts[key], allowed)
    return dict(texts)


def _check_text(name: str, key: str, text: Any, allowed: frozenset[str]) -> None:
    if not isinstance(text, str) or not text.strip():
        raise TemplateError(name, "must be a non-empty text", key)
    for placeholder in placeholders(name, text):
        if placeholder not in allowed:
            raise TemplateError(name, f"unknown placeholder {{{placeholder}}} in '{key}'", placeholder)
