"""Werkdagen and the Algemene termijnenwet calendar (RULES.md §1)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.workdays import (
    AtwCalendar,
    AtwDataError,
    EquatedDay,
    add_workdays,
    atw_holidays,
    default_calendar,
    easter_sunday,
    extend_to_workday,
    is_workday,
    kings_day,
    load_equated_days,
)

DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
PROPS = settings(database=None, max_examples=300, deadline=None)


# --- worked example of RULES.md §1 -------------------------------------------------------------


def test_add_workdays_skips_new_year_and_weekend() -> None:
    # GIVEN Thursday 31 December 2026; Friday 1 January is Nieuwjaarsdag
    # WHEN / THEN the first werkdag after it is Monday 4 January 2027
    assert add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 4)


# --- the statutory days ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2028, date(2028, 4, 16)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter_sunday_known_dates(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


def test_atw_holidays_2026_is_exactly_the_statutory_list() -> None:
    assert atw_holidays(2026) == {
        date(2026, 1, 1): "Nieuwjaarsdag",
        date(2026, 4, 3): "Goede Vrijdag",
        date(2026, 4, 6): "Tweede Paasdag",
        date(2026, 4, 27): "Koningsdag",
        date(2026, 5, 5): "Bevrijdingsdag (5 mei)",
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 25): "Tweede Pinksterdag",
        date(2026, 12, 25): "Eerste Kerstdag",
        date(2026, 12, 26): "Tweede Kerstdag",
    }


def test_atw_holidays_returns_a_copy() -> None:
    days = atw_holidays(2026)
    days.clear()
    assert len(atw_holidays(2026)) == 9


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2025, 4, 18), "Goede Vrijdag 2025"),
        (date(2026, 4, 3), "Goede Vrijdag 2026"),
        (date(2026, 4, 6), "Tweede Paasdag 2026"),
        (date(2026, 5, 5), "5 mei 2026, a Tuesday, not a lustrum year"),
        (date(2027, 5, 5), "5 mei 2027, a Wednesday"),
        (date(2025, 5, 5), "5 mei 2025, a Monday, lustrum year"),
        (date(2026, 4, 27), "Koningsdag 2026, a Monday"),
        (date(2025, 5, 29), "Hemelvaartsdag 2025"),
        (date(2026, 5, 14), "Hemelvaartsdag 2026"),
        (date(2026, 5, 25), "Tweede Pinksterdag 2026"),
        (date(2027, 5, 17), "Tweede Pinksterdag 2027"),
        (date(2025, 12, 25), "Eerste Kerstdag 2025, a Thursday"),
        (date(2025, 12, 26), "Tweede Kerstdag 2025, a Friday"),
        (date(2027, 1, 1), "Nieuwjaarsdag 2027, a Friday"),
        (date(2026, 5, 15), "Friday after Hemelvaart 2026, equated by decree"),
        (date(2026, 1, 2), "2 January 2026, equated by decree"),
        (date(2024, 12, 27), "27 December 2024, equated by decree"),
    ],
)
def test_weekday_atw_days_are_not_workdays(day: date, why: str) -> None:
    assert day.weekday() < 5, why
    assert not is_workday(day), why


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 2),  # Witte Donderdag
        date(2026, 4, 28),  # day after Koningsdag, not equated in 2026
        date(2026, 5, 4),  # Dodenherdenking is no Atw day
        date(2026, 12, 24),  # Kerstavond
        date(2026, 12, 31),  # Oudejaarsdag
        date(2027, 5, 4),
    ],
)
def test_ordinary_weekdays_are_workdays(day: date) -> None:
    assert is_workday(day)


def test_weekend_days_are_never_workdays() -> None:
    assert not is_workday(date(2026, 11, 14))  # Saturday
    assert not is_workday(date(2026, 11, 15))  # Sunday


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2014, date(2014, 4, 26)),  # 27 April 2014 was a Sunday
        (2025, date(2025, 4, 26)),  # 27 April 2025 is a Sunday: Saturday 26 April
        (2026, date(2026, 4, 27)),
        (2031, date(2031, 4, 26)),  # 27 April 2031 is a Sunday
        (2013, date(2013, 4, 30)),  # Koninginnedag
        (2006, date(2006, 4, 29)),  # 30 April 2006 was a Sunday
    ],
)
def test_kings_day(year: int, expected: date) -> None:
    assert kings_day(year) == expected


def test_koningsdag_2025_falls_on_saturday_and_is_listed() -> None:
    # GIVEN 27 April 2025 is a Sunday
    assert date(2025, 4, 27).weekday() == 6
    # THEN Koningsdag is Saturday 26 April and is an Atw day
    assert atw_holidays(2025)[date(2025, 4, 26)] == "Koningsdag"
    assert date(2025, 4, 27) not in atw_holidays(2025)


def test_the_holidays_package_omits_5_may_in_2026_but_atw_does_not() -> None:
    # The reason we compute the Atw calendar ourselves (RULES.md §1).
    assert date(2026, 5, 5) not in holidays.country_holidays("NL", years=2026)
    assert date(2026, 5, 5) in atw_holidays(2026)


# --- equated days (Atw art. 3(3)) --------------------------------------------------------------


def test_bundled_equated_days_load_and_are_weekdays_that_are_not_statutory() -> None:
    days = load_equated_days()
    assert len(days) >= 10
    assert [d.day for d in days] == sorted(d.day for d in days)
    for item in days:
        assert item.day.weekday() < 5
        assert item.day not in atw_holidays(item.day.year)
        assert item.description and item.source


def test_default_calendar_lists_equated_days_in_its_year() -> None:
    year_2026 = default_calendar().holidays(2026)
    assert year_2026[date(2026, 5, 15)] == "Vrijdag na Hemelvaartsdag"
    assert date(2026, 1, 2) in year_2026
    assert len(year_2026) == 11


def test_admin_extra_days_make_a_day_a_non_workday() -> None:
    # GIVEN a newly published equated day an admin enters in the settings
    extra = default_calendar().with_extra_days({date(2029, 5, 11): "Vrijdag na Hemelvaartsdag"})
    # THEN it counts as an Atw day in that calendar only
    assert not is_workday(date(2029, 5, 11), calendar=extra)
    assert is_workday(date(2029, 5, 11))
    assert extra.holidays(2029)[date(2029, 5, 11)] == "Vrijdag na Hemelvaartsdag"
    assert add_workdays(date(2029, 5, 10), 1, calendar=extra) == date(2029, 5, 14)


def test_extra_days_as_plain_dates() -> None:
    extra = AtwCalendar().with_extra_days(frozenset({date(2030, 6, 14)}))
    assert not extra.is_workday(date(2030, 6, 14))
    assert extra.equated_days == (EquatedDay(date(2030, 6, 14), "Gelijkgestelde dag", "Instelling gemeente"),)


def test_a_calendar_without_equated_days_treats_them_as_workdays() -> None:
    assert AtwCalendar().is_workday(date(2026, 5, 15))


def _write(tmp_path: Path, payload: object) -> Path:
    file = tmp_path / "atw.json"
    file.write_text(json.dumps(payload), encoding="utf-8")
    return file


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ([], "lijst 'days'"),
        ({"days": [{"date": "2030-01-02", "description": "x"}]}, "veld 'source'"),
        ({"days": [{"date": "2030-02-30", "description": "x", "source": "y"}]}, "geen datum"),
        (
            {
                "days": [
                    {"date": "2030-01-02", "description": "x", "source": "y"},
                    {"date": "2030-01-02", "description": "x", "source": "y"},
                ]
            },
            "twee keer",
        ),
        ({"days": ["2030-01-02"]}, "verwacht een object"),
    ],
)
def test_bad_equated_days_file_is_refused(tmp_path: Path, payload: object, fragment: str) -> None:
    file = _write(tmp_path, payload)
    with pytest.raises(AtwDataError, match=fragment) as caught:
        load_equated_days(file)
    assert str(file) in str(caught.value)


def test_missing_equated_days_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AtwDataError, match="niet te lezen"):
        load_equated_days(tmp_path / "absent.json")


# --- add_workdays and extend_to_workday --------------------------------------------------------


def test_add_workdays_over_easter_2026() -> None:
    # Thursday 2 April: Goede Vrijdag, weekend and Tweede Paasdag are skipped
    assert add_workdays(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_add_workdays_over_christmas_2026() -> None:
    # 25 Dec is Friday, 26-27 weekend
    assert add_workdays(date(2026, 12, 24), 3) == date(2026, 12, 30)


def test_add_workdays_zero_and_negative() -> None:
    assert add_workdays(date(2026, 11, 14), 0) == date(2026, 11, 14)
    assert add_workdays(date(2027, 1, 4), -1) == date(2026, 12, 31)
    assert add_workdays(date(2026, 4, 7), -1) == date(2026, 4, 2)


def test_extend_to_workday_over_pinksteren_2026() -> None:
    # Saturday 23 May 2026 → Sunday, Tweede Pinksterdag → Tuesday 26 May
    assert extend_to_workday(date(2026, 5, 23)) == date(2026, 5, 26)
    assert extend_to_workday(date(2026, 5, 26)) == date(2026, 5, 26)


def test_workdays_between() -> None:
    cal = default_calendar()
    assert cal.workdays_between(date(2026, 12, 24), date(2026, 12, 31)) == 4
    assert cal.workdays_between(date(2026, 12, 31), date(2026, 12, 24)) == 0


@PROPS
@given(DATES, st.integers(min_value=1, max_value=60))
def test_add_workdays_lands_on_a_workday_after_start(start: date, n: int) -> None:
    result = add_workdays(start, n)
    assert is_workday(result)
    assert result > start
    assert default_calendar().workdays_between(start, result) == n


@PROPS
@given(DATES, st.integers(min_value=0, max_value=40))
def test_add_workdays_is_strictly_increasing_in_n(start: date, n: int) -> None:
    assert add_workdays(start, n) < add_workdays(start, n + 1)


@PROPS
@given(DATES, st.integers(min_value=1, max_value=40))
def test_add_workdays_backwards_undoes_forwards_from_a_workday(start: date, n: int) -> None:
    workday = extend_to_workday(start)
    assert add_workdays(add_workdays(workday, n), -n) == workday


@PROPS
@given(DATES)
def test_extend_to_workday_moves_only_over_non_workdays(day: date) -> None:
    result = extend_to_workday(day)
    assert is_workday(result)
    assert result >= day
    assert (result - day).days <= 5
    skipped = day
    while skipped < result:
        assert not is_workday(skipped)
        skipped += timedelta(days=1)


@PROPS
@given(st.integers(min_value=1990, max_value=2200))
def test_5_may_and_christmas_are_atw_days_every_year(year: int) -> None:
    days = atw_holidays(year)
    assert date(year, 5, 5) in days
    assert date(year, 12, 25) in days
    assert date(year, 12, 26) in days
    assert date(year, 1, 1) in days
    assert kings_day(year).weekday() != 6


@PROPS
@given(st.integers(min_value=1990, max_value=2099))
def test_easter_derived_days_agree_with_the_holidays_package(year: int) -> None:
    # GIVEN the holidays package as an independent oracle for Easter
    reference = holidays.country_holidays("NL", years=year, language="nl")

    def oracle(name: str) -> date:
        (day,) = [day for day, names in reference.items() if name in names]
        assert isinstance(day, date)
        return day

    ours = atw_holidays(year)
    # THEN the moveable feasts match, under their Atw names
    for atw_name, oracle_name in [
        ("Goede Vrijdag", "Goede vrijdag"),
        ("Tweede Paasdag", "Tweede paasdag"),
        ("Hemelvaartsdag", "Hemelvaartsdag"),
        ("Tweede Pinksterdag", "Tweede pinksterdag"),
    ]:
        assert atw_name in ours[oracle(oracle_name)]
    assert easter_sunday(year).weekday() == 6


def test_coinciding_feasts_keep_both_names() -> None:
    # Hemelvaartsdag fell on 5 May in 2016
    assert atw_holidays(2016)[date(2016, 5, 5)] == "Bevrijdingsdag (5 mei) en Hemelvaartsdag"
    assert len(atw_holidays(2016)) == 8
