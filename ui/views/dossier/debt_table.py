"""The table of the *Schulden* tab (columns, colours) and saving an overview PDF.

The post with each creditor shows as its colour from ``app.rules.debts.CORRESPONDENCE_COLOURS``
(black text, contrast at least 4.5:1); a balance older than six months shows in dark red.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStandardPaths, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import KnownError
from app.services.debt_views import DebtView
from ui.format import format_date, format_money
from ui.models.record_table import Column, RecordTableModel
from ui.widgets.field_error import ERROR_COLOUR

_AnyIndex = QModelIndex | QPersistentModelIndex


def save_overview_pdf(parent: QWidget, suggested: str, render: Callable[[], bytes]) -> Path | None:
    """Ask where to save, then render and write the PDF; the path, or None when cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        parent.tr("Overzicht opslaan als PDF"),
        str(Path(folder) / suggested),
        parent.tr("PDF (*.pdf)"),
    )
    if not name:
        return None
    path = Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")
    try:
        path.write_bytes(render())
    except KnownError as exc:
        QMessageBox.warning(parent, parent.tr("Niet gelukt"), str(exc))
        return None
    except OSError as exc:
        QMessageBox.warning(
            parent,
            parent.tr("Niet opgeslagen"),
            parent.tr("Het bestand kan niet worden opgeslagen: {0}").format(exc.strerror or exc),
        )
        return None
    return path


def _creditor_text(d: DebtView) -> str:
    via = d.bailiff_name or d.collection_agency_name
    return f"{d.creditor_name} (via {via})" if via else d.creditor_name


def _balance_date(d: DebtView) -> str:
    if d.form.balance_on is None:
        return ""
    return format_date(d.form.balance_on) + ("  ⚠ verouderd" if d.stale else "")


def _settle_text(d: DebtView) -> str:
    if d.settleable:
        return "Ja"
    return "Nee (boete CJIB)" if d.form.is_fine and d.creditor_kind == "cjib" else "Nee"


def _priority_text(d: DebtView) -> str:
    if not d.priority:
        return ""
    return "Ja, bedreigend" if d.threat_label else "Ja"


def _proposal_text(d: DebtView) -> str:
    if d.form.proposal_cents is None and d.form.proposal_answer is None:
        return ""
    amount = format_money(d.form.proposal_cents) if d.form.proposal_cents is not None else ""
    return " · ".join(p for p in (amount, d.proposal_answer_label) if p)


COLUMNS: list[Column[DebtView]] = [
    Column("Schuldeiser", _creditor_text, tooltip=_creditor_text),
    Column("Omschrijving", lambda d: d.form.description, tooltip=lambda d: d.form.description),
    Column("Bedrag nu", lambda d: format_money(d.current_cents), sort=lambda d: d.current_cents),
    Column("Peildatum", _balance_date, sort=lambda d: d.form.balance_on or ""),
    Column("Post", lambda d: d.correspondence_label),
    Column("Zekerheid", lambda d: d.verification_label),
    Column("Invordering", lambda d: d.collection_stage_label),
    Column("Regelbaar", _settle_text),
    Column("Voorrang", _priority_text, tooltip=lambda d: d.threat_label),
    Column("Soort", lambda d: d.creditor_kind_label),
    Column("Voorstel", _proposal_text),
]
COL_AMOUNT, COL_BALANCE_ON, COL_POST = 2, 3, 4
#: Widest a column starts (pixels); longer text is elided and shown in full as a tooltip.
MAX_COLUMN_WIDTH = 240


class DebtTableModel(RecordTableModel[DebtView]):
    """Debts with the correspondence colour, a warning colour for stale balances, amounts right."""

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < self.rowCount():
            debt = self.record(index.row())
            if role == Qt.ItemDataRole.BackgroundRole and index.column() == COL_POST:
                return QColor(debt.correspondence_colour)
            if role == Qt.ItemDataRole.ForegroundRole and index.column() == COL_POST:
                return QColor("#000000")
            if role == Qt.ItemDataRole.ForegroundRole and index.column() == COL_BALANCE_ON and debt.stale:
                return QColor(ERROR_COLOUR)
            if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_AMOUNT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)
