"""Build answer sets for the klantprofiel questionnaire in terms of 'towards the axis'."""

from __future__ import annotations

import functools

from app.rules.klantprofiel import Axis, Questionnaire, load_questionnaire


@functools.cache
def bundled() -> Questionnaire:
    """The bundled questionnaire, loaded once (hypothesis dislikes function-scoped fixtures)."""
    return load_questionnaire()


def towards(questionnaire: Questionnaire, code: str, strength: int) -> int:
    """The scale answer that scores ``strength`` steps (0..span) towards the item's axis."""
    item = questionnaire.item(code)
    scale = questionnaire.scale
    return scale.min + strength if item.direction == 1 else scale.max - strength


def answers_for(questionnaire: Questionnaire, **levels: int | None) -> dict[str, int | None]:
    """Answer every item of an axis with the same strength, e.g. ``answers_for(q, skills=4)``.

    Axes not named are answered in the middle of the scale; ``None`` leaves an axis unanswered.
    """
    span = questionnaire.scale.max - questionnaire.scale.min
    answers: dict[str, int | None] = {}
    for item in questionnaire.items:
        level = levels.get(item.axis.value, span // 2) if item.axis.value in levels else span // 2
        answers[item.code] = None if level is None else towards(questionnaire, item.code, level)
    unknown = set(levels) - {axis.value for axis in Axis}
    assert not unknown, unknown
    return answers
