"""Beslagvrije voet per Rv art. 475da (indication from dated norms), VTLB and aflossingscapaciteit.

Helder computes an *indication* with every component named and its article: 95 % of the
applicable bijstandsnorm (the AOW norm when the client, or for a couple at least one partner,
reached the AOW age), or 95 % of a lower income; above the norm the corrections of Rv art. 475da
for toeslagen the household does not receive (zorgtoeslag, kindgebonden budget) and for housing
costs (woonkosten above the normhuur when no huurtoeslag is received, up to the huurgrens;
owners: Besluit beslagvrije voet art. 5); then the dated maximum. A correction whose parameter
has no dated period is never left out silently: the indication names it ("Zonder
woonkostencorrectie: geen normhuur bekend voor …") and the counsellor can enter that component
from the beslaglegger's statement. The official amount (central calculation, creditor's
statement) always wins.

Sources: Wetboek van Burgerlijke Rechtsvordering (Rv) art. 475da-475dc as amended by the Wet
vereenvoudiging beslagvrije voet (1 January 2021); Besluit beslagvrije voet art. 5; Wgs art. 4a;
Participatiewet art. 21-22 (norms); RULES.md §5. Yearly numbers: the tables of
``app.rules.norms`` (``resources/norms/``), entered periods merged in by the service.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from app.rules.money import divide_half_up, format_amount
from app.rules.norms import (
    NoNormError,
    NormDataError,
    NormPeriod,
    NormTable,
    dutch_date,
    parse_norm_table,
    shipped_table,
)

__all__ = [
    "BIJSTANDSNORM_KEYS",
    "MAXIMUM_KEYS",
    "Circumstances",
    "Component",
    "ComponentCode",
    "CorrectionTables",
    "Household",
    "HousingKind",
    "Indication",
    "IndicationRule",
    "NoNormError",
    "NormDataError",
    "NormPeriod",
    "NormTable",
    "beslagvrije_voet_maxima",
    "bijstandsnormen",
    "dutch_date",
    "effective_garnishment_free",
    "garnishment_free_indication",
    "parse_norm_table",
    "repayment_capacity",
]

#: Norm keys per table (see the "keys" object in each file for their meaning).
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


def bijstandsnormen() -> NormTable:
    """The dated bijstandsnormen (Participatiewet, incl. vakantietoeslag) as shipped."""
    return shipped_table("bijstandsnormen")


def beslagvrije_voet_maxima() -> NormTable:
    """The dated maxima of the beslagvrije voet (Rv art. 475da) as shipped."""
    return shipped_table("bvv_maxima")


@dataclass(frozen=True)
class Household:
    """Who lives on the income. A single parent gets the single norm (RULES.md §5).

    ``aow_age``: the client, or for a couple at least one partner, has reached the AOW age (then
    the AOW norm applies, Participatiewet art. 22).
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
    NORM = "norm"  # 95 % of the bijstandsnorm (plus corrections)
    MAXIMUM = "maximum"  # capped by the dated maximum


class HousingKind(StrEnum):
    """How the household lives: renting, owning, or without own housing costs (inwonend)."""

    RENT = "rent"
    OWNER = "owner"
    NONE = "none"


class ComponentCode(StrEnum):
    """The parts of the beslagvrije voet, in the order they are added."""

    BASE = "base"
    ZORGTOESLAG = "zorgtoeslag"
    KINDGEBONDEN_BUDGET = "kindgebonden_budget"
    WOONKOSTEN = "woonkosten"
    MAXIMUM = "maximum"


#: Dutch names and articles of the components (one place for the tab, the PDF and the CLI).
COMPONENT_LABELS: dict[ComponentCode, str] = {
    ComponentCode.BASE: "95 % van de norm of van het inkomen",
    ComponentCode.ZORGTOESLAG: "Zorgtoeslagcorrectie",
    ComponentCode.KINDGEBONDEN_BUDGET: "Correctie kindgebonden budget",
    ComponentCode.WOONKOSTEN: "Woonkostencorrectie",
    ComponentCode.MAXIMUM: "Maximum",
}
COMPONENT_ARTICLES: dict[ComponentCode, str] = {
    ComponentCode.BASE: "Rv art. 475da lid 1",
    ComponentCode.ZORGTOESLAG: "Rv art. 475da (toeslagen)",
    ComponentCode.KINDGEBONDEN_BUDGET: "Rv art. 475da (toeslagen)",
    ComponentCode.WOONKOSTEN: "Rv art. 475da lid 4-5",
    ComponentCode.MAXIMUM: "Rv art. 475da (maximum)",
}
#: The corrections a counsellor may enter from the beslaglegger's statement.
ENTERABLE: tuple[ComponentCode, ...] = (
    ComponentCode.ZORGTOESLAG,
    ComponentCode.KINDGEBONDEN_BUDGET,
    ComponentCode.WOONKOSTEN,
)


@dataclass(frozen=True)
class Circumstances:
    """What the corrections depend on, from the dossier's budget.

    ``entered``: components the counsellor took from the beslaglegger's statement (cents per
    month, by :class:`ComponentCode` value); they win over Helder's own computation.
    """

    receives_zorgtoeslag: bool = True
    receives_kindgebonden_budget: bool = True
    receives_huurtoeslag: bool = True
    housing: HousingKind = HousingKind.NONE
    housing_costs_cents: int = 0
    entered: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class CorrectionTables:
    """The dated parameters of the corrections; None takes the shipped table."""

    normhuur: NormTable | None = None
    huurgrens: NormTable | None = None
    zorgtoeslag: NormTable | None = None
    kindgebonden_budget: NormTable | None = None

    def table(self, name: str) -> NormTable:
        given: NormTable | None = getattr(self, name)
        shipped = {
            "normhuur": "normhuur",
            "huurgrens": "huurgrens",
            "zorgtoeslag": "zorgtoeslag_correctie",
            "kindgebonden_budget": "kgb_correctie",
        }[name]
        return given if given is not None else shipped_table(shipped)


@dataclass(frozen=True)
class Component:
    """One part of the indication: ``amount_cents`` None when it could not be computed (see ``text``)."""

    code: ComponentCode
    amount_cents: int | None
    text: str
    entered: bool = False

    @property
    def label(self) -> str:
        return COMPONENT_LABELS[self.code]

    @property
    def article(self) -> str:
        return COMPONENT_ARTICLES[self.code]


@dataclass(frozen=True)
class Indication:
    """An indicated beslagvrije voet per month, with the norms and components it rests on.

    ``norm_date`` and ``maximum_date`` are the first days of the norm periods used; ``missing``
    names every correction that applies but could not be computed (never left out silently).
    """

    amount_cents: int
    basis: str
    norm_date: date
    maximum_date: date
    rule: IndicationRule
    source: str
    components: tuple[Component, ...] = ()
    missing: tuple[str, ...] = ()
    is_indication: bool = True


def _correction(
    code: ComponentCode,
    entered: Mapping[str, int],
    compute: tuple[int, str, str] | str,
) -> tuple[Component, str, str | None]:
    """A correction from the counsellor's entry, else Helder's ``compute`` (amount, text, source)
    or its Dutch reason why not (a string). Returns the component, its source, its 'missing' line."""
    if code.value in entered:
        amount = entered[code.value]
        text = f"{format_amount(amount)}, ingevuld uit de opgave van de beslaglegger"
        return Component(code, amount, text, entered=True), "", None
    if isinstance(compute, str):
        return Component(code, None, compute), "", compute
    amount, text, source = compute
    return Component(code, amount, text), source, None


def _missing(what: str, exc: NoNormError) -> str:
    return (
        f"Zonder {what}: geen {exc.table} bekend voor {dutch_date(exc.on)}. "
        f"Vul het bedrag in uit de opgave van de beslaglegger, of: {exc.advice}"
    )


def _zorgtoeslag(household: Household, on: date, tables: CorrectionTables) -> tuple[int, str, str] | str:
    try:
        period = tables.table("zorgtoeslag").period_on(on)
    except NoNormError as exc:
        return _missing("zorgtoeslagcorrectie", exc)
    amount = period.amounts["couple" if household.has_partner else "single"]
    return amount, f"{format_amount(amount)}, omdat het huishouden geen zorgtoeslag krijgt", period.source


def _child_budget(household: Household, on: date, tables: CorrectionTables) -> tuple[int, str, str] | str:
    try:
        period = tables.table("kindgebonden_budget").period_on(on)
    except NoNormError as exc:
        return _missing("correctie kindgebonden budget", exc)
    a = period.amounts
    amount = a["first_child"] + a["next_child"] * (household.children - 1)
    if not household.has_partner:
        amount += a["single_parent"]
    kids = f"{household.children} {'kind' if household.children == 1 else 'kinderen'}"
    return amount, f"{format_amount(amount)} voor {kids} zonder kindgebonden budget", period.source


def _housing(
    household: Household, circumstances: Circumstances, on: date, tables: CorrectionTables
) -> tuple[int, str, str] | str:
    try:
        normhuur = tables.table("normhuur").period_on(on)
        limit = tables.table("huurgrens").period_on(on) if circumstances.housing is HousingKind.RENT else None
    except NoNormError as exc:
        return _missing("woonkostencorrectie", exc)
    base = normhuur.amounts["couple" if household.has_partner else "single"]
    costs = circumstances.housing_costs_cents
    text_costs = "huur" if circumstances.housing is HousingKind.RENT else "woonlasten eigen woning"
    counted = costs if limit is None else min(costs, limit.amounts["all"])
    amount = max(0, counted - base)
    text = f"{format_amount(amount)}: {text_costs} {format_amount(costs)} min normhuur {format_amount(base)}"
    if limit is not None and costs > limit.amounts["all"]:
        text += (
            f" (huur boven de huurgrens van {format_amount(limit.amounts['all'])} niet meegeteld: "
            "bovenmatige woonkosten tellen ten hoogste 18 maanden; vul het bedrag in uit de opgave "
            "als de beslaglegger ze meetelt)"
        )
    if circumstances.housing is HousingKind.OWNER:
        text += " (Besluit beslagvrije voet art. 5)"
    sources = normhuur.source + ("" if limit is None else f"; {limit.source}")
    return amount, text, sources


def garnishment_free_indication(
    net_income_month_cents: int,
    household: Household,
    on: date,
    *,
    norms: NormTable | None = None,
    maxima: NormTable | None = None,
    circumstances: Circumstances | None = None,
    corrections: CorrectionTables | None = None,
) -> Indication:
    """Indicate the beslagvrije voet per month on date ``on`` (Rv art. 475da).

    Low income (net income incl. holiday pay below the applicable bijstandsnorm): 95 % of the
    income. Otherwise 95 % of the bijstandsnorm plus the corrections that apply: zorgtoeslag
    and kindgebonden budget the household does not receive, and housing costs above the
    normhuur when no huurtoeslag is received (rent counted up to the huurgrens; owners: Besluit
    beslagvrije voet art. 5). Then capped by the maximum valid on ``on``. 95 % is rounded once,
    half up, to a cent. A correction that applies but has no dated parameter is named in
    ``missing`` and in the basis; a component the counsellor entered wins. ``norms``/``maxima``/
    ``corrections`` default to the shipped tables. Source: Rv art. 475da (Wet vereenvoudiging
    beslagvrije voet, 1 January 2021); Besluit beslagvrije voet art. 5; RULES.md §5.

    Raises:
        NoNormError: when no bijstandsnorm or no maximum is known for ``on``.
        ValueError: for a negative income or a negative entered component.
    """
    if net_income_month_cents < 0:
        raise ValueError("Het inkomen is nooit negatief")
    circumstances = circumstances or Circumstances()
    corrections = corrections or CorrectionTables()
    if any(v < 0 for v in circumstances.entered.values()):
        raise ValueError("Een correctie is nooit negatief")
    norm_period = (bijstandsnormen() if norms is None else norms).period_on(on)
    maximum_period = (beslagvrije_voet_maxima() if maxima is None else maxima).period_on(on)
    norm = norm_period.amounts[household.norm_key]
    maximum = maximum_period.amounts[household.maximum_key]
    norm_text = (
        f"de bijstandsnorm voor {NORM_LABELS[household.norm_key]} "
        f"({format_amount(norm)}, norm per {dutch_date(norm_period.valid_from)})"
    )
    sources = [norm_period.source, maximum_period.source]
    components: list[Component] = []
    missing: list[str] = []

    if net_income_month_cents < norm:
        rule = IndicationRule.LOW_INCOME
        amount = divide_half_up(net_income_month_cents * _PERCENTAGE, 100)
        basis = (
            f"95 % van het netto inkomen ({format_amount(net_income_month_cents)}) = "
            f"{format_amount(amount)}, omdat het inkomen lager is dan {norm_text}."
        )
        components.append(Component(ComponentCode.BASE, amount, basis))
        basis += " Correcties gelden niet bij een inkomen onder de norm."
    else:
        rule = IndicationRule.NORM
        amount = divide_half_up(norm * _PERCENTAGE, 100)
        basis = f"95 % van {norm_text} = {format_amount(amount)}."
        components.append(Component(ComponentCode.BASE, amount, basis))
        wanted: list[tuple[ComponentCode, tuple[int, str, str] | str]] = []
        if not circumstances.receives_zorgtoeslag:
            wanted.append((ComponentCode.ZORGTOESLAG, _zorgtoeslag(household, on, corrections)))
        if household.children and not circumstances.receives_kindgebonden_budget:
            wanted.append((ComponentCode.KINDGEBONDEN_BUDGET, _child_budget(household, on, corrections)))
        if circumstances.housing is HousingKind.OWNER or (
            circumstances.housing is HousingKind.RENT and not circumstances.receives_huurtoeslag
        ):
            wanted.append((ComponentCode.WOONKOSTEN, _housing(household, circumstances, on, corrections)))
        for code in ENTERABLE:  # an entered component counts even where Helder sees no reason
            if code.value in circumstances.entered and code not in {c for c, _ in wanted}:
                wanted.append((code, "niet berekend"))
        for code, computed in sorted(wanted, key=lambda w: ENTERABLE.index(w[0])):
            component, source, lacking = _correction(code, circumstances.entered, computed)
            components.append(component)
            if source:
                sources.append(source)
            if lacking:
                missing.append(lacking)
            elif component.amount_cents:
                amount += component.amount_cents
                basis += f" Plus {component.label.lower()}: {component.text}."
        if not wanted:
            basis += (
                " Geen correcties: het huishouden krijgt de toeslagen en heeft geen woonkosten opgegeven."
            )
    if amount > maximum:
        rule = IndicationRule.MAXIMUM
        text = (
            f"Begrensd op het maximum van {format_amount(maximum)} "
            f"(maximum per {dutch_date(maximum_period.valid_from)})."
        )
        components.append(Component(ComponentCode.MAXIMUM, maximum, text))
        amount = maximum
        basis += f" {text}"
    if missing:
        basis += " " + " ".join(missing)
        basis += " Deze indicatie is daardoor te laag; de aflossingscapaciteit te hoog."
    return Indication(
        amount_cents=amount,
        basis=f"Indicatie: {basis}",
        norm_date=norm_period.valid_from,
        maximum_date=maximum_period.valid_from,
        rule=rule,
        source="; ".join(dict.fromkeys(sources)),
        components=tuple(components),
        missing=tuple(missing),
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
