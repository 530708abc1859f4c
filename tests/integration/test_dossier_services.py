"""Dossier services on a real encrypted database: create, validate, update, search, contacts, phases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.domain.audit import AuditEntry
from app.domain.dossiers import Dossier
from app.errors import ConflictError, ValidationError
from app.rules.phases import Phase
from app.services import dossiers, workflow
from app.services.context import today_local
from app.services.dossier_views import ContactForm, MemberForm, SearchCriteria
from tests.factories import Team, client_form, dossier_form, make_dossier


def _count(team: Team) -> int:
    with team.db.read() as session:
        return int(session.execute(select(func.count()).select_from(Dossier)).scalar_one())


def test_invalid_input_saves_nothing(any_team: Team) -> None:
    # GIVEN a form with a wrong BSN, a future birth date and a bad postcode
    form = client_form(bsn="123456789", birth_date=today_local() + timedelta(days=1), postcode="12345")
    # WHEN the counsellor saves
    with pytest.raises(ValidationError) as caught:
        dossiers.create_dossier(any_team.counsellor, form, dossier_form())
    # THEN each field has its Dutch message and nothing was written
    assert set(caught.value.errors) == {"bsn", "birth_date", "postcode"}
    assert "elfproef" in caught.value.errors["bsn"]
    assert _count(any_team) == 0


def test_married_client_needs_a_regime(team: Team) -> None:
    with pytest.raises(ValidationError) as caught:
        dossiers.create_dossier(team.counsellor, client_form(marital_status="married"), dossier_form())
    assert "huwelijksregime" in caught.value.errors["marital_regime"]


def test_create_numbers_normalises_and_logs(team: Team) -> None:
    first = make_dossier(team.counsellor, postcode="1697ab", iban="nl91 abna 0417 1643 00")
    second = make_dossier(team.counsellor, bsn="123456782", surname="Benali")
    assert first.number == "2026-TS-00001" and second.number == "2026-TS-00002"
    assert first.client.postcode == "1697 AB"
    assert first.client.iban == "NL91ABNA0417164300"
    assert first.phase == Phase.APPLICATION
    with team.db.read() as session:
        actions = session.execute(
            select(AuditEntry.action).where(AuditEntry.object_id == str(first.id))
        ).scalars()
        assert "create" in list(actions)


def test_household_is_saved_with_ages(team: Team) -> None:
    household = (
        MemberForm(kind="partner", first_names="Samira", surname="Benali", birth_date=date(1987, 3, 1)),
        MemberForm(kind="child", first_names="Yara", surname="Benali", birth_date=date(2017, 6, 1)),
    )
    made = make_dossier(team.counsellor, household, marital_status="married", marital_regime="community")
    assert [m.kind for m in made.household] == ["partner", "child"]
    assert made.household[1].age == dossiers.age_on(date(2017, 6, 1), today_local())


def test_two_partners_refused(team: Team) -> None:
    household = (MemberForm(kind="partner", first_names="A"), MemberForm(kind="partner", first_names="B"))
    with pytest.raises(ValidationError) as caught:
        dossiers.create_dossier(team.counsellor, client_form(), dossier_form(), household)
    assert caught.value.errors["household"] == "Er kan maar één partner zijn."


def test_update_logs_old_and_new_and_detects_conflicts(any_team: Team) -> None:
    made = make_dossier(any_team.counsellor)
    changed = dossiers.update_dossier(
        any_team.counsellor, made.id, made.version, client_form(city="Oosterhaven"), dossier_form()
    )
    assert changed.client.city == "Oosterhaven" and changed.version == made.version + 1
    with any_team.db.read() as session:
        details = session.execute(
            select(AuditEntry.details).where(
                AuditEntry.object_id == str(made.id), AuditEntry.action == "update"
            )
        ).scalar_one()
    assert '"client.city": ["Dijkwaard", "Oosterhaven"]' in details
    with pytest.raises(ConflictError):
        dossiers.update_dossier(any_team.counsellor, made.id, made.version, client_form(), dossier_form())


def test_search_by_name_bsn_postcode_number(any_team: Team) -> None:
    sanne = make_dossier(any_team.counsellor)
    ahmed = make_dossier(
        any_team.counsellor, bsn="123456782", first_names="Ahmed", surname="Benali", postcode="1698 XY"
    )

    def found(text: str) -> set[str]:
        return {r.number for r in dossiers.search_dossiers(any_team.counsellor, SearchCriteria(text=text))}

    assert found("wil") == {sanne.number}
    assert found("123456782") == {ahmed.number}
    assert found("1698xy") == {ahmed.number}
    assert found(ahmed.number) == {ahmed.number}
    assert found("ahmed benali") == {ahmed.number}
    assert found("") == {sanne.number, ahmed.number}
    assert found("nobody") == set()


def test_sort_and_paging(team: Team) -> None:
    names = ["Bakker", "Visser", "Aalders", "Mulder"]
    bsns = ["111222333", "123456782", "999999990", "100000009"]
    for name, bsn in zip(names, bsns, strict=True):
        make_dossier(team.counsellor, surname=name, bsn=bsn)
    rows = dossiers.search_dossiers(team.counsellor, SearchCriteria(sort="name"), limit=2)
    assert [r.name.split()[-1] for r in rows] == ["Aalders", "Bakker"]
    rows = dossiers.search_dossiers(team.counsellor, SearchCriteria(sort="name"), offset=2, limit=2)
    assert [r.name.split()[-1] for r in rows] == ["Mulder", "Visser"]
    rows = dossiers.search_dossiers(team.counsellor, SearchCriteria(sort="name", descending=True), limit=1)
    assert rows[0].name.endswith("Visser")


def test_share_makes_it_part_of_the_caseload(team: Team) -> None:
    made = make_dossier(team.counsellor)
    assert dossiers.count_dossiers(team.colleague, SearchCriteria()) == 0
    dossiers.share_dossier(team.counsellor, made.id, team.colleague.user.id)
    assert dossiers.count_dossiers(team.colleague, SearchCriteria()) == 1
    assert dossiers.get_dossier(team.colleague, made.id).own_caseload


def test_contacts_and_phases_in_timeline(any_team: Team) -> None:
    made = make_dossier(any_team.counsellor)
    dossiers.add_contact(any_team.counsellor, made.id, ContactForm(date(2026, 11, 3), "phone", "Gebeld"))
    with pytest.raises(ValidationError) as caught:
        dossiers.add_contact(any_team.counsellor, made.id, ContactForm(date(2026, 11, 3), "phone", "  "))
    assert "summary" in caught.value.errors
    moved = workflow.move_phase(any_team.counsellor, made.id, Phase.INTAKE, on=date(2026, 11, 4))
    assert moved.phase == Phase.INTAKE and moved.phase_since == date(2026, 11, 4)
    with pytest.raises(ValidationError):
        workflow.move_phase(any_team.counsellor, made.id, Phase.APPLICATION, on=date(2026, 11, 5))
    back = workflow.move_phase(
        any_team.counsellor,
        made.id,
        Phase.APPLICATION,
        on=date(2026, 11, 5),
        reason="Intake was te vroeg gezet",
    )
    assert back.phase == Phase.APPLICATION
    kinds = [e.kind for e in workflow.timeline(any_team.counsellor, made.id)]
    assert kinds.count("phase") == 3 and kinds.count("contact") == 1
    only = workflow.timeline(any_team.counsellor, made.id, frozenset({"contact"}))
    assert [e.title for e in only] == ["Contact (Telefoon)"]
    assert [t.to_phase for t in workflow.transitions(any_team.counsellor, made.id)] == [
        "application",
        "intake",
        "application",
    ]


def test_closing_needs_a_reason(team: Team) -> None:
    made = make_dossier(team.counsellor)
    with pytest.raises(ValidationError) as caught:
        workflow.move_phase(team.counsellor, made.id, Phase.DROPPED_OUT, on=date(2026, 11, 4))
    assert "closing_reason" in caught.value.errors
    ended = workflow.move_phase(
        team.counsellor, made.id, Phase.DROPPED_OUT, on=date(2026, 11, 4), closing_reason="no_show"
    )
    assert ended.phase == Phase.DROPPED_OUT
    assert dossiers.count_dossiers(team.counsellor, SearchCriteria(include_ended=False)) == 0
