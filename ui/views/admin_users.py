"""The "Gebruikers" page (beheerder): personal accounts, their roles, disable and reset password.

Every change goes through :mod:`app.services.auth`, which checks the beheerder role, logs the
change in the audit log and re-wraps the data key for a new password (BIO2 5.16, 8.15).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.users import ROLE_LABELS, Role
from app.errors import KnownError, ValidationError
from app.services import auth
from app.services.auth import UserView
from ui.format import format_datetime
from ui.models.record_table import SORT_ROLE, Column, RecordTableModel
from ui.widgets.field_error import FieldError, FieldErrors
from ui.workspace import Workspace

COL_USERNAME, COL_NAME, COL_ROLES, COL_ACTIVE, COL_LAST_LOGIN = range(5)


def _tr(text: str) -> str:
    return QCoreApplication.translate("UsersPage", text)


def user_columns() -> list[Column[UserView]]:
    return [
        Column(_tr("Gebruikersnaam"), lambda u: u.username),
        Column(_tr("Naam"), lambda u: u.full_name),
        Column(_tr("Rollen"), lambda u: u.roles_label),
        Column(_tr("Status"), lambda u: _tr("Actief") if u.active else _tr("Uitgezet")),
        Column(
            _tr("Laatst ingelogd"),
            lambda u: format_datetime(u.last_login_at),
            sort=lambda u: u.last_login_at.timestamp() if u.last_login_at else 0.0,
        ),
    ]


def _password_pair() -> tuple[QLineEdit, QLineEdit]:
    first, second = QLineEdit(), QLineEdit()
    for edit in (first, second):
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    first.setPlaceholderText(_tr("minstens 10 tekens, met letters én cijfers"))
    return first, second


class AddUserDialog(QDialog):
    """A new personal account: name, roles and a first password."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._created: UserView | None = None
        self.setWindowTitle(self.tr("Gebruiker toevoegen"))
        self.username_edit = QLineEdit()
        self.full_name_edit = QLineEdit()
        self.job_title_edit = QLineEdit(self.tr("Schuldhulpverlener"))
        self.phone_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.role_boxes = {role: QCheckBox(ROLE_LABELS[role]) for role in Role}
        self.role_boxes[Role.COUNSELLOR].setChecked(True)
        self.password_edit, self.repeat_edit = _password_pair()
        roles = QWidget()
        roles_layout = QHBoxLayout(roles)
        roles_layout.setContentsMargins(0, 0, 0, 0)
        for box in self.role_boxes.values():
            roles_layout.addWidget(box)
        general = FieldError(None, self)
        self.errors = FieldErrors(general)
        form = QFormLayout()
        rows: list[tuple[str, str, QWidget]] = [
            ("username", self.tr("Gebruikersnaam"), self.username_edit),
            ("full_name", self.tr("Volledige naam"), self.full_name_edit),
            ("job_title", self.tr("Functie"), self.job_title_edit),
            ("phone", self.tr("Telefoon"), self.phone_edit),
            ("email", self.tr("E-mail"), self.email_edit),
            ("roles", self.tr("Rollen"), roles),
            ("password", self.tr("Wachtwoord"), self.password_edit),
            ("repeat", self.tr("Herhaal wachtwoord"), self.repeat_edit),
        ]
        for key, label, field in rows:
            field.setAccessibleName(label)
            form.addRow(label, field)
            form.addRow("", self.errors.add(key, FieldError(field, self)))
        hint = QLabel(
            self.tr("Een beheerder ziet geen dossiers, behalve als hij ook consulent of teamleider is.")
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Toevoegen"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(general)
        layout.addWidget(buttons)

    @property
    def created(self) -> UserView | None:
        """The new account, after the dialog was accepted."""
        return self._created

    @property
    def roles(self) -> list[str]:
        return [role.value for role, box in self.role_boxes.items() if box.isChecked()]

    def accept(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.errors.show({"repeat": self.tr("De wachtwoorden zijn niet gelijk.")})
            return
        try:
            self._created = auth.create_user(
                self._workspace.ctx,
                username=self.username_edit.text(),
                full_name=self.full_name_edit.text(),
                roles=self.roles,
                password=self.password_edit.text(),
                phone=self.phone_edit.text().strip(),
                email=self.email_edit.text().strip(),
                job_title=self.job_title_edit.text().strip(),
            )
        except ValidationError as exc:
            first = self.errors.show(exc.errors)
            if first is not None:
                first.setFocus()
            return
        except KnownError as exc:
            self.errors.show({"*": str(exc)})
            return
        super().accept()


class PasswordDialog(QDialog):
    """A new password, typed twice; ``save`` stores it (and may raise ValidationError)."""

    def __init__(
        self, title: str, explanation: str, save: Callable[[str], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(title)
        text = QLabel(explanation)
        text.setWordWrap(True)
        self.password_edit, self.repeat_edit = _password_pair()
        general = FieldError(None, self)
        self.errors = FieldErrors(general)
        form = QFormLayout()
        for key, label, field in (
            ("password", self.tr("Nieuw wachtwoord"), self.password_edit),
            ("repeat", self.tr("Herhaal wachtwoord"), self.repeat_edit),
        ):
            field.setAccessibleName(label)
            form.addRow(label, field)
            form.addRow("", self.errors.add(key, FieldError(field, self)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Opslaan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.errors.show({"repeat": self.tr("De wachtwoorden zijn niet gelijk.")})
            return
        try:
            self._save(self.password_edit.text())
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return
        except KnownError as exc:
            self.errors.show({"*": str(exc)})
            return
        super().accept()


class UsersPage(QWidget):
    """Page "Gebruikers": the accounts of this municipality (beheerder only)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.model: RecordTableModel[UserView] = RecordTableModel(user_columns(), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Gebruikers"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("Gebruiker toevoegen…"))
        self.toggle_button = QPushButton(self.tr("Uitzetten"))
        self.reset_button = QPushButton(self.tr("Wachtwoord opnieuw instellen…"))
        self.add_button.clicked.connect(self.on_add_clicked)
        self.toggle_button.clicked.connect(self.on_toggle_clicked)
        self.reset_button.clicked.connect(self.on_reset_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.toggle_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        title = QLabel(self.tr("Gebruikers"))
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.message_label)
        self.reload()

    def reload(self) -> None:
        """Read the accounts again (a handful of rows: no worker needed)."""
        try:
            self.model.set_rows(auth.list_users(self._workspace.ctx))
        except KnownError as exc:
            self.message_label.setText(str(exc))
        self._update_buttons()

    def selected(self) -> UserView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.record(self.proxy.mapToSource(rows[0]).row())

    def select_user(self, user_id: uuid.UUID) -> None:
        for row, user in enumerate(self.model.records()):
            if user.id == user_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
                return

    def _update_buttons(self) -> None:
        user = self.selected()
        self.toggle_button.setEnabled(user is not None and user.id != self._workspace.ctx.user.id)
        self.reset_button.setEnabled(user is not None and user.active)
        self.toggle_button.setText(
            self.tr("Aanzetten") if user is not None and not user.active else self.tr("Uitzetten")
        )

    def _done(self, text: str, user_id: uuid.UUID) -> None:
        self.reload()
        self.select_user(user_id)
        self.message_label.setText(text)

    def on_add_clicked(self) -> None:
        dialog = AddUserDialog(self._workspace, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            self._done(
                self.tr("Account {name} is toegevoegd.").format(name=dialog.created.username),
                dialog.created.id,
            )

    def on_toggle_clicked(self) -> None:
        user = self.selected()
        if user is None:
            return
        ctx = self._workspace.ctx
        if user.active:
            answer = QMessageBox.question(
                self,
                self.tr("Account uitzetten"),
                self.tr(
                    "Wilt u het account van {name} uitzetten? Deze persoon kan dan niet meer inloggen. "
                    "Alle gegevens blijven bewaard."
                ).format(name=user.full_name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            try:
                auth.set_active(ctx, user.id, False)
            except KnownError as exc:
                QMessageBox.warning(self, self.tr("Account uitzetten"), str(exc))
                return
            self._done(self.tr("Account {name} is uitgezet.").format(name=user.username), user.id)
            return
        try:
            auth.set_active(ctx, user.id, True)
        except ValidationError as exc:
            if "password" not in exc.errors:
                QMessageBox.warning(self, self.tr("Account aanzetten"), str(exc))
                return
            dialog = PasswordDialog(
                self.tr("Account aanzetten"),
                self.tr(
                    "Het oude wachtwoord van {name} werkt niet meer. Kies een nieuw wachtwoord en "
                    "geef het persoonlijk door."
                ).format(name=user.full_name),
                lambda password: auth.set_active(ctx, user.id, True, new_password=password),
                self,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Account aanzetten"), str(exc))
            return
        self._done(self.tr("Account {name} is aangezet.").format(name=user.username), user.id)

    def on_reset_clicked(self) -> None:
        user = self.selected()
        if user is None:
            return
        ctx = self._workspace.ctx
        dialog = PasswordDialog(
            self.tr("Wachtwoord opnieuw instellen"),
            self.tr(
                "Kies een nieuw wachtwoord voor {name} en geef het persoonlijk door. Het oude "
                "wachtwoord werkt daarna niet meer."
            ).format(name=user.full_name),
            lambda password: auth.reset_password(ctx, user.id, password),
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(
                self.tr("Het wachtwoord van {name} is opnieuw ingesteld.").format(name=user.username), user.id
            )
