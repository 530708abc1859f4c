"""The published form of a ``Summary``: anonymous, suppressed tables shared by XLSX, CSV and PDF.

This is the one place that decides what leaves the program: counts go through
``app.rules.kpi_disclosure`` (1-4 → "<5", secondary "x"), counsellors become "Consulent 1, 2, …",
and no dossier id, counsellor id, name, BSN or address is ever copied into a table.
Source: the issue's privacy rule; AVG art. 5(1)(c); BIO2 v1.3 8.11 (data masking).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from babel.dates import format_date

from app.rules.kpi import DEFINITIONS, LABELS, Breakdown, Rate, Summary
from app.rules.kpi_disclosure import (
    SMALL,
    is_small,
    lead_time_status,
    rate_status,
    suppress_cells,
)

#: A published cell: a whole number, a percentage/number with one decimal, or text.
Cell = int | Decimal | str

_METHOD_TERMS: dict[str, str] = {
    "method_period": "Periode en telwijze",
    "method_percentile": "Mediaan en 80e percentiel",
    "method_suppression": "Kleine aantallen (privacy)",
}


@dataclass(frozen=True)
class Table:
    """One theme: a sheet in XLSX, a block in the PDF, rows in the CSV."""

    theme: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()


def count_cell(count: int) -> Cell:
    """Return a count as a number, or ``"<5"`` for 1-4."""
    return SMALL if is_small(count) else count


def dutch_date(day: date) -> str:
    """Return e.g. ``"1 januari 2026"``."""
    return str(format_date(day, format="d MMMM y", locale="nl_NL"))


def dutch_decimal(value: Decimal) -> str:
    """Return a decimal with a decimal comma, e.g. ``Decimal("95.5")`` → ``"95,5"``."""
    return format(value, "f").replace(".", ",")


def header_lines(summary: Summary, scope_label: str | None = None) -> tuple[str, ...]:
    """Return the lines that head every export: period, selection and the privacy note."""
    return (
        f"Periode: {dutch_date(summary.period.start)} t/m {dutch_date(summary.period.end)}",
        f"Selectie: {scope_label or summary.scope_label_nl}",
        "Aantallen van 1 tot en met 4 staan als '<5'; 'x' is verborgen om terugrekenen te voorkomen.",
    )


def _rate_row(rate: Rate) -> tuple[Cell, ...]:
    status = rate_status(rate)
    percent: Cell = status if status is not None else (rate.percent or Decimal(0))
    reference: Cell = rate.reference_percent if rate.reference_percent is not None else "–"
    return (
        rate.label_nl,
        count_cell(rate.numerator.value),
        count_cell(rate.denominator.value),
        percent,
        reference,
    )


def _breakdown_rows(breakdown: Breakdown, names: tuple[str, ...]) -> tuple[tuple[Cell, ...], ...]:
    values = [row.value for row in breakdown.rows]
    cells = suppress_cells(values, total_shown=breakdown.total is not None)
    rows: list[tuple[Cell, ...]] = [
        (name, value if cell == str(value) else cell)
        for name, value, cell in zip(names, values, cells, strict=True)
    ]
    if breakdown.total is not None:
        rows.append(("Totaal", count_cell(breakdown.total.value)))
    return tuple(rows)


_RATE_COLUMNS = ("Stap", "Teller", "Noemer", "Percentage", "Referentie (%)")


def summary_tables(summary: Summary) -> tuple[Table, ...]:
    """Return the anonymous, suppressed tables of ``summary`` in report order (without definitions)."""
    counts = Table(
        theme="Kerncijfers",
        title="Kerncijfers",
        columns=("Omschrijving", "Aantal"),
        rows=tuple((m.label_nl, count_cell(m.value)) for m in summary.counts),
    )
    funnel = Table(
        theme="Trechter",
        title="Trechter tegen referentiecijfers",
        columns=_RATE_COLUMNS,
        rows=tuple(_rate_row(r) for r in summary.funnel),
        notes=(
            "Referentie: gemiddelde van zes gemeenten in 2018, indicatief (aanmelding → intake 95 %, "
            "stabilisatie → gereed 60 %, gereed → akkoord 85 %).",
        ),
    )
    lead_rows: list[tuple[Cell, ...]] = []
    for lt in summary.lead_times:
        status = lead_time_status(lt)
        median: Cell = status if status is not None else (lt.median_days or 0)
        p80: Cell = status if status is not None else (lt.p80_days or 0)
        norm: Cell = lt.norm_days if lt.norm_days is not None else "–"
        lead_rows.append((lt.label_nl, count_cell(lt.count), median, p80, norm))
    lead_times = Table(
        theme="Doorlooptijden",
        title="Doorlooptijden in kalenderdagen",
        columns=(
            "Doorlooptijd",
            "Aantal dossiers",
            "Mediaan (dagen)",
            "80e percentiel (dagen)",
            "Norm (dagen)",
        ),
        rows=tuple(lead_rows),
        notes=("Percentielen volgens de nearest-rank-methode (zie Definities).",),
    )
    term = Table(
        theme="Termijn eerste gesprek",
        title="Eerste gesprek binnen de wettelijke termijn (Wgs art. 4)",
        columns=("Maat", "Op tijd", "Termijn liep af", "Percentage", "Norm (%)"),
        rows=(_rate_row(summary.first_conversation_in_term),),
    )
    dropouts = Table(
        theme="Uitval",
        title="Uitval per reden",
        columns=("Reden", "Aantal"),
        rows=_breakdown_rows(summary.dropouts, tuple(r.label_nl for r in summary.dropouts.rows)),
    )
    pseudonyms = tuple(f"Consulent {i}" for i in range(1, len(summary.caseload.rows) + 1))
    caseload = Table(
        theme="Caseload",
        title="Caseload: open dossiers per consulent op de einddatum",
        columns=("Consulent", "Open dossiers"),
        rows=_breakdown_rows(summary.caseload, pseudonyms),
        notes=(
            f"Indicatie uit het onderzoek: ongeveer {summary.caseload_reference} dossiers in "
            "stabilisatie per medewerker.",
        ),
    )
    profiles = Table(
        theme="Profielen",
        title="Klantprofielen in de caseload",
        columns=("Klantprofiel", "Aantal"),
        rows=_breakdown_rows(summary.profiles, tuple(r.label_nl for r in summary.profiles.rows)),
    )
    products = Table(
        theme="Producten",
        title="Ondersteuningsproducten actief in de periode",
        columns=("Product", "Aantal klanten"),
        rows=_breakdown_rows(summary.products, tuple(r.label_nl for r in summary.products.rows)),
        notes=("Een klant met twee producten telt bij beide.",),
    )
    return (counts, funnel, lead_times, term, dropouts, caseload, profiles, products)


def definitions_table() -> Table:
    """Return the table of Dutch definitions (sheet "Definities")."""
    rows = tuple(
        (LABELS.get(code) or _METHOD_TERMS.get(code, code), text) for code, text in DEFINITIONS.items()
    )
    return Table(
        theme="Definities",
        title="Definities",
        columns=("Begrip", "Definitie"),
        rows=rows,
        notes=("Bron: onderzoek stabilisatie schuldhulpverlening (2019), bijlage D; NVVK; Wgs.",),
    )
