"""Traject services: phase transitions, urgency and the first-conversation term, stabilisation."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from app.errors import PermissionDenied, ValidationError
from app.rules.phases import Phase
from app.services import settings, terms, traject, workflow
from app.services.dossier_views import DossierDetail
from app.services.traject import UrgencyForm
from tests.factories import Team, make_dossier

MAIN_WALK = [
    ("intake", date(2026, 11, 3)),
    ("stabilisation", date(2026, 11, 5)),
    ("ready_for_settlement", date(2026, 11, 10)),
    ("settlement", date(2026, 11, 12)),
    ("aftercare", date(2026, 11, 16)),
]


def _deadline(team: Team, dossier_id: uuid.UUID, kind: str, today: date) -> terms.Deadline:
    found = traject.dossier_deadlines(team.counsellor, dossier_id, today)
    return next(d for d in found if d.kind == kind)


# --------------------------------------------------------------------------- phases


def _move(team: Team, dossier_id: uuid.UUID, target: str, on: date, reason: str = "") -> DossierDetail:
    """Move as the counsellor; the voorlegger gate is passed by the teamleider with a reason."""
    if target == "ready_for_settlement" or (target == "settlement" and reason == "from DFD"):
        return workflow.move_phase(
            team.lead,
            dossier_id,
            target,
            on=on,
            override_reason="Test: voorlegger elders gecontroleerd.",
        )
    return workflow.move_phase(team.counsellor, dossier_id, target, on=on, reason=reason)


def test_every_main_line_transition_is_stored_with_date_actor_and_reason(team: Team) -> None:
    # GIVEN an aanmelding of 2 November 2026
    dossier = make_dossier(team.counsellor)
    # WHEN it moves forward step by step and is closed with a DDAS reason
    for target, on in MAIN_WALK:
        moved = _move(team, dossier.id, target, on)
        assert moved.phase == target
    closed = workflow.move_phase(
        team.counsellor, dossier.id, "closed", on=date(2026, 11, 20), closing_reason="amicable_agreement"
    )
    # THEN every move is a dated transition by fatima, the last one with its closing reason
    assert closed.phase == "closed"
    moves = workflow.transitions(team.counsellor, dossier.id)
    assert [m.to_phase for m in moves] == ["application", *[t for t, _ in MAIN_WALK], "closed"]
    assert [m.moved_on for m in moves[1:-1]] == [on for _, on in MAIN_WALK]
    assert {m.moved_by for m in moves} == {"fatima", "marieke"}
    assert moves[-1].closing_reason == "amicable_agreement"


def test_skipping_a_step_is_refused(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    with pytest.raises(ValidationError) as caught:
        workflow.move_phase(team.counsellor, dossier.id, "settlement", on=date(2026, 11, 3))
    assert "phase" in caught.value.errors


def test_going_back_needs_a_reason_and_keeps_it(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    workflow.move_phase(team.counsellor, dossier.id, "intake", on=date(2026, 11, 3))
    workflow.move_phase(team.counsellor, dossier.id, "stabilisation", on=date(2026, 11, 4))
    with pytest.raises(ValidationError) as caught:
        workflow.move_phase(team.counsellor, dossier.id, "intake", on=date(2026, 11, 5))
    assert "reason" in caught.value.errors
    back = workflow.move_phase(
        team.counsellor,
        dossier.id,
        "intake",
        on=date(2026, 11, 5),
        reason="Nieuwe schulden gevonden; intake overdoen.",
    )
    assert back.phase == "intake"
    assert (
        workflow.transitions(team.counsellor, dossier.id)[-1].reason
        == "Nieuwe schulden gevonden; intake overdoen."
    )


def test_side_states_and_return_to_the_main_line(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    workflow.move_phase(team.counsellor, dossier.id, "intake", on=date(2026, 11, 3))
    workflow.move_phase(team.counsellor, dossier.id, "long_term_service", on=date(2026, 11, 4))
    # From DFD straight on to a settlement (uitstroom naar schuldregeling) is a forward move.
    _move(team, dossier.id, "settlement", date(2026, 11, 6), "from DFD")
    workflow.move_phase(team.counsellor, dossier.id, "referred", on=date(2026, 11, 9))
    with pytest.raises(ValidationError):
        workflow.move_phase(team.counsellor, dossier.id, "stabilisation", on=date(2026, 11, 10))
    back = workflow.move_phase(
        team.counsellor,
        dossier.id,
        "stabilisation",
        on=date(2026, 11, 10),
        reason="Partner heeft de cliënt teruggestuurd.",
    )
    assert back.phase == "stabilisation"


def test_dropping_out_takes_a_negative_closing_reason(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    with pytest.raises(ValidationError) as caught:
        workflow.move_phase(team.counsellor, dossier.id, "dropped_out", on=date(2026, 11, 4))
    assert "closing_reason" in caught.value.errors
    with pytest.raises(ValidationError):
        workflow.move_phase(
            team.counsellor,
            dossier.id,
            "dropped_out",
            on=date(2026, 11, 4),
            closing_reason="amicable_agreement",
        )
    with pytest.raises(ValidationError) as needs_text:
        workflow.move_phase(
            team.counsellor,
            dossier.id,
            "dropped_out",
            on=date(2026, 11, 4),
            closing_reason="withdrawn_reason_known",
        )
    assert "reason" in needs_text.value.errors
    ended = workflow.move_phase(
        team.counsellor, dossier.id, "dropped_out", on=date(2026, 11, 4), closing_reason="no_show"
    )
    assert ended.phase == Phase.DROPPED_OUT
    with pytest.raises(ValidationError):
        workflow.move_phase(team.counsellor, dossier.id, "intake", on=date(2026, 11, 5), reason="toch")


def test_a_colleague_cannot_move_a_dossier_outside_the_caseload(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    with pytest.raises(PermissionDenied):
        workflow.move_phase(team.colleague, dossier.id, "intake", on=date(2026, 11, 3))


# --------------------------------------------------------------------------- urgency and terms


def test_first_conversation_term_is_four_weeks_and_shortens_with_a_threat(team: Team) -> None:
    # GIVEN a melding on Monday 2 November 2026: four weeks = Monday 30 November
    dossier = make_dossier(team.counsellor)
    today = date(2026, 11, 20)
    assert _deadline(team, dossier.id, "first_conversation", today).due_on == date(2026, 11, 30)
    # WHEN the health insurer's cancellation warning is reported on Thursday 19 November
    view = traject.save_urgency(
        team.counsellor, dossier.id, UrgencyForm(("health_insurance",), date(2026, 11, 19))
    )
    # THEN three werkdagen from that report apply: Tuesday 24 November
    assert view.threat_labels == ("Opzegging of ontbinding van de zorgverzekering",)
    first = _deadline(team, dossier.id, "first_conversation", today)
    assert first.due_on == date(2026, 11, 24)
    assert "3 werkdagen" in first.text


def test_atw_extra_days_from_the_settings_move_the_term(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    traject.save_urgency(team.counsellor, dossier.id, UrgencyForm(("eviction",), date(2026, 11, 19)))
    settings.update(team.admin, {"atw.extra_days": [{"date": "2026-11-23", "description": "Extra dag"}]})
    # 20 Nov is werkdag 1; Monday 23 is now an Atw day; 24 and 25 are werkdagen 2 and 3.
    assert _deadline(team, dossier.id, "first_conversation", date(2026, 11, 20)).due_on == date(2026, 11, 25)


def test_municipal_threats_come_from_the_settings(team: Team) -> None:
    settings.update(team.admin, {"threats.extra": ["Aangekondigde verkoop van de inboedel"]})
    options = traject.threat_options(team.counsellor)
    assert [o.code for o in options][:4] == ["eviction", "energy", "water", "health_insurance"]
    extra = options[-1]
    assert (extra.label, extra.statutory) == ("Aangekondigde verkoop van de inboedel", False)
    dossier = make_dossier(team.counsellor)
    saved = traject.save_urgency(team.counsellor, dossier.id, UrgencyForm((extra.code,), date(2026, 11, 3)))
    assert saved.threat_labels == ("Aangekondigde verkoop van de inboedel",)


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (UrgencyForm(("eviction",), None), "threat_reported_on"),
        (UrgencyForm(("nonsense",), date(2026, 11, 3)), "threat_kinds"),
        (UrgencyForm((), None, date(2026, 11, 1)), "first_conversation_on"),
        (UrgencyForm((), None, date(2026, 11, 10), date(2026, 11, 9)), "decision_sent_on"),
        (UrgencyForm((), None, None, date(2026, 11, 9)), "decision_sent_on"),
        (UrgencyForm((), None, date(2099, 1, 5)), "first_conversation_on"),
    ],
)
def test_urgency_input_is_checked(team: Team, form: UrgencyForm, field: str) -> None:
    dossier = make_dossier(team.counsellor)
    with pytest.raises(ValidationError) as caught:
        traject.save_urgency(team.counsellor, dossier.id, form)
    assert field in caught.value.errors


def test_the_decision_term_runs_from_the_first_conversation_and_starts_the_objection_term(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    traject.save_urgency(team.counsellor, dossier.id, UrgencyForm(first_conversation_on=date(2026, 11, 3)))
    decision = _deadline(team, dossier.id, "decision", date(2026, 11, 20))
    assert (decision.due_on, decision.status) == (date(2026, 12, 29), terms.OPEN)
    traject.record_decision_sent(team.counsellor, dossier.id, date(2026, 11, 13))
    decision = _deadline(team, dossier.id, "decision", date(2026, 11, 20))
    assert (decision.met_on, decision.status) == (date(2026, 11, 13), terms.MET)
    objection = _deadline(team, dossier.id, "objection", date(2026, 11, 20))
    assert (objection.due_on, objection.status) == (date(2026, 12, 28), terms.RUNNING)


def test_the_move_to_intake_counts_as_first_conversation_when_none_is_recorded(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    workflow.move_phase(team.counsellor, dossier.id, "intake", on=date(2026, 11, 4))
    view = traject.get_urgency(team.counsellor, dossier.id)
    assert (view.first_conversation_on, view.first_conversation_effective) == (None, date(2026, 11, 4))
    first = _deadline(team, dossier.id, "first_conversation", date(2026, 11, 20))
    assert (first.status, first.met_on) == (terms.MET, date(2026, 11, 4))


# --------------------------------------------------------------------------- stabilisation


def test_a_stabilisation_agreement_runs_four_months_and_extends_once(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    agreement = traject.start_stabilisation(team.counsellor, dossier.id, date(2026, 11, 2), "Belastingdienst")
    assert (agreement.ends_on, agreement.can_extend) == (date(2027, 3, 1), True)
    assert agreement.warn_on == date(2027, 2, 15)
    with pytest.raises(ValidationError):
        traject.start_stabilisation(team.counsellor, dossier.id, date(2026, 11, 3))
    extended = traject.extend_stabilisation(team.counsellor, agreement.id)
    assert (extended.extended_until, extended.end, extended.can_extend) == (
        date(2027, 7, 1),
        date(2027, 7, 1),
        False,
    )
    with pytest.raises(ValidationError):
        traject.extend_stabilisation(team.counsellor, agreement.id)
    closed = traject.close_stabilisation(
        team.counsellor, agreement.id, date(2026, 11, 20), "Regeling gestart"
    )
    assert (closed.closed_on, closed.status_label) == (date(2026, 11, 20), "Afgerond")
    again = traject.start_stabilisation(team.counsellor, dossier.id, date(2026, 11, 21))
    assert [a.id for a in traject.stabilisation_agreements(team.counsellor, dossier.id)] == [
        again.id,
        agreement.id,
    ]


def test_the_timeline_holds_urgency_decisions_and_agreements(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    traject.save_urgency(
        team.counsellor,
        dossier.id,
        UrgencyForm(("energy",), date(2026, 11, 2), date(2026, 11, 4), date(2026, 11, 10)),
    )
    traject.start_stabilisation(team.counsellor, dossier.id, date(2026, 11, 12))
    entries = workflow.timeline(team.counsellor, dossier.id)
    kinds = {e.kind for e in entries}
    assert {"urgency", "decision", "stabilisation", "phase"} <= kinds
    assert workflow.TIMELINE_KINDS["decision"] == "Beschikking"
    only = workflow.timeline(team.counsellor, dossier.id, frozenset({"decision"}))
    assert [e.title for e in only] == ["Beschikking verstuurd"]
