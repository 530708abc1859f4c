"""Log in, or set Helder up on first run (BIO2 5.16: personal accounts only).

:func:`obtain_login` shows the first-run dialog when there is no database yet (the first
beheerder, or "Open de demo"), else the login dialog. A wrong password gets a calm message and,
after a few tries, a growing wait with a countdown. A damaged database is not a crash: Helder
offers the newest backup that passes the integrity check, puts it back and logs in.
"""

from __future__ import annotations

import importlib
import logging
import shutil
import tempfile
import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.config import LocalConfig, Paths
from app.errors import AuthenticationError, DatabaseDamagedError, KnownError, ValidationError
from ui.format import format_datetime

if TYPE_CHECKING:
    from app.services.auth import Opened
    from app.services.letterhead import LetterheadSettings

# The database layer (SQLAlchemy, the mapped domain, the services: about half a second) is
# imported where it is used, not here: the login window shows first, and
# :func:`_prepare_in_background` imports it while the user types.


class _BusyCursor:
    """A wait cursor for short work that must finish before the dialog can go on."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #a4262c;")
    label.setVisible(False)
    return label


def _show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def wait_text(seconds: int) -> str:
    """Return "U kunt over 4 seconden opnieuw proberen." (Dutch singular for one second)."""
    if seconds == 1:
        return QCoreApplication.translate("login", "U kunt over 1 seconde opnieuw proberen.")
    return QCoreApplication.translate("login", "U kunt over {n} seconden opnieuw proberen.").format(n=seconds)


# --------------------------------------------------------------------------- first run


class FirstRunDialog(QDialog):
    """First run: create the database and its first beheerder, or open a demo."""

    FIELDS = ("municipality", "username", "full_name", "password", "repeat")

    def __init__(
        self, paths: Paths, config: LocalConfig, parent: QWidget | None = None, *, demo_dossiers: int = 300
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        self._config = config
        self._demo_dossiers = demo_dossiers
        self._opened: Opened | None = None
        self._build()

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Helder instellen"))
        self.setModal(True)
        intro = QLabel(
            self.tr(
                "Welkom bij Helder. Er is nog geen database. Maak hier de database van uw gemeente "
                "en het eerste account voor de beheerder. Wilt u Helder eerst bekijken? Open dan de demo."
            )
        )
        intro.setWordWrap(True)
        self.municipality_edit = QLineEdit()
        self.username_edit = QLineEdit()
        self.full_name_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.repeat_edit = QLineEdit()
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        names = {
            "municipality": (self.municipality_edit, self.tr("Gemeente")),
            "username": (self.username_edit, self.tr("Gebruikersnaam beheerder")),
            "full_name": (self.full_name_edit, self.tr("Volledige naam")),
            "password": (self.password_edit, self.tr("Wachtwoord")),
            "repeat": (self.repeat_edit, self.tr("Herhaal wachtwoord")),
        }
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        for key, (edit, label) in names.items():
            edit.setAccessibleName(label)
            form.addRow(label, edit)
            self.errors[key] = _error_label()
            form.addRow("", self.errors[key])
        self.password_edit.setPlaceholderText(self.tr("minstens 10 tekens, met letters én cijfers"))
        municipality_box = self._build_municipality()
        self.general_error = _error_label()
        buttons = QDialogButtonBox()
        self.create_button = buttons.addButton(
            self.tr("Database maken"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.demo_button = QPushButton(self.tr("Open de demo"))
        self.demo_button.setAccessibleDescription(
            self.tr("Een database met verzonnen dossiers; wachtwoord: demo")
        )
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Afsluiten"))
        self.create_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.demo_button.clicked.connect(self.on_demo_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        columns = QHBoxLayout()
        account = QGroupBox(self.tr("Gemeente en eerste beheerder"))
        account.setLayout(form)
        columns.addWidget(account, 1)
        columns.addWidget(municipality_box, 1)
        layout.addLayout(columns)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(1000, max(760, self.sizeHint().width() + 140)))

    def _build_municipality(self) -> QGroupBox:
        """The municipality's letterhead and the backup folder (the letterhead may wait)."""
        box = QGroupBox(self.tr("Gemeente en briefpapier (mag ook later, via Briefpapier)"))
        form = QFormLayout(box)
        self.address_edit = QPlainTextEdit()
        self.objection_edit = QPlainTextEdit()
        for edit in (self.address_edit, self.objection_edit):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
        self.phone_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.college_edit = QLineEdit()
        self.college_edit.setPlaceholderText(self.tr("het college van burgemeester en wethouders van …"))
        self.logo_edit = QLineEdit()
        self.logo_edit.setPlaceholderText(self.tr("PNG of JPG, hoogstens 1 MB (niet verplicht)"))
        logo_button = QPushButton(self.tr("Kiezen…"))
        logo_button.clicked.connect(self.on_choose_logo)
        self.backup_edit = QLineEdit(str(self._paths.backups(self._config)))
        backup_button = QPushButton(self.tr("Kiezen…"))
        backup_button.clicked.connect(self.on_choose_backup_folder)
        rows: tuple[tuple[str, QWidget, str, QPushButton | None], ...] = (
            ("address_lines", self.address_edit, self.tr("Adres"), None),
            ("phone", self.phone_edit, self.tr("Telefoon"), None),
            ("email", self.email_edit, self.tr("E-mail"), None),
            ("college", self.college_edit, self.tr("Bestuursorgaan"), None),
            ("objection_address_lines", self.objection_edit, self.tr("Adres voor bezwaar"), None),
            ("logo", self.logo_edit, self.tr("Logo"), logo_button),
            ("backup_dir", self.backup_edit, self.tr("Map voor reservekopieën"), backup_button),
        )
        for key, field, label, button in rows:
            field.setAccessibleName(label)
            if button is None:
                form.addRow(label, field)
            else:
                line = QHBoxLayout()
                line.addWidget(field, 1)
                line.addWidget(button)
                form.addRow(label, line)
            self.errors[key] = _error_label()
            form.addRow("", self.errors[key])
        return box

    def on_choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Logo kiezen"), "", self.tr("Afbeeldingen (*.png *.jpg *.jpeg)")
        )
        if path:
            self.logo_edit.setText(path)

    def on_choose_backup_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Map voor reservekopieën"), self.backup_edit.text()
        )
        if path:
            self.backup_edit.setText(path)

    def letterhead_values(self) -> LetterheadSettings | None:
        """The letterhead typed here, or None when all of it was left for later."""
        from app.services.letterhead import LetterheadSettings, lines_from_text

        address = lines_from_text(self.address_edit.toPlainText())
        objection = lines_from_text(self.objection_edit.toPlainText())
        texts = (
            self.phone_edit.text(),
            self.email_edit.text(),
            self.college_edit.text(),
            self.logo_edit.text(),
        )
        if not address and not objection and not any(t.strip() for t in texts):
            return None
        logo: bytes | None = None
        if self.logo_edit.text().strip():
            try:
                logo = Path(self.logo_edit.text().strip()).read_bytes()
            except OSError:
                logo = b""
        return LetterheadSettings(
            name=self.municipality_edit.text().strip(),
            address_lines=address,
            phone=self.phone_edit.text().strip(),
            email=self.email_edit.text().strip(),
            website="",
            college=self.college_edit.text().strip(),
            objection_address_lines=objection,
            logo=logo,
        )

    @property
    def opened(self) -> Opened | None:
        """The database that was made or opened, after the dialog was accepted."""
        return self._opened

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            _show(label, errors.get(key, ""))
        first = next((k for k in self.FIELDS if k in errors), None)
        edits = {
            "municipality": self.municipality_edit,
            "username": self.username_edit,
            "full_name": self.full_name_edit,
            "password": self.password_edit,
            "repeat": self.repeat_edit,
            "address_lines": self.address_edit,
            "phone": self.phone_edit,
            "email": self.email_edit,
            "college": self.college_edit,
            "objection_address_lines": self.objection_edit,
            "logo": self.logo_edit,
            "backup_dir": self.backup_edit,
        }
        if first is None:
            first = next((k for k in edits if k in errors), None)
        if first is not None:
            edits[first].setFocus()

    def accept(self) -> None:
        from app.services import auth
        from app.services import letterhead as letterhead_service

        _show(self.general_error, "")
        if self.password_edit.text() != self.repeat_edit.text():
            self._show_errors({"repeat": self.tr("De wachtwoorden zijn niet gelijk.")})
            return
        values = self.letterhead_values()
        problems = letterhead_service.validate(values) if values is not None else {}
        if values is not None and values.logo == b"":
            problems["logo"] = self.tr("Dit bestand kan niet worden gelezen.")
        backup_dir = self.backup_edit.text().strip()
        if backup_dir and not Path(backup_dir).is_absolute():
            problems["backup_dir"] = self.tr(
                "Kies een volledige map, bijvoorbeeld C:\\Helder\\reservekopieën."
            )
        if problems:  # checked before anything is created: nothing is saved half
            self._show_errors({("municipality" if k == "name" else k): v for k, v in problems.items()})
            return
        config = self._config
        if backup_dir and Path(backup_dir) != self._paths.data_dir / "backups":
            config = replace(config, backup_dir=backup_dir)
        try:
            with _BusyCursor():
                self._opened = auth.init_database(
                    self._paths,
                    config,
                    municipality=self.municipality_edit.text(),
                    admin_username=self.username_edit.text(),
                    admin_password=self.password_edit.text(),
                    admin_full_name=self.full_name_edit.text().strip(),
                )
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return
        except KnownError as exc:
            self._show_errors({})
            _show(self.general_error, str(exc))
            return
        if values is not None:
            letterhead_service.update_letterhead(self._opened.context(), values)
        self.password_edit.clear()
        self.repeat_edit.clear()
        super().accept()

    def on_demo_clicked(self) -> None:
        """Make a fresh demo database in a temporary folder and open it as 'consulent'."""
        from app.services.demo import generate_demo

        folder = Path(tempfile.mkdtemp(prefix="helder-demo-"))
        try:
            with _BusyCursor():
                opened = generate_demo(Paths(folder), LocalConfig(), dossiers=self._demo_dossiers)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        _remove_on_quit(opened, folder)
        self._opened = opened
        super().accept()


def _remove_on_quit(opened: Opened, folder: Path) -> None:
    """Remove the demo folder when Helder quits (it holds only made-up people)."""

    def cleanup() -> None:
        opened.db.dispose()
        shutil.rmtree(folder, ignore_errors=True)

    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(cleanup)


# --------------------------------------------------------------------------- login


class LoginDialog(QDialog):
    """Name and password; a calm message and a growing wait after repeated mistakes."""

    def __init__(self, paths: Paths, config: LocalConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._config = config
        self._opened: Opened | None = None
        self._remaining = 0
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self.tick)
        self._build()

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Inloggen bij Helder"))
        self.setModal(True)
        self.username_edit = QLineEdit()
        self.username_edit.setAccessibleName(self.tr("Gebruikersnaam"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Wachtwoord"))
        form = QFormLayout()
        form.addRow(self.tr("Gebruikersnaam"), self.username_edit)
        form.addRow(self.tr("Wachtwoord"), self.password_edit)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(self.tr("Melding"))
        self.message_label.setVisible(False)
        buttons = QDialogButtonBox()
        self.login_button = buttons.addButton(self.tr("Inloggen"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Afsluiten"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Log in met uw eigen account."))
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.username_edit.setFocus()

    @property
    def opened(self) -> Opened | None:
        """The opened database after a successful login."""
        return self._opened

    @property
    def wait_seconds(self) -> int:
        """Seconds left before the next try is allowed (0: allowed now)."""
        return self._remaining

    def _say(self, text: str) -> None:
        _show(self.message_label, text)

    def accept(self) -> None:
        from app.services import auth

        if self._remaining > 0:
            return
        name, password = self.username_edit.text().strip(), self.password_edit.text()
        if not name or not password:
            self._say(self.tr("Vul uw gebruikersnaam en wachtwoord in."))
            return
        try:
            with _BusyCursor():
                self._opened = auth.login(self._paths, self._config, name, password)
        except AuthenticationError:
            self._failed(name)
            return
        except DatabaseDamagedError:
            if not self._recover(name, password):
                return
        except KnownError as exc:
            self._say(str(exc))
            return
        self.password_edit.clear()
        super().accept()

    def _failed(self, name: str) -> None:
        from app.services import auth

        self.password_edit.clear()
        self.password_edit.setFocus()
        delay = auth.login_delay_seconds(auth.recent_failures(self._paths, name))
        text = self.tr(
            "Gebruikersnaam of wachtwoord klopt niet. Controleer ze rustig en probeer het opnieuw."
        )
        if delay > 0:
            self._remaining = delay
            self.login_button.setEnabled(False)
            self.countdown.start()
            text += " " + self._wait_text()
        self._say(text)

    def _wait_text(self) -> str:
        return wait_text(self._remaining)

    def tick(self) -> None:
        """One second of the wait has passed."""
        self._remaining = max(0, self._remaining - 1)
        if self._remaining == 0:
            self.countdown.stop()
            self.login_button.setEnabled(True)
            self._say(self.tr("U kunt het opnieuw proberen."))
        else:
            self._say(self._wait_text())

    def _recover(self, name: str, password: str) -> bool:
        """Offer the newest good backup for a damaged database; True when logged in afterwards."""
        from app.services import auth, backups

        try:
            with _BusyCursor():
                good = backups.newest_good_backup(self._paths, self._config, name, password)
        except AuthenticationError:
            self._failed(name)
            return False
        if good is None:
            QMessageBox.critical(
                self,
                self.tr("Database beschadigd"),
                self.tr(
                    "De database is beschadigd en er is geen goede reservekopie gevonden. "
                    "Er is niets gewist. Neem contact op met uw beheerder."
                ),
            )
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Database beschadigd"),
            self.tr(
                "De database is beschadigd. De nieuwste goede reservekopie is van {moment}.\n\n"
                "Wat na dat moment is ingevoerd, zit niet in de reservekopie. De beschadigde database "
                "wordt bewaard, niet gewist.\n\nWilt u deze reservekopie terugzetten?"
            ).format(moment=format_datetime(good.made_at)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            with _BusyCursor():
                backups.recover_damaged(
                    self._paths, self._config, name, password, good.path, reason=backups.DAMAGED_START_REASON
                )
                self._opened = auth.login(self._paths, self._config, name, password)
        except KnownError as exc:
            self._say(str(exc))
            return False
        QMessageBox.information(
            self,
            self.tr("Reservekopie teruggezet"),
            self.tr("De reservekopie is teruggezet. U bent ingelogd."),
        )
        return True


log = logging.getLogger(__name__)

#: Imported in the background while the login window is up (see :func:`_prepare_in_background`).
WARM_UP_MODULES = ("app.services.auth", "app.services.backups", "app.services.letterhead")


def _database_exists(paths: Paths, config: LocalConfig) -> bool:
    if not config.database_url:
        return paths.local_database_exists()  # no database layer needed to know that
    from app.services import auth

    return auth.database_exists(paths, config)


def _prepare_in_background() -> threading.Thread:
    """Import the database layer while the user types their name and password.

    Importing SQLAlchemy and the services takes about half a second; typing takes longer. When
    the user is quicker, the login waits for the import to finish (Python's import lock);
    an import error shows up, with its real message, in the login's own import.
    """

    def work() -> None:
        for name in WARM_UP_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # reported by the login's own import
                log.debug("warm-up import of %s failed", name, exc_info=True)
                return

    thread = threading.Thread(target=work, name="helder-warm-up", daemon=True)
    thread.start()
    return thread


def obtain_login(paths: Paths, config: LocalConfig, parent: QWidget | None = None) -> Opened | None:
    """Return an opened database after first-run setup or login; None when the user closes."""
    dialog: FirstRunDialog | LoginDialog
    if _database_exists(paths, config):
        dialog = LoginDialog(paths, config, parent)
    else:
        dialog = FirstRunDialog(paths, config, parent)
    _prepare_in_background()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.opened
