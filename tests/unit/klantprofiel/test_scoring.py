"""Scoring and mapping of the klantprofiel questionnaire, on concrete answer sets."""

from __future__ import annotations

from datetime import date

import pytest

from app.rules.klantprofiel import AnswerError, Axis, Profile, axis_score, score

from .answers import answers_for, bundled, towards

HIGH, LOW, MID = 4, 0, 2


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ({"skills": LOW, "motivation": HIGH, "mental_room": LOW, "anger": LOW}, Profile.ONWETENDE),
        ({"skills": HIGH, "motivation": HIGH, "mental_room": LOW, "anger": LOW}, Profile.AANPAKKER),
        ({"skills": HIGH, "motivation": HIGH, "mental_room": HIGH, "anger": LOW}, Profile.KWETSBARE),
        ({"skills": HIGH, "motivation": LOW, "mental_room": LOW, "anger": HIGH}, Profile.BENADEELDE),
        ({"skills": HIGH, "motivation": LOW, "mental_room": LOW, "anger": LOW}, Profile.STRUISVOGEL),
        # Low on both axes: learnability decides.
        (
            {"skills": LOW, "motivation": LOW, "mental_room": LOW, "anger": LOW, "learnability": HIGH},
            Profile.ONWETENDE,
        ),
        (
            {"skills": LOW, "motivation": LOW, "mental_room": LOW, "anger": LOW, "learnability": LOW},
            Profile.STRUISVOGEL,
        ),
    ],
)
def test_each_profile_is_reachable_by_a_concrete_answer_set(
    levels: dict[str, int], expected: Profile
) -> None:
    # GIVEN answers clearly on one side of every boundary
    q = bundled()
    # WHEN scored
    result = score(q, answers_for(q, **levels))
    # THEN that profile is suggested, without doubt
    assert result.suggested is expected
    assert result.candidates == (expected,)
    assert not result.ambiguous
    assert result.complete


def test_sanne_the_learner_who_never_had_money_lessons() -> None:
    # GIVEN Sanne (SCENARIOS.md 1): eager, little knowledge, no other big problems
    q = bundled()
    answers = {
        "WB1": 2, "WB2": 4, "WB3": 1, "WB4": 2, "WB5": 1,
        "KN1": 2, "KN2": 1, "KN3": 2, "KN4": 4, "KN5": 1,
        "AD1": 2, "AD2": 2, "AD3": 1, "AD4": 4,
        "TA1": 5, "TA2": 5, "TA3": 2, "TA4": 2, "TA5": 4,
        "OU1": 2, "OU2": 2, "OU3": 1, "OU4": 5, "OU5": 4,
    }  # fmt: skip
    # WHEN scored
    result = score(q, answers)
    # THEN de onwetende, low skills and high motivation
    assert result.suggested is Profile.ONWETENDE
    assert result.skills is not None and result.skills < 30
    assert result.motivation is not None and result.motivation > 70
    assert "onwetende" in result.explanation


def test_lack_of_mental_room_wins_whatever_the_axes_say() -> None:
    q = bundled()
    for skills, motivation in [(LOW, LOW), (LOW, HIGH), (HIGH, LOW), (HIGH, HIGH)]:
        result = score(q, answers_for(q, skills=skills, motivation=motivation, mental_room=HIGH, anger=HIGH))
        assert result.suggested is Profile.KWETSBARE


def test_anger_with_high_motivation_is_not_benadeelde() -> None:
    q = bundled()
    result = score(q, answers_for(q, skills=HIGH, motivation=HIGH, mental_room=LOW, anger=HIGH))
    assert result.suggested is Profile.AANPAKKER


def test_all_middle_answers_sit_on_the_boundaries_and_are_ambiguous() -> None:
    # GIVEN every answer "Klopt een beetje": skills and motivation exactly 50
    q = bundled()
    result = score(q, answers_for(q))
    # THEN the result is flagged with two candidates
    assert result.skills == 50 and result.motivation == 50
    assert result.ambiguous
    assert len(result.candidates) == 2
    assert result.suggested == result.candidates[0]
    assert "dicht bij de grens" in result.explanation


def test_mental_room_just_below_its_threshold_offers_kwetsbare_as_second_candidate() -> None:
    # GIVEN a mental room signal of 58.3: all five items halfway (50), one of weight 1 (of 6) at the top
    q = bundled()
    answers = answers_for(q, skills=HIGH, motivation=HIGH, mental_room=MID, anger=LOW)
    answers["WB1"] = towards(q, "WB1", HIGH)
    result = score(q, answers)
    # THEN
    assert result.mental_room_signal is not None
    assert 52.5 <= result.mental_room_signal < 60
    assert result.suggested is Profile.AANPAKKER
    assert result.candidates == (Profile.AANPAKKER, Profile.KWETSBARE)


def test_unanswered_items_are_left_out_not_counted_as_zero() -> None:
    # GIVEN all skills items answered at the top, except two left open (one absent, one None)
    q = bundled()
    answers = answers_for(q, skills=HIGH, motivation=HIGH, mental_room=LOW, anger=LOW)
    answers["KN1"] = None
    del answers["AD2"]
    # WHEN scored
    result = score(q, answers)
    # THEN the skills score is still 100 (a zero would have pulled it down), and the gaps are counted
    assert result.skills == 100
    assert result.answered[Axis.SKILLS] == 7
    assert result.unanswered[Axis.SKILLS] == 2
    assert not result.complete
    assert "Niet beantwoord: 2 van 24 vragen" in result.explanation


def test_too_few_answers_on_an_axis_gives_no_profile() -> None:
    # GIVEN only one of the five motivation items answered
    q = bundled()
    answers = answers_for(q, skills=HIGH, motivation=None, mental_room=LOW, anger=LOW)
    answers["TA1"] = 5
    # WHEN scored
    result = score(q, answers)
    # THEN motivation is unknown and no profile is suggested
    assert result.motivation is None
    assert result.suggested is None
    assert result.candidates == ()
    assert not result.ambiguous
    assert "Te weinig antwoorden voor: motivatie" in result.explanation
    assert result.plot_point(date(2026, 1, 1)) is None


def test_exactly_the_minimum_share_of_weight_still_scores() -> None:
    # GIVEN the two learnability items (weight 1 each); min share 0.5
    q = bundled()
    assert q.thresholds.min_answered_share == 0.5
    # WHEN one of two is answered
    value, answered, unanswered = axis_score(q, {"OU4": 5}, Axis.LEARNABILITY)
    # THEN it scores from that one answer
    assert (value, answered, unanswered) == (100.0, 1, 1)
    # and with none answered it is unknown
    assert axis_score(q, {}, Axis.LEARNABILITY) == (None, 0, 2)


def test_a_client_without_mental_room_can_stop_early() -> None:
    # GIVEN only the first screen ("Hoe gaat het met u") answered, showing no room at all
    q = bundled()
    answers = {item.code: towards(q, item.code, HIGH) for item in q.items_for_theme("wellbeing")}
    # WHEN scored
    result = score(q, answers)
    # THEN de kwetsbare is suggested although the axes are unknown
    assert result.suggested is Profile.KWETSBARE
    assert result.skills is None and result.motivation is None
    assert not result.complete


def test_unknown_learnability_in_the_low_low_quadrant_is_flagged() -> None:
    q = bundled()
    answers = answers_for(q, skills=LOW, motivation=LOW, mental_room=LOW, anger=LOW, learnability=None)
    result = score(q, answers)
    assert result.learnability is None
    assert result.suggested is Profile.STRUISVOGEL
    assert result.candidates == (Profile.STRUISVOGEL, Profile.ONWETENDE)
    assert result.ambiguous


def test_answers_outside_the_scale_or_on_unknown_items_are_refused() -> None:
    q = bundled()
    with pytest.raises(AnswerError, match="KN1"):
        score(q, {"KN1": 6})
    with pytest.raises(AnswerError, match="XX9"):
        score(q, {"XX9": 3})
    with pytest.raises(AnswerError, match="KN1"):
        score(q, {"KN1": True})


def test_plot_point_uses_the_override_when_given() -> None:
    q = bundled()
    result = score(q, answers_for(q, skills=LOW, motivation=HIGH, mental_room=LOW, anger=LOW))
    point = result.plot_point(date(2026, 3, 1), Profile.AANPAKKER)
    assert point is not None
    assert (point.skills, point.motivation, point.profile) == (0.0, 100.0, "aanpakker")
