"""Stuurinformatie report as an A4 PDF with charts, for the wethouder and the raad.

Everything printed comes from the anonymous, suppressed tables of ``app.export.tables`` and
from suppressed figures of the ``Summary``: no names, BSNs, addresses, dossier numbers or ids.
Charts (funnel with reference marks, lead times, uitval per reason) are drawn with
``reportlab.graphics``; a count of 1-4 never gets a bar, only the text "<5".
Fonts: DejaVu Sans via ``app.documents.fonts.register_fonts`` (embedded, so € and ë print).
Source: PRODUCT.md §7; DOMAIN.md Stuurinformatie; seed 004 chapter 5.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)
from reportlab.platypus import (
    Table as PdfTable,
)
from reportlab.platypus import (
    TableStyle as PdfTableStyle,
)

from app.documents.fonts import BOLD, register_fonts
from app.documents.styles import ACCENT, LINE, MUTED, TINT
from app.export.tables import (
    Cell,
    Table,
    definitions_table,
    dutch_date,
    dutch_decimal,
    header_lines,
    summary_tables,
)
from app.rules.kpi import Summary
from app.rules.kpi_definitions import (
    REFERENCE_APPLICATION_TO_INTAKE,
    REFERENCE_READY_TO_AGREEMENT,
    REFERENCE_STABILISATION_TO_READY,
)
from app.rules.kpi_disclosure import HIDDEN, is_small, lead_time_status, suppress, suppress_cells

TITLE = "Stuurinformatie schuldhulpverlening"

# House colours from app.documents.styles; the light bar and the reference mark are the report's own.
_BAR = ACCENT
_BAR_LIGHT = colors.HexColor("#8FB3D9")
_MARK = colors.HexColor("#C05621")
_GRID = LINE
_TEXT = colors.black
_MUTED = MUTED
_HEAD_BG = TINT

_PAGE_W, _PAGE_H = A4
_MARGIN = 18 * mm
_WIDTH = _PAGE_W - 2 * _MARGIN
_FONT_SIZE = 8.5
_ROW = 20.0
_LABEL_W = 175.0
_VALUE_W = 70.0


@dataclass(frozen=True)
class _Bar:
    label: str
    value: int | None  # None: no bar (suppressed or hidden)
    text: str
    mark: float | None = None  # reference position in the same unit as ``value``
    light: bool = False
    heading: bool = False  # a bold label row without a bar


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body", fontName=font, fontSize=9.5, leading=12.5, textColor=_TEXT, alignment=TA_LEFT
    )
    return {
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=BOLD,
            textColor=ACCENT,
            fontSize=13,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=_MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=BOLD, fontSize=8.5, leading=10.5),
    }


def _bar_chart(
    bars: Sequence[_Bar], font: str, legend: str | None = None, label_width: float = _LABEL_W
) -> Drawing:
    """Horizontal bars with labels left, value text right and optional reference marks."""
    legend_h = 16.0 if legend else 0.0
    height = len(bars) * _ROW + 6 + legend_h
    drawing = Drawing(_WIDTH, height)
    left = label_width
    area = _WIDTH - left - _VALUE_W
    top = max([b.value or 0 for b in bars] + [b.mark or 0.0 for b in bars] + [1])
    scale = area / float(top)
    for index, bar in enumerate(bars):
        y = height - (index + 1) * _ROW
        if bar.heading:
            drawing.add(String(0, y + 6, _fit(bar.label, BOLD, _WIDTH), fontName=BOLD, fontSize=_FONT_SIZE))
            continue
        drawing.add(String(0, y + 6, _fit(bar.label, font, left - 6), fontName=font, fontSize=_FONT_SIZE))
        drawing.add(Line(left, y + 1, left, y + _ROW - 1, strokeColor=_GRID, strokeWidth=0.5))
        end = left
        if bar.value:
            width = bar.value * scale
            fill = _BAR_LIGHT if bar.light else _BAR
            drawing.add(Rect(left, y + 3, width, _ROW - 7, fillColor=fill, strokeColor=None))
            end = left + width
        if bar.mark is not None and bar.mark > 0:
            x = left + bar.mark * scale
            drawing.add(Line(x, y + 0.5, x, y + _ROW - 3.5, strokeColor=_MARK, strokeWidth=2))
        text_x = max(end, left + (bar.mark or 0) * scale) + 5
        drawing.add(String(text_x, y + 6, bar.text, fontName=font, fontSize=_FONT_SIZE, fillColor=_TEXT))
    if legend:
        drawing.add(Line(1, 5, 1, 14, strokeColor=_MARK, strokeWidth=2))
        text = _fit(legend, font, _WIDTH - 8, size=7.5)
        drawing.add(String(7, 6, text, fontName=font, fontSize=7.5, fillColor=_MUTED))
    return drawing


def _fit(text: str, font: str, width: float, size: float = _FONT_SIZE) -> str:
    """Shorten ``text`` with an ellipsis so it fits ``width`` points (a safety net only)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _count_bar(label: str, count: int, mark: float | None = None) -> _Bar:
    shown = None if is_small(count) else count
    return _Bar(label, shown, suppress(count), mark)


def _funnel_chart(summary: Summary, font: str) -> Drawing:
    stages = [
        ("applications", None, 0),
        ("intakes", "applications", REFERENCE_APPLICATION_TO_INTAKE),
        ("stabilisation_inflow", None, 0),
        ("ready_for_settlement", "stabilisation_inflow", REFERENCE_STABILISATION_TO_READY),
        ("settlement_agreed", "ready_for_settlement", REFERENCE_READY_TO_AGREEMENT),
    ]
    bars: list[_Bar] = []
    for code, base_code, reference in stages:
        measure = summary.measure(code)
        mark: float | None = None
        if base_code is not None:
            base = summary.measure(base_code).value
            if base > 0 and not is_small(base):
                mark = base * reference / 100
        bars.append(_count_bar(measure.label_nl, measure.value, mark))
    legend = (
        "verwacht aantal volgens het referentiecijfer: 95\u00a0%, 60\u00a0% en 85\u00a0% van de stap ervoor"
    )
    return _bar_chart(bars, font, legend)


def _lead_time_chart(summary: Summary, font: str) -> Drawing:
    bars: list[_Bar] = []
    for lt in summary.lead_times:
        status = lead_time_status(lt)
        norm = float(lt.norm_days) if lt.norm_days is not None else None
        bars.append(_Bar(lt.label_nl, None, "", heading=True))
        if status is not None:
            bars.append(_Bar("    mediaan en 80e percentiel", None, status, norm))
            continue
        bars.append(_Bar("    mediaan", lt.median_days, f"{lt.median_days} dagen", norm))
        bars.append(_Bar("    80e percentiel", lt.p80_days, f"{lt.p80_days} dagen", norm, light=True))
    legend = "norm in dagen: NVVK 28 dagen tot de intake; stabilisatie ten hoogste 120 dagen (4 maanden)"
    return _bar_chart(bars, font, legend, label_width=150)


def _dropout_chart(summary: Summary, font: str) -> Drawing | None:
    rows = summary.dropouts.rows
    cells = suppress_cells([r.value for r in rows], total_shown=summary.dropouts.total is not None)
    bars = [
        _Bar(r.label_nl, None if (is_small(r.value) or cell == HIDDEN) else r.value, cell)
        for r, cell in zip(rows, cells, strict=True)
        if r.value > 0
    ]
    return _bar_chart(bars, font, label_width=205) if bars else None


def _cell_text(value: Cell, column: str) -> str:
    if isinstance(value, Decimal):
        text = dutch_decimal(value)
        return f"{text}\u00a0%" if "Percentage" in column else text
    return str(value)


def _pdf_table(
    table: Table, styles: dict[str, ParagraphStyle], widths: Sequence[float] | None = None
) -> PdfTable:
    head = [Paragraph(escape(c), styles["cell_bold"]) for c in table.columns]
    body: list[list[Any]] = []
    for row in table.rows:
        style = styles["cell_bold"] if row and row[0] == "Totaal" else styles["cell"]
        body.append(
            [Paragraph(escape(_cell_text(v, c)), style) for v, c in zip(row, table.columns, strict=True)]
        )
    if widths is None:
        first = _WIDTH * (0.4 if len(table.columns) > 2 else 0.6)
        rest = (_WIDTH - first) / max(1, len(table.columns) - 1)
        widths = [first] + [rest] * (len(table.columns) - 1)
    pdf = PdfTable([head, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    pdf.setStyle(
        PdfTableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, _MUTED),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, _GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return pdf


def _section(
    title: str, flowables: Sequence[Any], table: Table, styles: dict[str, ParagraphStyle]
) -> list[Any]:
    parts: list[Any] = [Paragraph(escape(title), styles["h2"]), *flowables, Spacer(1, 4)]
    parts.append(_pdf_table(table, styles))
    parts += [Paragraph(escape(note), styles["small"]) for note in table.notes]
    return [KeepTogether(parts)]


def summary_report(
    summary: Summary,
    *,
    organisation_name: str = "",
    scope_label: str | None = None,
    made_on: date | None = None,
) -> bytes:
    """Return the A4 PDF report of ``summary`` (charts, tables and definitions).

    ``organisation_name`` is the municipality from settings; ``made_on`` is printed as the
    date of the report (default: the period's end is not assumed; the line is left out).
    """
    font = register_fonts()
    styles = _styles(font)
    tables = {t.theme: t for t in summary_tables(summary)}
    story: list[Any] = [Paragraph(escape(TITLE), styles["title"])]
    if organisation_name:
        story.append(Paragraph(escape(organisation_name), styles["body"]))
    for line in header_lines(summary, scope_label):
        story.append(Paragraph(escape(line), styles["small"]))
    if made_on is not None:
        story.append(Paragraph(escape(f"Gemaakt op {dutch_date(made_on)}"), styles["small"]))
    story.append(Spacer(1, 6))

    story += _section("Trechter", [_funnel_chart(summary, font)], tables["Trechter"], styles)
    story += _section("Kerncijfers", [], tables["Kerncijfers"], styles)
    story += _section("Doorlooptijden", [_lead_time_chart(summary, font)], tables["Doorlooptijden"], styles)
    story += _section("Termijn eerste gesprek", [], tables["Termijn eerste gesprek"], styles)
    dropout_chart = _dropout_chart(summary, font)
    dropout_parts: list[Any] = (
        [dropout_chart]
        if dropout_chart is not None
        else [Paragraph("Geen uitval in deze periode.", styles["body"])]
    )
    story += _section("Uitval per reden", dropout_parts, tables["Uitval"], styles)
    story += _section("Caseload", [], tables["Caseload"], styles)
    story += _section("Klantprofielen", [], tables["Profielen"], styles)
    story += _section("Ondersteuningsproducten", [], tables["Producten"], styles)

    definitions = definitions_table()
    story.append(Paragraph("Definities", styles["h2"]))
    story.append(_pdf_table(definitions, styles, widths=[_WIDTH * 0.28, _WIDTH * 0.72]))
    story += [Paragraph(escape(note), styles["small"]) for note in definitions.notes]

    buffer = BytesIO()
    period = f"{dutch_date(summary.period.start)} t/m {dutch_date(summary.period.end)}"

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.setFillColor(_MUTED)
        canvas.drawString(_MARGIN, 10 * mm, f"{TITLE} · {period}")
        canvas.drawRightString(_PAGE_W - _MARGIN, 10 * mm, f"Pagina {doc.page}")
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN,
        title=TITLE,
        author=organisation_name or "Helder",
        creator="Helder",
        subject=f"Periode {period}",
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def write_summary_report(
    summary: Summary,
    path: Path,
    *,
    organisation_name: str = "",
    scope_label: str | None = None,
    made_on: date | None = None,
) -> None:
    """Write the PDF report of ``summary`` to ``path``."""
    path.write_bytes(
        summary_report(summary, organisation_name=organisation_name, scope_label=scope_label, made_on=made_on)
    )
