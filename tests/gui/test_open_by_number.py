"""A consulent opens a colleague's dossier by its number, with a reason that is logged."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.audit import AuditEntry
from tests.factories import Team, make_dossier
from ui.main_window import MainWindow
from ui.workspace import Workspace


def test_colleague_dossier_opens_by_number_with_a_reason(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch, message_boxes: list[tuple[str, str]]
) -> None:
    # GIVEN a dossier of Fatima, and Joost (not in his caseload) at his own window
    made = make_dossier(team.counsellor)
    window = MainWindow(Workspace(team.opened(team.colleague)))
    qtbot.addWidget(window)
    answers = iter([(made.number.lower(), True), ("Vervanging: Fatima is ziek", True)])
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: next(answers)))
    # WHEN he opens it by number (typed in lower case) and gives a reason
    view = window.open_by_number()
    # THEN it opens, and the reason is in the audit log
    assert view is not None and view.detail.number == made.number
    with team.db.read() as session:
        details = (
            session.execute(
                select(AuditEntry.details).where(AuditEntry.action == "view", AuditEntry.actor == "joost")
            )
            .scalars()
            .all()
        )
    assert any("Fatima is ziek" in d for d in details)


def test_unknown_number_says_so(qtbot: QtBot, team: Team, message_boxes: list[tuple[str, str]]) -> None:
    window = MainWindow(Workspace(team.opened(team.colleague)))
    qtbot.addWidget(window)
    assert window.open_by_number("2026-XX-99999") is None
    assert message_boxes == [("information", "Dossier openen")]
