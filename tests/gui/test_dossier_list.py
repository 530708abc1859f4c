"""The dossier list: SQL-side search as you type, filters, sorting, paging, opening."""

from __future__ import annotations

import threading
import uuid

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.rules.phases import Phase
from app.services.dossier_views import SearchCriteria
from app.services.workflow import move_phase
from tests.factories import Team, make_dossier
from tests.gui.helpers import check_model, keys, press, type_text, wait_loaded
from ui.models.dossier_table import COL_NAME, COL_NUMBER, ID_ROLE, SORT_ROLE, DossierTableModel
from ui.views.dossier_list import DossierListPage
from ui.workers import Runner
from ui.workspace import Workspace


def _names(model: DossierTableModel) -> list[str]:
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


def _page(qtbot: QtBot, workspace: Workspace) -> DossierListPage:
    page = DossierListPage(workspace)
    qtbot.addWidget(page)
    page.show()
    wait_loaded(qtbot, page.model)
    return page


def test_model_passes_the_model_tester_while_paging(
    team: Team, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    # GIVEN five dossiers and a page size of two
    for bsn, surname in (
        ("111222333", "Willems"),
        ("123456782", "Jansen"),
        ("999999990", "Bakker"),
        ("100000009", "Visser"),
        ("111111110", "Smit"),
    ):
        make_dossier(team.counsellor, bsn=bsn, surname=surname)
    model = DossierTableModel(team.counsellor, page_size=2)
    # WHEN it loads and fetches every page
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.reload()
    check_model(qtmodeltester, model)
    while model.canFetchMore(model.index(-1, -1).parent()):
        with qtbot.waitSignal(model.rowsInserted, timeout=10_000):
            model.fetchMore(model.index(-1, -1).parent())
    # THEN all five arrive in number order, with the id and sort roles filled
    assert model.rowCount() == 5 == model.total
    assert isinstance(model.index(0, COL_NUMBER).data(ID_ROLE), uuid.UUID)
    numbers = [model.index(r, COL_NUMBER).data(SORT_ROLE) for r in range(5)]
    assert numbers == sorted(numbers)
    check_model(qtmodeltester, model)


def test_typing_searches_name_bsn_postcode_and_number(team: Team, qtbot: QtBot) -> None:
    # GIVEN two clients, one with an accented name
    make_dossier(team.counsellor, bsn="111222333", surname="Willems", postcode="1697 AB")
    turk = make_dossier(
        team.counsellor, bsn="123456782", surname="Öztürk", first_names="Ayşe", postcode="1698 CD"
    )
    page = _page(qtbot, Workspace(team.opened(team.counsellor)))
    assert page.model.rowCount() == 2
    # WHEN typing part of the name with its accent
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        type_text(page.search_edit, "Öztü")
    # THEN only that client remains
    assert _names(page.model) == ["Ayşe Öztürk"]
    for text in ("123456782", "1698 cd", turk.number.lower()):
        page.search_edit.clear()
        with qtbot.waitSignal(page.model.loaded, timeout=10_000):
            keys(page.search_edit, text)
        assert _names(page.model) == ["Ayşe Öztürk"], text


def test_typing_fast_queries_once_after_the_pause(team: Team, qtbot: QtBot) -> None:
    # GIVEN the list
    make_dossier(team.counsellor)
    page = _page(qtbot, Workspace(team.opened(team.counsellor)))
    started: list[SearchCriteria] = []
    original = page.model.set_criteria

    def spy(criteria: SearchCriteria) -> None:
        started.append(criteria)
        original(criteria)

    page.model.set_criteria = spy  # type: ignore[method-assign]
    # WHEN typing a whole word without pausing
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        keys(page.search_edit, "Willems")
    # THEN there was one query, for the whole word
    assert [c.text for c in started] == ["Willems"]


def test_no_match_shows_the_empty_text(team: Team, qtbot: QtBot) -> None:
    make_dossier(team.counsellor)
    page = _page(qtbot, Workspace(team.opened(team.counsellor)))
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        keys(page.search_edit, "Zzyzx")
    assert page.stack.currentWidget() is page.empty_label
    assert "Geen dossiers gevonden" in page.empty_label.text()
    assert page.count_label.text() == "0 dossiers"


def test_filters_by_phase_and_counsellor(team: Team, qtbot: QtBot) -> None:
    # GIVEN a dossier of each counsellor, one of them in intake; the team lead sees both
    mine = make_dossier(team.counsellor, bsn="111222333", surname="Willems")
    make_dossier(team.colleague, bsn="123456782", surname="Jansen")
    move_phase(team.counsellor, mine.id, Phase.INTAKE.value, reason="Intake gepland")
    page = _page(qtbot, Workspace(team.opened(team.lead)))
    assert sorted(_names(page.model)) == ["Sanne Jansen", "Sanne Willems"]
    # WHEN filtering on the phase intake
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        page.phase_filter.setCurrentIndex(page.phase_filter.findData(Phase.INTAKE.value))
    assert _names(page.model) == ["Sanne Willems"]
    # WHEN filtering on Joost (all phases)
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        page.phase_filter.setCurrentIndex(0)
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        page.counsellor_filter.setCurrentIndex(page.counsellor_filter.findText("Joost de Boer"))
    assert _names(page.model) == ["Sanne Jansen"]


def test_a_counsellor_sees_only_the_own_caseload(team: Team, qtbot: QtBot) -> None:
    make_dossier(team.counsellor, bsn="111222333", surname="Willems")
    make_dossier(team.colleague, bsn="123456782", surname="Jansen")
    page = _page(qtbot, Workspace(team.opened(team.counsellor)))
    assert _names(page.model) == ["Sanne Willems"]


def test_clicking_a_header_sorts_in_sql(team: Team, qtbot: QtBot) -> None:
    for bsn, surname in (("111222333", "Bakker"), ("123456782", "Visser"), ("999999990", "Jansen")):
        make_dossier(team.counsellor, bsn=bsn, surname=surname)
    page = _page(qtbot, Workspace(team.opened(team.counsellor)))
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        page.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert _names(page.model) == ["Sanne Visser", "Sanne Jansen", "Sanne Bakker"]
    assert page.model.criteria.sort == "name" and page.model.criteria.descending


def test_enter_in_the_list_opens_the_dossier(team: Team, qtbot: QtBot) -> None:
    # GIVEN the list with one dossier and the search box focused
    made = make_dossier(team.counsellor)
    workspace = Workspace(team.opened(team.counsellor))
    page = _page(qtbot, workspace)
    page.focus_search()
    # WHEN pressing Down (to the list) and Enter
    press(page.search_edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(workspace.signals.open_dossier) as opened:
        press(page.table, Qt.Key.Key_Return)
    # THEN the window is asked to open that dossier
    assert opened.args == [made.id]


def test_a_late_result_of_an_older_search_is_dropped(qtbot: QtBot) -> None:
    # GIVEN a slow first job and a quick second one
    runner = Runner()
    release = threading.Event()
    results: list[object] = []
    runner.finished.connect(results.append)

    def slow() -> str:
        release.wait(5)
        return "oud"

    runner.submit(slow)
    runner.submit(lambda: "nieuw")
    # WHEN both have finished
    qtbot.waitUntil(lambda: results == ["nieuw"], timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)
    # THEN only the newest result was delivered
    assert results == ["nieuw"]


@pytest.mark.parametrize("text", ["", "Willems"])
def test_the_count_label_speaks_dutch(team: Team, qtbot: QtBot, text: str) -> None:
    make_dossier(team.counsellor)
    page = _page(qtbot, Workspace(team.opened(team.counsellor)))
    if text:
        with qtbot.waitSignal(page.model.loaded, timeout=10_000):
            keys(page.search_edit, text)
    assert page.count_label.text() == "1 dossier"
