"""GUI: Beheer → Normen. A period entered through the page changes a dossier's indication."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services import budgets, norms
from app.services.budget_views import BudgetLineForm
from tests.factories import Team, make_dossier
from tests.gui.helpers import type_text
from ui.dialogs.norm_period import NormPeriodDialog
from ui.views.dossier.budget_corrections import CorrectionsDialog
from ui.views.dossier.budget_tab import BudgetTab
from ui.views.norms_page import NormsPage
from ui.workspace import Workspace


def _page(qtbot: QtBot, team: Team, who: str = "admin") -> NormsPage:
    page = NormsPage(Workspace(team.opened(getattr(team, who))))
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(lambda: bool(page.tables), timeout=10_000)
    return page


def _fill_and_accept(fill: Callable[[NormPeriodDialog], None]) -> Callable[[NormPeriodDialog], int]:
    def fake_exec(self: NormPeriodDialog) -> int:
        fill(self)
        self.accept()
        return int(self.result())

    return fake_exec


def _type(edit: object, text: str) -> None:
    edit.clear()  # type: ignore[attr-defined]
    type_text(edit, text)  # type: ignore[arg-type]


def test_enter_the_norms_of_1_january_and_the_budget_tab_follows(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    # GIVEN Sanne's budget version of 1 March 2026, when Helder knows no norm
    dossier = make_dossier(team.counsellor)
    plan = budgets.create_plan(team.counsellor, dossier.id, date(2026, 3, 1))
    budgets.add_line(team.counsellor, plan.id, BudgetLineForm("income", "wages", 200000))
    budgets.add_line(team.counsellor, plan.id, BudgetLineForm("income", "zorgtoeslag", 12300))
    page = _page(qtbot, team)
    assert "ontbreekt vanaf 01-01-2026" in page.table_list.item(0).text()
    assert page.missing.isVisibleTo(page) and "ontbreekt" in page.missing.text()
    qtmodeltester.check(page.model)

    # WHEN the beheerder adds "bijstandsnormen per 1 januari 2026" through the dialog
    def fill(dialog: NormPeriodDialog) -> None:
        _type(dialog.valid_from, "01-01-2026")
        _type(dialog.valid_until, "30-06-2026")
        for key, text in (
            ("single", "1.390,00"),
            ("couple", "1.986,00"),
            ("single_aow", "1.554,00"),
            ("couple_aow", "2.127,00"),
        ):
            _type(dialog.amounts[key], text)
        type_text(dialog.source, "Stcrt. 2025, 40123")

    monkeypatch.setattr(NormPeriodDialog, "exec", _fill_and_accept(fill))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.tables[0].periods[0].valid_from == date(2026, 1, 1), timeout=10_000)
    assert page.model.index(0, 2).data() == "€\xa01.390,00"
    # and the maxima of 2026 (needed too), with the first missing maximum now shown
    maxima = {"single": 214000, "single_children": 231700, "couple": 283000, "couple_children": 295100}
    norms.add_period(
        team.admin, norms.PeriodForm("bvv_maxima", date(2026, 1, 1), date(2026, 12, 31), maxima, "Stcrt.")
    )

    # THEN the counsellor's budget tab shows the indication with its components: 95 % × 1.390,00
    tab = BudgetTab(Workspace(team.opened(team.counsellor)), dossier.id)
    qtbot.addWidget(tab)
    tab.reload(plan.id)
    assert tab.summary.indication.text() == "€\xa01.320,50"
    assert "Rv art. 475da lid 1" in tab.summary.components.text()
    assert not tab.summary.no_norm.isVisibleTo(tab)


def test_dialog_shows_errors_next_to_fields_and_saves_nothing(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, team)
    dialog = NormPeriodDialog(page._workspace, page.tables[0], None, page)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(dialog.valid_from, "01-12-2025")  # overlaps the shipped period of 1 July 2025
    for key in dialog.amounts:
        _type(dialog.amounts[key], "1.400,00")  # type: ignore[arg-type]
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.errors.label("source").isHidden()  # type: ignore[union-attr]
    assert "Staatscourant" in dialog.errors.label("source").text()  # type: ignore[union-attr]
    type_text(dialog.source, "Stcrt.")
    dialog.accept()
    assert "overlapt" in dialog.errors.label("valid_from").text()  # type: ignore[union-attr]
    assert norms.export_data(team.admin)["tables"] == []
    # a 10 % jump asks first; "No" saves nothing
    _type(dialog.valid_from, "01-01-2026")
    for key in dialog.amounts:
        _type(dialog.amounts[key], "9.000,00")  # type: ignore[arg-type]
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text: asked.append(text) or QMessageBox.StandardButton.No
    )
    dialog.accept()
    assert asked and "Klopt dit bedrag?" in asked[0]
    assert norms.export_data(team.admin)["tables"] == []


def test_teamleider_reads_only_and_import_from_a_file(qtbot: QtBot, team: Team, tmp_path: Path) -> None:
    lead_page = _page(qtbot, team, "lead")
    assert not lead_page.add_button.isVisibleTo(lead_page)
    page = _page(qtbot, team)
    exchange = tmp_path / "buurgemeente.json"
    amounts = {"single": 139000, "couple": 198600, "single_aow": 155400, "couple_aow": 212700}
    exchange.write_text(
        json.dumps(
            {
                "format": "helder-normen",
                "version": 1,
                "tables": [
                    {
                        "table": "bijstandsnormen",
                        "periods": [
                            {
                                "valid_from": "2026-01-01",
                                "valid_until": "2026-06-30",
                                "source": "Stcrt.",
                                "amounts": amounts,
                            }
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    assert page.import_from(exchange)
    assert "1 perioden ingelezen" in page.status.text()
    qtbot.waitUntil(lambda: page.tables[0].periods[0].valid_from == date(2026, 1, 1), timeout=10_000)
    bad = tmp_path / "kapot.json"
    bad.write_text('{"format": "iets anders"}', encoding="utf-8")
    assert not page.import_from(bad)
    assert page.status.text().startswith("Niets ingelezen.")


def test_corrections_from_the_statement_through_the_budget_tab(qtbot: QtBot, team: Team) -> None:
    # GIVEN a version on 1 September 2025 without zorgtoeslag: the correction is named as missing
    dossier = make_dossier(team.counsellor)
    plan = budgets.create_plan(team.counsellor, dossier.id, date(2025, 9, 1))
    budgets.add_line(team.counsellor, plan.id, BudgetLineForm("income", "wages", 200000))
    tab = BudgetTab(Workspace(team.opened(team.counsellor)), dossier.id)
    qtbot.addWidget(tab)
    tab.reload(plan.id)
    assert "Zonder zorgtoeslagcorrectie" in tab.summary.no_norm.text()
    # WHEN the counsellor enters 123,00 from the deurwaarder's letter in the dialog
    dialog = CorrectionsDialog(tab.plan.form, tab)  # type: ignore[union-attr]
    qtbot.addWidget(dialog)
    type_text(dialog.edits["zorgtoeslag"], "123,00")
    type_text(dialog.source, "Brief deurwaarder")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    tab.apply_corrections(dialog.components(), dialog.source.text())
    # THEN 1.300,61 + 123,00 = 1.423,61, the component marked as from the statement
    assert tab.summary.indication.text() == "€\xa01.423,61"
    assert "uit de opgave" in tab.summary.components.text()
    assert "Zonder zorgtoeslagcorrectie" not in tab.summary.no_norm.text()
