"""Client overviews on A4: the debts (schuldenoverzicht) and the monthly budget plan.

Plain frozen inputs, integer cents, B1 headings; long lists flow onto more pages with the
table header repeated and "Pagina n van m" at the bottom.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.fonts import BOLD, REGULAR, register_fonts
from app.documents.formats import format_date_nl, format_money
from app.documents.letters import markup
from app.documents.models import Letterhead
from app.documents.page_layout import (
    BODY_TOP_LATER,
    BODY_WIDTH,
    BOTTOM,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    NumberedCanvas,
    draw_continuation_header,
    draw_letterhead,
    logo_image,
)
from app.documents.styles import ACCENT, LINE, TINT, Styles, letter_styles

#: Body starts below the letterhead (no envelope window on an overview).
OVERVIEW_BODY_TOP = 45 * mm


@dataclass(frozen=True)
class DebtRow:
    """One debt as the client sees it; ``kind_label`` and ``status_label`` are Dutch labels."""

    creditor: str
    kind_label: str
    balance_cents: int
    status_label: str


@dataclass(frozen=True)
class DebtOverview:
    client_name: str
    dossier_number: str
    as_of: date
    rows: Sequence[DebtRow]
    counsellor_name: str
    note: str | None = None

    @property
    def total_cents(self) -> int:
        return sum(row.balance_cents for row in self.rows)


@dataclass(frozen=True)
class BudgetLine:
    """One income or expense line, already normalised to a month (``app.rules.budget``)."""

    label: str
    monthly_cents: int


@dataclass(frozen=True)
class BudgetPlan:
    client_name: str
    dossier_number: str
    as_of: date
    income: Sequence[BudgetLine]
    expenses: Sequence[BudgetLine]
    verdict: str
    counsellor_name: str
    #: The components of the indicated beslagvrije voet, each with its article in the label.
    garnishment: Sequence[BudgetLine] = ()
    garnishment_notes: Sequence[str] = ()
    garnishment_total_cents: int = 0

    @property
    def total_income_cents(self) -> int:
        return sum(line.monthly_cents for line in self.income)

    @property
    def total_expenses_cents(self) -> int:
        return sum(line.monthly_cents for line in self.expenses)

    @property
    def balance_cents(self) -> int:
        """Income minus expenses per month; negative is a shortfall."""
        return self.total_income_cents - self.total_expenses_cents


def render_debt_overview(letterhead: Letterhead, overview: DebtOverview) -> bytes:
    """Render the client's debts as a table with a total (A4, one or more pages)."""
    styles = letter_styles()

    def story() -> list[Flowable]:
        flowables = _intro(
            "Overzicht van uw schulden",
            overview.client_name,
            overview.dossier_number,
            overview.as_of,
            overview.counsellor_name,
            styles,
        )
        if overview.rows:
            header = ["Aan wie", "Soort schuld", "Bedrag", "Stand van zaken"]
            body = [
                [r.creditor, r.kind_label, format_money(r.balance_cents), r.status_label]
                for r in overview.rows
            ]
            count = len(overview.rows)
            total = [
                f"Totaal ({count} {'schuld' if count == 1 else 'schulden'})",
                "",
                format_money(overview.total_cents),
                "",
            ]
            widths = [52 * mm, 36 * mm, 30 * mm, BODY_WIDTH - 118 * mm]
            flowables.append(_table(header, body, total, widths, money_column=2, styles=styles))
        else:
            flowables.append(Paragraph("Er staan nog geen schulden op dit overzicht.", styles.body))
        flowables.append(Spacer(1, 4 * mm))
        flowables.append(
            Paragraph(
                "De bedragen kunnen nog veranderen. Schuldeisers sturen soms een nieuw bedrag. "
                "Wij passen het overzicht dan aan.",
                styles.body,
            )
        )
        if overview.note:
            flowables.append(Paragraph(markup(overview.note), styles.body))
        return flowables

    return _build(letterhead, "Overzicht van uw schulden", overview.dossier_number, overview.as_of, story)


def render_budget_plan(letterhead: Letterhead, plan: BudgetPlan) -> bytes:
    """Render income, expenses, what is left per month and the counsellor's verdict (A4)."""
    styles = letter_styles()

    def story() -> list[Flowable]:
        flowables = _intro(
            "Uw budgetplan", plan.client_name, plan.dossier_number, plan.as_of, plan.counsellor_name, styles
        )
        widths = [BODY_WIDTH - 40 * mm, 40 * mm]
        for title, lines, total in (
            ("Wat u per maand krijgt", plan.income, plan.total_income_cents),
            ("Wat u per maand betaalt", plan.expenses, plan.total_expenses_cents),
        ):
            flowables.append(Paragraph(title, styles.heading))
            body = [[line.label, format_money(line.monthly_cents)] for line in lines]
            flowables.append(
                _table(
                    ["Omschrijving", "Per maand"],
                    body,
                    ["Totaal", format_money(total)],
                    widths,
                    money_column=1,
                    styles=styles,
                )
            )
        balance = plan.balance_cents
        label = "Wat u per maand overhoudt" if balance >= 0 else "Wat u per maand tekortkomt"
        result = Table([[label, format_money(abs(balance))]], colWidths=widths, hAlign="LEFT")
        result.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), BOLD, 11),
                    ("BACKGROUND", (0, 0), (-1, -1), TINT),
                    ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        flowables.extend([Spacer(1, 5 * mm), result, Paragraph("Wat betekent dit?", styles.heading)])
        flowables.extend(
            Paragraph(markup(part.strip()), styles.body)
            for part in plan.verdict.split("\n\n")
            if part.strip()
        )
        if plan.garnishment:
            flowables.append(Paragraph("Zo rekenen wij uw beslagvrije voet uit", styles.heading))
            rows = [[line.label, format_money(line.monthly_cents)] for line in plan.garnishment]
            voet_total = [
                "Beslagvrije voet volgens deze berekening",
                format_money(plan.garnishment_total_cents),
            ]
            flowables.append(
                _table(
                    ["Onderdeel (wetsartikel)", "Per maand"],
                    rows,
                    voet_total,
                    widths,
                    money_column=1,
                    styles=styles,
                )
            )
            flowables.extend(Paragraph(markup(note), styles.body) for note in plan.garnishment_notes)
        return flowables

    return _build(letterhead, "Uw budgetplan", plan.dossier_number, plan.as_of, story)


def _intro(
    title: str, client: str, dossier: str, as_of: date, counsellor: str, styles: Styles
) -> list[Flowable]:
    facts = Table(
        [
            [Paragraph("Cliënt", styles.label), Paragraph(markup(client), styles.body)],
            [Paragraph("Kenmerk", styles.label), Paragraph(markup(dossier), styles.body)],
            [Paragraph("Stand op", styles.label), Paragraph(format_date_nl(as_of), styles.body)],
            [Paragraph("Uw contactpersoon", styles.label), Paragraph(markup(counsellor), styles.body)],
        ],
        colWidths=[45 * mm, BODY_WIDTH - 45 * mm],
        hAlign="LEFT",
    )
    facts.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [Paragraph(markup(title), styles.title), facts, Spacer(1, 4 * mm)]


def _table(
    header: list[str],
    body: list[list[str]],
    total: list[str],
    widths: list[float],
    *,
    money_column: int,
    styles: Styles,
) -> Table:
    cell = ParagraphStyle("cell", parent=styles.body, spaceAfter=0)
    head = ParagraphStyle("cell-head", parent=cell, fontName=BOLD)
    money = ParagraphStyle("cell-money", parent=cell, alignment=2)
    money_head = ParagraphStyle("cell-money-head", parent=head, alignment=2)

    def row(values: list[str], bold: bool) -> list[Paragraph]:
        return [
            Paragraph(
                markup(value),
                (money_head if bold else money) if i == money_column else (head if bold else cell),
            )
            for i, value in enumerate(values)
        ]

    data = [row(header, True), *(row(values, False) for values in body), row(total, True)]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), TINT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    commands.extend(("LINEBELOW", (0, i), (-1, i), 0.3, LINE) for i in range(1, len(data) - 1))
    table.setStyle(TableStyle(commands))
    return table


def _build(head: Letterhead, title: str, dossier: str, as_of: date, story: Any) -> bytes:
    register_fonts()
    logo = logo_image(head.logo)
    later_header = f"{head.municipality}  ·  {title}  ·  kenmerk {dossier}  ·  {format_date_nl(as_of)}"

    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=title,
        author=head.municipality,
        creator="Helder",
        lang="nl-NL",
        invariant=1,
        initialFontName=REGULAR,
    )

    def first_page(c: Any, d: Any) -> None:
        draw_letterhead(c, head, logo, page_width=PAGE_WIDTH)

    def later_page(c: Any, d: Any) -> None:
        draw_continuation_header(c, later_header, page_width=PAGE_WIDTH, page_height=PAGE_HEIGHT)

    pad = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    first = Frame(LEFT, BOTTOM, BODY_WIDTH, PAGE_HEIGHT - OVERVIEW_BODY_TOP - BOTTOM, id="first", **pad)
    later = Frame(LEFT, BOTTOM, BODY_WIDTH, PAGE_HEIGHT - BODY_TOP_LATER - BOTTOM, id="later", **pad)
    doc.addPageTemplates(
        [
            PageTemplate("first", [first], onPage=first_page, autoNextPageTemplate="later"),
            PageTemplate("later", [later], onPage=later_page),
        ]
    )
    doc.build(story(), canvasmaker=NumberedCanvas)
    return buffer.getvalue()
