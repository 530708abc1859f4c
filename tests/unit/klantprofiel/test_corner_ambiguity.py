"""Regression: a client near two boundaries at once is ambiguous (found by hypothesis)."""

from __future__ import annotations

from app.rules.klantprofiel import Profile, classify

from .answers import bundled


def test_near_both_motivation_and_anger_boundaries_is_flagged() -> None:
    t = bundled().thresholds
    common = {"skills": 0.0, "mental_room_signal": 0.0, "learnability": 50.0, "thresholds": t}
    # Motivation 50 and anger 56 suggest onwetende; 49 and 60 (both within the margin) is benadeelde.
    here = classify(motivation=t.motivation_boundary, anger_signal=t.anger_threshold - 4, **common)
    there = classify(motivation=t.motivation_boundary - 1, anger_signal=t.anger_threshold, **common)
    assert there.suggested is Profile.BENADEELDE
    assert here.suggested is not Profile.BENADEELDE
    # Before the fix only single crossings were tried, so this client was not flagged at all.
    assert here.ambiguous and len(here.candidates) == 2
