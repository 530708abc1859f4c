"""GUI: the amount field reads Dutch money into integer cents and refuses nonsense with a message."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.helpers import type_text
from ui.widgets.money_edit import MoneyEdit


@pytest.fixture
def holder(qtbot: QtBot) -> QWidget:
    """A shown window for the fields (the fixture keeps it alive; qtbot only holds a weak reference)."""
    window = QWidget()
    QVBoxLayout(window)
    qtbot.addWidget(window)
    window.show()
    return window


def _edit(holder: QWidget, **options: bool) -> MoneyEdit:
    edit = MoneyEdit(holder, **options)
    layout = holder.layout()
    assert layout is not None
    layout.addWidget(edit)
    layout.addWidget(edit.error_label)
    return edit


@pytest.mark.parametrize(
    ("typed", "cents", "shown"),
    [
        ("1.234,56", 123456, "1.234,56"),
        ("1234,5", 123450, "1.234,50"),
        ("€ 12", 1200, "12,00"),
        ("12,-", 1200, "12,00"),
        (",5", 50, "0,50"),
    ],
)
def test_dutch_amounts_become_cents(
    qtbot: QtBot, holder: QWidget, typed: str, cents: int, shown: str
) -> None:
    edit = _edit(holder)
    changes: list[object] = []
    edit.value_changed.connect(changes.append)
    type_text(edit, typed)
    assert edit.value_cents == cents and isinstance(edit.value_cents, int)
    assert changes[-1] == cents
    QTest.keyClick(edit, Qt.Key.Key_Return)  # leaving the field tidies the text
    assert edit.text() == shown and edit.shown_error is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("twaalf", "1.234,56"),
        ("12.50", "komma"),
        ("1,234", "2 cijfers"),
        ("-5", "minteken"),
    ],
)
def test_nonsense_is_refused_with_a_message(qtbot: QtBot, holder: QWidget, typed: str, message: str) -> None:
    edit = _edit(holder)
    type_text(edit, typed)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert edit.value_cents is None
    assert edit.shown_error is not None and message in edit.shown_error
    assert edit.error_label.isVisible() and message in edit.error_label.text()
    assert message in edit.accessibleDescription()
    # WHEN the text is corrected the message goes away
    edit.selectAll()
    type_text(edit, "7")
    assert edit.shown_error is None and not edit.error_label.isVisible() and edit.value_cents == 700


def test_required_negative_and_no_float(holder: QWidget) -> None:
    required = _edit(holder, required=True)
    assert required.error() == "Vul een bedrag in." and required.value_cents is None
    signed = _edit(holder, allow_negative=True)
    type_text(signed, "-12,50")
    assert signed.value_cents == -1250
    signed.value_cents = 99
    assert signed.text() == "0,99"
    with pytest.raises(TypeError):
        signed.value_cents = 12.5  # type: ignore[assignment]


def test_entering_the_field_selects_everything(qtbot: QtBot, holder: QWidget) -> None:
    edit = _edit(holder)
    edit.value_cents = 52000
    other = _edit(holder)
    other.setFocus()
    edit.setFocus()
    qtbot.waitUntil(lambda: edit.selectedText() == "520,00")
    type_text(edit, "600")
    assert edit.value_cents == 60000
