"""The values of a letter's template fields: checking them (Dutch messages) and storing them as JSON.

A template declares its fields (``app.documents.FieldSpec``: text, list, date, time, money,
choice). Values travel as Python values (``str``, ``tuple[str, ...]``, ``date``, ``time``,
``int`` cents); in the database they are JSON (dates ISO, times ``HH:MM``, money cents).

Source: Awb art. 3:46 (a beschikking carries its motivation in writing; "our conversation" is
not enough, RULES.md §3).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, time
from typing import Any

from app.documents import FieldSpec, FieldType, FieldValue, Template

#: Shortest motivation accepted: a reason with the facts, not "zie gesprek".
MIN_MOTIVATION_CHARS = 40

Values = dict[str, FieldValue]


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return not any(isinstance(v, str) and v.strip() for v in value)
    return False


def normalise(template: Template, values: Mapping[str, object]) -> Values:
    """Keep the declared, non-empty values; strip texts and drop empty list lines."""
    clean: Values = {}
    for spec in template.fields:
        value = values.get(spec.name)
        if _blank(value):
            continue
        if isinstance(value, str):
            clean[spec.name] = value.strip()
        elif isinstance(value, list | tuple):
            clean[spec.name] = tuple(str(v).strip() for v in value if str(v).strip())
        else:
            clean[spec.name] = value  # type: ignore[assignment]  # checked in validate()
    return clean


def _missing_message(spec: FieldSpec) -> str:
    match spec.type:
        case FieldType.CHOICE:
            return f"Kies bij '{spec.label}' een van de mogelijkheden."
        case FieldType.LIST:
            return f"Vul bij '{spec.label}' minstens één regel in."
        case FieldType.DATE:
            return f"Vul bij '{spec.label}' een datum in."
        case FieldType.TIME:
            return f"Vul bij '{spec.label}' een tijd in, zoals 9:30."
        case FieldType.MONEY:
            return f"Vul bij '{spec.label}' een bedrag in."
    return f"Vul '{spec.label}' in."


def _type_message(spec: FieldSpec, value: object) -> str | None:
    ok = {
        FieldType.TEXT: isinstance(value, str),
        FieldType.CHOICE: isinstance(value, str),
        FieldType.LIST: isinstance(value, list | tuple) and all(isinstance(v, str) for v in value),
        FieldType.DATE: isinstance(value, date),
        FieldType.TIME: isinstance(value, time),
        FieldType.MONEY: isinstance(value, int) and not isinstance(value, bool),
    }[spec.type]
    if not ok:
        return _missing_message(spec)
    if spec.type is FieldType.CHOICE and spec.choices is not None and value not in spec.choices:
        return f"Kies bij '{spec.label}' een van de mogelijkheden."
    if spec.type is FieldType.MONEY and isinstance(value, int) and value <= 0:
        return f"Vul bij '{spec.label}' een bedrag groter dan nul in."
    return None


def validate(template: Template, values: Mapping[str, FieldValue], letter_date: date) -> dict[str, str]:
    """Return ``{field: Dutch message}`` for every problem in ``values`` (empty when valid)."""
    errors: dict[str, str] = {}
    for name in values:
        if name not in template.field_names:
            errors[name] = "Dit veld hoort niet bij deze brief."
    for spec in template.fields:
        value = values.get(spec.name)
        if _blank(value):
            if spec.required:
                errors[spec.name] = _missing_message(spec)
            continue
        if problem := _type_message(spec, value):
            errors[spec.name] = problem
    motivation = values.get("motivation")
    if (
        template.is_decision
        and "motivation" not in errors
        and isinstance(motivation, str)
        and len(motivation.strip()) < MIN_MOTIVATION_CHARS
    ):
        errors["motivation"] = (
            "Schrijf de motivering uit: waarom besluit u dit, met welke feiten? "
            "Een verwijzing naar 'ons gesprek' is niet genoeg (Awb art. 3:46)."
        )
    errors.update(_date_order(values, letter_date, errors))
    return errors


def _date_order(
    values: Mapping[str, FieldValue], letter_date: date, known: Mapping[str, str]
) -> dict[str, str]:
    """Dates that cannot be right for this letter (a meeting before the letter is sent …)."""

    def day(name: str) -> date | None:
        value = values.get(name)
        return value if isinstance(value, date) and name not in known else None

    errors: dict[str, str] = {}
    meeting = day("meeting_date")
    if meeting is not None and meeting < letter_date:
        errors["meeting_date"] = "Het gesprek ligt vóór de datum van de brief. Kies een latere datum."
    first = day("first_conversation_date")
    if first is not None and first > letter_date:
        errors["first_conversation_date"] = "Het eerste gesprek ligt na de datum van de brief."
    start, end = day("stabilisation_start"), day("stabilisation_end")
    if start is not None and end is not None and end <= start:
        errors["stabilisation_end"] = "Het einde van de stabilisatie ligt niet na het begin."
    reply = day("reply_before")
    if reply is not None and reply <= letter_date:
        errors["reply_before"] = "De antwoorddatum moet na de datum van de brief liggen."
    started, ended = day("help_started"), day("end_date")
    if started is not None and ended is not None and ended < started:
        errors["end_date"] = "De einddatum ligt vóór de start van de schuldhulp."
    return errors


def encode(template: Template, values: Mapping[str, FieldValue]) -> str:
    """Values as JSON text for the database."""
    out: dict[str, Any] = {}
    for spec in template.fields:
        value = values.get(spec.name)
        if value is None:
            continue
        if isinstance(value, date):
            out[spec.name] = value.isoformat()
        elif isinstance(value, time):
            out[spec.name] = value.strftime("%H:%M")
        elif isinstance(value, str | int):
            out[spec.name] = value
        else:
            out[spec.name] = list(value)
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def decode(template: Template, text: str) -> Values:
    """JSON text from the database as values; fields the template no longer declares are dropped."""
    raw = json.loads(text or "{}")
    values: Values = {}
    if not isinstance(raw, dict):
        return values
    for spec in template.fields:
        value = raw.get(spec.name)
        if value is None:
            continue
        try:
            match spec.type:
                case FieldType.DATE:
                    values[spec.name] = date.fromisoformat(str(value))
                case FieldType.TIME:
                    values[spec.name] = time.fromisoformat(str(value))
                case FieldType.MONEY:
                    values[spec.name] = int(value)
                case FieldType.LIST:
                    values[spec.name] = (
                        tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)
                    )
                case _:
                    values[spec.name] = str(value)
        except (TypeError, ValueError):
            continue
    return values


def parse_text_value(spec: FieldSpec, text: str) -> FieldValue:
    """Read a value typed as text (command line): lists split on ``;``, dates ISO or ``dd-mm-jjjj``.

    Raises:
        ValueError: with a Dutch message.
    """
    from app.rules.money import AmountError, parse_amount

    text = text.strip()
    match spec.type:
        case FieldType.LIST:
            return tuple(part.strip() for part in text.split(";") if part.strip())
        case FieldType.DATE:
            try:
                if "-" in text and len(text.split("-")[0]) == 4:
                    return date.fromisoformat(text)
                d, m, y = (int(p) for p in text.replace("/", "-").split("-"))
                return date(y, m, d)
            except ValueError as exc:
                raise ValueError(f"{spec.label}: vul een datum in zoals 30-11-2026.") from exc
        case FieldType.TIME:
            try:
                return time.fromisoformat(text.replace(".", ":").zfill(5))
            except ValueError as exc:
                raise ValueError(f"{spec.label}: vul een tijd in zoals 09:30.") from exc
        case FieldType.MONEY:
            try:
                return parse_amount(text)
            except AmountError as exc:
                raise ValueError(f"{spec.label}: {exc}") from exc
    return text


def as_lines(value: FieldValue | None) -> Sequence[str]:
    """A list value as lines (empty for anything else)."""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []
