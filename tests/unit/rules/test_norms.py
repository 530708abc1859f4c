"""Dated norm tables: merging entered periods, checking a new one, the missing-period warning."""

from __future__ import annotations

from datetime import date

from app.rules.norms import (
    NormPeriod,
    NormTable,
    Origin,
    check_new_period,
    merge_periods,
    missing_next_period,
    shadowed_shipped,
    shipped_table,
    shipped_tables,
)

KEYS = {"single": "alleenstaande"}


def _p(
    start: str, end: str | None, amount: int, origin: Origin = Origin.SHIPPED, rid: str = ""
) -> NormPeriod:
    return NormPeriod(
        date.fromisoformat(start),
        date.fromisoformat(end) if end else None,
        "bron",
        {"single": amount},
        origin,
        record_id=rid,
    )


def _table(*periods: NormPeriod) -> NormTable:
    return NormTable(
        "norm", "Norm", tuple(periods), "t", keys=KEYS, changes_on=("01-01", "07-01"), watched=True
    )


def test_every_shipped_table_has_a_source_per_period_and_no_yearly_number_in_code() -> None:
    tables = shipped_tables()
    assert set(tables) >= {"bijstandsnormen", "bvv_maxima", "aow_leeftijd", "normhuur"}
    for table in tables.values():
        assert table.article and table.keys
        assert all(p.source and p.valid_until is not None for p in table.periods)
    assert shipped_table("aow_leeftijd").period_on(date(2027, 12, 31)).amounts["age"] == 67 * 12
    import app.services.budget_assessment as assessment

    assert not hasattr(assessment, "AOW_AGE")


def test_a_newer_shipped_period_never_overwrites_an_entered_one() -> None:
    # GIVEN the beheerder entered 1 January 2026; a later Helder release ships that period too
    entered = _p("2026-01-01", "2026-06-30", 139000, Origin.ENTERED, "r1")
    shipped = _table(_p("2025-07-01", "2025-12-31", 136906), _p("2026-01-01", "2026-06-30", 138800))
    merged = merge_periods(shipped, [entered])
    # THEN the entered amounts are used, the shipped period is kept aside (shown as replaced)
    assert merged.period_on(date(2026, 3, 1)).amounts["single"] == 139000
    assert merged.period_on(date(2025, 8, 1)).amounts["single"] == 136906
    assert [p.amounts["single"] for p in shadowed_shipped(shipped, [entered])] == [138800]


def test_checks_of_a_new_period() -> None:
    table = _table(_p("2025-07-01", "2025-12-31", 100000))
    ok = check_new_period(table, table, _p("2026-01-01", "2026-06-30", 105000, Origin.ENTERED))
    assert not ok.errors and not ok.warnings and ok.replaces_shipped is None
    jump = check_new_period(table, table, _p("2026-01-01", "2026-06-30", 111000, Origin.ENTERED))
    assert not jump.errors and "11 % hoger" in jump.warnings[0]  # > 10 %: a warning, not a refusal
    gap = check_new_period(table, table, _p("2026-02-01", None, 100000, Origin.ENTERED))
    assert not gap.errors and "geen norm bekend" in gap.warnings[0]
    same = check_new_period(table, table, _p("2025-07-01", "2025-12-31", 100001, Origin.ENTERED))
    assert not same.errors and same.replaces_shipped is not None
    overlap = check_new_period(table, table, _p("2025-10-01", "2026-06-30", 100000, Origin.ENTERED))
    assert "overlapt" in overlap.errors["valid_from"]


def test_missing_period_from_the_warning_day() -> None:
    table = _table(_p("2025-07-01", "2025-12-31", 100000))
    assert missing_next_period(table, date(2025, 12, 14), 17) is None
    assert missing_next_period(table, date(2025, 12, 15), 17) == date(2026, 1, 1)
    assert missing_next_period(table, date(2026, 12, 4), 17) == date(2026, 1, 1)  # still missing, late
    not_watched = NormTable("n", "n", (), "t", keys=KEYS, changes_on=("01-01",), watched=False)
    assert missing_next_period(not_watched, date(2026, 12, 20), 17) is None
