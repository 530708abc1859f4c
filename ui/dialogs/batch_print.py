"""Print many final letters at once, e.g. all invitations of this week, with progress and cancel.

The counsellor chooses a kind and a date range, ticks the letters to print and chooses a
printer once. A worker thread reads each letter's stored PDF and renders its pages to images;
the UI thread paints them on the printer, one letter after the other, and writes an audit line
per letter. *Annuleren* stops after the letter being printed; what was printed is logged.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QThread, Signal, Slot
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
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

from app.errors import KnownError
from app.services import letters
from app.services.context import ServiceContext, today_local
from app.services.letters import LetterView
from ui.dialogs.letter_preview import (
    PagePainter,
    choose_printer,
    new_printer,
    print_dpi,
    printer_name,
    render_pages,
)
from ui.format import format_date
from ui.models.record_table import Column, RecordTableModel
from ui.widgets.date_edit import DateEdit
from ui.workers import Runner
from ui.workspace import Workspace

_AnyIndex = QModelIndex | QPersistentModelIndex


class BatchModel(RecordTableModel[LetterView]):
    """Letters with a tick box in the first column (all ticked after a search)."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[LetterView]] = [
            Column(self.tr("Datum"), lambda x: format_date(x.letter_date), sort=lambda x: x.letter_date),
            Column(self.tr("Dossier"), lambda x: x.dossier_number),
            Column(self.tr("Cliënt"), lambda x: x.client_name),
            Column(self.tr("Soort"), lambda x: x.kind_label),
            Column(self.tr("Aan"), lambda x: x.recipient.name),
        ]
        super().__init__(columns, parent)
        self._checked: set[uuid.UUID] = set()

    def set_rows(self, rows: Sequence[LetterView]) -> None:
        self._checked = {row.id for row in rows}
        super().set_rows(rows)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == 0:
            checked = self.record(index.row()).id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: _AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        letter_id = self.record(index.row()).id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(letter_id)
        else:
            self._checked.discard(letter_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 0:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def checked(self) -> list[LetterView]:
        return [row for row in self.records() if row.id in self._checked]


class RenderWorker(QObject):
    """Reads and renders letters one by one in its own thread, at most two ahead of the printer."""

    rendered = Signal(int, object)  # index, list[QImage]
    failed = Signal(int, object)  # index, exception
    done = Signal()

    def __init__(self, ctx: ServiceContext, letter_ids: Sequence[uuid.UUID], dpi: int) -> None:
        super().__init__()
        self._ctx = ctx
        self._ids = list(letter_ids)
        self._dpi = dpi
        self._cancel = threading.Event()
        self._room = threading.Semaphore(2)

    def cancel(self) -> None:
        self._cancel.set()
        self._room.release()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def consumed(self) -> None:
        """The UI painted one letter: room for the next."""
        self._room.release()

    @Slot()
    def run(self) -> None:
        for index, letter_id in enumerate(self._ids):
            self._room.acquire()
            if self._cancel.is_set():
                break
            try:
                images = render_pages(letters.get_pdf(self._ctx, letter_id), self._dpi)
            except Exception as exc:
                self.failed.emit(index, exc)
                break
            self.rendered.emit(index, images)
        self.done.emit()


class BatchPrintDialog(QDialog):
    """Find final letters by kind and date, tick them, and print them all on one printer."""

    searched = Signal()
    batch_done = Signal(int)  # letters printed

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = Runner(self)
        self._thread: QThread | None = None
        self._worker: RenderWorker | None = None
        self._painter: PagePainter | None = None
        self._printer: QPrinter | None = None
        self._batch: list[LetterView] = []
        self.printed_count = 0
        self._build()
        self._runner.finished.connect(self._on_found)
        self._runner.failed.connect(self._on_failed)
        self.search()

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Meerdere brieven afdrukken"))
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Soort brief"))
        self.kind.addItem(self.tr("Alle soorten"), None)
        for code, kind_label in letters.kinds():
            self.kind.addItem(self.tr(kind_label), code)
        self.kind.setCurrentIndex(self.kind.findData("uitnodiging"))
        monday = today_local() - timedelta(days=today_local().weekday())
        self.start = DateEdit(self, value=monday)
        self.start.setAccessibleName(self.tr("Van"))
        self.end = DateEdit(self, value=monday + timedelta(days=6))
        self.end.setAccessibleName(self.tr("Tot en met"))
        self.search_button = QPushButton(self.tr("&Zoeken"), self)
        for text, widget in (
            (self.tr("&Soort"), self.kind),
            (self.tr("&Van"), self.start),
            (self.tr("&t/m"), self.end),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addWidget(self.search_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = BatchModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Brieven om af te drukken"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(self)
        self.print_button = buttons.addButton(self.tr("&Afdrukken…"), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.tr("&Sluiten"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search_button.clicked.connect(self.search)
        self.print_button.clicked.connect(self.print_all)
        self.resize(820, 520)

    # ------------------------------------------------------------------ search

    def search(self) -> None:
        start, end = self.start.value, self.end.value
        if start is None or end is None:
            self.status.setText(self.tr("Vul beide datums in, zoals 30-11-2026."))
            return
        ctx, kind = self._workspace.ctx, self.kind.currentData()
        self.status.setText(self.tr("Zoeken…"))
        self._runner.submit(lambda: letters.letters_for_batch(ctx, kind, start, end))

    def _on_found(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.model.set_rows(rows)
        self.status.setText(
            self.tr("Geen definitieve brieven gevonden in deze periode.")
            if not rows
            else self.tr("{0} brieven gevonden. Vink uit wat u niet wilt afdrukken.").format(len(rows))
        )
        self.print_button.setEnabled(bool(rows))
        self.searched.emit()

    def _on_failed(self, error: object) -> None:
        self.status.setText(str(error) if isinstance(error, KnownError) else self.tr("Zoeken lukte niet."))
        self.searched.emit()

    # ------------------------------------------------------------------ printing

    def print_all(self, printer: QPrinter | None = None) -> None:
        """Choose a printer once, then print every ticked letter with a progress dialog."""
        batch = self.model.checked()
        if not batch or self._thread is not None:
            return
        chosen = choose_printer(self, None, printer or new_printer())
        if chosen is None:
            return
        self._batch, self._printer, self.printed_count = batch, chosen, 0
        self._painter = PagePainter(chosen)
        self.progress = QProgressDialog(
            self.tr("Brieven afdrukken…"), self.tr("Annuleren"), 0, len(batch), self
        )
        self.progress.setWindowTitle(self.tr("Afdrukken"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self._thread = QThread(self)
        self._worker = RenderWorker(self._workspace.ctx, [x.id for x in batch], print_dpi(chosen))
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.rendered.connect(self._on_rendered)
        self._worker.failed.connect(self._on_render_failed)
        self._worker.done.connect(self._on_done)
        self.print_button.setEnabled(False)
        self._thread.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def _on_rendered(self, index: int, images: object) -> None:
        assert isinstance(images, list) and self._painter is not None and self._printer is not None
        if self._worker is None or self._worker.cancelled:
            return
        letter = self._batch[index]
        try:
            self._painter.add(images)
        except KnownError as exc:
            self._failure = str(exc)
            self.cancel()
            return
        letters.record_print(self._workspace.ctx, letter.id, printer_name(self._printer))
        self.printed_count += 1
        self.progress.setValue(self.printed_count)
        self.progress.setLabelText(
            self.tr("Afgedrukt: {0} van {1} ({2})").format(
                self.printed_count, len(self._batch), letter.dossier_number
            )
        )
        if self._worker is not None:
            self._worker.consumed()

    def _on_render_failed(self, index: int, error: object) -> None:
        self._failure = (
            str(error) if isinstance(error, KnownError) else self.tr("Een brief kon niet worden gelezen.")
        )
        del index

    def _on_done(self) -> None:
        if self._painter is not None:
            self._painter.finish()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        self._thread, self._worker, self._painter = None, None, None
        self.progress.close()
        failure = getattr(self, "_failure", "")
        self._failure = ""
        text = self.tr("{0} van {1} brieven afgedrukt.").format(self.printed_count, len(self._batch))
        self.status.setText(f"{text} {failure}".strip())
        if failure:
            QMessageBox.warning(self, self.tr("Afdrukken gestopt"), f"{text}\n{failure}")
        self.print_button.setEnabled(True)
        self.batch_done.emit(self.printed_count)

    def reject(self) -> None:
        if self._thread is not None:
            self.cancel()
            return
        super().reject()

    @property
    def date_range(self) -> tuple[date | None, date | None]:
        return self.start.value, self.end.value
