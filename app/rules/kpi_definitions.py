"""Codes, Dutch labels, definitions and reference figures of the stuurinformatie.

Sources: seed 004 bijlage D "Cijferanalyse - Definities" (004:2387-2420) and chapter 5
(004:1040-1330); DOMAIN.md "Stuurinformatie"; NVVK norm aanmelding→intake four weeks
(004:1300); NVVK stabilisation at most 4 months (RULES.md §4).
The reference figures are indicative averages of six municipalities in 2018 (004:1047-1063),
not norms; they do not change per year, so they live here and not in ``resources/norms/``.
"""

from __future__ import annotations

from app.rules.klantprofiel_data import PROFILE_LABELS as PROFILE_LABELS_BY_ENUM
from app.rules.phases import CLOSING_REASON_LABELS as CLOSING_REASON_LABELS_BY_ENUM
from app.rules.phases import POSITIVE_CLOSING_REASONS, SUPPORT_PRODUCT_LABELS

#: Reference figures (percent) for the funnel, 004:1047-1063 and 004:1232-1258.
REFERENCE_APPLICATION_TO_INTAKE = 95
REFERENCE_STABILISATION_TO_READY = 60
REFERENCE_READY_TO_AGREEMENT = 85
#: About half of the clients in stabilisation get support from a social partner (004:1207).
REFERENCE_SOCIAL_PARTNER = 50
#: NVVK norm aanmelding → intake: four weeks (004:1300).
NORM_APPLICATION_TO_INTAKE_DAYS = 28
#: NVVK: stabilisation at most 4 months (RULES.md §4), used as the mark for stabilisatie → regeling.
NORM_STABILISATION_TO_SETTLEMENT_DAYS = 120
#: Indicative caseload in stabilisation per counsellor (004:1318).
REFERENCE_CASELOAD = 50

#: Dutch labels keyed by plain code, taken from the modules that own each concept.
CLOSING_REASON_LABELS: dict[str, str] = {k.value: v for k, v in CLOSING_REASON_LABELS_BY_ENUM.items()}
#: Reasons an uitval can have: every closing reason except the positive outcomes (phases.py).
DROPOUT_REASON_LABELS: dict[str, str] = {
    k: v for k, v in CLOSING_REASON_LABELS.items() if k not in POSITIVE_CLOSING_REASONS
}
PROFILE_LABELS: dict[str, str] = {k.value: v for k, v in PROFILE_LABELS_BY_ENUM.items()}
PRODUCT_LABELS: dict[str, str] = {k.value: v for k, v in SUPPORT_PRODUCT_LABELS.items()}

#: Label for a missing key in a breakdown (no reason / no profile recorded).
UNKNOWN = "unknown"
UNKNOWN_LABEL = "Niet vastgelegd"

#: Dutch label per measure code.
LABELS: dict[str, str] = {
    "applications": "Aanmeldingen",
    "intakes": "Intakes (eerste gesprek gehouden)",
    "no_shows": "Klanten met een no-show",
    "stabilisation_inflow": "Instroom stabilisatie",
    "stabilisation_self": "Zelfstandige stabilisatie",
    "stabilisation_social_work": "Stabilisatie met maatschappelijk werk",
    "ready_for_settlement": "Gereed voor schuldregeling",
    "settlement_agreed": "Akkoord schuldregeling",
    "long_term_service_inflow": "Instroom langdurige dienstverlening (DFD)",
    "long_term_service_open": "In langdurige dienstverlening (DFD) op einddatum",
    "long_term_service_to_settlement": "Uitstroom DFD naar schuldregeling",
    "dropouts": "Uitval",
    "lead_time_application_intake": "Doorlooptijd aanmelding → intake",
    "lead_time_stabilisation_settlement": "Doorlooptijd start stabilisatie → start schuldregeling",
    "first_conversation_in_term": "Eerste gesprek binnen de wettelijke termijn",
    "caseload": "Caseload (open dossiers op einddatum)",
    "profiles": "Klantprofielen in de caseload",
    "products": "Ondersteuningsproducten actief in de periode",
    "rate_application_intake": "Aanmelding → intake",
    "rate_stabilisation_ready": "Instroom stabilisatie → gereed voor schuldregeling",
    "rate_ready_agreement": "Gereed → akkoord schuldregeling",
    "rate_social_partner": "Stabilisatie met steun van maatschappelijk werk",
}

#: Dutch definitions per code, for the "Definities" sheet and the report.
DEFINITIONS: dict[str, str] = {
    "applications": (
        "Aantal klanten dat in de periode is geregistreerd met een hulpvraag (datum melding in de "
        "periode). Bron: onderzoek stabilisatie, bijlage D."
    ),
    "intakes": (
        "Aantal klanten met wie in de periode het eerste gesprek (intake) is gehouden. In dat gesprek "
        "wordt de zelfredzaamheid getoetst en het probleem vastgesteld voor het plan van aanpak. "
        "No-shows tellen hier niet mee."
    ),
    "no_shows": "Aantal klanten dat in de periode minstens één afspraak heeft gemist (no-show).",
    "stabilisation_inflow": (
        "Aantal klanten dat in de periode voor het eerst is ingestroomd in (kortdurende) stabilisatie, "
        "met een plan van aanpak. Terugkeer naar stabilisatie telt niet opnieuw."
    ),
    "stabilisation_self": (
        "Deel van de instroom stabilisatie: klanten die zelf (zonder hulp van buitenaf) hun "
        "schuldenoverzicht, inkomsten en uitgaven en toeslagen regelen."
    ),
    "stabilisation_social_work": (
        "Deel van de instroom stabilisatie: klanten die hulp van maatschappelijk werk nodig hebben, "
        "voor administratie, coaching of andere hulp (zoals verslaving of psychische problemen)."
    ),
    "ready_for_settlement": (
        "Aantal klanten dat in de periode voor het eerst gereed is voor het regelen van de schulden: "
        "technisch en gedragsmatig stabiel, klaar voor fase 2."
    ),
    "settlement_agreed": (
        "Aantal gestarte regelingen in de periode: betalingsregeling, herfinanciering, "
        "schuldbemiddeling of sanering (eerste overgang naar de fase schuldregeling)."
    ),
    "long_term_service_inflow": (
        "Aantal klanten dat in de periode is ingestroomd in langdurige stabilisatie (DFD): de schulden "
        "kunnen (nog) niet duurzaam worden opgelost."
    ),
    "long_term_service_open": "Aantal klanten dat op de einddatum van de periode in DFD zit.",
    "long_term_service_to_settlement": (
        "Aantal klanten dat in de periode vanuit langdurige stabilisatie (DFD) doorstroomt naar "
        "stabilisatie, gereed voor schuldregeling of schuldregeling, om de schulden te regelen."
    ),
    "dropouts": (
        "Aantal klanten dat in de periode is uitgevallen: het traject stopt zonder oplossing. Per "
        "reden die de consulent heeft vastgelegd."
    ),
    "lead_time_application_intake": (
        "Aantal kalenderdagen van de melding tot het eerste gesprek, voor intakes in de periode. "
        "Mediaan en 80e percentiel. Norm NVVK: vier weken (28 dagen)."
    ),
    "lead_time_stabilisation_settlement": (
        "Aantal kalenderdagen van de eerste start van stabilisatie tot de start van de schuldregeling, "
        "voor regelingen gestart in de periode. Mediaan en 80e percentiel. Ter vergelijking: "
        "stabilisatie duurt volgens de NVVK ten hoogste 4 maanden (120 dagen)."
    ),
    "first_conversation_in_term": (
        "Deel van de klanten van wie de wettelijke termijn voor het eerste gesprek (Wgs art. 4: vier "
        "weken, of drie werkdagen bij een bedreigende situatie) in de periode afliep, met wie het "
        "gesprek uiterlijk op de laatste dag is gehouden. Wie vóór die dag stopte zonder gesprek, "
        "telt niet mee."
    ),
    "caseload": (
        "Aantal open dossiers per consulent op de einddatum van de periode (niet afgesloten of "
        "uitgevallen). Indicatie uit het onderzoek: ongeveer 50 dossiers in stabilisatie per "
        "medewerker. In bestanden staan consulenten zonder naam (Consulent 1, 2, …)."
    ),
    "profiles": "Aantal open dossiers op de einddatum per klantprofiel.",
    "products": (
        "Aantal klanten per ondersteuningsproduct (budgetbeheer, budgetcoaching, beschermingsbewind, "
        "…) dat op enig moment in de periode liep."
    ),
    "rate_application_intake": (
        "Intakes in de periode gedeeld door aanmeldingen in de periode. Referentie: 95 % "
        "(gemiddelde van zes gemeenten, 2018)."
    ),
    "rate_stabilisation_ready": (
        "Gereed voor schuldregeling in de periode gedeeld door instroom stabilisatie in de periode. "
        "Referentie: 60 % (spreiding 40-90 %)."
    ),
    "rate_ready_agreement": (
        "Akkoord schuldregeling in de periode gedeeld door gereed voor schuldregeling in de periode. "
        "Referentie: 85 %."
    ),
    "rate_social_partner": (
        "Stabilisatie met maatschappelijk werk gedeeld door instroom stabilisatie. Referentie: "
        "ongeveer 50 % (schatting van de gemeenten)."
    ),
    "method_period": (
        "Stromen (aanmeldingen, instroom, uitval, …) tellen klanten met de gebeurtenis in de periode, "
        "begin- en einddatum inbegrepen. Standen (caseload, DFD, profielen) gelden op de einddatum. "
        "De percentages vergelijken stromen in dezelfde periode, zoals in het onderzoek."
    ),
    "method_percentile": (
        "Percentielen volgens de nearest-rank-methode: sorteer de n waarden oplopend; het p-de "
        "percentiel is de waarde op plaats ⌈p × n / 100⌉. De mediaan is het 50e percentiel (bij een "
        "even aantal de lagere van de twee middelste waarden). Zo is elke uitkomst een echt "
        "voorgekomen aantal dagen."
    ),
    "method_suppression": (
        "Privacy: aantallen van 1 tot en met 4 staan als '<5', zodat niemand herkenbaar is. 0 blijft "
        "0: een nul wijst niemand aan. Als in een uitsplitsing met getoond totaal maar één cel '<5' "
        "is, staat ook de kleinste andere cel verborgen ('x'), zodat niemand kan terugrekenen. "
        "Percentages en doorlooptijden op basis van 1 tot en met 4 klanten staan als 'te klein'."
    ),
}


def label(code: str, labels: dict[str, str]) -> str:
    """Return the Dutch label of ``code`` in ``labels``, or the code itself when unknown."""
    if code == UNKNOWN:
        return UNKNOWN_LABEL
    return labels.get(code, code)
