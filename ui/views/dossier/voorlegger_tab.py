"""The Voorlegger tab: sections with progress, items with status, files, and the four-eyes check.

Left the sections (progress bar each); right the items of the chosen section and, below, the
chosen item. Keys 1–5 in the item table set the status (1 open, 2 opgevraagd, 3 ontvangen,
4 gecontroleerd, 5 n.v.t.) and move to the next item, so a section is worked through by keyboard.
Files are previewed inside Helder from memory. Every change goes through ``app.services``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, KnownError, ValidationError
from app.rules.voorlegger import ItemStatus, VoorleggerStep
from app.services import voorlegger, voorlegger_files, voorlegger_review
from app.services.voorlegger_views import AttachmentContent, Colleague, ItemView, VoorleggerOverview
from ui.dialogs.attachment_preview import AttachmentPreviewDialog
from ui.dialogs.voorlegger_check import MissingDialog, OfferDialog, ReasonDialog
from ui.format import format_datetime
from ui.models.voorlegger_items import COL_ITEM, VoorleggerItemsModel
from ui.views.dossier.voorlegger_item_panel import ItemPanel
from ui.views.dossier.voorlegger_sections import TO_CHECK, SectionList
from ui.workspace import Workspace

#: Keys 1–5 in the item table, in this order.
KEY_STATUSES = (
    ItemStatus.OPEN,
    ItemStatus.REQUESTED,
    ItemStatus.RECEIVED,
    ItemStatus.CHECKED,
    ItemStatus.NOT_APPLICABLE,
)
_DIGITS = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3, Qt.Key.Key_5: 4}


class ItemTable(QTableView):
    """The items of a section; digits 1–5 ask for a status."""

    status_key = Signal(str)  # ItemStatus code

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = _DIGITS.get(Qt.Key(event.key()))
        if index is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.status_key.emit(KEY_STATUSES[index].value)
            return
        super().keyPressEvent(event)


class VoorleggerTab(QWidget):
    """Tab "Voorlegger" of a dossier (registered in ``ui.registry.DOSSIER_TABS``)."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.dossier_id = dossier_id
        self.overview: VoorleggerOverview | None = None
        self._previews: list[AttachmentPreviewDialog] = []
        self._own_change = False
        self._build()
        workspace.signals.dossier_changed.connect(self._on_dossier_changed)
        self.reload()

    # ----------------------------------------------------------------- building
    def _build(self) -> None:
        self.summary = QLabel()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Voortgang van de voorlegger"))
        self.progress.setFixedWidth(220)
        self.progress.setFormat(self.tr("%v van %m klaar"))
        self.missing_label = QLabel()
        self.missing_button = QPushButton(self.tr("Wat ontbreekt nog?"))
        self.missing_button.clicked.connect(self.on_missing_clicked)
        self.offer_button = QPushButton(self.tr("Aanbieden ter controle…"))
        self.offer_button.clicked.connect(self.on_offer_clicked)
        top = QHBoxLayout()
        top.addWidget(self.summary)
        top.addWidget(self.progress)
        top.addWidget(self.missing_label, 1)
        top.addWidget(self.missing_button)
        top.addWidget(self.offer_button)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #eef4fa; color: #1f4e79; padding: 6px; border-radius: 3px;")
        self.withdraw_button = QPushButton(self.tr("Controle intrekken"))
        self.withdraw_button.clicked.connect(self.on_withdraw_clicked)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.withdraw_button)

        self.sections = SectionList()
        self.sections.section_chosen.connect(lambda _code: self._show_section())
        self.model = VoorleggerItemsModel(self)
        self.table = ItemTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Items van het onderdeel"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda _now, _before: self._show_current())
        self.table.status_key.connect(self.on_status_key)
        hint = QLabel(
            self.tr(
                "Toetsen 1–5 zetten de status: 1 open · 2 opgevraagd · 3 ontvangen · "
                "4 gecontroleerd · 5 n.v.t."
            )
        )
        hint.setStyleSheet("color: #5f6b76;")
        self.panel = ItemPanel()
        self.panel.status_requested.connect(self.request_status)
        self.panel.note_requested.connect(self.on_note)
        self.panel.attach_requested.connect(self.on_attach)
        self.panel.view_requested.connect(self.on_view)
        self.panel.remove_requested.connect(self.on_remove)
        self.panel.check_requested.connect(self.on_check)
        self.panel.send_back_requested.connect(self.on_send_back)

        items = QWidget()
        items_layout = QVBoxLayout(items)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.addWidget(self.table, 1)
        items_layout.addWidget(hint)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(items)
        right.addWidget(self.panel)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.sections)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([250, 850])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(banner_row)
        layout.addWidget(split, 1)
        self.setTabOrder(self.sections, self.table)
        self.setTabOrder(self.table, self.panel.status)

    # ----------------------------------------------------------------- loading
    def reload(self, keep_key: str | None = None) -> None:
        """Read the voorlegger again and show it, keeping the chosen section and item."""
        current = keep_key or (self.panel.item.key if self.panel.item else None)
        try:
            view = voorlegger.overview(self.workspace.ctx, self.dossier_id)
        except KnownError as exc:
            self.show_error(str(exc))
            return
        self.overview = view
        self.summary.setText(self.tr("<b>Voorlegger</b>"))
        self.progress.setRange(0, max(view.total, 1))
        self.progress.setValue(view.done)
        counts = view.missing_counts
        self.missing_label.setText(
            self.tr("Nog nodig voor toelating: {0} · voor gereed voor schuldregeling: {1}").format(
                counts.get(VoorleggerStep.TOELATING, 0), counts.get(VoorleggerStep.SETTLEMENT_READY, 0)
            )
        )
        self._show_banner(view)
        self.offer_button.setEnabled(view.to_check > 0 and not view.is_checker)
        self.sections.set_sections(view.sections, view.to_check if view.is_checker else 0)
        self._show_section(current)

    def _show_banner(self, view: VoorleggerOverview) -> None:
        review = view.open_review
        self.withdraw_button.setVisible(review is not None and not view.is_checker)
        if review is None:
            self.banner.hide()
            return
        if view.is_checker:
            text = self.tr(
                "{0} vraagt u deze voorlegger te controleren. Nog {1} items te controleren: "
                "kies 'Te controleren' links."
            ).format(review.offered_by, view.to_check)
        else:
            text = self.tr("Ter controle bij {0} sinds {1}. Nog {2} items te controleren.").format(
                review.checker_name, format_datetime(review.offered_at), view.to_check
            )
        self.banner.setText(text)
        self.banner.show()

    def _items_of(self, code: str | None) -> list[ItemView]:
        if self.overview is None:
            return []
        if code == TO_CHECK:
            return [i for s in self.overview.sections for i in s.items if i.status == ItemStatus.RECEIVED]
        section = next((s for s in self.overview.sections if s.code == code), None)
        return list(section.items) if section else []

    def _show_section(self, keep_key: str | None = None) -> None:
        self.model.set_items(self._items_of(self.sections.current_code()))
        row = self.model.row_of(keep_key) if keep_key else -1
        self.select_row(max(row, 0))

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, COL_ITEM),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._show_current()

    def _show_current(self) -> None:
        index: QModelIndex = self.table.currentIndex()
        item = self.model.item(index.row()) if index.isValid() else None
        self.panel.show_item(item, is_checker=bool(self.overview and self.overview.is_checker))

    def _on_dossier_changed(self, dossier_id: object) -> None:
        if dossier_id == self.dossier_id and not self._own_change:
            self.reload()

    def _changed(self, key: str | None) -> None:
        self._own_change = True
        try:
            self.workspace.signals.dossier_changed.emit(self.dossier_id)
            self.workspace.signals.signals_changed.emit()
        finally:
            self._own_change = False
        self.reload(key)

    def _run(self, key: str | None, work: Callable[[], object]) -> bool:
        """Call ``work`` (a service call); show a calm message on a known error."""
        try:
            work()
        except ConflictError as exc:
            self.show_error(str(exc))
            self.reload(key)
            return False
        except ValidationError as exc:
            self.show_error("\n".join(exc.errors.values()))
            self._show_current()
            return False
        except KnownError as exc:
            self.show_error(str(exc))
            self._show_current()
            return False
        self._changed(key)
        return True

    # ----------------------------------------------------------------- actions
    def on_status_key(self, status: str) -> None:
        item = self.panel.item
        if item is None:
            return
        if status == item.status:
            self.select_row(self.table.currentIndex().row() + 1)
            return
        row = self.table.currentIndex().row()
        if self.request_status(item.key, status, self.panel.chosen_date()):
            self.select_row(min(row + 1, self.model.rowCount() - 1))

    def request_status(self, key: str, status: str, on: object) -> bool:
        """Move ``key`` to ``status`` (asks a reason for n.v.t.; gecontroleerd goes to the check)."""
        item = self._item(key)
        if item is None:
            return False
        if status == ItemStatus.CHECKED:
            return self.on_check(key)
        if not isinstance(on, date):
            self.show_error(self.tr("Vul een geldige datum in, zoals 30-11-2026."))
            self._show_current()
            return False
        reason = ""
        if status == ItemStatus.NOT_APPLICABLE:
            asked = self.ask_reason(
                self.tr("N.v.t."),
                self.tr("Waarom is '{0}' niet van toepassing?").format(item.label),
                item.not_applicable_reason,
            )
            if asked is None:
                self._show_current()
                return False
            reason = asked
        ctx = self.workspace.ctx
        return self._run(
            key,
            lambda: voorlegger.set_status(
                ctx, self.dossier_id, key, status, on=on, reason=reason, expected_version=item.version
            ),
        )

    def on_note(self, key: str, note: str) -> None:
        item = self._item(key)
        version = item.version if item else None
        self._run(key, lambda: voorlegger.set_note(self.workspace.ctx, self.dossier_id, key, note, version))

    def on_attach(self, key: str) -> None:
        path = self.choose_file()
        if path is None:
            return
        try:
            limit = voorlegger_files.attachment_limit(self.workspace.ctx)
            size = path.stat().st_size
            if size > limit:
                self.show_error(voorlegger_files.too_large_message(size, limit))
                return
            data = path.read_bytes()
        except OSError as exc:
            self.show_error(self.tr("Het bestand kan niet worden gelezen: {0}").format(exc.strerror or exc))
            return
        self._run(
            key,
            lambda: voorlegger_files.attach_file(self.workspace.ctx, self.dossier_id, key, path.name, data),
        )

    def on_view(self, attachment_id: object) -> None:
        assert isinstance(attachment_id, uuid.UUID)
        try:
            content = voorlegger_files.get_attachment(self.workspace.ctx, attachment_id)
        except KnownError as exc:
            self.show_error(str(exc))
            return
        self.show_preview(content)

    def on_remove(self, attachment_id: object) -> None:
        assert isinstance(attachment_id, uuid.UUID)
        if not self.confirm(self.tr("Dit bestand verwijderen uit de voorlegger?")):
            return
        key = self.panel.item.key if self.panel.item else None
        self._run(key, lambda: voorlegger_files.remove_attachment(self.workspace.ctx, attachment_id))

    def on_check(self, key: str) -> bool:
        item = self._item(key)
        version = item.version if item else None
        return self._run(
            key, lambda: voorlegger_review.check_item(self.workspace.ctx, self.dossier_id, key, version)
        )

    def on_send_back(self, key: str) -> None:
        item = self._item(key)
        if item is None:
            return
        reason = self.ask_reason(
            self.tr("Terugsturen"),
            self.tr("Waarom stuurt u '{0}' terug? De consulent ziet deze reden.").format(item.label),
        )
        if reason is not None:
            self._run(
                key,
                lambda: voorlegger_review.send_back(
                    self.workspace.ctx, self.dossier_id, key, reason, item.version
                ),
            )

    def on_offer_clicked(self) -> None:
        colleagues = voorlegger_review.checkers(self.workspace.ctx)
        to_check = self.overview.to_check if self.overview else 0
        checker = self.choose_checker(colleagues, to_check)
        if checker is not None:
            key = self.panel.item.key if self.panel.item else None
            self._run(
                key, lambda: voorlegger_review.offer_for_check(self.workspace.ctx, self.dossier_id, checker)
            )

    def on_withdraw_clicked(self) -> None:
        if self.confirm(self.tr("De controle intrekken? De collega ziet de vraag dan niet meer.")):
            self._run(None, lambda: voorlegger_review.withdraw_offer(self.workspace.ctx, self.dossier_id))

    def on_missing_clicked(self) -> None:
        ctx = self.workspace.ctx
        found = {step.value: voorlegger.missing(ctx, self.dossier_id, step.value) for step in VoorleggerStep}
        MissingDialog(found, self).exec()

    def _item(self, key: str) -> ItemView | None:
        if self.overview is None:
            return None
        return next((i for s in self.overview.sections for i in s.items if i.key == key), None)

    # ----------------------------------------------------------------- dialogs (replaced in tests)
    def ask_reason(self, title: str, question: str, text: str = "") -> str | None:
        dialog = ReasonDialog(title, question, text, self)
        return dialog.reason if dialog.exec() else None

    def choose_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Bestand toevoegen"), "", self.tr("Scans (*.pdf *.jpg *.jpeg *.png)")
        )
        return Path(name) if name else None

    def choose_checker(self, colleagues: list[Colleague], to_check: int) -> uuid.UUID | None:
        dialog = OfferDialog(colleagues, to_check, self)
        return dialog.checker_id if dialog.exec() else None

    def show_preview(self, content: AttachmentContent) -> None:
        dialog = AttachmentPreviewDialog(content, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(
            lambda _result: self._previews.remove(dialog) if dialog in self._previews else None
        )
        self._previews.append(dialog)
        dialog.show()

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Voorlegger"), question)
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Voorlegger"), message)
