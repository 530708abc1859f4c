"""Data behind the klantprofiel: the questionnaire and the texts per profile, loaded and checked.

The questionnaire (``resources/questionnaires/klantprofiel-v<N>.json``) holds every item with its
axis, direction and weight, and the thresholds of the mapping; the texts
(``resources/texts/profielen.json``) hold kenmerken, aanpak, products and client-safe card hints
per profile. Both are validated strictly on load: a bad file raises an error that names the file
and, where it can, the item or profile, so a typo never turns into a silent wrong score.

Source: Schouders Eronder / Purpose, 'Het stabilisatietraject' (2019), ch. 6 Klantanalyse
(004:1517-1545) and bijlage E (004:2603-2619); DOMAIN.md "Klantprofielen".
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app.resources import resource_path

#: File name of the questionnaire version in use (older versions stay for old assessments).
CURRENT_QUESTIONNAIRE = "klantprofiel-v1.json"
PROFILE_TEXTS = "profielen.json"


class Profile(StrEnum):
    """The five klantprofielen (004:1517); Dutch labels in ``PROFILE_LABELS``."""

    ONWETENDE = "onwetende"
    AANPAKKER = "aanpakker"
    KWETSBARE = "kwetsbare"
    BENADEELDE = "benadeelde"
    STRUISVOGEL = "struisvogel"


PROFILE_LABELS: dict[Profile, str] = {
    Profile.ONWETENDE: "De onwetende",
    Profile.AANPAKKER: "De aanpakker",
    Profile.KWETSBARE: "De kwetsbare",
    Profile.BENADEELDE: "De benadeelde",
    Profile.STRUISVOGEL: "De struisvogel",
}


class Axis(StrEnum):
    """What an item measures. ``MENTAL_ROOM`` scores the *lack* of mental room (high = little room)."""

    SKILLS = "skills"
    MOTIVATION = "motivation"
    MENTAL_ROOM = "mental_room"
    ANGER = "anger"
    LEARNABILITY = "learnability"


AXIS_LABELS: dict[Axis, str] = {
    Axis.SKILLS: "vaardigheden",
    Axis.MOTIVATION: "motivatie",
    Axis.MENTAL_ROOM: "weinig mentale ruimte",
    Axis.ANGER: "boosheid op 'het systeem'",
    Axis.LEARNABILITY: "leerbaarheid",
}

#: Support product codes a profile text may recommend (DOMAIN.md glossary).
SUPPORT_PRODUCTS: frozenset[str] = frozenset(
    {
        "budget_coaching",
        "budget_guidance",
        "budget_management",
        "protective_administration",
        "long_term_service",
    }
)

#: Word stems that must never appear in client-facing card hints (the profile is not a label).
_FORBIDDEN_IN_CARD_HINTS: tuple[str, ...] = (
    "onwetend",
    "aanpakker",
    "kwetsba",
    "benadeeld",
    "struisvogel",
    "profiel",
)


class KlantprofielDataError(ValueError):
    """A bundled klantprofiel data file is missing or malformed (a configuration error, not user input)."""


class QuestionnaireError(KlantprofielDataError):
    """The questionnaire file is invalid; the message names the file and the item code."""


class ProfileTextError(KlantprofielDataError):
    """The profile texts file is invalid; the message names the file and the profile."""


@dataclass(frozen=True)
class Scale:
    """The answer scale, e.g. 1..5 with one Dutch label per step."""

    min: int
    max: int
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    """One screen of the questionnaire."""

    code: str
    title: str
    intro: str


@dataclass(frozen=True)
class Item:
    """One B1 statement. ``direction`` 1: agreeing raises the axis score; -1: agreeing lowers it."""

    code: str
    theme: str
    text: str
    axis: Axis
    direction: int
    weight: float


@dataclass(frozen=True)
class Thresholds:
    """Boundaries of the mapping to profiles, all on the 0-100 scale except ``min_answered_share``."""

    skills_boundary: float
    motivation_boundary: float
    learnability_boundary: float
    mental_room_threshold: float
    anger_threshold: float
    ambiguity_margin: float
    min_answered_share: float


@dataclass(frozen=True)
class Questionnaire:
    """A validated questionnaire version."""

    id: str
    version: int
    title: str
    instruction: str
    scale: Scale
    thresholds: Thresholds
    themes: tuple[Theme, ...]
    items: tuple[Item, ...]

    def items_for_theme(self, theme_code: str) -> tuple[Item, ...]:
        """Return the items of one theme (one screen), in file order."""
        return tuple(item for item in self.items if item.theme == theme_code)

    def item(self, code: str) -> Item:
        """Return the item with this code; ``KeyError`` when unknown."""
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)


@dataclass(frozen=True)
class Approach:
    """What fits a profile: kenmerken and aanpak (for the counsellor), products, client-safe card hints."""

    kenmerken: tuple[str, ...]
    aanpak: tuple[str, ...]
    products: tuple[str, ...]
    card_hints: tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# Reading JSON with precise errors


def _read_json(path: Path, error: type[KlantprofielDataError]) -> dict[str, object]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise error(f"{path.name}: bestand niet gevonden ({path})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path.name}: bestand niet te lezen: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise error(f"{path.name}: geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})") from exc
    if not isinstance(raw, dict):
        raise error(f"{path.name}: verwacht een JSON-object bovenaan")
    return raw


class _Reader:
    """Typed access to one JSON object; every error message carries ``where`` (file + item)."""

    def __init__(self, obj: object, where: str, error: type[KlantprofielDataError]) -> None:
        if not isinstance(obj, dict):
            raise error(f"{where}: verwacht een JSON-object")
        self._obj: dict[str, object] = obj
        self._where = where
        self._error = error

    def fail(self, message: str) -> KlantprofielDataError:
        return self._error(f"{self._where}: {message}")

    def only_keys(self, allowed: set[str]) -> None:
        unknown = sorted(set(self._obj) - allowed)
        if unknown:
            raise self.fail(f"onbekend veld {', '.join(repr(k) for k in unknown)}")

    def raw(self, key: str) -> object:
        if key not in self._obj:
            raise self.fail(f"veld '{key}' ontbreekt")
        return self._obj[key]

    def text(self, key: str) -> str:
        value = self.raw(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"veld '{key}' moet een niet-lege tekst zijn")
        return value.strip()

    def integer(self, key: str) -> int:
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"veld '{key}' moet een geheel getal zijn, niet {value!r}")
        return value

    def number(self, key: str) -> float:
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise self.fail(f"veld '{key}' moet een getal zijn, niet {value!r}")
        return float(value)

    def texts(self, key: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        value = self.raw(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"veld '{key}' moet een lijst met niet-lege teksten zijn")
        if not value and not allow_empty:
            raise self.fail(f"veld '{key}' mag niet leeg zijn")
        return tuple(v.strip() for v in value)

    def objects(self, key: str) -> list[object]:
        value = self.raw(key)
        if not isinstance(value, list) or not value:
            raise self.fail(f"veld '{key}' moet een niet-lege lijst zijn")
        return value


# ---------------------------------------------------------------------------------------------
# Questionnaire


def questionnaire_path(file_name: str = CURRENT_QUESTIONNAIRE) -> Path:
    """Return the bundled path of a questionnaire version."""
    return resource_path("questionnaires", file_name)


def load_questionnaire(path: Path | None = None) -> Questionnaire:
    """Load and strictly validate a questionnaire file (default: the current version).

    Source: the questionnaire is ours (DOMAIN.md "Klantprofielen"); its axes follow 004:1525-1531.

    Raises:
        QuestionnaireError: naming the file and the item code, e.g. for an unknown axis, a direction
            other than 1/-1, a weight of 0 or less, a duplicate code, an unknown theme or missing text.
    """
    path = path if path is not None else questionnaire_path()
    name = path.name
    top = _Reader(_read_json(path, QuestionnaireError), name, QuestionnaireError)
    top.only_keys({"id", "version", "title", "source", "instruction", "scale", "mapping", "themes", "items"})
    scale = _load_scale(_Reader(top.raw("scale"), f"{name}: schaal", QuestionnaireError))
    thresholds = _load_thresholds(_Reader(top.raw("mapping"), f"{name}: mapping", QuestionnaireError))

    themes: list[Theme] = []
    for index, raw_theme in enumerate(top.objects("themes"), start=1):
        where = f"{name}: thema {index}"
        if isinstance(raw_theme, dict) and isinstance(raw_theme.get("code"), str):
            where = f"{name}: thema '{raw_theme['code']}'"
        reader = _Reader(raw_theme, where, QuestionnaireError)
        reader.only_keys({"code", "title", "intro"})
        theme = Theme(code=reader.text("code"), title=reader.text("title"), intro=reader.text("intro"))
        if any(t.code == theme.code for t in themes):
            raise reader.fail("dubbele themacode")
        themes.append(theme)
    theme_codes = {t.code for t in themes}

    items: list[Item] = []
    for index, raw_item in enumerate(top.objects("items"), start=1):
        item = _load_item(raw_item, index, name, theme_codes)
        if any(seen.code == item.code for seen in items):
            raise QuestionnaireError(f"{name}: vraag '{item.code}': dubbele vraagcode")
        items.append(item)

    for theme in themes:
        if not any(item.theme == theme.code for item in items):
            raise QuestionnaireError(f"{name}: thema '{theme.code}' heeft geen vragen")
    for axis in (Axis.SKILLS, Axis.MOTIVATION, Axis.MENTAL_ROOM, Axis.ANGER):
        if not any(item.axis is axis for item in items):
            raise QuestionnaireError(f"{name}: geen enkele vraag meet de as '{axis}'")

    return Questionnaire(
        id=top.text("id"),
        version=top.integer("version"),
        title=top.text("title"),
        instruction=top.text("instruction"),
        scale=scale,
        thresholds=thresholds,
        themes=tuple(themes),
        items=tuple(items),
    )


def _load_scale(reader: _Reader) -> Scale:
    reader.only_keys({"min", "max", "labels"})
    low, high = reader.integer("min"), reader.integer("max")
    if high <= low:
        raise reader.fail(f"'max' ({high}) moet groter zijn dan 'min' ({low})")
    labels = reader.texts("labels")
    if len(labels) != high - low + 1:
        raise reader.fail(f"verwacht {high - low + 1} labels, gevonden {len(labels)}")
    return Scale(min=low, max=high, labels=labels)


def _load_thresholds(reader: _Reader) -> Thresholds:
    fields = (
        "skills_boundary",
        "motivation_boundary",
        "learnability_boundary",
        "mental_room_threshold",
        "anger_threshold",
        "ambiguity_margin",
        "min_answered_share",
    )
    reader.only_keys(set(fields))
    values = {key: reader.number(key) for key in fields}
    for key in fields[:5]:
        if not 0 < values[key] < 100:
            raise reader.fail(f"'{key}' moet tussen 0 en 100 liggen, niet {values[key]}")
    if not 0 <= values["ambiguity_margin"] < 50:
        raise reader.fail(f"'ambiguity_margin' moet tussen 0 en 50 liggen, niet {values['ambiguity_margin']}")
    if not 0 < values["min_answered_share"] <= 1:
        raise reader.fail(
            f"'min_answered_share' moet groter dan 0 en hoogstens 1 zijn, niet {values['min_answered_share']}"
        )
    return Thresholds(**values)


def _load_item(raw: object, index: int, file_name: str, theme_codes: set[str]) -> Item:
    where = f"{file_name}: vraag {index}"
    if isinstance(raw, dict) and isinstance(raw.get("code"), str) and raw["code"].strip():
        where = f"{file_name}: vraag '{raw['code'].strip()}'"
    reader = _Reader(raw, where, QuestionnaireError)
    reader.only_keys({"code", "theme", "text", "axis", "direction", "weight"})
    code = reader.text("code")
    theme = reader.text("theme")
    if theme not in theme_codes:
        raise reader.fail(f"onbekend thema '{theme}' (bekend: {', '.join(sorted(theme_codes))})")
    text = reader.text("text")
    axis_code = reader.text("axis")
    try:
        axis = Axis(axis_code)
    except ValueError:
        known = ", ".join(a.value for a in Axis)
        raise reader.fail(f"onbekende as '{axis_code}' (bekend: {known})") from None
    direction = reader.raw("direction")
    if isinstance(direction, bool) or direction not in (1, -1):
        raise reader.fail(f"'direction' moet 1 of -1 zijn, niet {direction!r}")
    weight = reader.number("weight")
    if weight <= 0:
        raise reader.fail(f"'weight' moet groter dan 0 zijn, niet {weight}")
    return Item(code=code, theme=theme, text=text, axis=axis, direction=int(direction), weight=weight)


# ---------------------------------------------------------------------------------------------
# Texts per profile


def load_approaches(path: Path | None = None) -> Mapping[Profile, Approach]:
    """Load and validate kenmerken, aanpak, products and card hints for every profile.

    Source: kenmerken and aanpak from 004:1535-1545; shifts from bijlage E (004:2603-2619).

    Raises:
        ProfileTextError: naming the file and the profile, e.g. for a missing profile, an unknown
            product code, or a card hint that names a profile (card hints reach the client).
    """
    path = path if path is not None else resource_path("texts", PROFILE_TEXTS)
    name = path.name
    top = _Reader(_read_json(path, ProfileTextError), name, ProfileTextError)
    top.only_keys({"version", "note", "source", "profiles"})
    profiles = _Reader(top.raw("profiles"), f"{name}: profiles", ProfileTextError)
    profiles.only_keys({p.value for p in Profile})
    result: dict[Profile, Approach] = {}
    for profile in Profile:
        reader = _Reader(profiles.raw(profile.value), f"{name}: profiel '{profile.value}'", ProfileTextError)
        reader.only_keys({"kenmerken", "aanpak", "products", "card_hints"})
        products = reader.texts("products", allow_empty=True)
        for product in products:
            if product not in SUPPORT_PRODUCTS:
                known = ", ".join(sorted(SUPPORT_PRODUCTS))
                raise reader.fail(f"onbekend product '{product}' (bekend: {known})")
        card_hints = reader.texts("card_hints")
        for hint in card_hints:
            lowered = hint.lower()
            for stem in _FORBIDDEN_IN_CARD_HINTS:
                if stem in lowered:
                    raise reader.fail(f"card_hints noemt een profiel ('{stem}…') in: {hint!r}")
        result[profile] = Approach(
            kenmerken=reader.texts("kenmerken"),
            aanpak=reader.texts("aanpak"),
            products=products,
            card_hints=card_hints,
        )
    return result
