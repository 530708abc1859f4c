"""The dossier list as a table model: searched, filtered and sorted in SQL, fetched in pages.

With 50 000 dossiers nothing is filtered in Python (STACK.md: a proxy filter over 100 000 rows
takes seconds); every change of the criteria re-queries ``search_dossiers``/``count_dossiers``
in a worker, and scrolling fetches the next page of :data:`PAGE_SIZE` rows (``fetchMore``).
Results of an older query that arrive late are dropped (``ui.workers.Runner``).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
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

from app.errors import KnownError
from app.services.context import ServiceContext
from app.services.dossier_views import DossierRow, SearchCriteria
from app.services.dossiers import count_dossiers, search_dossiers
from ui.format import format_date
from ui.workers import Runner

PAGE_SIZE = 200

COL_NUMBER, COL_NAME, COL_BIRTH_DATE, COL_POSTCODE, COL_PHASE, COL_COUNSELLOR, COL_REPORTED_ON = range(7)
COLUMN_COUNT = 7

#: The dossier's id (``uuid.UUID``).
ID_ROLE = Qt.ItemDataRole.UserRole
#: The raw value a column sorts on (a ``date`` for date columns, else text).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

#: The service's sort key per column (``SearchCriteria.sort``).
SORT_KEYS: dict[int, str] = {
    COL_NUMBER: "number",
    COL_NAME: "name",
    COL_BIRTH_DATE: "birth_date",
    COL_POSTCODE: "postcode",
    COL_PHASE: "phase",
    COL_COUNSELLOR: "counsellor",
    COL_REPORTED_ON: "reported_on",
}

_HEADERS = {
    COL_NUMBER: "Nummer",
    COL_NAME: "Naam",
    COL_BIRTH_DATE: "Geboortedatum",
    COL_POSTCODE: "Postcode",
    COL_PHASE: "Fase",
    COL_COUNSELLOR: "Consulent",
    COL_REPORTED_ON: "Melding",
}

_AnyIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("DossierTableModel", text)


def _display(row: DossierRow, column: int) -> str:
    if column == COL_NUMBER:
        return row.number
    if column == COL_NAME:
        return row.name
    if column == COL_BIRTH_DATE:
        return format_date(row.birth_date)
    if column == COL_POSTCODE:
        return row.postcode
    if column == COL_PHASE:
        return row.phase_label
    if column == COL_COUNSELLOR:
        return row.counsellor
    return format_date(row.reported_on)


def _sort_value(row: DossierRow, column: int) -> object:
    if column == COL_BIRTH_DATE:
        return row.birth_date
    if column == COL_REPORTED_ON:
        return row.reported_on
    if column == COL_PHASE:
        return row.phase
    return _display(row, column)


class DossierTableModel(QAbstractTableModel):
    """Rows of ``search_dossiers`` for the current :class:`SearchCriteria`, loaded page by page."""

    loaded = Signal()  # a (re)load finished; rowCount() and total are up to date
    failed = Signal(str)  # a load failed; a Dutch message
    loading_changed = Signal(bool)

    def __init__(
        self, ctx: ServiceContext, parent: QObject | None = None, *, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._page_size = page_size
        self._criteria = SearchCriteria()
        self._rows: list[DossierRow] = []
        self._total = 0
        self._has_loaded = False
        self._fetching = False
        self._reloader = Runner(self)
        self._reloader.finished.connect(self._on_loaded)
        self._reloader.failed.connect(self._on_failed)
        self._reloader.busy_changed.connect(self.loading_changed)
        self._pager = Runner(self)
        self._pager.finished.connect(self._on_page)
        self._pager.failed.connect(self._on_page_failed)

    # ------------------------------------------------------------------ state

    @property
    def criteria(self) -> SearchCriteria:
        return self._criteria

    @property
    def total(self) -> int:
        """How many dossiers match (not all of them need to be fetched yet)."""
        return self._total

    @property
    def has_loaded(self) -> bool:
        """Whether the first load has finished."""
        return self._has_loaded

    @property
    def is_loading(self) -> bool:
        return self._reloader.busy

    def set_criteria(self, criteria: SearchCriteria) -> None:
        """Search again with ``criteria`` (the result arrives with :attr:`loaded`)."""
        self._criteria = criteria
        self.reload()

    def reload(self) -> None:
        """Query again with the current criteria, e.g. after a dossier changed."""
        ctx, criteria, size = self._ctx, self._criteria, self._page_size
        self._pager.cancel()
        self._fetching = False

        def work() -> tuple[int, list[DossierRow]]:
            return count_dossiers(ctx, criteria), search_dossiers(ctx, criteria, 0, size)

        self._reloader.submit(work)

    def row_data(self, row: int) -> DossierRow:
        return self._rows[row]

    def dossier_id(self, row: int) -> uuid.UUID:
        return self._rows[row].id

    def row_of(self, dossier_id: uuid.UUID) -> int | None:
        """Return the row of a fetched dossier, or None."""
        return next((i for i, r in enumerate(self._rows) if r.id == dossier_id), None)

    # ------------------------------------------------------------------ results

    def _on_loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        total, rows = result
        self.beginResetModel()
        self._rows = list(rows)
        self._total = max(int(total), len(self._rows))
        self.endResetModel()
        self._has_loaded = True
        self.loaded.emit()

    def _on_failed(self, error: object) -> None:
        self.beginResetModel()
        self._rows = []
        self._total = 0
        self.endResetModel()
        self._has_loaded = True
        message = (
            str(error)
            if isinstance(error, KnownError)
            else _tr("Het zoeken is mislukt. Probeer het opnieuw.")
        )
        self.failed.emit(message)

    def _on_page(self, result: object) -> None:
        assert isinstance(result, tuple)
        offset, rows = result
        if offset != len(self._rows):
            self._fetching = False
            return
        if not rows:  # fewer dossiers than counted (some were closed or removed meanwhile)
            self._total = len(self._rows)
            self._fetching = False
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self._total = max(self._total, len(self._rows))
        self.endInsertRows()
        self._fetching = False  # only now: views ask for more while the rows are inserted

    def _on_page_failed(self, error: object) -> None:
        self._fetching = False
        self._total = len(self._rows)
        message = (
            str(error) if isinstance(error, KnownError) else _tr("Het laden is mislukt. Probeer het opnieuw.")
        )
        self.failed.emit(message)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or not 0 <= index.column() < COLUMN_COUNT
        ):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _display(row, index.column())
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return _sort_value(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_NAME:
            return f"{row.name} — {row.number}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            label = _HEADERS.get(section)
            return _tr(label) if label else None
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def canFetchMore(self, parent: _AnyIndex) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _AnyIndex) -> None:
        if parent.isValid() or self._fetching or self._reloader.busy or len(self._rows) >= self._total:
            return
        self._fetching = True
        ctx, criteria, size, offset = self._ctx, self._criteria, self._page_size, len(self._rows)

        def work() -> tuple[int, list[DossierRow]]:
            return offset, search_dossiers(ctx, criteria, offset, size)

        self._pager.submit(work)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        wanted = replace(self._criteria, sort=key, descending=order == Qt.SortOrder.DescendingOrder)
        if wanted == self._criteria and (self._has_loaded or self.is_loading):
            return
        self.set_criteria(wanted)
