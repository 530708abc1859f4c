"""The lines table of the *Budget* tab and the dialog that starts a new dated version."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.services.budget_views import BudgetLineView
from app.services.context import today_local
from ui.format import format_money
from ui.models.record_table import Column, RecordTableModel
from ui.widgets.date_edit import DateEdit

_AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS: list[Column[BudgetLineView]] = [
    Column("Soort", lambda x: x.side_label),
    Column("Wat", lambda x: x.category_label),
    Column("Omschrijving", lambda x: x.description),
    Column("Bedrag", lambda x: format_money(x.amount_cents), sort=lambda x: x.amount_cents),
    Column("Hoe vaak", lambda x: x.frequency_label),
    Column("Per maand", lambda x: format_money(x.monthly_cents), sort=lambda x: x.monthly_cents),
]
_MONEY_COLUMNS = (3, 5)


class BudgetLineModel(RecordTableModel[BudgetLineView]):
    """Budget lines; amounts right-aligned."""

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in _MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class NewVersionDialog(QDialog):
    """Ask from which date a new version of the plan applies."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nieuwe versie van het budgetplan"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("De nieuwe versie begint met een kopie van de vorige."), self))
        form = QFormLayout()
        self.valid_from = DateEdit(self, value=today_local())
        self.valid_from.setAccessibleName(self.tr("Geldt vanaf"))
        form.addRow(self.tr("Geldt &vanaf"), self.valid_from)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
