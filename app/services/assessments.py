"""Klantprofiel assessments: complete, keep the history, resume an interrupted one, read the profile.

Source: DOMAIN.md "Klantprofielen" (004:1517-1545, 2603-2619). The computed profile is a
suggestion; the counsellor confirms it or chooses another with a reason, and both are stored.
Every assessment is kept with its date and questionnaire version so shifts are visible.

"Saves nothing until finished": no assessment exists until :func:`complete`. When the counsellor
stops half-way and chooses 'Later verder', :func:`save_draft` keeps the answers so far (one
draft per dossier and counsellor); :func:`complete` and :func:`discard_draft` remove it.

Other capabilities call :func:`current_profile` (klantkaart, letters: use its ``card_hints``,
never the profile's name) and :func:`latest_profiles` (reports: one query for many dossiers);
both live in :mod:`app.services.profiles` and are re-exported here.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.base import utcnow
from app.domain.assessments import SCORE_SCALE, AssessmentDraft, ProfileAssessment
from app.domain.users import User
from app.errors import ValidationError
from app.rules.klantprofiel import (
    AnswerError,
    Assessment,
    PlotPoint,
    Profile,
    Questionnaire,
    load_questionnaire,
    score,
)
from app.services import audit, workflow
from app.services.assessment_views import (
    ApproachView,
    AssessmentView,
    CurrentProfile,
    DraftView,
    ProfileOverview,
)
from app.services.context import ServiceContext, today_local
from app.services.dossier_views import TimelineEntry
from app.services.dossiers import load_dossier, require_dossier_access
from app.services.profiles import approach, current_profile, latest_profiles, profile_label

__all__ = [
    "ApproachView",
    "AssessmentView",
    "CurrentProfile",
    "DraftView",
    "ProfileOverview",
    "approach",
    "complete",
    "current_profile",
    "discard_draft",
    "history",
    "latest_profiles",
    "load_draft",
    "overview",
    "preview",
    "questionnaire",
    "save_draft",
]

Answers = Mapping[str, int | None]

_REASON_MAX = 2000


@functools.cache
def questionnaire() -> Questionnaire:
    """Return the questionnaire version in use (bundled, validated once)."""
    return load_questionnaire()


def preview(answers: Answers) -> Assessment:
    """Score ``answers`` on the current questionnaire without saving anything (the result screen).

    Raises:
        ValidationError: an answer to an unknown item or outside the scale.
    """
    try:
        return score(questionnaire(), answers)
    except AnswerError as exc:
        raise ValidationError({"answers": f"De antwoorden passen niet bij de vragenlijst ({exc})."}) from exc


# --------------------------------------------------------------------------- conversions


def _to_stored(value: float | None) -> int | None:
    return None if value is None else round(value * SCORE_SCALE)


def _from_stored(value: int | None) -> float | None:
    return None if value is None else value / SCORE_SCALE


def _answers_json(answers: Answers) -> str:
    return json.dumps({code: answers[code] for code in sorted(answers)}, separators=(",", ":"))


def _answers_from(text: str) -> dict[str, int | None]:
    raw = json.loads(text or "{}")
    if not isinstance(raw, dict):
        return {}
    return {str(k): (v if isinstance(v, int) and not isinstance(v, bool) else None) for k, v in raw.items()}


def _names(session: Session, usernames: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(usernames))
    if not wanted:
        return {}
    rows = session.execute(select(User.username, User.full_name).where(User.username.in_(wanted)))
    return {username: full_name for username, full_name in rows}


def _view(row: ProfileAssessment, names: Mapping[str, str]) -> AssessmentView:
    skills, motivation = _from_stored(row.skills), _from_stored(row.motivation)
    point = None
    if skills is not None and motivation is not None:
        point = PlotPoint(
            on=row.assessed_on, skills=skills, motivation=motivation, profile=row.chosen_profile
        )
    return AssessmentView(
        id=row.id,
        dossier_id=row.dossier_id,
        assessed_on=row.assessed_on,
        questionnaire_id=row.questionnaire_id,
        questionnaire_version=row.questionnaire_version,
        answers=_answers_from(row.answers),
        skills=skills,
        motivation=motivation,
        mental_room_signal=_from_stored(row.mental_room),
        anger_signal=_from_stored(row.anger),
        learnability=_from_stored(row.learnability),
        suggested=row.suggested_profile,
        suggested_label=profile_label(row.suggested_profile),
        candidates=tuple(c for c in row.candidates.split(",") if c),
        ambiguous=row.ambiguous,
        chosen=row.chosen_profile,
        chosen_label=profile_label(row.chosen_profile),
        override_reason=row.override_reason,
        decided_by=row.decided_by,
        decided_by_name=names.get(row.decided_by, row.decided_by),
        point=point,
    )


def _draft_view(row: AssessmentDraft) -> DraftView:
    q = questionnaire()
    known = {item.code for item in q.items}
    answers = {k: v for k, v in _answers_from(row.answers).items() if k in known}
    last = len(q.themes) - 1
    return DraftView(
        dossier_id=row.dossier_id,
        questionnaire_id=row.questionnaire_id,
        questionnaire_version=row.questionnaire_version,
        answers=answers,
        theme_index=min(max(row.theme_index, 0), last),
        theme_count=len(q.themes),
        saved_at=row.updated_at,
    )


# --------------------------------------------------------------------------- queries


def _history_rows(session: Session, dossier_id: uuid.UUID) -> list[ProfileAssessment]:
    return list(
        session.execute(
            select(ProfileAssessment)
            .where(ProfileAssessment.dossier_id == dossier_id, ProfileAssessment.deleted_at.is_(None))
            .order_by(ProfileAssessment.assessed_on, ProfileAssessment.created_at)
        ).scalars()
    )


def _draft_row(session: Session, dossier_id: uuid.UUID, user_id: uuid.UUID) -> AssessmentDraft | None:
    """The draft row of this dossier and user, also when tombstoned (it is revived on save)."""
    return session.execute(
        select(AssessmentDraft).where(
            AssessmentDraft.dossier_id == dossier_id, AssessmentDraft.user_id == user_id
        )
    ).scalar_one_or_none()


def _views(session: Session, rows: list[ProfileAssessment]) -> tuple[AssessmentView, ...]:
    names = _names(session, (row.decided_by for row in rows))
    return tuple(_view(row, names) for row in rows)


def history(ctx: ServiceContext, dossier_id: uuid.UUID) -> list[AssessmentView]:
    """Return every assessment of the dossier, oldest first (the order of the plot's arrows)."""
    with ctx.db.read() as session:
        require_dossier_access(session, ctx, load_dossier(session, dossier_id), write=False)
        return list(_views(session, _history_rows(session, dossier_id)))


def overview(ctx: ServiceContext, dossier_id: uuid.UUID) -> ProfileOverview:
    """Return what the Klantprofiel tab shows, read in one transaction."""
    with ctx.db.read() as session:
        require_dossier_access(session, ctx, load_dossier(session, dossier_id), write=False)
        views = _views(session, _history_rows(session, dossier_id))
        draft = _draft_row(session, dossier_id, ctx.user.id)
        draft_view = _draft_view(draft) if draft is not None and draft.deleted_at is None else None
    return ProfileOverview(
        history=views,
        draft=draft_view,
        approach=approach(views[-1].chosen) if views else None,
        thresholds=questionnaire().thresholds,
    )


# --------------------------------------------------------------------------- drafts


def _checked_answers(answers: Answers) -> dict[str, int | None]:
    preview(answers)  # raises ValidationError for unknown items or values off the scale
    return dict(answers)


def save_draft(ctx: ServiceContext, dossier_id: uuid.UUID, answers: Answers, theme_index: int) -> DraftView:
    """Keep an interrupted assessment of the current user ('Later verder'), replacing an older one."""
    q = questionnaire()
    checked = _checked_answers(answers)
    if not 0 <= theme_index < len(q.themes):
        raise ValidationError({"theme_index": "Dit onderdeel bestaat niet in de vragenlijst."})
    with ctx.db.begin() as session:
        record = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, record, write=True)
        draft = _draft_row(session, dossier_id, ctx.user.id)
        action = "update" if draft is not None and draft.deleted_at is None else "create"
        if draft is None:
            draft = AssessmentDraft(dossier_id=record.id, user_id=ctx.user.id)
            session.add(draft)
        draft.questionnaire_id = q.id
        draft.questionnaire_version = q.version
        draft.answers = _answers_json(checked)
        draft.theme_index = theme_index
        draft.deleted_at = None
        draft.updated_by = ctx.user.username
        draft.updated_at = utcnow()
        session.flush()
        audit.log(
            session,
            ctx,
            action,
            "klantprofiel_draft",
            draft.id,
            details={"dossier": str(record.id), "answered": len(checked), "theme": theme_index + 1},
        )
        return _draft_view(draft)


def load_draft(ctx: ServiceContext, dossier_id: uuid.UUID) -> DraftView | None:
    """Return the current user's interrupted assessment of this dossier, or ``None``."""
    with ctx.db.read() as session:
        require_dossier_access(session, ctx, load_dossier(session, dossier_id), write=False)
        draft = _draft_row(session, dossier_id, ctx.user.id)
        if draft is None or draft.deleted_at is not None:
            return None
        return _draft_view(draft)


def _drop_draft(session: Session, ctx: ServiceContext, dossier_id: uuid.UUID) -> AssessmentDraft | None:
    draft = _draft_row(session, dossier_id, ctx.user.id)
    if draft is None or draft.deleted_at is not None:
        return None
    draft.deleted_at = utcnow()
    draft.answers = "{}"  # a discarded draft keeps no answers about the client
    draft.updated_by = ctx.user.username
    return draft


def discard_draft(ctx: ServiceContext, dossier_id: uuid.UUID) -> bool:
    """Throw away the current user's interrupted assessment; ``False`` when there was none."""
    with ctx.db.begin() as session:
        record = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, record, write=True)
        draft = _drop_draft(session, ctx, dossier_id)
        if draft is None:
            return False
        audit.log(session, ctx, "delete", "klantprofiel_draft", draft.id, details={"dossier": str(record.id)})
        return True


# --------------------------------------------------------------------------- completing


def complete(
    ctx: ServiceContext,
    dossier_id: uuid.UUID,
    answers: Answers,
    chosen_profile: str,
    override_reason: str = "",
    *,
    on: date | None = None,
) -> AssessmentView:
    """Store a finished assessment: the answers, scores, the suggestion and the counsellor's choice.

    Choosing another profile than the suggestion (or any profile when there is no suggestion)
    requires ``override_reason``; the counsellor's judgement always wins (DOMAIN.md). A reason
    given while confirming the suggestion is not stored. The current user's draft of this dossier
    is removed in the same transaction.

    Raises:
        ValidationError: no valid profile chosen, a missing reason, answers that do not fit the
            questionnaire, or a date in the future. Nothing is saved.
    """
    q = questionnaire()
    on = on or today_local()
    scored = preview(answers)
    errors: dict[str, str] = {}
    chosen: Profile | None = None
    try:
        chosen = Profile(chosen_profile)
    except ValueError:
        errors["chosen_profile"] = "Kies een profiel."
    reason = (override_reason or "").strip()
    if chosen is not None and chosen is not scored.suggested and not reason:
        errors["override_reason"] = (
            "Er is geen voorstel. Schrijf kort op waarom u dit profiel kiest."
            if scored.suggested is None
            else "U kiest een ander profiel dan het voorstel. Schrijf kort op waarom."
        )
    if len(reason) > _REASON_MAX:
        errors["override_reason"] = f"Houd de reden korter dan {_REASON_MAX} tekens."
    if on > today_local():
        errors["assessed_on"] = "De datum ligt in de toekomst."
    if errors or chosen is None:
        raise ValidationError(errors)
    if chosen is scored.suggested:
        reason = ""
    with ctx.db.begin() as session:
        record = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, record, write=True)
        row = ProfileAssessment(
            dossier_id=record.id,
            assessed_on=on,
            questionnaire_id=q.id,
            questionnaire_version=q.version,
            answers=_answers_json(answers),
            skills=_to_stored(scored.skills),
            motivation=_to_stored(scored.motivation),
            mental_room=_to_stored(scored.mental_room_signal),
            anger=_to_stored(scored.anger_signal),
            learnability=_to_stored(scored.learnability),
            suggested_profile=scored.suggested.value if scored.suggested else None,
            candidates=",".join(c.value for c in scored.candidates),
            ambiguous=scored.ambiguous,
            chosen_profile=chosen.value,
            override_reason=reason,
            decided_by=ctx.user.username,
            updated_by=ctx.user.username,
        )
        session.add(row)
        _drop_draft(session, ctx, record.id)
        session.flush()
        audit.log(
            session,
            ctx,
            "create",
            "klantprofiel",
            row.id,
            details={
                "dossier": str(record.id),
                "questionnaire": f"{q.id} v{q.version}",
                "suggested": row.suggested_profile or "",
                "chosen": row.chosen_profile,
                "overridden": chosen is not scored.suggested,
            },
        )
        return _view(row, {ctx.user.username: ctx.user.full_name})


# --------------------------------------------------------------------------- timeline


def _timeline(session: Session, dossier_id: uuid.UUID) -> list[TimelineEntry]:
    label = workflow.TIMELINE_KINDS["profile"]
    entries: list[TimelineEntry] = []
    for row in _history_rows(session, dossier_id):
        chosen = profile_label(row.chosen_profile)
        if row.suggested_profile == row.chosen_profile:
            detail = "Voorstel bevestigd."
        elif row.suggested_profile is None:
            detail = f"Geen voorstel (te weinig antwoorden). Reden: {row.override_reason}"
        else:
            detail = (
                f"Voorstel was {profile_label(row.suggested_profile).lower()}. Reden: {row.override_reason}"
            )
        entries.append(
            TimelineEntry(
                row.assessed_on,
                row.created_at,
                "profile",
                label,
                f"Klantprofiel: {chosen.lower()} (vragenlijst versie {row.questionnaire_version})",
                detail,
                row.decided_by,
            )
        )
    return entries


def _register() -> None:
    workflow.TIMELINE_KINDS.setdefault("profile", "Klantprofiel")
    if _timeline not in workflow.TIMELINE_SOURCES:
        workflow.TIMELINE_SOURCES.append(_timeline)


_register()
