"""Signalen: each kind appears when due and disappears when resolved; sorted; me versus team."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import event

from app.errors import PermissionDenied
from app.services import agenda, dossiers, referrals, signalen, traject, workflow
from app.services.agenda import AppointmentForm
from app.services.context import ServiceContext
from app.services.dossier_views import ContactForm
from app.services.referrals import PartnerForm, ReferralForm
from app.services.traject import UrgencyForm
from tests.factories import VALID_BSNS, Team, make_dossier


def _kinds(ctx: ServiceContext, today: date, scope: str = "me") -> list[tuple[str, str]]:
    return [(s.number, s.kind) for s in signalen.signals(ctx, scope, today)]


def _of(ctx: ServiceContext, dossier_id: uuid.UUID, today: date) -> list[signalen.Signal]:
    return [s for s in signalen.signals(ctx, "me", today) if s.dossier_id == dossier_id]


def _partner(ctx: ServiceContext) -> uuid.UUID:
    return referrals.save_partner(ctx, PartnerForm("GGZ Kustland", "mental_health")).id


def test_first_conversation_appears_a_week_before_and_goes_when_held(team: Team) -> None:
    # GIVEN a melding on 2 November 2026 (first conversation by Monday 30 November)
    dossier = make_dossier(team.counsellor)
    assert _of(team.counsellor, dossier.id, date(2026, 11, 22)) == []
    # WHEN the week before the due date begins, and when it has passed
    soon = _of(team.counsellor, dossier.id, date(2026, 11, 23))
    late = _of(team.counsellor, dossier.id, date(2026, 12, 2))
    # THEN it is signalled as soon, then late (two days)
    assert [(s.kind, s.severity, s.due_on, s.days_left) for s in soon] == [
        ("first_conversation", "soon", date(2026, 11, 30), 7)
    ]
    assert [(s.severity, s.days_left, s.kind_label) for s in late] == [("late", -2, "Eerste gesprek")]
    assert late[0].client_name == "Sanne Willems"
    # WHEN the intake is held, the signal is gone
    intake = agenda.create_appointment(
        team.counsellor,
        AppointmentForm(dossier.id, "intake", date(2026, 11, 20), time(10, 0), 60, "Gemeentehuis"),
    )
    agenda.set_status(team.counsellor, intake.id, "held")
    assert _of(team.counsellor, dossier.id, date(2026, 12, 2)) == []


def test_a_threat_brings_the_first_conversation_forward(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    traject.save_urgency(team.counsellor, dossier.id, UrgencyForm(("eviction",), date(2026, 11, 19)))
    found = _of(team.counsellor, dossier.id, date(2026, 11, 20))
    assert [(s.kind, s.due_on) for s in found] == [("first_conversation", date(2026, 11, 24))]


def test_decision_due_then_objection_running_then_gone(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    traject.save_urgency(team.counsellor, dossier.id, UrgencyForm(first_conversation_on=date(2026, 11, 3)))
    # Decision due Tuesday 29 December (8 weeks): shown from 22 December.
    assert _of(team.counsellor, dossier.id, date(2026, 12, 21)) == []
    due = _of(team.counsellor, dossier.id, date(2026, 12, 22))
    assert [(s.kind, s.due_on, s.severity) for s in due] == [("decision", date(2026, 12, 29), "soon")]
    # Once the decision is sent, the objection period runs (for information) until it ends.
    traject.record_decision_sent(team.counsellor, dossier.id, date(2026, 11, 13))
    running = _of(team.counsellor, dossier.id, date(2026, 12, 22))
    assert [(s.kind, s.due_on, s.severity) for s in running] == [("objection", date(2026, 12, 28), "info")]
    assert _of(team.counsellor, dossier.id, date(2026, 12, 29)) == []


def test_the_decision_is_not_asked_once_the_dossier_is_in_stabilisation(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    workflow.move_phase(team.counsellor, dossier.id, "intake", on=date(2026, 11, 3))
    assert "decision" in [s.kind for s in _of(team.counsellor, dossier.id, date(2026, 12, 28))]
    workflow.move_phase(team.counsellor, dossier.id, "stabilisation", on=date(2026, 11, 10))
    assert "decision" not in [s.kind for s in _of(team.counsellor, dossier.id, date(2026, 12, 28))]


def test_stabilisation_agreement_warns_before_it_ends_until_extended_or_closed(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    agreement = traject.start_stabilisation(team.counsellor, dossier.id, date(2026, 11, 2))
    # Ends 1 March 2027; warned from Monday 15 February.
    assert "stabilisation" not in [s.kind for s in _of(team.counsellor, dossier.id, date(2027, 2, 14))]
    warned = [s for s in _of(team.counsellor, dossier.id, date(2027, 2, 15)) if s.kind == "stabilisation"]
    assert [(s.due_on, s.severity, s.ref) for s in warned] == [(date(2027, 3, 1), "soon", str(agreement.id))]
    late = [s for s in _of(team.counsellor, dossier.id, date(2027, 3, 2)) if s.kind == "stabilisation"]
    assert late[0].severity == "late"
    traject.extend_stabilisation(team.counsellor, agreement.id)
    assert "stabilisation" not in [s.kind for s in _of(team.counsellor, dossier.id, date(2027, 3, 2))]
    assert "stabilisation" in [s.kind for s in _of(team.counsellor, dossier.id, date(2027, 6, 20))]
    traject.close_stabilisation(team.counsellor, agreement.id, date(2026, 11, 20))
    assert "stabilisation" not in [s.kind for s in _of(team.counsellor, dossier.id, date(2027, 6, 20))]


def test_referral_without_feedback_until_the_partner_reports_back(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    made = referrals.create_referral(
        team.counsellor,
        dossier.id,
        ReferralForm(_partner(team.counsellor), date(2026, 11, 3), "Somberheid", True, date(2026, 11, 6)),
    )
    # Follow-up 24 November: shown from the 17th, late after the 24th.
    assert "referral" not in [s.kind for s in _of(team.counsellor, dossier.id, date(2026, 11, 16))]
    late = [s for s in _of(team.counsellor, dossier.id, date(2026, 12, 15)) if s.kind == "referral"]
    assert [(s.severity, s.days_left) for s in late] == [("late", -21)]
    assert "GGZ Kustland" in late[0].text
    referrals.record_feedback(team.counsellor, made.id, "Intake bij GGZ gehad", date(2026, 11, 25))
    assert "referral" not in [s.kind for s in _of(team.counsellor, dossier.id, date(2026, 12, 15))]


def test_no_contact_for_six_weeks_until_there_is_contact(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    workflow.move_phase(team.counsellor, dossier.id, "intake", on=date(2026, 11, 3))
    traject.record_decision_sent(team.counsellor, dossier.id, date(2026, 11, 3))
    # Last contact: the intake on 3 November; due 15 December, shown from the 8th.
    assert "no_contact" not in [s.kind for s in _of(team.counsellor, dossier.id, date(2026, 12, 7))]
    found = [s for s in _of(team.counsellor, dossier.id, date(2026, 12, 20)) if s.kind == "no_contact"]
    assert [(s.due_on, s.severity) for s in found] == [(date(2026, 12, 15), "late")]
    dossiers.add_contact(team.counsellor, dossier.id, ContactForm(date(2026, 11, 25), "phone", "Gebeld."))
    assert "no_contact" not in [s.kind for s in _of(team.counsellor, dossier.id, date(2026, 12, 20))]


def test_sorted_late_first_then_by_due_date(team: Team) -> None:
    first = make_dossier(team.counsellor)  # first conversation due 30 November
    second = make_dossier(team.counsellor, bsn=VALID_BSNS[1])
    traject.save_urgency(team.counsellor, second.id, UrgencyForm(first_conversation_on=date(2026, 11, 3)))
    traject.start_stabilisation(team.counsellor, second.id, date(2026, 8, 5))  # ends 4 December
    third = make_dossier(team.counsellor, bsn=VALID_BSNS[2])
    traject.save_urgency(team.counsellor, third.id, UrgencyForm(("water",), date(2026, 11, 20)))  # due 25 Nov
    found = signalen.signals(team.counsellor, "me", date(2026, 11, 30))
    assert [(s.dossier_id, s.severity) for s in found] == [
        (third.id, "late"),
        (first.id, "today"),
        (second.id, "soon"),
    ]
    assert signalen.count_signals(team.counsellor, "me", date(2026, 11, 30)) == 3


def test_me_and_team(team: Team) -> None:
    mine = make_dossier(team.counsellor)
    theirs = make_dossier(team.colleague, bsn=VALID_BSNS[1])
    today = date(2026, 12, 1)
    assert [s.dossier_id for s in signalen.signals(team.counsellor, "me", today)] == [mine.id]
    assert [s.dossier_id for s in signalen.signals(team.colleague, "me", today)] == [theirs.id]
    team_view = [s for s in signalen.signals(team.lead, "team", today) if s.dossier_id is not None]
    assert {s.dossier_id for s in team_view} == {mine.id, theirs.id}
    assert {s.counsellor for s in team_view} == {"Fatima El Amrani", "Joost de Boer"}
    assert signalen.default_scope(team.lead) == "team"
    with pytest.raises(PermissionDenied):
        signalen.signals(team.counsellor, "team", today)
    # the beheerder sees no dossier's signal, only the municipality's own (missing norms)
    assert {(s.dossier_id, s.kind) for s in signalen.signals(team.admin, "me", today)} == {(None, "norms")}
    # A shared dossier is part of the colleague's own list.
    dossiers.share_dossier(team.counsellor, mine.id, team.colleague.user.id)
    assert {s.dossier_id for s in signalen.signals(team.colleague, "me", today)} == {mine.id, theirs.id}


def test_ended_dossiers_have_no_signals(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    workflow.move_phase(
        team.counsellor, dossier.id, "dropped_out", on=date(2026, 11, 4), closing_reason="moved"
    )
    assert signalen.signals(team.counsellor, "me", date(2026, 12, 20)) == []


def test_one_dossier_has_its_own_signals_for_the_header(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    make_dossier(team.counsellor, bsn=VALID_BSNS[1])
    found = signalen.dossier_signals(team.counsellor, dossier.id, date(2026, 12, 1))
    assert [(s.dossier_id, s.kind) for s in found] == [(dossier.id, "first_conversation")]


@contextmanager
def _statements(team: Team) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(team.db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(team.db.engine, "before_cursor_execute", count)


def test_the_number_of_queries_does_not_grow_with_the_dossiers(team: Team) -> None:
    partner = _partner(team.counsellor)

    def add(bsn: str) -> None:
        made = make_dossier(team.counsellor, bsn=bsn)
        traject.start_stabilisation(team.counsellor, made.id, date(2026, 11, 2))
        referrals.create_referral(team.counsellor, made.id, ReferralForm(partner, date(2026, 11, 3), "Hulp"))

    add(VALID_BSNS[0])
    with _statements(team) as few:
        one = signalen.signals(team.counsellor, "me", date(2027, 2, 20))
    for bsn in VALID_BSNS[1:5]:
        add(bsn)
    with _statements(team) as many:
        five = signalen.signals(team.counsellor, "me", date(2027, 2, 20))
    assert len(five) == 5 * len(one) > 0
    assert len(many) == len(few)


def test_all_kinds_on_every_database(any_team: Team) -> None:
    team = any_team
    dossier = make_dossier(team.counsellor)
    workflow.move_phase(team.counsellor, dossier.id, "intake", on=date(2026, 11, 3))
    traject.start_stabilisation(team.counsellor, dossier.id, date(2026, 11, 2))
    referrals.create_referral(
        team.counsellor, dossier.id, ReferralForm(_partner(team.counsellor), date(2026, 11, 3), "Hulp")
    )
    fresh = make_dossier(team.counsellor, bsn=VALID_BSNS[1])
    sent = make_dossier(team.counsellor, bsn=VALID_BSNS[2])
    traject.save_urgency(
        team.counsellor, sent.id, UrgencyForm((), None, date(2026, 11, 3), date(2026, 11, 13))
    )
    kinds = {(s.dossier_id, s.kind) for s in signalen.signals(team.lead, "team", date(2026, 12, 22))}
    assert (None, "norms") in kinds  # the norms of 1 January 2026 are missing: the municipality's signal
    kinds.discard((None, "norms"))
    assert kinds == {
        (dossier.id, "decision"),
        (dossier.id, "referral"),
        (dossier.id, "no_contact"),
        (fresh.id, "first_conversation"),
        (sent.id, "objection"),
    }
    later = {
        (s.dossier_id, s.kind)
        for s in signalen.signals(team.lead, "team", date(2027, 2, 20))
        if s.dossier_id is not None
    }
    assert (dossier.id, "stabilisation") in later
    # The header's per-dossier signals agree with the list, line for line.
    for day in (date(2026, 12, 22), date(2027, 2, 20)):
        listed = [s for s in signalen.signals(team.lead, "team", day) if s.dossier_id is not None]
        for made in (dossier, fresh, sent):
            assert signalen.dossier_signals(team.lead, made.id, day) == [
                s for s in listed if s.dossier_id == made.id
            ]
