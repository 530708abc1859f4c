"""DDAS input for the tests: an organisation, a dossier with every optional part, and a few more.

The fake client "Jantje Testpersoon" with BSN 123456782 (valid elfproef, not a real person)
lives only on the DDAS side; the summary exports must never contain him.
"""

from __future__ import annotations

from datetime import date

from app.export.ddas_model import (
    DdasClient,
    DdasContact,
    DdasCreditor,
    DdasDebt,
    DdasDossier,
    DdasExit,
    DdasIntake,
    DdasMoratorium,
    DdasOrganisation,
    DdasPeriod,
    DdasSettlement,
    DdasSolution,
    DdasSupport,
)

FAKE_NAME = "Jantje Testpersoon"
FAKE_BSN = "123456782"
PARTNER_BSN = "111222333"
FAKE_POSTCODE = "9999 ZZ"

ORGANISATION = DdasOrganisation(
    name="Gemeente Dijkwaard",
    kvk_number="12345678",
    postcode="1234 AB",
    municipality_code="GM9999",
    contacts=(
        DdasContact(
            name="Marieke Hoekstra",
            email="m.hoekstra@dijkwaard.example",
            job_title="Teamleider",
            phone="0612345678",
        ),
    ),
)


def _d(s: str) -> date:
    return date.fromisoformat(s)


#: Every optional part Helder can fill.
FULL = DdasDossier(
    application_on=_d("2026-01-05"),
    clients=(DdasClient(bsn=FAKE_BSN), DdasClient(bsn=PARTNER_BSN)),
    municipality_code="GM9999",
    crisis=True,
    intake=DdasIntake(start=_d("2026-01-07"), decision_on=_d("2026-02-20"), decision_kind="admission"),
    information_advice=DdasPeriod(_d("2026-01-05"), _d("2026-01-07")),
    crisis_interventions=(DdasPeriod(_d("2026-01-05"), _d("2026-01-09")),),
    action_plan_completed_on=_d("2026-02-20"),
    stabilisation=DdasPeriod(_d("2026-02-20"), _d("2026-05-01")),
    supports=(
        DdasSupport("budget_management", _d("2026-02-20")),
        DdasSupport("budget_coaching", _d("2026-03-01"), _d("2026-06-01")),
        DdasSupport("long_term_service", _d("2026-03-01"), _d("2026-04-01")),
    ),
    provisional_measures=(DdasPeriod(_d("2026-02-25"), _d("2026-06-25")),),
    moratoria=(DdasMoratorium(_d("2026-01-06"), _d("2026-01-08"), _d("2026-01-08"), _d("2026-07-08")),),
    debts=(
        # 1150,50 → 1151 (half away from zero); 640,49 → 640; sum 179099 cents → 1791
        DdasDebt(
            115050,
            "health_insurer",
            _d("2026-02-01"),
            False,
            DdasCreditor("Zorgverzekeraar Z", "87654321", "3500 AA"),
        ),
        DdasDebt(64049, "energy", _d("2026-02-01"), False, DdasCreditor("Energie E", None, "1000AA")),
        # a private creditor: only privepersoon is sent, not the name
        DdasDebt(
            0,
            "other",
            None,
            None,
            DdasCreditor(FAKE_NAME + " Senior", None, FAKE_POSTCODE, private_person=True),
        ),
    ),
    settlement=DdasSettlement(
        submitted_on=_d("2026-05-01"),
        granted_on=_d("2026-06-01"),
        forced_agreement_requested_on=_d("2026-05-20"),
        forced_agreement_granted=True,
    ),
    solution=DdasSolution("debt_mediation", _d("2026-06-01"), None, vtlb_cents=134545),
    aftercare=DdasPeriod(_d("2026-06-01")),
    exit=DdasExit(_d("2026-06-30"), "amicable_agreement", termination_decision_on=_d("2026-06-30")),
)

#: A client without BSN: the BRP fallback identifiers are sent.
NO_BSN = DdasDossier(
    application_on=_d("2026-02-01"),
    clients=(
        DdasClient(
            birth_date=_d("1990-04-01"),
            gender="female",
            postcode=FAKE_POSTCODE,
            house_number="12",
            house_number_suffix="A",
        ),
    ),
    exit=DdasExit(_d("2026-03-01"), "no_show"),
)

#: Still in aanmelding; the organisation's gemeentecode is used.
OPEN = DdasDossier(application_on=_d("2026-03-10"), clients=(DdasClient(bsn="123456794"),))

#: Ended before the period: left out of the delivery.
ENDED_BEFORE = DdasDossier(
    application_on=_d("2025-01-10"),
    clients=(DdasClient(bsn="012345672"),),
    exit=DdasExit(_d("2025-06-30"), "moved"),
)
