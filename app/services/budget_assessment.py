"""The verdict on a budget plan version and its beslagvrije voet and aflossingscapaciteit.

Every line is normalised per month by ``app.rules.budget.to_monthly_cents``; the verdict comes
from ``app.rules.budget.assess_budget``; the beslagvrije voet from
``app.rules.beslagvrije_voet`` for the household on the version's date. When no dated norm is
known for that date the result carries a clear message instead of a guess (RULES.md §5); an
official amount recorded on the version always wins.

Choices where the issue is silent:

* Household: a partner is a household member of kind ``partner``; children are members of kind
  ``child`` younger than 18 (or without a birth date) on the plan's date. The AOW age is the
  dated table ``aow_leeftijd`` (``resources/norms``); a couple takes the AOW norm when at least
  one partner reached it (Rv art. 475da, Participatiewet art. 22). Without a known AOW age for
  the date, the household counts as below it and the indication says so.
* The indication uses the *seizable* net income: wages, benefits, alimentatie and other income.
  Toeslagen, kinderbijslag and kindgebonden budget are left out (they cannot be seized); an
  income line of a toeslag means the household receives it (no correction for it).
* Housing: a rent line makes the household a tenant, a mortgage line an owner; the monthly sum
  of those lines is the housing cost of the woonkostencorrectie.
* The aflossingscapaciteit is that income minus the VTLB, where the VTLB is the recorded
  official VTLB or else the beslagvrije voet (``repayment_capacity`` never goes below it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from app.domain.budgets import LineSide
from app.domain.clients import Client
from app.rules import budget as rules
from app.rules.beslagvrije_voet import (
    Circumstances,
    CorrectionTables,
    Household,
    HousingKind,
    NoNormError,
    garnishment_free_indication,
    repayment_capacity,
)
from app.rules.budget import ExpenseCategory, Frequency, IncomeCategory
from app.rules.money import format_amount
from app.rules.norms import NormTable
from app.services.budget_views import (
    BudgetAssessment,
    BudgetLineView,
    ComponentView,
    GarnishmentFree,
    PlanForm,
)
from app.services.dossiers import age_on

ADULT_AGE = 18

#: Income that counts for the beslagvrije voet (toeslagen and child benefits cannot be seized).
SEIZABLE_INCOME: frozenset[IncomeCategory] = frozenset(
    {IncomeCategory.WAGES, IncomeCategory.BENEFIT, IncomeCategory.ALIMENTATIE, IncomeCategory.OTHER}
)


def aow_age_months(tables: Mapping[str, NormTable], on: date) -> int | None:
    """The AOW age in months on ``on`` from the dated table, or None when no period covers it."""
    try:
        return tables["aow_leeftijd"].period_on(on).amounts["age"]
    except NoNormError:
        return None


def _months_old(birth: date | None, on: date) -> int | None:
    if birth is None:
        return None
    months = (on.year - birth.year) * 12 + on.month - birth.month
    return months - 1 if on.day < birth.day else months


def household_on(client: Client, on: date, tables: Mapping[str, NormTable] | None = None) -> Household:
    """The household for the norms on ``on``: partner, children under 18, AOW age (dated table)."""
    from app.rules.norms import shipped_tables

    aow_months = aow_age_months(tables if tables is not None else shipped_tables(), on)
    members = [m for m in client.household if m.deleted_at is None]
    partner = next((m for m in members if m.kind == "partner"), None)
    children = sum(
        1
        for m in members
        if m.kind == "child" and (m.birth_date is None or (age_on(m.birth_date, on) or 0) < ADULT_AGE)
    )

    def aow(birth: date | None) -> bool:
        months = _months_old(birth, on)
        return aow_months is not None and months is not None and months >= aow_months

    any_aow = aow(client.birth_date) or (partner is not None and aow(partner.birth_date))
    return Household(has_partner=partner is not None, children=children, aow_age=any_aow)


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


def circumstances_of(plan: PlanForm, lines: tuple[BudgetLineView, ...]) -> Circumstances:
    """What the corrections of Rv art. 475da depend on, read from the budget lines."""
    incomes = {x.category for x in lines if x.side == LineSide.INCOME}
    rent = sum(
        x.monthly_cents for x in lines if x.side == LineSide.EXPENSE and x.category == ExpenseCategory.RENT
    )
    mortgage = sum(
        x.monthly_cents
        for x in lines
        if x.side == LineSide.EXPENSE and x.category == ExpenseCategory.MORTGAGE
    )
    housing = HousingKind.OWNER if mortgage else (HousingKind.RENT if rent else HousingKind.NONE)
    return Circumstances(
        receives_zorgtoeslag=IncomeCategory.ZORGTOESLAG in incomes,
        receives_kindgebonden_budget=IncomeCategory.KINDGEBONDEN_BUDGET in incomes,
        receives_huurtoeslag=IncomeCategory.HUURTOESLAG in incomes,
        housing=housing,
        housing_costs_cents=mortgage + rent if housing is HousingKind.OWNER else rent,
        entered=dict(plan.entered_components),
    )


def corrections_of(tables: Mapping[str, NormTable]) -> CorrectionTables:
    """The correction parameters from the effective tables."""
    return CorrectionTables(
        normhuur=tables["normhuur"],
        huurgrens=tables["huurgrens"],
        zorgtoeslag=tables["zorgtoeslag_correctie"],
        kindgebonden_budget=tables["kgb_correctie"],
    )


def assess(
    plan: PlanForm,
    lines: tuple[BudgetLineView, ...],
    household: Household,
    tables: Mapping[str, NormTable] | None = None,
) -> BudgetAssessment:
    """Judge a plan version: monthly totals, verdict, beslagvrije voet and aflossingscapaciteit.

    ``tables`` are the effective norm tables (``app.services.norms.tables_in``); None: shipped.
    """
    from app.rules.norms import shipped_tables

    tables = tables if tables is not None else shipped_tables()
    on = plan.valid_from
    incomes = [_rule_line(x) for x in lines if x.side == LineSide.INCOME]
    seizable = sum(
        x.monthly_cents for x in lines if x.side == LineSide.INCOME and x.category in SEIZABLE_INCOME
    )
    indication = None
    no_norm: str | None = None
    try:
        indication = garnishment_free_indication(
            seizable,
            household,
            on,
            norms=tables["bijstandsnormen"],
            maxima=tables["bvv_maxima"],
            circumstances=circumstances_of(plan, lines),
            corrections=corrections_of(tables),
        )
    except NoNormError as exc:
        no_norm = f"{exc} Helder rekent zonder norm geen indicatie uit. {exc.advice}"
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
        components=tuple(
            ComponentView(c.code.value, c.label, c.article, c.amount_cents, c.text, c.entered)
            for c in (indication.components if indication else ())
        ),
        missing=indication.missing if indication else (),
        norm_date=indication.norm_date if indication else None,
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
