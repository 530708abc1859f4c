"""Creditor kinds, DDAS schuldsoort, statuses and small debt rules (app.rules.debts)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.resources import resource_path
from app.rules.debts import (
    COLLECTION_STAGE_LABELS,
    CORRESPONDENCE_COLOURS,
    CORRESPONDENCE_LABELS,
    CREDITOR_KIND_LABELS,
    DDAS_DEBT_KIND,
    DEBT_TYPE_LABELS,
    VERIFICATION_LABELS,
    CollectionStage,
    CorrespondenceStatus,
    CreditorKind,
    DdasDebtKind,
    DebtAmount,
    DebtType,
    VerificationStatus,
    add_months,
    is_fixed_cost,
    is_stale,
    settleable,
    totals_by_ddas_kind,
    totals_by_kind,
)

# The copy of the DDAS standard that Helder ships (resources/standards/ddas).
DDAS_SCHEMA = resource_path("standards", "ddas", "v1.0", "json_schema_Uitwisselmodel.json")


@pytest.mark.parametrize(
    ("enum", "labels"),
    [
        (CreditorKind, CREDITOR_KIND_LABELS),
        (CollectionStage, COLLECTION_STAGE_LABELS),
        (VerificationStatus, VERIFICATION_LABELS),
        (CorrespondenceStatus, CORRESPONDENCE_LABELS),
        (DebtType, DEBT_TYPE_LABELS),
    ],
)
def test_labels_are_complete_and_unique(enum: type[StrEnum], labels: Mapping[StrEnum, str]) -> None:
    assert set(labels) == set(enum)
    assert len(set(labels.values())) == len(labels)


def test_ddas_kinds_are_the_schema_strings() -> None:
    assert [k.value for k in DdasDebtKind] == ["Zorg", "Publiek", "Nuts", "Overig"]
    assert set(DDAS_DEBT_KIND) == set(CreditorKind)


@pytest.mark.skipif(not DDAS_SCHEMA.exists(), reason="DDAS schema not available on this machine")
def test_ddas_kinds_match_the_schema_file() -> None:
    schema = json.loads(DDAS_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$defs"]["EnumSchuldensoort"]["enum"] == [k.value for k in DdasDebtKind]


@pytest.mark.parametrize(
    ("kind", "ddas"),
    [
        (CreditorKind.BELASTINGDIENST, DdasDebtKind.PUBLIEK),
        (CreditorKind.CJIB, DdasDebtKind.PUBLIEK),
        (CreditorKind.DUO, DdasDebtKind.PUBLIEK),
        (CreditorKind.MUNICIPALITY, DdasDebtKind.PUBLIEK),
        (CreditorKind.HEALTH_INSURER, DdasDebtKind.ZORG),
        (CreditorKind.ENERGY, DdasDebtKind.NUTS),
        (CreditorKind.WATER, DdasDebtKind.NUTS),
        (CreditorKind.LANDLORD, DdasDebtKind.OVERIG),
        (CreditorKind.TELECOM, DdasDebtKind.OVERIG),
        (CreditorKind.BANK_CREDIT, DdasDebtKind.OVERIG),
    ],
)
def test_ddas_mapping(kind: CreditorKind, ddas: DdasDebtKind) -> None:
    assert DDAS_DEBT_KIND[kind] is ddas


def test_fixed_cost_kinds_are_the_wgs_threats() -> None:
    fixed = {k for k in CreditorKind if is_fixed_cost(k)}
    assert fixed == {
        CreditorKind.LANDLORD,
        CreditorKind.ENERGY,
        CreditorKind.WATER,
        CreditorKind.HEALTH_INSURER,
    }


def test_cjib_fines_cannot_be_settled() -> None:
    assert not settleable(CreditorKind.CJIB, is_fine=True)
    assert settleable(CreditorKind.CJIB, is_fine=False)  # e.g. bestuursrechtelijke premie Zvw
    assert settleable(CreditorKind.MUNICIPALITY, is_fine=True)  # counsellor's judgement
    assert settleable(CreditorKind.BANK_CREDIT, is_fine=False)


@pytest.mark.parametrize(
    ("peildatum", "on", "stale"),
    [
        (date(2025, 1, 15), date(2025, 7, 15), False),  # exactly six months
        (date(2025, 1, 15), date(2025, 7, 16), True),
        (date(2024, 8, 31), date(2025, 2, 28), False),  # 31 Aug + 6 months = 28 Feb
        (date(2024, 8, 31), date(2025, 3, 1), True),
        (date(2023, 8, 31), date(2024, 2, 29), False),  # leap year
        (date(2025, 1, 15), date(2025, 1, 15), False),
        (date(2025, 3, 1), date(2025, 1, 1), False),  # peildatum in the future
    ],
)
def test_is_stale(peildatum: date, on: date, stale: bool) -> None:
    assert is_stale(peildatum, on) is stale


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2900, 1, 1)), st.integers(-1200, 1200))
def test_add_months(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
    if result.day < day.day:  # clipped: then it is the last day of a shorter month
        assert (result + timedelta(days=1)).day == 1


def _luminance(colour: str) -> float:
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_correspondence_colours_are_distinct_and_readable_with_black_text() -> None:
    assert set(CORRESPONDENCE_COLOURS) == set(CorrespondenceStatus)
    assert len(set(CORRESPONDENCE_COLOURS.values())) == len(CorrespondenceStatus)
    for colour in CORRESPONDENCE_COLOURS.values():
        assert len(colour) == 7
        assert colour.startswith("#")
        int(colour[1:], 16)
        assert (_luminance(colour) + 0.05) / 0.05 >= 4.5  # WCAG contrast against black


def test_collection_stages_are_in_order() -> None:
    assert list(CollectionStage) == [
        CollectionStage.CREDITOR,
        CollectionStage.COLLECTION_AGENCY,
        CollectionStage.BAILIFF,
        CollectionStage.JUDGMENT,
        CollectionStage.GARNISHMENT,
    ]


def test_totals_like_sanne() -> None:
    # GIVEN Sanne's debts: phone 640, webshop 380 (deurwaarder), insurer 1.150, CJIB 410,
    # Belastingdienst 1.290 = 3.870
    debts = [
        DebtAmount(CreditorKind.TELECOM, 64000),
        DebtAmount(CreditorKind.BAILIFF, 38000),
        DebtAmount(CreditorKind.HEALTH_INSURER, 115000),
        DebtAmount(CreditorKind.CJIB, 41000),
        DebtAmount(CreditorKind.BELASTINGDIENST, 129000),
    ]
    # WHEN
    by_kind = totals_by_kind(debts)
    by_ddas = totals_by_ddas_kind(debts)
    # THEN
    assert list(by_kind) == [
        CreditorKind.BELASTINGDIENST,
        CreditorKind.CJIB,
        CreditorKind.HEALTH_INSURER,
        CreditorKind.BAILIFF,
        CreditorKind.TELECOM,
    ]
    assert by_kind[CreditorKind.CJIB] == 41000
    assert by_ddas == {
        DdasDebtKind.ZORG: 115000,
        DdasDebtKind.PUBLIEK: 170000,
        DdasDebtKind.NUTS: 0,
        DdasDebtKind.OVERIG: 102000,
    }
    assert sum(by_kind.values()) == sum(by_ddas.values()) == 387000


def test_totals_of_nothing() -> None:
    assert totals_by_kind([]) == {}
    assert totals_by_ddas_kind([]) == dict.fromkeys(DdasDebtKind, 0)


@given(st.lists(st.builds(DebtAmount, st.sampled_from(list(CreditorKind)), st.integers(0, 10**9))))
def test_totals_keep_the_sum(debts: list[DebtAmount]) -> None:
    total = sum(d.amount_cents for d in debts)
    assert sum(totals_by_kind(debts).values()) == total
    assert sum(totals_by_ddas_kind(debts).values()) == total
