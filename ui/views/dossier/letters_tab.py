"""The *Brieven* tab: the dossier's letters with their status, and the client cards.

A letter is a concept until *Definitief maken*; then it is stored exactly as printed and never
changes (*Corrigeren…* starts a new letter). *Voorbeeld* shows the PDF inside Helder;
*Afdrukken…* goes through the system print dialog; *Opslaan als PDF…* saves a file. Printing
and saving are written to the audit log. The klantkaart is two clicks away: *Klantkaart…*
opens its preview, whose *Afdrukken…* prints it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError, ValidationError
from app.services import cards, letters
from app.services.letters import LetterView
from ui.dialogs.batch_print import BatchPrintDialog
from ui.dialogs.letter_form import LetterFormDialog
from ui.dialogs.letter_preview import LetterPreviewDialog, choose_printer, print_pdf, printer_name, save_pdf
from ui.dialogs.success_card import SuccessCardDialog
from ui.format import format_date, format_datetime
from ui.models.record_table import Column, RecordTableModel
from ui.views.dossier.view import DossierView
from ui.workers import Runner
from ui.workspace import Workspace

COL_DATE, COL_KIND, COL_STATUS, COL_TO, COL_FINAL = range(5)


def _tr(text: str) -> str:
    return QCoreApplication.translate("LettersTab", text)


def _finalised(letter: LetterView) -> str:
    if not letter.is_final:
        return ""
    return _tr("{0}, {1}").format(
        letter.finalised_by_name or letter.finalised_by or "", format_datetime(letter.finalised_at)
    )


def letter_columns() -> list[Column[LetterView]]:
    return [
        Column(_tr("Datum"), lambda x: format_date(x.letter_date), sort=lambda x: x.letter_date),
        Column(_tr("Soort"), lambda x: _tr(x.kind_label)),
        Column(_tr("Status"), lambda x: _tr(x.status_label)),
        Column(_tr("Aan"), lambda x: x.recipient.name),
        Column(
            _tr("Definitief gemaakt"),
            _finalised,
            tooltip=lambda x: f"SHA-256 {x.sha256}" if x.sha256 else "",
        ),
    ]


def file_name(letter: LetterView) -> str:
    """Suggested file name: kind, dossier number and date (no client name)."""
    state = "" if letter.is_final else "-concept"
    return f"{letter.kind}-{letter.dossier_number}-{letter.letter_date.isoformat()}{state}.pdf"


class LettersTab(QWidget):
    """Letters of one dossier plus the klantkaart and Gelukt!-kaart buttons."""

    loaded = Signal()
    preview_opened = Signal(object)  # LetterPreviewDialog
    printed = Signal(object)  # letter id (uuid) or card kind (str)
    finalised = Signal(object)  # LetterView

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        self._view = DossierView.of(parent)
        self.model: RecordTableModel[LetterView] = RecordTableModel(letter_columns(), self)
        self.preview_dialog: LetterPreviewDialog | None = None
        self.form_dialog: LetterFormDialog | None = None
        self._runners: list[Runner] = []
        self._list_runner = Runner(self)
        self._build()
        self._connect()
        self.reload()

    # ------------------------------------------------------------------ widgets

    @property
    def can_edit(self) -> bool:
        return self._view.can_edit if self._view is not None else True

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&Nieuwe brief…"), self)
        self.edit_button = QPushButton(self.tr("&Wijzigen…"), self)
        self.preview_button = QPushButton(self.tr("&Voorbeeld"), self)
        self.finalise_button = QPushButton(self.tr("&Definitief maken…"), self)
        self.print_button = QPushButton(self.tr("&Afdrukken…"), self)
        self.save_button = QPushButton(self.tr("&Opslaan als PDF…"), self)
        self.correct_button = QPushButton(self.tr("&Corrigeren…"), self)
        self.correct_button.setToolTip(
            self.tr("Een definitieve brief verandert nooit: maak een nieuwe brief als correctie.")
        )
        self.delete_button = QPushButton(self.tr("Concept &verwijderen"), self)
        for button in (
            self.new_button,
            self.edit_button,
            self.preview_button,
            self.finalise_button,
            self.print_button,
            self.save_button,
            self.correct_button,
            self.delete_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        for button in (
            self.new_button,
            self.edit_button,
            self.finalise_button,
            self.correct_button,
            self.delete_button,
        ):
            button.setVisible(self.can_edit)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Brieven"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TO, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Melding"))
        layout.addWidget(self.status)
        cards_bar = QHBoxLayout()
        cards_label = QLabel(self.tr("Voor de cliënt:"), self)
        self.card_button = QPushButton(self.tr("&Klantkaart afdrukken…"), self)
        self.card_button.setToolTip(
            self.tr("De stappenkaart op A5: waar de cliënt is en wat de volgende stappen zijn.")
        )
        self.success_button = QPushButton(self.tr("&Gelukt!-kaart…"), self)
        self.batch_button = QPushButton(self.tr("&Meerdere brieven afdrukken…"), self)
        cards_bar.addWidget(cards_label)
        cards_bar.addWidget(self.card_button)
        cards_bar.addWidget(self.success_button)
        cards_bar.addStretch(1)
        cards_bar.addWidget(self.batch_button)
        layout.addLayout(cards_bar)
        self._update_buttons()

    def _connect(self) -> None:
        self.new_button.clicked.connect(self.new_letter)
        self.edit_button.clicked.connect(self.edit_letter)
        self.preview_button.clicked.connect(self.preview)
        self.finalise_button.clicked.connect(self.finalise)
        self.print_button.clicked.connect(self.print_letter)
        self.save_button.clicked.connect(self.save_letter)
        self.correct_button.clicked.connect(self.correct)
        self.delete_button.clicked.connect(self.delete)
        self.card_button.clicked.connect(self.client_card)
        self.success_button.clicked.connect(self.success_card)
        self.batch_button.clicked.connect(self.batch_print)
        self.table.doubleClicked.connect(lambda _index: self.preview())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._list_runner.finished.connect(self._on_loaded)
        self._list_runner.failed.connect(self._on_failed)
        self._workspace.signals.dossier_changed.connect(self._on_dossier_changed)

    def _update_buttons(self) -> None:
        letter = self.selected()
        concept = letter is not None and not letter.is_final
        self.edit_button.setEnabled(concept)
        self.finalise_button.setEnabled(concept)
        self.delete_button.setEnabled(concept)
        self.correct_button.setEnabled(letter is not None and letter.is_final)
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(letter is not None)

    # ------------------------------------------------------------------ data

    def reload(self, select: uuid.UUID | None = None) -> None:
        """Read the letters again (in a worker); ``loaded`` follows."""
        self._select_after = select or getattr(self, "_select_after", None)
        ctx, dossier_id = self._workspace.ctx, self._dossier_id
        self._list_runner.submit(lambda: letters.list_letters(ctx, dossier_id))

    def _on_loaded(self, rows: object) -> None:
        assert isinstance(rows, list)
        current = self.selected()
        wanted = self._select_after or (current.id if current is not None else None)
        self._select_after = None
        self.model.set_rows(rows)
        for row, letter in enumerate(rows):
            if letter.id == wanted:
                self.table.selectRow(row)
        if not rows:
            self.status.setText(self.tr("Nog geen brieven. Kies 'Nieuwe brief…' om er een te maken."))
        self._update_buttons()
        self.loaded.emit()

    def _on_failed(self, error: object) -> None:
        self.status.setText(str(error) if isinstance(error, KnownError) else self.tr("Dit lukte niet."))
        self.loaded.emit()

    def _on_dossier_changed(self, dossier_id: object) -> None:
        if dossier_id == self._dossier_id:
            self.reload()

    def selected(self) -> LetterView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.record(rows[0].row()) if rows else None

    def select_letter(self, letter_id: uuid.UUID) -> None:
        for row, letter in enumerate(self.model.records()):
            if letter.id == letter_id:
                self.table.selectRow(row)

    def _run(self, work: Callable[[], object], done: Callable[[object], None]) -> None:
        """Run ``work`` in a worker; ``done`` gets its result on the UI thread."""
        runner = Runner(self)
        self._runners.append(runner)

        def finish(result: object) -> None:
            self._runners.remove(runner)
            runner.deleteLater()
            done(result)

        def fail(error: object) -> None:
            self._runners.remove(runner)
            runner.deleteLater()
            self._show_error(error)

        runner.finished.connect(finish)
        runner.failed.connect(fail)
        runner.submit(work)

    @property
    def busy(self) -> bool:
        return bool(self._runners) or self._list_runner.busy

    def _show_error(self, error: object) -> None:
        if isinstance(error, ValidationError):
            text = "\n".join(error.errors.values())
        else:
            text = str(error) if isinstance(error, KnownError) else self.tr("Dit lukte niet.")
        self.status.setText(text)
        QMessageBox.warning(self, self.tr("Niet gelukt"), text)

    def _changed(self, select: uuid.UUID | None = None) -> None:
        self.reload(select)
        if self._view is not None:
            self._view.announce_change()

    # ------------------------------------------------------------------ letters

    def new_letter(self, kind: str | None = None) -> LetterFormDialog:
        """Open the form for a new letter (window-modal, not blocking) and return it."""
        dialog = LetterFormDialog(self._workspace, self._dossier_id, self.window(), kind=kind)
        return self._open_form(dialog)

    def edit_letter(self) -> LetterFormDialog | None:
        letter = self.selected()
        if letter is None or letter.is_final:
            return None
        return self._open_form(
            LetterFormDialog(self._workspace, self._dossier_id, self.window(), letter=letter)
        )

    def _open_form(self, dialog: LetterFormDialog) -> LetterFormDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_saved)
        self.form_dialog = dialog
        dialog.open()
        return dialog

    def _on_saved(self, letter: object) -> None:
        assert isinstance(letter, LetterView)
        self.status.setText(self.tr("Concept opgeslagen. Bekijk het met 'Voorbeeld'."))
        self._changed(letter.id)

    def preview(self) -> None:
        """Show the selected letter inside Helder (a concept carries a "CONCEPT" stamp)."""
        letter = self.selected()
        if letter is None:
            return
        ctx = self._workspace.ctx
        self._run(lambda: letters.preview_pdf(ctx, letter.id), lambda data: self._show_letter(letter, data))

    def _show_letter(self, letter: LetterView, data: object) -> None:
        assert isinstance(data, bytes)
        intro = (
            self.tr("Definitief: zo is de brief verstuurd. Afdrukken geeft precies dezelfde brief.")
            if letter.is_final
            else self.tr("Concept: nog niet definitief. Op papier staat 'CONCEPT'.")
        )
        dialog = LetterPreviewDialog(data, letter.kind_label, file_name(letter), self.window(), intro=intro)
        ctx = self._workspace.ctx
        dialog.printed.connect(lambda name: self._printed_letter(letter, name))
        dialog.exported.connect(lambda _path: letters.record_export(ctx, letter.id))
        self._open_preview(dialog)

    def _open_preview(self, dialog: LetterPreviewDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview_dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "preview_dialog", None))
        dialog.open()
        self.preview_opened.emit(dialog)

    def _printed_letter(self, letter: LetterView, printer: str) -> None:
        letters.record_print(self._workspace.ctx, letter.id, printer)
        self.status.setText(self.tr("{0} is afgedrukt.").format(letter.kind_label))
        self.printed.emit(letter.id)

    def finalise(self) -> None:
        """Ask for confirmation, then make the selected concept final."""
        letter = self.selected()
        if letter is None or letter.is_final:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Definitief maken"),
            self.tr(
                "Wilt u '{0}' definitief maken? Daarna kan de brief nooit meer veranderen. "
                "Een fout herstelt u met een nieuwe brief."
            ).format(letter.kind_label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._finalise(letter, None)

    def _finalise(self, letter: LetterView, reason: str | None) -> None:
        ctx = self._workspace.ctx
        runner = Runner(self)
        self._runners.append(runner)

        def done(result: object) -> None:
            self._runners.remove(runner)
            assert isinstance(result, LetterView)
            text = self.tr("{0} is definitief. U kunt hem nu afdrukken.").format(result.kind_label)
            self.status.setText("\n".join([text, *result.notes]))
            self._changed(result.id)
            self.finalised.emit(result)

        def failed(error: object) -> None:
            self._runners.remove(runner)
            if (
                isinstance(error, ValidationError)
                and "voorlegger" in error.errors
                and self._workspace.ctx.user.is_team_lead
            ):
                reason_text, ok = QInputDialog.getText(
                    self,
                    self.tr("Voorlegger nog niet compleet"),
                    self.tr("{0}\n\nAls teamleider kunt u toch doorgaan. Waarom?").format(
                        error.errors["voorlegger"]
                    ),
                )
                if ok and reason_text.strip():
                    self._finalise(letter, reason_text.strip())
                return
            self._show_error(error)

        runner.finished.connect(done)
        runner.failed.connect(failed)
        runner.submit(lambda: letters.finalise(ctx, letter.id, override_reason=reason))

    def print_letter(self) -> None:
        """Print the selected letter through the system print dialog (audited)."""
        letter = self.selected()
        if letter is None:
            return
        ctx = self._workspace.ctx
        self._run(lambda: letters.get_pdf(ctx, letter.id), lambda data: self._print_bytes(letter, data))

    def _print_bytes(self, letter: LetterView, data: object) -> None:
        assert isinstance(data, bytes)
        printer = choose_printer(self, data)
        if printer is None:
            return
        try:
            print_pdf(data, printer)
        except KnownError as exc:
            self._show_error(exc)
            return
        self._printed_letter(letter, printer_name(printer))

    def save_letter(self) -> None:
        """Save the selected letter as a PDF file (audited)."""
        letter = self.selected()
        if letter is None:
            return
        ctx = self._workspace.ctx

        def save(data: object) -> None:
            assert isinstance(data, bytes)
            if save_pdf(self, data, file_name(letter)) is not None:
                letters.record_export(ctx, letter.id)
                self.status.setText(self.tr("De brief is opgeslagen."))

        self._run(lambda: letters.get_pdf(ctx, letter.id), save)

    def correct(self) -> None:
        """Start a new concept as a correction of the selected final letter."""
        letter = self.selected()
        if letter is None or not letter.is_final:
            return
        try:
            new = letters.correct(self._workspace.ctx, letter.id)
        except KnownError as exc:
            self._show_error(exc)
            return
        self.status.setText(
            self.tr("Er is een nieuw concept gemaakt als correctie. Pas het aan met 'Wijzigen…'.")
        )
        self._changed(new.id)

    def delete(self) -> None:
        letter = self.selected()
        if letter is None or letter.is_final:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Concept verwijderen"),
            self.tr("Wilt u dit concept verwijderen?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            letters.delete_concept(self._workspace.ctx, letter.id)
        except KnownError as exc:
            self._show_error(exc)
            return
        self._changed()

    # ------------------------------------------------------------------ cards and batches

    def client_card(self) -> None:
        """Render the klantkaart and show it with *Afdrukken…* (the second click prints)."""
        ctx, dossier_id = self._workspace.ctx, self._dossier_id
        self._run(
            lambda: cards.render_card_pdf(ctx, dossier_id), lambda data: self._show_card("klantkaart", data)
        )

    def success_card(self) -> None:
        """Ask what was achieved, then show the "Gelukt!" card with *Afdrukken…*."""
        try:
            suggestions = cards.success_suggestions(self._workspace.ctx, self._dossier_id)
        except KnownError as exc:
            self._show_error(exc)
            return
        dialog = SuccessCardDialog(suggestions, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen() -> None:
            ctx, dossier_id = self._workspace.ctx, self._dossier_id
            text, following = dialog.achievement_text, dialog.next_step_text
            self._run(
                lambda: cards.render_success_pdf(ctx, dossier_id, text, next_step=following),
                lambda data: self._show_card("gelukt", data),
            )

        dialog.accepted.connect(chosen)
        self.success_dialog = dialog
        dialog.open()

    def _show_card(self, kind: str, data: object) -> None:
        assert isinstance(data, bytes)
        title = cards.CARD_KINDS[kind]
        number = self._view.detail.number if self._view is not None else "dossier"
        dialog = LetterPreviewDialog(data, self.tr(title), f"{kind}-{number}.pdf", self.window())
        ctx, dossier_id = self._workspace.ctx, self._dossier_id

        def printed(name: str) -> None:
            cards.record_output(ctx, dossier_id, kind, "print", {"printer": name})
            self.status.setText(self.tr("{0} is afgedrukt.").format(title))
            self.printed.emit(kind)

        dialog.printed.connect(printed)
        dialog.exported.connect(lambda _path: cards.record_output(ctx, dossier_id, kind, "export"))
        self._open_preview(dialog)

    def batch_print(self) -> BatchPrintDialog:
        """Open the batch print dialog (e.g. all invitations of this week)."""
        dialog = BatchPrintDialog(self._workspace, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
