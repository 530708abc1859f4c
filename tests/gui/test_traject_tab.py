"""The Traject tab: move a dossier through its phases with 'Fase wijzigen', and its sections."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtWidgets import QDialog, QTableWidget
from pytestqt.qtbot import QtBot

from app.services import traject, workflow
from app.services.context import today_local
from app.services.traject import UrgencyForm
from tests.factories import Team, make_dossier
from ui.dialogs.phase_move import PhaseMoveDialog
from ui.registry import DOSSIER_TABS
from ui.views.dossier.traject_tab import TrajectTab
from ui.workspace import Workspace


def _tab(qtbot: QtBot, team: Team, ctx_name: str = "counsellor") -> tuple[TrajectTab, Workspace, uuid.UUID]:
    workspace = Workspace(team.opened(getattr(team, ctx_name)))
    dossier = make_dossier(team.counsellor)
    tab = TrajectTab(workspace, dossier.id)
    qtbot.addWidget(tab)
    return tab, workspace, dossier.id


def _answer(
    target: str, reason: str = "", closing: str | None = None, override: str = ""
) -> Callable[[PhaseMoveDialog], int]:
    def fake_exec(dialog: PhaseMoveDialog) -> int:
        assert dialog.select_target(target), f"{target} is not offered"
        if closing is not None:
            assert dialog.select_closing_reason(closing)
        dialog.reason.setPlainText(reason)
        dialog.accept()
        if dialog.result() != QDialog.DialogCode.Accepted and override:
            assert dialog.override.isVisibleTo(dialog)
            dialog.override.setPlainText(override)
            dialog.accept()
        return int(dialog.result())

    return fake_exec


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def test_the_tab_is_registered() -> None:
    assert any(s.key == "traject" and s.factory.endswith("TrajectTab") for s in DOSSIER_TABS)


def test_only_allowed_moves_are_offered_with_today_as_date(qtbot: QtBot, team: Team) -> None:
    tab, _workspace, _id = _tab(qtbot, team)
    dialog = tab.phase_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    offered = [dialog.target.itemData(i) for i in range(dialog.target.count())]
    assert offered[0] == "intake"
    assert set(offered) == {"intake", "long_term_service", "referred", "dropped_out", "closed"}
    assert dialog.on.date().toPython() == today_local()
    assert not dialog.closing_reason.isVisibleTo(dialog)
    dialog.select_target("dropped_out")
    assert dialog.closing_reason.isVisibleTo(dialog)
    reasons = [dialog.closing_reason.itemData(i) for i in range(dialog.closing_reason.count())]
    assert "no_show" in reasons and "amicable_agreement" not in reasons


def test_move_a_dossier_through_all_its_phases(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN the teamleider (who may pass the voorlegger gate with a reason) on a new aanmelding
    tab, workspace, dossier_id = _tab(qtbot, team, "lead")
    walk = [
        _answer("intake"),
        _answer("stabilisation"),
        _answer("intake", reason="Er kwamen nieuwe schulden boven water."),
        _answer("stabilisation"),
        _answer("ready_for_settlement", override="Voorlegger is op papier gecontroleerd."),
        _answer("settlement"),
        _answer("aftercare"),
        _answer("closed", closing="completed"),
    ]
    expected = [
        "Intake",
        "Stabilisatie",
        "Intake",
        "Stabilisatie",
        "Gereed voor schuldregeling",
        "Schuldregeling",
        "Nazorg",
        "Afgesloten",
    ]
    # WHEN each move is made through the dialog
    with qtbot.waitSignals([workspace.signals.dossier_changed] * len(walk), timeout=5000):
        for answer, label in zip(walk, expected, strict=True):
            monkeypatch.setattr(PhaseMoveDialog, "exec", answer)
            tab.move_button.click()
            assert label in tab.phase_label.text()
    # THEN the history shows every step, newest first, with the reasons, and no more moves are possible
    assert tab.history.rowCount() == 9
    assert _cell(tab.history, 0, 2) == "Afgesloten"
    assert _cell(tab.history, 0, 4) == "Traject afgerond"
    assert (_cell(tab.history, 5, 2), _cell(tab.history, 5, 4)) == (
        "Intake",
        "Er kwamen nieuwe schulden boven water.",
    )
    assert not tab.move_button.isEnabled()
    assert [m.to_phase for m in workflow.transitions(team.lead, dossier_id)][-1] == "closed"


def test_going_back_without_a_reason_keeps_the_dialog_open(qtbot: QtBot, team: Team) -> None:
    tab, _workspace, dossier_id = _tab(qtbot, team)
    workflow.move_phase(team.counsellor, dossier_id, "intake", on=date(2026, 11, 3))
    tab.reload()
    dialog = tab.phase_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.select_target("application")
    assert dialog._labels["reason"].text() == "Reden (verplicht)"
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "reason" in dialog.errors.messages()
    assert traject.phase_state(team.counsellor, dossier_id).phase == "intake"


def test_the_deadlines_show_due_dates_and_what_is_signalled(qtbot: QtBot, team: Team) -> None:
    tab, workspace, dossier_id = _tab(qtbot, team)
    traject.save_urgency(team.counsellor, dossier_id, UrgencyForm(("eviction",), date(2026, 11, 19)))
    workspace.signals.dossier_changed.emit(dossier_id)
    first = _cell(tab.deadlines, 0, 0)
    assert first.startswith("Eerste gesprek")
    assert _cell(tab.deadlines, 0, 1) == "24-11-2026"
    assert "Gedwongen ontruiming" in tab.urgency_label.text()
