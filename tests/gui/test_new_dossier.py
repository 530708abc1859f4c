"""The new-dossier dialog: a valid form creates the dossier; bad input is shown and saves nothing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.dossier_views import SearchCriteria
from app.services.dossiers import count_dossiers, search_dossiers
from tests.factories import Team
from tests.gui.helpers import click, keys, press, type_text, wait_loaded
from ui.dialogs.new_dossier import NewDossierDialog
from ui.main_window import MainWindow
from ui.views.dossier_list import DossierListPage
from ui.workspace import Workspace


def _dialog(qtbot: QtBot, workspace: Workspace) -> NewDossierDialog:
    dialog = NewDossierDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill_valid(qtbot: QtBot, dialog: NewDossierDialog) -> None:
    form = dialog.form
    keys(form.bsn, "123456782")
    keys(form.initials, "Z.")
    type_text(form.first_names, "Zoë")
    keys(form.prefix, "van")
    type_text(form.surname, "Daële")
    keys(form.birth_date, "14-05-1990")
    keys(form.street, "Rietgors")
    keys(form.house_number, "14")
    keys(form.postcode, "1697ab")
    keys(form.city, "Dijkwaard")
    keys(form.iban, "NL91 ABNA 0417 1643 00")
    type_text(form.help_question, "Ik wil rust in mijn hoofd en overzicht in mijn post.")


def test_a_valid_form_creates_the_dossier_and_asks_to_open_it(team: Team, qtbot: QtBot) -> None:
    # GIVEN the dialog filled with a client (accents typed as key presses)
    workspace = Workspace(team.opened(team.counsellor))
    dialog = _dialog(qtbot, workspace)
    _fill_valid(qtbot, dialog)
    dialog.form.reading_difficulty.setChecked(True)
    dialog.form.life_domains["housing"].setChecked(True)
    # WHEN saving
    with qtbot.waitSignals([workspace.signals.dossiers_changed, workspace.signals.open_dossier]) as _:
        click(dialog.save_button)
    # THEN the dossier exists with what was typed, and the window is asked to open it
    assert dialog.result() == NewDossierDialog.DialogCode.Accepted
    detail = dialog.detail
    assert detail is not None
    assert detail.client.display_name == "Zoë van Daële"
    assert detail.client.postcode == "1697 AB"
    assert detail.client.birth_date == date(1990, 5, 14)
    assert detail.client.reading_difficulty
    assert detail.life_domains == ("housing",)
    assert count_dossiers(team.counsellor, SearchCriteria()) == 1


def test_an_invalid_bsn_gives_the_message_and_saves_nothing(team: Team, qtbot: QtBot) -> None:
    # GIVEN a complete form with a BSN that fails the elfproef
    dialog = _dialog(qtbot, Workspace(team.opened(team.counsellor)))
    _fill_valid(qtbot, dialog)
    dialog.form.bsn.clear()
    keys(dialog.form.bsn, "123456789")
    # WHEN saving
    click(dialog.save_button)
    # THEN the dialog stays open with the Dutch message under the BSN, focused there, and nothing is saved
    assert dialog.isVisible()
    label = dialog.form.errors.label("bsn")
    assert label is not None and label.isVisible()
    assert label.text() == "Dit BSN klopt niet (elfproef). Controleer de cijfers."
    assert dialog.form.bsn.accessibleDescription() == label.text()
    assert dialog.focusWidget() is dialog.form.bsn
    assert "niets opgeslagen" in dialog.summary.text()
    assert count_dossiers(team.counsellor, SearchCriteria()) == 0
    # WHEN the BSN is corrected, the message goes away as soon as it is edited, and saving works
    dialog.form.bsn.selectAll()
    keys(dialog.form.bsn, "123456782")
    assert not label.isVisible()
    click(dialog.save_button)
    assert count_dossiers(team.counsellor, SearchCriteria()) == 1


def test_every_bad_field_gets_its_own_message(team: Team, qtbot: QtBot) -> None:
    # GIVEN an empty form with some wrong entries
    dialog = _dialog(qtbot, Workspace(team.opened(team.counsellor)))
    keys(dialog.form.birth_date, "31-02-1990")
    keys(dialog.form.postcode, "12AB")
    keys(dialog.form.email, "sanne@")
    dialog.form.marital_status.setCurrentIndex(dialog.form.marital_status.findData("married"))
    # WHEN saving
    dialog.accept()
    # THEN each problem is shown next to its field
    shown = dialog.form.errors.messages()
    assert shown["bsn"] == "Vul het BSN in."
    assert shown["surname"] == "Vul de achternaam in."
    assert shown["birth_date"] == "Deze datum bestaat niet. Controleer dag en maand."
    assert shown["postcode"] == "Vul een postcode in zoals 1234 AB."
    assert shown["email"].startswith("Vul een e-mailadres in")
    assert shown["marital_regime"].startswith("Kies het huwelijksregime")
    assert count_dossiers(team.counsellor, SearchCriteria()) == 0


def test_household_problems_land_on_the_right_row(team: Team, qtbot: QtBot) -> None:
    # GIVEN a valid client with a partner and two children, the second child born in the future
    dialog = _dialog(qtbot, Workspace(team.opened(team.counsellor)))
    _fill_valid(qtbot, dialog)
    household = dialog.form.household
    partner_box, first, _prefix, surname, birth, _bsn = household.partner_fields()
    partner_box.setChecked(True)
    keys(first, "Daan")
    keys(surname, "Daele")
    keys(birth, "01-01-1989")
    for name, born in (("Mila", "03-04-2015"), ("Finn", "01-01-2099")):
        household.add_row()
        _kind, child_first, _p, _s, child_birth = household.row_fields(household.row_count - 1)
        keys(child_first, name)
        keys(child_birth, born)
    # WHEN saving
    dialog.accept()
    # THEN the message sits at the second child (partner is member 0, so the child is member 2)
    assert dialog.form.errors.messages() == {
        "household.2.birth_date": "De geboortedatum ligt in de toekomst."
    }
    assert count_dossiers(team.counsellor, SearchCriteria()) == 0
    # WHEN that child is removed, the rest is saved with the household
    household.remove_row(1)
    dialog.accept()
    assert dialog.detail is not None
    assert [(m.kind, m.first_names) for m in dialog.detail.household] == [
        ("partner", "Daan"),
        ("child", "Mila"),
    ]


def test_create_find_by_typing_and_open(team: Team, qtbot: QtBot) -> None:
    # GIVEN the main window of a counsellor
    workspace = Workspace(team.opened(team.counsellor))
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    page = window.page("dossiers")
    assert isinstance(page, DossierListPage)
    wait_loaded(qtbot, page.model)
    # WHEN creating a dossier with Ctrl+N's dialog
    dialog = window.new_dossier()
    assert isinstance(dialog, NewDossierDialog)
    _fill_valid(qtbot, dialog)
    click(dialog.save_button)
    # THEN it opens in its own tab
    view = window.current_dossier()
    assert view is not None and view.detail.client.surname == "Daële"
    number = view.detail.number
    window.close_dossier()
    # WHEN typing (part of) the name in the search box
    window.focus_search()
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        type_text(page.search_edit, "daël")
    # THEN the list shows it, and Enter opens it
    assert page.model.rowCount() == 1
    assert page.model.row_data(0).number == number
    press(page.search_edit, Qt.Key.Key_Return)
    press(page.table, Qt.Key.Key_Return)
    view = window.current_dossier()
    assert view is not None and number in view.number_label.text()
    assert [r.number for r in search_dossiers(team.counsellor, SearchCriteria(text="daele"))] == [number]


@pytest.mark.parametrize(
    "typed, expected", [("14-5-1990", "14-05-1990"), ("14051990", "14-05-1990"), ("14/05/90", "14-05-1990")]
)
def test_dates_are_typed_the_dutch_way(qtbot: QtBot, typed: str, expected: str) -> None:
    from ui.widgets.date_edit import DateEdit

    edit = DateEdit()
    qtbot.addWidget(edit)
    keys(edit, typed)
    edit.editingFinished.emit()
    assert edit.text() == expected
    assert edit.value == date(1990, 5, 14)
    assert edit.error() is None


def test_amounts_and_dates_read_the_dutch_way() -> None:
    from ui.format import DateTextError, format_count, format_date, format_money, parse_date

    assert format_money(123456) == "€\u00a01.234,56"
    assert format_date(date(2026, 11, 30)) == "30-11-2026"
    assert format_count(12345, "dossier", "dossiers") == "12.345 dossiers"
    assert parse_date("01-02-64", today=date(2026, 1, 1)) == date(1964, 2, 1)
    assert parse_date("01-02-26", today=date(2026, 1, 1)) == date(2026, 2, 1)
    with pytest.raises(DateTextError, match=r"Vul een datum in zoals 30-11-2026\."):
        parse_date("morgen")
