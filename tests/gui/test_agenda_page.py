"""The Agenda page: a counsellor's week; record a no-show; plan with stress-sensitive hints."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from app.services import agenda, traject
from app.services.agenda import AppointmentForm
from app.services.context import today_local
from tests.factories import Team, make_dossier
from ui.dialogs.appointment import AppointmentDialog
from ui.registry import PAGES
from ui.views.agenda_page import AgendaPage
from ui.workspace import Workspace


@pytest.fixture
def workspace(team: Team) -> Workspace:
    return Workspace(team.opened(team.counsellor))


def test_the_page_is_registered() -> None:
    assert any(p.key == "agenda" and p.factory.endswith("AgendaPage") for p in PAGES)


def test_record_a_no_show(qtbot: QtBot, team: Team, workspace: Workspace) -> None:
    # GIVEN an intake today in Fatima's agenda
    dossier = make_dossier(team.counsellor)
    today = today_local()
    made = agenda.create_appointment(
        team.counsellor,
        AppointmentForm(dossier.id, "intake", today, time(9, 30), 60, "Gemeentehuis, spreekkamer 2"),
    )
    page = AgendaPage(workspace)
    qtbot.addWidget(page)
    column = page.day_lists[today.weekday()]
    assert column.count() == 1
    assert "Sanne Willems" in column.item(0).text()
    # WHEN she selects it and clicks "Niet verschenen"
    assert page.select_appointment(made.id)
    assert page.no_show_button.isEnabled()
    with qtbot.waitSignal(workspace.signals.signals_changed):
        page.no_show_button.click()
    # THEN it is kept as a no-show, shown as such, and it is no first conversation
    assert agenda.dossier_appointments(team.counsellor, dossier.id)[0].status == "no_show"
    assert "Niet verschenen" in page.day_lists[today.weekday()].item(0).text()
    assert traject.get_urgency(team.counsellor, dossier.id).first_conversation_on is None


def test_a_future_appointment_cannot_be_marked_held(qtbot: QtBot, team: Team, workspace: Workspace) -> None:
    dossier = make_dossier(team.counsellor)
    later = today_local() + timedelta(days=8)
    made = agenda.create_appointment(
        team.counsellor,
        AppointmentForm(dossier.id, "home_visit", later, time(10, 0), 60, "Bij de cliënt thuis"),
    )
    page = AgendaPage(workspace)
    qtbot.addWidget(page)
    page.show_week_of(later)
    assert page.select_appointment(made.id)
    assert not page.held_button.isEnabled()
    assert not page.no_show_button.isEnabled()
    assert page.cancel_button.isEnabled()


def test_weeks_and_counsellors(qtbot: QtBot, team: Team, workspace: Workspace) -> None:
    page = AgendaPage(workspace)
    qtbot.addWidget(page)
    monday = page.monday
    assert monday.weekday() == 0
    page.next_button.click()
    assert page.monday == monday + timedelta(days=7)
    page.today_button.click()
    assert page.monday == monday
    names = [page.counsellor.itemText(i) for i in range(page.counsellor.count())]
    assert names == ["Fatima El Amrani", "Joost de Boer"]
    assert page.counsellor.currentText() == "Fatima El Amrani"


def test_planning_a_complex_talk_in_the_afternoon_gives_the_morning_hint(
    qtbot: QtBot, team: Team, workspace: Workspace
) -> None:
    dossier = make_dossier(team.counsellor)
    dialog = AppointmentDialog(workspace, dossier.id)
    qtbot.addWidget(dialog)
    dialog.set_kind("home_visit")
    dialog.set_time(9, 30)
    dialog.complex_talk.setChecked(True)
    assert not any("'s ochtends" in h for h in dialog.hints)
    dialog.set_time(14, 0)
    assert any(h.startswith("Plan een moeilijk gesprek liever 's ochtends") for h in dialog.hints)
    dialog.reminder.setChecked(False)
    assert any("Stuur één herinnering" in h for h in dialog.hints)
    dialog.set_kind("consultation_hour")
    assert any("reiskosten" in h for h in dialog.hints)
    assert dialog.place.currentText() == "Gemeentehuis, spreekkamer"


def test_plan_from_the_agenda_by_dossier_number(
    qtbot: QtBot, team: Team, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier = make_dossier(team.counsellor)
    page = AgendaPage(workspace)
    qtbot.addWidget(page)

    def fake_exec(dialog: AppointmentDialog) -> int:
        dialog.number.setText(dossier.number)
        dialog.set_kind("phone")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(AppointmentDialog, "exec", fake_exec)
    with qtbot.waitSignal(workspace.signals.signals_changed):
        page.new_button.click()
    made = agenda.dossier_appointments(team.counsellor, dossier.id)
    assert [(a.kind, a.place) for a in made] == [("phone", "Telefonisch")]
