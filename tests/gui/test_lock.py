"""The idle lock: after quiet time or Ctrl+L nothing of a dossier stays visible; unlock by password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.services import audit
from tests.factories import PASSWORD, Team
from ui.lock import LOCKED_TITLE, IdleLock, attach_security
from ui.workspace import Workspace


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    win = QMainWindow()
    win.setWindowTitle("Dossier 2026-TS-00001 — Sanne Willems")
    win.setCentralWidget(QLabel("Sanne Willems, BSN 111222333"))
    win.resize(800, 600)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _covered(lock: IdleLock, widget: QWidget) -> bool:
    cover = widget.findChild(QWidget, "lockCover")
    return (
        cover is not None
        and cover.isVisible()
        and cover.geometry() == widget.rect()
        and widget in lock.covered()
    )


def _actions(team: Team, action: str) -> list[str]:
    return [r.result for r in audit.list_entries(team.lead, action=action)]


def test_quiet_time_locks_and_hides_the_dossier(qtbot: QtBot, team: Team, window: QMainWindow) -> None:
    lock = IdleLock(window, Workspace(team.opened(team.counsellor)), minutes=10)
    assert lock.timer.interval() == 10 * 60 * 1000 and lock.timer.isActive()
    # WHEN the quiet time is over
    lock.timer.timeout.emit()
    # THEN a cover hides the whole window, the title no longer names the client, and the lock is logged
    assert lock.is_locked
    assert _covered(lock, window)
    assert window.windowTitle() == LOCKED_TITLE
    assert lock.screen is not None and lock.screen.isVisible()
    assert lock.screen.windowModality() == Qt.WindowModality.ApplicationModal
    assert _actions(team, "lock") == ["ok"]


def test_unlock_needs_the_own_password(qtbot: QtBot, team: Team, window: QMainWindow) -> None:
    lock = IdleLock(window, Workspace(team.opened(team.counsellor)))
    lock.lock_now()
    screen = lock.screen
    assert screen is not None
    # a wrong password keeps it locked
    qtbot.keyClicks(screen.password_edit, "Verkeerd-2026!")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.is_locked and "klopt niet" in screen.message_label.text()
    assert screen.password_edit.text() == ""
    # the right one unlocks: covers gone, title back, quiet time counting again
    qtbot.keyClicks(screen.password_edit, PASSWORD)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert not lock.is_locked
    assert (
        window.findChild(QWidget, "lockCover") is None
        or not window.findChild(QWidget, "lockCover").isVisible()
    )
    assert window.windowTitle() == "Dossier 2026-TS-00001 — Sanne Willems"
    assert lock.timer.isActive()
    assert sorted(_actions(team, "unlock")) == ["failed", "ok"]


def test_repeated_wrong_unlocks_make_the_user_wait(qtbot: QtBot, team: Team, window: QMainWindow) -> None:
    lock = IdleLock(window, Workspace(team.opened(team.counsellor)))
    lock.lock_now()
    screen = lock.screen
    assert screen is not None
    for _ in range(3):
        screen.password_edit.setText("Verkeerd-2026!")
        screen.on_unlock_clicked()
    assert screen.wait_seconds == 2 and not screen.unlock_button.isEnabled()
    screen.password_edit.setText(PASSWORD)
    screen.on_unlock_clicked()  # ignored while waiting
    assert lock.is_locked
    screen.tick()
    screen.tick()
    assert screen.unlock_button.isEnabled()
    screen.password_edit.setText(PASSWORD)
    screen.on_unlock_clicked()
    assert not lock.is_locked


def test_input_restarts_the_quiet_time(qtbot: QtBot, team: Team, window: QMainWindow) -> None:
    lock = IdleLock(window, Workspace(team.opened(team.counsellor)))
    lock.timer.stop()
    central = window.centralWidget()
    assert central is not None
    QApplication.sendEvent(
        central,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
    )
    assert lock.timer.isActive()


def test_ctrl_l_locks_at_once_and_other_windows_are_covered_too(
    qtbot: QtBot, team: Team, window: QMainWindow
) -> None:
    lock = IdleLock(window, Workspace(team.opened(team.counsellor)))
    other = QLabel("Ahmed Benali")
    other.setWindowTitle("Brief aan Ahmed Benali")
    qtbot.addWidget(other)
    other.show()
    assert lock.action.shortcut().toString() == "Ctrl+L"
    lock.action.trigger()
    assert lock.is_locked
    assert _covered(lock, window) and _covered(lock, other)
    assert other.windowTitle() == LOCKED_TITLE
    # a window that opens while locked is covered as well
    late = QLabel("Gerda Mulder")
    qtbot.addWidget(late)
    late.show()
    qtbot.waitUntil(lambda: _covered(lock, late), timeout=2000)
    lock.unlock()
    assert other.windowTitle() == "Brief aan Ahmed Benali"


def test_quit_from_the_lock_screen_asks_first(
    qtbot: QtBot, team: Team, window: QMainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock = IdleLock(window, Workspace(team.opened(team.counsellor)))
    lock.lock_now()
    assert lock.screen is not None
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    lock.screen.on_quit_clicked()
    assert quits == []
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    lock.screen.on_quit_clicked()
    assert quits == [True]


def test_attach_security_wires_lock_and_automatic_backups(
    qtbot: QtBot, team: Team, window: QMainWindow
) -> None:
    workspace = Workspace(team.opened(team.counsellor))
    attach_security(window, workspace)
    timer = window.property("helder_backup_timer")
    lock = window.property("helder_idle_lock")
    assert isinstance(lock, IdleLock) and lock.action in window.actions()
    with qtbot.waitSignal(timer.made, timeout=20_000) as made:
        pass  # the backup at start runs in a worker
    assert made.args[0].exists()
    assert _actions(team, "backup") == ["ok"]
    timer.stop()
