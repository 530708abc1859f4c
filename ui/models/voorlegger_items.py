"""Table model of voorlegger items (one section, or every item waiting for the check)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.services.voorlegger_views import ItemView
from ui.format import format_date

COL_ITEM, COL_STATUS, COL_REQUESTED, COL_RECEIVED, COL_CHECKED, COL_FILES = range(6)
KEY_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

_HEADERS = ("Item", "Status", "Opgevraagd", "Ontvangen", "Gecontroleerd", "Bijlagen")
_STATUS_ORDER = {"open": 0, "requested": 1, "received": 2, "checked": 3, "not_applicable": 4}
_COLOURS = {
    "checked": QColor("#1b6e3a"),
    "not_applicable": QColor("#5f6b76"),
    "received": QColor("#1f4e79"),
}
_WARNING = QColor("#a4262c")

Index = QModelIndex | QPersistentModelIndex


def status_text(item: ItemView) -> str:
    """The status as the table shows it, with what needs attention."""
    text = item.status_label
    if item.sent_back_reason and item.status in ("requested", "open"):
        text += " (teruggestuurd)"
    elif item.overdue:
        text += " (te lang)"
    return text


class VoorleggerItemsModel(QAbstractTableModel):
    """Rows are :class:`ItemView` objects; ``KEY_ROLE`` gives the item key."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ItemView] = []

    # ----------------------------------------------------------------- data
    def set_items(self, items: list[ItemView]) -> None:
        """Replace all rows (a full reload)."""
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> ItemView:
        return self._items[row]

    def row_of(self, key: str) -> int:
        """Return the row of ``key``, or -1."""
        return next((i for i, item in enumerate(self._items) if item.key == key), -1)

    # ----------------------------------------------------------------- Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item, column = self._items[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == KEY_ROLE:
            return item.key
        if role == SORT_ROLE:
            return self._sort(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            if item.overdue or (item.sent_back_reason and item.status in ("requested", "open")):
                return QBrush(_WARNING)
            colour = _COLOURS.get(item.status)
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        return None

    def _display(self, item: ItemView, column: int) -> str:
        if column == COL_ITEM:
            return item.label
        if column == COL_STATUS:
            return status_text(item)
        if column == COL_REQUESTED:
            return format_date(item.requested_on)
        if column == COL_RECEIVED:
            return format_date(item.received_on)
        if column == COL_CHECKED:
            return format_date(item.checked_on)
        return str(len(item.attachments)) if item.attachments else ""

    def _sort(self, item: ItemView, column: int) -> Any:
        if column == COL_STATUS:
            return _STATUS_ORDER.get(item.status, 9)
        if column in (COL_REQUESTED, COL_RECEIVED, COL_CHECKED):
            value = (item.requested_on, item.received_on, item.checked_on)[column - COL_REQUESTED]
            return value.isoformat() if value else ""
        if column == COL_FILES:
            return len(item.attachments)
        return item.label

    def _tooltip(self, item: ItemView) -> str | None:
        parts = []
        if item.not_applicable_reason:
            parts.append(self.tr("N.v.t.: ") + item.not_applicable_reason)
        if item.sent_back_reason:
            parts.append(self.tr("Teruggestuurd: ") + item.sent_back_reason)
        if item.note:
            parts.append(self.tr("Notitie: ") + item.note)
        return "\n".join(parts) or None
