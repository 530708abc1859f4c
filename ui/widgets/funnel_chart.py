"""The funnel aanmelding → intake → stabilisatie → gereed → akkoord, painted with QPainter.

One horizontal bar per step, its count at the end, and beside it the share of the previous step
against the reference figure of seed 004 (95 %, 60 %, 85 %). A dashed mark shows where the bar
would end if the step had reached its reference. Clicking a bar (or Enter on the focused bar)
emits :attr:`FunnelChart.bar_clicked` with the measure code, so the page can list the dossiers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

#: Okabe-Ito colours: distinguishable with the common kinds of colour blindness.
_BAR = QColor("#0072B2")
_BAR_ACTIVE = QColor("#56B4E9")
_MARK = QColor("#D55E00")
_GOOD = QColor("#007A5A")
_BELOW = QColor("#B34700")


@dataclass(frozen=True)
class FunnelBar:
    """One step of the funnel.

    ``rate_percent`` is the share of the previous step (``None``: no share shown, e.g. the first
    bar or too few dossiers), ``reference_percent`` the reference figure for that share.
    """

    code: str
    label: str
    value: int
    rate_percent: Decimal | None = None
    reference_percent: int | None = None
    rate_text: str = ""

    def expected(self, previous: int) -> float | None:
        """Where the bar would end had the step reached its reference share of ``previous``."""
        if self.reference_percent is None or previous <= 0:
            return None
        return previous * self.reference_percent / 100.0


def _dutch_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class FunnelChart(QWidget):
    """The funnel as bars; emits ``bar_clicked(code)`` for a click or Enter on a bar."""

    bar_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: tuple[FunnelBar, ...] = ()
        self._current = 0
        self._hover: int | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Trechter van aanmelding tot akkoord schuldregeling"))
        self.setToolTip("")

    # -- public API ----------------------------------------------------------------------------

    def set_bars(self, bars: Sequence[FunnelBar]) -> None:
        """Show these steps, top to bottom."""
        self._bars = tuple(bars)
        self._current = min(self._current, max(len(self._bars) - 1, 0))
        self.setAccessibleDescription(self.describe())
        self.updateGeometry()
        self.update()

    def bars(self) -> tuple[FunnelBar, ...]:
        """Return the steps shown."""
        return self._bars

    def describe(self) -> str:
        """Return the whole chart as text (accessible description; also for screen readers)."""
        parts = []
        for bar in self._bars:
            text = f"{bar.label}: {_dutch_number(bar.value)}"
            if bar.rate_text:
                text += f" ({bar.rate_text})"
            parts.append(text)
        return "; ".join(parts)

    def bar_rect(self, index: int) -> QRectF:
        """Return the clickable rectangle of bar ``index`` (the whole row) in widget coordinates."""
        row = self._row_height()
        return QRectF(0, self._top() + index * row, self.width(), row)

    def bar_at(self, position: QPointF) -> int | None:
        """Return the index of the bar under ``position``, if any."""
        for index in range(len(self._bars)):
            if self.bar_rect(index).contains(position):
                return index
        return None

    # -- geometry ------------------------------------------------------------------------------

    def _fh(self) -> float:
        return QFontMetricsF(self.font()).height()

    def _row_height(self) -> float:
        return self._fh() * 3.0

    def _top(self) -> float:
        return self._fh() * 0.5

    def _label_width(self) -> float:
        metrics = QFontMetricsF(self.font())
        widest = max((metrics.horizontalAdvance(b.label) for b in self._bars), default=0.0)
        return min(widest + self._fh(), self.width() * 0.35)

    def _text_width(self) -> float:
        metrics = QFontMetricsF(self.font())
        widest = max((metrics.horizontalAdvance(b.rate_text) for b in self._bars), default=0.0)
        return min(widest + self._fh(), self.width() * 0.4)

    def sizeHint(self) -> QSize:
        fh = self._fh()
        height = self._top() + max(len(self._bars), 5) * self._row_height() + fh * 2.0
        return QSize(int(fh * 40), int(height))

    def minimumSizeHint(self) -> QSize:
        return QSize(int(self._fh() * 24), self.sizeHint().height())

    # -- Qt overrides --------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        muted = QColor(text_colour)
        muted.setAlpha(170)
        fh = self._fh()
        label_w = self._label_width()
        text_w = self._text_width()
        value_w = QFontMetricsF(self.font()).horizontalAdvance("000.000") + fh * 0.5
        left = label_w
        span = max(self.width() - label_w - text_w - value_w - fh, fh)
        top_value = max((b.value for b in self._bars), default=0)
        scale = span / top_value if top_value > 0 else 0.0
        if not self._bars:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Nog geen cijfers."))
            return
        previous = 0
        for index, bar in enumerate(self._bars):
            row = self.bar_rect(index)
            bar_top = row.top() + fh * 0.4
            bar_h = fh * 1.5
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, bar_top, label_w - fh * 0.5, bar_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                bar.label,
            )
            width = max(bar.value * scale, 2.0 if bar.value else 0.0)
            active = index == self._hover
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_BAR_ACTIVE if active else _BAR)
            painter.drawRect(QRectF(left, bar_top, width, bar_h))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(left + width + fh * 0.3, bar_top, value_w, bar_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                _dutch_number(bar.value),
            )
            expected = bar.expected(previous)
            if expected is not None and scale > 0:
                x = left + expected * scale
                pen = QPen(_MARK, 2.0, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(QPointF(x, bar_top - fh * 0.25), QPointF(x, bar_top + bar_h + fh * 0.25))
            if bar.rate_text:
                colour = muted
                if bar.rate_percent is not None and bar.reference_percent is not None:
                    colour = _GOOD if bar.rate_percent >= bar.reference_percent else _BELOW
                painter.setPen(colour)
                painter.drawText(
                    QRectF(self.width() - text_w, bar_top, text_w, bar_h),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    bar.rate_text,
                )
            if self.hasFocus() and index == self._current:
                painter.setPen(QPen(text_colour, 1.0, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(row.adjusted(1, 1, -1, -1))
            previous = bar.value
        legend_top = self._top() + len(self._bars) * self._row_height()
        painter.setPen(QPen(_MARK, 2.0, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(left, legend_top + fh * 0.3), QPointF(left, legend_top + fh * 1.3))
        painter.setPen(muted)
        painter.drawText(
            QRectF(left + fh * 0.5, legend_top, self.width() - left, fh * 1.6),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.tr(
                "Referentie: hier zou de balk eindigen bij het gemiddelde van zes gemeenten (2018). "
                "Klik op een balk voor de dossiers."
            ),
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.bar_at(event.position())
        if hover != self._hover:
            self._hover = hover
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if hover is not None else Qt.CursorShape.ArrowCursor
            )
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and index is not None:
            self._current = index
            self.update()
            self.bar_clicked.emit(self._bars[index].code)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self._bars and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            self._current = max(0, min(len(self._bars) - 1, self._current + step))
            self.update()
            return
        if self._bars and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.bar_clicked.emit(self._bars[self._current].code)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
            else:
                bar = self._bars[index]
                text = f"{bar.label}: {_dutch_number(bar.value)}"
                if bar.rate_text:
                    text += f"\n{bar.rate_text}"
                QToolTip.showText(event.globalPos(), text + "\n" + self.tr("Klik voor de dossiers."), self)
            return True
        return super().event(event)


__all__ = ["FunnelBar", "FunnelChart"]
