"""Agenda: plan, mark held / no-show / cancelled, week view per counsellor, planning hints."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from app.errors import PermissionDenied, ValidationError
from app.services import agenda, dossiers, traject, workflow
from app.services.agenda import AppointmentForm, PlanningContext
from app.services.dossier_views import MemberForm
from tests.factories import Team, client_form, dossier_form, make_dossier

MONDAY = date(2026, 11, 16)


def _form(dossier_id: object, **changes: object) -> AppointmentForm:
    values: dict[str, object] = {
        "dossier_id": dossier_id,
        "kind": "intake",
        "day": MONDAY + timedelta(days=1),
        "starts_at": time(10, 0),
        "duration_minutes": 60,
        "place": "Gemeentehuis",
    }
    values.update(changes)
    return AppointmentForm(**values)  # type: ignore[arg-type]


def test_plan_and_see_it_in_the_counsellors_week(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    made = agenda.create_appointment(team.counsellor, _form(dossier.id, complex_talk=True))
    assert (made.status, made.counsellor_name, made.client_name) == (
        "planned",
        "Fatima El Amrani",
        "Sanne Willems",
    )
    assert made.ends_at == time(11, 0)
    week = agenda.week(team.counsellor, team.counsellor.user.id, MONDAY + timedelta(days=3))
    assert week.monday == MONDAY
    assert [[a.id for a in items] for _day, items in week.days] == [[], [made.id], [], [], [], [], []]
    # Joost's week is empty; the next week too.
    assert not any(items for _d, items in agenda.week(team.counsellor, team.colleague.user.id, MONDAY).days)
    assert not any(
        items
        for _d, items in agenda.week(
            team.counsellor, team.counsellor.user.id, MONDAY + timedelta(days=7)
        ).days
    )


def test_a_colleague_sees_the_time_is_taken_but_not_who_comes(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    made = agenda.create_appointment(
        team.counsellor, _form(dossier.id, practical_note="Kinderopvang geregeld")
    )
    seen = agenda.week(team.colleague, team.counsellor.user.id, MONDAY).days[1][1][0]
    assert seen.id == made.id
    assert (seen.client_name, seen.number, seen.place, seen.practical_note) == ("", "", "", "")
    lead_view = agenda.week(team.lead, team.counsellor.user.id, MONDAY).days[1][1][0]
    assert lead_view.client_name == "Sanne Willems"
    with pytest.raises(PermissionDenied):
        agenda.create_appointment(team.colleague, _form(dossier.id))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "party"}, "kind"),
        ({"duration_minutes": 2}, "duration_minutes"),
        ({"place": "  "}, "place"),
        ({"counsellor_id": "teamleider"}, "counsellor_id"),
    ],
)
def test_bad_appointments_are_refused(team: Team, changes: dict[str, object], field: str) -> None:
    dossier = make_dossier(team.counsellor)
    if changes.get("counsellor_id") == "teamleider":
        changes = {"counsellor_id": team.lead.user.id}  # a teamleider is not a counsellor
    with pytest.raises(ValidationError) as caught:
        agenda.create_appointment(team.counsellor, _form(dossier.id, **changes))
    assert field in caught.value.errors


def test_a_phone_appointment_needs_no_place(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    made = agenda.create_appointment(
        team.counsellor, _form(dossier.id, kind="phone", place="", duration_minutes=15)
    )
    assert made.kind_label == "Telefonisch"


def test_a_held_intake_is_the_first_conversation_and_a_no_show_is_not(team: Team) -> None:
    # GIVEN a dossier with an intake on 10 November that the client missed, and one on 12 November
    dossier = make_dossier(team.counsellor)
    missed = agenda.create_appointment(team.counsellor, _form(dossier.id, day=date(2026, 11, 10)))
    held = agenda.create_appointment(team.counsellor, _form(dossier.id, day=date(2026, 11, 12)))
    # WHEN the first is marked no-show and the second held
    no_show = agenda.set_status(team.counsellor, missed.id, "no_show", "Niet gekomen, niet afgemeld")
    assert traject.get_urgency(team.counsellor, dossier.id).first_conversation_on is None
    agenda.set_status(team.counsellor, held.id, "held")
    # THEN the no-show is kept as such and the application date is 12 November
    assert (no_show.status, no_show.status_label, no_show.status_note) == (
        "no_show",
        "Niet verschenen",
        "Niet gekomen, niet afgemeld",
    )
    assert traject.get_urgency(team.counsellor, dossier.id).first_conversation_on == date(2026, 11, 12)
    statuses = {a.id: a.status for a in agenda.dossier_appointments(team.counsellor, dossier.id)}
    assert statuses == {missed.id: "no_show", held.id: "held"}


def test_a_future_appointment_cannot_be_held_yet_but_can_be_cancelled(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    made = agenda.create_appointment(team.counsellor, _form(dossier.id, day=date(2099, 1, 5)))
    with pytest.raises(ValidationError):
        agenda.set_status(team.counsellor, made.id, "no_show", today=date(2099, 1, 4))
    assert agenda.set_status(team.counsellor, made.id, "cancelled", "Cliënt belde af").status == "cancelled"
    with pytest.raises(ValidationError):
        agenda.set_status(team.counsellor, made.id, "maybe")


def test_change_and_remind(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    made = agenda.create_appointment(team.counsellor, _form(dossier.id))
    moved = agenda.update_appointment(
        team.counsellor,
        made.id,
        _form(
            dossier.id, kind="home_visit", place="Bij de cliënt thuis", counsellor_id=team.colleague.user.id
        ),
    )
    assert (moved.kind_label, moved.counsellor_name, moved.version) == ("Huisbezoek", "Joost de Boer", 2)
    assert agenda.mark_reminder_sent(team.counsellor, made.id).reminder_sent is True


def test_an_appointment_is_contact_and_on_the_timeline(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    workflow.move_phase(team.counsellor, dossier.id, "intake", on=date(2026, 11, 3))
    made = agenda.create_appointment(
        team.counsellor, _form(dossier.id, kind="home_visit", day=date(2026, 11, 20))
    )
    agenda.set_status(team.counsellor, made.id, "held")
    no_contact = next(
        d
        for d in traject.dossier_deadlines(team.counsellor, dossier.id, date(2026, 11, 25))
        if d.kind == "no_contact"
    )
    assert no_contact.due_on == date(2026, 11, 20) + timedelta(weeks=6)
    entries = workflow.timeline(team.counsellor, dossier.id, frozenset({"appointment"}))
    assert [e.title for e in entries] == ["Huisbezoek 10:00: gehouden"]


# --------------------------------------------------------------------------- hints

_NOBODY = PlanningContext(0, 0, 0, False)


def test_a_complex_talk_after_noon_gets_the_morning_hint() -> None:
    afternoon = agenda.planning_hints("home_visit", time(14, 0), True, True, _NOBODY)
    morning = agenda.planning_hints("home_visit", time(9, 30), True, True, _NOBODY)
    simple = agenda.planning_hints("home_visit", time(14, 0), False, True, _NOBODY)
    hint = "Plan een moeilijk gesprek liever 's ochtends. Dan heeft de cliënt meer energie."
    assert hint in afternoon
    assert hint not in morning
    assert hint not in simple


def test_hints_for_reminders_costs_childcare_and_no_shows() -> None:
    context = PlanningContext(
        young_children=1, office_no_shows=2, home_visits_held=3, reading_difficulty=False
    )
    office = agenda.planning_hints("consultation_hour", time(9, 0), False, False, context)
    text = " ".join(office)
    assert "Stuur één herinnering" in text
    assert "reiskosten en parkeerkosten" in text
    assert "kinderopvang" in text
    assert "2 keer niet naar een afspraak op kantoor" in text
    phone = " ".join(agenda.planning_hints("phone", time(9, 0), False, True, context))
    assert "kinderopvang" not in phone
    assert "parkeerkosten" not in phone


def test_planning_context_counts_young_children_and_office_no_shows(team: Team) -> None:
    kid = MemberForm(kind="child", first_names="Daan", surname="Willems", birth_date=date(2022, 5, 1))
    teen = MemberForm(kind="child", first_names="Iris", surname="Willems", birth_date=date(2010, 5, 1))
    dossier = dossiers.create_dossier(team.counsellor, client_form(), dossier_form(), (kid, teen))
    missed = agenda.create_appointment(
        team.counsellor, _form(dossier.id, kind="consultation_hour", day=date(2026, 11, 9))
    )
    agenda.set_status(team.counsellor, missed.id, "no_show")
    context = agenda.planning_context(team.counsellor, dossier.id, today=date(2026, 11, 20))
    assert (context.young_children, context.office_no_shows, context.home_visits_held) == (1, 1, 0)


def test_busy_count_sees_overlapping_planned_appointments(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    made = agenda.create_appointment(team.counsellor, _form(dossier.id))
    me, day = team.counsellor.user.id, MONDAY + timedelta(days=1)
    assert agenda.busy_count(team.counsellor, me, day, time(10, 30), 30) == 1
    assert agenda.busy_count(team.counsellor, me, day, time(11, 0), 30) == 0
    assert agenda.busy_count(team.counsellor, me, day, time(10, 30), 30, ignore=made.id) == 0
