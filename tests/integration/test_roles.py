"""Each role sees only what its task needs (BIO2 8.03.02, RULES.md §6), on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from app.domain.users import Role
from app.errors import PermissionDenied, ReasonRequired
from app.services import audit, auth, backups, settings
from app.services.context import CurrentUser, ServiceContext
from app.services.dossier_views import SearchCriteria
from app.services.dossiers import count_dossiers, get_dossier, search_dossiers, share_dossier, update_dossier
from tests.factories import PASSWORD, Team, client_form, dossier_form, make_dossier

ALL = SearchCriteria(include_ended=True)


def _numbers(ctx: ServiceContext) -> set[str]:
    return {row.number for row in search_dossiers(ctx, ALL)}


def test_counsellor_sees_own_and_shared_dossiers_only(any_team: Team) -> None:
    # GIVEN Fatima's dossier, Joost's dossier, and one of Joost's that he shares with Fatima
    own = make_dossier(any_team.counsellor, surname="Eigen")
    other = make_dossier(any_team.colleague, surname="Ander")
    shared = make_dossier(any_team.colleague, surname="Gedeeld")
    share_dossier(any_team.colleague, shared.id, any_team.counsellor.user.id)
    # THEN Fatima's list holds her own and the shared one, Joost's list his two
    assert _numbers(any_team.counsellor) == {own.number, shared.number}
    assert _numbers(any_team.colleague) == {other.number, shared.number}
    assert count_dossiers(any_team.counsellor, ALL) == 2
    # AND the team lead sees all three
    assert _numbers(any_team.lead) == {own.number, other.number, shared.number}


def test_opening_outside_the_caseload_needs_a_reason_that_is_logged(any_team: Team) -> None:
    other = make_dossier(any_team.colleague, surname="Ander")
    with pytest.raises(ReasonRequired):
        get_dossier(any_team.counsellor, other.id)
    with pytest.raises(ReasonRequired):
        get_dossier(any_team.counsellor, other.id, reason="   ")
    opened = get_dossier(any_team.counsellor, other.id, reason="Vervanging tijdens vakantie")
    assert opened.number == other.number
    views = audit.list_entries(any_team.lead, action="view", object_id=str(other.id))
    assert [(v.actor, json.loads(v.details)) for v in views] == [
        ("fatima", {"reason": "Vervanging tijdens vakantie"})
    ]
    # a counsellor may read it with a reason, but never change someone else's dossier
    with pytest.raises(PermissionDenied):
        update_dossier(any_team.counsellor, other.id, other.version, client_form(), dossier_form())


def test_team_lead_opens_every_dossier_without_a_reason_but_manages_no_users(any_team: Team) -> None:
    other = make_dossier(any_team.colleague, surname="Ander")
    assert get_dossier(any_team.lead, other.id).number == other.number
    assert audit.list_entries(any_team.lead)
    with pytest.raises(PermissionDenied):
        auth.list_users(any_team.lead)
    with pytest.raises(PermissionDenied):
        auth.create_user(any_team.lead, username="x", full_name="X", roles=["consulent"], password=PASSWORD)
    with pytest.raises(PermissionDenied):
        settings.update(any_team.lead, {"retention.years": 5})


def test_beheerder_manages_users_settings_and_audit_but_sees_no_dossier_content(any_team: Team) -> None:
    made = make_dossier(any_team.counsellor, surname="Zichtbaar")
    update_dossier(any_team.counsellor, made.id, made.version, client_form(surname="Geheim"), dossier_form())
    admin = any_team.admin
    with pytest.raises(PermissionDenied):
        search_dossiers(admin, ALL)
    with pytest.raises(PermissionDenied):
        count_dossiers(admin, ALL)
    with pytest.raises(PermissionDenied):
        get_dossier(admin, made.id, reason="nieuwsgierig")
    assert len(auth.list_users(admin)) == 4
    settings.update(admin, {"retention.years": 8})
    # the audit log shows the beheerder which fields changed, not the client's data
    update = audit.list_entries(admin, action="update", object_id=str(made.id))[0]
    assert "Geheim" not in update.details and "Zichtbaar" not in update.details
    assert "surname" in update.details
    # the team lead, who may see dossiers, reads old and new value
    full = audit.list_entries(any_team.lead, action="update", object_id=str(made.id))[0]
    assert json.loads(full.details)["client.surname"] == ["Zichtbaar", "Geheim"]


def test_beheerder_who_is_also_counsellor_sees_own_dossiers(any_team: Team) -> None:
    view = auth.create_user(
        any_team.admin,
        username="anna",
        full_name="Anna Beheer-Consulent",
        roles=["beheerder", "consulent"],
        password=PASSWORD,
    )
    anna = ServiceContext(
        any_team.db,
        CurrentUser(view.id, view.username, view.full_name, frozenset(Role(r) for r in view.roles)),
        device="test",
        device_code="TS",
    )
    made = make_dossier(anna, surname="Eigen")
    make_dossier(any_team.counsellor, surname="Ander")
    assert _numbers(anna) == {made.number}


def test_counsellor_has_no_audit_settings_users_or_restore(any_team: Team) -> None:
    counsellor = any_team.counsellor
    with pytest.raises(PermissionDenied):
        audit.list_entries(counsellor)
    with pytest.raises(PermissionDenied):
        audit.check_chain(counsellor)
    with pytest.raises(PermissionDenied):
        settings.update(counsellor, {"retention.years": 1})
    with pytest.raises(PermissionDenied):
        auth.list_users(counsellor)
    with pytest.raises(PermissionDenied):
        auth.reset_password(counsellor, any_team.colleague.user.id, "Nieuw-wachtwoord-1")
    with pytest.raises(PermissionDenied):
        auth.set_active(counsellor, any_team.colleague.user.id, False)


def test_only_a_beheerder_restores_a_backup(team: Team) -> None:
    backup = backups.make_backup(team.opened(team.counsellor), "handmatig")  # any user may back up
    with pytest.raises(PermissionDenied):
        backups.restore_from(team.opened(team.lead), backup)
    assert team.paths.database.exists()
