"""The Signalen count shows in the navigation from the start, before the page is opened."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.services import signalen
from tests.factories import Team, make_dossier
from ui.main_window import SIGNALEN, MainWindow
from ui.workspace import Workspace


def test_badge_shows_the_count_at_start(qtbot: QtBot, team: Team) -> None:
    # GIVEN a counsellor with a dossier whose first conversation is due
    make_dossier(team.counsellor)
    expected = signalen.count_signals(team.counsellor, signalen.default_scope(team.counsellor))
    assert expected >= 1
    # WHEN the main window opens on the Dossiers page
    window = MainWindow(Workspace(team.opened(team.counsellor)))
    qtbot.addWidget(window)
    row = window.page_keys().index(SIGNALEN)
    # THEN the navigation already shows the count next to Signalen
    qtbot.waitUntil(lambda: window.navigation.item(row).text() == f"Signalen ({expected})", timeout=10_000)
    assert window.current_page_key() != SIGNALEN
