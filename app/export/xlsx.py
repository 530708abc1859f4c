"""Stuurinformatie as an Excel workbook: one sheet per theme and a sheet "Definities".

Only the anonymous, suppressed tables of ``app.export.tables`` are written: no names, BSNs,
addresses, dossier numbers or ids. Source: PRODUCT.md §7 (export as XLSX without names or BSNs).
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from app.export.tables import Table, definitions_table, header_lines, summary_tables
from app.rules.kpi import Summary

TITLE = "Stuurinformatie schuldhulpverlening"
_MAX_WIDTH = 60


def _write_table(workbook: Workbook, table: Table, header: tuple[str, ...], *, wrap_last: bool) -> None:
    sheet = workbook.create_sheet(title=table.theme[:31])
    sheet.append([f"{TITLE}: {table.title}"])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    for line in header:
        sheet.append([line])
    sheet.append([])
    sheet.append(list(table.columns))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in table.columns]
    for row in table.rows:
        sheet.append(list(row))
        for index, value in enumerate(row):
            widths[index] = max(widths[index], len(str(value)))
            cell = sheet.cell(row=sheet.max_row, column=index + 1)
            if isinstance(value, Decimal):
                cell.number_format = "0.0"
            elif isinstance(value, str) and index > 0:
                cell.alignment = Alignment(horizontal="right")
            if wrap_last and index == len(row) - 1:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row and row[0] == "Totaal":
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    if table.notes:
        sheet.append([])
        for note in table.notes:
            sheet.append([note])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, _MAX_WIDTH)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def summary_workbook(
    summary: Summary, *, organisation_name: str = "", scope_label: str | None = None
) -> bytes:
    """Return the workbook bytes for ``summary``.

    ``organisation_name`` (the municipality, from settings) heads each sheet;
    ``scope_label`` replaces the default selection text (e.g. a team name).
    """
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    header = header_lines(summary, scope_label)
    if organisation_name:
        header = (organisation_name, *header)
    for table in summary_tables(summary):
        _write_table(workbook, table, header, wrap_last=False)
    _write_table(workbook, definitions_table(), (), wrap_last=True)
    workbook.properties.creator = "Helder"
    workbook.properties.title = TITLE
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_summary_xlsx(
    summary: Summary, path: Path, *, organisation_name: str = "", scope_label: str | None = None
) -> None:
    """Write ``summary`` as an XLSX file at ``path``."""
    path.write_bytes(summary_workbook(summary, organisation_name=organisation_name, scope_label=scope_label))
