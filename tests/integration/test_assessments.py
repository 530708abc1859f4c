"""Klantprofiel assessments on a real database: suggestion and choice, reasons, history, drafts, bulk."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.config import Paths, load_config
from app.domain.assessments import AssessmentDraft, ProfileAssessment
from app.domain.audit import AuditEntry
from app.errors import PermissionDenied, ValidationError
from app.services import assessments, workflow
from app.services.context import today_local
from app.services.dossier_views import SearchCriteria
from app.services.dossiers import search_dossiers
from tests.factories import Team, make_dossier
from tests.unit.klantprofiel.answers import answers_for, bundled

AANPAKKER = {"skills": 4, "motivation": 4, "mental_room": 0, "anger": 0, "learnability": 3}
ONWETENDE = {"skills": 1, "motivation": 4, "mental_room": 0, "anger": 0, "learnability": 4}
STRUISVOGEL = {"skills": 3, "motivation": 1, "mental_room": 1, "anger": 1, "learnability": 1}


def _answers(levels: dict[str, int]) -> dict[str, int | None]:
    return answers_for(bundled(), **levels)


def _assessment_count(team: Team) -> int:
    with team.db.read() as session:
        return len(session.execute(select(ProfileAssessment.id)).all())


def test_complete_stores_the_suggestion_and_the_choice(any_team: Team) -> None:
    # GIVEN a dossier and the answers of someone who tackles things
    dossier = make_dossier(any_team.counsellor)
    answers = _answers(AANPAKKER)
    # WHEN the counsellor confirms the suggestion
    view = assessments.complete(any_team.counsellor, dossier.id, answers, "aanpakker")
    # THEN suggestion, choice, scores, version and answers are stored
    assert (view.suggested, view.chosen, view.overridden) == ("aanpakker", "aanpakker", False)
    assert view.override_reason == ""
    assert view.skills == 100.0 and view.motivation == 100.0
    assert view.mental_room_signal == 0.0 and view.learnability == 75.0
    assert view.questionnaire_version == bundled().version
    assert view.decided_by == "fatima" and view.decided_by_name == "Fatima El Amrani"
    stored = assessments.history(any_team.counsellor, dossier.id)
    assert [(v.suggested, v.chosen) for v in stored] == [("aanpakker", "aanpakker")]
    assert dict(stored[0].answers) == answers
    assert stored[0].point is not None and stored[0].point.profile == "aanpakker"


def test_choosing_another_profile_requires_a_reason(any_team: Team) -> None:
    # GIVEN answers that suggest de aanpakker
    dossier = make_dossier(any_team.counsellor)
    answers = _answers(AANPAKKER)
    # WHEN the counsellor picks de kwetsbare without a reason
    with pytest.raises(ValidationError) as caught:
        assessments.complete(any_team.counsellor, dossier.id, answers, "kwetsbare", "   ")
    # THEN a Dutch message asks for the reason and nothing was saved
    assert "ander profiel dan het voorstel" in caught.value.errors["override_reason"]
    assert _assessment_count(any_team) == 0
    # WHEN a reason is given
    view = assessments.complete(
        any_team.counsellor, dossier.id, answers, "kwetsbare", "  Net haar partner verloren.  "
    )
    # THEN both the suggestion and the choice are kept, with the reason
    assert (view.suggested, view.chosen, view.overridden) == ("aanpakker", "kwetsbare", True)
    assert view.override_reason == "Net haar partner verloren."
    assert view.point is not None and view.point.profile == "kwetsbare"


def test_without_a_suggestion_any_choice_needs_a_reason(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    skipped: dict[str, int | None] = {item.code: None for item in bundled().items}
    with pytest.raises(ValidationError) as caught:
        assessments.complete(team.counsellor, dossier.id, skipped, "onwetende")
    assert "geen voorstel" in caught.value.errors["override_reason"]
    view = assessments.complete(team.counsellor, dossier.id, skipped, "onwetende", "Wilde geen vragen.")
    assert view.suggested is None and view.point is None and view.skills is None


def test_confirming_drops_a_stray_reason_and_bad_input_is_refused(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    view = assessments.complete(team.counsellor, dossier.id, _answers(AANPAKKER), "aanpakker", "toch iets")
    assert view.override_reason == ""
    with pytest.raises(ValidationError) as caught:
        assessments.complete(team.counsellor, dossier.id, {"XX9": 3}, "aanpakker")
    assert "answers" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        assessments.complete(team.counsellor, dossier.id, _answers(AANPAKKER), "zwerver")
    assert caught.value.errors == {"chosen_profile": "Kies een profiel."}
    with pytest.raises(ValidationError) as caught:
        tomorrow = today_local() + timedelta(days=1)
        assessments.complete(team.counsellor, dossier.id, _answers(AANPAKKER), "aanpakker", on=tomorrow)
    assert "toekomst" in caught.value.errors["assessed_on"]
    assert _assessment_count(team) == 1


def test_history_is_ordered_by_date_and_current_profile_is_the_latest(any_team: Team) -> None:
    # GIVEN two assessments, the later one entered first
    dossier = make_dossier(any_team.counsellor)
    today = today_local()
    assessments.complete(any_team.counsellor, dossier.id, _answers(AANPAKKER), "aanpakker", on=today)
    assessments.complete(
        any_team.counsellor, dossier.id, _answers(ONWETENDE), "onwetende", on=today - timedelta(days=70)
    )
    # THEN the history runs oldest first and the current profile is the newest decision
    history = assessments.history(any_team.counsellor, dossier.id)
    assert [(v.assessed_on, v.chosen) for v in history] == [
        (today - timedelta(days=70), "onwetende"),
        (today, "aanpakker"),
    ]
    current = assessments.current_profile(any_team.counsellor, dossier.id)
    assert current is not None and (current.profile, current.assessed_on) == ("aanpakker", today)
    assert current.card_hints and not any("aanpakker" in hint.lower() for hint in current.card_hints)
    with any_team.db.read() as session:
        assert assessments.current_profile(session, dossier.id) == current
    overview = assessments.overview(any_team.counsellor, dossier.id)
    assert overview.approach is not None and overview.approach.label == "De aanpakker"
    assert [p.on for p in (v.point for v in overview.history) if p] == [v.assessed_on for v in history]


def test_no_assessment_means_no_current_profile(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    assert assessments.current_profile(team.counsellor, dossier.id) is None
    assert assessments.overview(team.counsellor, dossier.id).approach is None


def test_draft_is_saved_resumed_and_discarded_per_counsellor(any_team: Team) -> None:
    # GIVEN an assessment interrupted on the third screen
    dossier = make_dossier(any_team.counsellor)
    partial: dict[str, int | None] = {"WB1": 4, "WB2": None, "KN1": 2}
    assert assessments.load_draft(any_team.counsellor, dossier.id) is None
    assessments.save_draft(any_team.counsellor, dossier.id, partial, 2)
    # WHEN it is loaded again
    draft = assessments.load_draft(any_team.counsellor, dossier.id)
    # THEN the answers (also the explicit 'weet niet') and the screen are back; nothing was completed
    assert draft is not None
    assert (dict(draft.answers), draft.theme_index, draft.theme_count) == (partial, 2, 5)
    assert _assessment_count(any_team) == 0
    # a team lead sees no one else's draft
    assert assessments.load_draft(any_team.lead, dossier.id) is None
    # saving again replaces it
    assessments.save_draft(any_team.counsellor, dossier.id, {**partial, "KN2": 5}, 3)
    again = assessments.load_draft(any_team.counsellor, dossier.id)
    assert again is not None and again.theme_index == 3 and again.answers["KN2"] == 5
    # WHEN it is discarded THEN it is gone and its answers are wiped
    assert assessments.discard_draft(any_team.counsellor, dossier.id) is True
    assert assessments.load_draft(any_team.counsellor, dossier.id) is None
    assert assessments.discard_draft(any_team.counsellor, dossier.id) is False
    with any_team.db.read() as session:
        row = session.execute(select(AssessmentDraft)).scalar_one()
        assert row.deleted_at is not None and json.loads(row.answers) == {}
    # a new draft revives the row; completing removes it
    assessments.save_draft(any_team.counsellor, dossier.id, partial, 1)
    assert assessments.load_draft(any_team.counsellor, dossier.id) is not None
    assessments.complete(any_team.counsellor, dossier.id, _answers(AANPAKKER), "aanpakker")
    assert assessments.load_draft(any_team.counsellor, dossier.id) is None


def test_draft_input_is_checked(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    with pytest.raises(ValidationError):
        assessments.save_draft(team.counsellor, dossier.id, {"WB1": 9}, 0)
    with pytest.raises(ValidationError):
        assessments.save_draft(team.counsellor, dossier.id, {"WB1": 3}, 5)


def test_latest_profiles_in_bulk(any_team: Team) -> None:
    # GIVEN three dossiers: one assessed twice, one once, one never
    ctx = any_team.counsellor
    sanne = make_dossier(ctx)
    kevin = make_dossier(ctx, bsn="123456782", first_names="Kevin", surname="Groot")
    never = make_dossier(ctx, bsn="999999990", first_names="Els", surname="Bakker")
    today = today_local()
    assessments.complete(ctx, sanne.id, _answers(ONWETENDE), "onwetende", on=today - timedelta(days=60))
    assessments.complete(ctx, sanne.id, _answers(AANPAKKER), "aanpakker", on=today - timedelta(days=2))
    assessments.complete(ctx, kevin.id, _answers(STRUISVOGEL), "struisvogel", on=today - timedelta(days=30))
    # WHEN the reports ask for the profiles
    with any_team.db.read() as session:
        everyone = assessments.latest_profiles(session)
        some = assessments.latest_profiles(session, [kevin.id, never.id])
        earlier = assessments.latest_profiles(session, on=today - timedelta(days=10))
        nobody = assessments.latest_profiles(session, [])
    # THEN each assessed dossier has its latest chosen profile
    assert everyone == {sanne.id: "aanpakker", kevin.id: "struisvogel"}
    assert some == {kevin.id: "struisvogel"}
    assert earlier == {sanne.id: "onwetende", kevin.id: "struisvogel"}
    assert nobody == {}


def test_completing_writes_an_audit_line_and_a_timeline_entry(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier = make_dossier(team.counsellor)
    view = assessments.complete(team.counsellor, dossier.id, _answers(AANPAKKER), "kwetsbare", "Rouw.")
    with team.db.read() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.object_id == str(view.id))).scalar_one()
    details = json.loads(entry.details)
    assert (entry.action, entry.object_type, entry.actor) == ("create", "klantprofiel", "fatima")
    assert details["suggested"] == "aanpakker" and details["chosen"] == "kwetsbare"
    assert details["overridden"] is True and "Rouw" not in entry.details
    # only this capability's source, so another capability's entries cannot interfere
    source = assessments._timeline
    assert source in workflow.TIMELINE_SOURCES
    monkeypatch.setattr(workflow, "TIMELINE_SOURCES", [source])
    entries = workflow.timeline(team.counsellor, dossier.id, frozenset({"profile"}))
    assert [e.title for e in entries] == ["Klantprofiel: de kwetsbare (vragenlijst versie 1)"]
    assert "Voorstel was de aanpakker" in entries[0].detail


def test_a_colleague_outside_the_caseload_cannot_assess(team: Team) -> None:
    dossier = make_dossier(team.counsellor)
    with pytest.raises(PermissionDenied):
        assessments.complete(team.colleague, dossier.id, _answers(AANPAKKER), "aanpakker")
    with pytest.raises(PermissionDenied):
        assessments.save_draft(team.colleague, dossier.id, {"WB1": 3}, 0)
    with pytest.raises(PermissionDenied):
        assessments.history(team.admin, dossier.id)


def test_demo_tells_the_scenario_profiles(tmp_path: Path) -> None:
    from app.services.demo import generate_demo

    # GIVEN a small demo database
    paths = Paths(tmp_path)
    opened = generate_demo(paths, load_config(paths), dossiers=30, seed=5)
    ctx = opened.context()
    ids = {r.name: r.id for r in search_dossiers(ctx, SearchCriteria(include_ended=True), limit=100)}
    # THEN each scenario client has the profile of SCENARIOS.md, and Sanne's shift is in her history
    sanne = assessments.history(ctx, ids["Sanne Willems"])
    assert [v.chosen for v in sanne] == ["onwetende", "aanpakker"]
    assert [v.suggested for v in sanne] == ["onwetende", "aanpakker"]
    assert (sanne[1].assessed_on - sanne[0].assessed_on).days >= 40
    with opened.db.read() as session:
        latest = assessments.latest_profiles(session)
    expected = {
        "Ahmed Benali": "aanpakker",
        "Gerda Mulder": "kwetsbare",
        "Ronald Kuipers": "benadeelde",
        "Kevin de Groot": "struisvogel",
    }
    assert {name: latest[ids[name]] for name in expected} == expected
    # every assessed dossier reached the intake; the demo counsellor has one draft to resume
    assert len(latest) > 5
    drafts = [i for i in ids.values() if assessments.load_draft(ctx, i) is not None]
    assert len(drafts) <= 1
    opened.db.dispose()
