"""The klantprofiel questionnaire dialog: filled in by keyboard, overridden with a reason, resumed later."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QRadioButton
from pytestqt.qtbot import QtBot

from app.services import assessments
from tests.factories import Team, make_dossier
from tests.unit.klantprofiel.answers import answers_for, bundled
from ui.dialogs.assessment import AssessmentDialog
from ui.workspace import Workspace

pytestmark = pytest.mark.gui

AANPAKKER = {"skills": 4, "motivation": 4, "mental_room": 0, "anger": 0, "learnability": 3}
_KEYS = {0: Qt.Key.Key_0, 1: Qt.Key.Key_1, 2: Qt.Key.Key_2, 3: Qt.Key.Key_3, 4: Qt.Key.Key_4, 5: Qt.Key.Key_5}


def _dialog(qtbot: QtBot, team: Team, dossier_id: uuid.UUID, **kwargs: object) -> AssessmentDialog:
    workspace = Workspace(team.opened(team.counsellor))
    dialog = AssessmentDialog(workspace, dossier_id, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _focused_row(dialog: AssessmentDialog) -> str:
    """The item code of the statement whose answer button has the keyboard focus."""
    focus = QApplication.focusWidget()
    assert isinstance(focus, QRadioButton), focus
    return next(r.code for p in dialog.pages for r in p.rows if focus in r.buttons)


def _answer_page_by_keys(qtbot: QtBot, dialog: AssessmentDialog, answers: dict[str, int | None]) -> None:
    """Answer every statement of the current screen with the number keys, as a counsellor would."""
    for row in dialog.pages[dialog.index].rows:
        assert _focused_row(dialog) == row.code  # the focus moved on by itself
        value = answers[row.code]
        qtbot.keyClick(QApplication.focusWidget(), _KEYS[0 if value is None else value])


def test_complete_by_keyboard_and_override_with_a_reason(qtbot: QtBot, team: Team) -> None:
    # GIVEN the questionnaire for a client whose answers suggest de aanpakker
    dossier = make_dossier(team.counsellor)
    dialog = _dialog(qtbot, team, dossier.id, client_name="Sanne Willems")
    answers = answers_for(bundled(), **AANPAKKER)
    # WHEN every screen is answered with the number keys and 'Volgende' is pressed with Space
    for index in range(len(dialog.pages)):
        assert dialog.progress_label.text().startswith(f"Onderdeel {index + 1} van 5")
        _answer_page_by_keys(qtbot, dialog, answers)
        assert QApplication.focusWidget() is dialog.next_button
        qtbot.keyClick(dialog.next_button, Qt.Key.Key_Space)
    # THEN the last screen thanks the client and hides the outcome until the counsellor asks
    assert dialog.on_result and not dialog.result_page.is_revealed
    assert not dialog.save_button.isEnabled()
    assert dialog.answers == answers
    qtbot.keyClick(dialog.result_page.reveal_button, Qt.Key.Key_Space)
    page = dialog.result_page
    assert page.suggestion_label.text() == "Voorstel: de aanpakker"
    assert page.chosen == "aanpakker" and not page.reason_edit.isEnabled()
    # WHEN the counsellor chooses de kwetsbare and saves without a reason
    qtbot.keyClick(page.profile_combo, Qt.Key.Key_Down)
    assert page.chosen == "kwetsbare" and page.reason_edit.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # THEN an inline Dutch message asks why, and nothing is saved
    assert dialog.isVisible()
    assert page.errors.messages() == {
        "override_reason": "U kiest een ander profiel dan het voorstel. Schrijf kort op waarom."
    }
    assert QApplication.focusWidget() is page.reason_edit
    assert assessments.history(team.counsellor, dossier.id) == []
    # WHEN a reason is typed and saved
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClicks(page.reason_edit, "Net haar partner verloren; geen rust in haar hoofd.")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # THEN the suggestion and the choice are both stored, with the reason
    assert dialog.result() == QDialog.DialogCode.Accepted
    view = saved.args[0]
    stored = assessments.history(team.counsellor, dossier.id)
    assert stored == [view]
    assert (view.suggested, view.chosen) == ("aanpakker", "kwetsbare")
    assert view.override_reason == "Net haar partner verloren; geen rust in haar hoofd."
    assert assessments.load_draft(team.counsellor, dossier.id) is None


def test_interrupted_assessment_resumes_on_the_same_theme(qtbot: QtBot, team: Team) -> None:
    # GIVEN a questionnaire stopped half-way through the second screen, with one 'weet niet'
    dossier = make_dossier(team.counsellor)
    dialog = _dialog(qtbot, team, dossier.id)
    answers = answers_for(bundled(), **AANPAKKER)
    _answer_page_by_keys(qtbot, dialog, answers)
    qtbot.keyClick(dialog.next_button, Qt.Key.Key_Space)
    second = dialog.pages[1].rows
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0)
    given = dialog.answers
    assert given[second[0].code] == 2 and given[second[1].code] is None
    # WHEN the counsellor presses Esc ('Later verder')
    with qtbot.waitSignal(dialog.draft_saved):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    # THEN no assessment exists, but the draft holds the answers and the screen
    assert not dialog.isVisible()
    assert assessments.history(team.counsellor, dossier.id) == []
    draft = assessments.load_draft(team.counsellor, dossier.id)
    assert draft is not None and draft.theme_index == 1 and dict(draft.answers) == given
    # WHEN it is opened again
    resumed = _dialog(qtbot, team, dossier.id, draft=draft)
    # THEN it shows the same screen with the answers kept, the focus on the first open statement
    assert resumed.index == 1 and resumed.answers == given
    assert resumed.row(second[0].code).value() == 2
    assert resumed.row(second[1].code).is_answered() and resumed.row(second[1].code).value() is None
    assert _focused_row(resumed) == second[2].code
    assert resumed.progress_label.text() == "Onderdeel 2 van 5 · 2 van 5 zinnen beantwoord"
    # and going back shows the first screen's answers
    qtbot.mouseClick(resumed.back_button, Qt.MouseButton.LeftButton)
    first = resumed.pages[0].rows[0]
    assert resumed.index == 0 and first.value() == answers[first.code]
    # closing without changes keeps the draft as it was
    resumed.reject()
    again = assessments.load_draft(team.counsellor, dossier.id)
    assert again is not None and again.saved_at == draft.saved_at


def test_arrow_keys_move_between_answers_and_statements(qtbot: QtBot, team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    dialog = _dialog(qtbot, team, dossier.id)
    rows = dialog.pages[0].rows
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert rows[0].value() == 3
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert rows[0].value() == 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert _focused_row(dialog) == rows[1].code and not rows[1].is_answered()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_7)  # not on the scale: ignored
    assert not rows[1].is_answered() and _focused_row(dialog) == rows[1].code
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    assert _focused_row(dialog) == rows[0].code


def test_stopping_without_answers_leaves_no_draft(qtbot: QtBot, team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    dialog = _dialog(qtbot, team, dossier.id)
    qtbot.mouseClick(dialog.later_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert assessments.load_draft(team.counsellor, dossier.id) is None


def test_without_enough_answers_the_counsellor_must_choose_and_explain(qtbot: QtBot, team: Team) -> None:
    # GIVEN a questionnaire where every statement was skipped
    dossier = make_dossier(team.counsellor)
    dialog = _dialog(qtbot, team, dossier.id)
    for _ in dialog.pages:
        for _row in dialog.pages[dialog.index].rows:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0)
        qtbot.keyClick(dialog.next_button, Qt.Key.Key_Space)
    dialog.result_page.reveal()
    page = dialog.result_page
    # THEN there is no suggestion and no profile is picked for the counsellor
    assert page.suggestion_label.text().startswith("Niet genoeg antwoorden")
    assert page.chosen is None and page.profile_combo.currentIndex() == -1
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.errors.messages() == {"chosen_profile": "Kies een profiel."}
    page.profile_combo.setCurrentIndex(page.profile_combo.findData("onwetende"))
    assert page.errors.messages() == {}  # the message goes as soon as a profile is chosen
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.errors.messages() == {
        "override_reason": "Er is geen voorstel. Schrijf kort op waarom u dit profiel kiest."
    }
    qtbot.keyClicks(page.reason_edit, "Wilde liever praten dan invullen.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = assessments.history(team.counsellor, dossier.id)
    assert [(v.suggested, v.chosen) for v in stored] == [(None, "onwetende")]
