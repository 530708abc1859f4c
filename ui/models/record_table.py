"""A read-only table model over a short list of frozen records (users, log lines, backups).

Each column is a :class:`Column`: a header, how to show a record and what to sort on. The model
keeps the records as they came from the service; a full reload resets the model. Small lists
only: the dossier list (50 000 rows) has its own SQL-backed model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

R = TypeVar("R")

#: The record itself (the frozen dataclass of that row).
RECORD_ROLE = Qt.ItemDataRole.UserRole
#: The raw value a column sorts on.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

_AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: header text, the shown text, and the value to sort on (default: the text)."""

    header: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str] | None = None


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows of frozen records shown through :class:`Column` definitions."""

    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row (a full reload)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> R:
        return self._rows[row]

    def records(self) -> list[R]:
        return list(self._rows)

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        record, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role == SORT_ROLE:
            return column.sort(record) if column.sort is not None else column.text(record)
        if role == RECORD_ROLE:
            return record
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None
