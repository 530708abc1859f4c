"""The *Brieven* tab: create, preview, finalise and print a letter; the klantkaart in two clicks."""

from __future__ import annotations

import os
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.audit import AuditEntry
from app.services import letterhead
from app.services.context import today_local
from app.services.dossiers import get_dossier
from tests.factories import Team, make_dossier
from tests.gui.helpers import type_text
from tests.integration.test_letters import LETTERHEAD
from ui.dialogs.batch_print import BatchPrintDialog
from ui.dialogs.letter_form import LetterFormDialog
from ui.dialogs.letter_preview import LetterPreviewDialog
from ui.views.dossier.letters_tab import LettersTab
from ui.views.dossier.view import DossierView
from ui.views.letterhead_page import LetterheadPage
from ui.widgets.date_edit import DateEdit
from ui.workspace import Workspace

SHOTS = os.environ.get("HELDER_SCREENSHOTS", "")


def _shot(qtbot: QtBot, widget: Any, name: str) -> None:
    """Save a picture of ``widget`` when HELDER_SCREENSHOTS names a folder (to look at by hand)."""
    if SHOTS:
        qtbot.wait(1500)  # QPdfView renders its pages asynchronously
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def printed_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every print dialog is accepted and prints to this PDF file."""
    target = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFileName(str(target))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return target


def _view(qtbot: QtBot, team: Team) -> tuple[DossierView, LettersTab, uuid.UUID]:
    letterhead.update_letterhead(team.admin, LETTERHEAD)
    dossier = make_dossier(team.counsellor)
    workspace = Workspace(team.opened(team.counsellor))
    view = DossierView(workspace, get_dossier(workspace.ctx, dossier.id))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    tab = view.show_tab("letters")
    assert isinstance(tab, LettersTab)
    qtbot.waitUntil(lambda: not tab.busy, timeout=10_000)
    return view, tab, dossier.id


def _audit(team: Team, action: str) -> list[str]:
    with team.db.read() as session:
        return list(
            session.execute(select(AuditEntry.object_type).where(AuditEntry.action == action)).scalars()
        )


def _new_invitation(qtbot: QtBot, tab: LettersTab) -> LetterFormDialog:
    dialog = tab.new_letter("uitnodiging")
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    return dialog


def test_create_preview_finalise_and_print_a_letter(
    qtbot: QtBot, team: Team, printed_file: Path, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    view, tab, _dossier = _view(qtbot, team)
    # GIVEN the form for a new invitation, generated from the template's fields
    dialog = _new_invitation(qtbot, tab)
    place = dialog.widget("meeting_place")
    meeting = dialog.widget("meeting_date")
    assert isinstance(place, QLineEdit) and isinstance(meeting, DateEdit)
    assert dialog.recipient_name.text() == "S. Willems"
    _shot(qtbot, dialog, "letter-form")
    # WHEN it is saved without a meeting date and place, THEN the problems show inline and nothing is saved
    dialog.accept()
    assert {"meeting_date", "meeting_place"} <= set(dialog.errors.messages())
    assert dialog.isVisible() and tab.model.rowCount() == 0
    # WHEN the counsellor fills them in and saves
    meeting.set_value(today_local() + timedelta(days=7))
    type_text(place, "Gemeentehuis, kamer 2")
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        dialog.accept()
    # THEN the tab lists one concept, selected
    assert tab.model.rowCount() == 1 and tab.selected() is not None
    qtmodeltester.check(tab.model)
    letter = tab.selected()
    assert letter is not None and letter.status == "concept"
    assert tab.finalise_button.isEnabled() and not tab.correct_button.isEnabled()
    # WHEN it is previewed
    with qtbot.waitSignal(tab.preview_opened, timeout=10_000) as opened:
        tab.preview_button.click()
    preview = opened.args[0]
    assert isinstance(preview, LetterPreviewDialog)
    assert preview.page_count >= 1 and "Concept" in preview.intro.text()
    _shot(qtbot, view, "letters-tab")
    _shot(qtbot, preview, "letter-preview")
    preview.close()
    # WHEN it is made final (confirmed)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(tab.finalised, timeout=10_000), qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.finalise_button.click()
    final = tab.selected()
    assert final is not None and final.is_final and final.sha256
    assert not tab.finalise_button.isEnabled() and tab.correct_button.isEnabled()
    # WHEN it is printed through the print dialog
    with qtbot.waitSignal(tab.printed, timeout=10_000):
        tab.print_button.click()
    # THEN the printer got the pages and the print is in the audit log
    assert printed_file.exists() and printed_file.stat().st_size > 10_000
    assert printed_file.read_bytes().startswith(b"%PDF")
    assert _audit(team, "print") == ["letter"]


def test_the_klantkaart_prints_in_two_clicks(qtbot: QtBot, team: Team, printed_file: Path) -> None:
    _, tab, _ = _view(qtbot, team)
    # click 1: the card's preview opens
    with qtbot.waitSignal(tab.preview_opened, timeout=10_000) as opened:
        tab.card_button.click()
    preview = opened.args[0]
    assert isinstance(preview, LetterPreviewDialog) and preview.page_count == 1
    _shot(qtbot, preview, "klantkaart-preview")
    # click 2: print
    with qtbot.waitSignal(tab.printed, timeout=10_000):
        preview.print_button.click()
    assert printed_file.stat().st_size > 10_000
    assert _audit(team, "print") == ["card"]


def test_a_gelukt_card_asks_what_was_achieved(qtbot: QtBot, team: Team) -> None:
    _, tab, _ = _view(qtbot, team)
    tab.success_card()
    dialog = tab.success_dialog
    assert dialog.achievement.count() >= 3
    with qtbot.waitSignal(tab.preview_opened, timeout=10_000) as opened:
        dialog.accept()
    assert opened.args[0].page_count == 1


def test_batch_print_prints_the_ticked_letters(qtbot: QtBot, team: Team, printed_file: Path) -> None:
    from app.services import letters
    from tests.integration.test_letters import make_final

    _, tab, dossier = _view(qtbot, team)
    first, second = make_final(team, dossier, "uitnodiging"), make_final(team, dossier, "uitnodiging")
    dialog = tab.batch_print()
    assert isinstance(dialog, BatchPrintDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    _shot(qtbot, dialog, "batch-print")
    with qtbot.waitSignal(dialog.batch_done, timeout=20_000) as done:
        dialog.print_all()
    assert done.args == [2] and printed_file.stat().st_size > 10_000
    assert _audit(team, "print") == ["letter", "letter"]
    assert {first.id, second.id} == {
        x.id for x in letters.letters_for_batch(team.counsellor, None, today_local(), today_local())
    }


def test_the_letterhead_page_saves_and_previews(qtbot: QtBot, team: Team) -> None:
    page = LetterheadPage(Workspace(team.opened(team.admin)))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    page.name.clear()
    assert not page.save()
    assert "name" in page.errors.messages()
    for widget, text in ((page.name, "Gemeente Dijkwaard"), (page.phone, "0229 123 400")):
        widget.setText(text)
    page.email.setText("schuldhulp@dijkwaard.nl")
    page.address.setPlainText("Raadhuisplein 1\n1697 AA  Dijkwaard")
    page.college.setText("het college van burgemeester en wethouders van Dijkwaard")
    page.objection_address.setPlainText("Postbus 10\n1697 ZG  Dijkwaard")
    with qtbot.waitSignal(page.preview_ready, timeout=10_000):
        assert page.save()
    assert letterhead.get_letterhead(team.admin).objection_address_lines == (
        "Postbus 10",
        "1697 ZG  Dijkwaard",
    )
    _shot(qtbot, page, "letterhead-page")
