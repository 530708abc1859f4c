"""GUI: enter debts by keyboard in the Schulden tab and watch the running totals; dialog and post."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.services import creditors, debts
from app.services.debt_views import CreditorForm
from tests.factories import Team, make_dossier
from tests.gui.helpers import type_text
from ui.dialogs.creditor import CreditorDialog
from ui.dialogs.debt import DebtDialog
from ui.views.dossier.debt_table import COL_POST
from ui.views.dossier.debts_tab import DebtsTab
from ui.workspace import Workspace

#: The creditor field's completer pops up a list; the offscreen platform cannot raise it or grab
#: the keyboard for it and says so. Harmless here (a real screen does both), so ignored — next to
#: the size-hints message that tests/gui/conftest.py ignores for every GUI test.
pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))$"
)


def _tab(qtbot: QtBot, team: Team) -> tuple[DebtsTab, uuid.UUID]:
    dossier = make_dossier(team.counsellor)
    for name, kind in (("Telefonie Plus", "telecom"), ("CJIB", "cjib"), ("Kustzorg", "health_insurer")):
        creditors.create_creditor(team.counsellor, CreditorForm(name=name, kind=kind))
    tab = DebtsTab(Workspace(team.opened(team.counsellor)), dossier.id)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)  # focus (and select-all on entering a field) needs it
    return tab, dossier.id


def _enter(tab: DebtsTab, creditor: str, description: str, amount: str) -> None:
    """Type one debt in the entry row, moving with Tab, and press Enter in the amount field."""
    line = tab.entry_creditor.lineEdit()
    assert line is not None
    tab.entry_creditor.setFocus()
    type_text(line, creditor)
    type_text(tab.entry_description, description)
    type_text(tab.entry_amount, amount)
    QTest.keyClick(tab.entry_amount, Qt.Key.Key_Return)


def test_enter_debts_by_keyboard_with_running_totals(qtbot: QtBot, team: Team) -> None:
    tab, dossier_id = _tab(qtbot, team)
    assert "Totaal nu: € 0,00" in tab.totals.text().replace("\xa0", " ")
    # WHEN two debts are typed in the entry row
    _enter(tab, "Telefonie Plus", "Telefoonabonnement", "640")
    # THEN the first is in the table and the total follows
    assert tab.model.rowCount() == 1
    assert "Totaal nu: € 640,00" in tab.totals.text().replace("\xa0", " ")
    # AND the row is empty again with the cursor back at the creditor
    assert tab.entry_amount.text() == "" and tab.entry_creditor.currentText() == ""
    _enter(tab, "cjib", "Verkeersboetes", "410,00")
    assert tab.model.rowCount() == 2
    text = tab.totals.text().replace("\xa0", " ")
    assert "Totaal nu: € 1.050,00" in text and "2 schulden" in text
    assert "Publiek € 410,00" in tab.totals_by_kind.text().replace("\xa0", " ")
    saved = debts.debt_overview(team.counsellor, dossier_id)
    assert sorted((d.creditor_name, d.form.reported_cents) for d in saved.debts) == [
        ("CJIB", 41000),
        ("Telefonie Plus", 64000),
    ]


def test_nonsense_amount_is_refused_in_the_entry_row(qtbot: QtBot, team: Team) -> None:
    tab, dossier_id = _tab(qtbot, team)
    _enter(tab, "Kustzorg", "Premie", "veel")
    assert tab.model.rowCount() == 0
    assert tab.entry_amount.error_label.isVisible()
    assert "1.234,56" in tab.entry_amount.error_label.text()
    assert debts.debt_overview(team.counsellor, dossier_id).debts == ()


def test_unknown_creditor_can_be_made_on_the_spot(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab, _dossier_id = _tab(qtbot, team)
    made: list[str] = []

    def exec_creditor(dialog: CreditorDialog) -> int:
        made.append(dialog.name.text())
        dialog.kind.setCurrentIndex(dialog.kind.findData("energy"))
        dialog.accept()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(CreditorDialog, "exec", exec_creditor)
    _enter(tab, "Polder Energie", "Achterstand gas", "740")
    assert made == ["Polder Energie"]
    assert tab.model.rowCount() == 1
    debt = tab.model.record(0)
    assert debt.creditor_kind == "energy" and debt.priority  # a vaste last: priority by default


def test_details_dialog_post_colour_and_print(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tab, dossier_id = _tab(qtbot, team)
    _enter(tab, "Kustzorg", "Premie zorgverzekering", "1.150")
    tab.table.selectRow(0)
    # WHEN the counsellor opens the row (Enter) and records the confirmed balance and the threat
    seen: list[DebtDialog] = []

    def exec_debt(dialog: DebtDialog) -> int:
        seen.append(dialog)
        dialog.show()  # what exec() does first; Enter reaches the default button only when shown
        type_text(dialog.confirmed, "1.100,00")
        dialog.threat.setCurrentIndex(dialog.threat.findData("health_insurance"))
        QTest.keyClick(dialog.confirmed, Qt.Key.Key_Return)  # Enter saves the dialog
        return int(dialog.result())

    monkeypatch.setattr(DebtDialog, "exec", exec_debt)
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    assert len(seen) == 1 and seen[0].result_view is not None
    debt = tab.model.record(0)
    assert (debt.current_cents, debt.priority, debt.threat_label) == (
        110000,
        True,
        "Opzegging of ontbinding van de zorgverzekering",
    )
    assert "Totaal nu: € 1.100,00" in tab.totals.text().replace("\xa0", " ")
    # AND the post status shows as its colour
    tab.table.selectRow(0)
    tab.post.setCurrentIndex(tab.post.findData("letter_sent"))
    tab.post.activated.emit(tab.post.currentIndex())
    index = tab.model.index(0, COL_POST)
    assert tab.model.data(index) == "Brief verstuurd"
    assert tab.model.data(index, Qt.ItemDataRole.BackgroundRole) == QColor("#BFDBFE")
    # AND the overview is saved as a PDF
    target = tmp_path / "overzicht.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a, **_k: pytest.fail("no warning expected"))
    assert tab.print_overview() == target
    assert target.read_bytes().startswith(b"%PDF")
    assert len(debts.debt_overview(team.counsellor, dossier_id).debts) == 1
