"""Beslagvrije voet indication, VTLB and aflossingscapaciteit (app.rules.beslagvrije_voet).

Worked examples are computed by hand in the comments; norms from RULES.md §5.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.beslagvrije_voet import (
    BIJSTANDSNORM_KEYS,
    MAXIMUM_KEYS,
    Household,
    Indication,
    IndicationRule,
    NoNormError,
    NormDataError,
    NormTable,
    beslagvrije_voet_maxima,
    bijstandsnormen,
    effective_garnishment_free,
    garnishment_free_indication,
    parse_norm_table,
    repayment_capacity,
)

NBSP = "\u00a0"
SINGLE = Household(has_partner=False)
SINGLE_PARENT = Household(has_partner=False, children=1)
COUPLE_TWO_KIDS = Household(has_partner=True, children=2)
SINGLE_AOW = Household(has_partner=False, aow_age=True)
COUPLE_AOW = Household(has_partner=True, aow_age=True)


def test_shipped_bijstandsnormen_match_rules_md() -> None:
    table = bijstandsnormen()
    assert [p.valid_from for p in table.periods] == [date(2024, 7, 1), date(2025, 1, 1), date(2025, 7, 1)]
    # each period is closed where the next one starts (norms change on 1 January and 1 July)
    ends = [date(2024, 12, 31), date(2025, 6, 30), date(2025, 12, 31)]
    assert [p.valid_until for p in table.periods] == ends
    assert dict(table.periods[0].amounts) == {
        "single": 130845,
        "couple": 186921,
        "single_aow": 145685,
        "couple_aow": 197664,
    }
    assert dict(table.periods[1].amounts) == {
        "single": 134545,
        "couple": 192207,
        "single_aow": 150107,
        "couple_aow": 205348,
    }
    # RULES.md §5, column "1 Jul 2025"
    assert dict(table.periods[2].amounts) == {
        "single": 136906,
        "couple": 195580,
        "single_aow": 153021,
        "couple_aow": 209498,
    }
    assert all(p.source for p in table.periods)
    assert "1 juli 2025" in table.periods[2].source


def test_shipped_maxima_match_rules_md() -> None:
    table = beslagvrije_voet_maxima()
    assert [p.valid_from for p in table.periods] == [date(2024, 1, 1), date(2025, 1, 1)]
    assert table.periods[0].valid_until == date(2024, 12, 31)  # closed where 2025 starts
    assert dict(table.periods[0].amounts) == {
        "single": 199621,
        "single_children": 216260,
        "couple": 263149,
        "couple_children": 274709,
    }
    assert dict(table.periods[1].amounts) == {
        "single": 207124,
        "single_children": 224224,
        "couple": 273903,
        "couple_children": 285596,
    }
    assert all(p.source for p in table.periods)


@pytest.mark.parametrize(
    ("income", "household", "on", "amount", "rule", "norm_date"),
    [
        # single, 2.000,00 on 1 Mar 2025: norm 1.345,45; 95 % = 1.278,1775 -> 1.278,18
        (200000, SINGLE, date(2025, 3, 1), 127818, IndicationRule.NORM, date(2025, 1, 1)),
        # single, 1.200,00 (below the norm): 95 % of income = 1.140,00
        (120000, SINGLE, date(2025, 3, 1), 114000, IndicationRule.LOW_INCOME, date(2025, 1, 1)),
        # single parent gets the single norm: same 1.278,18
        (200000, SINGLE_PARENT, date(2025, 3, 1), 127818, IndicationRule.NORM, date(2025, 1, 1)),
        # couple with 2 children (Ahmed: 2.050 + 720 = 2.770,00) on 1 Sep 2024:
        # norm 1.869,21; 95 % = 1.775,7495 -> 1.775,75
        (277000, COUPLE_TWO_KIDS, date(2024, 9, 1), 177575, IndicationRule.NORM, date(2024, 7, 1)),
        # single AOW, 1.400,00 on 1 Jan 2025: below norm 1.501,07 -> 95 % of 1.400 = 1.330,00
        (140000, SINGLE_AOW, date(2025, 1, 1), 133000, IndicationRule.LOW_INCOME, date(2025, 1, 1)),
        # single, 2.000,00 on 1 Aug 2025: norm of 1 Jul 2025 1.369,06; 95 % = 1.300,607 -> 1.300,61
        (200000, SINGLE, date(2025, 8, 1), 130061, IndicationRule.NORM, date(2025, 7, 1)),
        # couple AOW, 2.500,00 on 31 Dec 2025: norm 2.094,98; 95 % = 1.990,231 -> 1.990,23
        (250000, COUPLE_AOW, date(2025, 12, 31), 199023, IndicationRule.NORM, date(2025, 7, 1)),
        # couple AOW, 2.500,00 on 31 Dec 2024: norm 1.976,64; 95 % = 1.877,808 -> 1.877,81
        (250000, COUPLE_AOW, date(2024, 12, 31), 187781, IndicationRule.NORM, date(2024, 7, 1)),
        # income exactly the norm: both branches give 95 % of the norm (continuous)
        (134545, SINGLE, date(2025, 6, 30), 127818, IndicationRule.NORM, date(2025, 1, 1)),
        # one cent below the norm: 95 % of 1.345,44 = 1.278,168 -> 1.278,17
        (134544, SINGLE, date(2025, 6, 30), 127817, IndicationRule.LOW_INCOME, date(2025, 1, 1)),
        # first day of the first known norm; 95 % of 0,01 = 0,0095 -> 0,01
        (1, SINGLE, date(2024, 7, 1), 1, IndicationRule.LOW_INCOME, date(2024, 7, 1)),
        (0, SINGLE, date(2024, 7, 1), 0, IndicationRule.LOW_INCOME, date(2024, 7, 1)),
    ],
)
def test_worked_examples(
    income: int, household: Household, on: date, amount: int, rule: IndicationRule, norm_date: date
) -> None:
    indication = garnishment_free_indication(income, household, on)
    assert indication.amount_cents == amount
    assert indication.rule is rule
    assert indication.norm_date == norm_date
    assert indication.maximum_date == date(on.year, 1, 1)
    assert indication.is_indication is True
    assert indication.basis.startswith("Indicatie: 95 % van ")
    assert indication.missing == ()  # the household gets its toeslagen, no housing costs given
    assert indication.components[0].article == "Rv art. 475da lid 1"
    assert "RULES.md" in indication.source


def test_basis_names_amounts_and_norm_date() -> None:
    indication = garnishment_free_indication(200000, SINGLE, date(2025, 3, 1))
    assert indication.basis == (
        "Indicatie: 95 % van de bijstandsnorm voor een alleenstaande of alleenstaande ouder "
        f"(€{NBSP}1.345,45, norm per 1 januari 2025) = €{NBSP}1.278,18. "
        "Geen correcties: het huishouden krijgt de toeslagen en heeft geen woonkosten opgegeven."
    )


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (date(2024, 6, 30), "Geen norm bekend voor 30 juni 2024 (bijstandsnorm)."),  # maxima known
        (date(2023, 12, 31), "Geen norm bekend voor 31 december 2023 (bijstandsnorm)."),
        (date(2026, 1, 1), "Geen norm bekend voor 1 januari 2026 (bijstandsnorm)."),  # not shipped
        (date(2030, 1, 1), "Geen norm bekend voor 1 januari 2030 (bijstandsnorm)."),
    ],
)
def test_no_known_norm_is_said_not_guessed(on: date, message: str) -> None:
    with pytest.raises(NoNormError) as caught:
        garnishment_free_indication(200000, SINGLE, on)
    assert str(caught.value) == message
    assert caught.value.on == on
    assert "pagina Normen" in caught.value.advice


def test_missing_period_is_named() -> None:
    # after the last shipped period (ends 31 Dec 2025) the missing one starts on 1 January 2026
    with pytest.raises(NoNormError) as caught:
        garnishment_free_indication(200000, SINGLE, date(2026, 12, 4))
    assert caught.value.missing_from == date(2026, 1, 1)
    assert "de periode vanaf 1 januari 2026" in caught.value.advice


def table(name: str, keys: frozenset[str], *periods: dict[str, Any]) -> NormTable:
    return parse_norm_table({"name": name, "title": name, "periods": list(periods)}, keys, "test")


NORMS = table(
    "bijstandsnorm",
    BIJSTANDSNORM_KEYS,
    {
        "valid_from": "2024-01-01",
        "source": "test",
        "amounts": {"single": 200000, "couple": 300000, "single_aow": 210000, "couple_aow": 310000},
    },
)
LOW_MAXIMA = table(
    "maximum",
    MAXIMUM_KEYS,
    {
        "valid_from": "2024-01-01",
        "source": "test",
        "amounts": {"single": 150000, "single_children": 170000, "couple": 250000, "couple_children": 260000},
    },
    {
        "valid_from": "2024-06-01",
        "source": "test later",
        "amounts": {"single": 160000, "single_children": 180000, "couple": 260000, "couple_children": 270000},
    },
)


def test_maximum_caps_the_indication() -> None:
    # GIVEN a norm of 2.000,00 (95 % = 1.900,00) and a single maximum of 1.500,00
    # WHEN / THEN the maximum wins
    indication = garnishment_free_indication(500000, SINGLE, date(2024, 3, 1), norms=NORMS, maxima=LOW_MAXIMA)
    assert indication.amount_cents == 150000
    assert indication.rule is IndicationRule.MAXIMUM
    assert f"Begrensd op het maximum van €{NBSP}1.500,00 (maximum per 1 januari 2024)." in indication.basis


def test_latest_maximum_valid_on_the_date_is_used_and_children_count() -> None:
    # single parent on 1 Jul 2024: maximum single_children of the 1 Jun 2024 period = 1.800,00
    indication = garnishment_free_indication(
        500000, SINGLE_PARENT, date(2024, 7, 1), norms=NORMS, maxima=LOW_MAXIMA
    )
    assert indication.amount_cents == 180000
    assert indication.maximum_date == date(2024, 6, 1)


def test_unknown_maximum_is_said() -> None:
    late_maxima = table(
        "maximum beslagvrije voet",
        MAXIMUM_KEYS,
        {"valid_from": "2024-05-01", "source": "t", "amounts": dict.fromkeys(MAXIMUM_KEYS, 1)},
    )
    with pytest.raises(NoNormError, match=r"30 april 2024 \(maximum beslagvrije voet\)"):
        garnishment_free_indication(100, SINGLE, date(2024, 4, 30), norms=NORMS, maxima=late_maxima)


def test_household_keys() -> None:
    assert SINGLE_PARENT.norm_key == "single"
    assert SINGLE_PARENT.maximum_key == "single_children"
    assert COUPLE_AOW.norm_key == "couple_aow"
    assert COUPLE_AOW.maximum_key == "couple"
    with pytest.raises(ValueError):
        Household(has_partner=False, children=-1)


def test_negative_income_is_refused() -> None:
    with pytest.raises(ValueError):
        garnishment_free_indication(-1, SINGLE, date(2025, 1, 1))


@pytest.mark.parametrize(
    ("periods", "keys"),
    [
        ([{"valid_from": "2024-01-01", "source": "s", "amounts": {"single": 1}}], BIJSTANDSNORM_KEYS),
        ([{"valid_from": "2024-01-01", "source": "s", "amounts": {"single": 1.5}}], frozenset({"single"})),
        ([{"valid_from": "2024-01-01", "source": "s", "amounts": {"single": -1}}], frozenset({"single"})),
        ([{"valid_from": "2024-01-01", "source": "s", "amounts": {"single": True}}], frozenset({"single"})),
        ([{"valid_from": "2024-13-01", "source": "s", "amounts": {"single": 1}}], frozenset({"single"})),
        ([{"source": "s", "amounts": {"single": 1}}], frozenset({"single"})),
        (
            [
                {"valid_from": "2024-07-01", "source": "s", "amounts": {"single": 1}},
                {"valid_from": "2024-01-01", "source": "s", "amounts": {"single": 1}},
            ],
            frozenset({"single"}),
        ),
        (
            [
                {
                    "valid_from": "2024-01-01",
                    "valid_until": "2024-07-01",
                    "source": "s",
                    "amounts": {"single": 1},
                },
                {"valid_from": "2024-07-01", "source": "s", "amounts": {"single": 1}},
            ],
            frozenset({"single"}),
        ),
        (
            [
                {
                    "valid_from": "2024-07-01",
                    "valid_until": "2024-06-30",
                    "source": "s",
                    "amounts": {"single": 1},
                }
            ],
            frozenset({"single"}),
        ),
    ],
)
def test_malformed_norm_data_is_refused(periods: list[dict[str, Any]], keys: frozenset[str]) -> None:
    with pytest.raises(NormDataError):
        parse_norm_table({"name": "n", "title": "t", "periods": periods}, keys, "test")


def test_official_amount_wins() -> None:
    indication = garnishment_free_indication(200000, SINGLE, date(2025, 3, 1))
    assert effective_garnishment_free(indication, 131000) == 131000
    assert effective_garnishment_free(indication, 0) == 0  # a recorded 0 is still official
    assert effective_garnishment_free(indication, None) == 127818
    assert effective_garnishment_free(None, 99) == 99
    with pytest.raises(ValueError):
        effective_garnishment_free(None, None)


def test_indication_is_frozen_and_labelled() -> None:
    indication = garnishment_free_indication(200000, SINGLE, date(2025, 3, 1))
    assert isinstance(indication, Indication)
    with pytest.raises(AttributeError):
        indication.amount_cents = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("income", "vtlb", "voet", "capacity"),
    [
        (200000, 150000, 127818, 50000),  # 2.000 - VTLB 1.500 = 500
        (200000, 120000, 127818, 72182),  # VTLB below the voet: 2.000 - 1.278,18 = 721,82
        (120000, 150000, 114000, 0),  # income below VTLB: nothing, never negative
        (150000, 150000, 150000, 0),
    ],
)
def test_repayment_capacity(income: int, vtlb: int, voet: int, capacity: int) -> None:
    assert repayment_capacity(income, vtlb, voet) == capacity


cents = st.integers(min_value=0, max_value=10**9)


@given(cents, cents, cents)
def test_repayment_capacity_never_negative_and_respects_the_voet(income: int, vtlb: int, voet: int) -> None:
    capacity = repayment_capacity(income, vtlb, voet)
    assert capacity >= 0
    assert income - capacity >= min(income, max(vtlb, voet))


@given(st.integers(min_value=0, max_value=10**8), st.booleans(), st.integers(0, 5), st.booleans())
def test_indication_never_exceeds_income_norm_or_maximum(
    income: int, partner: bool, kids: int, aow: bool
) -> None:
    household = Household(has_partner=partner, children=kids, aow_age=aow)
    on = date(2025, 2, 1)
    indication = garnishment_free_indication(income, household, on)
    norm = bijstandsnormen().period_on(on).amounts[household.norm_key]
    maximum = beslagvrije_voet_maxima().period_on(on).amounts[household.maximum_key]
    assert 0 <= indication.amount_cents <= min(income, norm, maximum)
