"""The corrections of Rv art. 475da, the AOW norm and the never-silent rule (app.rules.beslagvrije_voet).

Worked examples derived from the law, by hand in the comments. The correction parameters are
test tables (Helder ships none: no amounts were published to us, RULES.md §5); the norms and
maxima are the shipped ones of 1 July 2025 / 1 January 2025 (RULES.md §5).

Derivation (Rv art. 475da as in RULES.md §5): with a net income at or above the applicable
bijstandsnorm N the beslagvrije voet is 95 % × N, plus for each toeslag the household does not
receive the amount the norm assumes (zorgtoeslag; kindgebonden budget for the children), plus
the housing costs above the normhuur when no huurtoeslag is received (rent counted up to the
huurgrens); the sum is capped by the maximum for the leefsituatie. Below N: 95 % of the income,
without corrections.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.beslagvrije_voet import (
    Circumstances,
    ComponentCode,
    CorrectionTables,
    Household,
    HousingKind,
    IndicationRule,
    beslagvrije_voet_maxima,
    bijstandsnormen,
    garnishment_free_indication,
)
from app.rules.norms import NormTable, parse_norm_table

ON = date(2025, 9, 1)  # bijstandsnorm of 1 Jul 2025, maximum of 1 Jan 2025


def _table(name: str, keys: dict[str, str], amounts: dict[str, int]) -> NormTable:
    return parse_norm_table(
        {
            "name": name,
            "title": name,
            "keys": keys,
            "periods": [
                {
                    "valid_from": "2025-01-01",
                    "valid_until": "2025-12-31",
                    "source": f"test {name}",
                    "amounts": amounts,
                }
            ],
        }
    )


PARAMS = CorrectionTables(
    normhuur=_table("normhuur", {"single": "a", "couple": "s"}, {"single": 25000, "couple": 30000}),
    huurgrens=_table("maximale huurgrens", {"all": "alle"}, {"all": 90000}),
    zorgtoeslag=_table(
        "zorgtoeslagcorrectie", {"single": "a", "couple": "s"}, {"single": 12300, "couple": 23400}
    ),
    kindgebonden_budget=_table(
        "correctie kindgebonden budget",
        {"first_child": "1", "next_child": "n", "single_parent": "alo"},
        {"first_child": 20000, "next_child": 15000, "single_parent": 27000},
    ),
)
NONE = CorrectionTables(
    normhuur=NormTable(name="normhuur", title="t", periods=()),
    huurgrens=NormTable(name="maximale huurgrens", title="t", periods=()),
    zorgtoeslag=NormTable(name="zorgtoeslagcorrectie", title="t", periods=()),
    kindgebonden_budget=NormTable(name="correctie kindgebonden budget", title="t", periods=()),
)
SINGLE = Household(has_partner=False)


def test_no_zorgtoeslag_raises_the_voet() -> None:
    # single, 2.000,00 seizable, no zorgtoeslag: 95 % × 1.369,06 = 1.300,607 -> 1.300,61
    # + zorgtoeslagcorrectie 123,00 = 1.423,61 (below the maximum 2.071,24)
    ind = garnishment_free_indication(
        200000, SINGLE, ON, circumstances=Circumstances(receives_zorgtoeslag=False), corrections=PARAMS
    )
    assert ind.amount_cents == 142361
    assert [c.code for c in ind.components] == [ComponentCode.BASE, ComponentCode.ZORGTOESLAG]
    assert ind.components[1].amount_cents == 12300
    assert ind.components[1].article == "Rv art. 475da (toeslagen)"
    assert ind.missing == ()
    assert "test zorgtoeslagcorrectie" in ind.source


def test_single_parent_without_child_budget_and_high_rent() -> None:
    # single parent with 2 children, 2.400,00 seizable, no kindgebonden budget, no huurtoeslag,
    # rent 950,00 (above the huurgrens 900,00):
    #   base 95 % × 1.369,06 = 1.300,61
    #   kindgebonden budget 200,00 + 150,00 + alo-kop 270,00 = 620,00
    #   woonkosten min(950, 900) − normhuur 250,00 = 650,00
    #   sum 2.570,61 > maximum single with children 2.242,24 -> 2.242,24
    household = Household(has_partner=False, children=2)
    ind = garnishment_free_indication(
        240000,
        household,
        ON,
        circumstances=Circumstances(
            receives_kindgebonden_budget=False,
            receives_huurtoeslag=False,
            housing=HousingKind.RENT,
            housing_costs_cents=95000,
        ),
        corrections=PARAMS,
    )
    by_code = {c.code: c for c in ind.components}
    assert by_code[ComponentCode.KINDGEBONDEN_BUDGET].amount_cents == 62000
    assert by_code[ComponentCode.WOONKOSTEN].amount_cents == 65000
    assert "boven de huurgrens" in by_code[ComponentCode.WOONKOSTEN].text
    assert by_code[ComponentCode.MAXIMUM].amount_cents == 224224
    assert ind.rule is IndicationRule.MAXIMUM
    assert ind.amount_cents == 224224


def test_huurtoeslag_received_means_no_housing_correction_but_an_owner_has_one() -> None:
    tenant = garnishment_free_indication(
        200000,
        SINGLE,
        ON,
        circumstances=Circumstances(housing=HousingKind.RENT, housing_costs_cents=80000),
        corrections=PARAMS,
    )
    assert tenant.amount_cents == 130061  # receives huurtoeslag: base only
    # owner (Besluit beslagvrije voet art. 5): woonlasten 700,00 − normhuur 250,00 = 450,00, no huurgrens
    owner = garnishment_free_indication(
        200000,
        SINGLE,
        ON,
        circumstances=Circumstances(housing=HousingKind.OWNER, housing_costs_cents=70000),
        corrections=PARAMS,
    )
    assert owner.amount_cents == 130061 + 45000
    assert "Besluit beslagvrije voet art. 5" in owner.components[-1].text


def test_a_correction_without_data_is_named_never_left_out_silently() -> None:
    # the shipped parameter tables have no periods: the indication says so by name
    ind = garnishment_free_indication(
        200000,
        SINGLE,
        ON,
        circumstances=Circumstances(
            receives_zorgtoeslag=False,
            receives_huurtoeslag=False,
            housing=HousingKind.RENT,
            housing_costs_cents=80000,
        ),
        corrections=NONE,
    )
    assert ind.amount_cents == 130061
    assert len(ind.missing) == 2
    assert ind.missing[0].startswith(
        "Zonder zorgtoeslagcorrectie: geen zorgtoeslagcorrectie bekend voor 1 september 2025"
    )
    assert ind.missing[1].startswith("Zonder woonkostencorrectie: geen normhuur bekend voor 1 september 2025")
    assert all("pagina Normen" in m and "opgave van de beslaglegger" in m for m in ind.missing)
    assert "te laag" in ind.basis
    assert [c.amount_cents for c in ind.components] == [130061, None, None]


def test_entered_component_wins_over_missing_data_and_over_computation() -> None:
    # the counsellor takes the woonkostencorrectie of 310,00 from the deurwaarder's statement
    entered = Circumstances(
        receives_zorgtoeslag=False,
        receives_huurtoeslag=False,
        housing=HousingKind.RENT,
        housing_costs_cents=80000,
        entered={"woonkosten": 31000, "zorgtoeslag": 10000},
    )
    ind = garnishment_free_indication(200000, SINGLE, ON, circumstances=entered, corrections=NONE)
    assert ind.missing == ()
    assert ind.amount_cents == 130061 + 31000 + 10000
    assert all(c.entered for c in ind.components[1:])
    computed = garnishment_free_indication(200000, SINGLE, ON, circumstances=entered, corrections=PARAMS)
    assert computed.amount_cents == ind.amount_cents  # entered wins over Helder's 123,00 / 550,00


def test_low_income_takes_no_corrections() -> None:
    # 1.200,00 is below the norm 1.369,06: 95 % = 1.140,00, corrections do not apply (RULES.md §5)
    ind = garnishment_free_indication(
        120000, SINGLE, ON, circumstances=Circumstances(receives_zorgtoeslag=False), corrections=PARAMS
    )
    assert ind.amount_cents == 114000
    assert ind.rule is IndicationRule.LOW_INCOME


def test_couple_with_one_partner_at_aow_age_takes_the_aow_couple_norm() -> None:
    # the service sets aow_age when at least one partner reached it: norm 2.094,98; 95 % = 1.990,23
    ind = garnishment_free_indication(300000, Household(has_partner=True, aow_age=True), ON)
    assert ind.amount_cents == 199023


cents = st.integers(min_value=0, max_value=10**7)


@given(
    income=cents,
    partner=st.booleans(),
    kids=st.integers(0, 6),
    aow=st.booleans(),
    zorg=st.booleans(),
    kgb=st.booleans(),
    huur=st.booleans(),
    housing=st.sampled_from(list(HousingKind)),
    costs=cents,
    entered=st.dictionaries(
        st.sampled_from(["zorgtoeslag", "kindgebonden_budget", "woonkosten"]), cents, max_size=3
    ),
    params=st.sampled_from([PARAMS, NONE]),
    on=st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31)),
)
def test_indication_never_above_the_maximum_nor_below_95_percent_of_income_or_norm(
    income: int,
    partner: bool,
    kids: int,
    aow: bool,
    zorg: bool,
    kgb: bool,
    huur: bool,
    housing: HousingKind,
    costs: int,
    entered: dict[str, int],
    params: CorrectionTables,
    on: date,
) -> None:
    household = Household(has_partner=partner, children=kids, aow_age=aow)
    circumstances = Circumstances(zorg, kgb, huur, housing, costs, entered)
    ind = garnishment_free_indication(income, household, on, circumstances=circumstances, corrections=params)
    norm = bijstandsnormen().period_on(on).amounts[household.norm_key]
    maximum = beslagvrije_voet_maxima().period_on(on).amounts[household.maximum_key]
    assert ind.amount_cents <= maximum
    floor = min(income, norm) * 95 // 100  # 95 % rounded down; the rule rounds half up
    assert ind.amount_cents >= min(floor, maximum)


@pytest.mark.parametrize("code", ["zorgtoeslag", "kindgebonden_budget", "woonkosten"])
def test_negative_entered_component_is_refused(code: str) -> None:
    with pytest.raises(ValueError):
        garnishment_free_indication(200000, SINGLE, ON, circumstances=Circumstances(entered={code: -1}))
