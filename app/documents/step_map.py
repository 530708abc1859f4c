"""The step map: the main phases as a row of steps, the current one marked.

Client-facing, so the labels are short B1 words, not the counsellors' phase names
(DOMAIN.md "Klantkaarten"; seed 004:1685 "digitale routeplanners waar klant staat").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.rules.phases import MAIN_LINE, Phase

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

#: Client-friendly labels of the main line, in the order of ``MAIN_LINE``.
CLIENT_STEP_LABELS: dict[Phase, str] = {
    Phase.APPLICATION: "Aanmelding",
    Phase.INTAKE: "Gesprek",
    Phase.STABILISATION: "Rust in uw geldzaken",
    Phase.READY_FOR_SETTLEMENT: "Klaar voor regeling",
    Phase.SETTLEMENT: "Regeling",
    Phase.AFTERCARE: "Nazorg",
    Phase.CLOSED: "Klaar",
}

#: Side phases shown on the main line: long-term service is long stabilisation (004:876).
#: Referred and dropped-out dossiers have no place on the line, so no step is marked.
_SIDE_TO_MAIN: dict[Phase, Phase | None] = {
    Phase.LONG_TERM_SERVICE: Phase.STABILISATION,
    Phase.REFERRED: None,
    Phase.DROPPED_OUT: None,
}

HERE_LABEL = "U bent hier"
_CHECK = "\u2713"


def client_step(phase: Phase | str | None) -> Phase | None:
    """The main-line step that represents ``phase`` on the step map (``None``: none marked)."""
    if phase is None:
        return None
    code = Phase(phase)
    return _SIDE_TO_MAIN.get(code, code)


def step_map_drawing(current_phase: Phase | str | None, width: float, *, font_size: float = 7.5) -> Drawing:
    """Draw the step map ``width`` points wide, marking the step of ``current_phase``.

    Finished steps get a green circle with a check mark, the current step a larger blue circle
    with "U bent hier" above it and a bold label, later steps an open grey circle. Colour is
    never the only cue. Returns a ReportLab ``Drawing`` to put in any document.
    """
    # ReportLab is imported here: the dossier header needs only ``client_step`` from this module.
    from reportlab.graphics.shapes import Circle, Drawing, Line
    from reportlab.lib import colors
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.documents.fonts import BOLD, REGULAR, register_fonts
    from app.documents.styles import ACCENT, DONE, LINE, MUTED

    register_fonts()
    current = client_step(current_phase)
    index = MAIN_LINE.index(current) if current is not None else -1
    count = len(MAIN_LINE)
    cell = width / count
    radius = min(cell * 0.2, 9.0)
    leading = font_size * 1.2
    label_lines = [
        simpleSplit(CLIENT_STEP_LABELS[phase], BOLD if i == index else REGULAR, font_size, cell - 1)
        for i, phase in enumerate(MAIN_LINE)
    ]
    marker_height = font_size + 4 if index >= 0 else 0.0
    max_lines = max(len(lines) for lines in label_lines)
    height = marker_height + 2 * radius * 1.25 + 4 + max_lines * leading + 2
    drawing = Drawing(width, height, initialFontName=REGULAR)
    centre_y = height - marker_height - radius * 1.25
    centres = [cell * (i + 0.5) for i in range(count)]

    for i in range(count - 1):
        done = i < index
        drawing.add(
            Line(
                centres[i],
                centre_y,
                centres[i + 1],
                centre_y,
                strokeColor=DONE if done else LINE,
                strokeWidth=2.2 if done else 1.2,
            )
        )
    for i, x in enumerate(centres):
        if i < index:
            drawing.add(Circle(x, centre_y, radius, fillColor=DONE, strokeColor=DONE))
            _centred(drawing, _CHECK, x, centre_y - radius * 0.45, BOLD, radius * 1.3, colors.white)
        elif i == index:
            big = radius * 1.25
            drawing.add(Circle(x, centre_y, big, fillColor=ACCENT, strokeColor=ACCENT))
            _centred(drawing, str(i + 1), x, centre_y - big * 0.4, BOLD, big * 1.1, colors.white)
            here_x = _clamp(x, stringWidth(HERE_LABEL, BOLD, font_size) / 2, width)
            _centred(drawing, HERE_LABEL, here_x, height - font_size, BOLD, font_size, ACCENT)
        else:
            drawing.add(
                Circle(x, centre_y, radius, fillColor=colors.white, strokeColor=LINE, strokeWidth=1.2)
            )
            _centred(drawing, str(i + 1), x, centre_y - radius * 0.4, REGULAR, radius * 1.1, MUTED)
        top = centre_y - radius * 1.25 - 4 - font_size
        for n, line in enumerate(label_lines[i]):
            font = BOLD if i == index else REGULAR
            colour = ACCENT if i == index else (colors.black if i < index else MUTED)
            line_x = _clamp(x, stringWidth(line, font, font_size) / 2, width)
            _centred(drawing, line, line_x, top - n * leading, font, font_size, colour)
    return drawing


def _centred(drawing: Drawing, text: str, x: float, y: float, font: str, size: float, colour: object) -> None:
    from reportlab.graphics.shapes import String

    drawing.add(String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor="middle"))


def _clamp(x: float, half: float, width: float) -> float:
    return min(max(x, half), width - half)
