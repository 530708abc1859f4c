"""Klantkaart and Gelukt!-kaart: from the dossier, at most three steps, tone by profile, never the profile."""

from __future__ import annotations

import io
import uuid
from datetime import time, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.documents import Tone, check_b1
from app.documents.formats import format_date_nl
from app.domain.audit import AuditEntry
from app.errors import ValidationError
from app.rules.klantprofiel_data import PROFILE_LABELS, Profile
from app.services import agenda, assessments, cards, letterhead, profiles, voorlegger
from app.services.context import today_local
from tests.factories import Team, make_dossier
from tests.integration.test_letters import LETTERHEAD, pdf_text

PROFILE_WORDS = tuple(p.value for p in Profile) + tuple(label.lower() for label in PROFILE_LABELS.values())


@pytest.fixture
def dossier_id(team: Team) -> uuid.UUID:
    letterhead.update_letterhead(team.admin, LETTERHEAD)
    return make_dossier(team.counsellor).id


def _plan_intake(team: Team, dossier: uuid.UUID, days: int = 6) -> agenda.AppointmentView:
    form = agenda.AppointmentForm(
        dossier, "intake", today_local() + timedelta(days=days), time(9, 30), place="Kamer 2"
    )
    return agenda.create_appointment(team.counsellor, form)


def _confirm_profile(team: Team, dossier: uuid.UUID, profile: str) -> None:
    assessments.complete(team.counsellor, dossier, {}, profile, "Gekozen in het gesprek")


def test_next_steps_come_from_the_voorlegger_and_are_at_most_three(team: Team, dossier_id: uuid.UUID) -> None:
    # GIVEN a new dossier: the whole voorlegger is still open
    open_items = voorlegger.client_sentences_for_open_items(team.counsellor, dossier_id)
    assert len(open_items) > 3
    # WHEN the klantkaart is built
    card = cards.card_request(team.counsellor, dossier_id)
    # THEN it shows the first three things to bring, the counsellor and no appointment yet
    assert [step.text for step in card.next_steps] == open_items[:3]
    assert card.contact_name == "Fatima El Amrani" and card.contact_phone == "0229 123 451"
    assert card.appointment is None and card.tone is Tone.STANDARD and card.check_in_date is None
    assert card.municipality_steps == ("Wij plannen een eerste gesprek met u.",)


def test_the_next_appointment_is_on_the_card(team: Team, dossier_id: uuid.UUID) -> None:
    planned = _plan_intake(team, dossier_id)
    card = cards.card_request(team.counsellor, dossier_id)
    assert card.appointment is not None
    assert (card.appointment.day, card.appointment.start, card.appointment.place) == (
        planned.day,
        time(9, 30),
        "Kamer 2",
    )
    text = pdf_text(cards.render_card_pdf(team.counsellor, dossier_id))
    assert format_date_nl(planned.day, weekday=True) in text and "Kamer 2" in text
    assert "Fatima El Amrani" in text and "0229 123 451" in text


@pytest.mark.parametrize(
    ("profile", "tone"),
    [
        ("onwetende", Tone.LEARNING),
        ("struisvogel", Tone.CHECK_IN),
        ("kwetsbare", Tone.SUPPORT),
        ("aanpakker", Tone.SHORT),
        ("benadeelde", Tone.SUPPORT),
    ],
)
def test_the_tone_follows_the_profile_without_naming_it(
    team: Team, dossier_id: uuid.UUID, profile: str, tone: Tone
) -> None:
    # GIVEN the counsellor confirmed a klantprofiel
    _confirm_profile(team, dossier_id, profile)
    # WHEN the klantkaart and a Gelukt!-kaart are made
    card = cards.card_request(team.counsellor, dossier_id)
    texts = [
        pdf_text(cards.render_card_pdf(team.counsellor, dossier_id)),
        pdf_text(
            cards.render_success_pdf(team.counsellor, dossier_id, "U heeft uw bankafschriften gebracht.")
        ),
    ]
    # THEN the wording fits the profile (with the profile's own "Wij …" hint), and no card ever names it
    assert card.tone is tone
    confirmed = profiles.current_profile(team.counsellor, dossier_id)
    assert confirmed is not None
    ours = [hint for hint in confirmed.card_hints if hint.startswith("Wij ")]
    assert not ours or ours[0] in card.municipality_steps
    for text in texts:
        assert not [word for word in PROFILE_WORDS if word in text.lower()]
    if tone is Tone.LEARNING:
        assert "Tip:" in texts[0]
    if tone is Tone.CHECK_IN:
        # a client who avoids gets a concrete check-in date and a date per step
        assert card.check_in_date is not None and card.check_in_date > today_local()
        assert all(step.due is not None for step in card.next_steps)
        assert format_date_nl(card.check_in_date, weekday=True) in texts[0]
    else:
        assert all(step.due is None for step in card.next_steps)


def test_steps_of_an_avoiding_client_are_due_before_the_appointment(
    team: Team, dossier_id: uuid.UUID
) -> None:
    _confirm_profile(team, dossier_id, "struisvogel")
    planned = _plan_intake(team, dossier_id, days=5)
    card = cards.card_request(team.counsellor, dossier_id)
    dues = [step.due for step in card.next_steps]
    assert all(due is not None and today_local() < due <= planned.day for due in dues)
    assert dues == sorted(dues)  # type: ignore[type-var]


def test_the_card_is_one_a5_page(team: Team, dossier_id: uuid.UUID) -> None:
    pages = PdfReader(io.BytesIO(cards.render_card_pdf(team.counsellor, dossier_id))).pages
    assert len(pages) == 1
    assert (round(float(pages[0].mediabox.width)), round(float(pages[0].mediabox.height))) == (420, 595)


def test_what_the_municipality_does_is_plain_dutch() -> None:
    texts = [text for steps in cards.MUNICIPALITY_STEPS.values() for text in steps]
    texts += [cards.DECISION_STEP, cards.STABILISATION_STEP, cards.REFERRAL_STEP]
    for text in texts:
        assert check_b1(text.format(date="1 december 2026", partner="Maatschappelijk Werk")) == [], text


def test_the_success_card_celebrates_with_goed_gedaan_en(team: Team, dossier_id: uuid.UUID) -> None:
    text = pdf_text(
        cards.render_success_pdf(team.counsellor, dossier_id, "U heeft uw bankafschriften gebracht.")
    )
    assert "Gelukt!" in text and "U heeft uw bankafschriften gebracht." in text
    assert "Goed gedaan, én" in text and "maar" not in text.lower()
    with pytest.raises(ValidationError) as raised:
        cards.success_request(team.counsellor, dossier_id, "  ")
    assert "achievement" in raised.value.errors


def test_printing_a_card_is_audited(team: Team, dossier_id: uuid.UUID) -> None:
    cards.record_output(team.counsellor, dossier_id, "klantkaart", "print", {"printer": "Balie"})
    cards.record_output(team.counsellor, dossier_id, "gelukt", "export")
    with team.db.read() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.object_type).where(AuditEntry.object_id == str(dossier_id))
        ).all()
    assert ("print", "card") in rows and ("export", "card") in rows
