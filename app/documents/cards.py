"""Client cards on A5: the klantkaart (steps and next small steps) and the "Gelukt!" card.

B1 Dutch from ``resources/templates/cards/``; the wording follows the counsellor's ``Tone``
and never names a client profile (DOMAIN.md "Klantkaarten"; seeds 004:1685, 004:1776-1791
and 001 "stress-sensitieve dienstverlening").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.card_texts import fill, load_client_card_texts, load_success_card_texts
from app.documents.fonts import BOLD, REGULAR, register_fonts
from app.documents.formats import format_date_nl, format_time_nl
from app.documents.letters import markup
from app.documents.models import CardRequest, Letterhead, SuccessCardRequest
from app.documents.page_layout import fitted_size, logo_image
from app.documents.step_map import client_step, step_map_drawing
from app.documents.styles import ACCENT, ACCENT_HEX, DONE, LINE, MUTED, TINT, Styles, card_styles

CARD_WIDTH: float = A5[0]
CARD_HEIGHT: float = A5[1]
CARD_MARGIN = 12 * mm
CARD_BOTTOM = 10 * mm
CARD_HEADER = 25 * mm
CONTENT_WIDTH = CARD_WIDTH - 2 * CARD_MARGIN
CHECKBOX = "\u2610"
#: Step labels on a card: as large as "Aanmelding" allows in a seventh of the width.
STEP_MAP_FONT = 7.5


def render_card(letterhead: Letterhead, card: CardRequest) -> bytes:
    """Render a klantkaart: exactly one A5 page (content shrinks rather than spill over)."""
    texts = load_client_card_texts()
    tone = texts.tones[card.tone]
    styles = card_styles()
    t = texts.texts
    name = "klantkaart"

    story: list[Flowable] = [
        Paragraph(markup(t["title"]), _big_title(styles)),
        Paragraph(markup(fill(name, t["for_client"], client_name=card.client_name)), styles.small),
        Spacer(1, 2 * mm),
        Paragraph(markup(tone.intro), styles.body),
        Paragraph(markup(t["where_heading"]), styles.heading),
        step_map_drawing(card.current_phase, CONTENT_WIDTH, font_size=STEP_MAP_FONT),
        Spacer(1, 2 * mm),
        Paragraph(markup(t["next_steps_heading"]), styles.heading),
    ]
    if card.next_steps:
        for step in card.next_steps:
            text = markup(step.text)
            if step.due is not None:
                due = fill(name, t["due"], due=format_date_nl(step.due, weekday=True))
                text += f'<br/><font color="{ACCENT_HEX}" name="{BOLD}">{markup(due)}</font>'
            story.append(Paragraph(text, _checkbox_style(styles), bulletText=CHECKBOX))
    else:
        story.append(Paragraph(markup(t["no_next_steps"]), styles.body))
    story.append(Paragraph(markup(t["municipality_heading"]), styles.heading))
    if card.municipality_steps:
        story.extend(Paragraph(markup(s), styles.bullet, bulletText="•") for s in card.municipality_steps)
    else:
        story.append(Paragraph(markup(t["no_municipality_steps"]), styles.body))
    story.append(Spacer(1, 1.5 * mm))
    notes = list(tone.extra)
    if card.check_in_date is not None:
        notes.append(
            fill(name, tone.check_in, check_in_date=format_date_nl(card.check_in_date, weekday=True))
        )
    story.extend(Paragraph(markup(note), styles.body) for note in notes)
    shown_step = client_step(card.current_phase)
    if tone.show_tip and shown_step is not None:
        tip = f"<b>{markup(t['tip_heading'])}:</b> {markup(texts.tips[shown_step])}"
        story.append(_tinted([Paragraph(tip, styles.body)]))
    story.append(Spacer(1, 2 * mm))
    story.append(_appointment_and_contact(card, styles))
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(markup(tone.closing), styles.body))
    return _one_a5_page(letterhead, card.card_date, f"{t['title']}", story)


def render_success_card(letterhead: Letterhead, card: SuccessCardRequest) -> bytes:
    """Render a "Gelukt!" card (A5) celebrating a step the client finished."""
    texts = load_success_card_texts()
    t = texts.texts
    styles = card_styles()
    name = "gelukt"
    story: list[Flowable] = [
        _celebration(t["title"]),
        Spacer(1, 8 * mm),
        Paragraph(markup(fill(name, t["greeting"], client_name=card.client_name)), styles.body),
        Paragraph(markup(t["achievement_heading"]), styles.heading),
        _tinted([Paragraph(markup(card.achievement), _achievement_style(styles))]),
        Spacer(1, 5 * mm),
        Paragraph(markup(texts.praise[card.tone]), _praise_style(styles)),
        Spacer(1, 3 * mm),
    ]
    if card.next_step:
        story.append(Paragraph(markup(t["next_heading"]), styles.heading))
        story.append(Paragraph(markup(card.next_step), styles.body))
    story.extend(
        [
            Paragraph(markup(t["where_heading"]), styles.heading),
            step_map_drawing(card.current_phase, CONTENT_WIDTH, font_size=STEP_MAP_FONT),
            Spacer(1, 10 * mm),
            Paragraph(markup(t["closing"]), styles.body),
            Paragraph(markup(card.counsellor_name), styles.label),
        ]
    )
    if card.contact_phone:
        contact = fill(
            name, t["contact"], counsellor_name=card.counsellor_name, contact_phone=card.contact_phone
        )
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph(markup(contact), styles.small))
    return _one_a5_page(letterhead, card.card_date, t["title"], story)


def _one_a5_page(letterhead: Letterhead, card_date: date, title: str, story: list[Flowable]) -> bytes:
    register_fonts()
    logo = logo_image(letterhead.logo)
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A5,
        title=title,
        author=letterhead.municipality,
        creator="Helder",
        lang="nl-NL",
        invariant=1,
        initialFontName=REGULAR,
    )
    height = CARD_HEIGHT - CARD_HEADER - CARD_BOTTOM
    frame = Frame(CARD_MARGIN, CARD_BOTTOM, CONTENT_WIDTH, height, 0, 0, 0, 0, id="card")
    doc.addPageTemplates([PageTemplate("card", [frame], onPage=_card_header(letterhead, logo, card_date))])
    doc.build([KeepInFrame(CONTENT_WIDTH, height, story, mode="shrink")])
    if doc.page != 1:  # pragma: no cover - KeepInFrame(shrink) guarantees one page
        raise RuntimeError(f"a card must be one page, got {doc.page}")
    return buffer.getvalue()


def _card_header(head: Letterhead, logo: ImageReader | None, card_date: date) -> Callable[[Any, Any], None]:
    def draw(c: Any, _doc: Any) -> None:
        x = CARD_MARGIN
        top = CARD_HEIGHT - CARD_MARGIN
        if logo is not None:
            width, height = logo.getSize()
            scale = min(25 * mm / width, 9 * mm / height)
            c.drawImage(logo, x, top - height * scale, width * scale, height * scale, mask="auto")
            x += width * scale + 3 * mm
        date_text = format_date_nl(card_date)
        c.setFillColor(MUTED)
        c.setFont(REGULAR, 8)
        c.drawRightString(CARD_WIDTH - CARD_MARGIN, top - 4 * mm, date_text)
        room = CARD_WIDTH - CARD_MARGIN - x - 30 * mm
        c.setFillColor(ACCENT)
        c.setFont(BOLD, fitted_size(head.municipality, BOLD, 10, room))
        c.drawString(x, top - 4 * mm, head.municipality)
        c.setFillColor(MUTED)
        c.setFont(REGULAR, 8)
        c.drawString(x, top - 8 * mm, f"{head.department}  ·  {head.phone}")
        c.setStrokeColor(LINE)
        c.setLineWidth(0.5)
        c.line(CARD_MARGIN, top - 11 * mm, CARD_WIDTH - CARD_MARGIN, top - 11 * mm)
        c.setFillColor(colors.black)

    return draw


def _appointment_and_contact(card: CardRequest, styles: Styles) -> Table:
    t = load_client_card_texts().texts
    name = "klantkaart"
    left: list[Flowable] = [Paragraph(markup(t["appointment_heading"]), styles.label)]
    appointment = card.appointment
    if appointment is None:
        left.append(Paragraph(markup(t["no_appointment"]), styles.body))
    else:
        when = fill(
            name,
            t["appointment"],
            day=format_date_nl(appointment.day, weekday=True),
            time=format_time_nl(appointment.start),
        )
        lines = [when, fill(name, t["appointment_place"], place=appointment.place)]
        if appointment.with_whom:
            lines.append(fill(name, t["appointment_with"], with_whom=appointment.with_whom))
        left.append(Paragraph("<br/>".join(markup(line) for line in lines), styles.body))
    right: list[Flowable] = [
        Paragraph(markup(t["contact_heading"]), styles.label),
        Paragraph(
            markup(
                fill(name, t["contact"], contact_name=card.contact_name, contact_phone=card.contact_phone)
            ),
            styles.body,
        ),
    ]
    # The left column fits the longest Dutch date ("woensdag 30 september 2026") at 11 pt.
    gap = 3 * mm
    wide = 64 * mm
    table = Table([[left, "", right]], colWidths=[wide, gap, CONTENT_WIDTH - wide - gap], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, 0), TINT),
                ("BACKGROUND", (2, 0), (2, 0), TINT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _tinted(content: list[Flowable]) -> Table:
    table = Table([[content]], colWidths=[CONTENT_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR),
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _celebration(title: str) -> Drawing:
    """A large green check mark with the title beside it."""
    size = 26 * mm
    drawing = Drawing(CONTENT_WIDTH, size, initialFontName=REGULAR)
    radius = size / 2 - 1
    drawing.add(Circle(radius + 1, size / 2, radius, fillColor=DONE, strokeColor=DONE))
    drawing.add(
        String(
            radius + 1,
            size / 2 - radius * 0.55,
            "\u2713",
            fontName=BOLD,
            fontSize=radius * 1.6,
            fillColor=colors.white,
            textAnchor="middle",
        )
    )
    drawing.add(String(size + 6 * mm, size / 2 - 10, title, fontName=BOLD, fontSize=32, fillColor=ACCENT))
    return drawing


def _big_title(styles: Styles) -> ParagraphStyle:
    return ParagraphStyle(
        "card-title", parent=styles.title, fontSize=18, leading=22, textColor=ACCENT, spaceAfter=1
    )


def _checkbox_style(styles: Styles) -> ParagraphStyle:
    return ParagraphStyle(
        "checkbox",
        parent=styles.bullet,
        leftIndent=17,
        bulletIndent=0,
        bulletFontName=REGULAR,
        bulletFontSize=13,
        spaceAfter=4,
    )


def _praise_style(styles: Styles) -> ParagraphStyle:
    return ParagraphStyle(
        "praise", parent=styles.body, fontName=BOLD, fontSize=13, leading=17, textColor=DONE
    )


def _achievement_style(styles: Styles) -> ParagraphStyle:
    return ParagraphStyle("achievement", parent=styles.label, fontSize=13, leading=17, spaceAfter=4)
