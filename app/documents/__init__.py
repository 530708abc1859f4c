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
"""

from __future__ import annotations

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
