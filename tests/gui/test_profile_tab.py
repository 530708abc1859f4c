"""The Klantprofiel tab: the plot of the history, the table, the approach, and drafts to resume or discard."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services import assessments
from app.services.context import today_local
from app.services.dossiers import get_dossier
from tests.factories import Team, make_dossier
from tests.unit.klantprofiel.answers import answers_for, bundled
from ui.dialogs.assessment import AssessmentDialog
from ui.views.dossier.profile_tab import COL_CHOSEN, COL_REASON, COL_SUGGESTED, ProfileTab
from ui.views.dossier.view import DossierView
from ui.workspace import Workspace

pytestmark = pytest.mark.gui

ONWETENDE = {"skills": 1, "motivation": 4, "mental_room": 0, "anger": 0, "learnability": 4}
AANPAKKER = {"skills": 4, "motivation": 4, "mental_room": 0, "anger": 0, "learnability": 3}


def _tab(qtbot: QtBot, team: Team, dossier_id: uuid.UUID) -> ProfileTab:
    tab = ProfileTab(Workspace(team.opened(team.counsellor)), dossier_id)
    qtbot.addWidget(tab)
    tab.resize(1200, 900)
    tab.show()
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=10_000)
    return tab


def test_history_in_plot_table_and_approach(qtbot: QtBot, qtmodeltester: ModelTester, team: Team) -> None:
    # GIVEN Sanne: de onwetende at intake, de aanpakker two months later (confirmed), then an override
    dossier = make_dossier(team.counsellor)
    today = today_local()
    ctx = team.counsellor
    assessments.complete(
        ctx, dossier.id, answers_for(bundled(), **ONWETENDE), "onwetende", on=today - timedelta(60)
    )
    assessments.complete(
        ctx, dossier.id, answers_for(bundled(), **AANPAKKER), "aanpakker", on=today - timedelta(2)
    )
    assessments.complete(
        ctx, dossier.id, answers_for(bundled(), **AANPAKKER), "kwetsbare", "Zware tegenslag thuis.", on=today
    )
    # WHEN the tab opens
    tab = _tab(qtbot, team, dossier.id)
    # THEN the plot shows the three points in time order, coloured by the counsellor's choice
    assert [p.profile for p in tab.plot.points()] == ["onwetende", "aanpakker", "kwetsbare"]
    # the table lists them newest first, with suggestion, choice and reason
    qtmodeltester.check(tab.model)
    model = tab.model
    assert model.rowCount() == 3
    first = [model.index(0, c).data() for c in (COL_SUGGESTED, COL_CHOSEN, COL_REASON)]
    assert first == ["De aanpakker", "De kwetsbare", "Zware tegenslag thuis."]
    assert model.index(2, COL_CHOSEN).data() == "De onwetende"
    # and the approach of the chosen profile, with the products' Dutch labels
    assert tab.approach.title.text() == "Aanpak bij de kwetsbare"
    assert tab.approach.products.text().splitlines() == [
        "•  Budgetbeheer",
        "•  Beschermingsbewind",
        "•  Langdurige dienstverlening (DFD)",
    ]
    assert "mentale ruimte" in tab.approach.kenmerken.text()
    assert tab.new_button.isVisible() and not tab.resume_button.isVisible()


def test_an_empty_tab_invites_a_first_assessment(qtbot: QtBot, team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    tab = _tab(qtbot, team, dossier.id)
    assert tab.plot.points() == () and tab.model.rowCount() == 0
    assert tab.status.text() == "Nog geen vragenlijst afgenomen."
    assert tab.approach.title.text() == "Nog geen profiel gekozen"


def test_new_assessment_from_the_tab_reloads_it(qtbot: QtBot, team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    tab = _tab(qtbot, team, dossier.id)
    # WHEN 'Nieuwe afname' is clicked and the questionnaire completed and saved
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = tab.findChild(AssessmentDialog)
    assert isinstance(dialog, AssessmentDialog) and dialog.isVisible()
    answers = answers_for(bundled(), **ONWETENDE)
    for code, value in answers.items():
        assert value is not None
        dialog.row(code).choose(value)
    dialog.go_to(len(dialog.pages))
    dialog.result_page.reveal()
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # THEN the tab shows the new point and approach
    assert [p.profile for p in tab.plot.points()] == ["onwetende"]
    assert tab.approach.title.text() == "Aanpak bij de onwetende"
    assert "Budgetcoaching" in tab.approach.products.text()


def test_a_draft_can_be_resumed_or_thrown_away(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN an interrupted assessment
    dossier = make_dossier(team.counsellor)
    assessments.save_draft(team.counsellor, dossier.id, {"WB1": 4, "WB2": None}, 1)
    tab = _tab(qtbot, team, dossier.id)
    # THEN the tab offers to resume it or throw it away, not to start another
    assert tab.resume_button.isVisible() and tab.discard_button.isVisible()
    assert not tab.new_button.isVisible()
    assert "onderdeel 2 van 5" in tab.status.text()
    # WHEN it is resumed THEN the dialog opens on that screen with the answers
    dialog = tab.resume_assessment()
    assert dialog is not None and dialog.index == 1 and dialog.answers == {"WB1": 4, "WB2": None}
    dialog.close()
    # WHEN discarding is cancelled nothing changes; when confirmed the draft is gone
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert tab.discard() is False
    assert assessments.load_draft(team.counsellor, dossier.id) is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        qtbot.mouseClick(tab.discard_button, Qt.MouseButton.LeftButton)
    assert assessments.load_draft(team.counsellor, dossier.id) is None
    assert tab.new_button.isVisible() and not tab.resume_button.isVisible()


def test_outside_the_caseload_the_tab_is_read_only(qtbot: QtBot, team: Team) -> None:
    # GIVEN Fatima's client with one assessment, opened by her colleague Joost with a reason
    dossier = make_dossier(team.counsellor)
    assessments.complete(team.counsellor, dossier.id, answers_for(bundled(), **AANPAKKER), "aanpakker")
    workspace = Workspace(team.opened(team.colleague))
    view = DossierView(workspace, get_dossier(team.colleague, dossier.id, "Vervanging"), reason="Vervanging")
    qtbot.addWidget(view)
    # WHEN he opens the Klantprofiel tab
    tab = view.show_tab("profile")
    assert isinstance(tab, ProfileTab)
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=10_000)
    # THEN he sees the history but cannot start or change an assessment
    assert [p.profile for p in tab.plot.points()] == ["aanpakker"]
    assert not tab.new_button.isVisibleTo(tab) and not tab.resume_button.isVisibleTo(tab)
