"""The "CONCEPT" stamp on every page of a letter that is not final yet.

A printed concept can then never be mistaken for the letter that was sent (only a finalised
letter is stored and reprinted exactly).
"""

from __future__ import annotations

from functools import cache
from io import BytesIO

# pypdf and ReportLab are imported in the functions: importing this module (as the letters
# service does at login) must stay cheap; only printing a concept needs them.

#: The word on the stamp (also what tests look for in the extracted text).
CONCEPT_WORD = "CONCEPT"
_NOTE = "Niet versturen: deze brief is nog niet definitief."


@cache
def _stamp(width: float, height: float) -> bytes:
    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas

    from app.documents.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    canvas.saveState()
    canvas.setFillColor(Color(0.75, 0.1, 0.1, alpha=0.18))
    canvas.translate(width / 2, height / 2)
    canvas.rotate(50)
    size = min(width, height) / 5
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(0, -size / 3, CONCEPT_WORD)
    canvas.restoreState()
    canvas.setFillColor(Color(0.64, 0.15, 0.17))
    canvas.setFont(REGULAR, 8)
    canvas.drawCentredString(width / 2, height - 6 * 2.835, f"{CONCEPT_WORD} — {_NOTE}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def stamp_concept(pdf: bytes) -> bytes:
    """Return ``pdf`` with a light diagonal "CONCEPT" and a note at the top of every page."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.merge_page(PdfReader(BytesIO(_stamp(width, height))).pages[0])
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
