"""Opening a dossier in the window is one service call; the header widgets show what it read."""

from __future__ import annotations

import sys
import threading
from datetime import timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services import signalen
from app.services.context import today_local
from app.services.dossiers import create_dossier
from benchmarks.paths import VIEW_LOADERS
from tests.factories import Team, client_form, dossier_form
from ui.main_window import MainWindow
from ui.widgets.signal_badge import SignalBadge
from ui.widgets.step_map import StepMapHeader
from ui.workspace import Workspace


def test_opening_a_dossier_makes_exactly_the_benchmarked_service_calls(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN the main window and a dossier with an overdue first conversation, with every session
    # the UI thread opens traced back to the public service function that opened it
    window = MainWindow(Workspace(team.opened(team.counsellor)))
    qtbot.addWidget(window)
    window.show()
    made = create_dossier(
        team.counsellor, client_form(), dossier_form(reported_on=today_local() - timedelta(days=42))
    )
    called: list[tuple[str, str]] = []

    def traced(original: Any) -> Any:
        def wrapper(self: Database, *args: Any, **kwargs: Any) -> Any:
            frame = sys._getframe(1)
            while frame is not None and threading.current_thread() is threading.main_thread():
                module = str(frame.f_globals.get("__name__", ""))
                if module.startswith("app.services.") and not frame.f_code.co_name.startswith("_"):
                    called.append((module, frame.f_code.co_name))
                    break
                frame = frame.f_back  # type: ignore[assignment]
            return original(self, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(Database, "begin", traced(Database.begin))
    monkeypatch.setattr(Database, "read", traced(Database.read))
    # WHEN the dossier is opened
    view = window.open_dossier(made.id)
    # THEN the services called are exactly those the open_dossier benchmark measures: one
    assert view is not None and not view.failed_tabs
    assert called == list(VIEW_LOADERS)
    # AND the header widgets show what that call read: the phase, and the overdue term
    monkeypatch.undo()
    badge = next(w for w in view.header_widgets if isinstance(w, SignalBadge))
    steps = next(w for w in view.header_widgets if isinstance(w, StepMapHeader))
    expected = signalen.dossier_signals(team.counsellor, made.id)
    assert badge.count == len(expected) >= 1
    assert badge.level == "late" and "signa" in badge.text()
    assert steps.step_map.marked_index == 0
