"""GUI: make a budget plan and enter its lines by keyboard; totals, verdict and voet follow."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.services import budgets
from app.services.budget_views import BudgetLineForm, PlanForm
from tests.factories import Team, make_dossier
from tests.gui.helpers import type_text
from ui.views.dossier.budget_lines import NewVersionDialog
from ui.views.dossier.budget_tab import BudgetTab
from ui.workspace import Workspace


def _tab(qtbot: QtBot, team: Team, dossier_id: uuid.UUID) -> BudgetTab:
    tab = BudgetTab(Workspace(team.opened(team.counsellor)), dossier_id)
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)  # focus (and select-all on entering a field) needs it
    return tab


def _pick(combo: QComboBox, typed: str) -> None:
    """Choose an item of a combo box by typing its first letters, as a counsellor would.

    Qt adds letters typed within the keyboard interval to one search, so wait that long first
    (a person does); skip when the item is already chosen.
    """
    if combo.currentText().casefold().startswith(typed.casefold()):
        return
    QTest.qWait(QApplication.keyboardInputInterval() + 50)
    combo.setFocus()
    QTest.keyClicks(combo, typed)
    assert combo.currentText().casefold().startswith(typed.casefold()), combo.currentText()


def _line(tab: BudgetTab, side: str, category: str, amount: str, frequency: str = "m") -> None:
    _pick(tab.side, side)
    _pick(tab.category, category)
    _pick(tab.frequency, frequency)
    type_text(tab.amount, amount)
    QTest.keyClick(tab.amount, Qt.Key.Key_Return)


def _money(text: str) -> str:
    return text.replace("\xa0", " ")


def test_enter_budget_lines_by_keyboard(qtbot: QtBot, team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    tab = _tab(qtbot, team, dossier.id)
    # GIVEN a dossier without a plan: the tab offers to make one
    assert tab.plan is None and tab.create_button.isVisible()
    QTest.keyClick(tab.create_button, Qt.Key.Key_Space)
    assert tab.plan is not None and tab.plan.lines == ()
    # WHEN income and expenses are typed, each closed with Enter
    _line(tab, "I", "Loon", "1.180")
    assert tab.summary.verdict.text() == "Stabiel"
    assert _money(tab.summary.income.text()) == "€ 1.180,00"
    _line(tab, "U", "Huur", "520")
    _line(tab, "U", "Huis", "25", "w")
    # THEN every line shows its amount per month and the totals follow
    assert [line.monthly_cents for line in tab.plan.lines] == [118000, 52000, 10833]
    assert _money(tab.summary.expenses.text()) == "€ 628,33"
    assert _money(tab.summary.surplus.text()) == "€ 551,67"
    assert tab.model.rowCount() == 3
    # AND today no norm is known, which the panel says instead of guessing
    assert "Geen norm bekend" in tab.summary.no_norm.text()
    # WHEN leefgeld is set in the version settings (Enter saves), the plan runs short
    tab.living.setFocus()  # entering the field selects the old amount, so typing replaces it
    qtbot.waitUntil(lambda: tab.living.selectedText() == "0,00")
    type_text(tab.living, "150")
    QTest.keyClick(tab.living, Qt.Key.Key_Return)
    assert tab.summary.verdict.text() == "Niet stabiel"
    assert tab.summary.surplus_label.text() == "Tekort"
    assert "tekort" in tab.summary.reasons.text()
    saved = budgets.current_plan(team.counsellor, dossier.id)
    assert saved is not None and saved.form.living_allowance_week_cents == 15000


def test_change_a_line_and_record_the_official_voet(qtbot: QtBot, team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    plan = budgets.create_plan(team.counsellor, dossier.id, date(2025, 3, 1))
    budgets.add_line(team.counsellor, plan.id, budgets_line("income", "wages", 118000))
    tab = _tab(qtbot, team, dossier.id)
    # THEN the indication from the 2025 norms is shown
    assert _money(tab.summary.indication.text()) == "€ 1.121,00"
    assert "indicatie" in tab.summary.effective.text()
    # WHEN the line is opened (Enter on the row) and the amount changed
    tab.table.selectRow(0)
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    assert tab.add_button.text() == "&Opslaan" and tab.amount.hasFocus()
    qtbot.waitUntil(lambda: tab.amount.selectedText() == "1.180,00")
    type_text(tab.amount, "1.200")
    QTest.keyClick(tab.amount, Qt.Key.Key_Return)
    assert tab.plan is not None and [line.amount_cents for line in tab.plan.lines] == [120000]
    # AND the official amount is recorded: it wins
    tab.official.setFocus()
    type_text(tab.official, "1.150")
    tab.official_on.set_value(date(2025, 3, 10))
    QTest.keyClick(tab.official, Qt.Key.Key_Return)
    assert "officieel" in tab.summary.effective.text()
    assert _money(tab.summary.capacity.text()) == "€ 50,00"


def test_new_version_and_print(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dossier = make_dossier(team.counsellor)
    plan = budgets.create_plan(team.counsellor, dossier.id, date(2026, 10, 1))
    budgets.add_line(team.counsellor, plan.id, budgets_line("income", "wages", 118000))
    budgets.update_plan(team.counsellor, plan.id, plan.version, PlanForm(date(2026, 10, 1), 6000))
    tab = _tab(qtbot, team, dossier.id)

    def exec_version(dialog: NewVersionDialog) -> int:
        dialog.valid_from.set_value(date(2026, 11, 1))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(NewVersionDialog, "exec", exec_version)
    tab.new_version_button.click()
    assert tab.plan is not None and tab.plan.valid_from == date(2026, 11, 1)
    assert tab.version.count() == 2 and "geldt nu" in tab.version.currentText()
    assert [line.amount_cents for line in tab.plan.lines] == [118000]
    # WHEN the older version is chosen it is shown as it was
    tab.version.setCurrentIndex(1)
    tab.version.activated.emit(1)
    assert tab.plan.valid_from == date(2026, 10, 1)
    target = tmp_path / "budget.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a, **_k: pytest.fail("no warning expected"))
    assert tab.print_plan() == target and target.read_bytes().startswith(b"%PDF")


def budgets_line(side: str, category: str, cents: int) -> BudgetLineForm:
    return BudgetLineForm(side, category, cents, "month")
