"""Helpers for GUI tests: typing any text (also ë, €) and waiting for the dossier list."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ui.models.dossier_table import DossierTableModel


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` as key presses, one character at a time.

    ``qtbot.keyClicks`` aborts the process on non-ASCII text (STACK.md), so every character is
    sent as a ``QKeyEvent`` with ``Qt.Key_unknown`` and the character as its text.
    """
    widget.setFocus()
    for ch in text:
        press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        QApplication.sendEvent(widget, press)
        release = QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        QApplication.sendEvent(widget, release)


def wait_loaded(qtbot: QtBot, model: DossierTableModel) -> None:
    """Wait until the model finished its newest query (the list shows its result)."""
    qtbot.waitUntil(lambda: model.has_loaded and not model.is_loading, timeout=10_000)


def keys(widget: QWidget, text: str) -> None:
    """Type ASCII ``text`` with Qt's test keyboard (``type_text`` for anything else)."""
    QTest.keyClicks(widget, text)


def press(
    target: QWidget | QWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """Press and release one key (with a modifier) on a widget or a window."""
    if isinstance(target, QWindow):
        QTest.keyClick(target, key, modifier)
    else:
        QTest.keyClick(target, key, modifier)


def click(widget: QWidget) -> None:
    """Click a button (or any widget) with the left mouse button."""
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def check_model(tester: ModelTester, model: QAbstractItemModel) -> None:
    """Run pytest-qt's model tester (its API is untyped)."""
    tester.check(model)  # type: ignore[no-untyped-call]
