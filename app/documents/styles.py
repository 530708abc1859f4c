"""Paragraph styles and colours shared by letters, cards and overviews (DejaVu Sans only)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from app.documents.fonts import BOLD, REGULAR, register_fonts

#: Dark blue for headings and the current step; contrast ≥ 7:1 on white.
ACCENT_HEX = "#1F4E79"
ACCENT = colors.HexColor(ACCENT_HEX)
#: Green for finished steps.
DONE = colors.HexColor("#2E7D32")
#: Grey for labels and later steps (still ≥ 4.5:1 on white).
MUTED = colors.HexColor("#595959")
#: Light background for the decision box and cards.
TINT = colors.HexColor("#EAF1F8")
LINE = colors.HexColor("#B0B7BF")


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document family."""

    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    bullet: ParagraphStyle
    decision: ParagraphStyle
    label: ParagraphStyle


@cache
def letter_styles() -> Styles:
    """Styles for A4 letters and overviews: 10 pt text, generous leading."""
    return _styles(size=10.0, leading=14.5, gap=0.6)


@cache
def card_styles() -> Styles:
    """Styles for A5 client cards: larger text (11 pt) for easy reading."""
    return _styles(size=11.0, leading=14.5, gap=0.35)


def _styles(size: float, leading: float, gap: float) -> Styles:
    """``gap`` is the space after a paragraph, as a fraction of the font size."""
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        bulletFontName=REGULAR,
        fontSize=size,
        leading=leading,
        spaceAfter=size * gap,
        splitLongWords=1,
    )
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=size - 2, leading=leading - 3, textColor=MUTED),
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=size + 3, leading=leading + 3, spaceAfter=size
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=size + 1,
            leading=leading + 1,
            textColor=ACCENT,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.3,
            keepWithNext=1,
        ),
        subheading=ParagraphStyle(
            "subheading",
            parent=body,
            fontName=BOLD,
            spaceBefore=size * 0.2,
            spaceAfter=size * 0.15,
            keepWithNext=1,
        ),
        bullet=ParagraphStyle(
            "bullet", parent=body, leftIndent=size * 1.6, bulletIndent=size * 0.4, spaceAfter=size * 0.25
        ),
        decision=ParagraphStyle(
            "decision",
            parent=body,
            fontName=BOLD,
            backColor=TINT,
            borderColor=ACCENT,
            borderWidth=0.8,
            borderPadding=(size * 0.6, size * 0.8),
            leftIndent=size * 0.8,
            rightIndent=size * 0.8,
            spaceBefore=size * 0.6,
            spaceAfter=size * 1.4,
        ),
        label=ParagraphStyle("label", parent=body, fontName=BOLD, spaceAfter=0),
    )
