"""Klantprofiel assessments: every completed questionnaire, and the one a counsellor interrupted.

Source: DOMAIN.md "Klantprofielen" (004:1517-1545, 2603-2619): every assessment is kept so that
shifts over time are visible; the computed profile is a suggestion and the counsellor's choice
(with a reason when it differs) is what counts. Both are stored.

Scores are stored as integers: the 0-100 score times ten (``573`` is 57.3), ``None`` when too
few items of that axis were answered.

An :class:`AssessmentDraft` is the interrupted questionnaire of one counsellor for one dossier
('Later verder'). The issue says an assessment "saves nothing until finished": no
:class:`ProfileAssessment` exists until the counsellor finishes and decides. The draft is the
one exception, stored only when the counsellor stops and chooses to continue later, so the
answers given at the kitchen table are not lost; finishing the assessment or discarding the
draft tombstones it.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Tracked

#: Scores are stored times this factor as integers.
SCORE_SCALE = 10


class ProfileAssessment(Tracked, Base):
    """One completed klantprofiel questionnaire with the suggestion and the counsellor's choice.

    ``answers`` is JSON ``{item code: 1..5 or null}`` (null: 'weet niet / sla over');
    ``candidates`` holds comma-separated profile codes (two when ``ambiguous``);
    ``suggested_profile`` is ``None`` when there were not enough answers.
    """

    __tablename__ = "profile_assessments"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    assessed_on: Mapped[date] = mapped_column(index=True)
    questionnaire_id: Mapped[str] = mapped_column(String(40))
    questionnaire_version: Mapped[int] = mapped_column()
    answers: Mapped[str] = mapped_column(Text, default="{}")
    skills: Mapped[int | None] = mapped_column(default=None)
    motivation: Mapped[int | None] = mapped_column(default=None)
    mental_room: Mapped[int | None] = mapped_column(default=None)
    anger: Mapped[int | None] = mapped_column(default=None)
    learnability: Mapped[int | None] = mapped_column(default=None)
    suggested_profile: Mapped[str | None] = mapped_column(String(20), default=None)
    candidates: Mapped[str] = mapped_column(String(60), default="")
    ambiguous: Mapped[bool] = mapped_column(default=False)
    chosen_profile: Mapped[str] = mapped_column(String(20), index=True)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(64))


class AssessmentDraft(Tracked, Base):
    """An interrupted assessment of one counsellor for one dossier, to be resumed later.

    ``answers`` is JSON ``{item code: 1..5 or null}``; an absent code was not yet asked.
    ``theme_index`` is the screen (0-based) to resume on. A discarded or finished draft is
    tombstoned and revived by the next save (one row per dossier and user).
    """

    __tablename__ = "assessment_drafts"
    __table_args__ = (UniqueConstraint("dossier_id", "user_id"),)

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    questionnaire_id: Mapped[str] = mapped_column(String(40))
    questionnaire_version: Mapped[int] = mapped_column()
    answers: Mapped[str] = mapped_column(Text, default="{}")
    theme_index: Mapped[int] = mapped_column(default=0)


__all__ = ["SCORE_SCALE", "AssessmentDraft", "ProfileAssessment"]
