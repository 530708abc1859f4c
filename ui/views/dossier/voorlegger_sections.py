"""The voorlegger's sections at a glance: a list with a progress bar per section."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.services.voorlegger_views import SectionView

CODE_ROLE = Qt.ItemDataRole.UserRole
DONE_ROLE = Qt.ItemDataRole.UserRole + 1
TOTAL_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_ROLE = Qt.ItemDataRole.UserRole + 3

_TRACK = QColor("#dde3e9")
_PARTIAL = QColor("#2f6fab")
_COMPLETE = QColor("#2e8b57")

#: Code of the extra entry that gathers every item waiting for the four-eyes check.
TO_CHECK = "__to_check__"


class SectionDelegate(QStyledItemDelegate):
    """Paints the section title with "3 van 9" and a progress bar below it."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        height = option.fontMetrics.height()  # type: ignore[attr-defined]
        return QSize(200, height * 2 + 18)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect  # type: ignore[attr-defined]
        metrics = opt.fontMetrics  # type: ignore[attr-defined]
        line = metrics.height()
        title = str(index.data(TITLE_ROLE) or "")
        done, total = int(index.data(DONE_ROLE) or 0), int(index.data(TOTAL_ROLE) or 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette = opt.palette  # type: ignore[attr-defined]
        painter.save()
        painter.setPen(palette.highlightedText().color() if selected else palette.text().color())
        count = f"{done}/{total}" if total else ""
        text_rect = QRect(rect.left() + 8, rect.top() + 4, rect.width() - 16, line)
        painter.drawText(
            text_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_rect.width() - 50),
        )
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), count)
        painter.restore()
        if total:
            track = QRect(rect.left() + 8, rect.top() + line + 9, rect.width() - 16, 7)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_TRACK)
            painter.drawRoundedRect(track, 3, 3)
            if done:
                filled = QRect(
                    track.left(), track.top(), max(7, round(track.width() * done / total)), track.height()
                )
                painter.setBrush(_COMPLETE if done == total else _PARTIAL)
                painter.drawRoundedRect(filled, 3, 3)
            painter.restore()


class SectionList(QListWidget):
    """The sections of the voorlegger; ``section_chosen`` gives the code of the chosen section."""

    section_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(SectionDelegate(self))
        self.setAccessibleName(self.tr("Onderdelen van de voorlegger"))
        self.setMinimumWidth(230)
        self.setUniformItemSizes(True)
        self.currentItemChanged.connect(self._on_current)

    def set_sections(self, sections: tuple[SectionView, ...], to_check: int) -> None:
        """Show the sections (and a 'Te controleren' entry when ``to_check`` > 0), keeping the choice."""
        chosen = self.current_code()
        self.blockSignals(True)
        self.clear()
        if to_check:
            self._add(
                TO_CHECK,
                self.tr("Te controleren"),
                0,
                0,
                self.tr("{0} items te controleren").format(to_check),
            )
        for section in sections:
            spoken = self.tr("{0}: {1} van {2} klaar").format(section.title, section.done, section.total)
            self._add(section.code, section.title, section.done, section.total, spoken)
        codes = [self.item(i).data(CODE_ROLE) for i in range(self.count())]
        self.setCurrentRow(codes.index(chosen) if chosen in codes else 0)
        self.blockSignals(False)

    def _add(self, code: str, title: str, done: int, total: int, spoken: str) -> None:
        entry = QListWidgetItem(spoken)
        entry.setData(CODE_ROLE, code)
        entry.setData(TITLE_ROLE, title if code != TO_CHECK else spoken)
        entry.setData(DONE_ROLE, done)
        entry.setData(TOTAL_ROLE, total)
        entry.setToolTip(spoken)
        self.addItem(entry)

    def current_code(self) -> str | None:
        current = self.currentItem()
        return str(current.data(CODE_ROLE)) if current is not None else None

    def choose(self, code: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(CODE_ROLE) == code:
                self.setCurrentRow(row)
                return

    def _on_current(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.section_chosen.emit(str(current.data(CODE_ROLE)))
