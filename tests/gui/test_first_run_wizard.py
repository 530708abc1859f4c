"""First run sets the municipality's letterhead and backup folder, or saves nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.config import LocalConfig, Paths, load_config
from app.services.letterhead import get_letterhead
from tests.factories import PASSWORD
from tests.gui.helpers import type_text
from ui.dialogs.login import FirstRunDialog


def _account(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    qtbot.keyClicks(dialog.municipality_edit, "Gemeente Dijkwaard")
    qtbot.keyClicks(dialog.username_edit, "henk")
    qtbot.keyClicks(dialog.full_name_edit, "Henk Visser")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD)


def test_letterhead_and_backup_folder_are_set_up(qtbot: QtBot, tmp_path: Path) -> None:
    paths = Paths(tmp_path / "nieuw")
    dialog = FirstRunDialog(paths, LocalConfig(device_code="HV"))
    qtbot.addWidget(dialog)
    # GIVEN the account, the letterhead and a backup folder on a share
    _account(qtbot, dialog)
    dialog.address_edit.setPlainText("Raadhuisplein 1\n1697 AA  Dijkwaard")
    qtbot.keyClicks(dialog.phone_edit, "0229 123 400")
    qtbot.keyClicks(dialog.email_edit, "schuldhulp@dijkwaard.nl")
    type_text(dialog.college_edit, "het college van burgemeester en wethouders van Dijkwaard")
    dialog.objection_edit.setPlainText("Postbus 10\n1697 ZG  Dijkwaard")
    dialog.backup_edit.setText(str(tmp_path / "share" / "helder"))
    # WHEN the database is made
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    # THEN the letterhead is stored and the backup folder remembered on this laptop
    assert dialog.result() == QDialog.DialogCode.Accepted, [e.text() for e in dialog.errors.values()]
    assert dialog.opened is not None
    head = get_letterhead(dialog.opened.context())
    assert head.college.endswith("van Dijkwaard")
    assert head.objection_address_lines == ("Postbus 10", "1697 ZG  Dijkwaard")
    assert load_config(paths).backup_dir == str(tmp_path / "share" / "helder")
    dialog.opened.db.dispose()


def test_an_incomplete_letterhead_saves_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    paths = Paths(tmp_path / "nieuw")
    dialog = FirstRunDialog(paths, LocalConfig())
    qtbot.addWidget(dialog)
    _account(qtbot, dialog)
    # GIVEN a college but no address for bezwaar
    type_text(dialog.college_edit, "het college van burgemeester en wethouders van Dijkwaard")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    # THEN the field says what is missing and no database was made
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "bezwaar" in dialog.errors["objection_address_lines"].text()
    assert not paths.database.exists()
