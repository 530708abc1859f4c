"""Demo klantprofiel assessments for every demo dossier that reached the intake (Core bulk inserts).

The five SCENARIOS.md clients get their own story: Sanne starts as de onwetende and, after the
budgetcoaching course, is de aanpakker (two assessments, the plot shows the arrow); Ahmed is de
aanpakker, Gerda de kwetsbare, Ronald de benadeelde and Kevin de struisvogel. Other dossiers get
a plausible profile at intake, some a second assessment later that shows a shift (bijlage E,
004:2603-2619), and now and then a counsellor who chose another profile with a reason. One
dossier of the demo counsellor has an interrupted assessment to resume.

Answer sets are drawn from a small pool scored once, so 50 000 dossiers stay fast.
"""

from __future__ import annotations

import functools
import json
import random
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, insert

from app.domain.assessments import SCORE_SCALE, AssessmentDraft, ProfileAssessment
from app.rules.klantprofiel import Item, Profile, Questionnaire, load_questionnaire, score

if TYPE_CHECKING:
    from app.services.demo import DemoContext, DemoDossier

_BATCH = 5000
_POOL_SIZE = 24

#: How strongly a typical client of each profile leans towards each axis (0..1).
_LEANINGS: dict[Profile, dict[str, float]] = {
    Profile.ONWETENDE: {
        "skills": 0.2,
        "motivation": 0.75,
        "mental_room": 0.25,
        "anger": 0.15,
        "learnability": 0.85,
    },
    Profile.AANPAKKER: {
        "skills": 0.8,
        "motivation": 0.85,
        "mental_room": 0.2,
        "anger": 0.15,
        "learnability": 0.6,
    },
    Profile.KWETSBARE: {
        "skills": 0.3,
        "motivation": 0.35,
        "mental_room": 0.9,
        "anger": 0.4,
        "learnability": 0.4,
    },
    Profile.BENADEELDE: {
        "skills": 0.55,
        "motivation": 0.2,
        "mental_room": 0.3,
        "anger": 0.9,
        "learnability": 0.3,
    },
    Profile.STRUISVOGEL: {
        "skills": 0.75,
        "motivation": 0.2,
        "mental_room": 0.25,
        "anger": 0.2,
        "learnability": 0.3,
    },
}

#: Share of each profile among the random dossiers.
_SHARES: tuple[tuple[Profile, float], ...] = (
    (Profile.ONWETENDE, 0.26),
    (Profile.AANPAKKER, 0.24),
    (Profile.KWETSBARE, 0.2),
    (Profile.BENADEELDE, 0.1),
    (Profile.STRUISVOGEL, 0.2),
)

#: Where a profile tends to move to at a later assessment (bijlage E).
_SHIFTS: dict[Profile, tuple[Profile, ...]] = {
    Profile.ONWETENDE: (Profile.AANPAKKER, Profile.AANPAKKER, Profile.ONWETENDE),
    Profile.AANPAKKER: (Profile.STRUISVOGEL, Profile.AANPAKKER),
    Profile.KWETSBARE: (Profile.ONWETENDE, Profile.KWETSBARE),
    Profile.BENADEELDE: (Profile.AANPAKKER, Profile.STRUISVOGEL, Profile.BENADEELDE),
    Profile.STRUISVOGEL: (Profile.AANPAKKER, Profile.STRUISVOGEL),
}

_OVERRIDE_REASONS = (
    "In het gesprek bleek dat er net een zware tegenslag was. Eerst rust, dan verder.",
    "De antwoorden geven een te rooskleurig beeld: de post ligt nog ongeopend.",
    "De klant pakt al veel zelf op; weinig begeleiding nodig.",
    "Veel boosheid op instanties in het gesprek, minder in de antwoorden.",
    "Partner regelt de administratie; de klant zelf heeft weinig overzicht.",
)

#: Per scenario: (profile, axis levels 0..4) per assessment, oldest first.
_SCENARIO_LEVELS: dict[str, tuple[tuple[Profile, dict[str, int]], ...]] = {
    "sanne": (
        (Profile.ONWETENDE, {"skills": 1, "motivation": 3, "mental_room": 1, "anger": 0, "learnability": 4}),
        (Profile.AANPAKKER, {"skills": 3, "motivation": 4, "mental_room": 1, "anger": 0, "learnability": 4}),
    ),
    "ahmed": (
        (Profile.AANPAKKER, {"skills": 3, "motivation": 4, "mental_room": 1, "anger": 1, "learnability": 3}),
    ),
    "gerda": (
        (Profile.KWETSBARE, {"skills": 1, "motivation": 1, "mental_room": 4, "anger": 1, "learnability": 2}),
    ),
    "ronald": (
        (Profile.BENADEELDE, {"skills": 3, "motivation": 1, "mental_room": 1, "anger": 4, "learnability": 1}),
    ),
    "kevin": (
        (
            Profile.STRUISVOGEL,
            {"skills": 3, "motivation": 1, "mental_room": 1, "anger": 0, "learnability": 2},
        ),
    ),
}


@dataclass(frozen=True)
class _Scored:
    """An answer set with its scores, ready to become a row."""

    answers: str
    scores: dict[str, int | None]
    suggested: str | None
    candidates: str
    ambiguous: bool


def _scored(q: Questionnaire, answers: Mapping[str, int | None]) -> _Scored:
    result = score(q, answers)

    def stored(value: float | None) -> int | None:
        return None if value is None else round(value * SCORE_SCALE)

    return _Scored(
        answers=json.dumps(dict(sorted(answers.items())), separators=(",", ":")),
        scores={
            "skills": stored(result.skills),
            "motivation": stored(result.motivation),
            "mental_room": stored(result.mental_room_signal),
            "anger": stored(result.anger_signal),
            "learnability": stored(result.learnability),
        },
        suggested=result.suggested.value if result.suggested else None,
        candidates=",".join(c.value for c in result.candidates),
        ambiguous=result.ambiguous,
    )


def _towards(q: Questionnaire, item: Item, strength: int) -> int:
    return q.scale.min + strength if item.direction == 1 else q.scale.max - strength


def _random_answers(q: Questionnaire, rng: random.Random, profile: Profile) -> dict[str, int | None]:
    span = q.scale.max - q.scale.min
    answers: dict[str, int | None] = {}
    for item in q.items:
        if rng.random() < 0.04:
            answers[item.code] = None  # 'weet niet / sla over'
            continue
        level = _LEANINGS[profile][item.axis.value] * span + rng.gauss(0, 1.0)
        answers[item.code] = _towards(q, item, min(max(round(level), 0), span))
    return answers


@functools.cache
def _pool() -> dict[Profile, tuple[_Scored, ...]]:
    """A fixed pool of answer sets per profile whose suggestion is that profile."""
    q = load_questionnaire()
    rng = random.Random(2026)
    pool: dict[Profile, tuple[_Scored, ...]] = {}
    for profile in Profile:
        found: list[_Scored] = []
        for _ in range(_POOL_SIZE * 40):
            candidate = _scored(q, _random_answers(q, rng, profile))
            if candidate.suggested == profile.value:
                found.append(candidate)
                if len(found) == _POOL_SIZE:
                    break
        pool[profile] = tuple(found)
    return pool


def scenario_answers(q: Questionnaire, levels: Mapping[str, int]) -> dict[str, int]:
    """Answers for a scenario client: each axis at ``levels`` (0..4), varied by one step per item
    so the answers look real while each axis keeps its level on average."""
    span = q.scale.max - q.scale.min
    answers: dict[str, int] = {}
    for axis, level in levels.items():
        items = [item for item in q.items if item.axis.value == axis]
        whole = len(items) - len(items) % 3  # offsets 0, +1, -1 per group of three keep the mean
        for index, item in enumerate(items):
            step = (0, 1, -1)[index % 3] if index < whole else 0
            strength = level + step if 0 <= level + step <= span else level
            answers[item.code] = _towards(q, item, strength)
    return answers


def _table(model: type[Any]) -> Table:
    table: Table = model.__table__
    return table


def _stamp(day: date) -> datetime:
    return datetime.combine(day, time(11, 30), tzinfo=UTC)


def _row(
    dossier: DemoDossier, on: date, scored: _Scored, chosen: str, reason: str, version: int
) -> dict[str, Any]:
    moment = _stamp(on)
    return {
        "id": uuid.uuid4(),
        "created_at": moment,
        "updated_at": moment,
        "updated_by": dossier.owner,
        "version": 1,
        "deleted_at": None,
        "dossier_id": dossier.id,
        "assessed_on": on,
        "questionnaire_id": "klantprofiel",
        "questionnaire_version": version,
        "answers": scored.answers,
        **scored.scores,
        "suggested_profile": scored.suggested,
        "candidates": scored.candidates,
        "ambiguous": scored.ambiguous,
        "chosen_profile": chosen,
        "override_reason": reason,
        "decided_by": dossier.owner,
    }


def _intake_date(dossier: DemoDossier) -> date | None:
    return next((on for phase, on in dossier.path if phase == "intake"), None)


def _pick(rng: random.Random) -> Profile:
    roll = rng.random()
    for profile, share in _SHARES:
        roll -= share
        if roll < 0:
            return profile
    return _SHARES[-1][0]


def _random_rows(
    dossier: DemoDossier, rng: random.Random, today: date, intake: date, version: int
) -> list[dict[str, Any]]:
    pool = _pool()
    profile = _pick(rng)
    rows = []
    if rng.random() < 0.08:  # the counsellor saw it differently
        other = rng.choice([p for p in Profile if p is not profile and pool[p]])
        rows.append(
            _row(
                dossier,
                intake,
                rng.choice(pool[other]),
                profile.value,
                rng.choice(_OVERRIDE_REASONS),
                version,
            )
        )
    else:
        rows.append(_row(dossier, intake, rng.choice(pool[profile]), profile.value, "", version))
    last = dossier.path[-1][1] if dossier.path else intake
    end = min(today, last if dossier.phase in ("closed", "dropped_out") else today)
    if (end - intake).days > 75 and rng.random() < 0.3:
        later = rng.choice(_SHIFTS[profile])
        on = intake + timedelta(days=rng.randint(60, (end - intake).days))
        rows.append(_row(dossier, on, rng.choice(pool[later]), later.value, "", version))
    return rows


def demo_assessments(dc: DemoContext) -> None:
    """Insert assessments for the demo dossiers that reached the intake, and one draft."""
    q = load_questionnaire()
    rng = random.Random(dc.rng.random())
    table = _table(ProfileAssessment)
    rows: list[dict[str, Any]] = []
    draft_made = False
    for dossier in dc.dossiers:
        intake = _intake_date(dossier)
        if dossier.scenario in _SCENARIO_LEVELS:
            rows.extend(_scenario_rows(dossier, q, dc.today, intake or dossier.reported_on))
        elif intake is None:
            continue
        elif not draft_made and dossier.phase == "intake" and dossier.owner == "consulent":
            _insert_draft(dc, dossier, q)
            draft_made = True
        else:
            rows.extend(_random_rows(dossier, rng, dc.today, intake, q.version))
        if len(rows) >= _BATCH:
            dc.conn.execute(insert(table), rows)
            rows = []
    if rows:
        dc.conn.execute(insert(table), rows)


def _scenario_rows(dossier: DemoDossier, q: Questionnaire, today: date, intake: date) -> list[dict[str, Any]]:
    stories = _SCENARIO_LEVELS[dossier.scenario]
    rows = []
    for index, (profile, levels) in enumerate(stories):
        # Sanne: first at the intake, again after the budgetcoaching course (a few days ago).
        on = intake if index == 0 else max(intake + timedelta(days=1), today - timedelta(days=3))
        scored = _scored(q, scenario_answers(q, levels))
        rows.append(_row(dossier, on, scored, profile.value, "", q.version))
    return rows


def _insert_draft(dc: DemoContext, dossier: DemoDossier, q: Questionnaire) -> None:
    """An assessment stopped after two screens ('Later verder'), for the demo counsellor."""
    rng = random.Random(7)
    first_two = {theme.code for theme in q.themes[:2]}
    answers = {
        code: value
        for code, value in _random_answers(q, rng, Profile.ONWETENDE).items()
        if q.item(code).theme in first_two
    }
    moment = _stamp(dc.today - timedelta(days=1))
    dc.conn.execute(
        insert(_table(AssessmentDraft)),
        [
            {
                "id": uuid.uuid4(),
                "created_at": moment,
                "updated_at": moment,
                "updated_by": dossier.owner,
                "version": 1,
                "deleted_at": None,
                "dossier_id": dossier.id,
                "user_id": dossier.owner_id,
                "questionnaire_id": q.id,
                "questionnaire_version": q.version,
                "answers": json.dumps(answers, separators=(",", ":")),
                "theme_index": 2,
            }
        ],
    )
