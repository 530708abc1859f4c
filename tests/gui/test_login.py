"""First run, login, the growing wait after mistakes, and the rescue of a damaged database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.config import LocalConfig, Paths
from app.services import auth, backups
from tests.factories import PASSWORD, Team
from tests.integration.raw_database import SQLITE_HEADER
from ui.dialogs import login as login_module
from ui.dialogs.login import FirstRunDialog, LoginDialog, obtain_login


def _login_dialog(qtbot: QtBot, team: Team) -> LoginDialog:
    dialog = LoginDialog(team.paths, team.config)
    qtbot.addWidget(dialog)
    return dialog


def _try(qtbot: QtBot, dialog: LoginDialog, user: str, password: str) -> None:
    dialog.username_edit.clear()
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.username_edit, user)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def test_first_run_creates_the_database_and_the_first_beheerder(qtbot: QtBot, tmp_path: Path) -> None:
    paths = Paths(tmp_path / "nieuw")
    dialog = FirstRunDialog(paths, LocalConfig())
    qtbot.addWidget(dialog)
    # GIVEN two different passwords
    qtbot.keyClicks(dialog.municipality_edit, "Dijkwaard")
    qtbot.keyClicks(dialog.username_edit, "henk")
    qtbot.keyClicks(dialog.full_name_edit, "Henk Visser")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD + "x")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["repeat"].text() == "De wachtwoorden zijn niet gelijk."
    assert not paths.database.exists()
    # WHEN the repeat is corrected
    dialog.repeat_edit.clear()
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    # THEN the database exists, encrypted, and the beheerder is logged in
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.opened is not None and dialog.opened.user.is_admin
    assert paths.database.read_bytes()[:16] != SQLITE_HEADER
    dialog.opened.db.dispose()


def test_first_run_shows_what_is_wrong_per_field(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = FirstRunDialog(Paths(tmp_path / "nieuw"), LocalConfig())
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username_edit, "met spatie")
    qtbot.keyClicks(dialog.password_edit, "kort")
    qtbot.keyClicks(dialog.repeat_edit, "kort")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors["municipality"].text() == "Vul de naam van de gemeente in."
    assert "spaties" in dialog.errors["username"].text()
    assert "10 tekens" in dialog.errors["password"].text()


def test_first_run_can_open_the_demo(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = FirstRunDialog(Paths(tmp_path / "leeg"), LocalConfig(), demo_dossiers=5)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    opened = dialog.opened
    assert opened is not None and opened.user.username == "consulent"
    assert opened.db.path is not None and opened.db.path.read_bytes()[:16] != SQLITE_HEADER
    assert not (tmp_path / "leeg").exists()  # the demo lives in its own temporary folder
    opened.db.dispose()


def test_login_with_the_right_password(qtbot: QtBot, team: Team) -> None:
    dialog = _login_dialog(qtbot, team)
    _try(qtbot, dialog, "fatima", PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.opened is not None and dialog.opened.user.full_name == "Fatima El Amrani"
    assert dialog.password_edit.text() == ""
    dialog.opened.db.dispose()


def test_wrong_passwords_get_a_calm_message_and_a_growing_wait(qtbot: QtBot, team: Team) -> None:
    dialog = _login_dialog(qtbot, team)
    # two mistakes: a calm message, no wait
    for _ in range(2):
        _try(qtbot, dialog, "fatima", "Verkeerd-2026!")
        assert "klopt niet" in dialog.message_label.text()
        assert dialog.login_button.isEnabled() and dialog.wait_seconds == 0
    # the third: the button waits 2 seconds with a countdown
    _try(qtbot, dialog, "fatima", "Verkeerd-2026!")
    assert dialog.wait_seconds == 2
    assert not dialog.login_button.isEnabled()
    assert "over 2 seconden" in dialog.message_label.text()
    assert dialog.countdown.isActive()
    dialog.tick()
    assert "over 1 seconde " in dialog.message_label.text()
    dialog.tick()
    assert dialog.login_button.isEnabled() and not dialog.countdown.isActive()
    # the fourth doubles the wait
    _try(qtbot, dialog, "fatima", "Verkeerd-2026!")
    assert dialog.wait_seconds == 4
    # while waiting, Enter does nothing
    dialog.password_edit.setText(PASSWORD)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    for _ in range(4):
        dialog.tick()
    _try(qtbot, dialog, "fatima", PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.opened is not None
    dialog.opened.db.dispose()
    assert auth.recent_failures(team.paths, "fatima") == 0  # moved into the audit log


def test_obtain_login_chooses_first_run_or_login(
    qtbot: QtBot, team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def fake_exec(self: QDialog) -> int:
        shown.append(type(self).__name__)
        self.close()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    assert obtain_login(team.paths, team.config) is None
    assert obtain_login(Paths(tmp_path / "leeg"), LocalConfig()) is None
    assert shown == ["LoginDialog", "FirstRunDialog"]


def _flip_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096 + 100
    for i in range(middle, middle + 64):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_damaged_database_offers_the_newest_good_backup(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a backup, then a damaged database
    from tests.factories import make_dossier

    for i in range(8):
        make_dossier(team.counsellor, surname=f"Naam{i}")
    good = backups.make_backup(team.opened(team.admin), "handmatig")
    team.db.dispose()
    _flip_middle(team.paths.database)
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: QMessageBox.StandardButton.Ok)
    # WHEN Fatima logs in
    dialog = _login_dialog(qtbot, team)
    _try(qtbot, dialog, "fatima", PASSWORD)
    # THEN she was asked about the backup, it was put back, and she is logged in
    assert len(asked) == 1 and "reservekopie" in asked[0]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.opened is not None
    dialog.opened.db.dispose()
    assert any(p.name.startswith("beschadigd-") for p in team.paths.backups(team.config).iterdir())
    assert good.exists()


def test_a_damaged_database_without_backup_says_so_calmly(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    team.db.dispose()
    _flip_middle(team.paths.database)
    said: list[str] = []

    def critical(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    dialog = _login_dialog(qtbot, team)
    _try(qtbot, dialog, "fatima", PASSWORD)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(said) == 1 and "geen goede reservekopie" in said[0]
    assert team.paths.database.exists()  # nothing was deleted


def test_wait_text_is_plain_dutch() -> None:
    assert login_module.wait_text(1) == "U kunt over 1 seconde opnieuw proberen."
    assert login_module.wait_text(8) == "U kunt over 8 seconden opnieuw proberen."


def test_the_login_window_comes_before_the_database_layer() -> None:
    # GIVEN a fresh interpreter WHEN the login dialog's module is imported
    code = (
        "import sys\n"
        "import ui.dialogs.login as login\n"
        "print('before', 'sqlalchemy' in sys.modules)\n"
        "login._prepare_in_background().join(60)\n"
        "print('after', all(m in sys.modules for m in login.WARM_UP_MODULES))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    # THEN SQLAlchemy is not loaded yet (the window shows in about half the time), and the
    # background warm-up loads the database layer while the user types
    assert done.stdout.split() == ["before", "False", "after", "True"]
