"""The "Auditlog" page: filters, masked details for a beheerder, and the chain check."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services.context import today_local
from app.services.dossiers import get_dossier, update_dossier
from tests.factories import Team, client_form, dossier_form, make_dossier
from tests.integration.raw_database import raw_connect
from ui.views.audit_viewer import COL_ACTION, COL_ACTOR, COL_DETAILS, AuditViewerPage, readable_details
from ui.workspace import Workspace


def _page(qtbot: QtBot, team: Team, lead: bool = True) -> AuditViewerPage:
    page = AuditViewerPage(Workspace(team.opened(team.lead if lead else team.admin)))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: bool(page.count_label.text()), timeout=10_000)  # the first load finished
    return page


def _reload(qtbot: QtBot, page: AuditViewerPage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)


def _column(page: AuditViewerPage, column: int) -> list[str]:
    return [str(page.model.index(r, column).data()) for r in range(page.model.rowCount())]


def _activity(team: Team) -> str:
    made = make_dossier(team.counsellor, surname="Willems")
    update_dossier(
        team.counsellor, made.id, made.version, client_form(surname="Willems-Jansen"), dossier_form()
    )
    get_dossier(team.lead, made.id)
    return str(made.id)


def test_viewer_shows_the_log_and_filters_it(qtbot: QtBot, team: Team, qtmodeltester: ModelTester) -> None:
    dossier_id = _activity(team)
    page = _page(qtbot, team)
    qtmodeltester.check(page.model)
    assert "fatima" in _column(page, COL_ACTOR) and "marieke" in _column(page, COL_ACTOR)
    # by actor
    qtbot.keyClicks(page.actor_edit, "marieke")
    _reload(qtbot, page)
    assert set(_column(page, COL_ACTOR)) == {"marieke"}
    # by action and object
    page.actor_edit.clear()
    page.action_combo.setCurrentIndex(page.action_combo.findData("update"))
    qtbot.keyClicks(page.object_edit, dossier_id)
    _reload(qtbot, page)
    assert _column(page, COL_ACTION) == ["Gewijzigd"]
    assert "client.surname: Willems → Willems-Jansen" in _column(page, COL_DETAILS)[0]
    assert page.count_label.text() == "1 regel."
    # from a date in the future: nothing
    page.action_combo.setCurrentIndex(0)
    page.object_edit.clear()
    page.since_check.setChecked(True)
    tomorrow = today_local() + timedelta(days=1)
    page.since_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    _reload(qtbot, page)
    assert page.model.rowCount() == 0


def test_a_beheerder_sees_which_dossier_fields_changed_but_not_the_values(qtbot: QtBot, team: Team) -> None:
    dossier_id = _activity(team)
    page = _page(qtbot, team, lead=False)
    qtbot.keyClicks(page.object_edit, dossier_id)
    page.action_combo.setCurrentIndex(page.action_combo.findData("update"))
    _reload(qtbot, page)
    details = _column(page, COL_DETAILS)[0]
    assert "client.surname" in details
    assert "Willems" not in details


def test_check_chain_reports_ok_and_names_a_tampered_entry(qtbot: QtBot, team: Team) -> None:
    _activity(team)
    page = _page(qtbot, team)
    with qtbot.waitSignal(page.chain_checked, timeout=10_000) as checked:
        qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert checked.args[0].ok
    assert "in orde" in page.chain_label.text()
    # WHEN someone with the key edits entry 3 behind Helder's back
    conn = raw_connect(team.paths.database, team.db.data_key or b"")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'iemand' WHERE seq = 3")
    conn.commit()
    conn.close()
    with qtbot.waitSignal(page.chain_checked, timeout=10_000) as checked:
        qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    # THEN the page says so and names the entry
    assert not checked.args[0].ok
    assert page.chain_label.text().startswith("De keten is niet in orde bij regel 3")
    assert page.check_button.isEnabled()


def test_readable_details() -> None:
    assert readable_details('{"a": [1, 2], "b": "x"}') == "a: 1 → 2; b: x"
    assert readable_details("velden: a, b") == "velden: a, b"
    assert readable_details("") == ""
