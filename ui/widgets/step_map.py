"""The step map: the main phases as a row of steps with the current one marked.

The same picture as the klantkaart prints (``app.documents.step_map``): finished steps green with
a check mark, the current step larger and dark blue with its number, later steps open and grey;
a side state (DFD, doorverwezen, uitgevallen) is written as a note under the row, and DFD marks
stabilisatie as the klantkaart does. Colour is never the only cue. Painted with QPainter.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QVBoxLayout, QWidget

from app.documents.step_map import client_step
from app.errors import KnownError
from app.rules.phases import MAIN_LINE, PHASE_LABELS, SIDE_STATES, Phase
from app.services import traject
from app.services.dossier_views import DossierDetail
from ui.format import format_date
from ui.workspace import Workspace

ACCENT = QColor("#1F4E79")
DONE = QColor("#2E7D32")
MUTED = QColor("#595959")
LINE = QColor("#B0B7BF")
SIDE = QColor("#8A4B00")

#: Short labels so seven steps fit in a dossier header; the full name is in the tooltip.
SHORT_LABELS: dict[Phase, str] = {
    Phase.APPLICATION: "Aanmelding",
    Phase.INTAKE: "Intake",
    Phase.STABILISATION: "Stabilisatie",
    Phase.READY_FOR_SETTLEMENT: "Gereed voor regeling",
    Phase.SETTLEMENT: "Schuldregeling",
    Phase.AFTERCARE: "Nazorg",
    Phase.CLOSED: "Afgesloten",
}


class StepMap(QWidget):
    """Paints ``MAIN_LINE`` as steps; :meth:`set_phase` chooses the marked one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._phase: Phase | None = None
        self._since_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Stappenkaart"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    # ------------------------------------------------------------------ state

    def set_phase(self, phase: str | None, since_text: str = "") -> None:
        """Show ``phase`` (a ``Phase`` code); ``since_text`` is added to the side-state note."""
        self._phase = Phase(phase) if phase else None
        self._since_text = since_text
        self.setAccessibleDescription(self.description())
        self.setToolTip(self.description())
        self.updateGeometry()
        self.update()

    @property
    def phase(self) -> Phase | None:
        return self._phase

    @property
    def marked_index(self) -> int:
        """The index in ``MAIN_LINE`` of the marked step (-1: none, e.g. doorverwezen)."""
        step = client_step(self._phase) if self._phase is not None else None
        return MAIN_LINE.index(step) if step is not None else -1

    def side_note(self) -> str:
        """The note under the row for a side state ('' on the main line)."""
        if self._phase is None or self._phase not in SIDE_STATES:
            return ""
        text = self.tr("Zijstap: {0}").format(PHASE_LABELS[self._phase])
        return f"{text} {self._since_text}".strip()

    def description(self) -> str:
        """What the map shows, in words (accessible description and tooltip)."""
        index = self.marked_index
        if self._phase is None:
            return self.tr("Geen fase bekend.")
        if index < 0:
            return self.side_note()
        text = self.tr("Stap {0} van {1}: {2}").format(
            index + 1, len(MAIN_LINE), PHASE_LABELS[MAIN_LINE[index]]
        )
        note = self.side_note()
        return f"{text}. {note}" if note else text

    # ------------------------------------------------------------------ geometry

    def _label_font(self, bold: bool = False) -> QFont:
        """The label font, smaller when a narrow map would otherwise cut a word."""
        font = QFont(self.font())
        size = font.pointSizeF() * 0.85
        font.setBold(True)  # measure bold: the current step's label is bold
        cell = self.width() / len(MAIN_LINE) - 4
        words = [word for phase in MAIN_LINE for word in self.tr(SHORT_LABELS[phase]).split()]
        while size > 6.5:
            font.setPointSizeF(size)
            if max(QFontMetricsF(font).horizontalAdvance(word) for word in words) <= cell:
                break
            size -= 0.5
        font.setPointSizeF(max(size, 6.5))
        font.setBold(bold)
        return font

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self._label_font())
        height = (
            12 + 28 + 6 + 2 * metrics.lineSpacing() + (metrics.lineSpacing() + 6 if self.side_note() else 0)
        )
        return QSize(520, int(height) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self.sizeHint().height())

    def _centres(self) -> tuple[list[QPointF], float, float]:
        cell = self.width() / len(MAIN_LINE)
        radius = min(cell * 0.18, 11.0)
        y = 6 + radius * 1.3
        return [QPointF(cell * (i + 0.5), y) for i in range(len(MAIN_LINE))], radius, cell

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centres, radius, cell = self._centres()
        index = self.marked_index
        for i in range(len(centres) - 1):
            done = i < index
            painter.setPen(QPen(DONE if done else LINE, 2.4 if done else 1.4))
            painter.drawLine(centres[i], centres[i + 1])
        number_font = QFont(self.font())
        number_font.setBold(True)
        for i, (centre, phase) in enumerate(zip(centres, MAIN_LINE, strict=True)):
            self._paint_step(painter, i, index, centre, radius, number_font)
            font = self._label_font(bold=i == index)
            painter.setFont(font)
            painter.setPen(ACCENT if i == index else (self.palette().text().color() if i < index else MUTED))
            top = centre.y() + radius * 1.3 + 4
            rect = QRectF(centre.x() - cell / 2 + 1, top, cell - 2, QFontMetricsF(font).lineSpacing() * 2 + 2)
            painter.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap),
                self.tr(SHORT_LABELS[phase]),
            )
        note = self.side_note()
        if note:
            font = self._label_font(bold=True)
            painter.setFont(font)
            painter.setPen(SIDE)
            metrics = QFontMetricsF(font)
            y = self.height() - metrics.lineSpacing() - 2
            painter.drawText(
                QRectF(0, y, self.width(), metrics.lineSpacing() + 2),
                int(Qt.AlignmentFlag.AlignHCenter),
                metrics.elidedText(note, Qt.TextElideMode.ElideRight, self.width()),
            )
        painter.end()

    def _paint_step(
        self, painter: QPainter, i: int, index: int, centre: QPointF, radius: float, number_font: QFont
    ) -> None:
        if i < index:
            painter.setPen(QPen(DONE, 1))
            painter.setBrush(DONE)
            painter.drawEllipse(centre, radius, radius)
            painter.setPen(QPen(QColor("white"), 2.2))
            painter.drawPolyline(
                [
                    QPointF(centre.x() - radius * 0.45, centre.y()),
                    QPointF(centre.x() - radius * 0.1, centre.y() + radius * 0.38),
                    QPointF(centre.x() + radius * 0.5, centre.y() - radius * 0.35),
                ]
            )
            return
        big = radius * 1.3 if i == index else radius
        painter.setPen(QPen(ACCENT if i == index else LINE, 1.4))
        painter.setBrush(ACCENT if i == index else QColor("white"))
        painter.drawEllipse(centre, big, big)
        number_font.setPointSizeF(max(6.5, big * 0.8))
        painter.setFont(number_font)
        painter.setPen(QColor("white") if i == index else MUTED)
        painter.drawText(
            QRectF(centre.x() - big, centre.y() - big, 2 * big, 2 * big),
            int(Qt.AlignmentFlag.AlignCenter),
            str(i + 1),
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            centres, _radius, cell = self._centres()
            for centre, phase in zip(centres, MAIN_LINE, strict=True):
                if abs(event.pos().x() - centre.x()) <= cell / 2:
                    QToolTip.showText(event.globalPos(), PHASE_LABELS[phase], self)
                    return True
        return super().event(event)


class StepMapHeader(QWidget):
    """The step map in the dossier header (``HEADER_WIDGETS``); follows the dossier's phase."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.step_map = StepMap(self)
        layout.addWidget(self.step_map)
        self.setMinimumWidth(520)
        workspace.signals.dossier_changed.connect(self._on_changed)

    def show_detail(self, detail: DossierDetail) -> None:
        """Show the phase the dossier view has just read (no query of its own)."""
        self.step_map.set_phase(detail.phase, self.tr("(sinds {0})").format(format_date(detail.phase_since)))

    def reload(self) -> None:
        try:
            state = traject.phase_state(self._workspace.ctx, self._dossier_id)
        except KnownError:
            self.step_map.set_phase(None)
            return
        self.step_map.set_phase(state.phase, self.tr("(sinds {0})").format(format_date(state.phase_since)))

    def _on_changed(self, dossier_id: object) -> None:
        if dossier_id == self._dossier_id:
            self.reload()
