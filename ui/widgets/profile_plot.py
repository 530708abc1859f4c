"""The klantprofiel plot: vaardigheden x motivatie with the profile regions and the client's path.

Painted with QPainter (no QtCharts). Regions follow the mapping in ``app.rules.klantprofiel``: the
quadrants of the two axes, hatching where anger at 'the system' makes de benadeelde, a grey band
where a result is ambiguous. De kwetsbare depends on a signal, not on the place in the plane, so it
is explained in the legend and shown by the colour of the point.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.rules.klantprofiel import PROFILE_LABELS, PlotPoint, Profile

#: Okabe-Ito colours: distinguishable with the common kinds of colour blindness.
PROFILE_COLOURS: dict[str, QColor] = {
    Profile.ONWETENDE.value: QColor("#0072B2"),
    Profile.AANPAKKER.value: QColor("#009E73"),
    Profile.KWETSBARE.value: QColor("#D55E00"),
    Profile.BENADEELDE.value: QColor("#CC79A7"),
    Profile.STRUISVOGEL.value: QColor("#E69F00"),
}
_UNKNOWN_COLOUR = QColor("#7F7F7F")


def _profile_label(code: str) -> str:
    try:
        return PROFILE_LABELS[Profile(code)]
    except ValueError:
        return code


def _format_date(point: PlotPoint) -> str:
    return point.on.strftime("%d-%m-%Y")


def _crosses(rect: QRectF, segment: QLineF) -> bool:
    """Whether a line segment passes through a rectangle."""
    if rect.contains(segment.p1()) or rect.contains(segment.p2()):
        return True
    corners = (rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft())
    for index in range(4):
        edge = QLineF(corners[index], corners[(index + 1) % 4])
        kind, _ = segment.intersects(edge)
        if kind == QLineF.IntersectionType.BoundedIntersection:
            return True
    return False


def _with_alpha(colour: QColor, alpha: int) -> QColor:
    result = QColor(colour)
    result.setAlpha(alpha)
    return result


class ProfilePlot(QWidget):
    """Shows assessments on the axes vaardigheden (x) and motivatie (y), joined by arrows in time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: tuple[PlotPoint, ...] = ()
        self._skills_boundary = 50.0
        self._motivation_boundary = 50.0
        self._margin = 7.5
        self._layout: tuple[tuple[int, int, str], QRectF] | None = None
        self.setAccessibleName(self.tr("Klantprofiel in de tijd: vaardigheden en motivatie"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._update_description()

    # -- public API ----------------------------------------------------------------------------

    def set_points(self, points: Sequence[PlotPoint]) -> None:
        """Show these assessments; they are drawn in date order, the latest emphasised."""
        self._points = tuple(sorted(points, key=lambda point: point.on))
        self._update_description()
        self.update()

    def points(self) -> tuple[PlotPoint, ...]:
        """Return the points shown, in date order."""
        return self._points

    def set_boundaries(self, skills: float, motivation: float, margin: float) -> None:
        """Use the boundaries of the questionnaire's mapping (``Thresholds``) for the regions."""
        self._skills_boundary = skills
        self._motivation_boundary = motivation
        self._margin = margin
        self.update()

    def value_to_position(self, skills: float, motivation: float) -> QPointF:
        """Return the widget position of a pair of scores (0-100)."""
        rect = self.plot_rect()
        return QPointF(
            rect.left() + rect.width() * skills / 100.0,
            rect.bottom() - rect.height() * motivation / 100.0,
        )

    def tooltip_at(self, position: QPointF) -> str | None:
        """Return the description of the point under ``position`` (widget coordinates), if any."""
        point = self._point_at(position)
        return None if point is None else self._describe(point)

    def plot_rect(self) -> QRectF:
        """Return the rectangle of the 0-100 x 0-100 plane in widget coordinates."""
        key = (self.width(), self.height(), self.font().key())
        if self._layout is None or self._layout[0] != key:
            self._layout = (key, self._compute_plot_rect())
        return QRectF(self._layout[1])

    def _compute_plot_rect(self) -> QRectF:
        fh = QFontMetricsF(self.font()).height()
        legend_height = self._legend_height(self.width() - 2 * fh)
        left = fh * 4.2
        right = fh * 1.2
        top = fh * 1.0
        bottom = fh * 3.0 + legend_height + fh * 0.5
        width = max(self.width() - left - right, fh)
        height = max(self.height() - top - bottom, fh)
        if width > height * 1.6:
            left += (width - height * 1.6) / 2
            width = height * 1.6
        return QRectF(left, top, width, height)

    # -- Qt overrides --------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        fh = QFontMetricsF(self.font()).height()
        return QSize(round(fh * 36), round(fh * 34))

    def minimumSizeHint(self) -> QSize:
        fh = QFontMetricsF(self.font()).height()
        return QSize(round(fh * 26), round(fh * 30))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        rect = self.plot_rect()
        self._paint_regions(painter, rect)
        self._paint_axes(painter, rect)
        if self._points:
            self._paint_path(painter)
        else:
            self._paint_empty(painter, rect)
        self._paint_legend(painter, rect)
        painter.end()

    # -- painting ------------------------------------------------------------------------------

    def _text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def _value_rect(self, x0: float, y0: float, x1: float, y1: float) -> QRectF:
        """A rectangle in score space (x: skills, y: motivation) mapped to the widget."""
        return QRectF(self.value_to_position(x0, y1), self.value_to_position(x1, y0))

    def _paint_regions(self, painter: QPainter, rect: QRectF) -> None:
        sb, mb = self._skills_boundary, self._motivation_boundary
        tint = 48
        onwetende = PROFILE_COLOURS[Profile.ONWETENDE.value]
        struisvogel = PROFILE_COLOURS[Profile.STRUISVOGEL.value]
        painter.fillRect(self._value_rect(0, mb, sb, 100), _with_alpha(onwetende, tint))
        painter.fillRect(self._value_rect(sb, mb, 100, 100), _with_alpha(PROFILE_COLOURS["aanpakker"], tint))
        painter.fillRect(self._value_rect(sb, 0, 100, mb), _with_alpha(struisvogel, tint))
        low_low = self._value_rect(0, 0, sb, mb)
        gradient = QLinearGradient(low_low.topLeft(), low_low.bottomRight())
        gradient.setColorAt(0.0, _with_alpha(onwetende, tint))
        gradient.setColorAt(1.0, _with_alpha(struisvogel, tint))
        painter.fillRect(low_low, QBrush(gradient))

        # Hatching below the motivation boundary: there, strong anger makes de benadeelde.
        fh = QFontMetricsF(self.font()).height()
        low = self._value_rect(0, 0, 100, mb)
        painter.save()
        painter.setClipRect(low)
        painter.setPen(QPen(_with_alpha(PROFILE_COLOURS["benadeelde"], 150), max(1.0, fh / 14)))
        step = fh * 0.7
        offset = 0.0
        while offset < low.width() + low.height():
            start = QPointF(low.left() + offset, low.bottom())
            painter.drawLine(QLineF(start, start + QPointF(low.height(), -low.height())))
            offset += step
        painter.restore()

        # Ambiguity bands around the boundaries.
        band = _with_alpha(self._text_colour(), 22)
        painter.fillRect(
            self._value_rect(max(sb - self._margin, 0), 0, min(sb + self._margin, 100), 100), band
        )
        painter.fillRect(
            self._value_rect(0, max(mb - self._margin, 0), 100, min(mb + self._margin, 100)), band
        )

        dashed = QPen(_with_alpha(self._text_colour(), 140), max(1.0, fh / 12), Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        painter.drawLine(QLineF(self.value_to_position(sb, 0), self.value_to_position(sb, 100)))
        painter.drawLine(QLineF(self.value_to_position(0, mb), self.value_to_position(100, mb)))

        # Region names in the outer corners; the two bottom ones may not overlap in a narrow plot.
        pad = fh * 0.35
        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        low_low_text = self.tr("De onwetende als leerbaar,\nanders de struisvogel")
        struisvogel_box = self._text_box(_profile_label("struisvogel"), rect.bottomRight(), right)
        struisvogel_box.moveBottomRight(rect.bottomRight() + QPointF(-pad, -pad))
        low_low = self._text_box(low_low_text, rect.bottomLeft(), left)
        low_low.moveBottomLeft(rect.bottomLeft() + QPointF(pad, -pad))
        if low_low.intersects(struisvogel_box):
            low_low.moveBottom(struisvogel_box.top() - pad)
        self._boxed_text(painter, _profile_label("onwetende"), rect.topLeft() + QPointF(pad, pad), left)
        self._boxed_text(painter, _profile_label("aanpakker"), rect.topRight() + QPointF(-pad, pad), right)
        self._boxed_text(painter, _profile_label("struisvogel"), struisvogel_box.topLeft(), left)
        self._boxed_text(painter, low_low_text, low_low.topLeft(), left)

    def _text_box(self, text: str, anchor: QPointF, align: Qt.AlignmentFlag, *, bold: bool = False) -> QRectF:
        """The box ``_boxed_text`` would fill; ``anchor`` is its top-left (or top-right) corner."""
        font = QFont(self.font())
        font.setBold(bold)
        metrics = QFontMetricsF(font)
        lines = text.split("\n")
        width = max(metrics.horizontalAdvance(line) for line in lines)
        pad = metrics.height() * 0.15
        x = anchor.x() if align & Qt.AlignmentFlag.AlignLeft else anchor.x() - width - 2 * pad
        return QRectF(x, anchor.y(), width + 2 * pad, metrics.height() * len(lines) + 2 * pad)

    def _boxed_text(
        self,
        painter: QPainter,
        text: str,
        anchor: QPointF,
        align: Qt.AlignmentFlag,
        *,
        bold: bool = False,
        opaque: bool = False,
    ) -> QRectF:
        """Draw text on a soft background box; ``anchor`` is the top-left (or top-right) corner."""
        box = self._text_box(text, anchor, align, bold=bold)
        font = QFont(self.font())
        font.setBold(bold)
        pad = QFontMetricsF(font).height() * 0.15
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_with_alpha(self.palette().color(QPalette.ColorRole.Base), 255 if opaque else 215))
        painter.drawRoundedRect(box, pad * 2, pad * 2)
        painter.setFont(font)
        painter.setPen(self._text_colour())
        painter.drawText(box.adjusted(pad, pad, -pad, -pad), int(align | Qt.AlignmentFlag.AlignTop), text)
        painter.restore()
        return box

    def _paint_axes(self, painter: QPainter, rect: QRectF) -> None:
        metrics = QFontMetricsF(self.font())
        fh = metrics.height()
        text = self._text_colour()
        painter.setPen(QPen(_with_alpha(text, 170), max(1.0, fh / 14)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        painter.setPen(text)
        for value in (0, 25, 50, 75, 100):
            label = str(value)
            bottom = self.value_to_position(value, 0)
            painter.drawLine(QLineF(bottom, bottom + QPointF(0, fh * 0.25)))
            painter.drawText(
                QPointF(
                    bottom.x() - metrics.horizontalAdvance(label) / 2,
                    bottom.y() + fh * 0.25 + metrics.ascent(),
                ),
                label,
            )
            left = self.value_to_position(0, value)
            painter.drawLine(QLineF(left, left - QPointF(fh * 0.25, 0)))
            painter.drawText(
                QPointF(
                    left.x() - fh * 0.4 - metrics.horizontalAdvance(label), left.y() + metrics.ascent() / 2.5
                ),
                label,
            )
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        bold = QFontMetricsF(font)
        x_title = self.tr("Vaardigheden →")
        painter.drawText(
            QPointF(
                rect.center().x() - bold.horizontalAdvance(x_title) / 2,
                rect.bottom() + fh * 1.4 + bold.ascent(),
            ),
            x_title,
        )
        y_title = self.tr("Motivatie →")
        painter.save()
        painter.translate(rect.left() - fh * 2.6, rect.center().y() + bold.horizontalAdvance(y_title) / 2)
        painter.rotate(-90)
        painter.drawText(QPointF(0, 0), y_title)
        painter.restore()
        painter.setFont(self.font())

    def _point_radius(self, latest: bool) -> float:
        fh = QFontMetricsF(self.font()).height()
        return fh * (0.5 if latest else 0.32)

    def _paint_path(self, painter: QPainter) -> None:
        fh = QFontMetricsF(self.font()).height()
        text = self._text_colour()
        last = len(self._points) - 1
        positions = [self.value_to_position(p.skills, p.motivation) for p in self._points]

        arrow_pen = QPen(_with_alpha(text, 210), max(1.5, fh / 8))
        arrow_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        head = fh * 0.5
        for index in range(1, len(positions)):
            start, end = positions[index - 1], positions[index]
            line = QLineF(start, end)
            gap_start = self._point_radius(index - 1 == last) + fh * 0.1
            gap_end = self._point_radius(index == last) + fh * 0.15
            if line.length() <= gap_start + gap_end + head:
                continue
            unit = line.unitVector()
            direction = QPointF(unit.dx(), unit.dy())
            tail = start + direction * gap_start
            tip = end - direction * gap_end
            base = tip - direction * head
            normal = QPointF(-direction.y(), direction.x()) * (head * 0.45)
            painter.setPen(arrow_pen)
            painter.drawLine(QLineF(tail, base))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_with_alpha(text, 210))
            painter.drawPolygon(QPolygonF([tip, base + normal, base - normal]))

        base_colour = self.palette().color(QPalette.ColorRole.Base)
        for index, (point, position) in enumerate(zip(self._points, positions, strict=True)):
            radius = self._point_radius(index == last)
            colour = PROFILE_COLOURS.get(point.profile, _UNKNOWN_COLOUR)
            if index == last:
                painter.setPen(QPen(text, max(1.5, fh / 8)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(position, radius + fh * 0.22, radius + fh * 0.22)
            painter.setPen(QPen(base_colour, max(1.0, fh / 10)))
            painter.setBrush(colour)
            painter.drawEllipse(position, radius, radius)

        # Date labels avoid the points, the arrows and each other where they can.
        placed = [
            QRectF(position - QPointF(r, r), position + QPointF(r, r))
            for index, position in enumerate(positions)
            for r in (self._point_radius(index == last) + fh * 0.1,)
        ]
        segments = [QLineF(positions[i - 1], positions[i]) for i in range(1, len(positions))]
        for index, (point, position) in enumerate(zip(self._points, positions, strict=True)):
            self._paint_date_label(painter, point, position, index == last, placed, segments)

    def _paint_date_label(
        self,
        painter: QPainter,
        point: PlotPoint,
        position: QPointF,
        latest: bool,
        placed: list[QRectF],
        segments: Sequence[QLineF],
    ) -> None:
        font = QFont(self.font())
        font.setBold(latest)
        metrics = QFontMetricsF(font)
        label = _format_date(point)
        width = metrics.horizontalAdvance(label) + metrics.height() * 0.3
        height = metrics.height() * 1.3
        gap = self._point_radius(latest) + metrics.height() * (0.35 if latest else 0.15)
        bounds = self.plot_rect()
        # Beside the point first; further up or down when neighbours took those places.
        candidates = [
            QRectF(x, position.y() + dy, width, height)
            for step in range(4)
            for x in (position.x() + gap, position.x() - gap - width)
            for dy in (-gap - height * (0.6 + step), gap - height * (0.4 - step))
        ]
        inside = [c for c in candidates if bounds.contains(c)]
        inside = inside or [c for c in candidates if QRectF(self.rect()).contains(c)] or list(candidates)
        clear_of_labels = [c for c in inside if not any(c.intersects(other) for other in placed)]
        clear = [c for c in clear_of_labels if not any(_crosses(c, segment) for segment in segments)]
        box = (clear or clear_of_labels or inside)[0]
        placed.append(box)
        self._boxed_text(painter, label, box.topLeft(), Qt.AlignmentFlag.AlignLeft, bold=latest, opaque=True)

    def _paint_empty(self, painter: QPainter, rect: QRectF) -> None:
        message = self.tr("Nog geen vragenlijst ingevuld.")
        metrics = QFontMetricsF(self.font())
        anchor = QPointF(
            rect.center().x() - metrics.horizontalAdvance(message) / 2, rect.center().y() - metrics.height()
        )
        self._boxed_text(painter, message, anchor, Qt.AlignmentFlag.AlignLeft, bold=True)

    # -- legend --------------------------------------------------------------------------------

    def _legend_notes(self) -> list[str]:
        return [
            self.tr("Stip: een ingevulde vragenlijst. Pijl: van oud naar nieuw. Grote stip: de laatste."),
            self.tr("De kwetsbare: bij weinig mentale ruimte, waar de stip ook staat."),
            self.tr("Gearceerd: bij veel boosheid op 'het systeem' de benadeelde."),
            self.tr("Grijze band: dicht bij een grens. Bekijk dan twee profielen."),
        ]

    def _legend_flags(self) -> int:
        return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)

    def _legend_height(self, width: float) -> float:
        metrics = QFontMetricsF(self.font())
        fh = metrics.height()
        swatch_rows = self._swatch_rows(width)
        height = len(swatch_rows) * fh * 1.3 + fh * 0.3
        for note in self._legend_notes():
            height += metrics.boundingRect(
                QRectF(0, 0, max(width, fh), 10_000), self._legend_flags(), note
            ).height()
        return height

    def _swatch_rows(self, width: float) -> list[list[str]]:
        metrics = QFontMetricsF(self.font())
        fh = metrics.height()
        rows: list[list[str]] = [[]]
        used = 0.0
        for code in PROFILE_COLOURS:
            needed = fh * 1.0 + metrics.horizontalAdvance(_profile_label(code)) + fh * 1.0
            if rows[-1] and used + needed > width:
                rows.append([])
                used = 0.0
            rows[-1].append(code)
            used += needed
        return rows

    def _paint_legend(self, painter: QPainter, rect: QRectF) -> None:
        metrics = QFontMetricsF(self.font())
        fh = metrics.height()
        left = fh
        width = self.width() - 2 * fh
        y = rect.bottom() + fh * 3.0
        painter.setFont(self.font())
        for row in self._swatch_rows(width):
            x = left
            for code in row:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(PROFILE_COLOURS[code])
                painter.drawEllipse(QPointF(x + fh * 0.35, y + fh * 0.5), fh * 0.3, fh * 0.3)
                painter.setPen(self._text_colour())
                label = _profile_label(code)
                painter.drawText(QPointF(x + fh * 0.9, y + metrics.ascent()), label)
                x += fh * 1.0 + metrics.horizontalAdvance(label) + fh * 1.0
            y += fh * 1.3
        y += fh * 0.3
        painter.setPen(self._text_colour())
        for note in self._legend_notes():
            box = metrics.boundingRect(QRectF(left, y, width, 10_000), self._legend_flags(), note)
            painter.drawText(QRectF(left, y, width, box.height()), self._legend_flags(), note)
            y += box.height()

    # -- accessibility and tooltips ------------------------------------------------------------

    def _describe(self, point: PlotPoint) -> str:
        return self.tr("{date}: vaardigheden {skills}, motivatie {motivation}, {profile}").format(
            date=_format_date(point),
            skills=f"{point.skills:.0f}",
            motivation=f"{point.motivation:.0f}",
            profile=_profile_label(point.profile).lower(),
        )

    def _update_description(self) -> None:
        if not self._points:
            self.setAccessibleDescription(self.tr("Nog geen vragenlijst ingevuld."))
            return
        parts = [self._describe(point) for point in self._points]
        self.setAccessibleDescription(
            self.tr("{count} keer ingevuld. ").format(count=len(parts)) + "; ".join(parts) + "."
        )

    def _point_at(self, position: QPointF) -> PlotPoint | None:
        best: tuple[float, PlotPoint] | None = None
        last = len(self._points) - 1
        for index, point in enumerate(self._points):
            centre = self.value_to_position(point.skills, point.motivation)
            distance = math.hypot(centre.x() - position.x(), centre.y() - position.y())
            if distance <= self._point_radius(index == last) * 1.6 and (best is None or distance < best[0]):
                best = (distance, point)
        return None if best is None else best[1]


__all__ = ["PROFILE_COLOURS", "ProfilePlot"]
