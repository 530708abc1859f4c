"""The "Gebruikers" page: add, disable, enable and reset, each with its effect on logging in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.users import Role
from app.errors import AuthenticationError
from app.services import audit, auth
from app.services.context import CurrentUser
from tests.factories import PASSWORD, Team
from ui.registry import PAGES
from ui.views.admin_users import COL_ACTIVE, COL_NAME, AddUserDialog, PasswordDialog, UsersPage
from ui.workspace import Workspace


@pytest.fixture
def page(qtbot: QtBot, team: Team) -> UsersPage:
    made = UsersPage(Workspace(team.opened(team.admin)))
    qtbot.addWidget(made)
    return made


def _row_of(page: UsersPage, username: str) -> int:
    return next(i for i, u in enumerate(page.model.records()) if u.username == username)


def _status(page: UsersPage, username: str) -> str:
    return str(page.model.index(_row_of(page, username), COL_ACTIVE).data())


def _fill_and_accept(fill: Callable[[QDialog], None]) -> Callable[[QDialog], int]:
    def fake_exec(self: QDialog) -> int:
        fill(self)
        self.accept()
        return int(self.result())

    return fake_exec


def test_page_lists_every_account_and_passes_the_model_checks(
    page: UsersPage, qtmodeltester: ModelTester
) -> None:
    assert page.model.rowCount() == 4
    assert page.model.index(_row_of(page, "marieke"), COL_NAME).data() == "Marieke Hoekstra"
    assert _status(page, "joost") == "Actief"
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_add_a_user_who_can_then_log_in(
    qtbot: QtBot, page: UsersPage, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, AddUserDialog)
        qtbot.keyClicks(dialog.username_edit, "lotte")
        qtbot.keyClicks(dialog.full_name_edit, "Lotte Smit")
        dialog.role_boxes[Role.TEAM_LEAD].setChecked(True)
        qtbot.keyClicks(dialog.password_edit, "Eerste-wachtwoord-1")
        qtbot.keyClicks(dialog.repeat_edit, "Eerste-wachtwoord-1")

    monkeypatch.setattr(AddUserDialog, "exec", _fill_and_accept(fill))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 5
    selected = page.selected()
    assert selected is not None and selected.username == "lotte"
    assert "lotte" in page.message_label.text()
    opened = auth.login(team.paths, team.config, "lotte", "Eerste-wachtwoord-1")
    assert opened.user.roles == frozenset({Role.COUNSELLOR, Role.TEAM_LEAD})
    opened.db.dispose()


def test_add_dialog_shows_field_errors_and_saves_nothing(qtbot: QtBot, team: Team) -> None:
    dialog = AddUserDialog(Workspace(team.opened(team.admin)))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username_edit, "joost")
    qtbot.keyClicks(dialog.password_edit, "kort")
    qtbot.keyClicks(dialog.repeat_edit, "kort")
    for box in dialog.role_boxes.values():
        box.setChecked(False)
    dialog.accept()
    shown = dialog.errors.messages()
    assert shown["username"] == "Deze gebruikersnaam bestaat al."
    assert "10 tekens" in shown["password"]
    assert shown["roles"] == "Kies minstens één rol."
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(auth.list_users(team.admin)) == 4


def test_disable_then_enable_with_a_new_password(
    qtbot: QtBot, page: UsersPage, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    page.table.selectRow(page.proxy.mapFromSource(page.model.index(_row_of(page, "joost"), 0)).row())
    assert page.toggle_button.text() == "Uitzetten"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert _status(page, "joost") == "Uitgezet"
    assert page.toggle_button.text() == "Aanzetten" and not page.reset_button.isEnabled()
    with pytest.raises(AuthenticationError):
        auth.login(team.paths, team.config, "joost", PASSWORD)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, PasswordDialog)
        qtbot.keyClicks(dialog.password_edit, "Weer-welkom-2026")
        qtbot.keyClicks(dialog.repeat_edit, "Weer-welkom-2026")

    monkeypatch.setattr(PasswordDialog, "exec", _fill_and_accept(fill))
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert _status(page, "joost") == "Actief"
    opened = auth.login(team.paths, team.config, "joost", "Weer-welkom-2026")
    opened.db.dispose()
    changes = [r.details for r in audit.list_entries(team.admin, action="update", object_id="joost")]
    assert changes == ['{"active": [false, true]}', '{"active": [true, false]}']


def test_the_beheerder_cannot_disable_the_own_account(page: UsersPage) -> None:
    page.table.selectRow(page.proxy.mapFromSource(page.model.index(_row_of(page, "henk"), 0)).row())
    assert not page.toggle_button.isEnabled()


def test_reset_password_rewraps_the_key(
    qtbot: QtBot, page: UsersPage, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.table.selectRow(page.proxy.mapFromSource(page.model.index(_row_of(page, "fatima"), 0)).row())

    def fill(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.password_edit, "Vergeten-wachtwoord-3")  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.repeat_edit, "Vergeten-wachtwoord-3")  # type: ignore[attr-defined]

    monkeypatch.setattr(PasswordDialog, "exec", _fill_and_accept(fill))
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert "opnieuw ingesteld" in page.message_label.text()
    with pytest.raises(AuthenticationError):
        auth.login(team.paths, team.config, "fatima", PASSWORD)
    opened = auth.login(team.paths, team.config, "fatima", "Vergeten-wachtwoord-3")
    opened.db.dispose()


def test_password_dialog_wants_the_same_password_twice(qtbot: QtBot) -> None:
    saved: list[str] = []
    dialog = PasswordDialog("Titel", "Uitleg", saved.append)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password_edit, "Een-wachtwoord-1")
    qtbot.keyClicks(dialog.repeat_edit, "Een-wachtwoord-2")
    dialog.accept()
    assert saved == [] and dialog.errors.messages() == {"repeat": "De wachtwoorden zijn niet gelijk."}


@pytest.mark.parametrize(
    ("roles", "visible"),
    [
        ({Role.ADMIN}, {"users", "audit", "backups"}),
        ({Role.TEAM_LEAD}, {"audit"}),
        ({Role.COUNSELLOR}, set()),
    ],
)
def test_security_pages_are_visible_only_to_their_roles(roles: set[Role], visible: set[str]) -> None:
    import uuid

    user = CurrentUser(uuid.uuid4(), "x", "X", frozenset(roles))
    security = {"users", "audit", "backups"}
    assert {p.key for p in PAGES if p.key in security and p.visible(user)} == visible
