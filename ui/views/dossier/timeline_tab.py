"""The *Tijdlijn* tab: every contact and event of a dossier, newest first, filterable by kind."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.services.dossier_views import TimelineEntry
from app.services.workflow import TIMELINE_KINDS, timeline
from ui.dialogs.contact import ContactDialog
from ui.format import format_date
from ui.views.dossier.view import DossierView
from ui.workers import Runner
from ui.workspace import Workspace

COL_DATE, COL_KIND, COL_TITLE, COL_DETAIL, COL_BY = range(5)
_HEADERS = ("Datum", "Soort", "Wat", "Toelichting", "Door")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Longer texts are cut short in the table (the pane under it shows them whole).
MAX_SHOWN = 160

_AnyIndex = QModelIndex | QPersistentModelIndex


def _text(entry: TimelineEntry, column: int) -> str:
    if column == COL_DATE:
        return format_date(entry.on)
    if column == COL_KIND:
        return entry.kind_label
    if column == COL_TITLE:
        return entry.title
    if column == COL_DETAIL:
        return entry.detail
    return entry.by


class TimelineModel(QAbstractTableModel):
    """Timeline entries as rows (already sorted newest first by the service)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> TimelineEntry:
        return self._entries[row]

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries) or not 0 <= index.column() < 5:
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = _text(entry, column)
            return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1].rstrip() + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return _text(entry, column)
        if role == SORT_ROLE:
            return entry.on if column == COL_DATE else _text(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return QCoreApplication.translate("TimelineModel", _HEADERS[section])
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class TimelineTab(QWidget):
    """The timeline of one dossier with a kind filter and *Contact toevoegen*."""

    loaded = Signal()

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        self._view = DossierView.of(parent)
        self.model = TimelineModel(self)
        self._runner = Runner(self)
        self._build()
        self._connect()
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        label = QLabel(self.tr("&Toon"), self)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setAccessibleName(self.tr("Soort gebeurtenis"))
        self.kind_filter.addItem(self.tr("Alles"), None)
        for code, text in TIMELINE_KINDS.items():
            self.kind_filter.addItem(self.tr(text), code)
        label.setBuddy(self.kind_filter)
        self.add_button = QPushButton(self.tr("&Contact toevoegen…"), self)
        view = self._view
        can_edit = view.can_edit if view is not None else True
        self.add_button.setVisible(can_edit)
        self.count_label = QLabel(self)
        label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        bar.addWidget(label)
        bar.addSpacing(4)
        bar.addWidget(self.kind_filter)
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.add_button)
        layout.addLayout(bar)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Tijdlijn"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_TITLE, self.fontMetrics().horizontalAdvance("x" * 34))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setTabChangesFocus(True)
        self.detail.setAccessibleName(self.tr("Gekozen gebeurtenis"))
        self.detail.setPlaceholderText(self.tr("Kies een regel om de hele toelichting te lezen."))
        self.detail.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        layout.addWidget(self.detail)

    def _connect(self) -> None:
        self.kind_filter.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._show_entry)
        self.add_button.clicked.connect(self.add_contact)
        self._runner.finished.connect(self._on_loaded)
        self._runner.failed.connect(self._on_failed)
        self._workspace.signals.dossier_changed.connect(self._on_dossier_changed)

    def reload(self) -> None:
        """Read the timeline again (in a worker); ``loaded`` follows."""
        kind = self.kind_filter.currentData()
        kinds = frozenset({str(kind)}) if kind else None
        ctx, dossier_id = self._workspace.ctx, self._dossier_id
        self._runner.submit(lambda: timeline(ctx, dossier_id, kinds))

    def _on_loaded(self, entries: object) -> None:
        assert isinstance(entries, list)
        self.model.set_entries(entries)
        self.detail.clear()
        count = len(entries)
        self.count_label.setText(
            self.tr("1 gebeurtenis") if count == 1 else self.tr("{0} gebeurtenissen").format(count)
        )
        self.loaded.emit()

    def _show_entry(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        entry = self.model.entry(current.row())
        lines = [
            f"{format_date(entry.on)} · {entry.kind_label} · {entry.title}",
            entry.detail,
            self.tr("Door: {0}").format(entry.by) if entry.by else "",
        ]
        self.detail.setPlainText("\n".join(line for line in lines if line))

    def _on_failed(self, error: object) -> None:
        self.model.set_entries([])
        self.count_label.setText(
            str(error) if isinstance(error, KnownError) else self.tr("De tijdlijn kon niet worden geladen.")
        )
        self.loaded.emit()

    def _on_dossier_changed(self, dossier_id: object) -> None:
        if dossier_id == self._dossier_id:
            self.reload()

    def add_contact(self) -> ContactDialog:
        """Open the contact dialog (window-modal, not blocking) and return it."""
        dialog = ContactDialog(self._workspace, self._dossier_id, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_contact_saved)
        dialog.open()
        return dialog

    def _on_contact_saved(self, _contact: object) -> None:
        if self._view is not None:
            self._view.announce_change()
        else:
            self._workspace.signals.dossier_changed.emit(self._dossier_id)
        self._workspace.signals.signals_changed.emit()
