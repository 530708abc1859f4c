"""The chosen voorlegger item: status, date, note, files, and the checker's buttons.

The panel only shows an :class:`ItemView` and emits what the user asks for; the tab calls the
services and gives the panel the new view.
"""

from __future__ import annotations

import uuid
from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules.voorlegger import ITEM_STATUS_LABELS, ItemStatus
from app.services.context import today_local
from app.services.voorlegger_views import AttachmentView, ItemView
from ui.format import format_date, format_datetime
from ui.widgets.date_edit import DateEdit

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole
STATUSES = tuple(ItemStatus)


def file_size(size: int) -> str:
    """Return ``240 kB`` or ``1,4 MB``."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


class ItemPanel(QWidget):
    """Details of one item; signals carry the item key (or the attachment id)."""

    status_requested = Signal(str, str, object)  # key, ItemStatus code, date
    note_requested = Signal(str, str)  # key, note
    attach_requested = Signal(str)
    view_requested = Signal(object)  # attachment id
    remove_requested = Signal(object)  # attachment id
    check_requested = Signal(str)
    send_back_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: ItemView | None = None
        self._is_checker = False
        self._build()
        self.show_item(None, is_checker=False)

    # ----------------------------------------------------------------- building
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.client_text = QLabel()
        self.client_text.setWordWrap(True)
        self.client_text.setStyleSheet("color: #5f6b76;")
        self.sent_back = QLabel()
        self.sent_back.setWordWrap(True)
        self.sent_back.setStyleSheet("background: #fdf3f4; color: #a4262c; padding: 6px; border-radius: 3px;")

        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status van het item"))
        for status in STATUSES:
            self.status.addItem(self.tr(ITEM_STATUS_LABELS[status]), status.value)
        self.status.activated.connect(self._on_status_activated)
        self.on_date = DateEdit(value=today_local())
        self.on_date.setAccessibleName(self.tr("Datum van de statuswijziging"))
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(QLabel(self.tr("op")))
        status_row.addWidget(self.on_date)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)

        self.note = QPlainTextEdit()
        self.note.setAccessibleName(self.tr("Notitie bij het item"))
        self.note.setPlaceholderText(self.tr("Notitie, bijvoorbeeld wat er nog ontbreekt"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(70)
        self.note.textChanged.connect(self._on_note_changed)
        self.save_note = QPushButton(self.tr("Notitie opslaan"))
        self.save_note.clicked.connect(self._on_save_note)

        self.files = QListWidget()
        self.files.setAccessibleName(self.tr("Bijlagen van het item"))
        self.files.setMaximumHeight(80)
        self.files.itemActivated.connect(lambda _entry: self._on_view())
        self.files.currentRowChanged.connect(lambda _row: self._update_file_buttons())
        self.add_file = QPushButton(self.tr("Bestand toevoegen…"))
        self.add_file.clicked.connect(lambda: self._emit_key(self.attach_requested))
        self.view_file = QPushButton(self.tr("Bekijken"))
        self.view_file.clicked.connect(self._on_view)
        self.remove_file = QPushButton(self.tr("Verwijderen"))
        self.remove_file.clicked.connect(self._on_remove)
        file_buttons = QHBoxLayout()
        for button in (self.add_file, self.view_file, self.remove_file):
            file_buttons.addWidget(button)
        file_buttons.addStretch(1)

        self.check_box = QGroupBox(self.tr("Controle (vier ogen)"))
        self.check_button = QPushButton(self.tr("Gecontroleerd"))
        self.check_button.setToolTip(self.tr("Het document is goed en compleet"))
        self.check_button.clicked.connect(lambda: self._emit_key(self.check_requested))
        self.send_back_button = QPushButton(self.tr("Terugsturen…"))
        self.send_back_button.setToolTip(self.tr("Terug naar de consulent, met een reden"))
        self.send_back_button.clicked.connect(lambda: self._emit_key(self.send_back_requested))
        check_row = QHBoxLayout(self.check_box)
        check_row.addWidget(self.check_button)
        check_row.addWidget(self.send_back_button)
        check_row.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("Status"), status_row)
        form.addRow("", self.facts)
        note_row = QVBoxLayout()
        note_row.addWidget(self.note)
        note_row.addWidget(self.save_note, 0, Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Notitie"), note_row)
        files_row = QVBoxLayout()
        files_row.addWidget(self.files)
        files_row.addLayout(file_buttons)
        form.addRow(self.tr("Bijlagen"), files_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.client_text)
        layout.addWidget(self.sent_back)
        layout.addLayout(form)
        layout.addWidget(self.check_box)
        layout.addStretch(1)

    # ----------------------------------------------------------------- showing
    @property
    def item(self) -> ItemView | None:
        return self._item

    def show_item(self, item: ItemView | None, *, is_checker: bool) -> None:
        """Show ``item`` (None: nothing chosen); the checker sees the four-eyes buttons."""
        self._item, self._is_checker = item, is_checker
        editable = item is not None and bool(item.next_statuses)
        for widget in (self.status, self.on_date, self.note, self.files, self.add_file):
            widget.setEnabled(editable)
        if item is None:
            self.title.setText(self.tr("<b>Kies een item</b>"))
            self.client_text.clear()
            self.sent_back.hide()
            self.facts.clear()
            self.note.setPlainText("")
            self.files.clear()
            self.check_box.hide()
            self._update_file_buttons()
            return
        self.title.setText(f"<b>{escape(item.label)}</b>")
        self.client_text.setText(
            self.tr("Voor de cliënt: {0}").format(item.client_text) if item.client_text else ""
        )
        self.client_text.setVisible(bool(item.client_text))
        self._show_status(item)
        self.facts.setText(self._facts(item))
        show_back = bool(item.sent_back_reason)
        if show_back:
            self.sent_back.setText(
                self.tr("Teruggestuurd door {0} op {1}: {2}").format(
                    item.sent_back_by, format_date(item.sent_back_on), item.sent_back_reason
                )
            )
        self.sent_back.setVisible(show_back)
        self.note.blockSignals(True)
        self.note.setPlainText(item.note)
        self.note.blockSignals(False)
        self.save_note.setEnabled(False)
        self._show_files(item.attachments)
        self.add_file.setEnabled(editable and item.status != ItemStatus.CHECKED)
        self.check_box.setVisible(is_checker)
        self.check_button.setEnabled(item.status == ItemStatus.RECEIVED)
        self.send_back_button.setEnabled(item.status in (ItemStatus.RECEIVED, ItemStatus.NOT_APPLICABLE))

    def _show_status(self, item: ItemView) -> None:
        model = self.status.model()
        assert isinstance(model, QStandardItemModel)
        for row, status in enumerate(STATUSES):
            allowed = status.value == item.status or status.value in item.next_statuses
            if status == ItemStatus.CHECKED:
                allowed = status.value == item.status or (
                    self._is_checker and item.status == ItemStatus.RECEIVED
                )
            entry = model.item(row)
            if entry is not None:
                entry.setEnabled(allowed)
        self.status.setCurrentIndex(self.status.findData(item.status))

    def _facts(self, item: ItemView) -> str:
        lines: list[str] = []
        if item.requested_on:
            lines.append(self.tr("Opgevraagd op {0}").format(format_date(item.requested_on)))
        if item.received_on:
            lines.append(
                self.tr("Ontvangen op {0} door {1}").format(
                    format_date(item.received_on), escape(item.received_by)
                )
            )
        if item.checked_on:
            lines.append(
                self.tr("Gecontroleerd op {0} door {1}").format(
                    format_date(item.checked_on), escape(item.checked_by)
                )
            )
        if item.not_applicable_reason:
            lines.append(self.tr("N.v.t.: {0}").format(escape(item.not_applicable_reason)))
        if item.overdue:
            lines.append(
                "<span style='color:#a4262c'>" + self.tr("Al lang opgevraagd: vraag het opnieuw.") + "</span>"
            )
        return "<br>".join(lines)

    def _show_files(self, files: tuple[AttachmentView, ...]) -> None:
        self.files.clear()
        for file in files:
            entry = QListWidgetItem(
                f"{file.filename}  ({file_size(file.size)}, {format_datetime(file.added_at)})"
            )
            entry.setData(ATTACHMENT_ROLE, file.id)
            entry.setToolTip(self.tr("Toegevoegd door {0}\nSHA-256: {1}").format(file.added_by, file.sha256))
            self.files.addItem(entry)
        if files:
            self.files.setCurrentRow(0)
        self._update_file_buttons()

    def _update_file_buttons(self) -> None:
        chosen = self.files.currentItem() is not None
        self.view_file.setEnabled(chosen)
        self.remove_file.setEnabled(
            chosen and self._item is not None and self._item.status != ItemStatus.CHECKED
        )

    # ----------------------------------------------------------------- user actions
    def chosen_date(self) -> date | None:
        return self.on_date.value

    def _emit_key(self, signal: SignalInstance) -> None:
        if self._item is not None:
            signal.emit(self._item.key)

    def _on_status_activated(self, index: int) -> None:
        if self._item is None:
            return
        wanted = str(self.status.itemData(index))
        if wanted != self._item.status:
            self.status_requested.emit(self._item.key, wanted, self.chosen_date())

    def _on_note_changed(self) -> None:
        self.save_note.setEnabled(
            self._item is not None and self.note.toPlainText().strip() != self._item.note
        )

    def _on_save_note(self) -> None:
        if self._item is not None:
            self.note_requested.emit(self._item.key, self.note.toPlainText())

    def _chosen_file(self) -> uuid.UUID | None:
        current = self.files.currentItem()
        value = current.data(ATTACHMENT_ROLE) if current is not None else None
        return value if isinstance(value, uuid.UUID) else None

    def _on_view(self) -> None:
        if (chosen := self._chosen_file()) is not None:
            self.view_requested.emit(chosen)

    def _on_remove(self) -> None:
        if (chosen := self._chosen_file()) is not None:
            self.remove_requested.emit(chosen)
