"""GUI: work through a voorlegger section by keyboard and clicks; files, four eyes, what is missing."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.rules.voorlegger import ItemStatus
from app.services import voorlegger
from app.services.voorlegger_views import ItemView
from tests.factories import Team, make_dossier
from ui.dialogs.voorlegger_check import MissingDialog
from ui.models.voorlegger_items import COL_STATUS
from ui.views.dossier.voorlegger_sections import DONE_ROLE, TO_CHECK, TOTAL_ROLE
from ui.views.dossier.voorlegger_tab import VoorleggerTab
from ui.workspace import Workspace


class Recorder:
    """Stands in for the tab's dialogs so nothing blocks."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.reasons: list[str] = []

    def reason(self, _title: str, _question: str, _text: str = "") -> str | None:
        return self.reasons.pop(0) if self.reasons else None


def _tab(
    qtbot: QtBot,
    team: Team,
    ctx_name: str,
    dossier_id: uuid.UUID,
    recorder: Recorder,
    monkeypatch: pytest.MonkeyPatch,
) -> VoorleggerTab:
    ctx = getattr(team, ctx_name)
    tab = VoorleggerTab(Workspace(team.opened(ctx)), dossier_id)
    qtbot.addWidget(tab)
    monkeypatch.setattr(tab, "show_error", recorder.errors.append)
    monkeypatch.setattr(tab, "ask_reason", recorder.reason)
    monkeypatch.setattr(tab, "confirm", lambda _question: True)
    tab.resize(1200, 800)
    tab.show()
    return tab


def _section_progress(tab: VoorleggerTab, code: str) -> tuple[int, int]:
    for row in range(tab.sections.count()):
        entry = tab.sections.item(row)
        if entry.data(Qt.ItemDataRole.UserRole) == code:
            return int(entry.data(DONE_ROLE)), int(entry.data(TOTAL_ROLE))
    raise AssertionError(code)


def _item(team: Team, dossier_id: uuid.UUID, key: str) -> ItemView:
    view = voorlegger.overview(team.counsellor, dossier_id)
    return next(i for s in view.sections for i in s.items if i.key == key)


def test_work_through_a_section_by_keyboard(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    # GIVEN Fatima's new dossier, the Voorlegger tab on "Inkomen"
    made = make_dossier(team.counsellor)
    recorder = Recorder()
    tab = _tab(qtbot, team, "counsellor", made.id, recorder, monkeypatch)
    tab.sections.choose("income")
    assert _section_progress(tab, "income") == (0, 9)
    keys = [tab.model.item(r).key for r in range(tab.model.rowCount())]
    assert keys[:3] == ["payslips", "employment_contract", "benefit_uwv"]
    qtmodeltester.check(tab.model)  # type: ignore[no-untyped-call]
    tab.table.setFocus()
    # WHEN she presses 2 (opgevraagd), 3 (ontvangen), 5 (n.v.t., with a reason) going down the list
    QTest.keyClick(tab.table, Qt.Key.Key_2)
    assert tab.table.currentIndex().row() == 1
    QTest.keyClick(tab.table, Qt.Key.Key_3)
    recorder.reasons.append("Geen uitkering van UWV")
    QTest.keyClick(tab.table, Qt.Key.Key_5)
    # AND 4 (gecontroleerd) on her own item, which four eyes refuse
    tab.select_row(1)
    QTest.keyClick(tab.table, Qt.Key.Key_4)
    # THEN the statuses are saved, the section progress counts the n.v.t., and the refusal is explained
    assert [_item(team, made.id, k).status for k in keys[:3]] == ["requested", "received", "not_applicable"]
    assert _item(team, made.id, "benefit_uwv").not_applicable_reason == "Geen uitkering van UWV"
    assert _section_progress(tab, "income") == (1, 9)
    assert tab.progress.value() == 1
    assert tab.model.index(0, COL_STATUS).data() == "Opgevraagd"
    assert len(recorder.errors) == 1 and "controle is aangeboden" in recorder.errors[0]
    # AND pressing 5 without giving a reason changes nothing
    tab.select_row(3)
    QTest.keyClick(tab.table, Qt.Key.Key_5)
    assert _item(team, made.id, keys[3]).status == "open"


def test_status_by_combobox_and_a_note(qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    made = make_dossier(team.counsellor)
    tab = _tab(qtbot, team, "counsellor", made.id, Recorder(), monkeypatch)
    tab.sections.choose("bank")
    combo = tab.panel.status
    assert tab.panel.item is not None and tab.panel.item.key == "bank_statements"
    # The combobox offers only the allowed moves: from open not straight to gecontroleerd
    model = combo.model()
    checked_row = combo.findData(ItemStatus.CHECKED.value)
    assert not model.index(checked_row, 0).flags() & Qt.ItemFlag.ItemIsEnabled
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)
    assert _item(team, made.id, "bank_statements").status == "requested"
    tab.panel.note.setFocus()
    QTest.keyClicks(tab.panel.note, "Alleen de betaalrekening bij de ING")
    QTest.mouseClick(tab.panel.save_note, Qt.MouseButton.LeftButton)
    assert _item(team, made.id, "bank_statements").note == "Alleen de betaalrekening bij de ING"


def test_attach_preview_and_four_eyes_in_the_tab(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # GIVEN a scan on disk
    made = make_dossier(team.counsellor)
    scan = tmp_path / "loonstrook.png"
    from app.services.demo_voorlegger import _id_card_png

    scan.write_bytes(_id_card_png(60, 40))
    recorder = Recorder()
    tab = _tab(qtbot, team, "counsellor", made.id, recorder, monkeypatch)
    tab.sections.choose("income")
    monkeypatch.setattr(tab, "choose_file", lambda: scan)
    # WHEN Fatima attaches it to the payslips and views it
    QTest.mouseClick(tab.panel.add_file, Qt.MouseButton.LeftButton)
    assert tab.panel.item is not None and tab.panel.item.status == "received"
    assert tab.panel.files.count() == 1
    QTest.mouseClick(tab.panel.view_file, Qt.MouseButton.LeftButton)
    # THEN it is shown inside Helder
    [preview] = tab._previews
    assert preview.kind == "image" and preview.isVisible()
    preview.close()
    # WHEN she offers the voorlegger to Joost
    monkeypatch.setattr(
        tab,
        "choose_checker",
        lambda colleagues, _n: next(c.id for c in colleagues if c.full_name == "Joost de Boer"),
    )
    assert tab.offer_button.isEnabled()
    QTest.mouseClick(tab.offer_button, Qt.MouseButton.LeftButton)
    assert "Ter controle bij Joost de Boer" in tab.banner.text()
    # THEN Joost sees what to check and marks it gecontroleerd with one click
    joost = _tab(qtbot, team, "colleague", made.id, Recorder(), monkeypatch)
    assert joost.sections.current_code() == TO_CHECK
    assert joost.panel.check_box.isVisibleTo(joost) and joost.panel.check_button.isEnabled()
    QTest.mouseClick(joost.panel.check_button, Qt.MouseButton.LeftButton)
    assert _item(team, made.id, "payslips").status == "checked"
    assert _item(team, made.id, "payslips").checked_by == "Joost de Boer"
    assert joost.overview is not None and joost.overview.open_review is None


def test_what_is_missing_dialog(qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    made = make_dossier(team.counsellor)
    tab = _tab(qtbot, team, "counsellor", made.id, Recorder(), monkeypatch)
    shown: list[MissingDialog] = []

    def fake_exec(dialog: MissingDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(MissingDialog, "exec", fake_exec)
    QTest.mouseClick(tab.missing_button, Qt.MouseButton.LeftButton)
    [dialog] = shown
    toelating = dialog.lists["toelating"]
    expected = voorlegger.missing(team.counsellor, made.id, "toelating")
    assert toelating.count() == len(expected)
    assert toelating.item(0).text().startswith(expected[0].label)
