"""Building blocks of letter templates: the error type, field specs and blocks.

Kept apart from ``templates`` (loading, checking, filling) so each file holds one concept.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

#: Placeholders the renderer fills itself; templates use them without declaring them.
BUILTIN_FIELDS: frozenset[str] = frozenset(
    {
        "dossier_number",
        "letter_date",
        "recipient_name",
        "municipality",
        "college",
        "counsellor_name",
        "counsellor_role",
        "contact_phone",
        "contact_email",
        "legal_basis",
        "objection_until",
        "objection_address",
    }
)


class TemplateError(ValueError):
    """A template or the values for it are wrong; names the template and, if known, the field."""

    def __init__(self, template: str, message: str, field: str | None = None) -> None:
        self.template = template
        self.field = field
        where = f"template '{template}'" + (f", field '{field}'" if field else "")
        super().__init__(f"{where}: {message}")


class FieldType(StrEnum):
    """How a field's value is checked and printed."""

    TEXT = "text"
    LIST = "list"
    DATE = "date"
    TIME = "time"
    MONEY = "money"
    CHOICE = "choice"


@dataclass(frozen=True)
class FieldSpec:
    """A declared field: ``label`` is the Dutch name for a form; ``choices`` maps codes to text."""

    name: str
    type: FieldType
    required: bool
    label: str
    with_weekday: bool = False
    choices: Mapping[str, str] | None = None


@dataclass(frozen=True)
class FactRow:
    label: str
    text: str
    when: str | None = None


@dataclass(frozen=True)
class PlanSection:
    label: str
    field: str
    empty_text: str | None = None


@dataclass(frozen=True)
class Block:
    """One block of a letter; which attributes matter depends on ``type``."""

    type: str
    text: str = ""
    when: str | None = None
    field: str | None = None
    items: tuple[str, ...] = ()
    rows: tuple[FactRow, ...] = ()
    sections: tuple[PlanSection, ...] = ()


@dataclass(frozen=True)
class FilledBlock:
    """A block after filling: plain text (not yet escaped for PDF markup)."""

    type: str
    text: str = ""
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, str], ...] = ()
    sections: tuple[tuple[str, str | tuple[str, ...]], ...] = ()


def placeholders(template: str, text: str) -> Iterator[str]:
    """Yield the placeholder names in ``text``; only plain ``{name}`` is allowed."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise TemplateError(template, f"bad braces in {text[:40]!r}…: {exc}") from exc
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise TemplateError(template, "placeholders are plain {name}, without format or index", name)
        yield name
