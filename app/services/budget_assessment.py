"""The verdict on a budget plan version and its beslagvrije voet and aflossingscapaciteit.

Every line is normalised per month by ``app.rules.budget.to_monthly_cents``; the verdict comes
from ``app.rules.budget.assess_budget``; the beslagvrije voet from
``app.rules.beslagvrije_voet`` for the household on the version's date. When no dated norm is
known for that date the result carries a clear message instead of a guess (RULES.md §5); an
official amount recorded on the version always wins.

Choices where the issue is silent:

* Household: a partner is a household member of kind ``partner``; children are members of kind
  ``child`` younger than 18 (or without a birth date) on the plan's date. The AOW age is taken
  as **67 years** (the AOW age for 2024-2027; later years are a few months higher); a couple
  counts as "AOW-leeftijd" only when both reached it.
* The indication uses the *seizable* net income: wages, benefits, alimentatie and other income.
  Toeslagen, kinderbijslag and kindgebonden budget are left out (they cannot be seized).
* The aflossingscapaciteit is that income minus the VTLB, where the VTLB is the recorded
  official VTLB or else the beslagvrije voet (``repayment_capacity`` never goes below it).
"""

from __future__ import annotations

from datetime import date

from app.domain.budgets import LineSide
from app.domain.clients import Client
from app.rules import budget as rules
from app.rules.beslagvrije_voet import Household, NoNormError, garnishment_free_indication, repayment_capacity
from app.rules.budget import ExpenseCategory, Frequency, IncomeCategory
from app.rules.money import format_amount
from app.services.budget_views import BudgetAssessment, BudgetLineView, GarnishmentFree, PlanForm
from app.services.dossiers import age_on

#: AOW age used for the bijstandsnorm (a simplification, see the module docstring).
AOW_AGE = 67
ADULT_AGE = 18

#: Income that counts for the beslagvrije voet (toeslagen and child benefits cannot be seized).
SEIZABLE_INCOME: frozenset[IncomeCategory] = frozenset(
    {IncomeCategory.WAGES, IncomeCategory.BENEFIT, IncomeCategory.ALIMENTATIE, IncomeCategory.OTHER}
)


def household_on(client: Client, on: date) -> Household:
    """The household for the norms on ``on``: partner, children under 18, AOW age (67)."""
    members = [m for m in client.household if m.deleted_at is None]
    partner = next((m for m in members if m.kind == "partner"), None)
    children = sum(
        1
        for m in members
        if m.kind == "child" and (m.birth_date is None or (age_on(m.birth_date, on) or 0) < ADULT_AGE)
    )

    def aow(birth: date | None) -> bool:
        age = age_on(birth, on)
        return age is not None and age >= AOW_AGE

    both_aow = aow(client.birth_date) and (partner is None or aow(partner.birth_date))
    return Household(has_partner=partner is not None, children=children, aow_age=both_aow)


def household_label(household: Household) -> str:
    """Dutch description, e.g. ``alleenstaande ouder met 1 kind`` or ``gehuwd of samenwonend``."""
    if household.has_partner:
        text = "gehuwd of samenwonend"
    else:
        text = "alleenstaande ouder" if household.children else "alleenstaande"
    if household.children:
        text += f" met {household.children} {'kind' if household.children == 1 else 'kinderen'}"
    return text + (", AOW-leeftijd" if household.aow_age else "")


def _category(side: str, code: str) -> IncomeCategory | ExpenseCategory:
    return IncomeCategory(code) if side == LineSide.INCOME else ExpenseCategory(code)


def _rule_line(line: BudgetLineView) -> rules.BudgetLine:
    return rules.BudgetLine(_category(line.side, line.category), line.amount_cents, Frequency(line.frequency))


def assess(plan: PlanForm, lines: tuple[BudgetLineView, ...], household: Household) -> BudgetAssessment:
    """Judge a plan version: monthly totals, verdict, beslagvrije voet and aflossingscapaciteit."""
    on = plan.valid_from
    incomes = [_rule_line(x) for x in lines if x.side == LineSide.INCOME]
    seizable = sum(
        x.monthly_cents for x in lines if x.side == LineSide.INCOME and x.category in SEIZABLE_INCOME
    )
    indication = None
    no_norm: str | None = None
    try:
        indication = garnishment_free_indication(seizable, household, on)
    except NoNormError as exc:
        no_norm = f"{exc} Helder rekent zonder norm geen indicatie uit."
        if plan.official_garnishment_free_cents is None:
            no_norm += " Vul het officiële bedrag in (uit de rekentool of van de schuldeiser)."
    official = plan.official_garnishment_free_cents
    effective = official if official is not None else (indication.amount_cents if indication else None)
    verdict = rules.assess_budget(
        incomes,
        [_rule_line(x) for x in lines if x.side == LineSide.EXPENSE],
        plan.living_allowance_week_cents,
        [_rule_line(x) for x in lines if x.side == LineSide.RESERVATION],
        effective,
    )
    left = verdict.total_income_month_cents - verdict.repayment_month_cents
    reasons = list(verdict.reasons)
    if effective is None:
        keeps: bool | None = None
        check = (
            "De beslagvrije voet is niet bekend, dus Helder kan niet controleren of het plan die overlaat."
        )
        reasons.append(check)
    else:
        keeps = left >= effective
        check = f"Na aflossingen blijft {format_amount(left)} per maand over; " + (
            f"dat is minstens de beslagvrije voet ({format_amount(effective)})."
            if keeps
            else f"dat is {format_amount(effective - left)} minder dan de beslagvrije voet "
            f"({format_amount(effective)})."
        )
    capacity = None
    if effective is not None:
        capacity = repayment_capacity(
            seizable, plan.vtlb_cents if plan.vtlb_cents is not None else 0, effective
        )
    garnishment = GarnishmentFree(
        on=on,
        household_label=household_label(household),
        seizable_income_cents=seizable,
        indication_cents=indication.amount_cents if indication else None,
        indication_basis=indication.basis if indication else "",
        no_norm_message=no_norm,
        official_cents=official,
        official_on=plan.official_garnishment_free_on,
        official_source=plan.official_garnishment_free_source,
        effective_cents=effective,
        effective_label=""
        if effective is None
        else ("Officieel bedrag" if official is not None else "Indicatie"),
        vtlb_cents=None if effective is None else max(plan.vtlb_cents or 0, effective),
        repayment_capacity_cents=capacity,
        keeps_voet=keeps,
        check_text=check,
    )
    return BudgetAssessment(
        income_month_cents=verdict.total_income_month_cents,
        expenses_month_cents=verdict.total_expenses_month_cents - verdict.reservations_month_cents,
        reservations_month_cents=verdict.reservations_month_cents,
        living_allowance_month_cents=verdict.living_allowance_month_cents,
        repayment_month_cents=verdict.repayment_month_cents,
        surplus_cents=verdict.surplus_cents,
        stable=verdict.stable,
        verdict="Stabiel" if verdict.stable else "Niet stabiel",
        reasons=tuple(reasons),
        garnishment=garnishment,
    )
