"""One questionnaire statement in large type with its answer buttons, made for the kitchen table.

The answers are radio buttons (1-5 on the scale, plus an explicit 'Weet niet / sla over'). Keys,
whichever answer button has the focus: 1-5 choose that answer and 0 'weet niet', then the next
statement gets the focus; Left/Right move the choice; Up/Down go to the statement above/below.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.rules.klantprofiel import Item, Scale

#: Button id of 'weet niet / sla over' (the answer values are the scale's own numbers).
SKIP_ID = 0

#: Grid widths tried when the answers do not fit on one line (five keeps 1-5 together).
_GRID_COLUMNS = (5, 3, 2)
_SKIP_GAP = 16

_DIGITS = {
    Qt.Key.Key_0: 0,
    Qt.Key.Key_1: 1,
    Qt.Key.Key_2: 2,
    Qt.Key.Key_3: 3,
    Qt.Key.Key_4: 4,
    Qt.Key.Key_5: 5,
    Qt.Key.Key_6: 6,
    Qt.Key.Key_7: 7,
    Qt.Key.Key_8: 8,
    Qt.Key.Key_9: 9,
}

_STYLE = """
StatementRow { border: 2px solid transparent; border-radius: 10px; }
StatementRow[active="true"] { border-color: palette(highlight); }
QRadioButton { border: 2px solid palette(mid); border-radius: 8px; padding: 6px 7px; }
QRadioButton:checked { background: palette(highlight); color: palette(highlighted-text); }
QRadioButton:focus { border: 3px solid palette(highlight); }
QRadioButton::indicator { width: 18px; height: 18px; }
"""


def scaled_font(base: QFont, factor: float, minimum: float, *, bold: bool = False) -> QFont:
    """Return ``base`` enlarged by ``factor`` but never below ``minimum`` points."""
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(max(size * factor, minimum))
    font.setBold(bold)
    return font


class StatementRow(QFrame):
    """A statement and its answers; ``chosen_by_key`` asks the page to go on to the next one."""

    changed = Signal(str)  # item code, whenever the answer changed
    chosen_by_key = Signal(str)  # item code, after 0-5 on the keyboard
    step = Signal(str, int)  # item code, -1 (up) or +1 (down)

    def __init__(self, item: Item, scale: Scale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = item.code
        self._scale = scale
        self.setObjectName(f"statement_{item.code}")
        self.setStyleSheet(_STYLE)
        self.setProperty("active", False)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 8)
        layout.setSpacing(8)
        self.text_label = QLabel(item.text, self)
        self.text_label.setWordWrap(True)
        self.text_label.setFont(scaled_font(self.font(), 1.75, 17.0, bold=True))
        self.text_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.addWidget(self.text_label)

        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(8)
        self._columns = 0
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QRadioButton] = []
        option_font = scaled_font(self.font(), 1.2, 12.0)
        for value, label in zip(range(scale.min, scale.max + 1), scale.labels, strict=True):
            button = QRadioButton(self.tr("{0}  {1}").format(value, label), self)
            self._add(button, value, option_font, label)
        skip = QRadioButton(self.tr("0  Weet niet / sla over"), self)
        self._add(skip, SKIP_ID, option_font, self.tr("Weet niet of sla over"))
        layout.addLayout(self._grid)
        self.set_columns(len(self.buttons))
        self.group.idToggled.connect(self._on_toggled)
        self.setAccessibleName(item.text)

    def _add(self, button: QRadioButton, button_id: int, font: QFont, name: str) -> None:
        button.setFont(font)
        button.setAccessibleName(name)
        button.setAccessibleDescription(self.text_label.text())
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.installEventFilter(self)
        self.group.addButton(button, button_id)
        self.buttons.append(button)

    def option_width(self) -> int:
        """The width of the widest answer button (the width of every button in a grid)."""
        return max(button.sizeHint().width() for button in self.buttons)

    def _single_row_width(self) -> int:
        spacing = self._grid.horizontalSpacing()
        return sum(b.sizeHint().width() for b in self.buttons) + spacing * len(self.buttons) + _SKIP_GAP

    def columns_for(self, width: int) -> int:
        """How many answer buttons go next to each other in ``width`` pixels.

        All six in one row when they fit; otherwise a grid that keeps 1-5 together where it can.
        """
        margins = self._layout.contentsMargins()
        usable = width - margins.left() - margins.right()
        if self._single_row_width() <= usable:
            return len(self.buttons)
        spacing = self._grid.horizontalSpacing()
        unit = self.option_width() + spacing
        return next((c for c in _GRID_COLUMNS if c * unit - spacing <= usable), 1)

    def set_columns(self, columns: int) -> None:
        """Lay the answer buttons out in ``columns`` columns, in reading order (1-5, then 'weet niet')."""
        if columns == self._columns:
            return
        self._columns = columns
        count = len(self.buttons)
        single = columns >= count
        for button in self.buttons:
            self._grid.removeWidget(button)
        for column in range(count + 2):
            self._grid.setColumnStretch(column, 0)
            self._grid.setColumnMinimumWidth(column, 0)
        uniform = self.option_width()
        for index, button in enumerate(self.buttons):
            button.setMinimumWidth(button.sizeHint().width() if single else uniform)
            if single:  # one row, with a gap before 'weet niet'
                self._grid.addWidget(button, 0, index + (1 if index == count - 1 else 0))
            else:
                self._grid.addWidget(button, index // columns, index % columns)
        if single:
            self._grid.setColumnMinimumWidth(count - 1, _SKIP_GAP - self._grid.horizontalSpacing())
        self._grid.setColumnStretch(count + 1 if single else columns, 1)

    # -- value ---------------------------------------------------------------------------------

    def is_answered(self) -> bool:
        """Whether an answer (also 'weet niet') was chosen."""
        return self.group.checkedId() != -1

    def value(self) -> int | None:
        """The answer on the scale; ``None`` for 'weet niet' or when not answered."""
        checked = self.group.checkedId()
        return None if checked in (-1, SKIP_ID) else checked

    def set_value(self, value: int | None) -> None:
        """Show a stored answer (``None``: 'weet niet / sla over')."""
        button = self.group.button(SKIP_ID if value is None else value)
        if button is not None:
            button.setChecked(True)

    def choose(self, button_id: int) -> None:
        """Choose an answer as the user would (0: 'weet niet'); out-of-scale ids are ignored."""
        button = self.group.button(button_id)
        if button is not None:
            button.setChecked(True)
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_button(self) -> QRadioButton:
        """The button that takes the focus when this statement is entered."""
        checked = self.group.checkedButton()
        if isinstance(checked, QRadioButton):
            return checked
        return self.buttons[0]

    def enter(self) -> None:
        """Give this statement the keyboard focus."""
        self.focus_button().setFocus(Qt.FocusReason.OtherFocusReason)

    # -- behaviour -----------------------------------------------------------------------------

    def _on_toggled(self, _button_id: int, checked: bool) -> None:
        if checked:
            self.changed.emit(self.code)

    def _set_active(self, active: bool) -> None:
        if self.property("active") != active:
            self.setProperty("active", active)
            self.style().unpolish(self)
            self.style().polish(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self._set_active(True)
        elif event.type() == QEvent.Type.FocusOut:
            self._set_active(False)
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(watched, event)
        return super().eventFilter(watched, event)

    def _key(self, watched: QObject, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        if event.modifiers() & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier):
            return False
        if key in _DIGITS:
            button = self.group.button(_DIGITS[key])
            if button is None:
                return True  # 6-9: not on the scale, swallowed
            self.choose(_DIGITS[key])
            self.chosen_by_key.emit(self.code)
            return True
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            current = next((i for i, b in enumerate(self.buttons) if b is watched), 0)
            step = -1 if key == Qt.Key.Key_Left else 1
            target = self.buttons[min(max(current + step, 0), len(self.buttons) - 1)]
            target.setChecked(True)
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step.emit(self.code, -1 if key == Qt.Key.Key_Up else 1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step.emit(self.code, 1)
            return True
        return False


__all__ = ["SKIP_ID", "StatementRow", "scaled_font"]
