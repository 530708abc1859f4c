"""The profile plot paints the regions, the client's points and the arrows between them."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.rules.klantprofiel import PlotPoint
from ui.widgets.profile_plot import PROFILE_COLOURS, ProfilePlot

pytestmark = pytest.mark.gui

SANNE = [
    PlotPoint(on=date(2026, 4, 2), skills=70.0, motivation=80.0, profile="aanpakker"),
    PlotPoint(on=date(2026, 1, 12), skills=20.0, motivation=75.0, profile="onwetende"),
    PlotPoint(on=date(2026, 9, 20), skills=75.0, motivation=20.0, profile="struisvogel"),
]


def _plot(qtbot: QtBot, points: list[PlotPoint] | None = None) -> ProfilePlot:
    plot = ProfilePlot()
    qtbot.addWidget(plot)
    plot.resize(600, 560)
    if points is not None:
        plot.set_points(points)
    return plot


def _render(plot: ProfilePlot, ratio: float = 1.0) -> QImage:
    image = QImage(
        round(plot.width() * ratio), round(plot.height() * ratio), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.white)
    plot.render(image)
    return image


def _pixel(image: QImage, at: QPointF, ratio: float = 1.0) -> QColor:
    return image.pixelColor(round(at.x() * ratio), round(at.y() * ratio))


def _close(a: QColor, b: QColor, tolerance: int = 30) -> bool:
    pairs = ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue()))
    return all(abs(x - y) <= tolerance for x, y in pairs)


def test_points_are_painted_in_their_profile_colour(qtbot: QtBot) -> None:
    # GIVEN an empty plot and the same plot with three assessments
    plot = _plot(qtbot)
    empty = _render(plot)
    plot.set_points(SANNE)
    painted = _render(plot)
    # THEN every point's centre changed, and shows its profile colour
    for point in SANNE:
        centre = plot.value_to_position(point.skills, point.motivation)
        assert _pixel(painted, centre) != _pixel(empty, centre)
        assert _close(_pixel(painted, centre), PROFILE_COLOURS[point.profile]), point.profile


def test_points_are_joined_by_arrows_in_date_order(qtbot: QtBot) -> None:
    plot = _plot(qtbot)
    empty = _render(plot)
    plot.set_points(SANNE)
    painted = _render(plot)
    # The points are shown oldest first, whatever order they came in.
    assert [p.on for p in plot.points()] == sorted(p.on for p in SANNE)
    first, second, third = (plot.value_to_position(p.skills, p.motivation) for p in plot.points())
    # An arrow runs from the first (Jan) to the second (Apr) point, and from the second to the third.
    for start, end in ((first, second), (second, third)):
        middle = (start + end) / 2
        assert _pixel(painted, middle) != _pixel(empty, middle)
    # No arrow joins the first and the last point directly.
    skipped = (first + third) / 2
    assert _close(_pixel(painted, skipped), _pixel(empty, skipped), tolerance=0)


def test_the_latest_point_is_larger(qtbot: QtBot) -> None:
    plot = _plot(qtbot, SANNE)
    painted = _render(plot)
    old = plot.value_to_position(20.0, 75.0)
    latest = plot.value_to_position(75.0, 20.0)
    radius = 9  # px right of the centre: inside the latest point, outside an old one
    latest_colour = PROFILE_COLOURS["struisvogel"]
    assert _close(_pixel(painted, latest + QPointF(radius * 0.6, 0)), latest_colour)
    assert not _close(_pixel(painted, old + QPointF(radius, 0)), PROFILE_COLOURS["onwetende"])


def test_high_dpi_rendering_puts_points_in_the_same_place(qtbot: QtBot) -> None:
    plot = _plot(qtbot, SANNE)
    image = _render(plot, ratio=2.0)
    for point in SANNE:
        centre = plot.value_to_position(point.skills, point.motivation)
        assert _close(_pixel(image, centre, ratio=2.0), PROFILE_COLOURS[point.profile])


def test_accessible_name_and_description_tell_what_is_shown(qtbot: QtBot) -> None:
    plot = _plot(qtbot)
    assert plot.accessibleName()
    assert "Nog geen vragenlijst" in plot.accessibleDescription()
    plot.set_points(SANNE)
    description = plot.accessibleDescription()
    assert description.startswith("3 keer ingevuld")
    assert description.index("12-01-2026") < description.index("02-04-2026") < description.index("20-09-2026")
    assert "de struisvogel" in description


def test_size_hint_follows_the_font(qtbot: QtBot) -> None:
    plot = _plot(qtbot)
    normal = plot.sizeHint()
    font = plot.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    plot.setFont(font)
    assert plot.sizeHint().width() > normal.width() * 1.5
    assert plot.minimumSizeHint().width() <= plot.sizeHint().width()


def test_tooltip_names_the_point_under_the_mouse(qtbot: QtBot) -> None:
    plot = _plot(qtbot, SANNE)
    centre = plot.value_to_position(20.0, 75.0)
    text = plot.tooltip_at(centre + QPointF(3, -2))
    assert text is not None
    assert "12-01-2026" in text
    assert "de onwetende" in text
    assert plot.tooltip_at(QPointF(2, 2)) is None
    # A tooltip event away from any point is ignored, so Qt shows nothing.
    event = QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), plot.mapToGlobal(QPoint(2, 2)))
    QApplication.sendEvent(plot, event)
    assert not event.isAccepted()


def test_out_of_range_points_are_refused() -> None:
    with pytest.raises(ValueError, match="skills"):
        PlotPoint(on=date(2026, 1, 1), skills=101.0, motivation=50.0, profile="aanpakker")


def test_regions_follow_the_boundaries_of_the_questionnaire(qtbot: QtBot) -> None:
    # GIVEN the default boundaries (50/50) and then those of another questionnaire version
    plot = _plot(qtbot)
    default = _render(plot)
    plot.set_boundaries(skills=70.0, motivation=30.0, margin=5.0)
    moved = _render(plot)
    # THEN the plane at (60, 40) changes: it left the grey band and the hatched lower half
    probe = plot.value_to_position(60.0, 40.0)
    assert _pixel(moved, probe) != _pixel(default, probe)
