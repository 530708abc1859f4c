"""Properties of the klantprofiel scoring and mapping, checked with hypothesis."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.klantprofiel import Axis, Classification, Profile, Thresholds, classify, score

from .answers import bundled

SETTINGS = settings(max_examples=300, deadline=None)
Q = bundled()
T: Thresholds = Q.thresholds
SKILL_ITEMS = [item.code for item in Q.items if item.axis is Axis.SKILLS]

answer_value = st.one_of(st.none(), st.integers(Q.scale.min, Q.scale.max))
answer_sets = st.fixed_dictionaries({item.code: answer_value for item in Q.items})
mostly_answered = st.fixed_dictionaries(
    {item.code: st.sampled_from([None, *range(Q.scale.min, Q.scale.max + 1)]) for item in Q.items}
)
scores = st.floats(0, 100, allow_nan=False)
optional_scores = st.one_of(st.none(), scores)


def _classify(values: tuple[float | None, ...]) -> Classification:
    skills, motivation, mental_room, anger, learnability = values
    return classify(
        skills=skills,
        motivation=motivation,
        mental_room_signal=mental_room,
        anger_signal=anger,
        learnability=learnability,
        thresholds=T,
    )


@SETTINGS
@given(answers=mostly_answered, code=st.sampled_from(SKILL_ITEMS), data=st.data())
def test_more_skill_never_lowers_the_skill_score(
    answers: dict[str, int | None], code: str, data: st.DataObject
) -> None:
    # GIVEN any answers, and one skills item answered with more skill than before
    item = Q.item(code)
    before = data.draw(st.integers(Q.scale.min, Q.scale.max - 1), label="before")
    after = data.draw(st.integers(before + 1, Q.scale.max), label="after")
    if item.direction == -1:  # agreeing with a reversed item shows less skill
        before, after = Q.scale.max + Q.scale.min - before, Q.scale.max + Q.scale.min - after
    low = score(Q, {**answers, code: before}).skills
    high = score(Q, {**answers, code: after}).skills
    # THEN the skill score does not go down (whether it is known does not depend on the value)
    assert (low is None) == (high is None)
    if low is not None and high is not None:
        assert high >= low


@SETTINGS
@given(answers=answer_sets)
def test_scores_stay_on_the_scale_and_the_result_is_consistent(answers: dict[str, int | None]) -> None:
    result = score(Q, answers)
    for value in (result.skills, result.motivation, result.mental_room_signal, result.anger_signal):
        assert value is None or 0 <= value <= 100
    assert sum(result.answered.values()) + sum(result.unanswered.values()) == len(Q.items)
    assert result.complete == all(v is not None for v in answers.values())
    if result.suggested is None:
        assert result.candidates == () and not result.ambiguous
    else:
        assert result.candidates[0] is result.suggested
        assert result.ambiguous == (len(result.candidates) == 2)
        assert len(set(result.candidates)) == len(result.candidates)
    assert score(Q, answers) == result  # deterministic


@SETTINGS
@given(answers=answer_sets)
def test_unanswered_equals_absent(answers: dict[str, int | None]) -> None:
    present = {code: value for code, value in answers.items() if value is not None}
    assert score(Q, present) == score(Q, answers)


@SETTINGS
@given(
    skills=st.floats(T.skills_boundary - T.ambiguity_margin, T.skills_boundary + T.ambiguity_margin),
    motivation=st.floats(T.motivation_boundary + T.ambiguity_margin + 0.01, 100),
    calm=st.floats(0, min(T.mental_room_threshold, T.anger_threshold) - T.ambiguity_margin - 0.01),
    learnability=optional_scores,
)
def test_near_the_skills_boundary_both_profiles_are_candidates(
    skills: float, motivation: float, calm: float, learnability: float | None
) -> None:
    # GIVEN a motivated client without strong signals, skills within the margin of the boundary
    result = _classify((skills, motivation, calm, calm, learnability))
    # THEN ambiguous between de onwetende and de aanpakker
    assert result.ambiguous
    assert set(result.candidates) == {Profile.ONWETENDE, Profile.AANPAKKER}


@SETTINGS
@given(
    values=st.tuples(scores, scores, scores, scores, scores),
    deltas=st.tuples(*(st.floats(-T.ambiguity_margin, T.ambiguity_margin) for _ in range(5))),
)
def test_two_nearby_clients_with_different_profiles_are_both_flagged(
    values: tuple[float, ...], deltas: tuple[float, ...]
) -> None:
    # GIVEN two clients whose scores differ by at most the margin on every axis
    other = tuple(min(100.0, max(0.0, v + d)) for v, d in zip(values, deltas, strict=True))
    first, second = _classify(values), _classify(other)
    # THEN a different suggestion means both sit near a boundary: neither is presented as certain
    if first.suggested is not second.suggested:
        assert first.ambiguous
        assert second.ambiguous


@SETTINGS
@given(values=st.tuples(scores, scores, scores, scores, scores))
def test_far_from_every_boundary_there_is_no_doubt(values: tuple[float, ...]) -> None:
    boundaries = (
        T.skills_boundary,
        T.motivation_boundary,
        T.mental_room_threshold,
        T.anger_threshold,
        T.learnability_boundary,
    )
    if all(abs(v - b) > T.ambiguity_margin for v, b in zip(values, boundaries, strict=True)):
        result = _classify(values)
        assert not result.ambiguous
        assert result.candidates == (result.suggested,)


@SETTINGS
@given(
    skills=optional_scores,
    motivation=optional_scores,
    anger=optional_scores,
    learnability=optional_scores,
    mental_room=st.floats(T.mental_room_threshold, 100),
)
def test_lack_of_mental_room_always_gives_kwetsbare(
    skills: float | None,
    motivation: float | None,
    anger: float | None,
    learnability: float | None,
    mental_room: float,
) -> None:
    assert _classify((skills, motivation, mental_room, anger, learnability)).suggested is Profile.KWETSBARE


def test_every_profile_is_reachable_through_classify() -> None:
    seen = {
        _classify((s, m, r, a, le)).suggested
        for s in (10.0, 90.0)
        for m in (10.0, 90.0)
        for r in (10.0, 90.0)
        for a in (10.0, 90.0)
        for le in (10.0, 90.0)
    }
    assert seen == set(Profile)
