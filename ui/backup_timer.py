"""Automatic rolling backups while Helder runs: one at start, then one a day (BIO2 8.13).

The copy is made in a worker thread through SQLite's online backup API, so work goes on; a
team database on a server is backed up there, so nothing happens for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.db.base import utcnow
from app.errors import KnownError
from app.services import backups
from app.services.auth import Opened
from ui.workers import Runner

#: How often Helder looks whether the daily backup is due.
CHECK_EVERY_MS = 60 * 60 * 1000


class BackupTimer(QObject):
    """Makes a backup at :meth:`start`, then checks every hour whether the daily one is due."""

    made = Signal(object)  # Path of the new backup
    failed = Signal(str)  # a calm Dutch message

    def __init__(
        self, opened: Opened, parent: QObject | None = None, *, clock: Callable[[], datetime] = utcnow
    ) -> None:
        super().__init__(parent)
        self._opened = opened
        self._clock = clock
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.runner = Runner(self)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)

    @property
    def active(self) -> bool:
        """Whether automatic backups apply (only the local encrypted database)."""
        return backups.is_local(self._opened)

    def start(self) -> None:
        """Make the backup at start (in a worker) and begin the daily checks."""
        if not self.active:
            return
        opened = self._opened
        self.runner.submit(lambda: backups.make_backup(opened, "start"))
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        """Make a backup when the newest one is older than a day (skipped while one runs)."""
        if not self.active or self.runner.busy:
            return
        opened, now = self._opened, self._clock()
        self.runner.submit(lambda: backups.backup_if_due(opened, now))

    def _on_finished(self, result: object) -> None:
        if isinstance(result, Path):
            self.made.emit(result)

    def _on_failed(self, error: object) -> None:
        if isinstance(error, KnownError):
            self.failed.emit(
                self.tr("Er is geen automatische reservekopie gemaakt. {reason}").format(reason=str(error))
            )
