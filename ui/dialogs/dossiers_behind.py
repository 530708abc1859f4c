"""The dossiers behind one figure of the stuurinformatie, as far as the user may see them.

The list is loaded in a worker (``dossiers_behind`` respects the user's own dossier rights);
double-click or Enter on a row asks the main window to open that dossier
(``workspace.signals.open_dossier``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.services.dossier_views import DossierRow
from app.services.reports import dossiers_behind
from ui.format import format_count, format_date
from ui.workers import Runner
from ui.workspace import Workspace

COL_NUMBER, COL_NAME, COL_PHASE, COL_COUNSELLOR, COL_REPORTED_ON = range(5)
_HEADERS = ("Nummer", "Naam", "Fase", "Consulent", "Melding")

#: The dossier's id (``uuid.UUID``).
ID_ROLE = Qt.ItemDataRole.UserRole

_AnyIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("DossierRowsModel", text)


class DossierRowsModel(QAbstractTableModel):
    """A fixed list of ``DossierRow`` (already sorted by number)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[DossierRow, ...] = ()

    def set_rows(self, rows: Sequence[DossierRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, row: int) -> DossierRow:
        return self._rows[row]

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                row.number,
                row.name,
                row.phase_label,
                row.counsellor,
                format_date(row.reported_on),
            )[index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(_HEADERS[section]) if 0 <= section < len(_HEADERS) else None
        return None


class DossiersBehindDialog(QDialog):
    """Lists the dossiers behind a figure; double-click opens one."""

    def __init__(
        self,
        workspace: Workspace,
        title: str,
        dossier_ids: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._wanted = len(set(dossier_ids))
        self.setWindowTitle(self.tr("Dossiers achter het cijfer"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(760, 480)

        heading = QLabel(f"<b>{title}</b>", self)
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel(self.tr("Dossiers laden…"), self)
        self.status.setWordWrap(True)
        self.model = DossierRowsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Dossiers achter het cijfer"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        hint = QLabel(
            self.tr("Dubbelklik op een dossier (of kies het en druk op Enter) om het te openen."), self
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        close = buttons.addButton(self.tr("&Sluiten"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)

        self._runner = Runner(self)
        self._runner.finished.connect(self._on_rows)
        self._runner.failed.connect(self._on_failed)
        ids = list(dossier_ids)
        ctx = workspace.ctx
        if ids:
            self._runner.submit(lambda: dossiers_behind(ctx, ids))
        else:
            self.status.setText(self.tr("Achter dit cijfer zitten geen dossiers."))

    @property
    def loading(self) -> bool:
        """Whether the list is still being loaded."""
        return self._runner.busy

    def _on_rows(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        shown = len(rows)
        text = format_count(shown, "dossier", "dossiers")
        if shown < self._wanted:
            text = self.tr("{shown} van de {total}. De andere dossiers horen niet bij uw caseload.").format(
                shown=text, total=format_count(self._wanted, "dossier", "dossiers")
            )
        self.status.setText(text)
        if shown:
            self.table.selectRow(0)
            self.table.setFocus()

    def _on_failed(self, error: object) -> None:
        if isinstance(error, KnownError):
            self.status.setText(str(error))
        else:
            self.status.setText(self.tr("De dossiers konden niet worden geladen."))

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        dossier_id = self.model.data(index, ID_ROLE)
        if isinstance(dossier_id, uuid.UUID):
            self._workspace.signals.open_dossier.emit(dossier_id)
