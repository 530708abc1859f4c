"""Budget plans on a real encrypted database: normalised totals, verdict, beslagvrije voet, versions."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from app.errors import PermissionDenied, ValidationError
from app.services import budgets
from app.services.budget_views import BudgetLineForm, PlanForm
from app.services.context import today_local
from app.services.dossier_views import MemberForm
from app.services.overview_documents import budget_plan_pdf
from tests.factories import Team, make_dossier

#: A date inside the shipped norms (bijstandsnorm 1 Jan - 30 Jun 2025, maxima since 2024).
NORM_DATE = date(2025, 3, 1)


def _line(
    side: str, category: str, cents: int, frequency: str = "month", description: str = ""
) -> BudgetLineForm:
    return BudgetLineForm(side, category, cents, frequency, description)


def test_lines_are_normalised_and_the_verdict_explains(any_team: Team) -> None:
    ctx = any_team.counsellor
    dossier = make_dossier(ctx)
    plan = budgets.create_plan(ctx, dossier.id, NORM_DATE)
    # GIVEN income per 4 weeks, rent per month, groceries per week and a yearly reservation
    budgets.add_line(ctx, plan.id, _line("income", "wages", 100000, "4weeks"))
    budgets.add_line(ctx, plan.id, _line("expense", "rent", 52000))
    budgets.add_line(ctx, plan.id, _line("expense", "living", 2500, "week"))
    plan = budgets.add_line(ctx, plan.id, _line("reservation", "reservation", 12000, "year", "Kleding"))
    a = plan.assessment
    # THEN every line is normalised exactly (RULES.md §5) and the totals add the printed lines
    assert [line.monthly_cents for line in plan.lines] == [108333, 52000, 10833, 1000]
    assert (a.income_month_cents, a.expenses_month_cents, a.reservations_month_cents) == (108333, 62833, 1000)
    assert a.surplus_cents == 108333 - 62833 - 1000
    assert a.stable and a.verdict == "Stabiel" and "over" in a.reasons[0]
    # WHEN leefgeld of € 120 a week is added the plan runs short, and says why
    form = PlanForm(NORM_DATE, living_allowance_week_cents=12000)
    plan = budgets.update_plan(ctx, plan.id, plan.version, form)
    assert plan.assessment.living_allowance_month_cents == 52000
    assert not plan.assessment.stable and plan.assessment.verdict == "Niet stabiel"
    assert "tekort" in plan.assessment.reasons[0]


def test_indication_from_norms_and_official_amount_wins(team: Team) -> None:
    ctx = team.counsellor
    dossier = make_dossier(ctx)  # Sanne, single, born 2003
    plan = budgets.create_plan(ctx, dossier.id, NORM_DATE)
    budgets.add_line(ctx, plan.id, _line("income", "wages", 118000))
    plan = budgets.add_line(ctx, plan.id, _line("income", "zorgtoeslag", 12300))
    g = plan.assessment.garnishment
    # THEN the indication is 95 % of the seizable income (below the single norm of € 1.345,45)
    assert (g.household_label, g.seizable_income_cents) == ("alleenstaande", 118000)
    assert (g.indication_cents, g.effective_cents, g.effective_label) == (112100, 112100, "Indicatie")
    assert g.no_norm_message is None and g.indication_basis.startswith("Indicatie")
    assert g.repayment_capacity_cents == 118000 - 112100
    # WHEN the official amount is recorded it wins everywhere
    official = PlanForm(NORM_DATE, 0, 115000, date(2025, 3, 10), "Rekentool beslagvrije voet")
    plan = budgets.update_plan(ctx, plan.id, plan.version, official)
    g = plan.assessment.garnishment
    assert (g.indication_cents, g.effective_cents, g.effective_label) == (112100, 115000, "Officieel bedrag")
    assert g.repayment_capacity_cents == 3000
    # AND a higher official VTLB lowers the capacity further
    plan = budgets.update_plan(
        ctx, plan.id, plan.version, PlanForm(**{**official.__dict__, "vtlb_cents": 117000})
    )
    assert plan.assessment.garnishment.repayment_capacity_cents == 1000


def test_no_norm_for_the_date_gives_a_message_not_a_guess(team: Team) -> None:
    ctx = team.counsellor
    dossier = make_dossier(ctx)
    plan = budgets.create_plan(ctx, dossier.id, date(2026, 11, 1))
    plan = budgets.add_line(ctx, plan.id, _line("income", "wages", 118000))
    g = plan.assessment.garnishment
    assert g.indication_cents is None and g.effective_cents is None and g.keeps_voet is None
    assert g.no_norm_message is not None and "Geen norm bekend voor 1 november 2026" in g.no_norm_message
    assert "officiële bedrag" in g.no_norm_message
    assert g.repayment_capacity_cents is None
    assert plan.assessment.stable and "niet bekend" in plan.assessment.reasons[-1]


def test_plan_must_leave_the_beslagvrije_voet(team: Team) -> None:
    ctx = team.counsellor
    dossier = make_dossier(ctx)
    plan = budgets.create_plan(ctx, dossier.id, NORM_DATE)
    budgets.add_line(ctx, plan.id, _line("income", "wages", 118000))
    plan = budgets.add_line(
        ctx, plan.id, _line("expense", "repayment", 10000, description="Betalingsregeling")
    )
    g = plan.assessment.garnishment
    assert g.keeps_voet is False and "minder dan de beslagvrije voet" in g.check_text
    assert not plan.assessment.stable


def test_household_partner_children_and_aow_age(team: Team) -> None:
    ctx = team.counsellor
    household = (
        MemberForm(kind="partner", first_names="Samira", surname="Benali", birth_date=date(1950, 3, 1)),
        MemberForm(kind="child", first_names="Yara", surname="Benali", birth_date=date(2017, 6, 1)),
        MemberForm(kind="child", first_names="Sami", surname="Benali", birth_date=date(2000, 6, 1)),
    )
    dossier = make_dossier(ctx, household, bsn="123456782", surname="Benali", birth_date=date(1955, 1, 1))
    plan = budgets.create_plan(ctx, dossier.id, NORM_DATE)
    plan = budgets.add_line(ctx, plan.id, _line("income", "benefit", 300000))
    g = plan.assessment.garnishment
    # THEN an adult child does not count; both partners past 67 take the AOW norm (€ 2.053,48 × 95 %)
    assert g.household_label == "gehuwd of samenwonend met 1 kind, AOW-leeftijd"
    assert g.indication_cents == 195081


def test_one_partner_at_aow_age_takes_the_aow_couple_norm(team: Team) -> None:
    # GIVEN a client of 70 and a partner of 50 on 1 March 2025 (AOW age 67 from the dated table)
    ctx = team.counsellor
    partner = MemberForm(kind="partner", first_names="Anna", surname="Bakker", birth_date=date(1975, 1, 1))
    dossier = make_dossier(ctx, (partner,), bsn="123456782", surname="Bakker", birth_date=date(1955, 1, 1))
    plan = budgets.create_plan(ctx, dossier.id, NORM_DATE)
    plan = budgets.add_line(ctx, plan.id, _line("income", "benefit", 300000))
    # THEN the AOW couple norm applies (Rv 475da, Pw art. 22): 95 % × 2.053,48 = 1.950,806 -> 1.950,81
    g = plan.assessment.garnishment
    assert g.household_label == "gehuwd of samenwonend, AOW-leeftijd"
    assert g.indication_cents == 195081


def test_versions_copy_the_previous_one(any_team: Team) -> None:
    ctx = any_team.counsellor
    dossier = make_dossier(ctx)
    assert budgets.current_plan(ctx, dossier.id) is None
    first = budgets.create_plan(ctx, dossier.id, NORM_DATE)
    budgets.add_line(ctx, first.id, _line("income", "wages", 118000))
    first = budgets.update_plan(ctx, first.id, first.version, PlanForm(NORM_DATE, 6000))
    # WHEN a new dated version is made
    second = budgets.create_plan(ctx, dossier.id, date(2025, 9, 1))
    # THEN it starts as a copy, and changing it leaves the first version alone
    assert [(x.category, x.amount_cents) for x in second.lines] == [("wages", 118000)]
    assert second.form.living_allowance_week_cents == 6000
    second = budgets.update_line(
        ctx, second.lines[0].id, second.lines[0].version, _line("income", "wages", 125000)
    )
    assert budgets.get_plan(ctx, first.id).lines[0].amount_cents == 118000
    assert [v.valid_from for v in second.versions] == [date(2025, 9, 1), NORM_DATE]
    # AND two versions cannot start on the same day; a future version is not the current one
    with pytest.raises(ValidationError):
        budgets.create_plan(ctx, dossier.id, NORM_DATE)
    budgets.create_plan(ctx, dossier.id, today_local() + timedelta(days=30))
    current = budgets.current_plan(ctx, dossier.id)
    assert current is not None and current.id == second.id
    # AND deleting a line changes the totals
    emptied = budgets.delete_line(ctx, second.lines[0].id)
    assert emptied.lines == () and emptied.assessment.income_month_cents == 0


def test_line_and_plan_validation_and_rights(team: Team) -> None:
    ctx = team.counsellor
    dossier = make_dossier(ctx)
    plan = budgets.create_plan(ctx, dossier.id, NORM_DATE)
    with pytest.raises(ValidationError) as caught:
        budgets.add_line(ctx, plan.id, BudgetLineForm("income", "rent", 0, "fortnight"))
    assert set(caught.value.errors) == {"category", "amount_cents", "frequency"}
    with pytest.raises(ValidationError) as caught:
        budgets.update_plan(ctx, plan.id, plan.version, PlanForm(NORM_DATE, -1, 100000))
    assert set(caught.value.errors) == {"living_allowance_week_cents", "official_garnishment_free_on"}
    with pytest.raises(PermissionDenied):
        budgets.add_line(team.colleague, plan.id, _line("income", "wages", 1))
    assert budgets.get_plan(ctx, plan.id).lines == ()


def test_budget_plan_pdf(team: Team) -> None:
    ctx = team.counsellor
    dossier = make_dossier(ctx)
    plan = budgets.create_plan(ctx, dossier.id, NORM_DATE)
    budgets.add_line(ctx, plan.id, _line("income", "wages", 118000, description="Supermarkt"))
    budgets.add_line(ctx, plan.id, _line("expense", "rent", 52000))
    budgets.update_plan(ctx, plan.id, plan.version, PlanForm(NORM_DATE, 6000))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(budget_plan_pdf(ctx, plan.id))).pages)
    assert "Uw budgetplan" in text and "Loon (Supermarkt)" in text and "Leefgeld" in text
    assert "beslagvrije voet is € 1.121,00" in text.replace("\xa0", " ")
