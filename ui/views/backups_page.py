"""The "Reservekopieën" page (beheerder): the rolling backups, a backup now, and a restore.

A backup runs in a worker with a progress dialog (SQLite's online backup API, still
encrypted). A restore asks for confirmation, checks the file before anything is replaced,
keeps the current database as a backup, and then closes Helder and starts it again, so
everyone logs in to the restored database (BIO2 8.13.04).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.backup import BACKUP_PREFIX, BACKUP_SUFFIX, BackupInfo
from app.errors import KnownError
from app.services import backups
from ui.format import format_datetime
from ui.models.record_table import SORT_ROLE, Column, RecordTableModel
from ui.workers import Runner
from ui.workspace import Workspace

COL_MOMENT, COL_KIND, COL_SIZE, COL_FILE = range(4)

KIND_LABELS = {
    "start": "bij het starten",
    "dagelijks": "dagelijks",
    "auto": "automatisch",
    "handmatig": "met de hand",
    "voor-migratie": "voor een update",
    "voor-terugzetten": "voor het terugzetten",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupsPage", text)


def backup_kind(info: BackupInfo) -> str:
    """Return why a backup was made, from its name ``helder-<stamp>-<reason>.db``."""
    stem = info.path.name.removeprefix(BACKUP_PREFIX).removesuffix(BACKUP_SUFFIX)
    reason = stem.split("-", 3)[3] if stem.count("-") >= 3 else ""
    return _tr(KIND_LABELS.get(reason, reason))


def format_size(size: int) -> str:
    """Return ``1,2 MB`` (Dutch decimal comma)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def backup_columns() -> list[Column[BackupInfo]]:
    return [
        Column(_tr("Gemaakt op"), lambda b: format_datetime(b.made_at), sort=lambda b: b.made_at.timestamp()),
        Column(_tr("Soort"), backup_kind),
        Column(_tr("Grootte"), lambda b: format_size(b.size), sort=lambda b: b.size),
        Column(_tr("Bestand"), lambda b: b.path.name, tooltip=lambda b: str(b.path)),
    ]


def restart_command() -> tuple[str, list[str]]:
    """Return how this Helder was started, to start it again after a restore."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    return sys.executable, ["-m", "ui.main", *sys.argv[1:]]


def request_restart() -> None:
    """Start a new Helder (it asks for the login) and close this one cleanly."""
    program, arguments = restart_command()
    QProcess.startDetached(program, arguments, os.getcwd())
    QApplication.closeAllWindows()
    QCoreApplication.exit(0)


class _Cancelled(KnownError):
    """The user stopped the backup; the half-made file is removed by the backup code."""

    def __init__(self) -> None:
        super().__init__(_tr("De reservekopie is gestopt; er is niets bewaard."))


class _Progress(QObject):
    """Carries progress from the worker thread to the dialog (queued signal)."""

    changed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancelled = False

    def report(self, done: int, total: int) -> None:
        if self.cancelled:
            raise _Cancelled
        self.changed.emit(done, total)


class BackupsPage(QWidget):
    """Page "Reservekopieën"."""

    backup_made = Signal(object)  # Path
    restored = Signal(object)  # Path of the backup that was put back

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.progress_dialog: QProgressDialog | None = None
        self._progress: _Progress | None = None
        self._restoring: Path | None = None
        self.runner = Runner(self)
        self.runner.finished.connect(self._on_backup_done)
        self.runner.failed.connect(self._on_backup_failed)
        self.restorer = Runner(self)
        self.restorer.finished.connect(self._on_restored)
        self.restorer.failed.connect(self._on_restore_failed)
        self._build()
        self.reload()

    def _build(self) -> None:
        self.model: RecordTableModel[BackupInfo] = RecordTableModel(backup_columns(), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Reservekopieën"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_MOMENT, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.backup_button = QPushButton(self.tr("Nu een reservekopie maken"))
        self.restore_button = QPushButton(self.tr("Terugzetten…"))
        self.restore_file_button = QPushButton(self.tr("Ander bestand terugzetten…"))
        self.backup_button.clicked.connect(self.on_backup_clicked)
        self.restore_button.clicked.connect(self.on_restore_clicked)
        self.restore_file_button.clicked.connect(self.on_restore_file_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(self.tr("Melding"))
        config = self._workspace.opened.config
        folder = self._workspace.opened.paths.backups(config)
        explanation = QLabel(
            self.tr(
                "Helder maakt bij het starten en daarna elke dag een versleutelde reservekopie. "
                "De laatste {keep} blijven bewaard in {folder}."
            ).format(keep=config.backup_keep, folder=folder)
        )
        explanation.setWordWrap(True)
        explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        title = QLabel(self.tr("Reservekopieën"))
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.message_label)
        local = backups.is_local(self._workspace.opened)
        for button in (self.backup_button, self.restore_button, self.restore_file_button):
            button.setEnabled(local)
        if not local:
            self.message_label.setText(
                self.tr(
                    "De teamdatabase wordt op de server bewaard en daar "
                    "geback-upt; hier zijn geen reservekopieën."
                )
            )

    def reload(self) -> None:
        self.model.set_rows(backups.backups(self._workspace.opened))
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.record(self.proxy.mapToSource(rows[0]).row())

    def _update_buttons(self) -> None:
        local = backups.is_local(self._workspace.opened)
        self.restore_button.setEnabled(local and self.selected() is not None)

    # ----------------------------------------------------------------- backup now

    def on_backup_clicked(self) -> None:
        if self.runner.busy:
            return
        dialog = QProgressDialog(self.tr("Reservekopie maken…"), self.tr("Stoppen"), 0, 100, self)
        dialog.setWindowTitle(self.tr("Reservekopie"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        progress = _Progress(self)
        progress.changed.connect(self._on_progress)
        dialog.canceled.connect(lambda: setattr(progress, "cancelled", True))
        self.progress_dialog, self._progress = dialog, progress
        self.backup_button.setEnabled(False)
        dialog.setValue(0)
        opened = self._workspace.opened
        self.runner.submit(lambda: backups.make_backup(opened, "handmatig", progress=progress.report))

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None and total > 0:
            self.progress_dialog.setValue(min(99, int(done * 100 / total)))

    def _close_progress(self) -> None:
        self.backup_button.setEnabled(backups.is_local(self._workspace.opened))
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        if self._progress is not None:
            self._progress.deleteLater()
            self._progress = None

    def _on_backup_done(self, target: object) -> None:
        self._close_progress()
        assert isinstance(target, Path)
        self.reload()
        self.message_label.setText(self.tr("Reservekopie gemaakt: {name}").format(name=target.name))
        self.backup_made.emit(target)

    def _on_backup_failed(self, error: object) -> None:
        self._close_progress()
        if isinstance(error, _Cancelled):
            self.message_label.setText(self.tr("De reservekopie is gestopt; er is niets bewaard."))
        elif isinstance(error, KnownError):
            self.message_label.setText(str(error))
            QMessageBox.warning(self, self.tr("Reservekopie"), str(error))
        else:
            self.message_label.setText(self.tr("De reservekopie is niet gemaakt."))

    # ----------------------------------------------------------------- restore

    def on_restore_clicked(self) -> None:
        info = self.selected()
        if info is not None:
            self.restore(info.path, format_datetime(info.made_at))

    def on_restore_file_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Reservekopie kiezen"),
            str(self._workspace.opened.paths.backups(self._workspace.opened.config)),
            self.tr("Helder-reservekopie (*.db)"),
        )
        if name:
            self.restore(Path(name), Path(name).name)

    def restore(self, path: Path, label: str) -> None:
        """Ask, then put ``path`` back in a worker; Helder restarts afterwards."""
        answer = QMessageBox.question(
            self,
            self.tr("Reservekopie terugzetten"),
            self.tr(
                "Wilt u de reservekopie van {label} terugzetten?\n\n"
                "Helder controleert de reservekopie eerst. De huidige database wordt eerst zelf als "
                "reservekopie bewaard. Daarna sluit Helder af en start opnieuw; iedereen logt dan "
                "opnieuw in."
            ).format(label=label),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        dialog = QProgressDialog(self.tr("Reservekopie controleren en terugzetten…"), "", 0, 0, self)
        dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.setWindowTitle(self.tr("Terugzetten"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        self.progress_dialog = dialog
        dialog.show()
        opened = self._workspace.opened
        self._restoring = path
        self.restorer.submit(lambda: backups.restore_from(opened, path))

    def _on_restored(self, _safety: object) -> None:
        self._close_progress()
        restored = self._restoring
        self.restored.emit(restored)
        QMessageBox.information(
            self,
            self.tr("Reservekopie teruggezet"),
            self.tr(
                "De reservekopie is teruggezet. Helder sluit nu af en start opnieuw. Log daarna weer in."
            ),
        )
        request_restart()

    def _on_restore_failed(self, error: object) -> None:
        self._close_progress()
        text = str(error) if isinstance(error, KnownError) else self.tr("Het terugzetten is niet gelukt.")
        self.message_label.setText(text)
        QMessageBox.warning(self, self.tr("Terugzetten"), text)
        self.reload()
