"""Letters and beschikkingen on A4 for a window envelope, filled from a template."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from functools import cache
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.fonts import REGULAR, register_fonts
from app.documents.formats import format_date_nl
from app.documents.models import Letterhead, LetterRequest
from app.documents.page_layout import (
    BODY_TOP_FIRST,
    BODY_TOP_LATER,
    BODY_WIDTH,
    BOTTOM,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    NumberedCanvas,
    draw_continuation_header,
    draw_fold_marks,
    draw_letterhead,
    draw_reference_block,
    draw_window_address,
    logo_image,
)
from app.documents.styles import Styles, letter_styles
from app.documents.template_parts import FilledBlock, TemplateError
from app.documents.templates import Template, load_template

#: The shortest possible objection term (Awb 6:7): the last day is never earlier than this.
OBJECTION_TERM = timedelta(weeks=6)


def render_letter(letterhead: Letterhead, request: LetterRequest) -> bytes:
    """Render one letter or beschikking as a PDF (A4, DejaVu Sans embedded).

    Raises ``TemplateError`` when the fields do not match the template, and ``ValueError``
    when a beschikking lacks its last day to object (RULES.md §3) or a letter that is no
    beschikking gets one.
    """
    template = load_template(request.kind)
    _check_objection_date(template, request)
    blocks = template.fill(request.fields, _builtins(letterhead, request, template))
    logo = logo_image(letterhead.logo)
    styles = _styles()

    buffer = BytesIO()
    doc = _document(buffer, letterhead, request, template)
    later_header = (
        f"{letterhead.municipality}  ·  kenmerk {request.dossier_number}  ·  "
        f"{format_date_nl(request.letter_date)}"
    )

    def first_page(c: Any, d: Any) -> None:
        draw_letterhead(c, letterhead, logo, page_width=PAGE_WIDTH)
        draw_window_address(c, letterhead, request.recipient)
        draw_fold_marks(c)
        draw_reference_block(c, _reference_rows(letterhead, request), page_width=PAGE_WIDTH)

    def later_page(c: Any, d: Any) -> None:
        draw_continuation_header(c, later_header, page_width=PAGE_WIDTH, page_height=PAGE_HEIGHT)

    first = Frame(LEFT, BOTTOM, BODY_WIDTH, PAGE_HEIGHT - BODY_TOP_FIRST - BOTTOM, id="first", **_NO_PAD)
    later = Frame(LEFT, BOTTOM, BODY_WIDTH, PAGE_HEIGHT - BODY_TOP_LATER - BOTTOM, id="later", **_NO_PAD)
    doc.addPageTemplates(
        [
            PageTemplate("first", [first], onPage=first_page, autoNextPageTemplate="later"),
            PageTemplate("later", [later], onPage=later_page),
        ]
    )
    doc.build(_story(letterhead, request, template, blocks, styles), canvasmaker=NumberedCanvas)
    return buffer.getvalue()


_NO_PAD: dict[str, float] = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}

#: Lines of what follows a (sub)heading that must fit below it on the same page: Platypus
#: never leaves a single line of a paragraph at the bottom of a page.
_LINES_AFTER_HEADING = 2


class _HeadingRoom(CondPageBreak):  # type: ignore[misc]  # ReportLab has no type hints
    """A ``CondPageBreak`` that leaves the spacing alone: the space after the part before it
    still merges with the heading's space before, exactly as without it."""

    _SPACETRANSFER = True


def _room(heading: ParagraphStyle, body: ParagraphStyle) -> float:
    """The height a heading needs at the bottom of a page: itself and two lines after it.

    A ``CondPageBreak`` of this height before each heading keeps headings off the bottom of a
    page, as ``keepWithNext`` would, without Platypus laying out each heading and the part after
    it twice (with a copy of the frame each time): a tenth of a letter's time.
    """
    return float(
        heading.spaceBefore + heading.leading + heading.spaceAfter + _LINES_AFTER_HEADING * body.leading
    )


@cache
def _styles() -> Styles:
    """The letter styles, with headings kept off a page's bottom by ``_HEADING_ROOM`` instead."""
    base = letter_styles()
    return replace(
        base,
        heading=ParagraphStyle("letter-heading", parent=base.heading, keepWithNext=0),
        subheading=ParagraphStyle("letter-subheading", parent=base.subheading, keepWithNext=0),
    )


def _check_objection_date(template: Template, request: LetterRequest) -> None:
    if template.is_decision:
        if request.objection_until is None:
            raise ValueError(f"{template.kind}: a beschikking needs objection_until (RULES.md §3)")
        if request.objection_until < request.letter_date + OBJECTION_TERM:
            raise ValueError(
                f"{template.kind}: objection_until {request.objection_until} is less than 6 weeks "
                f"after the letter date {request.letter_date}"
            )
    elif request.objection_until is not None:
        raise ValueError(f"{template.kind}: is no beschikking, so it has no objection term")


def _builtins(head: Letterhead, request: LetterRequest, template: Template) -> dict[str, str]:
    values = {
        "dossier_number": request.dossier_number,
        "letter_date": format_date_nl(request.letter_date),
        "recipient_name": request.recipient.name,
        "municipality": head.municipality,
        "college": head.college,
        "counsellor_name": request.counsellor_name,
        "counsellor_role": request.counsellor_role,
        "contact_phone": request.counsellor_phone or head.phone,
        "contact_email": head.email,
    }
    if template.is_decision:
        assert request.objection_until is not None and template.legal_basis is not None
        values["objection_until"] = format_date_nl(request.objection_until)
        values["objection_address"] = ", ".join(head.objection_address_lines)
        values["legal_basis"] = template.legal_basis
    for name in ("dossier_number", "counsellor_name", "counsellor_role"):
        if not values[name].strip():
            raise TemplateError(template.kind, "is empty", name)
    return values


def _reference_rows(head: Letterhead, request: LetterRequest) -> list[tuple[str, tuple[str, ...]]]:
    return [
        ("Datum", (format_date_nl(request.letter_date),)),
        ("Ons kenmerk", (request.dossier_number,)),
        ("Behandeld door", (request.counsellor_name, request.counsellor_role)),
        ("Telefoon", (request.counsellor_phone or head.phone,)),
    ]


def _document(buffer: BytesIO, head: Letterhead, request: LetterRequest, template: Template) -> Any:
    register_fonts()
    return BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=template.title,
        author=head.municipality,
        subject=f"{template.title} — kenmerk {request.dossier_number}",
        creator="Helder",
        keywords=[f"sjabloon {template.kind} versie {template.version}"],
        lang="nl-NL",
        invariant=1,
        initialFontName=REGULAR,
    )


def markup(text: str) -> str:
    """Escape plain text for a ReportLab paragraph; single newlines become line breaks."""
    return escape(text).replace("\n", "<br/>")


def paragraphs(text: str, style: Any) -> list[Flowable]:
    """One paragraph per blank-line-separated part of ``text``."""
    parts = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(markup(part), style) for part in parts if part]


def bullets(items: tuple[str, ...], styles: Styles) -> list[Flowable]:
    return [Paragraph(markup(item), styles.bullet, bulletText="•") for item in items]


def _block_flowables(block: FilledBlock, styles: Styles) -> list[Flowable]:
    match block.type:
        case "heading":
            return [
                _HeadingRoom(_room(styles.heading, styles.body)),
                Paragraph(markup(block.text), styles.heading),
            ]
        case "paragraph" | "objection":
            return paragraphs(block.text, styles.body)
        case "decision":
            return paragraphs(block.text, styles.decision)
        case "list":
            return [*bullets(block.items, styles), Spacer(1, 1.5 * mm)]
        case "facts":
            return [_facts_table(block.rows, styles)]
        case "plan":
            flowables: list[Flowable] = []
            for label, value in block.sections:
                flowables.append(_HeadingRoom(_room(styles.subheading, styles.body)))
                flowables.append(Paragraph(markup(label), styles.subheading))
                if isinstance(value, tuple):
                    flowables.extend(bullets(value, styles))
                    flowables.append(Spacer(1, 1.5 * mm))
                else:
                    flowables.extend(paragraphs(value, styles.body))
            return flowables
    raise AssertionError(f"unknown block type {block.type}")  # pragma: no cover - schema forbids it


def _facts_table(rows: tuple[tuple[str, str], ...], styles: Styles) -> Table:
    data = [
        [Paragraph(markup(label), styles.label), Paragraph(markup(text), styles.body)] for label, text in rows
    ]
    table = Table(data, colWidths=[38 * mm, BODY_WIDTH - 38 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    table.spaceAfter = 6
    return table


def _story(
    head: Letterhead,
    request: LetterRequest,
    template: Template,
    blocks: tuple[FilledBlock, ...],
    styles: Styles,
) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(markup(template.title), styles.title),
        Paragraph(markup(f"Geachte {request.recipient.salutation or 'heer, mevrouw'},"), styles.body),
    ]
    for block in blocks[:-1]:
        story.extend(_block_flowables(block, styles))
    # The last paragraph stays with the greeting, so a signature never stands alone on a page.
    last = _block_flowables(blocks[-1], styles)
    story.extend(last[:-1])
    story.append(KeepTogether([*last[-1:], *_signature(head, request, template, styles)]))
    return _join_heading_room(story, _LINES_AFTER_HEADING * float(styles.body.leading))


def _join_heading_room(story: list[Flowable], lines_after: float) -> list[Flowable]:
    """A heading right above a subheading needs room for both and the lines after the second."""
    joined: list[Flowable] = []
    for flowable in story:
        if (
            isinstance(flowable, _HeadingRoom)
            and len(joined) >= 2
            and isinstance(joined[-2], _HeadingRoom)
            and isinstance(joined[-1], Paragraph)
        ):
            joined[-2] = _HeadingRoom(joined[-2].height - lines_after + flowable.height)
            continue
        joined.append(flowable)
    return joined


def _signature(
    head: Letterhead, request: LetterRequest, template: Template, styles: Styles
) -> list[Flowable]:
    name = head.signature_name or request.counsellor_name
    role = head.signature_role or request.counsellor_role
    lines: list[Flowable] = [Spacer(1, 1 * mm), Paragraph("Met vriendelijke groet,", styles.body)]
    if template.is_decision:
        lines.append(Paragraph(markup(f"Namens {head.college},"), styles.body))
    lines.extend(
        [
            Spacer(1, 7 * mm),
            Paragraph(markup(name), styles.label),
            Paragraph(markup(role), styles.body),
        ]
    )
    return lines
