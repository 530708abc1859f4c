"""The Signalen page: every term that is due or late, most urgent first.

For a consulent the own (and shared) dossiers; a teamleider can switch to the whole team. The
list is computed in a worker (``app.services.signalen``), reloads when anything changes, and
keeps the count after the page's name in the navigation (``MainWindow.set_badge``).
Double-click a line to open the dossier.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services import signalen
from app.services.signalen import INFO, LATE, SIGNAL_KIND_LABELS, TODAY
from app.services.signalen import Signal as SignalRow
from ui.format import format_count, format_date
from ui.workers import Runner
from ui.workspace import Workspace

PAGE_KEY = "signalen"

COL_URGENCY, COL_DUE, COL_KIND, COL_NUMBER, COL_CLIENT, COL_TEXT, COL_COUNSELLOR = range(7)
_HEADERS = ("Urgentie", "Uiterlijk", "Soort", "Dossier", "Cliënt", "Toelichting", "Consulent")
ID_ROLE = Qt.ItemDataRole.UserRole
_COLOURS = {LATE: QColor("#a4262c"), TODAY: QColor("#8A4B00"), INFO: QColor("#595959")}

_Index = QModelIndex | QPersistentModelIndex


def urgency_text(s: SignalRow) -> str:
    """'Te laat (3 dagen)', 'Vandaag', 'Over 2 dagen', 'Ter info'."""
    if s.severity == LATE:
        days = -s.days_left
        return f"Te laat ({days} {'dag' if days == 1 else 'dagen'})"
    if s.severity == TODAY:
        return "Vandaag"
    if s.severity == INFO:
        return "Ter info"
    return f"Over {s.days_left} {'dag' if s.days_left == 1 else 'dagen'}"


class SignalModel(QAbstractTableModel):
    """The signals as rows; ``ID_ROLE`` on every cell gives the dossier id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SignalRow] = []
        self.show_counsellor = False

    def set_rows(self, rows: list[SignalRow], show_counsellor: bool) -> None:
        self.beginResetModel()
        self._rows = rows
        self.show_counsellor = show_counsellor
        self.endResetModel()

    @property
    def rows(self) -> list[SignalRow]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        if parent.isValid():
            return 0
        return len(_HEADERS) if self.show_counsellor else len(_HEADERS) - 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < self.columnCount():
            return self.tr(_HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_URGENCY: urgency_text(s),
                COL_DUE: format_date(s.due_on),
                COL_KIND: s.kind_label,
                COL_NUMBER: s.number,
                COL_CLIENT: s.client_name,
                COL_TEXT: s.text,
                COL_COUNSELLOR: s.counsellor,
            }.get(column)
        if role == ID_ROLE:
            return s.dossier_id
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_URGENCY:
            return _COLOURS.get(s.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return s.text
        return None


class SignalenPage(QWidget):
    """``PAGES`` entry "Signalen" (workspace, parent)."""

    loaded = Signal(int)  # the number of signals shown, after each (re)load

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._all: list[SignalRow] = []
        self._scope = signalen.default_scope(workspace.ctx)
        self._runner = Runner(self)
        self._runner.finished.connect(self._on_loaded)
        self._runner.failed.connect(self._on_failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.reload)
        self._build()
        workspace.signals.signals_changed.connect(self._timer.start)
        workspace.signals.dossier_changed.connect(lambda _id: self._timer.start())
        workspace.signals.dossiers_changed.connect(self._timer.start)
        self.reload()

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.scope_group = QButtonGroup(self)
        self.me_button = QRadioButton(self.tr("Mijn dossiers"), self)
        self.me_button.setVisible(self._workspace.ctx.user.sees_dossiers)
        self.team_button = QRadioButton(self.tr("Mijn team"), self)
        self.scope_group.addButton(self.me_button)
        self.scope_group.addButton(self.team_button)
        self.team_button.setVisible(self._workspace.ctx.user.is_team_lead)
        (self.team_button if self._scope == "team" else self.me_button).setChecked(True)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Soort signaal"))
        self.kind.addItem(self.tr("Alle soorten"), None)
        for code, text in SIGNAL_KIND_LABELS.items():
            self.kind.addItem(self.tr(text), code)
        self.count_label = QLabel(self)
        self.refresh_button = QPushButton(self.tr("Vernieuwen"), self)
        for widget in (self.me_button, self.team_button, self.kind, self.refresh_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(self.count_label, 1)
        layout.addLayout(bar)
        self.model = SignalModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Signalen"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(self._on_double_clicked)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("Dubbelklik op een regel om het dossier (of de pagina) te openen."), self)
        layout.addWidget(hint)
        self.scope_group.buttonClicked.connect(lambda _b: self._on_scope())
        self.kind.currentIndexChanged.connect(lambda _i: self._apply())
        self.refresh_button.clicked.connect(self.reload)

    # ------------------------------------------------------------------ data

    @property
    def scope(self) -> str:
        return self._scope

    @property
    def busy(self) -> bool:
        return self._runner.busy

    @property
    def rows(self) -> list[SignalRow]:
        """The signals now shown (after the kind filter)."""
        return self.model.rows

    def set_scope(self, scope: str) -> None:
        (self.team_button if scope == "team" else self.me_button).setChecked(True)
        self._on_scope()

    def _on_scope(self) -> None:
        self._scope = "team" if self.team_button.isChecked() else "me"
        self.reload()

    def reload(self) -> None:
        """Compute the signals again in a worker."""
        ctx, scope = self._workspace.ctx, self._scope
        self.count_label.setText(self.tr("Bezig met laden…"))
        self._runner.submit(lambda: signalen.signals(ctx, scope))

    def _on_loaded(self, rows: object) -> None:
        self._all = list(rows) if isinstance(rows, list) else []
        self._apply()
        self._update_badge()

    def _on_failed(self, error: object) -> None:
        self.count_label.setText(str(error))

    def _apply(self) -> None:
        kind = self.kind.currentData()
        shown = [s for s in self._all if kind is None or s.kind == kind]
        self.model.set_rows(shown, self._scope == "team")
        self.table.resizeColumnsToContents()
        late = sum(1 for s in shown if s.severity == LATE)
        text = format_count(len(shown), "signaal", "signalen")
        self.count_label.setText(self.tr("{0}, waarvan {1} te laat").format(text, late) if late else text)
        self.loaded.emit(len(shown))

    def _update_badge(self) -> None:
        window = self.window()
        set_badge = getattr(window, "set_badge", None)
        if callable(set_badge):
            set_badge(PAGE_KEY, len(self._all))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_badge()

    def _on_double_clicked(self, index: QModelIndex) -> None:
        dossier_id = index.data(ID_ROLE)
        row = self.model.rows[index.row()] if 0 <= index.row() < len(self.model.rows) else None
        if dossier_id is None and row is not None and row.ref.startswith("page:"):
            self._workspace.signals.open_page.emit(row.ref.removeprefix("page:"))
            return
        if isinstance(dossier_id, uuid.UUID):
            self._workspace.signals.open_dossier.emit(dossier_id)
