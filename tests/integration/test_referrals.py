"""Partners, referrals with follow-up and feedback, and support products."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from app.errors import PermissionDenied, ValidationError
from app.services import referrals, settings, workflow
from app.services.referrals import PartnerForm, ReferralForm
from tests.factories import Team, make_dossier


def _partner(
    team: Team, name: str = "Maatschappelijk werk Dijkwaard", kind: str = "social_work"
) -> uuid.UUID:
    return referrals.save_partner(team.counsellor, PartnerForm(name, kind, "Anouk", "0229 220 100")).id


def test_the_partner_directory(team: Team) -> None:
    made = referrals.save_partner(
        team.counsellor, PartnerForm("GGZ Kustland", "mental_health", phone="0229 230 200")
    )
    assert (made.kind_label, made.active) == ("GGZ", True)
    with pytest.raises(ValidationError) as caught:
        referrals.save_partner(team.counsellor, PartnerForm(" ", "astrology"))
    assert set(caught.value.errors) == {"name", "kind"}
    referrals.save_partner(
        team.counsellor, PartnerForm("GGZ Kustland", "mental_health", active=False), made.id
    )
    assert referrals.list_partners(team.counsellor) == []
    assert [p.name for p in referrals.list_partners(team.counsellor, include_inactive=True)] == [
        "GGZ Kustland"
    ]


def test_a_warm_handover_with_the_default_follow_up(team: Team) -> None:
    # GIVEN a dossier and a partner; the municipality follows up after 21 days (the default)
    dossier = make_dossier(team.counsellor)
    partner = _partner(team)
    # WHEN the client is referred on 3 November with an appointment at the partner on 6 November
    made = referrals.create_referral(
        team.counsellor,
        dossier.id,
        ReferralForm(partner, date(2026, 11, 3), "Hulp bij de post", True, date(2026, 11, 6)),
    )
    # THEN the follow-up date is 24 November and feedback is awaited
    assert (made.follow_up_on, made.warm_handover, made.open, made.referred_by) == (
        date(2026, 11, 24),
        True,
        True,
        "fatima",
    )
    answered = referrals.record_feedback(team.counsellor, made.id, "Cliënt is gestart.", date(2026, 11, 20))
    assert (answered.open, answered.feedback) == (False, "Cliënt is gestart.")
    assert referrals.dossier_referrals(team.counsellor, dossier.id)[0].feedback_on == date(2026, 11, 20)


def test_the_follow_up_term_is_a_setting(team: Team) -> None:
    settings.update(team.admin, {"terms.referral_followup_days": 14})
    dossier = make_dossier(team.counsellor)
    made = referrals.create_referral(
        team.counsellor, dossier.id, ReferralForm(_partner(team), date(2026, 11, 3), "Budgetcursus")
    )
    assert made.follow_up_on == date(2026, 11, 17)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"partner_id": None}, "partner_id"),
        ({"reason": ""}, "reason"),
        ({"warm_handover": True, "partner_appointment_on": None}, "partner_appointment_on"),
        ({"partner_appointment_on": date(2026, 11, 1)}, "partner_appointment_on"),
        ({"follow_up_on": date(2026, 11, 1)}, "follow_up_on"),
        ({"referred_on": date(2099, 1, 1)}, "referred_on"),
    ],
)
def test_bad_referrals_are_refused(team: Team, changes: dict[str, object], field: str) -> None:
    dossier = make_dossier(team.counsellor)
    values: dict[str, object] = {
        "partner_id": _partner(team),
        "referred_on": date(2026, 11, 3),
        "reason": "Hulp",
    }
    values.update(changes)
    with pytest.raises(ValidationError) as caught:
        referrals.create_referral(team.counsellor, dossier.id, ReferralForm(**values))  # type: ignore[arg-type]
    assert field in caught.value.errors


def test_feedback_needs_text_and_a_sensible_date(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    made = referrals.create_referral(
        team.counsellor, dossier.id, ReferralForm(_partner(team), date(2026, 11, 3), "Hulp")
    )
    with pytest.raises(ValidationError):
        referrals.record_feedback(team.counsellor, made.id, " ", date(2026, 11, 5))
    with pytest.raises(ValidationError):
        referrals.record_feedback(team.counsellor, made.id, "Gestart", date(2026, 11, 1))


def test_change_a_referral(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    partner = _partner(team)
    made = referrals.create_referral(
        team.counsellor, dossier.id, ReferralForm(partner, date(2026, 11, 3), "Hulp")
    )
    later = referrals.update_referral(
        team.counsellor,
        made.id,
        ReferralForm(partner, date(2026, 11, 3), "Hulp bij de post", follow_up_on=date(2026, 12, 8)),
    )
    assert (later.follow_up_on, later.reason, later.version) == (date(2026, 12, 8), "Hulp bij de post", 2)


def test_only_the_caseload_refers(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    with pytest.raises(PermissionDenied):
        referrals.create_referral(
            team.colleague, dossier.id, ReferralForm(_partner(team), date(2026, 11, 3), "Hulp")
        )


def test_support_products_with_start_and_end(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    coaching = referrals.add_support_product(
        team.counsellor, dossier.id, "budget_coaching", date(2026, 11, 3), note="Groepscursus"
    )
    assert (coaching.product_label, coaching.ends_on) == ("Budgetcoaching", None)
    with pytest.raises(ValidationError):
        referrals.add_support_product(team.counsellor, dossier.id, "holiday", date(2026, 11, 3))
    with pytest.raises(ValidationError):
        referrals.end_support_product(team.counsellor, coaching.id, date(2026, 11, 1))
    ended = referrals.end_support_product(
        team.counsellor, coaching.id, date(2026, 11, 3) + timedelta(days=20)
    )
    assert ended.ends_on == date(2026, 11, 23)
    managed = referrals.add_support_product(
        team.counsellor, dossier.id, "budget_management", date(2026, 11, 10)
    )
    assert [s.id for s in referrals.dossier_support_products(team.counsellor, dossier.id)] == [
        managed.id,
        coaching.id,
    ]


def test_referrals_and_support_are_on_the_timeline(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    made = referrals.create_referral(
        team.counsellor,
        dossier.id,
        ReferralForm(_partner(team), date(2026, 11, 3), "Hulp", True, date(2026, 11, 4)),
    )
    referrals.record_feedback(team.counsellor, made.id, "Gestart", date(2026, 11, 10))
    referrals.add_support_product(team.counsellor, dossier.id, "budget_management", date(2026, 11, 5))
    titles = [
        e.title for e in workflow.timeline(team.counsellor, dossier.id, frozenset({"referral", "support"}))
    ]
    assert titles == [
        "Terugkoppeling van Maatschappelijk werk Dijkwaard",
        "Start Budgetbeheer",
        "Doorverwezen naar Maatschappelijk werk Dijkwaard (warme overdracht)",
    ]
