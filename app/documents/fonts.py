"""Embedded fonts for every PDF Helder prints.

Helvetica is not embedded and lacks characters such as ś, ő and ĳ, so all documents use
DejaVu Sans, shipped in ``resources/fonts/`` with its licence (STACK.md "PDFs").
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"

_FILES: dict[str, str] = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}


@cache
def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, oblique) with ReportLab once per process.

    Returns the family name, so callers can write ``fontName=register_fonts()``.
    ``<b>`` and ``<i>`` in paragraphs map to the bold and oblique faces.
    """
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR
