"""Debt overview and budget plan for the client."""

from __future__ import annotations

from datetime import date

from app.documents import (
    BudgetLine,
    BudgetPlan,
    DebtOverview,
    DebtRow,
    Letterhead,
    render_budget_plan,
    render_debt_overview,
)

from .samples import font_names, page_count, pdf_text

ROWS = (
    DebtRow("Woonstichting De Dijk", "Huurachterstand", 123456, "Voorstel gedaan"),
    DebtRow("Zorgverzekeraar Zuid", "Zorgpremie", 84220, "Wacht op antwoord"),
)


def make_plan(income: int, expenses: int) -> BudgetPlan:
    return BudgetPlan(
        client_name="mevrouw A. Çelik-de Vries",
        dossier_number="SHV-2026-0042",
        as_of=date(2026, 11, 30),
        income=(BudgetLine("Loon", income),),
        expenses=(BudgetLine("Huur", expenses - 10000), BudgetLine("Energie", 10000)),
        verdict="U houdt elke maand wat geld over.",
        counsellor_name="Sanne de Boer",
    )


def test_debt_overview_lists_debts_with_a_total(letterhead: Letterhead) -> None:
    overview = DebtOverview(
        "mevrouw A. Çelik-de Vries", "SHV-2026-0042", date(2026, 11, 30), ROWS, "Sanne de Boer"
    )

    pdf = render_debt_overview(letterhead, overview)
    text = pdf_text(pdf)

    assert overview.total_cents == 207676
    for expected in (
        "Overzicht van uw schulden",
        "Cliënt",
        "Woonstichting De Dijk",
        "€ 1.234,56",
        "€ 842,20",
        "Totaal (2 schulden)",
        "€ 2.076,76",
        "30 november 2026",
        "Stand van zaken",
    ):
        assert expected in text
    assert all("DejaVuSans" in name for name in font_names(pdf))
    assert page_count(pdf) == 1


def test_long_debt_list_repeats_the_header_and_numbers_pages(letterhead: Letterhead) -> None:
    rows = tuple(DebtRow(f"Schuldeiser {i}", "Rekening", 1000 * i, "Open") for i in range(1, 61))

    pdf = render_debt_overview(
        letterhead, DebtOverview("A", "K-1", date(2026, 11, 30), rows, "Sanne de Boer")
    )
    text = pdf_text(pdf)

    pages = page_count(pdf)
    assert pages >= 2
    assert f"Pagina {pages} van {pages}" in text
    assert text.count("Aan wie") == pages
    assert "Schuldeiser 60" in text and "Totaal (60 schulden)" in text


def test_empty_debt_overview_says_so(letterhead: Letterhead) -> None:
    text = pdf_text(render_debt_overview(letterhead, DebtOverview("A", "K-1", date(2026, 11, 30), (), "B")))

    assert "Er staan nog geen schulden op dit overzicht." in text


def test_budget_plan_shows_totals_and_what_is_left(letterhead: Letterhead) -> None:
    plan = make_plan(income=198000, expenses=150000)

    text = pdf_text(render_budget_plan(letterhead, plan))

    assert plan.balance_cents == 48000
    for expected in (
        "Uw budgetplan",
        "Wat u per maand krijgt",
        "€ 1.980,00",
        "Wat u per maand betaalt",
        "€ 1.500,00",
        "Wat u per maand overhoudt",
        "€ 480,00",
        "U houdt elke maand wat geld over.",
    ):
        assert expected in text


def test_budget_plan_with_a_shortfall_says_tekort_without_a_minus(letterhead: Letterhead) -> None:
    text = pdf_text(render_budget_plan(letterhead, make_plan(income=100000, expenses=125050)))

    assert "Wat u per maand tekortkomt € 250,50" in text
    assert "-250" not in text
