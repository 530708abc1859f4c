"""Help → Over Helder shows the version, the build date and the dependency versions."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

import app
from app.release.build_info import BuildInfo, load_build_info
from tests.factories import Team
from ui.dialogs.about import AboutDialog
from ui.main_window import MainWindow
from ui.workspace import Workspace


def test_help_menu_opens_about_with_the_same_facts_as_version(qtbot: QtBot, team: Team) -> None:
    # GIVEN the main window
    window = MainWindow(Workspace(team.opened(team.counsellor)))
    qtbot.addWidget(window)
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert "&Help" in menus
    # WHEN the user chooses Help → Over Helder
    window.about_action.trigger()
    dialogs = [d for d in window.findChildren(AboutDialog) if d.isVisible()]
    # THEN the dialog shows the version, "ontwikkelversie" and every locked runtime dependency
    assert len(dialogs) == 1
    dialog = dialogs[0]
    expected = load_build_info()
    assert dialog.title.text() == f"Helder {app.__version__}"
    assert "ontwikkelversie" in dialog.build.text()
    rows = dialog.model.records()
    assert rows == list(expected.dependencies) and ("sqlalchemy", dict(rows)["sqlalchemy"]) in rows
    assert dialog.model.rowCount() == len(expected.dependencies) > 10
    dialog.reject()
    assert not dialog.isVisible()


def test_about_of_a_build_shows_its_date_and_commit(qtbot: QtBot) -> None:
    info = BuildInfo("1.2.3", "2026-12-05", "abc1234", "3.12.7", (("pyside6-essentials", "6.12.0"),))
    dialog = AboutDialog(info)
    qtbot.addWidget(dialog)
    assert dialog.build.text() == "Gebouwd op 05-12-2026 (commit abc1234)"
    assert dialog.python.text() == "Python 3.12.7"
    index = dialog.model.index(0, 1)
    assert dialog.model.data(index) == "6.12.0"
