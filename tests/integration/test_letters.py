"""Letters: every kind prints what RULES.md §3 requires; finalised letters are frozen exact bytes."""

from __future__ import annotations

import hashlib
import io
import uuid
from datetime import date, time, timedelta

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError

from app.documents import TEMPLATE_KINDS, FieldType, load_template
from app.documents.formats import format_date_nl
from app.domain.audit import AuditEntry
from app.domain.letters import Letter
from app.errors import PermissionDenied, ValidationError
from app.rules.deadlines import objection_period_end
from app.services import letterhead, letters, referrals
from app.services.context import ServiceContext, today_local
from app.services.letter_prefill import RecipientForm
from app.services.letterhead import LetterheadSettings
from app.services.letters import FinalLetterError
from app.services.workflow import timeline
from tests.factories import Team, make_dossier

LETTERHEAD = LetterheadSettings(
    name="Gemeente Dijkwaard",
    address_lines=("Raadhuisplein 1", "1697 AA  Dijkwaard"),
    phone="0229 123 400",
    email="schuldhulp@dijkwaard.nl",
    website="www.dijkwaard.nl",
    college="het college van burgemeester en wethouders van Dijkwaard",
    objection_address_lines=("Postbus 10", "1697 ZG  Dijkwaard"),
)
MOTIVATION = "U heeft in 2024 al schuldhulp gehad. Die hulp stopte toen omdat u niet meer kwam."
LEGAL_BASIS = {"toelating": "artikel 4a Wgs", "afwijzing": "artikel 3 Wgs", "beeindiging": "artikel 4a Wgs"}
PROFILE_WORDS = ("struisvogel", "onwetende", "aanpakker", "kwetsbare", "benadeelde")


def pdf_text(data: bytes) -> str:
    """All text of a PDF on one line (line breaks and no-break spaces as plain spaces)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.replace("\u00a0", " ").split())


def valid_fields(kind: str) -> dict[str, object]:
    today = today_local()
    return {
        "uitnodiging": {
            "meeting_date": today + timedelta(days=7),
            "meeting_time": time(9, 30),
            "meeting_place": "Gemeentehuis Dijkwaard, kamer 2",
            "bring_items": ("Uw identiteitsbewijs", "Uw bankafschriften van de laatste 3 maanden"),
        },
        "toelating": {
            "first_conversation_date": today,
            "motivation": MOTIVATION,
            "help_question": "Ik wil overzicht in mijn schulden.",
            "support": ("Budgetcoaching in een groep",),
            "conditions": ("U maakt geen nieuwe schulden.",),
            "garnishment_free_amount": 130000,
        },
        "afwijzing": {"first_conversation_date": today, "ground": "recidive", "motivation": MOTIVATION},
        "beeindiging": {"end_date": today, "reason": "no_show", "motivation": MOTIVATION},
        "stabilisatieovereenkomst": {
            "client_name": "Sanne Willems",
            "client_birth_date": date(2003, 5, 14),
            "stabilisation_start": today,
            "stabilisation_end": today + timedelta(days=120),
            "reply_before": today + timedelta(days=14),
        },
    }[kind]


CREDITOR = RecipientForm("Zorgverzekeraar Noord", ("Postbus 99", "9700 AB  Groningen"))


def _recipient(kind: str) -> RecipientForm | None:
    return CREDITOR if kind == "stabilisatieovereenkomst" else None


@pytest.fixture
def dossier_id(team: Team) -> uuid.UUID:
    letterhead.update_letterhead(team.admin, LETTERHEAD)
    return make_dossier(team.counsellor).id


def make_final(team: Team, dossier: uuid.UUID, kind: str) -> letters.LetterView:
    concept = letters.create_concept(
        team.counsellor, dossier, kind, valid_fields(kind), recipient=_recipient(kind)
    )
    # the toelating waits for the voorlegger; a teamleider may pass with a logged reason
    finaliser = team.lead if kind == "toelating" else team.counsellor
    reason = "Test: voorlegger buiten beschouwing" if kind == "toelating" else None
    return letters.finalise(finaliser, concept.id, override_reason=reason)


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_each_kind_prints_the_required_elements(team: Team, dossier_id: uuid.UUID, kind: str) -> None:
    # GIVEN a letter of this kind, made final today
    final = make_final(team, dossier_id, kind)
    # WHEN its stored PDF is read back
    text = pdf_text(letters.get_pdf(team.counsellor, final.id))
    number = final.dossier_number
    today = today_local()
    # THEN it carries the letterhead, the kenmerk, the date and the counsellor's name and role
    for expected in (
        "Gemeente Dijkwaard",
        number,
        format_date_nl(today),
        "Fatima El Amrani",
        "Schuldhulpverlener",
    ):
        assert expected in text, expected
    assert "CONCEPT" not in text
    if load_template(kind).is_decision:
        # AND a beschikking: motivation, legal basis, 6 weeks, the last day, the college and its address
        last_day = objection_period_end(today)
        assert final.objection_until == last_day
        for expected in (
            MOTIVATION,
            LEGAL_BASIS[kind],
            "6 weken",
            format_date_nl(last_day),
            "belanghebbende",
            "bezwaar",
            "het college van burgemeester en wethouders van Dijkwaard",
            "Postbus 10",
            "1697 ZG Dijkwaard",
        ):
            assert expected in text, expected
    else:
        assert final.objection_until is None
    if kind == "toelating":
        for expected in ("Ik wil overzicht in mijn schulden.", "Budgetcoaching in een groep", "€ 1.300,00"):
            assert expected in text, expected
    if kind == "stabilisatieovereenkomst":
        assert "Zorgverzekeraar Noord" in text


def test_templates_are_valid_and_their_fields_have_form_widgets() -> None:
    for kind in TEMPLATE_KINDS:
        template = letters.template_for(kind)
        assert template.kind == kind and template.version >= 1
        assert {spec.type for spec in template.fields} <= set(FieldType)
        if template.is_decision:
            assert template.spec("motivation").required


def test_finalise_stores_exact_bytes_hash_version_and_who(team: Team, dossier_id: uuid.UUID) -> None:
    # GIVEN a concept invitation
    concept = letters.create_concept(team.counsellor, dossier_id, "uitnodiging", valid_fields("uitnodiging"))
    assert concept.status == "concept" and concept.sha256 is None
    # WHEN it is finalised
    final = letters.finalise(team.counsellor, concept.id)
    # THEN the stored bytes match the SHA-256, template version and finaliser are recorded
    first = letters.get_pdf(team.counsellor, final.id)
    assert hashlib.sha256(first).hexdigest() == final.sha256
    assert final.template_version == load_template("uitnodiging").version
    assert final.finalised_by == "fatima" and final.finalised_by_name == "Fatima El Amrani"
    assert final.finalised_at is not None
    # AND every reprint gives the identical bytes
    assert letters.get_pdf(team.counsellor, final.id) == first
    assert letters.preview_pdf(team.counsellor, final.id) == first
    with team.db.read() as session:
        stored = session.execute(select(Letter.pdf).where(Letter.id == final.id)).scalar_one()
    assert stored == first


def test_a_concept_is_stamped_and_the_final_letter_is_not(team: Team, dossier_id: uuid.UUID) -> None:
    concept = letters.create_concept(team.counsellor, dossier_id, "afwijzing", valid_fields("afwijzing"))
    assert "CONCEPT" in pdf_text(letters.preview_pdf(team.counsellor, concept.id))
    final = letters.finalise(team.counsellor, concept.id)
    assert "CONCEPT" not in pdf_text(letters.get_pdf(team.counsellor, final.id))


def test_a_final_letter_cannot_be_changed_by_the_service(team: Team, dossier_id: uuid.UUID) -> None:
    final = make_final(team, dossier_id, "afwijzing")
    with pytest.raises(FinalLetterError):
        letters.update_concept(
            team.counsellor, final.id, final.version, {**valid_fields("afwijzing"), "ground": "fraude"}
        )
    with pytest.raises(FinalLetterError):
        letters.delete_concept(team.counsellor, final.id)
    with pytest.raises(FinalLetterError):
        letters.finalise(team.counsellor, final.id)
    assert letters.get_letter(team.counsellor, final.id).fields["ground"] == "recidive"


def test_a_final_letter_cannot_be_changed_in_the_database(any_team: Team) -> None:
    # GIVEN a final letter and a concept, on SQLite and on PostgreSQL
    letterhead.update_letterhead(any_team.admin, LETTERHEAD)
    dossier = make_dossier(any_team.counsellor).id
    final = make_final(any_team, dossier, "uitnodiging")
    concept = letters.create_concept(any_team.counsellor, dossier, "uitnodiging", valid_fields("uitnodiging"))
    # WHEN raw SQL tries to change the final letter's bytes, hash or status
    for values in ({"pdf": b"%PDF-forged"}, {"sha256": "0" * 64}, {"status": "concept"}, {"fields": "{}"}):
        statement = update(Letter).where(Letter.id == final.id).values(**values)
        with (
            pytest.raises(DBAPIError, match="final letter cannot be changed"),
            any_team.db.engine.begin() as conn,
        ):
            conn.execute(statement)
    # THEN nothing changed, and a concept can still be changed
    with any_team.db.engine.begin() as conn:
        conn.execute(update(Letter).where(Letter.id == concept.id).values(recipient_salutation="S. Willems"))
    assert hashlib.sha256(letters.get_pdf(any_team.counsellor, final.id)).hexdigest() == final.sha256
    assert letters.get_letter(any_team.counsellor, final.id).status == "final"


def _audit(team: Team, action: str, object_id: object) -> list[AuditEntry]:
    with team.db.read() as session:
        return list(
            session.execute(
                select(AuditEntry).where(AuditEntry.action == action, AuditEntry.object_id == str(object_id))
            ).scalars()
        )


def test_printing_and_exporting_are_audited(team: Team, dossier_id: uuid.UUID) -> None:
    final = make_final(team, dossier_id, "beeindiging")
    letters.record_print(team.counsellor, final.id, "Kantoorprinter")
    letters.record_export(team.counsellor, final.id)
    printed, exported = _audit(team, "print", final.id), _audit(team, "export", final.id)
    assert len(printed) == 1 and printed[0].object_type == "letter" and printed[0].actor == "fatima"
    assert (
        final.sha256 is not None
        and final.sha256 in printed[0].details
        and "Kantoorprinter" in printed[0].details
    )
    assert len(exported) == 1 and exported[0].object_type == "letter"
    assert len(_audit(team, "create", final.id)) == 1


def test_required_fields_give_dutch_messages_and_nothing_is_saved(team: Team, dossier_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as raised:
        letters.create_concept(
            team.counsellor, dossier_id, "afwijzing", {"first_conversation_date": today_local()}
        )
    assert set(raised.value.errors) == {"ground", "motivation"}
    assert raised.value.errors["ground"].startswith("Kies bij 'Weigeringsgrond")
    with pytest.raises(ValidationError) as short:
        letters.create_concept(
            team.counsellor,
            dossier_id,
            "beeindiging",
            {**valid_fields("beeindiging"), "motivation": "Zie gesprek."},
        )
    assert "ons gesprek" in short.value.errors["motivation"]
    with pytest.raises(ValidationError) as past:
        letters.create_concept(
            team.counsellor,
            dossier_id,
            "uitnodiging",
            {**valid_fields("uitnodiging"), "meeting_date": today_local() - timedelta(days=1)},
        )
    assert "meeting_date" in past.value.errors
    with pytest.raises(ValidationError) as creditor:
        letters.create_concept(
            team.counsellor, dossier_id, "stabilisatieovereenkomst", valid_fields("stabilisatieovereenkomst")
        )
    assert "recipient.name" in creditor.value.errors
    assert letters.list_letters(team.counsellor, dossier_id) == []


def test_toelating_waits_for_the_voorlegger(team: Team, dossier_id: uuid.UUID) -> None:
    concept = letters.create_concept(team.counsellor, dossier_id, "toelating", valid_fields("toelating"))
    with pytest.raises(ValidationError) as raised:
        letters.finalise(team.counsellor, concept.id)
    assert "voorlegger" in raised.value.errors
    assert letters.get_letter(team.counsellor, concept.id).status == "concept"


def test_the_plan_van_aanpak_is_prefilled_from_the_dossier(team: Team, dossier_id: uuid.UUID) -> None:
    # GIVEN a support product and a referral in the dossier
    referrals.add_support_product(team.counsellor, dossier_id, "budget_coaching", today_local(), note="groep")
    partner = referrals.save_partner(
        team.counsellor, referrals.PartnerForm("Maatschappelijk Werk Dijkwaard", "social_work")
    )
    referrals.create_referral(
        team.counsellor, dossier_id, referrals.ReferralForm(partner.id, today_local(), "Hulp bij de post")
    )
    # WHEN a toelating is started
    draft = letters.draft(team.counsellor, dossier_id, "toelating")
    # THEN help question, support, referrals and conditions are filled in; the motivation is not
    assert draft.values["help_question"] == "Ik wil overzicht in mijn schulden."
    assert any("groep" in line for line in draft.values["support"])  # type: ignore[union-attr]
    assert any("Maatschappelijk Werk Dijkwaard" in line for line in draft.values["referrals"])  # type: ignore[union-attr]
    assert draft.values["conditions"]
    assert "motivation" not in draft.values
    assert [option.recipient.name for option in draft.recipients] == ["S. Willems"]


def test_a_correction_is_a_new_letter(team: Team, dossier_id: uuid.UUID) -> None:
    final = make_final(team, dossier_id, "afwijzing")
    correction = letters.correct(team.counsellor, final.id)
    assert correction.id != final.id and correction.corrects_id == final.id
    assert correction.status == "concept" and correction.fields == final.fields
    assert {x.id for x in letters.list_letters(team.counsellor, dossier_id)} == {final.id, correction.id}


def test_batch_lists_final_letters_of_the_period_in_the_users_dossiers(
    team: Team, dossier_id: uuid.UUID
) -> None:
    mine = make_final(team, dossier_id, "uitnodiging")
    letters.create_concept(team.counsellor, dossier_id, "uitnodiging", valid_fields("uitnodiging"))
    other = make_dossier(team.colleague, bsn="123456782").id
    theirs = letters.finalise(
        team.colleague,
        letters.create_concept(team.colleague, other, "uitnodiging", valid_fields("uitnodiging")).id,
    )
    today = today_local()
    found = letters.letters_for_batch(team.counsellor, "uitnodiging", today - timedelta(days=7), today)
    assert [x.id for x in found] == [mine.id]
    assert found[0].client_name == "Sanne Willems"
    assert letters.letters_for_batch(team.counsellor, "afwijzing", today, today) == []
    assert {x.id for x in letters.letters_for_batch(team.lead, None, today, today)} == {mine.id, theirs.id}


def test_letters_show_in_the_timeline(team: Team, dossier_id: uuid.UUID) -> None:
    make_final(team, dossier_id, "afwijzing")
    titles = [e.title for e in timeline(team.counsellor, dossier_id, frozenset({"letter"}))]
    assert titles == ["Brief: Afwijzingsbeschikking"]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (200, 80), (30, 80, 140)).save(out, format="PNG")
    return out.getvalue()


def test_letterhead_is_for_the_beheerder_and_carries_the_logo(team: Team) -> None:
    counsellor: ServiceContext = team.counsellor
    with pytest.raises(PermissionDenied):
        letterhead.update_letterhead(counsellor, LETTERHEAD)
    with pytest.raises(ValidationError) as raised:
        letterhead.update_letterhead(team.admin, LetterheadSettings("", (), "", "", "", "", ()))
    assert {"name", "address_lines", "phone", "email", "college", "objection_address_lines"} <= set(
        raised.value.errors
    )
    with pytest.raises(ValidationError) as bad_logo:
        letterhead.update_letterhead(
            team.admin, LetterheadSettings(**{**LETTERHEAD.__dict__, "logo": b"GIF89a"})
        )
    assert "logo" in bad_logo.value.errors
    logo = _png()
    stored = letterhead.update_letterhead(
        team.admin, LetterheadSettings(**{**LETTERHEAD.__dict__, "logo": logo})
    )
    assert stored.logo == logo and letterhead.get_letterhead(counsellor).logo == logo
    sample = letterhead.sample_pdf(team.admin)
    assert len(PdfReader(io.BytesIO(sample)).pages[0].images) >= 1
    # the logo never goes into the audit log, only its size and hash
    updates = _audit(team, "update", "letterhead")
    assert updates and all(len(u.details) < 2000 for u in updates)


def test_letters_need_a_complete_letterhead(team: Team) -> None:
    dossier = make_dossier(team.counsellor).id
    with pytest.raises(ValidationError) as raised:
        letters.create_concept(team.counsellor, dossier, "uitnodiging", valid_fields("uitnodiging"))
    assert "briefpapier" in raised.value.errors["*"]
