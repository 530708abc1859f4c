"""The Rapportages page on a small demo database: compute, click through, export."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.config import LocalConfig, Paths
from app.export.ddas import validate_ddas
from app.rules.kpi import Summary
from app.services.auth import Opened, login
from app.services.context import today_local
from app.services.demo import DEMO_PASSWORD, generate_demo
from app.services.reports import ADMIN_SEES_NO_DOSSIERS, ReportCancelled, quick_period
from ui.dialogs.dossiers_behind import DossiersBehindDialog
from ui.views.reports_page import ReportsPage
from ui.workspace import Workspace


@pytest.fixture(scope="module")
def demo_paths(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    paths = Paths(tmp_path_factory.mktemp("demo"))
    generate_demo(paths, LocalConfig(), dossiers=80).db.dispose()
    return paths


def _open(paths: Paths, user: str) -> Iterator[Opened]:
    opened = login(paths, LocalConfig(), user, DEMO_PASSWORD)
    yield opened
    QThreadPool.globalInstance().waitForDone(30_000)
    opened.db.dispose()


@pytest.fixture
def lead(demo_paths: Paths) -> Iterator[Opened]:
    yield from _open(demo_paths, "teamleider")


@pytest.fixture
def admin(demo_paths: Paths) -> Iterator[Opened]:
    yield from _open(demo_paths, "beheerder")


def _computed_page(qtbot: QtBot, opened: Opened) -> tuple[ReportsPage, Summary]:
    page = ReportsPage(Workspace(opened))
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.set_period(quick_period("two_years", today_local()))
    with qtbot.waitSignal(page.computed, timeout=60_000) as blocker:
        page.compute()
    summary = blocker.args[0]
    assert isinstance(summary, Summary)
    return page, summary


def test_compute_then_click_a_funnel_bar_lists_its_dossiers(
    qtbot: QtBot, lead: Opened, qtmodeltester: Any
) -> None:
    # GIVEN the figures of the last two years
    page, summary = _computed_page(qtbot, lead)
    bars = page.funnel.bars()
    assert [b.code for b in bars] == [
        "applications",
        "intakes",
        "stabilisation_inflow",
        "ready_for_settlement",
        "settlement_agreed",
    ]
    assert [b.value for b in bars] == [summary.measure(b.code).value for b in bars]
    assert "referentie 95 %" in bars[1].rate_text
    assert not page.progress.isVisible() and "Cijfers over" in page.status.text()
    # WHEN the teamleider clicks the bar "Intakes"
    centre = page.funnel.bar_rect(1).center().toPoint()
    QTest.mouseClick(page.funnel, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    dialog = page.findChild(DossiersBehindDialog)
    assert dialog is not None
    # THEN the dialog lists exactly the dossiers behind the figure
    expected = summary.measure("intakes").dossier_ids
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected), timeout=30_000)
    qtmodeltester.check(dialog.model)
    assert {str(dialog.model.row_at(r).id) for r in range(dialog.model.rowCount())} == set(expected)
    # AND double-clicking a row asks the main window to open that dossier
    index = dialog.model.index(0, 0)
    with qtbot.waitSignal(page._workspace.signals.open_dossier) as opened:
        dialog.table.doubleClicked.emit(index)
    assert opened.args == [dialog.model.row_at(0).id]
    dialog.close()


def test_export_csv_writes_an_anonymous_file(
    qtbot: QtBot, lead: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _summary = _computed_page(qtbot, lead)
    target = tmp_path / "kwartaal"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    with qtbot.waitSignal(page.exported, timeout=60_000) as blocker:
        page.export_buttons["csv"].click()
    written = blocker.args[0]
    assert written == tmp_path / "kwartaal.csv"
    text = written.read_text(encoding="utf-8-sig")
    assert text.startswith("Periode van;Periode tot;Selectie;Thema")
    assert "Fatima El Amrani" not in text and "Sanne Willems" not in text
    assert "Opgeslagen" in page.status.text()


def test_ddas_button_warns_about_bsns_before_writing(
    qtbot: QtBot, lead: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _summary = _computed_page(qtbot, lead)
    warnings: list[str] = []

    def warn(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        warnings.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "warning", warn)
    monkeypatch.setattr(QMessageBox, "information", lambda *_a, **_k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(tmp_path / "levering"), ""))
    with qtbot.waitSignal(page.exported, timeout=60_000) as blocker:
        page.ddas_button.click()
    assert len(warnings) == 1 and "BSN" in warnings[0] and "beveiligde kanaal" in warnings[0]
    validate_ddas(json.loads(Path(blocker.args[0]).read_text(encoding="utf-8")))


def test_a_declined_warning_writes_nothing(
    qtbot: QtBot, lead: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _summary = _computed_page(qtbot, lead)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a, **_k: QMessageBox.StandardButton.Cancel)
    asked: list[object] = []

    def ask(*args: object, **_kwargs: object) -> tuple[str, str]:
        asked.append(args)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    page.ddas_button.click()
    assert asked == [] and not page.busy


def test_beheerder_sees_figures_but_not_the_dossiers_behind_them(
    qtbot: QtBot, admin: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, summary = _computed_page(qtbot, admin)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text))
    page.counts.selectRow(0)
    page.counts.clicked.emit(page.counts.model().index(0, 0))
    assert told == [ADMIN_SEES_NO_DOSSIERS]
    assert page.findChild(DossiersBehindDialog) is None
    assert summary.measure("applications").value > 0
    # the DDAS delivery holds every BSN: not for the beheerder (issue #24, #22)
    assert not page.ddas_button.isVisibleTo(page)


def test_stop_drops_the_running_computation(qtbot: QtBot, lead: Opened) -> None:
    page = ReportsPage(Workspace(lead))
    qtbot.addWidget(page)
    page.set_period(quick_period("two_years", today_local()))
    shown: list[object] = []
    page.computed.connect(shown.append)
    page.compute()
    assert page.stop_button.isVisibleTo(page)
    page.cancel()
    assert "Gestopt" in page.status.text() and page.compute_button.isEnabled()
    QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.wait(50)
    assert shown == [] and page.summary() is None


def test_counsellor_filter_lists_the_demo_counsellors(qtbot: QtBot, lead: Opened) -> None:
    page = ReportsPage(Workspace(lead))
    qtbot.addWidget(page)
    names = [page.counsellor.itemText(i) for i in range(page.counsellor.count())]
    assert names[0] == "Alle consulenten" and "Fatima El Amrani" in names
    assert all(isinstance(page.counsellor.itemData(i), uuid.UUID) for i in range(1, len(names)))


def test_choosing_a_counsellor_recomputes_for_that_caseload(qtbot: QtBot, lead: Opened) -> None:
    page, everyone = _computed_page(qtbot, lead)
    index = page.counsellor.findText("Fatima El Amrani")
    with qtbot.waitSignal(page.computed, timeout=60_000) as blocker:
        page.counsellor.setCurrentIndex(index)
    mine = blocker.args[0]
    assert isinstance(mine, Summary)
    assert mine.counsellor == str(page.counsellor.itemData(index))
    assert mine.measure("applications").value < everyone.measure("applications").value


def test_a_new_computation_stops_the_one_still_running(
    qtbot: QtBot, lead: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a computation that keeps reporting progress until it is told to stop
    import time

    from ui.views import reports_page

    real = reports_page.dashboard
    first_stopped = threading.Event()

    def slow_then_real(ctx: Any, period: Any, counsellor: Any, progress: Any) -> Summary:
        if not first_stopped.is_set() and not hasattr(slow_then_real, "started"):
            slow_then_real.started = True  # type: ignore[attr-defined]
            try:
                for _ in range(500):  # 10 s at most
                    progress(10, "Bezig")
                    time.sleep(0.02)
            except ReportCancelled:
                first_stopped.set()
                raise
            raise AssertionError("the first computation was not stopped")
        return real(ctx, period, counsellor, progress)

    monkeypatch.setattr(reports_page, "dashboard", slow_then_real)
    page = ReportsPage(Workspace(lead))
    qtbot.addWidget(page)
    page.set_period(quick_period("two_years", today_local()))
    page.compute()
    qtbot.waitUntil(lambda: hasattr(slow_then_real, "started"), timeout=10_000)
    # WHEN the team lead asks again before it is done
    with qtbot.waitSignal(page.computed, timeout=60_000) as blocker:
        page.compute()
    # THEN the first one stopped at its next step, and the figures of the second are shown
    assert first_stopped.wait(10)
    assert isinstance(blocker.args[0], Summary) and page.summary() is blocker.args[0]
