"""Preview an attached scan inside Helder: images in a scroll area, PDFs with QtPdf.

The bytes stay in memory: a PDF is read by ``QPdfDocument`` from a ``QBuffer``, an image by
``QPixmap.loadFromData``. Nothing is written to a temporary file.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.voorlegger_views import AttachmentContent
from ui.format import format_datetime

_ZOOM_STEP = 1.25


class AttachmentPreviewDialog(QDialog):
    """Shows one attached file; ``kind`` is "pdf", "image" or "" when it cannot be shown."""

    def __init__(self, content: AttachmentContent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        view = content.view
        self.setWindowTitle(self.tr("Bijlage: {0}").format(view.filename))
        self.resize(820, 900)
        self.kind = ""
        self.pdf_document: QPdfDocument | None = None
        self.pdf_view: QPdfView | None = None
        self.image_label: QLabel | None = None
        self._pixmap = QPixmap()
        self._zoom = 1.0

        header = QLabel(
            self.tr("{0} · toegevoegd {1} door {2} · SHA-256 {3}…").format(
                view.filename, format_datetime(view.added_at), view.added_by, view.sha256[:16]
            )
        )
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.setWordWrap(True)
        self.fit = QCheckBox(self.tr("Passend maken"))
        self.fit.setChecked(True)
        self.fit.toggled.connect(self._apply_zoom)
        self.info = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.info, 1)
        bar.addWidget(QLabel(self.tr("Zoomen: Ctrl+plus / Ctrl+min")))
        bar.addWidget(self.fit)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(bar)
        if view.mime == "application/pdf":
            layout.addWidget(self._pdf(content.data), 1)
        elif view.mime.startswith("image/"):
            layout.addWidget(self._image(content.data), 1)
        else:
            layout.addWidget(QLabel(self.tr("Dit soort bestand kan Helder niet tonen.")), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Sluiten"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self._zoom_by(_ZOOM_STEP))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self._zoom_by(1 / _ZOOM_STEP))

    def _pdf(self, data: bytes) -> QWidget:
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf_document = QPdfDocument(self)
        self.pdf_document.load(self._buffer)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setAccessibleName(self.tr("Voorbeeld van de PDF"))
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setDocument(self.pdf_document)
        if self.pdf_document.status() == QPdfDocument.Status.Ready:
            self.kind = "pdf"
            pages = self.pdf_document.pageCount()
            self.info.setText(self.tr("1 pagina") if pages == 1 else self.tr("{0} pagina's").format(pages))
        else:
            self.info.setText(
                self.tr("Deze PDF kan niet worden geopend; het bestand is mogelijk beschadigd.")
            )
        self._apply_zoom()
        return self.pdf_view

    def _image(self, data: bytes) -> QWidget:
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setAccessibleName(self.tr("Voorbeeld van de afbeelding"))
        self._scroll = QScrollArea()
        self._scroll.setWidget(self.image_label)
        self._scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if self._pixmap.loadFromData(data):
            self.kind = "image"
            self.info.setText(
                self.tr("{0} × {1} beeldpunten").format(self._pixmap.width(), self._pixmap.height())
            )
        else:
            self.image_label.setText(self.tr("Deze afbeelding kan niet worden getoond."))
        self._apply_zoom()
        return self._scroll

    def _zoom_by(self, factor: float) -> None:
        self._zoom = max(0.1, min(8.0, self._zoom * factor))
        self.fit.setChecked(False)
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        fit = self.fit.isChecked()
        if self.pdf_view is not None:
            if fit:
                self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            else:
                self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
                self.pdf_view.setZoomFactor(self._zoom)
        if self.image_label is not None and not self._pixmap.isNull():
            self._scroll.setWidgetResizable(fit)
            if fit:
                width = max(200, self._scroll.viewport().width() - 4)
                scaled = self._pixmap.scaledToWidth(
                    min(width, self._pixmap.width()), Qt.TransformationMode.SmoothTransformation
                )
            else:
                scaled = self._pixmap.scaledToWidth(
                    max(1, int(self._pixmap.width() * self._zoom)), Qt.TransformationMode.SmoothTransformation
                )
            self.image_label.setPixmap(scaled)
            self.image_label.adjustSize()

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.fit.isChecked() and self.image_label is not None:
            self._apply_zoom()
