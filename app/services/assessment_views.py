"""Frozen views of klantprofiel assessments, drafts and the approach per profile (for UI and callers)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from app.rules.klantprofiel import PlotPoint, Thresholds


@dataclass(frozen=True)
class AssessmentView:
    """One completed assessment. Scores are 0-100 (``None``: too few answers on that axis).

    ``suggested`` is the computed profile code (``None`` with too few answers), ``chosen`` the
    counsellor's decision; ``overridden`` when they differ, with ``override_reason``. ``point`` is
    the assessment in the profile plot, coloured by the chosen profile (``None`` without scores).
    """

    id: uuid.UUID
    dossier_id: uuid.UUID
    assessed_on: date
    questionnaire_id: str
    questionnaire_version: int
    answers: Mapping[str, int | None]
    skills: float | None
    motivation: float | None
    mental_room_signal: float | None
    anger_signal: float | None
    learnability: float | None
    suggested: str | None
    suggested_label: str
    candidates: tuple[str, ...]
    ambiguous: bool
    chosen: str
    chosen_label: str
    override_reason: str
    decided_by: str
    decided_by_name: str
    point: PlotPoint | None

    @property
    def overridden(self) -> bool:
        """Whether the counsellor chose another profile than the suggestion."""
        return self.chosen != self.suggested


@dataclass(frozen=True)
class DraftView:
    """An interrupted assessment ('Later verder') of the current user.

    ``answers`` maps item codes to 1..5 or ``None`` ('weet niet / sla over'); a code that is absent
    was not asked yet. ``theme_index`` is the screen (0-based) to resume on.
    """

    dossier_id: uuid.UUID
    questionnaire_id: str
    questionnaire_version: int
    answers: Mapping[str, int | None]
    theme_index: int
    theme_count: int
    saved_at: datetime


@dataclass(frozen=True)
class ProductView:
    """A support product that usually fits a profile, with its Dutch label."""

    code: str
    label: str


@dataclass(frozen=True)
class ApproachView:
    """Kenmerken, aanpak and usual products of one profile (for the counsellor, never the client).

    ``card_hints`` are the only texts fit for something the client receives: B1 sentences that
    never name the profile.
    """

    profile: str
    label: str
    kenmerken: tuple[str, ...]
    aanpak: tuple[str, ...]
    products: tuple[ProductView, ...]
    card_hints: tuple[str, ...]


@dataclass(frozen=True)
class CurrentProfile:
    """The profile the counsellor confirmed most recently for a dossier.

    ``label`` names the profile and is for the counsellor's eyes only: never print it (or the
    code) on a letter or klantkaart. Use ``card_hints`` for client-facing wording.
    """

    dossier_id: uuid.UUID
    profile: str
    label: str
    assessed_on: date
    questionnaire_version: int
    card_hints: tuple[str, ...]


@dataclass(frozen=True)
class ProfileOverview:
    """Everything the Klantprofiel tab shows: history (oldest first), the current user's draft,
    the approach of the latest chosen profile, and the questionnaire's plot boundaries."""

    history: tuple[AssessmentView, ...]
    draft: DraftView | None
    approach: ApproachView | None
    thresholds: Thresholds
