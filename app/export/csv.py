"""Stuurinformatie as CSV for Dutch Excel: ';' separator, UTF-8 with BOM, decimal comma.

Long ("tidy") layout, one figure per line, so quarters can be stacked and pivoted:
``Periode van;Periode tot;Selectie;Thema;Onderdeel;Kenmerk;Waarde``. Definitions follow as
theme "Definities". Only the anonymous, suppressed tables of ``app.export.tables`` are written.
Source: PRODUCT.md §7; Excel (nl-NL) expects ';' and ',' and needs the BOM to read UTF-8.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from app.export.tables import Cell, Table, definitions_table, dutch_decimal, summary_tables
from app.rules.kpi import Summary

COLUMNS = ("Periode van", "Periode tot", "Selectie", "Thema", "Onderdeel", "Kenmerk", "Waarde")
BOM = "\ufeff"


def _text(value: Cell) -> str:
    if isinstance(value, Decimal):
        return dutch_decimal(value)
    return str(value)


def _records(table: Table) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for row in table.rows:
        item = _text(row[0])
        for column, value in zip(table.columns[1:], row[1:], strict=True):
            out.append((item, column, _text(value)))
    return out


def summary_csv_text(summary: Summary, *, scope_label: str | None = None) -> str:
    """Return the CSV text (starting with a BOM, CRLF line ends) for ``summary``."""
    start = summary.period.start.strftime("%d-%m-%Y")
    end = summary.period.end.strftime("%d-%m-%Y")
    scope = scope_label or summary.scope_label_nl
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for table in (*summary_tables(summary), definitions_table()):
        for item, column, value in _records(table):
            writer.writerow((start, end, scope, table.theme, item, column, value))
    return BOM + buffer.getvalue()


def write_summary_csv(summary: Summary, path: Path, *, scope_label: str | None = None) -> None:
    """Write ``summary`` as a CSV file at ``path`` (UTF-8 with BOM)."""
    path.write_bytes(summary_csv_text(summary, scope_label=scope_label).encode("utf-8"))
