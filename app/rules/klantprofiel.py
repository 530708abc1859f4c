"""Klantprofiel: score the questionnaire and suggest one of the five profiles.

Source: Schouders Eronder / Purpose, 'Het stabilisatietraject' (2019), ch. 6 (004:1517-1545):
profiles on the axes *vaardigheden* and *motivatie*, with a lack of mental room and anger at
'the system' as what sets de kwetsbare and de benadeelde apart; bijlage E (004:2603-2619):
profiles shift over time. A profile is an aid to professional judgement, never a label for the
client; the counsellor's judgement always wins.

Scores. Each answer on the scale (1..5) becomes 0..1 towards its axis (reversed when the item's
direction is -1); an axis score is the weighted mean of its *answered* items, times 100.
Unanswered items (absent or ``None``) are left out, never counted as zero. When the answered
items carry less than ``min_answered_share`` of the axis' total weight, that axis is ``None``.

Mapping (thresholds come from the questionnaire's ``mapping`` block; defaults shown)::

    1. weinig mentale ruimte >= 60 ............................ de kwetsbare (whatever the axes say)
    2. motivatie < 50 and boosheid op 'het systeem' >= 60 ...... de benadeelde
    3. otherwise the quadrant of vaardigheden x motivatie:

     motivatie
       100 +-------------------------+-------------------------+
           |                         |                         |
           |      de onwetende       |      de aanpakker       |
           |                         |                         |
        50 +-------------------------+-------------------------+
           |  leerbaarheid >= 50:    |                         |
           |      de onwetende       |      de struisvogel     |
           |  anders (of onbekend):  |                         |
           |      de struisvogel     |                         |
         0 +-------------------------+-------------------------+
           0                        50                       100  vaardigheden

Rule 2 reads "anger dominates low motivation": when motivation is low, strong anger at 'the
system' is taken as its reason (de benadeelde) rather than laxity (de struisvogel). Anger with
high motivation does not change the profile; it is still reported as a signal.

The low-low quadrant: seed 004 calls de onwetende highly learnable and de struisvogel lax; a
client low on both axes who can and wants to learn gets the learning route, others the
counsellor who checks in. With learnability unknown, de struisvogel is suggested and the result
is ambiguous with de onwetende.

Not enough answers: mental room decides first, so a clear lack of mental room suggests de
kwetsbare even when other themes were skipped (stress-sensitive: stop early). Otherwise
vaardigheden, motivatie, mental room and anger must all have a score, or no profile is
suggested. Learnability is optional.

Ambiguity: when a score lies within ``ambiguity_margin`` (7.5) of a boundary that decided the
result and crossing that boundary gives another profile, the result is ambiguous; the candidates
are the suggestion and the profile across the nearest such boundary.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations
from types import MappingProxyType

from app.rules.klantprofiel_data import (
    AXIS_LABELS,
    CURRENT_QUESTIONNAIRE,
    PROFILE_LABELS,
    SUPPORT_PRODUCTS,
    Approach,
    Axis,
    Item,
    KlantprofielDataError,
    Profile,
    ProfileTextError,
    Questionnaire,
    QuestionnaireError,
    Scale,
    Theme,
    Thresholds,
    load_approaches,
    load_questionnaire,
)

__all__ = [
    "AXIS_LABELS",
    "CURRENT_QUESTIONNAIRE",
    "PROFILE_LABELS",
    "SUPPORT_PRODUCTS",
    "AnswerError",
    "Approach",
    "Assessment",
    "Axis",
    "Classification",
    "Item",
    "KlantprofielDataError",
    "PlotPoint",
    "Profile",
    "ProfileTextError",
    "Questionnaire",
    "QuestionnaireError",
    "Scale",
    "Theme",
    "Thresholds",
    "approach_for",
    "axis_score",
    "classify",
    "load_approaches",
    "load_questionnaire",
    "score",
]

_DISCLAIMER = "Dit is een hulpmiddel bij uw eigen oordeel, geen etiket voor de klant. Uw oordeel gaat voor."


class AnswerError(ValueError):
    """An answer names an unknown item or lies outside the scale (a programming error in the caller)."""


@dataclass(frozen=True)
class PlotPoint:
    """One assessment as a point in the profile plot (plain data for the UI)."""

    on: date
    skills: float
    motivation: float
    profile: str

    def __post_init__(self) -> None:
        for name, value in (("skills", self.skills), ("motivation", self.motivation)):
            if not 0 <= value <= 100:
                raise ValueError(f"{name} moet tussen 0 en 100 liggen, niet {value}")


@dataclass(frozen=True)
class Classification:
    """The profile suggested by the mapping, with the candidates when the result is near a boundary."""

    suggested: Profile | None
    candidates: tuple[Profile, ...]
    ambiguous: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    """The scored questionnaire. Scores are 0-100, or ``None`` when too few items were answered.

    ``mental_room_signal`` is high when mental room is *lacking*. ``complete`` means every item was
    answered. ``suggested`` is ``None`` (and ``candidates`` empty) when there are not enough answers.
    """

    questionnaire_id: str
    questionnaire_version: int
    skills: float | None
    motivation: float | None
    mental_room_signal: float | None
    anger_signal: float | None
    learnability: float | None
    answered: Mapping[Axis, int]
    unanswered: Mapping[Axis, int]
    suggested: Profile | None
    candidates: tuple[Profile, ...]
    ambiguous: bool
    complete: bool
    explanation: str

    def plot_point(self, on: date, profile: Profile | None = None) -> PlotPoint | None:
        """Return this assessment as a plot point (``profile`` overrides, e.g. the counsellor's choice)."""
        chosen = profile if profile is not None else self.suggested
        if self.skills is None or self.motivation is None or chosen is None:
            return None
        return PlotPoint(on=on, skills=self.skills, motivation=self.motivation, profile=chosen.value)


def axis_score(
    questionnaire: Questionnaire, answers: Mapping[str, int | None], axis: Axis
) -> tuple[float | None, int, int]:
    """Score one axis 0-100 from the answered items only.

    Source: our questionnaire (DOMAIN.md "Klantprofielen"); axes as defined in 004:1525-1531.

    Returns:
        ``(score, answered, unanswered)``; ``score`` is ``None`` when the answered items carry less
        than ``min_answered_share`` of the axis' weight (or the axis has no items).
    """
    scale = questionnaire.scale
    span = scale.max - scale.min
    total_weight = 0.0
    answered_weight = 0.0
    weighted = 0.0
    answered = unanswered = 0
    for item in questionnaire.items:
        if item.axis is not axis:
            continue
        total_weight += item.weight
        value = answers.get(item.code)
        if value is None:
            unanswered += 1
            continue
        answered += 1
        towards = value - scale.min if item.direction == 1 else scale.max - value
        answered_weight += item.weight
        weighted += item.weight * towards
    if total_weight == 0 or answered_weight < questionnaire.thresholds.min_answered_share * total_weight:
        return None, answered, unanswered
    return 100.0 * weighted / (span * answered_weight), answered, unanswered


def score(questionnaire: Questionnaire, answers: Mapping[str, int | None]) -> Assessment:
    """Score the answers and suggest a profile (see the module docstring for the mapping).

    Source: 004:1517-1545 (profiles and axes), 004:2603-2619 (shifts); mapping documented above.

    Args:
        questionnaire: a validated questionnaire.
        answers: item code -> answer on the scale; a missing code or ``None`` means unanswered.

    Raises:
        AnswerError: an unknown item code or an answer outside the scale.
    """
    _check_answers(questionnaire, answers)
    scores: dict[Axis, float | None] = {}
    answered: dict[Axis, int] = {}
    unanswered: dict[Axis, int] = {}
    for axis in Axis:
        scores[axis], answered[axis], unanswered[axis] = axis_score(questionnaire, answers, axis)

    result = classify(
        skills=scores[Axis.SKILLS],
        motivation=scores[Axis.MOTIVATION],
        mental_room_signal=scores[Axis.MENTAL_ROOM],
        anger_signal=scores[Axis.ANGER],
        learnability=scores[Axis.LEARNABILITY],
        thresholds=questionnaire.thresholds,
    )
    missing = sum(unanswered.values())
    lines = [_scores_line(scores), *result.reasons]
    if missing:
        total = len(questionnaire.items)
        lines.append(f"Niet beantwoord: {missing} van {total} vragen; die tellen niet mee.")
    lines.append(_DISCLAIMER)
    return Assessment(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        skills=scores[Axis.SKILLS],
        motivation=scores[Axis.MOTIVATION],
        mental_room_signal=scores[Axis.MENTAL_ROOM],
        anger_signal=scores[Axis.ANGER],
        learnability=scores[Axis.LEARNABILITY],
        answered=MappingProxyType(answered),
        unanswered=MappingProxyType(unanswered),
        suggested=result.suggested,
        candidates=result.candidates,
        ambiguous=result.ambiguous,
        complete=missing == 0,
        explanation="\n".join(lines),
    )


def _check_answers(questionnaire: Questionnaire, answers: Mapping[str, int | None]) -> None:
    codes = {item.code for item in questionnaire.items}
    scale = questionnaire.scale
    for code, value in answers.items():
        if code not in codes:
            raise AnswerError(f"antwoord op onbekende vraag '{code}'")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not scale.min <= value <= scale.max:
            raise AnswerError(
                f"vraag '{code}': antwoord {value!r} ligt niet op de schaal {scale.min}-{scale.max}"
            )


def _fmt(value: float | None) -> str:
    return "onbekend (te weinig antwoorden)" if value is None else f"{value:.0f}"


def _scores_line(scores: Mapping[Axis, float | None]) -> str:
    return (
        f"Vaardigheden {_fmt(scores[Axis.SKILLS])}, motivatie {_fmt(scores[Axis.MOTIVATION])} "
        "(van 0 tot 100). "
        f"Signalen: weinig mentale ruimte {_fmt(scores[Axis.MENTAL_ROOM])}, "
        f"boosheid op 'het systeem' {_fmt(scores[Axis.ANGER])}, "
        f"leerbaarheid {_fmt(scores[Axis.LEARNABILITY])}."
    )


# ---------------------------------------------------------------------------------------------
# Mapping


@dataclass(frozen=True)
class _Sides:
    """Which side of each boundary a client is on (``None``: that score is unknown)."""

    no_room: bool | None
    skilled: bool | None
    motivated: bool | None
    angry: bool | None
    learnable: bool | None


def _profile_for(sides: _Sides) -> Profile | None:
    if sides.no_room is None:
        return None
    if sides.no_room:
        return Profile.KWETSBARE
    if sides.skilled is None or sides.motivated is None or sides.angry is None:
        return None
    if not sides.motivated and sides.angry:
        return Profile.BENADEELDE
    if sides.motivated:
        return Profile.AANPAKKER if sides.skilled else Profile.ONWETENDE
    if sides.skilled:
        return Profile.STRUISVOGEL
    return Profile.ONWETENDE if sides.learnable else Profile.STRUISVOGEL


def _side(value: float | None, boundary: float) -> bool | None:
    return None if value is None else value >= boundary


def classify(
    *,
    skills: float | None,
    motivation: float | None,
    mental_room_signal: float | None,
    anger_signal: float | None,
    learnability: float | None,
    thresholds: Thresholds,
) -> Classification:
    """Map axis scores and signals to a profile, flagging results near a boundary.

    Source: 004:1517-1545; the deterministic mapping is documented in the module docstring.
    """
    t = thresholds
    sides = _Sides(
        no_room=_side(mental_room_signal, t.mental_room_threshold),
        skilled=_side(skills, t.skills_boundary),
        motivated=_side(motivation, t.motivation_boundary),
        angry=_side(anger_signal, t.anger_threshold),
        learnable=_side(learnability, t.learnability_boundary),
    )
    suggested = _profile_for(sides)
    if suggested is None:
        return Classification(None, (), False, (_not_enough_reason(sides),))

    # Alternatives across each nearby boundary, nearest first (ties in this fixed order).
    boundaries: tuple[tuple[str, float | None, float, str], ...] = (
        ("no_room", mental_room_signal, t.mental_room_threshold, "het signaal weinig mentale ruimte"),
        ("motivated", motivation, t.motivation_boundary, "de motivatie"),
        ("skilled", skills, t.skills_boundary, "de vaardigheden"),
        ("angry", anger_signal, t.anger_threshold, "het signaal boosheid op 'het systeem'"),
        ("learnable", learnability, t.learnability_boundary, "de leerbaarheid"),
    )
    near = [
        (f, v, b, lab) for f, v, b, lab in boundaries if v is not None and abs(v - b) <= t.ambiguity_margin
    ]
    alternatives: list[tuple[float, Profile, str]] = []
    # Every combination of nearby boundaries, not each alone: benadeelde, for one, needs both the
    # motivation and the anger boundary crossed, so a client near both corners is ambiguous too.
    for size in range(1, len(near) + 1):
        for subset in combinations(near, size):
            flipped = _profile_for(replace(sides, **{f: not getattr(sides, f) for f, _v, _b, _l in subset}))
            if flipped is None or flipped is suggested:
                continue
            distance = max(abs(v - b) for _f, v, b, _l in subset if v is not None)
            notes = " en ".join(f"{lab} ({v:.0f}, grens {b:g})" for _f, v, b, lab in subset if v is not None)
            alternatives.append(
                (distance + size * 1e-9, flipped, f"Let op: {notes} ligt dicht bij de grens.")
            )
    if suggested is Profile.STRUISVOGEL and sides.learnable is None and not sides.skilled:
        note = "Let op: de leerbaarheid is onbekend (te weinig antwoorden)."
        alternatives.append((float("inf"), Profile.ONWETENDE, note))
    alternatives.sort(key=lambda alt: alt[0])

    reasons = [_reason(suggested, sides, t)]
    if not alternatives:
        return Classification(suggested, (suggested,), False, tuple(reasons))
    _, other, note = alternatives[0]
    reasons.append(f"{note} Bekijk ook {PROFILE_LABELS[other].lower()}.")
    return Classification(suggested, (suggested, other), True, tuple(reasons))


def _reason(profile: Profile, sides: _Sides, t: Thresholds) -> str:
    label = PROFILE_LABELS[profile].lower()
    if profile is Profile.KWETSBARE:
        return (
            f"Er zijn sterke signalen van weinig mentale ruimte ({t.mental_room_threshold:g} of meer): "
            f"dan past {label}, wat de assen ook zeggen."
        )
    if profile is Profile.BENADEELDE:
        return (
            f"De motivatie is laag (onder {t.motivation_boundary:g}) en de boosheid op 'het systeem' "
            f"is groot ({t.anger_threshold:g} of meer): dit past bij {label}."
        )
    skill_text = "genoeg vaardigheden" if sides.skilled else "weinig vaardigheden"
    motivation_text = "wel gemotiveerd" if sides.motivated else "weinig motivatie"
    extra = ""
    if not sides.skilled and not sides.motivated:
        extra = " en goed leerbaar" if sides.learnable else " en niet duidelijk leerbaar"
    return f"{skill_text.capitalize()}, {motivation_text}{extra}: dit past bij {label}."


def _not_enough_reason(sides: _Sides) -> str:
    missing = [
        AXIS_LABELS[axis]
        for axis, side in (
            (Axis.SKILLS, sides.skilled),
            (Axis.MOTIVATION, sides.motivated),
            (Axis.MENTAL_ROOM, sides.no_room),
            (Axis.ANGER, sides.angry),
        )
        if side is None
    ]
    return (
        f"Te weinig antwoorden voor: {', '.join(missing)}. Er is geen profiel voorgesteld. "
        "Vul meer vragen in, of kies zelf een profiel met een reden."
    )


# ---------------------------------------------------------------------------------------------
# Approach per profile


@functools.cache
def _bundled_approaches() -> Mapping[Profile, Approach]:
    return MappingProxyType(dict(load_approaches()))


def approach_for(profile: Profile) -> Approach:
    """Return kenmerken, aanpak, usual products and client-safe card hints for a profile.

    Source: 004:1535-1545 (kenmerken, aanpak); products per DOMAIN.md glossary; card hints follow
    the B1 and stress-sensitive guidance of DOMAIN.md "Klantkaarten" (seed 001).
    """
    return _bundled_approaches()[Profile(profile)]
