"""The Dossiers page: search as you type, filters by phase and counsellor, a sortable list.

Typing restarts a 250 ms single-shot timer; only when it fires does the model query again (in a
worker), so typing "Willems" costs one query, not seven. Enter or a double-click opens the
dossier (``workspace.signals.open_dossier``).
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.rules.phases import PHASE_LABELS
from ui.dialogs.new_dossier import NewDossierDialog, active_counsellors
from ui.format import format_count
from ui.models.dossier_table import (
    COL_BIRTH_DATE,
    COL_COUNSELLOR,
    COL_NAME,
    COL_NUMBER,
    COL_PHASE,
    COL_POSTCODE,
    COL_REPORTED_ON,
    DossierTableModel,
)
from ui.workspace import Workspace

SEARCH_DELAY_MS = 250

_ALL = "all"
_OPEN = "open"


class DossierListPage(QWidget):
    """Find and open dossiers; the list is a :class:`DossierTableModel` (SQL-side search)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._keep_id: uuid.UUID | None = None
        self.model = DossierTableModel(workspace.ctx, self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._build()
        self._connect()
        self.table.setSortingEnabled(True)  # sorts by Nummer ascending: the first load

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        layout.addLayout(bar)
        search_label = QLabel(self.tr("&Zoeken"), self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Naam, BSN, postcode of dossiernummer"))
        self.search_edit.setAccessibleName(self.tr("Zoek dossiers"))
        self.search_edit.setAccessibleDescription(self.tr("Zoekt op naam, BSN, postcode en dossiernummer"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(300)
        search_label.setBuddy(self.search_edit)
        bar.addWidget(search_label)
        bar.addWidget(self.search_edit, 2)

        phase_label = QLabel(self.tr("&Fase"), self)
        self.phase_filter = QComboBox(self)
        self.phase_filter.setAccessibleName(self.tr("Filter op fase"))
        self.phase_filter.addItem(self.tr("Alle fases"), _ALL)
        self.phase_filter.addItem(self.tr("Alle lopende dossiers"), _OPEN)
        for phase, label in PHASE_LABELS.items():
            self.phase_filter.addItem(self.tr(label), phase.value)
        phase_label.setBuddy(self.phase_filter)
        bar.addWidget(phase_label)
        bar.addWidget(self.phase_filter)

        counsellor_label = QLabel(self.tr("&Consulent"), self)
        self.counsellor_filter = QComboBox(self)
        self.counsellor_filter.setAccessibleName(self.tr("Filter op consulent"))
        self.counsellor_filter.addItem(self.tr("Alle consulenten"), None)
        for counsellor in active_counsellors(self._workspace):
            self.counsellor_filter.addItem(counsellor.full_name, counsellor.id)
        counsellor_label.setBuddy(self.counsellor_filter)
        bar.addWidget(counsellor_label)
        bar.addWidget(self.counsellor_filter)

        self.new_button = QPushButton(self.tr("&Nieuw dossier…"), self)
        self.new_button.setToolTip(self.tr("Nieuw dossier (Ctrl+N)"))
        user = self._workspace.ctx.user
        self.new_button.setVisible(user.is_counsellor or user.is_team_lead)
        bar.addWidget(self.new_button)

        self.count_label = QLabel(self.tr("Zoeken…"), self)
        self.count_label.setAccessibleName(self.tr("Aantal gevonden dossiers"))
        layout.addWidget(self.count_label)

        self.stack = QStackedWidget(self)
        self.table = QTableView(self.stack)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Dossiers"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSortIndicator(COL_NUMBER, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        advance = self.fontMetrics().horizontalAdvance
        widths = {
            COL_NUMBER: advance("2026-XX-00000") + 28,
            COL_BIRTH_DATE: advance("Geboortedatum") + 30,
            COL_POSTCODE: advance("Postcode") + 30,
            COL_PHASE: max(advance(label) for label in PHASE_LABELS.values()) + 16,
            COL_COUNSELLOR: advance("Fatima El Amrani") + 24,
            COL_REPORTED_ON: advance("00-00-00000") + 24,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.stack.addWidget(self.table)
        self.empty_label = QLabel(self.tr("Geen dossiers gevonden"), self.stack)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName(self.tr("Geen dossiers gevonden"))
        self.stack.addWidget(self.empty_label)
        layout.addWidget(self.stack, 1)

    # ------------------------------------------------------------------ behaviour

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self._debounce.start)
        self.search_edit.returnPressed.connect(self.focus_table)
        self.search_edit.installEventFilter(self)
        self._debounce.timeout.connect(self.apply_filters)
        self.phase_filter.currentIndexChanged.connect(self.apply_filters)
        self.counsellor_filter.currentIndexChanged.connect(self.apply_filters)
        self.new_button.clicked.connect(self.new_dossier)
        self.table.activated.connect(self._open_index)
        self.model.loaded.connect(self._on_loaded)
        self.model.failed.connect(self._on_failed)
        self.model.loading_changed.connect(self._on_loading)
        self.model.rowsInserted.connect(self._update_count)
        signals = self._workspace.signals
        signals.dossiers_changed.connect(self.refresh)
        signals.dossier_changed.connect(self.refresh)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.focus_table()
                return True
            if event.key() == Qt.Key.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                return True
        return super().eventFilter(watched, event)

    def apply_filters(self) -> None:
        """Query with what is typed and chosen now (the debounce timer calls this)."""
        self._debounce.stop()
        phase = self.phase_filter.currentData()
        criteria = replace(
            self.model.criteria,
            text=self.search_edit.text().strip(),
            phase=None if phase in (_ALL, _OPEN) else str(phase),
            include_ended=phase != _OPEN,
            counsellor_id=self.counsellor_filter.currentData(),
        )
        if criteria != self.model.criteria:
            self.model.set_criteria(criteria)

    def refresh(self, _dossier_id: object = None) -> None:
        """Query again (a dossier was added or changed), keeping the selected dossier selected."""
        self._keep_id = self.current_dossier_id()
        self.model.reload()

    def current_dossier_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return self.model.dossier_id(index.row()) if index.isValid() else None

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def focus_table(self) -> None:
        """Move the keyboard focus to the list, on the first dossier when none is current."""
        if self.model.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid():
            self._select_row(0)

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, COL_NUMBER)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def new_dossier(self) -> NewDossierDialog:
        """Open the new-dossier dialog (window-modal, not blocking) and return it."""
        dialog = NewDossierDialog(self._workspace, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self._workspace.signals.open_dossier.emit(self.model.dossier_id(index.row()))

    def _on_loading(self, busy: bool) -> None:
        if busy:
            self.count_label.setText(self.tr("Zoeken…"))

    def _update_count(self) -> None:
        total = self.model.total
        self.count_label.setText(format_count(total, self.tr("dossier"), self.tr("dossiers")))

    def _on_loaded(self) -> None:
        self._update_count()
        empty = self.model.total == 0
        if empty:
            self.empty_label.setText(
                self.tr("Geen dossiers gevonden.\nControleer de spelling of kies andere filters.")
            )
        self.stack.setCurrentWidget(self.empty_label if empty else self.table)
        if self._keep_id is not None:
            row = self.model.row_of(self._keep_id)
            self._keep_id = None
            if row is not None:
                self._select_row(row)

    def _on_failed(self, message: str) -> None:
        self.count_label.setText(self.tr("Zoeken mislukt"))
        self.empty_label.setText(message)
        self.stack.setCurrentWidget(self.empty_label)
