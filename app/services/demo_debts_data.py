"""The five SCENARIOS.md clients' debts and budgets, and the demo creditor directory (data only).

Public bodies carry their real names; companies are invented. Amounts are euros for debts and
cents for budget lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: (name, kind, street, postcode, city, phone)
CREDITORS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("Belastingdienst", "belastingdienst", "Postbus 9048", "7300 GK", "Apeldoorn", "0800 0543"),
    ("Belastingdienst/Toeslagen", "belastingdienst", "Postbus 8040", "7300 GK", "Apeldoorn", "0800 0543"),
    ("CJIB", "cjib", "Postbus 1794", "8901 CB", "Leeuwarden", "058 2050 500"),
    ("DUO", "duo", "Postbus 50100", "9702 BA", "Groningen", "050 5997 755"),
    ("Gemeente Dijkwaard", "municipality", "Raadhuisplein 1", "1697 AA", "Dijkwaard", "0229 123 400"),
    ("Zorgverzekeraar Kustzorg", "health_insurer", "Postbus 410", "1700 AK", "Heerhugowaard", "072 567 8900"),
    ("Zilverzorg Verzekeringen", "health_insurer", "Postbus 2200", "3800 CE", "Amersfoort", "033 456 7800"),
    ("Noordstroom Energie", "energy", "Postbus 1180", "1600 BD", "Enkhuizen", "0228 345 600"),
    ("Polder Energie", "energy", "Postbus 77", "8200 AB", "Lelystad", "0320 222 100"),
    ("Waterbedrijf Kop van Holland", "water", "Postbus 55", "1780 AB", "Den Helder", "0223 600 700"),
    ("Woonstichting Dijkwaard", "landlord", "Dorpsstraat 40", "1697 AC", "Dijkwaard", "0229 123 700"),
    (
        "Gerechtsdeurwaarders Vos & Partners",
        "bailiff",
        "Westerstraat 12",
        "1601 AH",
        "Enkhuizen",
        "0228 311 200",
    ),
    ("Deurwaarderskantoor Noordkust", "bailiff", "Havenweg 3", "1781 AA", "Den Helder", "0223 611 400"),
    ("Incasso Nederland Noord", "collection_agency", "Postbus 300", "1800 AH", "Alkmaar", "072 511 3300"),
    ("Incassobureau Kort", "collection_agency", "Postbus 1200", "2000 BE", "Haarlem", "023 512 4400"),
    ("Autokrediet Nederland", "bank_credit", "Postbus 500", "3500 AM", "Utrecht", "030 600 1200"),
    ("Creditcard Service Noord", "bank_credit", "Postbus 90", "9700 AB", "Groningen", "050 311 2200"),
    ("Bank Noordkust", "bank_credit", "Markt 2", "1601 LL", "Enkhuizen", "0228 320 320"),
    ("FlitsKrediet", "bank_credit", "Postbus 4040", "1000 AA", "Amsterdam", "020 777 1010"),
    ("SnelGeld Online", "bank_credit", "Postbus 2020", "3000 CA", "Rotterdam", "010 404 2020"),
    ("Telefonie Plus", "telecom", "Postbus 3030", "2500 GA", "Den Haag", "070 303 3030"),
    ("NetKoppel", "telecom", "Postbus 8080", "5600 AB", "Eindhoven", "040 808 0800"),
    ("AchterafBetalen", "other", "Postbus 1500", "1000 BM", "Amsterdam", "020 150 1500"),
    ("Klaar & Later", "other", "Postbus 909", "3500 AX", "Utrecht", "030 909 0909"),
    ("Koop Nu Betaal Straks", "other", "Postbus 61", "6800 AB", "Arnhem", "026 610 6100"),
    ("Webwinkel Alles", "other", "Postbus 7000", "5200 GA", "Den Bosch", "073 700 7000"),
    ("Postorder Bakker", "other", "Postbus 18", "8000 AA", "Zwolle", "038 180 1800"),
    ("Dierenkliniek De Poort", "other", "Poortweg 4", "1697 AD", "Dijkwaard", "0229 123 800"),
    ("Groothandel Van Dam", "other", "Industrieweg 9", "1602 JK", "Enkhuizen", "0228 350 900"),
)


@dataclass(frozen=True)
class D:
    """A scenario debt: creditor name, what it is, amount in euros and extra column values."""

    creditor: str
    what: str
    euros: int
    extra: dict[str, Any]


def _d(creditor: str, what: str, euros: int, **extra: Any) -> D:
    return D(creditor, what, euros, extra)


SCENARIO_DEBTS: dict[str, tuple[D, ...]] = {
    "sanne": (
        _d(
            "Telefonie Plus",
            "Telefoonabonnement",
            640,
            stage="collection",
            agency="Incasso Nederland Noord",
            verification="balance_requested",
            correspondence="letter_sent",
        ),
        _d(
            "AchterafBetalen",
            "Achteraf betalen webwinkel",
            380,
            stage="bailiff",
            bailiff="Gerechtsdeurwaarders Vos & Partners",
            verification="confirmed",
            correspondence="answer_received",
        ),
        _d(
            "Zorgverzekeraar Kustzorg",
            "Premie zorgverzekering, 5 maanden",
            1150,
            stage="demand",
            threat="health_insurance",
            verification="confirmed",
            correspondence="reminder_sent",
        ),
        _d("CJIB", "Verkeersboetes", 410, stage="demand", is_fine=True, correspondence="to_contact"),
        _d(
            "Belastingdienst/Toeslagen",
            "Terugvordering zorgtoeslag",
            1290,
            stage="reminder",
            verification="confirmed",
            correspondence="letter_sent",
            debt_type="preferential",
        ),
    ),
    "ahmed": (
        _d(
            "Autokrediet Nederland",
            "Autolening",
            9400,
            stage="demand",
            verification="confirmed",
            correspondence="answer_received",
            proposal="accepted",
        ),
        _d(
            "Creditcard Service Noord",
            "Creditcard",
            3600,
            stage="collection",
            agency="Incassobureau Kort",
            verification="confirmed",
            correspondence="answer_received",
            proposal="accepted",
        ),
        _d(
            "NetKoppel",
            "Internet en telefoon",
            450,
            stage="reminder",
            verification="confirmed",
            correspondence="answer_received",
            proposal="accepted",
        ),
        _d(
            "Noordstroom Energie",
            "Eindafrekening energie",
            750,
            stage="demand",
            verification="confirmed",
            correspondence="letter_sent",
            proposal="pending",
        ),
    ),
    "gerda": (
        _d(
            "Woonstichting Dijkwaard",
            "Huurachterstand, 3 maanden",
            2310,
            stage="bailiff",
            bailiff="Deurwaarderskantoor Noordkust",
            threat="eviction",
            correspondence="letter_sent",
        ),
        _d(
            "Polder Energie",
            "Achterstand energie, afsluiting aangekondigd",
            1240,
            stage="demand",
            threat="energy",
            correspondence="letter_sent",
        ),
        _d("Waterbedrijf Kop van Holland", "Achterstand water", 310, stage="reminder"),
        _d(
            "Zilverzorg Verzekeringen",
            "Premie zorgverzekering",
            980,
            stage="collection",
            agency="Incasso Nederland Noord",
        ),
        _d("Gemeente Dijkwaard", "Gemeentelijke belastingen", 420, stage="demand", debt_type="preferential"),
        _d("Telefonie Plus", "Telefoonabonnement", 560, stage="collection", agency="Incassobureau Kort"),
        _d("CJIB", "Boete", 290, stage="demand", is_fine=True),
        _d("Bank Noordkust", "Roodstand", 1450, stage="reminder"),
        _d(
            "Postorder Bakker",
            "Bestellingen op afbetaling",
            780,
            stage="bailiff",
            bailiff="Gerechtsdeurwaarders Vos & Partners",
        ),
        _d("Webwinkel Alles", "Bestellingen", 640, stage="collection", agency="Incasso Nederland Noord"),
        _d("Dierenkliniek De Poort", "Rekening dierenarts", 620, stage="reminder"),
    ),
    "ronald": (
        _d(
            "Belastingdienst",
            "Aanslag inkomstenbelasting (oud)",
            14800,
            stage="garnishment",
            garnishment=("benefit", 15000),
            verification="confirmed",
            correspondence="reminder_sent",
            debt_type="preferential",
            stale=True,
            origin_years=3,
        ),
        _d(
            "Belastingdienst",
            "Omzetbelasting eenmanszaak",
            6200,
            stage="demand",
            business=True,
            verification="confirmed",
            debt_type="preferential",
            correspondence="letter_sent",
            origin_years=2,
        ),
        _d(
            "Groothandel Van Dam",
            "Leveranciersrekening",
            4300,
            stage="bailiff",
            business=True,
            bailiff="Deurwaarderskantoor Noordkust",
            correspondence="letter_sent",
            origin_years=2,
        ),
        _d(
            "Bank Noordkust",
            "Zakelijk krediet",
            3400,
            stage="collection",
            business=True,
            agency="Incassobureau Kort",
            verification="balance_requested",
            correspondence="letter_sent",
        ),
        _d(
            "Noordstroom Energie",
            "Achterstand energie",
            600,
            stage="reminder",
            correspondence="answer_received",
            verification="confirmed",
        ),
        _d(
            "Zorgverzekeraar Kustzorg",
            "Premie zorgverzekering",
            1700,
            stage="demand",
            correspondence="letter_sent",
        ),
        _d(
            "Gemeente Dijkwaard", "Gemeentelijke belastingen", 500, stage="reminder", debt_type="preferential"
        ),
    ),
    "kevin": (
        _d("FlitsKrediet", "Flitslening", 2500, stage="collection", agency="Incasso Nederland Noord"),
        _d("SnelGeld Online", "Flitslening", 1900, stage="demand"),
        _d("AchterafBetalen", "Achteraf betalen", 900, stage="collection", agency="Incassobureau Kort"),
        _d("Klaar & Later", "Achteraf betalen", 850, stage="demand"),
        _d("Koop Nu Betaal Straks", "Achteraf betalen", 650, stage="reminder"),
        _d("Polder Energie", "Achterstand gas", 740, stage="demand", threat="energy"),
    ),
}

#: A budget line: (side, category, amount in cents, frequency, description).
L = tuple[str, str, int, str, str]

SCENARIO_BUDGETS: dict[str, Sequence[L]] = {
    "sanne": (
        ("income", "wages", 118000, "month", "Supermarkt, 24 uur"),
        ("income", "zorgtoeslag", 12300, "month", ""),
        ("expense", "rent", 52000, "month", "Kamer"),
        ("expense", "health_insurance", 14800, "month", ""),
        ("expense", "phone_internet", 2500, "month", "Sim-only"),
        ("expense", "transport", 4000, "month", "Fiets en bus"),
        ("expense", "subscriptions", 1500, "month", "Sportschool"),
        ("reservation", "reservation", 2500, "month", "Kleding"),
    ),
    "ahmed": (
        ("income", "benefit", 205000, "month", "WW"),
        ("income", "wages", 72000, "month", "Partner, 16 uur"),
        ("income", "huurtoeslag", 9500, "month", ""),
        ("income", "kinderbijslag", 60000, "quarter", "2 kinderen"),
        ("income", "kindgebonden_budget", 18000, "month", ""),
        ("expense", "rent", 89000, "month", ""),
        ("expense", "energy", 18500, "month", ""),
        ("expense", "water", 9000, "quarter", ""),
        ("expense", "health_insurance", 30400, "month", "2 volwassenen"),
        ("expense", "other_insurance", 4500, "month", "Inboedel en aansprakelijkheid"),
        ("expense", "municipal_taxes", 54000, "year", ""),
        ("expense", "phone_internet", 7500, "month", ""),
        ("expense", "transport", 11000, "month", "Auto"),
        ("reservation", "reservation", 6000, "month", "Kleding kinderen"),
        ("reservation", "reservation", 30000, "year", "Schoolkosten"),
    ),
    "gerda": (
        ("income", "benefit", 137200, "month", "Participatiewet"),
        ("income", "huurtoeslag", 24000, "month", ""),
        ("income", "zorgtoeslag", 12300, "month", ""),
        ("expense", "rent", 77000, "month", ""),
        ("expense", "energy", 14500, "month", ""),
        ("expense", "water", 3000, "month", ""),
        ("expense", "health_insurance", 14800, "month", ""),
        ("expense", "phone_internet", 3000, "month", ""),
        ("expense", "other_insurance", 1800, "month", ""),
        ("reservation", "reservation", 6000, "quarter", "Dierenarts en voer kat"),
    ),
    "ronald": (
        ("income", "benefit", 134545, "month", "Bijstand"),
        ("income", "huurtoeslag", 18000, "month", ""),
        ("income", "zorgtoeslag", 12300, "month", ""),
        ("expense", "rent", 68000, "month", ""),
        ("expense", "energy", 12000, "month", ""),
        ("expense", "water", 2800, "month", ""),
        ("expense", "health_insurance", 15000, "month", ""),
        ("expense", "phone_internet", 3500, "month", ""),
        ("expense", "other_insurance", 2500, "month", ""),
        ("expense", "municipal_taxes", 38000, "year", ""),
        ("expense", "repayment", 15000, "month", "Beslag Belastingdienst (ingehouden)"),
    ),
    "kevin": (
        ("income", "wages", 242000, "month", "Fulltime"),
        ("income", "kinderbijslag", 28600, "quarter", ""),
        ("income", "kindgebonden_budget", 14000, "month", ""),
        ("expense", "rent", 98000, "month", ""),
        ("expense", "energy", 16000, "month", ""),
        ("expense", "water", 2800, "month", ""),
        ("expense", "health_insurance", 15200, "month", ""),
        ("expense", "other_insurance", 4000, "month", ""),
        ("expense", "phone_internet", 7000, "month", ""),
        ("expense", "childcare", 42000, "month", "Eigen bijdrage"),
        ("expense", "transport", 16000, "month", "Auto"),
        ("expense", "subscriptions", 4500, "month", "Streaming"),
        ("expense", "municipal_taxes", 42000, "year", ""),
        ("reservation", "reservation", 4000, "month", "Kleding"),
    ),
}

#: Leefgeld per week (cents) and the official beslagvrije voet (cents, source) per scenario.
SCENARIO_PLAN: dict[str, tuple[int, tuple[int, str] | None]] = {
    "sanne": (6000, (112100, "Brief Gerechtsdeurwaarders Vos & Partners")),
    "ahmed": (16000, (201250, "Rekentool beslagvrije voet")),
    "gerda": (5500, None),
    "ronald": (5000, (127818, "Beslagbrief Belastingdienst")),
    "kevin": (12500, None),
}
