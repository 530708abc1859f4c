"""The "Reservekopieën" page: a backup with progress, a checked restore, and the automatic timer."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.db.base import utcnow
from app.services import audit, backups
from app.services.dossier_views import SearchCriteria
from app.services.dossiers import count_dossiers
from tests.factories import Team, make_dossier
from ui import backup_timer as backup_timer_module
from ui.backup_timer import BackupTimer
from ui.views import backups_page
from ui.views.backups_page import COL_KIND, BackupsPage, backup_kind, format_size
from ui.workspace import Workspace


@pytest.fixture
def page(qtbot: QtBot, team: Team) -> BackupsPage:
    made = BackupsPage(Workspace(team.opened(team.admin)))
    qtbot.addWidget(made)
    return made


@pytest.fixture
def restarts(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    calls: list[bool] = []
    monkeypatch.setattr(backups_page, "request_restart", lambda: calls.append(True))
    return calls


def test_backup_now_runs_with_progress_and_appears_in_the_list(
    qtbot: QtBot, page: BackupsPage, team: Team, qtmodeltester: ModelTester
) -> None:
    for i in range(5):
        make_dossier(team.counsellor, surname=f"Naam{i}")
    assert page.model.rowCount() == 0
    with qtbot.waitSignal(page.backup_made, timeout=20_000) as made:
        qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
        assert page.progress_dialog is not None and not page.backup_button.isEnabled()
    assert page.progress_dialog is None and page.backup_button.isEnabled()
    assert page.model.rowCount() == 1
    assert page.model.index(0, COL_KIND).data() == "met de hand"
    assert made.args[0].name in page.message_label.text()
    qtmodeltester.check(page.model)
    assert [r.result for r in audit.list_entries(team.admin, action="backup")] == ["ok"]


def test_a_stopped_backup_leaves_no_file(qtbot: QtBot, page: BackupsPage, team: Team) -> None:
    for i in range(30):
        make_dossier(team.counsellor, surname=f"Naam{i}")
    page.on_backup_clicked()
    assert page._progress is not None
    page._progress.cancelled = True  # as the Stoppen button does, before the first step reports
    qtbot.waitUntil(lambda: page.progress_dialog is None, timeout=20_000)
    assert "gestopt" in page.message_label.text()
    folder = team.paths.backups(team.config)
    assert not folder.exists() or not [p for p in folder.iterdir() if p.suffix in {".db", ".part"}]


def test_restore_asks_puts_the_backup_back_and_restarts(
    qtbot: QtBot, page: BackupsPage, team: Team, restarts: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a backup with one dossier, and a second dossier made afterwards
    make_dossier(team.counsellor, surname="Eerste")
    backups.make_backup(team.opened(team.admin), "handmatig")
    make_dossier(team.counsellor, surname="Later")
    page.reload()
    page.table.selectRow(0)
    # the user says no first: nothing happens
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert page.progress_dialog is None
    # WHEN the user confirms
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text))
    with qtbot.waitSignal(page.restored, timeout=20_000):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    # THEN the backup is back, the user is told Helder restarts, and it does
    assert count_dossiers(team.lead, SearchCriteria(include_ended=True)) == 1
    assert told and "start opnieuw" in told[0]
    assert restarts == [True]


def test_a_corrupt_file_is_refused_and_nothing_restarts(
    qtbot: QtBot,
    page: BackupsPage,
    team: Team,
    restarts: list[bool],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_dossier(team.counsellor, surname="Blijft")
    bad = tmp_path / "helder-kapot.db"
    bad.write_bytes(b"dit is geen database" * 1000)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))
    page.restore(bad, bad.name)
    qtbot.waitUntil(lambda: bool(warned), timeout=20_000)
    assert "niet gewijzigd" in warned[0] and "niet gewijzigd" in page.message_label.text()
    assert restarts == []
    assert count_dossiers(team.lead, SearchCriteria(include_ended=True)) == 1


def test_backup_timer_makes_one_at_start_and_then_daily(qtbot: QtBot, team: Team) -> None:
    now = utcnow()
    clock = [now]
    timer = BackupTimer(team.opened(team.counsellor), clock=lambda: clock[0])
    assert timer.active
    with qtbot.waitSignal(timer.made, timeout=20_000):
        timer.start()
    assert timer.timer.isActive() and timer.timer.interval() == backup_timer_module.CHECK_EVERY_MS
    # an hour later nothing is due
    clock[0] = now + timedelta(hours=1)
    with qtbot.waitSignal(timer.runner.finished, timeout=20_000) as done:
        timer.check()
    assert done.args == [None]
    # a day later a new one is made
    clock[0] = now + timedelta(hours=25)
    with qtbot.waitSignal(timer.made, timeout=20_000):
        timer.check()
    assert [backup_kind(b) for b in backups.backups(team.opened(team.admin))] == [
        "dagelijks",
        "bij het starten",
    ]
    timer.stop()
    timer.deleteLater()


def test_sizes_in_dutch() -> None:
    assert format_size(1_234_567) == "1,2 MB"
    assert format_size(12_000) == "12 kB"
