"""The voorlegger: what must be on the table before debts can be settled.

The checklist itself is versioned data (``resources/checklists/voorlegger-v<N>.json``); this
module loads it strictly and answers, purely, which items are still missing for a step and how
far each section is.

Status keys. A dossier stores one status per *key*:

* ``"<item code>"`` for the client, or for the household when the item is not per partner;
* ``"<item code>:partner"`` for the partner's copy of a ``per_partner`` item, used only when
  the dossier has a partner (see :func:`status_key`).

A key absent from the statuses counts as ``open``. Item codes are lower-case ``a-z0-9_``, so
the ``:`` in a key is never ambiguous.

Source: DOMAIN.md "Voorlegger" (opgevraagd → ontvangen → gecontroleerd by a second colleague,
or n.v.t. with a reason); PRODUCT.md 4b (the voorlegger gates *gereed voor schuldregeling*).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from app.resources import resource_path

PARTNER_SUFFIX = ":partner"
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_SECTION_KEYS = frozenset({"code", "title", "items"})
_ITEM_KEYS = frozenset({"code", "title", "required_for", "per_partner", "client_text"})


class VoorleggerStep(StrEnum):
    """Dossier steps the voorlegger gates; Dutch labels in ``STEP_LABELS``."""

    TOELATING = "toelating"
    SETTLEMENT_READY = "settlement_ready"


_STEP_CODES: frozenset[str] = frozenset(step.value for step in VoorleggerStep)

STEP_LABELS: dict[VoorleggerStep, str] = {
    VoorleggerStep.TOELATING: "Toelating (beschikking)",
    VoorleggerStep.SETTLEMENT_READY: "Gereed voor schuldregeling",
}


class ItemStatus(StrEnum):
    """Status of one voorlegger item; Dutch labels in ``ITEM_STATUS_LABELS``."""

    OPEN = "open"
    REQUESTED = "requested"
    RECEIVED = "received"
    CHECKED = "checked"
    NOT_APPLICABLE = "not_applicable"


ITEM_STATUS_LABELS: dict[ItemStatus, str] = {
    ItemStatus.OPEN: "Open",
    ItemStatus.REQUESTED: "Opgevraagd",
    ItemStatus.RECEIVED: "Ontvangen",
    ItemStatus.CHECKED: "Gecontroleerd",
    ItemStatus.NOT_APPLICABLE: "N.v.t.",
}

#: Statuses that count as done for a gate and for progress.
DONE_STATUSES: frozenset[ItemStatus] = frozenset({ItemStatus.CHECKED, ItemStatus.NOT_APPLICABLE})

#: Statuses that take a written reason when set (n.v.t. with a reason, DOMAIN.md).
STATUSES_NEEDING_REASON: frozenset[ItemStatus] = frozenset({ItemStatus.NOT_APPLICABLE})

#: Allowed status moves. A received document can be re-requested (wrong or incomplete); a checked
#: one can go back to received (the checker rejects it) or to requested (it became outdated).
ALLOWED_STATUS_MOVES: dict[ItemStatus, frozenset[ItemStatus]] = {
    ItemStatus.OPEN: frozenset({ItemStatus.REQUESTED, ItemStatus.RECEIVED, ItemStatus.NOT_APPLICABLE}),
    ItemStatus.REQUESTED: frozenset({ItemStatus.OPEN, ItemStatus.RECEIVED, ItemStatus.NOT_APPLICABLE}),
    ItemStatus.RECEIVED: frozenset({ItemStatus.REQUESTED, ItemStatus.CHECKED, ItemStatus.NOT_APPLICABLE}),
    ItemStatus.CHECKED: frozenset({ItemStatus.RECEIVED, ItemStatus.REQUESTED}),
    ItemStatus.NOT_APPLICABLE: frozenset({ItemStatus.OPEN}),
}


def can_move_status(current: ItemStatus, target: ItemStatus) -> bool:
    """Return whether an item may go from ``current`` to ``target`` (``ALLOWED_STATUS_MOVES``).

    Source: DOMAIN.md "Voorlegger" (opgevraagd → ontvangen → gecontroleerd, or n.v.t.).
    """
    return target in ALLOWED_STATUS_MOVES[current]


def four_eyes_ok(received_by: str | None, checked_by: str) -> bool:
    """Return whether ``checked_by`` may mark an item gecontroleerd (not who recorded receipt).

    Source: DOMAIN.md and PRODUCT.md 4b: items are checked by a second colleague.
    """
    return received_by is None or received_by != checked_by


def status_key(code: str, partner: bool = False) -> str:
    """Return the status key of an item for the client (``code``) or partner (``code:partner``)."""
    return f"{code}{PARTNER_SUFFIX}" if partner else code


def parse_status_key(key: str) -> tuple[str, bool]:
    """Split a status key into ``(item code, is partner)``; the inverse of :func:`status_key`."""
    if key.endswith(PARTNER_SUFFIX):
        return key[: -len(PARTNER_SUFFIX)], True
    return key, False


class ChecklistError(ValueError):
    """A voorlegger checklist file is missing or malformed; the message names file and item."""


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to collect, e.g. payslips; ``client_text`` is the B1 sentence for the client."""

    code: str
    title: str
    required_for: frozenset[VoorleggerStep]
    per_partner: bool
    client_text: str
    section_code: str

    def keys(self, has_partner: bool) -> tuple[str, ...]:
        """Return the status keys of this item (two for a per-partner item with a partner)."""
        if self.per_partner and has_partner:
            return (self.code, status_key(self.code, partner=True))
        return (self.code,)


@dataclass(frozen=True)
class ChecklistSection:
    """A group of items, e.g. income."""

    code: str
    title: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Checklist:
    """A versioned voorlegger checklist."""

    version: int
    sections: tuple[ChecklistSection, ...]
    source: str

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        """All items in checklist order."""
        return tuple(item for section in self.sections for item in section.items)

    def item(self, code: str) -> ChecklistItem:
        """Return the item with ``code``; ``KeyError`` when there is none."""
        for candidate in self.items:
            if candidate.code == code:
                return candidate
        raise KeyError(code)

    def keys(self, has_partner: bool) -> tuple[str, ...]:
        """All status keys of this checklist for a dossier with or without a partner."""
        return tuple(key for item in self.items for key in item.keys(has_partner))


@dataclass(frozen=True)
class MissingItem:
    """An item (or the partner's copy of it) that still blocks a step."""

    key: str
    item: ChecklistItem
    for_partner: bool


@dataclass(frozen=True)
class SectionProgress:
    """How many status keys of a section are done (gecontroleerd or n.v.t.)."""

    code: str
    title: str
    done: int
    total: int


class _Reader:
    """Strict reader for one checklist file; every error names the file and the place."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def fail(self, where: str, problem: str) -> ChecklistError:
        prefix = f"Voorlegger-lijst '{self.file}'"
        return ChecklistError(f"{prefix}, {where}: {problem}" if where else f"{prefix}: {problem}")

    def text(self, raw: Mapping[str, object], key: str, where: str) -> str:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"veld '{key}' ontbreekt of is geen tekst.")
        return value.strip()

    def exact_keys(self, raw: Mapping[str, object], allowed: frozenset[str], where: str) -> None:
        missing = sorted(allowed - raw.keys())
        if missing:
            raise self.fail(where, f"veld '{missing[0]}' ontbreekt.")
        extra = sorted(raw.keys() - allowed)
        if extra:
            raise self.fail(where, f"onbekend veld '{extra[0]}'.")

    def code(self, raw: Mapping[str, object], where: str) -> str:
        value = raw.get("code")
        if not isinstance(value, str) or not _CODE.match(value):
            raise self.fail(where, f"code {value!r} ontbreekt of is ongeldig (alleen a-z, 0-9 en _).")
        return value

    def checklist(self, raw: object) -> Checklist:
        if not isinstance(raw, dict):
            raise self.fail("", "verwacht een object met 'version' en 'sections'.")
        self.exact_keys(raw, frozenset({"version", "sections"}), "")
        version = raw["version"]
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise self.fail("", f"'version' moet een heel getal van 1 of hoger zijn, niet {version!r}.")
        sections_raw = raw["sections"]
        if not isinstance(sections_raw, list) or not sections_raw:
            raise self.fail("", "'sections' moet een lijst met minstens één onderdeel zijn.")
        sections: list[ChecklistSection] = []
        section_codes: set[str] = set()
        item_codes: set[str] = set()
        for index, section_raw in enumerate(sections_raw, start=1):
            section = self.section(section_raw, index, item_codes)
            if section.code in section_codes:
                raise self.fail(f"onderdeel '{section.code}'", "deze code komt twee keer voor.")
            section_codes.add(section.code)
            sections.append(section)
        return Checklist(version, tuple(sections), str(self.file))

    def section(self, raw: object, index: int, item_codes: set[str]) -> ChecklistSection:
        if not isinstance(raw, dict):
            raise self.fail(f"onderdeel {index}", "verwacht een object.")
        code = self.code(raw, f"onderdeel {index}")
        where = f"onderdeel '{code}'"
        self.exact_keys(raw, _SECTION_KEYS, where)
        title = self.text(raw, "title", where)
        items_raw = raw["items"]
        if not isinstance(items_raw, list) or not items_raw:
            raise self.fail(where, "'items' moet een lijst met minstens één item zijn.")
        items: list[ChecklistItem] = []
        for item_index, item_raw in enumerate(items_raw, start=1):
            item = self.item(item_raw, code, item_index)
            if item.code in item_codes:
                raise self.fail(f"item '{item.code}'", "deze code komt twee keer voor.")
            item_codes.add(item.code)
            items.append(item)
        return ChecklistSection(code, title, tuple(items))

    def item(self, raw: object, section_code: str, index: int) -> ChecklistItem:
        if not isinstance(raw, dict):
            raise self.fail(f"onderdeel '{section_code}', item {index}", "verwacht een object.")
        code = self.code(raw, f"onderdeel '{section_code}', item {index}")
        where = f"item '{code}'"
        self.exact_keys(raw, _ITEM_KEYS, where)
        title = self.text(raw, "title", where)
        client_text = self.text(raw, "client_text", where)
        per_partner = raw["per_partner"]
        if not isinstance(per_partner, bool):
            raise self.fail(where, "'per_partner' moet true of false zijn.")
        steps_raw = raw["required_for"]
        if not isinstance(steps_raw, list):
            raise self.fail(where, "'required_for' moet een lijst van stappen zijn.")
        steps: set[VoorleggerStep] = set()
        known = ", ".join(step.value for step in VoorleggerStep)
        for step_raw in steps_raw:
            if not isinstance(step_raw, str) or step_raw not in _STEP_CODES:
                raise self.fail(where, f"onbekende stap {step_raw!r} in 'required_for' (bekend: {known}).")
            step = VoorleggerStep(step_raw)
            if step in steps:
                raise self.fail(where, f"stap '{step_raw}' staat twee keer in 'required_for'.")
            steps.add(step)
        return ChecklistItem(code, title, frozenset(steps), per_partner, client_text, section_code)


def load_checklist(path: Path | None = None) -> Checklist:
    """Load and strictly validate a voorlegger checklist (default: the bundled version 1).

    Format: ``{"version": int, "sections": [{"code", "title", "items": [{"code", "title",
    "required_for": ["toelating" | "settlement_ready", ...], "per_partner": bool,
    "client_text": str}]}]}``. Codes are unique across the file; unknown fields are errors.

    Source: DOMAIN.md "Voorlegger".

    Raises:
        ChecklistError: with a Dutch message naming the file and the section or item code.
    """
    file = path if path is not None else resource_path("checklists", "voorlegger-v1.json")
    reader = _Reader(file)
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise reader.fail("", f"bestand is niet te lezen ({exc.strerror or exc}).") from exc
    except ValueError as exc:
        raise reader.fail("", f"geen geldige JSON ({exc}).") from exc
    return reader.checklist(raw)


@lru_cache(maxsize=1)
def default_checklist() -> Checklist:
    """Return the bundled voorlegger checklist, loaded once (DOMAIN.md "Voorlegger")."""
    return load_checklist()


def _status(statuses: Mapping[str, ItemStatus], key: str) -> ItemStatus:
    return ItemStatus(statuses.get(key, ItemStatus.OPEN))


def missing_for(
    step: str,
    statuses: Mapping[str, ItemStatus],
    has_partner: bool,
    checklist: Checklist | None = None,
) -> list[MissingItem]:
    """Return the items that still block ``step``, in checklist order.

    An item blocks when it is required for ``step`` and its status is neither gecontroleerd nor
    n.v.t. A per-partner item counts twice when the dossier has a partner: once under its code
    and once under ``"<code>:partner"``. Absent keys count as open.

    Source: PRODUCT.md 4b (the voorlegger gates *gereed voor schuldregeling*); DOMAIN.md
    "Voorlegger" (gecontroleerd by a second colleague, or n.v.t. with a reason).

    Raises:
        ValueError: when ``step`` is not a :class:`VoorleggerStep` code.
    """
    try:
        wanted = VoorleggerStep(step)
    except ValueError:
        known = ", ".join(s.value for s in VoorleggerStep)
        raise ValueError(f"Onbekende stap '{step}' (bekend: {known}).") from None
    chosen = checklist if checklist is not None else default_checklist()
    missing: list[MissingItem] = []
    for item in chosen.items:
        if wanted not in item.required_for:
            continue
        for key in item.keys(has_partner):
            if _status(statuses, key) not in DONE_STATUSES:
                missing.append(MissingItem(key, item, parse_status_key(key)[1]))
    return missing


def section_progress(
    statuses: Mapping[str, ItemStatus],
    has_partner: bool,
    checklist: Checklist | None = None,
) -> list[SectionProgress]:
    """Return per section how many status keys are done (gecontroleerd or n.v.t.) of the total.

    Per-partner items count twice when the dossier has a partner, as in :func:`missing_for`.

    Source: DOMAIN.md "Voorlegger" (small steps, shown to the client and counsellor).
    """
    chosen = checklist if checklist is not None else default_checklist()
    result: list[SectionProgress] = []
    for section in chosen.sections:
        keys = [key for item in section.items for key in item.keys(has_partner)]
        done = sum(1 for key in keys if _status(statuses, key) in DONE_STATUSES)
        result.append(SectionProgress(section.code, section.title, done, len(keys)))
    return result
