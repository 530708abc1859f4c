"""The step map: the current step marked, side states as a note, following the dossier's phase."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.rules.phases import MAIN_LINE
from app.services import workflow
from app.services.dossiers import get_dossier
from tests.factories import Team, make_dossier
from ui.registry import HEADER_WIDGETS, load
from ui.widgets.step_map import StepMap, StepMapHeader
from ui.workspace import Workspace


@pytest.mark.parametrize(
    ("phase", "index", "note"),
    [
        ("application", 0, ""),
        ("stabilisation", 2, ""),
        ("closed", 6, ""),
        ("long_term_service", 2, "Zijstap: Langdurige dienstverlening (DFD)"),
        ("referred", -1, "Zijstap: Doorverwezen"),
        ("dropped_out", -1, "Zijstap: Uitgevallen"),
    ],
)
def test_the_marked_step_and_the_note(qtbot: QtBot, phase: str, index: int, note: str) -> None:
    widget = StepMap()
    qtbot.addWidget(widget)
    widget.set_phase(phase)
    assert widget.marked_index == index
    assert widget.side_note() == note
    if index >= 0:
        assert widget.accessibleDescription().startswith(f"Stap {index + 1} van {len(MAIN_LINE)}")


def test_it_paints_a_row_of_steps(qtbot: QtBot) -> None:
    widget = StepMap()
    qtbot.addWidget(widget)
    widget.set_phase("long_term_service", "(sinds 11-10-2026)")
    widget.resize(widget.sizeHint())
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() >= 360
    # The current step (stabilisatie, the third of seven) is filled dark blue.
    centre_x = int(widget.width() / len(MAIN_LINE) * 2.5)
    colour = image.pixelColor(centre_x - 10, int(6 + 11 * 1.3))  # left of the number
    assert (colour.red(), colour.green(), colour.blue()) == (0x1F, 0x4E, 0x79)


def test_the_header_widget_follows_a_phase_move(qtbot: QtBot, team: Team) -> None:
    workspace = Workspace(team.opened(team.counsellor))
    dossier = make_dossier(team.counsellor)
    spec = next(s for s in HEADER_WIDGETS if s.key == "step_map")
    header = load(spec.factory)(workspace, dossier.id, None)
    qtbot.addWidget(header)
    assert isinstance(header, StepMapHeader)
    header.show_detail(get_dossier(team.counsellor, dossier.id))  # as the dossier view does
    assert header.step_map.marked_index == 0
    workflow.move_phase(team.counsellor, dossier.id, "intake", on=date(2026, 11, 3))
    workspace.signals.dossier_changed.emit(dossier.id)
    assert header.step_map.marked_index == 1
