"""The *Schuldeisers* page: the creditor directory shared by all dossiers (search, add, correct).

Each creditor has a kind that maps to the DDAS schuldsoort (Zorg, Publiek, Nuts, Overig); the
number of debts shows where a creditor is used. A creditor still in use cannot be removed.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError, ValidationError
from app.rules.debts import CREDITOR_KIND_LABELS
from app.services.creditors import delete_creditor, list_creditors
from app.services.debt_views import CreditorView
from ui.dialogs.creditor import CreditorDialog
from ui.models.record_table import RECORD_ROLE, SORT_ROLE, Column, RecordTableModel
from ui.workspace import Workspace

COLUMNS: list[Column[CreditorView]] = [
    Column("Naam", lambda c: c.name, sort=lambda c: c.name.casefold()),
    Column("Soort", lambda c: c.kind_label),
    Column("Schuldsoort (DDAS)", lambda c: c.ddas_kind),
    Column("Adres", lambda c: ", ".join(c.address_lines)),
    Column("Telefoon", lambda c: c.phone),
    Column("Schulden", lambda c: str(c.debt_count), sort=lambda c: c.debt_count),
]


class CreditorsPage(QWidget):
    """Search the directory by name and kind; add, change or remove creditors."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Schuldeisers"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Zoek op naam"))
        self.search.setAccessibleName(self.tr("Zoek schuldeiser"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Soort schuldeiser"))
        self.kind.addItem(self.tr("Alle soorten"), None)
        for code, text in CREDITOR_KIND_LABELS.items():
            self.kind.addItem(self.tr(text), code.value)
        self.add_button = QPushButton(self.tr("&Nieuwe schuldeiser…"), self)
        self.edit_button = QPushButton(self.tr("&Wijzigen…"), self)
        self.delete_button = QPushButton(self.tr("&Verwijderen"), self)
        for widget in (self.search, self.kind, self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(widget)
        bar.setStretch(0, 1)
        layout.addLayout(bar)
        self.model = RecordTableModel(COLUMNS, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAccessibleName(self.tr("Schuldeisers"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        layout.addWidget(self.status)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.reload)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.activated.connect(lambda _index: self.edit_selected())
        QShortcut(QKeySequence.StandardKey.New, self, self.add, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.reload()

    def reload(self) -> None:
        """Read the directory again with the current search."""
        kind = self.kind.currentData()
        try:
            rows = list_creditors(
                self._workspace.ctx, self.search.text(), str(kind) if kind else None, with_counts=True
            )
        except KnownError as exc:
            self.status.setText(str(exc))
            return
        self.model.set_rows(rows)
        self.status.setText(
            self.tr("{0} schuldeisers").format(len(rows)) if len(rows) != 1 else self.tr("1 schuldeiser")
        )

    def selected(self) -> CreditorView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        record = self.proxy.data(rows[0], RECORD_ROLE)
        return record if isinstance(record, CreditorView) else None

    def add(self) -> None:
        dialog = CreditorDialog(self._workspace, None, self, name=self.search.text().strip())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def edit_selected(self) -> None:
        creditor = self.selected()
        if creditor is None:
            return
        dialog = CreditorDialog(self._workspace, creditor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def delete_selected(self) -> None:
        creditor = self.selected()
        if creditor is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Schuldeiser verwijderen"),
            self.tr("{0} uit de lijst verwijderen?").format(creditor.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_creditor(self._workspace.ctx, creditor.id)
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), "\n".join(exc.errors.values()))
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), str(exc))
            return
        self.reload()
