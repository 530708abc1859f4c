"""The main window and an open dossier: header, tabs, editing, timeline, access."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services import workflow
from app.services.dossier_views import DossierDetail
from app.services.dossiers import get_dossier, update_dossier
from app.services.workflow import timeline
from tests.factories import Team, client_form, dossier_form, make_dossier
from tests.gui.helpers import check_model, click, keys, press
from ui import registry
from ui.dialogs.contact import ContactDialog
from ui.main_window import MainWindow
from ui.views.dossier.person_tab import PersonTab
from ui.views.dossier.timeline_tab import TimelineTab
from ui.views.dossier.view import DossierView
from ui.workspace import Workspace


def _window(qtbot: QtBot, team: Team, ctx: object) -> MainWindow:
    window = MainWindow(Workspace(team.opened(ctx)))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    return window


def _open(window: MainWindow, detail: DossierDetail) -> DossierView:
    view = window.open_dossier(detail.id)
    assert view is not None
    return view


def _person(view: DossierView) -> PersonTab:
    tab = view.show_tab("person")
    assert isinstance(tab, PersonTab)
    return tab


def _timeline(qtbot: QtBot, view: DossierView) -> TimelineTab:
    tab = view.show_tab("timeline")
    assert isinstance(tab, TimelineTab)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=10_000)
    return tab


def test_the_window_shows_title_navigation_and_user(team: Team, qtbot: QtBot) -> None:
    window = _window(qtbot, team, team.counsellor)
    assert window.windowTitle() == "Helder — Gemeente Dijkwaard"
    assert window.navigation.item(0).text() == "Dossiers"
    assert window.navigation.accessibleName() == "Navigatie"
    assert "Fatima El Amrani (Consulent)" in window.user_label.text()
    window.set_badge("dossiers", 3)
    assert window.navigation.item(0).text() == "Dossiers (3)"
    window.set_badge("dossiers", 0)
    assert window.navigation.item(0).text() == "Dossiers"


class AdminPage(QWidget):
    """A stand-in for a page only beheerders see."""

    def __init__(self, _workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)


@pytest.fixture(autouse=True)
def _only_foundation_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Test the window with the foundation's own pages and tabs (others test theirs)."""
    monkeypatch.setattr(registry, "PAGES", [p for p in registry.PAGES if p.key == "dossiers"])
    monkeypatch.setattr(
        registry, "DOSSIER_TABS", [t for t in registry.DOSSIER_TABS if t.key in {"person", "timeline"}]
    )
    monkeypatch.setattr(registry, "HEADER_WIDGETS", [])
    monkeypatch.setattr(workflow, "TIMELINE_SOURCES", [])
    # Closing a window with unsaved changes asks first; nothing may block when a test ends.
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)


def test_a_beheerder_sees_no_dossiers_but_the_first_page_for_the_role(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a Beheer page only beheerders see
    spec = registry.PageSpec(
        "beheer", "Beheer", "tests.gui.test_dossier_view:AdminPage", lambda user: user.is_admin
    )
    monkeypatch.setattr(registry, "PAGES", [*registry.PAGES, spec])
    # WHEN the beheerder logs in
    window = _window(qtbot, team, team.admin)
    # THEN there is no Dossiers page and the Beheer page is shown
    assert window.page_keys() == ["beheer"]
    assert window.current_page_key() == "beheer"
    assert isinstance(window.page("beheer"), AdminPage)
    assert not window.new_dossier_action.isEnabled()
    with pytest.raises(KeyError):
        window.page("dossiers")


def test_opening_a_dossier_shows_its_header_and_tabs(team: Team, qtbot: QtBot) -> None:
    # GIVEN a dossier of a client who prefers not to read
    detail = make_dossier(team.counsellor, reading_difficulty=True)
    window = _window(qtbot, team, team.counsellor)
    # WHEN it is opened through the workspace signal (as the list does)
    window._workspace.signals.open_dossier.emit(detail.id)
    # THEN its tab shows name, number, phase and counsellor, and both tabs
    view = window.current_dossier()
    assert view is not None and view.dossier_id == detail.id
    assert view.name_label.text() == "Sanne Willems"
    assert detail.number in view.number_label.text()
    assert "Aanmelding" in view.phase_label.text()
    assert "Fatima El Amrani" in view.counsellor_label.text()
    assert not view.reading_badge.isHidden()
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == ["Persoon && huishouden", "Tijdlijn"]
    assert window.dossier_tabs is not None
    assert (
        window.dossier_tabs.tabText(window.dossier_tabs.currentIndex()) == f"Sanne Willems ({detail.number})"
    )
    # WHEN opened again it is not opened twice; Ctrl+W closes it
    assert window.open_dossier(detail.id) is view
    assert len(window.open_dossiers()) == 1
    press(window.windowHandle(), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.open_dossiers() == []


def test_several_dossiers_can_be_open(team: Team, qtbot: QtBot) -> None:
    first = make_dossier(team.counsellor, bsn="111222333", surname="Willems")
    second = make_dossier(team.counsellor, bsn="123456782", surname="Jansen")
    window = _window(qtbot, team, team.counsellor)
    _open(window, first)
    _open(window, second)
    assert [v.dossier_id for v in window.open_dossiers()] == [first.id, second.id]
    assert window.close_dossier(first.id)
    assert [v.dossier_id for v in window.open_dossiers()] == [second.id]


def test_editing_the_person_saves_with_the_version(team: Team, qtbot: QtBot) -> None:
    # GIVEN an open dossier
    detail = make_dossier(team.counsellor)
    window = _window(qtbot, team, team.counsellor)
    view = _open(window, detail)
    tab = _person(view)
    assert tab.form.bsn.text() == "111222333"
    assert not tab.save_button.isEnabled()
    # WHEN the phone number is changed and saved
    tab.form.phone.selectAll()
    keys(tab.form.phone, "0687654321")
    assert tab.dirty and tab.save_button.isEnabled()
    click(tab.save_button)
    # THEN it is stored and the form is clean again
    assert tab.status.text() == "Opgeslagen."
    assert not tab.dirty
    assert get_dossier(team.counsellor, detail.id).client.phone == "0687654321"


def test_a_bad_change_shows_the_message_and_saves_nothing(team: Team, qtbot: QtBot) -> None:
    detail = make_dossier(team.counsellor)
    view = _open(_window(qtbot, team, team.counsellor), detail)
    tab = _person(view)
    tab.form.iban.selectAll()
    keys(tab.form.iban, "NL00 BANK 1234")
    assert not tab.save()
    assert tab.form.errors.messages()["iban"].startswith("Dit IBAN klopt niet")
    assert get_dossier(team.counsellor, detail.id).client.iban == "NL91ABNA0417164300"


def test_a_colleague_saving_first_gives_a_calm_message_and_reloads(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN an open dossier that a colleague (the team lead) changes meanwhile
    detail = make_dossier(team.counsellor)
    view = _open(_window(qtbot, team, team.counsellor), detail)
    tab = _person(view)
    update_dossier(team.lead, detail.id, detail.version, client_form(city="Hoorn"), dossier_form())
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    # WHEN the counsellor saves her own change
    tab.form.phone.selectAll()
    keys(tab.form.phone, "0687654321")
    assert not tab.save()
    # THEN she is told calmly and sees the colleague's data
    assert "Iemand anders heeft dit dossier net gewijzigd" in shown[0]
    assert tab.form.city.text() == "Hoorn"
    assert tab.form.phone.text() == "0612345678"
    assert not tab.dirty


def test_the_timeline_lists_events_and_adds_a_contact(
    team: Team, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    # GIVEN an open dossier's timeline
    detail = make_dossier(team.counsellor)
    view = _open(_window(qtbot, team, team.counsellor), detail)
    tab = _timeline(qtbot, view)
    check_model(qtmodeltester, tab.model)
    assert tab.model.entry(0).title == "Fase: Aanmelding"
    # WHEN a contact is added through the dialog
    dialog = tab.add_contact()
    assert isinstance(dialog, ContactDialog)
    dialog.channel.setCurrentIndex(dialog.channel.findData("visit"))
    keys(dialog.summary, "Huisbezoek: post samen geopend.")
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        click(dialog.save_button)
    # THEN it is on top of the timeline
    assert tab.model.rowCount() == 2
    assert tab.model.entry(0).detail == "Huisbezoek: post samen geopend."
    # WHEN only contacts are shown
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.kind_filter.setCurrentIndex(tab.kind_filter.findData("contact"))
    assert [tab.model.entry(r).kind for r in range(tab.model.rowCount())] == ["contact"]
    check_model(qtmodeltester, tab.model)


def test_an_empty_contact_summary_is_refused(team: Team, qtbot: QtBot) -> None:
    detail = make_dossier(team.counsellor)
    view = _open(_window(qtbot, team, team.counsellor), detail)
    dialog = _timeline(qtbot, view).add_contact()
    dialog.accept()
    assert dialog.errors.messages() == {"summary": "Schrijf kort op waar het contact over ging."}
    assert [e.kind for e in timeline(team.counsellor, detail.id)] == ["phase"]


def test_a_dossier_outside_the_caseload_needs_a_reason_and_is_read_only(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a colleague's dossier
    detail = make_dossier(team.colleague)
    window = _window(qtbot, team, team.counsellor)
    asked: list[str] = []

    def answer(_parent: QWidget, _title: str, label: str, *_args: object) -> tuple[str, bool]:
        asked.append(label)
        return "Vervanging tijdens verlof", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    # WHEN opening it
    view = _open(window, detail)
    # THEN a reason was asked, and the data can be read but not changed
    assert "Geef een reden" in asked[0]
    assert view.reason == "Vervanging tijdens verlof"
    assert view.caseload_badge.text() == "Niet uw caseload: alleen lezen"
    tab = _person(view)
    assert tab.form.bsn.isReadOnly()
    assert tab.save_button.isHidden()


def test_cancelling_the_reason_opens_nothing(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    detail = make_dossier(team.colleague)
    window = _window(qtbot, team, team.counsellor)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a: ("", False))
    assert window.open_dossier(detail.id) is None
    assert window.open_dossiers() == []


def test_closing_with_unsaved_changes_asks_first(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    detail = make_dossier(team.counsellor)
    window = _window(qtbot, team, team.counsellor)
    tab = _person(_open(window, detail))
    keys(tab.form.city, " Noord")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Cancel)
    assert not window.close_dossier()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Save)
    assert window.close_dossier()
    assert get_dossier(team.counsellor, detail.id).client.city == "Dijkwaard Noord"
