"""Show a PDF inside Helder (QtPdf), print it through the system print dialog, or save it.

The PDF comes as bytes from a service and is read from memory through a ``QBuffer``: no
temporary file ever holds a client's letter. Printing renders each page with
``QPdfDocument.render`` and paints the image on the ``QPrinter``; page rendering needs no GUI
thread, so a batch can render in a worker (:func:`render_pages`) and paint here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRect,
    QSize,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError

#: Pages are rendered at the printer's resolution, but never finer than this (memory).
MAX_PRINT_DPI = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate("LetterPreview", text)


class PdfError(KnownError):
    """The PDF could not be read (should not happen for Helder's own documents)."""


def pdf_document(data: bytes, parent: QObject | None = None) -> QPdfDocument:
    """Load ``data`` into a ``QPdfDocument`` from memory (the buffer lives as long as the document)."""
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PdfError(_tr("Dit PDF-bestand kan niet worden gelezen."))
    return document


def render_pages(data: bytes, dpi: int) -> list[QImage]:
    """Render every page of ``data`` as an image at ``dpi`` (safe in a worker thread)."""
    document = pdf_document(data)
    images = []
    for page in range(document.pageCount()):
        points = document.pagePointSize(page)
        size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
        images.append(document.render(page, size))
    document.close()
    return images


def print_dpi(printer: QPrinter) -> int:
    """The resolution to render pages at for ``printer``."""
    return max(72, min(printer.resolution(), MAX_PRINT_DPI))


def new_printer(data: bytes | None = None) -> QPrinter:
    """A high-resolution printer whose paper matches the PDF's first page (A4 letter, A5 card)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    if data is not None:
        document = pdf_document(data)
        points = document.pagePointSize(0)
        document.close()
        size = QPageSize(
            QSizeF(points.width(), points.height()),
            QPageSize.Unit.Point,
            "",
            QPageSize.SizeMatchPolicy.FuzzyMatch,
        )
        printer.setPageLayout(
            QPageLayout(size, QPageLayout.Orientation.Portrait, printer.pageLayout().margins())
        )
    return printer


def choose_printer(
    parent: QWidget, data: bytes | None = None, printer: QPrinter | None = None
) -> QPrinter | None:
    """Show the system print dialog; the chosen printer, or None when cancelled."""
    printer = printer or new_printer(data)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("Afdrukken"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def printer_name(printer: QPrinter) -> str:
    """What the audit log says the document went to (a printer name or "PDF-bestand")."""
    if printer.outputFileName():
        return "PDF-bestand"
    return printer.printerName() or "printer"


class PagePainter:
    """Paints page images on a printer, one sheet per page, centred and scaled to fit."""

    def __init__(self, printer: QPrinter) -> None:
        self._printer = printer
        self._painter = QPainter()
        self._pages = 0

    def add(self, images: Sequence[QImage]) -> None:
        """Paint ``images`` as the next pages (the job starts with the first page)."""
        for image in images:
            if self._pages == 0:
                if not self._painter.begin(self._printer):
                    raise PdfError(_tr("De printer kan niet worden gestart."))
            else:
                self._printer.newPage()
            area = self._painter.viewport()
            scale = min(area.width() / image.width(), area.height() / image.height())
            width, height = round(image.width() * scale), round(image.height() * scale)
            target = QRect(
                area.x() + (area.width() - width) // 2,
                area.y() + (area.height() - height) // 2,
                width,
                height,
            )
            self._painter.drawImage(target, image)
            self._pages += 1

    @property
    def pages(self) -> int:
        return self._pages

    def finish(self) -> None:
        """End the job (hands it to the printer)."""
        if self._painter.isActive():
            self._painter.end()


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print every page of ``data`` on ``printer``; return the number of pages."""
    painter = PagePainter(printer)
    try:
        painter.add(render_pages(data, print_dpi(printer)))
    finally:
        painter.finish()
    return painter.pages


def save_pdf(parent: QWidget, data: bytes, suggested: str) -> Path | None:
    """Ask where to save ``data`` and write it; the path, or None when cancelled."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, parent.tr("Opslaan als PDF"), suggested, parent.tr("PDF-bestanden (*.pdf)")
    )
    if not name:
        return None
    path = Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")
    try:
        path.write_bytes(data)
    except OSError as exc:
        QMessageBox.warning(
            parent,
            parent.tr("Niet opgeslagen"),
            parent.tr("Het bestand kan niet worden opgeslagen: {0}").format(exc.strerror or exc),
        )
        return None
    return path


class LetterPreviewDialog(QDialog):
    """A PDF shown in Helder with *Afdrukken…* and *Opslaan als PDF…*.

    ``printed`` carries the printer name after a print job, ``exported`` the saved path; the
    caller writes the audit lines. ``intro`` is an optional line above the document (e.g.
    "Concept: nog niet definitief").
    """

    printed = Signal(str)
    exported = Signal(object)  # Path

    def __init__(
        self,
        data: bytes,
        title: str,
        suggested_name: str,
        parent: QWidget | None = None,
        *,
        intro: str = "",
        printer_factory: Callable[[bytes], QPrinter] = new_printer,
    ) -> None:
        super().__init__(parent)
        self._data = data
        self._suggested = suggested_name
        self._printer_factory = printer_factory
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.intro.setVisible(bool(intro))
        layout.addWidget(self.intro)
        self.document = pdf_document(data, self)
        self.view = QPdfView(self)
        self.view.setAccessibleName(self.tr("Voorbeeld van het document"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(self.tr("&Afdrukken…"), self)
        self.save_button = QPushButton(self.tr("&Opslaan als PDF…"), self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.tr("&Sluiten"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        self.print_button.setDefault(True)
        self.print_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(760, 900)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def print_document(self) -> None:
        """Choose a printer and print; ``printed`` follows."""
        printer = choose_printer(self, self._data, self._printer_factory(self._data))
        if printer is None:
            return
        try:
            print_pdf(self._data, printer)
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet afgedrukt"), str(exc))
            return
        self.printed.emit(printer_name(printer))

    def save_document(self) -> None:
        """Ask for a file name and save; ``exported`` follows."""
        path = save_pdf(self, self._data, self._suggested)
        if path is not None:
            self.exported.emit(path)
