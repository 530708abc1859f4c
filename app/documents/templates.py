"""Letter templates as versioned data (``resources/templates/letters/<kind>.json``).

A template declares its fields and a list of blocks whose text holds ``{placeholders}``.
Loading checks the structure (``letter.schema.json``) and the placeholders; filling checks the
supplied values. Every problem is a ``TemplateError`` that names the template and the field.
Beschikkingen must carry the Awb elements of RULES.md §3 (decision, motivation, legal basis,
bezwaarclausule with the last day); the loader refuses a decision template without them.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from functools import cache
from typing import Any

from app.documents.formats import format_date_nl, format_money, format_time_nl
from app.documents.models import FieldValue
from app.documents.template_parts import (
    BUILTIN_FIELDS,
    Block,
    FactRow,
    FieldSpec,
    FieldType,
    FilledBlock,
    PlanSection,
    TemplateError,
    placeholders,
)
from app.resources import resource_path

#: Letter kinds, each with a template file of the same name.
TEMPLATE_KINDS: tuple[str, ...] = (
    "uitnodiging",
    "toelating",
    "afwijzing",
    "beeindiging",
    "stabilisatieovereenkomst",
)

#: Dutch labels of the letter kinds (for menus).
TEMPLATE_KIND_LABELS: dict[str, str] = {
    "uitnodiging": "Uitnodiging eerste gesprek",
    "toelating": "Toelatingsbeschikking met plan van aanpak",
    "afwijzing": "Afwijzingsbeschikking",
    "beeindiging": "Beschikking beëindiging schuldhulp",
    "stabilisatieovereenkomst": "Stabilisatieovereenkomst (brief aan schuldeisers)",
}

#: Built-ins that only make sense in a beschikking.
_DECISION_ONLY: frozenset[str] = frozenset({"objection_until", "objection_address", "legal_basis"})
#: Placeholders every bezwaarclausule must use (RULES.md §3: body, address, last day).
_OBJECTION_PLACEHOLDERS: frozenset[str] = frozenset({"objection_until", "college", "objection_address"})


@dataclass(frozen=True)
class Template:
    """A loaded, checked letter template."""

    kind: str
    version: int
    title: str
    is_decision: bool
    legal_basis: str | None
    fields: tuple[FieldSpec, ...]
    blocks: tuple[Block, ...]
    valid_from: date | None = None

    @property
    def field_names(self) -> frozenset[str]:
        return frozenset(spec.name for spec in self.fields)

    def spec(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise TemplateError(self.kind, "not declared in this template", name)

    def fill(self, values: Mapping[str, FieldValue], builtins: Mapping[str, str]) -> tuple[FilledBlock, ...]:
        """Check ``values`` against the declared fields and fill every block.

        ``builtins`` supplies the renderer's own placeholders (see ``BUILTIN_FIELDS``).
        Raises ``TemplateError`` for an unknown field, a missing required field or a value
        of the wrong type.
        """
        for name in values:
            if name not in self.field_names:
                raise TemplateError(self.kind, "unknown field (not declared in the template)", name)
        present: dict[str, str | tuple[str, ...]] = {}
        for spec in self.fields:
            value = values.get(spec.name)
            converted = None if value is None else _convert(self.kind, spec, value)
            if converted is None:
                if spec.required:
                    raise TemplateError(self.kind, f"required field '{spec.label}' is missing", spec.name)
                continue
            present[spec.name] = converted
        context: dict[str, str | tuple[str, ...]] = {**builtins, **present}
        filled: list[FilledBlock] = []
        for block in self.blocks:
            if block.when is not None and block.when not in present:
                continue
            filled.append(_fill_block(self.kind, block, context))
        return tuple(filled)


def load_template(kind: str) -> Template:
    """Load and check the template of one letter kind (cached per process)."""
    if kind not in TEMPLATE_KINDS:
        raise TemplateError(kind, f"unknown letter kind; known kinds: {', '.join(TEMPLATE_KINDS)}")
    return _load_cached(kind)


@cache
def _load_cached(kind: str) -> Template:
    path = resource_path("templates", "letters", f"{kind}.json")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TemplateError(kind, f"cannot read {path.name}: {exc}") from exc
    return parse_template(kind, raw)


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        resource_path("templates", "letter.schema.json").read_text(encoding="utf-8")
    )
    return schema


@cache
def _validator() -> Any:
    """The schema's validator, checked and built once per process (jsonschema is imported here:
    it takes a noticeable part of a second, and only printing a letter needs it)."""
    from jsonschema.validators import validator_for

    schema = _schema()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def parse_template(name: str, raw: Any) -> Template:
    """Build a ``Template`` from parsed JSON and check it; ``name`` is used in errors."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(raw))  # what jsonschema.validate raises
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "(top)"
        raise TemplateError(name, f"invalid structure at {where}: {error.message}") from error
    if raw["kind"] != name:
        raise TemplateError(name, f"file declares kind '{raw['kind']}'")
    fields = tuple(_parse_field(name, item) for item in raw["fields"])
    template = Template(
        kind=name,
        version=raw["version"],
        title=raw["title"],
        is_decision=raw["is_decision"],
        legal_basis=raw["legal_basis"],
        fields=fields,
        blocks=tuple(_parse_block(item) for item in raw["blocks"]),
        valid_from=date.fromisoformat(raw["valid_from"]) if "valid_from" in raw else None,
    )
    _check_template(template)
    return template


def _parse_field(template: str, item: Mapping[str, Any]) -> FieldSpec:
    name = item["name"]
    if name in BUILTIN_FIELDS:
        raise TemplateError(template, "is filled by the renderer and cannot be declared", name)
    kind = FieldType(item["type"])
    choices = item.get("choices")
    if (kind is FieldType.CHOICE) != (choices is not None):
        raise TemplateError(template, "'choices' belongs to (and is required for) type 'choice'", name)
    return FieldSpec(
        name=name,
        type=kind,
        required=item["required"],
        label=item["label"],
        with_weekday=item.get("with_weekday", False),
        choices=dict(choices) if choices is not None else None,
    )


def _parse_block(item: Mapping[str, Any]) -> Block:
    return Block(
        type=item["type"],
        text=item.get("text", ""),
        when=item.get("when"),
        field=item.get("field"),
        items=tuple(item.get("items", ())),
        rows=tuple(FactRow(r["label"], r["text"], r.get("when")) for r in item.get("rows", ())),
        sections=tuple(
            PlanSection(s["label"], s["field"], s.get("empty_text")) for s in item.get("sections", ())
        ),
    )


def _check_template(t: Template) -> None:
    declared = {spec.name: spec for spec in t.fields}
    if len(declared) != len(t.fields):
        raise TemplateError(t.kind, "a field is declared twice")
    used: set[str] = set()

    def check_text(text: str, guard: set[str]) -> None:
        for name in placeholders(t.kind, text):
            used.add(name)
            if name in BUILTIN_FIELDS:
                if name in _DECISION_ONLY and not t.is_decision:
                    raise TemplateError(t.kind, "only a beschikking can use this placeholder", name)
                continue
            spec = declared.get(name)
            if spec is None:
                raise TemplateError(t.kind, "placeholder is not declared", name)
            if spec.type is FieldType.LIST:
                raise TemplateError(t.kind, "a list field can only fill a list block or plan section", name)
            if not spec.required and name not in guard:
                raise TemplateError(t.kind, 'optional field used outside a block with "when"', name)

    def check_list_field(name: str, guard: set[str], has_fallback: bool) -> None:
        used.add(name)
        spec = declared.get(name)
        if spec is None:
            raise TemplateError(t.kind, "list field is not declared", name)
        if spec.type not in (FieldType.LIST, FieldType.TEXT):
            raise TemplateError(t.kind, "a list block or plan section needs a list or text field", name)
        if not spec.required and name not in guard and not has_fallback:
            raise TemplateError(t.kind, 'optional field used outside a block with "when"', name)

    for block in t.blocks:
        guard: set[str] = set()
        if block.when is not None:
            spec = declared.get(block.when)
            if spec is None or spec.required:
                raise TemplateError(t.kind, '"when" must name a declared optional field', block.when)
            guard.add(block.when)
            used.add(block.when)
        check_text(block.text, guard)
        for item in block.items:
            check_text(item, guard)
        if block.field is not None:
            check_list_field(block.field, guard, has_fallback=False)
        for row in block.rows:
            row_guard = guard | ({row.when} if row.when else set())
            if row.when is not None and (row.when not in declared or declared[row.when].required):
                raise TemplateError(t.kind, '"when" must name a declared optional field', row.when)
            check_text(row.label, row_guard)
            check_text(row.text, row_guard)
        for section in block.sections:
            check_list_field(section.field, guard, has_fallback=section.empty_text is not None)
    unused = sorted(set(declared) - used)
    if unused:
        raise TemplateError(t.kind, "declared but never used", unused[0])
    if t.is_decision:
        _check_decision(t, used)


def _check_decision(t: Template, used: set[str]) -> None:
    """RULES.md §3: what every beschikking must contain (Awb 3:45, 3:46, 3:47, 6:4, 6:7)."""
    if not t.legal_basis:
        raise TemplateError(t.kind, "a beschikking needs a legal_basis (Awb 3:47)")
    if "legal_basis" not in used:
        raise TemplateError(t.kind, "a beschikking must print its legal basis", "legal_basis")
    types = [block.type for block in t.blocks]
    if types.count("decision") != 1 or types.count("objection") != 1:
        raise TemplateError(t.kind, "a beschikking needs exactly one decision and one objection block")
    spec = next((s for s in t.fields if s.name == "motivation"), None)
    if spec is None or not spec.required or spec.type is not FieldType.TEXT:
        raise TemplateError(t.kind, "a beschikking needs a required text field (Awb 3:46)", "motivation")
    objection = next(block for block in t.blocks if block.type == "objection")
    names = set(placeholders(t.kind, objection.text))
    missing = sorted(_OBJECTION_PLACEHOLDERS - names)
    if missing:
        raise TemplateError(t.kind, "the bezwaarclausule must use this placeholder", missing[0])
    for phrase in ("bezwaar", "belanghebbende", "6 weken"):
        if phrase not in objection.text:
            raise TemplateError(t.kind, f"the bezwaarclausule must say '{phrase}'")


def _convert(kind: str, spec: FieldSpec, value: FieldValue) -> str | tuple[str, ...] | None:
    """Check one value and turn it into printable text; ``None`` means "not supplied"."""

    def wrong(expected: str) -> TemplateError:
        return TemplateError(kind, f"expected {expected}, got {type(value).__name__}", spec.name)

    match spec.type:
        case FieldType.TEXT:
            if not isinstance(value, str):
                raise wrong("text")
            return value.strip() or None
        case FieldType.LIST:
            if isinstance(value, str) or not isinstance(value, Sequence):
                raise wrong("a list of texts")
            items = tuple(item.strip() for item in value if isinstance(item, str) and item.strip())
            if len(items) != len(value):
                raise TemplateError(kind, "list items must be non-empty texts", spec.name)
            return items or None
        case FieldType.DATE:
            if not isinstance(value, date):
                raise wrong("a date")
            return format_date_nl(value, weekday=spec.with_weekday)
        case FieldType.TIME:
            if not isinstance(value, time):
                raise wrong("a time")
            return format_time_nl(value)
        case FieldType.MONEY:
            if isinstance(value, bool) or not isinstance(value, int):
                raise wrong("integer cents")
            return format_money(value)
        case FieldType.CHOICE:
            if not isinstance(value, str):
                raise wrong("a choice code")
            assert spec.choices is not None
            if value not in spec.choices:
                raise TemplateError(
                    kind, f"unknown choice {value!r}; expected one of {sorted(spec.choices)}", spec.name
                )
            return spec.choices[value]
    raise AssertionError(spec.type)  # pragma: no cover


def _substitute(kind: str, text: str, context: Mapping[str, str | tuple[str, ...]]) -> str:
    parts: list[str] = []
    for literal, name, _spec, _conv in string.Formatter().parse(text):
        parts.append(literal)
        if name is None:
            continue
        value = context.get(name)
        if value is None:
            raise TemplateError(kind, "no value for placeholder", name)
        if isinstance(value, tuple):
            raise TemplateError(kind, "a list cannot be used inside running text", name)
        parts.append(value)
    return "".join(parts)


def _fill_block(kind: str, block: Block, context: Mapping[str, str | tuple[str, ...]]) -> FilledBlock:
    text = _substitute(kind, block.text, context)
    items: tuple[str, ...] = tuple(_substitute(kind, item, context) for item in block.items)
    if block.field is not None:
        items = _as_items(context[block.field])
    rows = tuple(
        (_substitute(kind, row.label, context), _substitute(kind, row.text, context))
        for row in block.rows
        if row.when is None or row.when in context
    )
    sections: list[tuple[str, str | tuple[str, ...]]] = []
    for section in block.sections:
        value = context.get(section.field)
        if value is None:
            assert section.empty_text is not None  # guaranteed by _check_template
            value = section.empty_text
        sections.append((section.label, value))
    return FilledBlock(type=block.type, text=text, items=items, rows=rows, sections=tuple(sections))


def _as_items(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)
