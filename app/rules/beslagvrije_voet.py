"""Beslagvrije voet (indication from dated norms), VTLB and aflossingscapaciteit.

Helder computes an *indication* only: the law's compensations (woonkosten, zorgtoeslag,
kindgebonden budget) are not in the design documents, so they are left out and every result
says so. The official amount (central calculation, creditor's statement) always wins.

Sources: Wetboek van Burgerlijke Rechtsvordering (Rv) art. 475da-475dc as amended by the Wet
vereenvoudiging beslagvrije voet (1 January 2021); Wgs art. 4a; Participatiewet (norms);
RULES.md §5. Yearly numbers: ``resources/norms/bijstandsnormen.json`` and
``resources/norms/beslagvrije_voet_maxima.json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from itertools import pairwise
from types import MappingProxyType
from typing import Any

from babel.dates import format_date

from app.resources import resource_path
from app.rules.money import divide_half_up, format_amount

BIJSTANDSNORMEN_FILE = "bijstandsnormen.json"
MAXIMA_FILE = "beslagvrije_voet_maxima.json"

#: Norm keys per file (see the "keys" object in each file for their meaning).
BIJSTANDSNORM_KEYS: frozenset[str] = frozenset({"single", "couple", "single_aow", "couple_aow"})
MAXIMUM_KEYS: frozenset[str] = frozenset({"single", "single_children", "couple", "couple_children"})

#: Dutch wording of a bijstandsnorm key inside a sentence ("de bijstandsnorm voor …").
NORM_LABELS: dict[str, str] = {
    "single": "een alleenstaande of alleenstaande ouder",
    "couple": "gehuwden of samenwonenden",
    "single_aow": "een alleenstaande met AOW-leeftijd",
    "couple_aow": "gehuwden of samenwonenden met AOW-leeftijd",
}

_PERCENTAGE = 95  # Rv art. 475da: 95 % of the norm, or of a lower income
_NOT_INCLUDED = "Zonder correctie voor woonkosten, zorgtoeslag en kindgebonden budget."


class NoNormError(LookupError):
    """No dated norm covers the date asked about; ``str(error)`` is a Dutch message."""

    def __init__(self, on: date, table: str) -> None:
        super().__init__(f"Geen norm bekend voor {dutch_date(on)} ({table}).")
        self.on = on
        self.table = table


class NormDataError(ValueError):
    """A norm file is malformed (a programming or data-entry error, not a user error)."""


def dutch_date(day: date) -> str:
    """Write a date the Dutch way, e.g. ``1 januari 2025`` (Babel, locale nl_NL)."""
    return format_date(day, "d MMMM y", locale="nl_NL")


@dataclass(frozen=True)
class NormPeriod:
    """Amounts (cents per month) valid from ``valid_from`` to ``valid_until`` (inclusive).

    ``valid_until`` None: valid until the next period of the table starts.
    """

    valid_from: date
    valid_until: date | None
    source: str
    amounts: Mapping[str, int]


@dataclass(frozen=True)
class NormTable:
    """A dated table of norms, periods in ascending order without overlap.

    ``name`` is short Dutch for messages ("bijstandsnorm"); ``title`` describes the table.
    """

    name: str
    title: str
    periods: tuple[NormPeriod, ...]

    def period_on(self, on: date) -> NormPeriod:
        """Return the period valid on ``on``.

        Raises:
            NoNormError: when no period covers ``on`` (never falls back to a nearby period).
        """
        candidates = [p for p in self.periods if p.valid_from <= on]
        if not candidates:
            raise NoNormError(on, self.name)
        period = candidates[-1]
        if period.valid_until is not None and on > period.valid_until:
            raise NoNormError(on, self.name)
        return period


def parse_norm_table(data: Any, expected_keys: frozenset[str], origin: str) -> NormTable:
    """Check and convert the JSON object of a norm file (format: see ``resources/norms``).

    Raises:
        NormDataError: for a missing field, a non-integer or negative amount, a wrong set of
            keys, or periods out of order or overlapping.
    """
    try:
        name = str(data["name"])
        title = str(data["title"])
        periods: list[NormPeriod] = []
        for raw in data["periods"]:
            amounts = raw["amounts"]
            if set(amounts) != expected_keys:
                raise NormDataError(f"{origin}: keys {sorted(amounts)} != {sorted(expected_keys)}")
            for key, value in amounts.items():
                if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                    raise NormDataError(f"{origin}: {key} must be whole cents, got {value!r}")
            until = raw.get("valid_until")
            periods.append(
                NormPeriod(
                    valid_from=date.fromisoformat(raw["valid_from"]),
                    valid_until=None if until is None else date.fromisoformat(until),
                    source=str(raw["source"]),
                    amounts=MappingProxyType(dict(amounts)),
                )
            )
    except NormDataError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise NormDataError(f"{origin}: {exc!r}") from exc
    if not periods:
        raise NormDataError(f"{origin}: no periods")
    for earlier, later in pairwise(periods):
        if later.valid_from <= earlier.valid_from or (
            earlier.valid_until is not None and earlier.valid_until >= later.valid_from
        ):
            raise NormDataError(f"{origin}: periods out of order or overlapping at {later.valid_from}")
    for period in periods:
        if period.valid_until is not None and period.valid_until < period.valid_from:
            raise NormDataError(f"{origin}: valid_until before valid_from at {period.valid_from}")
    return NormTable(name=name, title=title, periods=tuple(periods))


def _load(filename: str, expected_keys: frozenset[str]) -> NormTable:
    with resource_path("norms", filename).open(encoding="utf-8") as handle:
        return parse_norm_table(json.load(handle), expected_keys, filename)


@cache
def bijstandsnormen() -> NormTable:
    """The dated bijstandsnormen (Participatiewet, incl. vakantietoeslag) from resources/norms."""
    return _load(BIJSTANDSNORMEN_FILE, BIJSTANDSNORM_KEYS)


@cache
def beslagvrije_voet_maxima() -> NormTable:
    """The dated maxima of the beslagvrije voet (Rv art. 475da) from resources/norms."""
    return _load(MAXIMA_FILE, MAXIMUM_KEYS)


@dataclass(frozen=True)
class Household:
    """Who lives on the income. A single parent gets the single norm (RULES.md §5).

    ``aow_age``: the client (and partner, if any) has reached AOW age.
    """

    has_partner: bool
    children: int = 0
    aow_age: bool = False

    def __post_init__(self) -> None:
        if self.children < 0:
            raise ValueError("Het aantal kinderen is nooit negatief")

    @property
    def norm_key(self) -> str:
        """Key into the bijstandsnormen table."""
        return ("couple" if self.has_partner else "single") + ("_aow" if self.aow_age else "")

    @property
    def maximum_key(self) -> str:
        """Key into the maxima table."""
        return ("couple" if self.has_partner else "single") + ("_children" if self.children else "")


class IndicationRule(StrEnum):
    """Which branch of the rule gave the indication."""

    LOW_INCOME = "low_income"  # 95 % of an income below the norm
    NORM = "norm"  # 95 % of the bijstandsnorm
    MAXIMUM = "maximum"  # capped by the dated maximum


@dataclass(frozen=True)
class Indication:
    """An indicated beslagvrije voet per month, with the norms it rests on.

    ``norm_date`` and ``maximum_date`` are the first days of the norm periods used.
    """

    amount_cents: int
    basis: str
    norm_date: date
    maximum_date: date
    rule: IndicationRule
    source: str
    is_indication: bool = True


def garnishment_free_indication(
    net_income_month_cents: int,
    household: Household,
    on: date,
    *,
    norms: NormTable | None = None,
    maxima: NormTable | None = None,
) -> Indication:
    """Indicate the beslagvrije voet per month on date ``on`` (simplified rule).

    Low income (net income incl. holiday pay below the applicable bijstandsnorm): 95 % of the
    income. Otherwise 95 % of the bijstandsnorm. Then capped by the maximum valid on ``on``.
    95 % is rounded once, half up, to a cent. The compensations of Rv art. 475da-475dc are left
    out; the result is labelled an indicatie. ``norms``/``maxima`` default to the shipped files.
    Source: Rv art. 475da (Wet vereenvoudiging beslagvrije voet, 1 January 2021); RULES.md §5.

    Raises:
        NoNormError: when no bijstandsnorm or no maximum is known for ``on``.
        ValueError: for a negative income.
    """
    if net_income_month_cents < 0:
        raise ValueError("Het inkomen is nooit negatief")
    norm_period = (bijstandsnormen() if norms is None else norms).period_on(on)
    maximum_period = (beslagvrije_voet_maxima() if maxima is None else maxima).period_on(on)
    norm = norm_period.amounts[household.norm_key]
    maximum = maximum_period.amounts[household.maximum_key]
    norm_text = (
        f"de bijstandsnorm voor {NORM_LABELS[household.norm_key]} "
        f"({format_amount(norm)}, norm per {dutch_date(norm_period.valid_from)})"
    )

    if net_income_month_cents < norm:
        rule = IndicationRule.LOW_INCOME
        amount = divide_half_up(net_income_month_cents * _PERCENTAGE, 100)
        basis = (
            f"95 % van het netto inkomen ({format_amount(net_income_month_cents)}) = "
            f"{format_amount(amount)}, omdat het inkomen lager is dan {norm_text}."
        )
    else:
        rule = IndicationRule.NORM
        amount = divide_half_up(norm * _PERCENTAGE, 100)
        basis = f"95 % van {norm_text} = {format_amount(amount)}."
    if amount > maximum:
        rule = IndicationRule.MAXIMUM
        amount = maximum
        basis += (
            f" Begrensd op het maximum van {format_amount(maximum)} "
            f"(maximum per {dutch_date(maximum_period.valid_from)})."
        )

    return Indication(
        amount_cents=amount,
        basis=f"Indicatie: {basis} {_NOT_INCLUDED}",
        norm_date=norm_period.valid_from,
        maximum_date=maximum_period.valid_from,
        rule=rule,
        source=f"{norm_period.source}; {maximum_period.source}",
    )


def effective_garnishment_free(indication: Indication | None, official_cents: int | None) -> int:
    """Return the beslagvrije voet to use: the official amount when recorded, else the indication.

    Source: RULES.md §5 (the official amount from the central calculation or the creditor's
    statement wins everywhere).

    Raises:
        ValueError: when neither is known.
    """
    if official_cents is not None:
        return official_cents
    if indication is not None:
        return indication.amount_cents
    raise ValueError("Geen beslagvrije voet bekend")


def repayment_capacity(income_cents: int, vtlb_cents: int, garnishment_free_cents: int) -> int:
    """Aflossingscapaciteit per month: income − VTLB, where the VTLB is never below the voet.

    Never negative: with too little income the capacity is 0 (a 0%-aanbod, RULES.md §4).
    Source: RULES.md §5 (VTLB / aflossingscapaciteit); Wgs art. 4a (beslagvrije voet).
    """
    return max(0, income_cents - max(vtlb_cents, garnishment_free_cents))
