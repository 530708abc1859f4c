"""Document layer: PDFs (ReportLab) from plain frozen dataclasses. No Qt, no database.

Public API::

    render_letter(letterhead, LetterRequest) -> bytes          # the kinds in TEMPLATE_KINDS
    render_card(letterhead, CardRequest) -> bytes              # klantkaart, one A5 page
    render_success_card(letterhead, SuccessCardRequest) -> bytes   # "Gelukt!" card, A5
    render_debt_overview(letterhead, DebtOverview) -> bytes
    render_budget_plan(letterhead, BudgetPlan) -> bytes
    step_map_drawing(current_phase, width) -> reportlab Drawing
    load_template(kind) -> Template; TemplateError
    check_b1(text) -> list[Finding]                            # plain-language hints

The names are imported on first use (PEP 562 ``__getattr__``): ReportLab, jsonschema and textstat
cost about a second to import, and most screens need only the plain data classes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.documents.budget_overview import (
        BudgetLine,
        BudgetPlan,
        DebtOverview,
        DebtRow,
        render_budget_plan,
        render_debt_overview,
    )
    from app.documents.cards import render_card, render_success_card
    from app.documents.letters import render_letter
    from app.documents.models import (
        TONE_LABELS,
        Appointment,
        CardRequest,
        FieldValue,
        Letterhead,
        LetterRequest,
        NextStep,
        Recipient,
        SuccessCardRequest,
        Tone,
    )
    from app.documents.plain_language import Finding, check_b1
    from app.documents.step_map import CLIENT_STEP_LABELS, step_map_drawing
    from app.documents.template_parts import FieldSpec, FieldType, TemplateError
    from app.documents.templates import TEMPLATE_KIND_LABELS, TEMPLATE_KINDS, Template, load_template

#: Public name -> the submodule that defines it.
_WHERE: dict[str, str] = {
    **dict.fromkeys(
        (
            "BudgetLine",
            "BudgetPlan",
            "DebtOverview",
            "DebtRow",
            "render_budget_plan",
            "render_debt_overview",
        ),
        "budget_overview",
    ),
    **dict.fromkeys(("render_card", "render_success_card"), "cards"),
    "render_letter": "letters",
    **dict.fromkeys(
        (
            "TONE_LABELS",
            "Appointment",
            "CardRequest",
            "FieldValue",
            "Letterhead",
            "LetterRequest",
            "NextStep",
            "Recipient",
            "SuccessCardRequest",
            "Tone",
        ),
        "models",
    ),
    **dict.fromkeys(("Finding", "check_b1"), "plain_language"),
    **dict.fromkeys(("CLIENT_STEP_LABELS", "step_map_drawing"), "step_map"),
    **dict.fromkeys(("FieldSpec", "FieldType", "TemplateError"), "template_parts"),
    **dict.fromkeys(("TEMPLATE_KIND_LABELS", "TEMPLATE_KINDS", "Template", "load_template"), "templates"),
}


def __getattr__(name: str) -> Any:
    """Import the submodule that defines ``name`` when it is first asked for."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "CLIENT_STEP_LABELS",
    "TEMPLATE_KINDS",
    "TEMPLATE_KIND_LABELS",
    "TONE_LABELS",
    "Appointment",
    "BudgetLine",
    "BudgetPlan",
    "CardRequest",
    "DebtOverview",
    "DebtRow",
    "FieldSpec",
    "FieldType",
    "FieldValue",
    "Finding",
    "LetterRequest",
    "Letterhead",
    "NextStep",
    "Recipient",
    "SuccessCardRequest",
    "Template",
    "TemplateError",
    "Tone",
    "check_b1",
    "load_template",
    "render_budget_plan",
    "render_card",
    "render_debt_overview",
    "render_letter",
    "render_success_card",
    "step_map_drawing",
]
