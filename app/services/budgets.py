"""Budget plans: dated versions per dossier and their lines (the verdict is in ``budget_assessment``).

A new version copies the lines and settings of the version before its date. Every write is one
transaction with its audit line; bad input raises :class:`ValidationError` and saves nothing.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.db.base import utcnow
from app.domain.budgets import LINE_SIDE_LABELS, BudgetLine, BudgetPlan, LineSide
from app.domain.dossiers import Dossier
from app.errors import ConflictError, NotFoundError, ValidationError
from app.rules import budget as rules
from app.rules.beslagvrije_voet import ENTERABLE
from app.rules.budget import (
    EXPENSE_LABELS,
    FREQUENCY_LABELS,
    INCOME_LABELS,
    Frequency,
)
from app.rules.money import MAX_ABS_CENTS
from app.services import audit, norms
from app.services.budget_assessment import assess, household_on
from app.services.budget_views import (
    BudgetLineForm,
    BudgetLineView,
    BudgetPlanView,
    GarnishmentFree,
    PlanForm,
    PlanVersion,
)
from app.services.context import ServiceContext, today_local
from app.services.dossiers import load_dossier, require_dossier_access

_SIDE_ORDER = {LineSide.INCOME.value: 0, LineSide.EXPENSE.value: 1, LineSide.RESERVATION.value: 2}


# --------------------------------------------------------------------------- validation


def _amount_error(value: object, *, positive: bool = False) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return "Vul een bedrag in euro's en centen in."
    if value < 0 or (positive and value == 0):
        return "Vul een bedrag groter dan 0 in." if positive else "Een bedrag is hier nooit negatief."
    if value > MAX_ABS_CENTS:
        return "Dit bedrag is te groot."
    return None


def validate_line(form: BudgetLineForm) -> dict[str, str]:
    """Return ``{field: Dutch message}`` for every problem in a budget line."""
    errors: dict[str, str] = {}
    if form.side not in LINE_SIDE_LABELS:
        errors["side"] = "Kies inkomen, uitgave of reservering."
    else:
        valid = INCOME_LABELS if form.side == LineSide.INCOME else EXPENSE_LABELS
        if form.category not in {c.value for c in valid}:
            errors["category"] = (
                "Kies een soort inkomen." if form.side == LineSide.INCOME else "Kies een soort uitgave."
            )
    if problem := _amount_error(form.amount_cents, positive=True):
        errors["amount_cents"] = problem
    if form.frequency not in {f.value for f in Frequency}:
        errors["frequency"] = "Kies hoe vaak: per week, 4 weken, maand, kwartaal of jaar."
    if len(form.description.strip()) > 200:
        errors["description"] = "Hoogstens 200 tekens."
    return errors


def validate_plan(form: PlanForm, today: date) -> dict[str, str]:
    """Return ``{field: Dutch message}`` for every problem in a plan version's settings."""
    errors: dict[str, str] = {}
    if problem := _amount_error(form.living_allowance_week_cents):
        errors["living_allowance_week_cents"] = problem
    for name in ("official_garnishment_free_cents", "vtlb_cents"):
        value = getattr(form, name)
        if value is not None and (problem := _amount_error(value)):
            errors[name] = problem
    if form.official_garnishment_free_cents is not None and form.official_garnishment_free_on is None:
        errors["official_garnishment_free_on"] = "Vul de datum van het officiële bedrag in."
    if form.official_garnishment_free_on is not None and form.official_garnishment_free_on > today:
        errors["official_garnishment_free_on"] = "Deze datum ligt in de toekomst."
    if len(form.official_garnishment_free_source.strip()) > 200:
        errors["official_garnishment_free_source"] = "Hoogstens 200 tekens."
    enterable = {c.value for c in ENTERABLE}
    for code, cents in form.entered_components:
        if code not in enterable:
            errors["entered_components"] = "Kies een correctie van de beslagvrije voet."
        elif problem := _amount_error(cents):
            errors[f"component:{code}"] = problem
    if form.entered_components and not form.entered_components_source.strip():
        errors["entered_components_source"] = "Vul de bron in, bijvoorbeeld de brief van de deurwaarder."
    elif len(form.entered_components_source.strip()) > 200:
        errors["entered_components_source"] = "Hoogstens 200 tekens."
    return errors


# --------------------------------------------------------------------------- reading


def _line_view(line: BudgetLine) -> BudgetLineView:
    labels: dict[Any, str] = INCOME_LABELS if line.side == LineSide.INCOME else EXPENSE_LABELS
    return BudgetLineView(
        line.id,
        line.version,
        line.side,
        LINE_SIDE_LABELS[line.side],
        line.category,
        labels.get(line.category, line.category),
        line.description,
        line.amount_cents,
        line.frequency,
        FREQUENCY_LABELS[Frequency(line.frequency)],
        rules.to_monthly_cents(line.amount_cents, line.frequency),
        line.position,
    )


def _entered(plan: BudgetPlan) -> tuple[tuple[tuple[str, int], ...], str]:
    if not plan.garnishment_components:
        return (), ""
    data = json.loads(plan.garnishment_components)
    return tuple(sorted((str(k), int(v)) for k, v in data.get("components", {}).items())), str(
        data.get("source", "")
    )


def _plan_form(plan: BudgetPlan) -> PlanForm:
    components, source = _entered(plan)
    return PlanForm(
        plan.valid_from,
        plan.living_allowance_week_cents,
        plan.official_garnishment_free_cents,
        plan.official_garnishment_free_on,
        plan.official_garnishment_free_source,
        plan.vtlb_cents,
        plan.note,
        components,
        source,
    )


def _components_json(form: PlanForm) -> str:
    if not form.entered_components:
        return ""
    return json.dumps(
        {"components": dict(form.entered_components), "source": form.entered_components_source.strip()},
        sort_keys=True,
    )


def _plans(session: Session, dossier_id: uuid.UUID) -> list[BudgetPlan]:
    query = select(BudgetPlan).where(BudgetPlan.dossier_id == dossier_id, BudgetPlan.deleted_at.is_(None))
    return list(session.execute(query.order_by(BudgetPlan.valid_from.desc())).scalars())


def _lines(session: Session, plan_id: uuid.UUID) -> list[BudgetLine]:
    query = select(BudgetLine).where(BudgetLine.plan_id == plan_id, BudgetLine.deleted_at.is_(None))
    rows = session.execute(query).scalars()
    return sorted(rows, key=lambda x: (_SIDE_ORDER.get(x.side, 9), x.position, x.created_at))


def plan_view(session: Session, plan: BudgetPlan, dossier: Dossier) -> BudgetPlanView:
    form = _plan_form(plan)
    lines = tuple(_line_view(x) for x in _lines(session, plan.id))
    tables = norms.tables_in(session)
    assessment = assess(form, lines, household_on(dossier.client, plan.valid_from, tables), tables)
    versions = tuple(PlanVersion(p.id, p.valid_from) for p in _plans(session, dossier.id))
    return BudgetPlanView(plan.id, dossier.id, plan.version, form, lines, assessment, versions)


def _load_plan(session: Session, plan_id: uuid.UUID) -> BudgetPlan:
    found = session.get(BudgetPlan, plan_id)
    if found is None or found.deleted_at is not None:
        raise NotFoundError("Deze versie van het budgetplan bestaat niet (meer).")
    return found


def open_plan(
    session: Session, ctx: ServiceContext, plan_id: uuid.UUID, *, write: bool
) -> tuple[BudgetPlan, Dossier]:
    plan = _load_plan(session, plan_id)
    dossier = load_dossier(session, plan.dossier_id)
    require_dossier_access(session, ctx, dossier, write=write)
    return plan, dossier


def plan_versions(ctx: ServiceContext, dossier_id: uuid.UUID) -> list[PlanVersion]:
    """Return the dated versions of the dossier's budget plan, newest first."""
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        return [PlanVersion(p.id, p.valid_from) for p in _plans(session, dossier_id)]


def current_plan(ctx: ServiceContext, dossier_id: uuid.UUID) -> BudgetPlanView | None:
    """Return the version in force today (else the newest one), or None when there is no plan."""
    today = today_local()
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        plans = _plans(session, dossier_id)
        if not plans:
            return None
        chosen = next((p for p in plans if p.valid_from <= today), plans[0])
        return plan_view(session, chosen, dossier)


def garnishment_on(
    ctx: ServiceContext, dossier_id: uuid.UUID, on: date | None = None
) -> GarnishmentFree | None:
    """The beslagvrije voet of the plan version in force on ``on`` (default today), with the norms
    of ``on`` itself; None when the dossier has no budget plan (``bvv`` on the command line)."""
    on = on or today_local()
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        plans = _plans(session, dossier_id)
        chosen = next((p for p in plans if p.valid_from <= on), None)
        if chosen is None:
            return None
        form = replace(_plan_form(chosen), valid_from=on)
        lines = tuple(_line_view(x) for x in _lines(session, chosen.id))
        tables = norms.tables_in(session)
        return assess(form, lines, household_on(dossier.client, on, tables), tables).garnishment


def get_plan(ctx: ServiceContext, plan_id: uuid.UUID) -> BudgetPlanView:
    """Return one version of a budget plan with its lines and verdict."""
    with ctx.db.read() as session:
        plan, dossier = open_plan(session, ctx, plan_id, write=False)
        return plan_view(session, plan, dossier)


# --------------------------------------------------------------------------- writing


def create_plan(ctx: ServiceContext, dossier_id: uuid.UUID, valid_from: date | None = None) -> BudgetPlanView:
    """Start a new dated version, copying the lines and settings of the version before it."""
    valid_from = valid_from or today_local()
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        plans = _plans(session, dossier_id)
        if any(p.valid_from == valid_from for p in plans):
            raise ValidationError({"valid_from": "Er is al een versie die op deze datum ingaat."})
        previous = next((p for p in plans if p.valid_from < valid_from), None)
        plan = BudgetPlan(dossier_id=dossier.id, valid_from=valid_from, updated_by=ctx.user.username)
        if previous is not None:
            for name in (
                "living_allowance_week_cents",
                "official_garnishment_free_cents",
                "official_garnishment_free_on",
                "official_garnishment_free_source",
                "vtlb_cents",
                "note",
                "garnishment_components",
            ):
                setattr(plan, name, getattr(previous, name))
        session.add(plan)
        session.flush()
        copied = _lines(session, previous.id) if previous is not None else []
        for line in copied:
            session.add(
                BudgetLine(
                    plan_id=plan.id,
                    side=line.side,
                    category=line.category,
                    description=line.description,
                    amount_cents=line.amount_cents,
                    frequency=line.frequency,
                    position=line.position,
                    updated_by=ctx.user.username,
                )
            )
        audit.log(
            session,
            ctx,
            "create",
            "budget_plan",
            plan.id,
            details={
                "dossier": str(dossier.id),
                "valid_from": valid_from,
                "copied_from": str(previous.id) if previous else "",
                "lines": len(copied),
            },
        )
        session.flush()
        return plan_view(session, plan, dossier)


def update_plan(
    ctx: ServiceContext, plan_id: uuid.UUID, expected_version: int, form: PlanForm
) -> BudgetPlanView:
    """Save a version's date, leefgeld, official beslagvrije voet, VTLB and note."""
    if errors := validate_plan(form, today_local()):
        raise ValidationError(errors)
    try:
        with ctx.db.begin() as session:
            plan, dossier = open_plan(session, ctx, plan_id, write=True)
            if plan.version != expected_version:
                raise ConflictError("Iemand anders heeft dit budgetplan net gewijzigd. Open het opnieuw.")
            if any(p.valid_from == form.valid_from and p.id != plan.id for p in _plans(session, dossier.id)):
                raise ValidationError({"valid_from": "Er is al een versie die op deze datum ingaat."})
            before = _plan_form(plan).__dict__.copy()
            plan.valid_from = form.valid_from
            plan.living_allowance_week_cents = form.living_allowance_week_cents
            plan.official_garnishment_free_cents = form.official_garnishment_free_cents
            plan.official_garnishment_free_on = form.official_garnishment_free_on
            plan.official_garnishment_free_source = form.official_garnishment_free_source.strip()
            plan.vtlb_cents = form.vtlb_cents
            plan.note = form.note.strip()
            plan.garnishment_components = _components_json(form)
            plan.updated_by = ctx.user.username
            audit.log(
                session,
                ctx,
                "update",
                "budget_plan",
                plan.id,
                details=audit.changes(before, _plan_form(plan).__dict__) | {"dossier": str(dossier.id)},
            )
            session.flush()
            return plan_view(session, plan, dossier)
    except StaleDataError as exc:
        raise ConflictError("Iemand anders heeft dit budgetplan net gewijzigd. Open het opnieuw.") from exc


def delete_plan(ctx: ServiceContext, plan_id: uuid.UUID) -> None:
    """Remove a version of the budget plan (tombstone, logged)."""
    with ctx.db.begin() as session:
        plan, dossier = open_plan(session, ctx, plan_id, write=True)
        plan.deleted_at = utcnow()
        plan.updated_by = ctx.user.username
        audit.log(session, ctx, "delete", "budget_plan", plan.id, details={"dossier": str(dossier.id)})


def add_line(ctx: ServiceContext, plan_id: uuid.UUID, form: BudgetLineForm) -> BudgetPlanView:
    """Add an income, expense or reservation line; return the plan with its new totals."""
    if errors := validate_line(form):
        raise ValidationError(errors)
    with ctx.db.begin() as session:
        plan, dossier = open_plan(session, ctx, plan_id, write=True)
        last = session.execute(
            select(func.max(BudgetLine.position)).where(BudgetLine.plan_id == plan.id)
        ).scalar()
        line = BudgetLine(
            plan_id=plan.id,
            side=form.side,
            category=form.category,
            description=form.description.strip(),
            amount_cents=form.amount_cents,
            frequency=form.frequency,
            position=(last or 0) + 1,
            updated_by=ctx.user.username,
        )
        session.add(line)
        session.flush()
        audit.log(
            session,
            ctx,
            "create",
            "budget_line",
            line.id,
            details={
                "plan": str(plan.id),
                "dossier": str(dossier.id),
                "side": form.side,
                "category": form.category,
                "amount_cents": form.amount_cents,
                "frequency": form.frequency,
            },
        )
        return plan_view(session, plan, dossier)


def _load_line(
    session: Session, ctx: ServiceContext, line_id: uuid.UUID
) -> tuple[BudgetLine, BudgetPlan, Dossier]:
    line = session.get(BudgetLine, line_id)
    if line is None or line.deleted_at is not None:
        raise NotFoundError("Deze regel van het budgetplan bestaat niet (meer).")
    plan, dossier = open_plan(session, ctx, line.plan_id, write=True)
    return line, plan, dossier


def update_line(
    ctx: ServiceContext, line_id: uuid.UUID, expected_version: int, form: BudgetLineForm
) -> BudgetPlanView:
    """Change a line; refuse when someone else saved in between."""
    if errors := validate_line(form):
        raise ValidationError(errors)
    try:
        with ctx.db.begin() as session:
            line, plan, dossier = _load_line(session, ctx, line_id)
            if line.version != expected_version:
                raise ConflictError("Iemand anders heeft deze regel net gewijzigd. Open het plan opnieuw.")
            names = ("side", "category", "description", "amount_cents", "frequency")
            before = {n: getattr(line, n) for n in names}
            line.side, line.category, line.description = form.side, form.category, form.description.strip()
            line.amount_cents, line.frequency = form.amount_cents, form.frequency
            line.updated_by = ctx.user.username
            audit.log(
                session,
                ctx,
                "update",
                "budget_line",
                line.id,
                details=audit.changes(before, {n: getattr(line, n) for n in names}) | {"plan": str(plan.id)},
            )
            session.flush()
            return plan_view(session, plan, dossier)
    except StaleDataError as exc:
        raise ConflictError("Iemand anders heeft deze regel net gewijzigd. Open het plan opnieuw.") from exc


def delete_line(ctx: ServiceContext, line_id: uuid.UUID) -> BudgetPlanView:
    """Remove a line; return the plan with its new totals."""
    with ctx.db.begin() as session:
        line, plan, dossier = _load_line(session, ctx, line_id)
        line.deleted_at = utcnow()
        line.updated_by = ctx.user.username
        audit.log(session, ctx, "delete", "budget_line", line.id, details={"plan": str(plan.id)})
        session.flush()
        return plan_view(session, plan, dossier)
