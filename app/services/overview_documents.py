"""Print the schuldenoverzicht and the budget plan for the client (A4 PDF, audited as "print").

Adapters from the debt and budget views to the plain inputs of
``app.documents.budget_overview``; the wording is for the client (B1).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.formats import format_date_nl
from app.domain.dossiers import Dossier
from app.domain.users import User
from app.rules.budget import Frequency
from app.rules.debts import CreditorKind, VerificationStatus
from app.rules.money import format_amount
from app.services import audit
from app.services.budget_views import BudgetLineView, BudgetPlanView
from app.services.budgets import open_plan, plan_view
from app.services.context import ServiceContext, today_local
from app.services.debt_views import DebtOverview as Debts
from app.services.debt_views import DebtView
from app.services.debts import overview_in_session
from app.services.dossiers import display_name, load_dossier, require_dossier_access
from app.services.letterhead import letterhead

if TYPE_CHECKING:  # app.documents.budget_overview loads ReportLab: imported when something is printed
    from app.documents.budget_overview import BudgetPlan, DebtOverview

_VERIFICATION_TEXT = {
    VerificationStatus.REPORTED: "Bedrag nog niet nagekeken",
    VerificationStatus.BALANCE_REQUESTED: "Wij vragen het bedrag op",
    VerificationStatus.CONFIRMED: "Bedrag klopt",
}


def _people(session: Session, dossier: Dossier) -> tuple[str, str]:
    c = dossier.client
    owner = session.execute(select(User.full_name).where(User.id == dossier.owner_id)).scalar_one_or_none()
    return display_name(c.first_names, c.initials, c.prefix, c.surname), owner or ""


def debt_status_text(debt: DebtView) -> str:
    """How a debt stands, in words for the client."""
    parts = [_VERIFICATION_TEXT[VerificationStatus(debt.form.verification)]]
    if debt.form.collection_stage == "garnishment":
        parts.append(f"{debt.garnishment_kind_label or 'beslag'}".lower().capitalize())
    elif debt.bailiff_name:
        parts.append("Bij de deurwaarder")
    if not debt.settleable:
        if debt.form.is_fine and debt.creditor_kind == CreditorKind.CJIB:
            parts.append("Boete: kan niet in de schuldregeling, u betaalt deze apart")
        else:
            parts.append("Gaat niet mee in de schuldregeling")
    if debt.form.proposal_answer == "accepted":
        parts.append("Akkoord met ons voorstel")
    return ". ".join(parts) + "."


def client_debt_overview(overview: Debts, client: str, number: str, counsellor: str) -> DebtOverview:
    """Turn the debt totals into the printed overview's rows and note."""
    from app.documents.budget_overview import DebtOverview, DebtRow

    rows = []
    for d in overview.debts:
        via = d.bailiff_name or d.collection_agency_name
        creditor = f"{d.creditor_name}\nvia {via}" if via else d.creditor_name
        kind = d.form.description or d.creditor_kind_label
        rows.append(DebtRow(creditor, kind, d.current_cents, debt_status_text(d)))
    notes = [
        f"Bij de start van uw traject op {format_date_nl(overview.start_on)} was het totaal "
        f"{format_amount(overview.total_at_start_cents)}."
    ]
    if overview.stale_count:
        notes.append(
            f"Van {overview.stale_count} {'schuld' if overview.stale_count == 1 else 'schulden'} "
            "is het bedrag ouder dan een half jaar. Wij vragen een nieuw bedrag op."
        )
    return DebtOverview(client, number, overview.as_of, rows, counsellor, note="\n\n".join(notes))


def _line_label(line: BudgetLineView) -> str:
    if line.frequency == Frequency.MONTH:
        return line.label
    return f"{line.label}: {format_amount(line.amount_cents)} {line.frequency_label}"


def client_budget_plan(plan: BudgetPlanView, client: str, number: str, counsellor: str) -> BudgetPlan:
    """Turn a plan version into the printed plan: lines per month and a verdict in B1."""
    from app.documents.budget_overview import BudgetLine, BudgetPlan

    a = plan.assessment
    g = a.garnishment
    expenses = [BudgetLine(_line_label(x), x.monthly_cents) for x in plan.expenses]
    for x in plan.reservations:
        what = x.description or x.category_label
        when = (
            "" if x.frequency == Frequency.MONTH else f": {format_amount(x.amount_cents)} {x.frequency_label}"
        )
        expenses.append(BudgetLine(f"Sparen voor {what.lower()}{when}", x.monthly_cents))
    if a.living_allowance_month_cents:
        week = format_amount(plan.form.living_allowance_week_cents)
        expenses.append(BudgetLine(f"Leefgeld: {week} per week", a.living_allowance_month_cents))
    first = "Uw inkomsten en uitgaven zijn in balans." if a.stable else "Uw budget is nog niet in balans."
    parts = [" ".join([first, *(r for r in a.reasons if r != g.check_text)])]
    if g.effective_cents is not None:
        how = (
            f"Dit bedrag is officieel vastgesteld op {format_date_nl(g.official_on)}."
            if g.official_cents is not None and g.official_on is not None
            else "Dit is een schatting. Het officiële bedrag kan anders zijn."
        )
        parts.append(
            f"Uw beslagvrije voet is {format_amount(g.effective_cents)} per maand. Dat deel van uw inkomen "
            f"mogen schuldeisers niet afpakken. {how}"
        )
        if g.repayment_capacity_cents:
            parts.append(f"U kunt elke maand {format_amount(g.repayment_capacity_cents)} aflossen.")
        else:
            parts.append("Er is nu geen geld over om schulden af te lossen.")
    else:
        parts.append("Uw beslagvrije voet is nog niet bekend. Wij zoeken dat voor u uit.")
    incomes = [BudgetLine(_line_label(x), x.monthly_cents) for x in plan.incomes]
    components = [
        BudgetLine(f"{c.label} ({c.article})", c.amount_cents)
        for c in g.components
        if c.amount_cents is not None and c.code != "maximum"
    ]
    notes = list(g.missing)
    maximum = next((c for c in g.components if c.code == "maximum"), None)
    if maximum is not None:
        notes.insert(0, f"{maximum.text} ({maximum.article})")
    if g.official_cents is not None and components:
        notes.append("Het officiële bedrag hierboven gaat voor deze berekening.")
    return BudgetPlan(
        client,
        number,
        plan.valid_from,
        incomes,
        expenses,
        "\n\n".join(parts),
        counsellor,
        components,
        notes,
        g.indication_cents or 0,
    )


def debt_overview_pdf(ctx: ServiceContext, dossier_id: uuid.UUID) -> bytes:
    """Render the dossier's schuldenoverzicht for the client (logged as a print)."""
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        client, counsellor = _people(session, dossier)
        overview = overview_in_session(session, dossier)
        from app.documents.budget_overview import render_debt_overview

        pdf = render_debt_overview(
            letterhead(session), client_debt_overview(overview, client, dossier.number, counsellor)
        )
        audit.log(
            session,
            ctx,
            "print",
            "dossier",
            dossier.id,
            details={"document": "debt_overview", "debts": len(overview.debts), "on": today_local()},
        )
        return pdf


def budget_plan_pdf(ctx: ServiceContext, plan_id: uuid.UUID) -> bytes:
    """Render one version of the budget plan for the client (logged as a print)."""
    with ctx.db.begin() as session:
        plan, dossier = open_plan(session, ctx, plan_id, write=False)
        client, counsellor = _people(session, dossier)
        view = plan_view(session, plan, dossier)
        from app.documents.budget_overview import render_budget_plan

        pdf = render_budget_plan(
            letterhead(session), client_budget_plan(view, client, dossier.number, counsellor)
        )
        audit.log(
            session,
            ctx,
            "print",
            "budget_plan",
            plan.id,
            details={"document": "budget_plan", "dossier": str(dossier.id), "valid_from": plan.valid_from},
        )
        return pdf
