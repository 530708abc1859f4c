"""The *Briefpapier* page (beheerder): the municipality's letterhead and a sample letter on it.

Name, address, phone, e-mail, website, logo, the college that decides, the address for bezwaar
and an optional fixed signer. *Voorbeeld vernieuwen* renders an invented beschikking with the
values as typed (nothing is saved); *Opslaan* stores them (audited).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError, ValidationError
from app.services import letterhead
from app.services.letterhead import LetterheadSettings, join_lines, lines_from_text, logo_error
from ui.dialogs.letter_preview import pdf_document
from ui.widgets.field_error import FieldError, FieldErrors
from ui.workers import Runner
from ui.workspace import Workspace


class LetterheadPage(QWidget):
    """Edit the letterhead; a sample letter shows the result."""

    loaded = Signal()
    preview_ready = Signal()
    saved = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._logo: bytes | None = None
        self._document: QPdfDocument | None = None
        self._preview_runner = Runner(self)
        self._build()
        self._preview_runner.finished.connect(self._on_preview)
        self._preview_runner.failed.connect(self._on_preview_failed)
        self.load()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Dit staat op elke brief en klantkaart. Een besluit (beschikking) noemt ook wie besluit "
                "en waar de cliënt bezwaar kan maken. Naam en functie van de consulent komen per brief erbij."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        general = FieldError(None, self)
        layout.addWidget(general)
        self.errors = FieldErrors(general)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(splitter, 1)
        scroll = QScrollArea(splitter)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        column = QVBoxLayout(body)
        scroll.setWidget(body)
        self.name = QLineEdit(body)
        self.department = QLineEdit(body)
        self.address = self._lines_box(body)
        self.phone = QLineEdit(body)
        self.email = QLineEdit(body)
        self.website = QLineEdit(body)
        self.return_address = QLineEdit(body)
        self.return_address.setPlaceholderText(self.tr("Leeg: naam en adres voor bezwaar"))
        self.college = QLineEdit(body)
        self.college.setPlaceholderText(self.tr("het college van burgemeester en wethouders van …"))
        self.objection_address = self._lines_box(body)
        self.signature_name = QLineEdit(body)
        self.signature_role = QLineEdit(body)
        self.signature_name.setPlaceholderText(self.tr("Leeg: de consulent ondertekent"))
        groups = (
            (
                self.tr("Gemeente"),
                (
                    ("name", self.tr("Naam"), self.name),
                    ("department", self.tr("Afdeling"), self.department),
                    ("address_lines", self.tr("Adres (per regel)"), self.address),
                    ("phone", self.tr("Telefoon"), self.phone),
                    ("email", self.tr("E-mail"), self.email),
                    ("website", self.tr("Website"), self.website),
                    ("return_address", self.tr("Retouradres (venster)"), self.return_address),
                ),
            ),
            (
                self.tr("Besluiten en bezwaar"),
                (
                    ("college", self.tr("Wie besluit"), self.college),
                    ("objection_address_lines", self.tr("Adres voor bezwaar"), self.objection_address),
                ),
            ),
            (
                self.tr("Vaste ondertekening (optioneel)"),
                (
                    ("signature_name", self.tr("Naam"), self.signature_name),
                    ("signature_role", self.tr("Functie"), self.signature_role),
                ),
            ),
        )
        for title, rows in groups:
            box = QGroupBox(title, body)
            form = QFormLayout(box)
            for key, text, widget in rows:
                self._row(form, key, text, widget, box)
            column.addWidget(box)
        logo_box = QGroupBox(self.tr("Logo"), body)
        logo_layout = QHBoxLayout(logo_box)
        self.logo_label = QLabel(self.tr("Geen logo"), logo_box)
        self.logo_label.setMinimumSize(160, 64)
        self.logo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_label.setAccessibleName(self.tr("Logo"))
        self.logo_button = QPushButton(self.tr("&Logo kiezen…"), logo_box)
        self.logo_remove = QPushButton(self.tr("Logo weg&halen"), logo_box)
        logo_layout.addWidget(self.logo_label, 1)
        logo_layout.addWidget(self.logo_button)
        logo_layout.addWidget(self.logo_remove)
        self.errors.add("logo", FieldError(self.logo_button, body))
        column.addWidget(logo_box)
        column.addWidget(self.errors.label("logo") or QLabel(body))
        column.addStretch(1)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("&Voorbeeld vernieuwen"), body)
        self.save_button = QPushButton(self.tr("&Opslaan"), body)
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        column.addLayout(buttons)
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        column.addWidget(self.status)
        self.view = QPdfView(splitter)
        self.view.setAccessibleName(self.tr("Voorbeeldbrief"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_remove.clicked.connect(lambda: self.set_logo(None))
        self.preview_button.clicked.connect(self.refresh_preview)
        self.save_button.clicked.connect(self.save)

    def _lines_box(self, parent: QWidget) -> QPlainTextEdit:
        box = QPlainTextEdit(parent)
        box.setTabChangesFocus(True)
        box.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        return box

    def _row(self, form: QFormLayout, key: str, text: str, widget: QWidget, parent: QWidget) -> None:
        holder = QWidget(parent)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(self.errors.add(key, FieldError(widget, holder)))
        label = QLabel(text, parent)
        label.setBuddy(widget)
        widget.setAccessibleName(text)
        form.addRow(label, holder)

    @property
    def busy(self) -> bool:
        """Whether the sample letter is being rendered."""
        return self._preview_runner.busy

    # ------------------------------------------------------------------ values

    def load(self) -> None:
        try:
            values = letterhead.get_letterhead(self._workspace.ctx)
        except KnownError as exc:
            self.status.setText(str(exc))
            return
        self.name.setText(values.name)
        self.department.setText(values.department)
        self.address.setPlainText(join_lines(values.address_lines))
        self.phone.setText(values.phone)
        self.email.setText(values.email)
        self.website.setText(values.website)
        self.return_address.setText(values.return_address)
        self.college.setText(values.college)
        self.objection_address.setPlainText(join_lines(values.objection_address_lines))
        self.signature_name.setText(values.signature_name)
        self.signature_role.setText(values.signature_role)
        self.set_logo(values.logo)
        self.loaded.emit()
        self.refresh_preview()

    def values(self) -> LetterheadSettings:
        """The letterhead as typed now."""
        return LetterheadSettings(
            name=self.name.text(),
            address_lines=lines_from_text(self.address.toPlainText()),
            phone=self.phone.text(),
            email=self.email.text(),
            website=self.website.text(),
            college=self.college.text(),
            objection_address_lines=lines_from_text(self.objection_address.toPlainText()),
            department=self.department.text(),
            return_address=self.return_address.text(),
            signature_name=self.signature_name.text(),
            signature_role=self.signature_role.text(),
            logo=self._logo,
        )

    def set_logo(self, logo: bytes | None) -> None:
        self._logo = logo
        pixmap = QPixmap()
        if logo and pixmap.loadFromData(logo):
            self.logo_label.setPixmap(
                pixmap.scaled(
                    160, 64, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            self.logo_label.setPixmap(QPixmap())
            self.logo_label.setText(self.tr("Geen logo"))
        self.logo_remove.setEnabled(logo is not None)

    def choose_logo(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Logo kiezen"), "", self.tr("Afbeeldingen (*.png *.jpg *.jpeg)")
        )
        if not name:
            return
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            self.errors.show(
                {"logo": self.tr("Het bestand kan niet worden gelezen: {0}").format(exc.strerror or exc)}
            )
            return
        if problem := logo_error(data):
            self.errors.show({"logo": problem})
            return
        self.set_logo(data)
        self.refresh_preview()

    # ------------------------------------------------------------------ preview and save

    def refresh_preview(self) -> None:
        """Render the sample letter with the values as typed (in a worker)."""
        ctx, values = self._workspace.ctx, self.values()
        self.status.setText(self.tr("Voorbeeld maken…"))
        self._preview_runner.submit(lambda: letterhead.sample_pdf(ctx, values))

    def _on_preview(self, data: object) -> None:
        assert isinstance(data, bytes)
        old = self._document
        self._document = pdf_document(data, self)
        self.view.setDocument(self._document)
        if old is not None:
            old.deleteLater()
        self.status.setText("")
        self.preview_ready.emit()

    def _on_preview_failed(self, error: object) -> None:
        self.status.setText(
            self.tr("Het voorbeeld lukt nog niet: {0}").format(error)
            if isinstance(error, ValueError | KnownError)
            else self.tr("Het voorbeeld lukt nog niet.")
        )
        self.preview_ready.emit()

    def save(self) -> bool:
        self.errors.clear()
        try:
            stored = letterhead.update_letterhead(self._workspace.ctx, self.values())
        except ValidationError as exc:
            first = self.errors.show(exc.errors)
            if first is not None:
                first.setFocus()
            return False
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(exc))
            return False
        self.set_logo(stored.logo)
        self.status.setText(self.tr("Het briefpapier is opgeslagen."))
        self.saved.emit()
        self.refresh_preview()
        return True
