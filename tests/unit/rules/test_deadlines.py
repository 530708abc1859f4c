"""Deadlines: Wgs art. 4/4a, Awb 6:7/6:8 with Atw art. 1(1), NVVK stabilisation (RULES.md §1-§4)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.deadlines import (
    add_months_last_day,
    decision_due,
    early_signal_contact_due,
    first_conversation_due,
    objection_period_end,
    stabilisation_agreement_end,
    stabilisation_warning_due,
)
from app.rules.workdays import add_workdays, default_calendar, is_workday

DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
PROPS = settings(database=None, max_examples=300, deadline=None)


# --- the worked examples of RULES.md §1 (all must hold) ----------------------------------------


@pytest.mark.parametrize(
    ("reported_on", "threatening", "expected"),
    [
        (date(2026, 11, 30), False, date(2026, 12, 28)),  # 4 weeks, a Monday
        (date(2026, 11, 27), False, date(2026, 12, 28)),  # Fri 25 Dec → Atw → Mon 28 Dec
        (date(2026, 12, 24), True, date(2026, 12, 30)),  # 3 werkdagen: 28, 29, 30 Dec
    ],
)
def test_first_conversation_worked_examples(reported_on: date, threatening: bool, expected: date) -> None:
    assert first_conversation_due(reported_on, threatening) == expected


def test_objection_worked_example() -> None:
    # 6 weeks after Fri 13 Nov 2026 = Fri 25 Dec → Sat, Sun → Mon 28 Dec
    assert objection_period_end(date(2026, 11, 13)) == date(2026, 12, 28)


def test_add_workdays_worked_example() -> None:
    assert add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 4)


# --- first conversation (Wgs art. 4) -----------------------------------------------------------


def test_first_conversation_on_an_ordinary_day_is_four_weeks_later() -> None:
    assert first_conversation_due(date(2026, 3, 4), False) == date(2026, 4, 1)


def test_first_conversation_ending_on_goede_vrijdag_moves_past_easter() -> None:
    # 4 weeks after Fri 6 Mar 2026 is Goede Vrijdag 3 Apr; Sat, Sun, Tweede Paasdag follow
    assert first_conversation_due(date(2026, 3, 6), False) == date(2026, 4, 7)


def test_first_conversation_ending_on_5_may_2026_moves_a_day() -> None:
    # 5 May 2026 is a Tuesday, an Atw day although 2026 is no lustrum year
    assert first_conversation_due(date(2026, 4, 7), False) == date(2026, 5, 6)


def test_first_conversation_ending_on_hemelvaart_skips_the_equated_friday() -> None:
    # Thu 14 May 2026 Hemelvaartsdag, Fri 15 May equated by decree, then the weekend
    assert first_conversation_due(date(2026, 4, 16), False) == date(2026, 5, 18)


def test_threatening_situation_over_easter() -> None:
    # Wed 1 Apr 2026: Thu 2 Apr, (Goede Vrijdag, weekend, Tweede Paasdag), Tue 7, Wed 8
    assert first_conversation_due(date(2026, 4, 1), True) == date(2026, 4, 8)


def test_threatening_situation_over_koningsdag_2025_on_saturday() -> None:
    # Thu 24 Apr 2025: Fri 25, (Sat 26 Koningsdag, Sun 27), Mon 28, Tue 29
    assert first_conversation_due(date(2025, 4, 24), True) == date(2025, 4, 29)


def test_threatening_situation_reported_on_a_sunday() -> None:
    assert first_conversation_due(date(2026, 11, 15), True) == date(2026, 11, 18)


# --- decision (Wgs art. 4a(3), verordening) ----------------------------------------------------


def test_decision_due_is_eight_weeks_after_first_conversation() -> None:
    # 2 Mar 2026 + 8 weeks = Mon 27 Apr 2026 = Koningsdag → Tue 28 Apr
    assert decision_due(date(2026, 3, 2)) == date(2026, 4, 28)


def test_decision_due_with_another_municipal_term() -> None:
    assert decision_due(date(2026, 3, 4), weeks=4) == date(2026, 4, 1)
    # 4 weeks after Tue 28 Apr 2026 = Tue 26 May, the day after Tweede Pinksterdag: unchanged
    assert decision_due(date(2026, 4, 28), 4) == date(2026, 5, 26)
    # 4 weeks after Mon 27 Apr 2026 = Mon 25 May, Tweede Pinksterdag → Tue 26 May
    assert decision_due(date(2026, 4, 27), 4) == date(2026, 5, 26)


def test_decision_due_over_christmas() -> None:
    # Fri 30 Oct 2026 + 8 weeks = Fri 25 Dec → Mon 28 Dec
    assert decision_due(date(2026, 10, 30)) == date(2026, 12, 28)


@pytest.mark.parametrize("weeks", [0, -1])
def test_decision_due_refuses_a_term_below_one_week(weeks: int) -> None:
    with pytest.raises(ValueError, match="minstens 1 week"):
        decision_due(date(2026, 3, 2), weeks)


# --- objection (Awb 6:7, 6:8; Atw art. 1) -------------------------------------------------------


def test_objection_on_an_ordinary_day_is_42_days() -> None:
    assert objection_period_end(date(2026, 2, 3)) == date(2026, 3, 17)


def test_objection_ending_on_5_may_2027() -> None:
    # Wed 24 Mar 2027 + 6 weeks = Wed 5 May 2027 → Thu 6 May is Hemelvaartsdag,
    # Fri 7 May is equated by decree, weekend → Mon 10 May
    assert objection_period_end(date(2027, 3, 24)) == date(2027, 5, 10)


def test_objection_ending_on_tweede_pinksterdag_2027() -> None:
    # Mon 5 Apr 2027 + 6 weeks = Mon 17 May 2027, Tweede Pinksterdag
    assert objection_period_end(date(2027, 4, 5)) == date(2027, 5, 18)


def test_objection_with_an_admin_added_day() -> None:
    # GIVEN 2026-03-17 declared an Atw day by an administrator (hypothetical)
    calendar = default_calendar().with_extra_days(frozenset({date(2026, 3, 17)}))
    # THEN the last day moves on to the next werkdag
    assert objection_period_end(date(2026, 2, 3), calendar=calendar) == date(2026, 3, 18)


@PROPS
@given(DATES)
def test_objection_period_end_is_a_workday_at_least_42_days_later(sent_on: date) -> None:
    end = objection_period_end(sent_on)
    assert is_workday(end)
    assert end >= sent_on + timedelta(days=42)
    assert end <= sent_on + timedelta(days=42 + 5)
    # and every day it was extended over is a non-werkdag (Atw art. 1(1))
    day = sent_on + timedelta(days=42)
    while day < end:
        assert not is_workday(day)
        day += timedelta(days=1)


@PROPS
@given(DATES)
def test_first_conversation_is_a_workday_within_four_weeks_plus_extension(reported_on: date) -> None:
    due = first_conversation_due(reported_on, False)
    assert is_workday(due)
    assert due >= reported_on + timedelta(weeks=4)
    assert due <= reported_on + timedelta(weeks=4, days=5)


@PROPS
@given(DATES)
def test_threatening_is_never_later_than_regular_and_three_workdays_away(reported_on: date) -> None:
    urgent = first_conversation_due(reported_on, True)
    assert is_workday(urgent)
    assert urgent < first_conversation_due(reported_on, False)
    assert default_calendar().workdays_between(reported_on, urgent) == 3


@PROPS
@given(DATES, st.integers(min_value=1, max_value=26))
def test_decision_due_is_a_workday_and_monotone_in_weeks(first: date, weeks: int) -> None:
    due = decision_due(first, weeks)
    assert is_workday(due)
    assert due >= first + timedelta(weeks=weeks)
    assert due < decision_due(first, weeks + 1)


# --- stabilisation (NVVK practice, RULES.md §4) ------------------------------------------------


@pytest.mark.parametrize(
    ("start", "extended", "expected"),
    [
        (date(2026, 3, 1), False, date(2026, 6, 30)),
        (date(2026, 3, 1), True, date(2026, 10, 31)),
        (date(2026, 1, 15), False, date(2026, 5, 14)),
        (date(2026, 10, 31), False, date(2027, 2, 28)),  # no 31 February: last day of the month
        (date(2027, 10, 30), False, date(2028, 2, 29)),  # leap year
        (date(2026, 9, 15), False, date(2027, 1, 14)),  # across the year
        (date(2026, 1, 31), False, date(2026, 5, 30)),
    ],
)
def test_stabilisation_agreement_end(start: date, extended: bool, expected: date) -> None:
    assert stabilisation_agreement_end(start, extended) == expected


def test_stabilisation_end_is_not_moved_by_the_atw() -> None:
    # An agreement, not a legal term: Christmas Day stays the last day
    assert stabilisation_agreement_end(date(2026, 8, 26)) == date(2026, 12, 25)


def test_add_months_last_day_refuses_zero_months() -> None:
    with pytest.raises(ValueError, match="minstens 1 maand"):
        add_months_last_day(date(2026, 1, 1), 0)


@PROPS
@given(DATES)
def test_extended_agreement_runs_four_months_longer(start: date) -> None:
    short = stabilisation_agreement_end(start)
    long = stabilisation_agreement_end(start, extended=True)
    assert start + timedelta(days=118) <= short <= start + timedelta(days=123)
    assert long > short
    assert add_months_last_day(start, 8) == long


def test_stabilisation_warning_two_weeks_before() -> None:
    assert stabilisation_warning_due(date(2026, 6, 30)) == date(2026, 6, 16)


def test_stabilisation_warning_moves_earlier_not_later() -> None:
    # 14 days before Sun 10 Jan 2027 is Sun 27 Dec 2026 → Thu 24 Dec (25, 26 Christmas)
    assert stabilisation_warning_due(date(2027, 1, 10)) == date(2026, 12, 24)
    assert stabilisation_warning_due(date(2026, 5, 19), days_before=4) == date(2026, 5, 13)


def test_stabilisation_warning_refuses_negative_days() -> None:
    with pytest.raises(ValueError, match="negatief"):
        stabilisation_warning_due(date(2026, 6, 30), -1)


@PROPS
@given(DATES, st.integers(min_value=0, max_value=60))
def test_warning_is_a_workday_on_or_before_the_window_start(end: date, days_before: int) -> None:
    warn = stabilisation_warning_due(end, days_before)
    assert is_workday(warn)
    assert warn <= end - timedelta(days=days_before)
    assert warn >= end - timedelta(days=days_before + 5)


# --- early warning (vroegsignalering, a municipal setting) ------------------------------------


def test_early_signal_contact_default_five_workdays() -> None:
    # Thu 30 Apr 2026: Fri 1 May, Mon 4, (Tue 5 May), Wed 6, Thu 7, Fri 8
    assert early_signal_contact_due(date(2026, 4, 30)) == date(2026, 5, 8)
    assert early_signal_contact_due(date(2026, 4, 30), 1) == date(2026, 5, 1)


def test_early_signal_contact_refuses_zero() -> None:
    with pytest.raises(ValueError, match="minstens 1 werkdag"):
        early_signal_contact_due(date(2026, 4, 30), 0)
