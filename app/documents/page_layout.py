"""A4 page furniture: letterhead, envelope window, reference block, page numbers.

Measurements (mm, from the top-left corner of an A4 sheet, 210 × 297):

* Envelope window (Dutch window envelope EA5/6 or C5/6, window on the left; sheet folded in
  three at 99 and 198 mm): 20–110 mm from the left, 50–90 mm from the top (90 × 40 mm).
  The return address sits on its first line, the recipient 2 mm inside the window edge
  (x = 22 mm, first baseline 61 mm, lines 4.6 mm apart, at most 5 lines → last baseline 79.4 mm),
  so a sheet that shifts a few millimetres in the envelope still shows the whole address.
* Letterhead: 10–45 mm from the top; logo at the left (at most 45 × 18 mm), the
  municipality's contact details in a column from x = 140 mm.
* Reference column (datum, kenmerk, behandeld door, telefoon): right of the window, from
  x = 125 mm, between 52 and 90 mm from the top, so it never shows through the window.
* Body: from 100 mm on page 1, from 24 mm on later pages, down to 20 mm above the bottom;
  "Pagina n van m" sits 10 mm above the bottom edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.documents.fonts import BOLD, REGULAR
from app.documents.models import Letterhead, Recipient
from app.documents.styles import ACCENT, LINE, MUTED

PAGE_WIDTH: float = A4[0]
PAGE_HEIGHT: float = A4[1]
LEFT = 22 * mm
RIGHT = 20 * mm
BODY_WIDTH = PAGE_WIDTH - LEFT - RIGHT
BOTTOM = 20 * mm

WINDOW_LEFT = 20 * mm
WINDOW_TOP = 50 * mm
WINDOW_WIDTH = 90 * mm
WINDOW_HEIGHT = 40 * mm
ADDRESS_LEFT = WINDOW_LEFT + 2 * mm
ADDRESS_FIRST_BASELINE = 61 * mm
ADDRESS_LINE_STEP = 4.6 * mm
RETURN_BASELINE = 54 * mm

LETTERHEAD_TOP = 10 * mm
LOGO_MAX_WIDTH = 45 * mm
LOGO_MAX_HEIGHT = 18 * mm
REFERENCE_LEFT = 125 * mm
REFERENCE_TOP = 52 * mm
REFERENCE_BOTTOM = 90 * mm
BODY_TOP_FIRST = 100 * mm
BODY_TOP_LATER = 24 * mm
PAGE_NUMBER_BASELINE = 10 * mm
FOLD_MARKS = (99 * mm, 198 * mm)


def y_from_top(distance: float) -> float:
    """ReportLab measures from the bottom; the layout above is written from the top."""
    return PAGE_HEIGHT - distance


def logo_image(logo: Path | str | bytes | None) -> ImageReader | None:
    """Open the letterhead logo; ``None`` gives no logo, a missing file is an error."""
    if logo is None:
        return None
    if isinstance(logo, bytes):
        source: BytesIO | str = BytesIO(logo)
    else:
        path = Path(logo)
        if not path.is_file():
            raise ValueError(f"letterhead logo not found: {path}")
        source = str(path)
    try:
        reader = ImageReader(source)
        reader.getSize()
    except Exception as exc:  # ReportLab/PIL raise many kinds for a bad image
        raise ValueError(f"letterhead logo is not a readable image: {exc}") from exc
    return reader


def fitted_size(text: str, font: str, size: float, max_width: float, minimum: float = 6.0) -> float:
    """Largest font size ≤ ``size`` at which ``text`` fits ``max_width`` (not below ``minimum``)."""
    while size > minimum and stringWidth(text, font, size) > max_width:
        size -= 0.5
    return size


def draw_letterhead(c: Canvas, head: Letterhead, logo: ImageReader | None, *, page_width: float) -> float:
    """Draw logo, name and contact column at the top of a page; return the bottom (from top)."""
    x = LEFT
    bottom = LETTERHEAD_TOP + 14 * mm
    if logo is not None:
        width, height = logo.getSize()
        scale = min(LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height)
        w, h = width * scale, height * scale
        c.drawImage(logo, LEFT, y_from_top(LETTERHEAD_TOP + h), w, h, mask="auto")
        x = LEFT + w + 4 * mm
        bottom = max(bottom, LETTERHEAD_TOP + h)
    contact_left = page_width - RIGHT - 50 * mm
    name_size = fitted_size(head.municipality, BOLD, 15, contact_left - x - 4 * mm)
    c.setFillColor(ACCENT)
    c.setFont(BOLD, name_size)
    c.drawString(x, y_from_top(LETTERHEAD_TOP + 6 * mm), head.municipality)
    c.setFillColor(MUTED)
    c.setFont(REGULAR, 9)
    c.drawString(x, y_from_top(LETTERHEAD_TOP + 11 * mm), head.department)
    lines = [*head.address_lines, f"T {head.phone}", head.email, head.website]
    c.setFont(REGULAR, 8)
    for i, line in enumerate(lines):
        size = fitted_size(line, REGULAR, 8, 50 * mm)
        c.setFont(REGULAR, size)
        c.drawString(contact_left, y_from_top(LETTERHEAD_TOP + 3 * mm + i * 3.6 * mm), line)
    c.setFillColor("black")
    return float(max(bottom, LETTERHEAD_TOP + 3 * mm + len(lines) * 3.6 * mm))


def draw_window_address(c: Canvas, head: Letterhead, recipient: Recipient) -> None:
    """Return address and recipient inside the envelope window (see module docstring)."""
    width = WINDOW_WIDTH - 4 * mm
    if head.return_address:
        size = fitted_size(head.return_address, REGULAR, 7, width)
        c.setFillColor(MUTED)
        c.setFont(REGULAR, size)
        c.drawString(ADDRESS_LEFT, y_from_top(RETURN_BASELINE), head.return_address)
        c.setStrokeColor(LINE)
        c.setLineWidth(0.3)
        line_y = y_from_top(RETURN_BASELINE) - 1.2 * mm
        c.line(ADDRESS_LEFT, line_y, ADDRESS_LEFT + stringWidth(head.return_address, REGULAR, size), line_y)
        c.setFillColor("black")
    lines = [recipient.name, *recipient.address_lines]
    size = min(fitted_size(line, REGULAR, 10, width) for line in lines)
    for i, line in enumerate(lines):
        c.setFont(REGULAR, size)
        c.drawString(ADDRESS_LEFT, y_from_top(ADDRESS_FIRST_BASELINE + i * ADDRESS_LINE_STEP), line)


def draw_fold_marks(c: Canvas) -> None:
    """Short marks in the left margin where the sheet is folded in three."""
    c.setStrokeColor(LINE)
    c.setLineWidth(0.4)
    for distance in FOLD_MARKS:
        c.line(4 * mm, y_from_top(distance), 8 * mm, y_from_top(distance))


def draw_reference_block(c: Canvas, rows: Sequence[tuple[str, Sequence[str]]], *, page_width: float) -> None:
    """Label-over-value rows ("Ons kenmerk" / "2026-0042") in the column right of the window.

    Raises ``ValueError`` when the rows would run below the window's bottom edge.
    """
    width = page_width - RIGHT - REFERENCE_LEFT
    top = REFERENCE_TOP
    for label, values in rows:
        c.setFillColor(MUTED)
        c.setFont(REGULAR, 7)
        c.drawString(REFERENCE_LEFT, y_from_top(top + 2.5 * mm), label)
        top += 2.8 * mm
        c.setFillColor("black")
        for value in values:
            c.setFont(REGULAR, fitted_size(value, REGULAR, 9, width))
            c.drawString(REFERENCE_LEFT, y_from_top(top + 3.4 * mm), value)
            top += 4.0 * mm
        top += 1.2 * mm
    if top > REFERENCE_BOTTOM + 1.2 * mm:
        raise ValueError("the reference column does not fit beside the address window")


def draw_continuation_header(c: Canvas, text: str, *, page_width: float, page_height: float) -> None:
    """One grey line at the top of later pages, so a loose page can be traced."""
    c.setFillColor(MUTED)
    c.setFont(REGULAR, 8)
    c.drawString(LEFT, page_height - 12 * mm, text)
    c.setStrokeColor(LINE)
    c.setLineWidth(0.4)
    c.line(LEFT, page_height - 14 * mm, page_width - RIGHT, page_height - 14 * mm)
    c.setFillColor("black")


def draw_page_number(c: Canvas, page: int, total: int | None, *, page_width: float) -> None:
    """ "Pagina n van m" at the bottom right; nothing on a single-page document."""
    if total is None or total < 2:
        return
    c.setFillColor(MUTED)
    c.setFont(REGULAR, 8)
    c.drawRightString(page_width - RIGHT, PAGE_NUMBER_BASELINE, f"Pagina {page} van {total}")
    c.setFillColor("black")


class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type hints
    """A canvas that writes "Pagina n van m" on every page of a multi-page document.

    Each finished page is kept until the document is saved; the total is known then, and the
    number is drawn on each page just before it is written (ReportLab's usual recipe). The
    story is laid out once, instead of once to count the pages and again to number them.
    Pass it to ``BaseDocTemplate.build(..., canvasmaker=NumberedCanvas)``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._finished_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._finished_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._finished_pages)
        for state in self._finished_pages:
            self.__dict__.update(state)
            draw_page_number(self, self.getPageNumber(), total, page_width=self._pagesize[0])
            super().showPage()
        super().save()
