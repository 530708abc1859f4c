"""Lock the screen after a quiet spell or on Ctrl+L; unlock with one's own password (BIO2 5.16, 8.01).

:class:`IdleLock` watches every input event of the application. After
``config.idle_lock_minutes`` without input it covers every open window with a plain panel (no
dossier content stays visible, window titles included), logs the lock, and shows a lock
window that asks for the password of the logged-in user.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.services import auth
from ui.dialogs.login import wait_text
from ui.workspace import Workspace

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)

LOCKED_TITLE = "Helder — vergrendeld"


class _Cover(QWidget):
    """An opaque panel over a window's whole content while Helder is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Helder is vergrendeld."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()


class LockScreen(QWidget):
    """The window that asks for the password; the only place that takes input while locked."""

    unlocked = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._workspace = workspace
        self._failures = 0
        self._remaining = 0
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self.tick)
        self.setWindowTitle(LOCKED_TITLE)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        user = workspace.ctx.user
        title = QLabel(self.tr("Helder is vergrendeld"))
        title.setStyleSheet("font-size: 16pt;")
        who = QLabel(
            self.tr("Ingelogd als {name} ({username}). Vul uw wachtwoord in om verder te werken.").format(
                name=user.full_name, username=user.username
            )
        )
        who.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Wachtwoord"))
        self.password_edit.returnPressed.connect(self.on_unlock_clicked)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        self.unlock_button = QPushButton(self.tr("Ontgrendelen"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.on_unlock_clicked)
        self.quit_button = QPushButton(self.tr("Helder afsluiten"))
        self.quit_button.clicked.connect(self.on_quit_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(who)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def on_unlock_clicked(self) -> None:
        if self._remaining > 0:
            return
        password = self.password_edit.text()
        self.password_edit.clear()
        try:
            ok = auth.verify_password(self._workspace.ctx, password)
        except KnownError as exc:
            self._say(str(exc))
            return
        if ok:
            self._failures = 0
            self._say("")
            self.unlocked.emit()
            return
        self._failures += 1
        text = self.tr("Dit wachtwoord klopt niet. Probeer het opnieuw.")
        delay = auth.login_delay_seconds(self._failures)
        if delay > 0:
            self._remaining = delay
            self.unlock_button.setEnabled(False)
            self.countdown.start()
            text += " " + wait_text(delay)
        self._say(text)

    @property
    def wait_seconds(self) -> int:
        return self._remaining

    def tick(self) -> None:
        """One second of the wait has passed."""
        self._remaining = max(0, self._remaining - 1)
        if self._remaining == 0:
            self.countdown.stop()
            self.unlock_button.setEnabled(True)
            self._say("")
        else:
            self._say(wait_text(self._remaining))

    def on_quit_clicked(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Helder afsluiten"),
            self.tr("Wilt u Helder afsluiten? Wat nog niet was opgeslagen, gaat verloren."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            QApplication.quit()


class IdleLock(QObject):
    """Locks ``window`` (and every other open window) after a quiet spell or on Ctrl+L."""

    locked_changed = Signal(bool)

    def __init__(self, window: QWidget, workspace: Workspace, minutes: int | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._covers: dict[QWidget, _Cover] = {}
        self._titles: dict[QWidget, str] = {}
        self.screen: LockScreen | None = None
        minutes = workspace.opened.config.idle_lock_minutes if minutes is None else minutes
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, minutes) * 60 * 1000)
        self.timer.timeout.connect(self.lock_now)
        self.action = QAction(self.tr("Scherm vergrendelen"), window)
        self.action.setShortcut(QKeySequence("Ctrl+L"))
        self.action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.action.triggered.connect(self.lock_now)
        window.addAction(self.action)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.screen is not None

    def covered(self) -> list[QWidget]:
        """The windows that are covered now."""
        return list(self._covers)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._window and kind == QEvent.Type.Hide and not event.spontaneous():
            self.shutdown()  # the window was closed (minimising is spontaneous and keeps the lock)
            return False
        if self.screen is None:
            if kind in _INPUT_EVENTS:
                self.timer.start()
        elif isinstance(watched, QWidget) and watched in self._covers and kind == QEvent.Type.Resize:
            self._covers[watched].setGeometry(watched.rect())
        elif (
            kind == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched is not self.screen
            and watched not in self._covers
        ):
            QTimer.singleShot(0, self._cover_all)  # a window that opened while locked
        return False

    def _cover_all(self) -> None:
        if self.screen is None:
            return
        for widget in QApplication.topLevelWidgets():
            if widget is self.screen or widget in self._covers or not widget.isVisible():
                continue
            if widget.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
                widget.hide()
                continue
            self._covers[widget] = _Cover(widget)
            self._titles[widget] = widget.windowTitle()
            widget.setWindowTitle(LOCKED_TITLE)

    def lock_now(self) -> None:
        """Hide every window's content behind a cover, log the lock and ask for the password."""
        if self.screen is not None:
            return
        self.timer.stop()
        self.screen = LockScreen(self._workspace, self._window)
        self.screen.unlocked.connect(self.unlock)
        self._cover_all()
        self.screen.resize(max(420, self.screen.sizeHint().width()), self.screen.sizeHint().height())
        frame = self._window.frameGeometry()
        self.screen.move(frame.center() - self.screen.rect().center())
        self.screen.show()
        self.screen.activateWindow()
        self.screen.password_edit.setFocus()
        self.locked_changed.emit(True)
        with contextlib.suppress(KnownError):  # the lock matters more than its log line (disk full)
            auth.record_lock(self._workspace.ctx)

    def shutdown(self) -> None:
        """Stop watching: the window closed (Helder is quitting, or a test ends)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()
        if self.screen is not None:
            self.unlock()
            self.timer.stop()

    def unlock(self) -> None:
        """Remove the covers and the lock window; the quiet-time count starts again."""
        if self.screen is None:
            return
        for widget, cover in self._covers.items():
            cover.hide()
            cover.deleteLater()
            widget.setWindowTitle(self._titles.get(widget, widget.windowTitle()))
        self._covers.clear()
        self._titles.clear()
        screen, self.screen = self.screen, None
        screen.hide()
        screen.deleteLater()
        self.timer.start()
        self.locked_changed.emit(False)


def attach_security(window: QWidget, workspace: Workspace, *, automatic_backups: bool = True) -> None:
    """Wire the idle lock (Ctrl+L) and the automatic backups to a main window; called from ui/main.py."""
    from ui.backup_timer import BackupTimer
    from ui.workers import wait_for_workers

    lock = IdleLock(window, workspace)
    window.setProperty("helder_idle_lock", lock)  # keeps a reference for the window's lifetime
    if automatic_backups:
        timer = BackupTimer(workspace.opened, window)
        window.setProperty("helder_backup_timer", timer)

        def warn(message: str) -> None:
            box = QMessageBox(
                QMessageBox.Icon.Warning, "Helder", message, QMessageBox.StandardButton.Ok, window
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

        timer.failed.connect(warn)
        timer.start()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(lambda: wait_for_workers(30_000))
