"""The klantprofiel the counsellor chose, as other capabilities read it, and the approach per profile.

Source: DOMAIN.md "Klantprofielen" (004:1517-1545). The klantkaart and letters call
:func:`current_profile` (and must use its ``card_hints``, never the profile's name: the profile is
not a label for the client); the reports call :func:`latest_profiles` for many dossiers at once.
Both read the *chosen* profile of the latest assessment, never the computed suggestion.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.base import raw_column, raw_rows
from app.domain.assessments import ProfileAssessment
from app.rules.klantprofiel import PROFILE_LABELS, Profile, approach_for
from app.rules.phases import SUPPORT_PRODUCT_LABELS, SupportProduct
from app.services.assessment_views import ApproachView, CurrentProfile, ProductView
from app.services.context import ServiceContext
from app.services.dossiers import load_dossier, require_dossier_access

__all__ = ["approach", "current_profile", "latest_profile_keys", "latest_profiles", "profile_label"]

_IN_CHUNK = 900  # stays below SQLite's limit on bound parameters


def approach(profile: str) -> ApproachView:
    """Return kenmerken, aanpak and usual products of ``profile`` with Dutch labels (seed 004)."""
    chosen = Profile(profile)
    found = approach_for(chosen)
    return ApproachView(
        profile=chosen.value,
        label=PROFILE_LABELS[chosen],
        kenmerken=found.kenmerken,
        aanpak=found.aanpak,
        products=tuple(
            ProductView(code, SUPPORT_PRODUCT_LABELS.get(SupportProduct(code), code))
            for code in found.products
        ),
        card_hints=found.card_hints,
    )


def profile_label(code: str | None) -> str:
    """The Dutch label of a profile code (for the counsellor only); empty for ``None``."""
    if code is None:
        return ""
    try:
        return PROFILE_LABELS[Profile(code)]
    except ValueError:
        return code


def _latest_row(session: Session, dossier_id: uuid.UUID) -> ProfileAssessment | None:
    return session.execute(
        select(ProfileAssessment)
        .where(ProfileAssessment.dossier_id == dossier_id, ProfileAssessment.deleted_at.is_(None))
        .order_by(ProfileAssessment.assessed_on.desc(), ProfileAssessment.created_at.desc())
        .limit(1)
    ).scalar_one_or_none()


def current_profile(ctx_or_session: ServiceContext | Session, dossier_id: uuid.UUID) -> CurrentProfile | None:
    """Return the profile the counsellor confirmed most recently, or ``None`` when never assessed.

    With a :class:`ServiceContext` the dossier is loaded and the user's access checked; with an
    open :class:`Session` (inside another service's transaction) the caller has done both.
    The result's ``label`` is for the counsellor only: a letter or klantkaart uses ``card_hints``.
    """
    if isinstance(ctx_or_session, Session):
        return _current(ctx_or_session, dossier_id)
    ctx = ctx_or_session
    with ctx.db.read() as session:
        require_dossier_access(session, ctx, load_dossier(session, dossier_id), write=False)
        return _current(session, dossier_id)


def _current(session: Session, dossier_id: uuid.UUID) -> CurrentProfile | None:
    row = _latest_row(session, dossier_id)
    if row is None:
        return None
    return CurrentProfile(
        dossier_id=dossier_id,
        profile=row.chosen_profile,
        label=profile_label(row.chosen_profile),
        assessed_on=row.assessed_on,
        questionnaire_version=row.questionnaire_version,
        card_hints=approach_for(Profile(row.chosen_profile)).card_hints,
    )


def latest_profiles(
    session: Session, dossier_ids: Iterable[uuid.UUID] | None = None, *, on: date | None = None
) -> dict[uuid.UUID, str]:
    """Return ``{dossier id: chosen profile code}`` of the latest assessment per dossier.

    For reports (profiles in the caseload): one query per 900 ids, or one for all dossiers when
    ``dossier_ids`` is ``None``. With ``on``, only assessments made on or before that day count
    (the profile as it was at the end of a period). Dossiers never assessed are absent. The
    caller checks who may see which dossiers.
    """
    if dossier_ids is None:
        return {uuid.UUID(str(key)): profile for key, profile in latest_profile_keys(session, on).items()}
    ids = list(dict.fromkeys(dossier_ids))
    result: dict[uuid.UUID, str] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        result.update(_latest_profiles(session, ids[start : start + _IN_CHUNK], on))
    return result


def latest_profile_keys(session: Session, on: date | None = None) -> dict[Any, str]:
    """Return ``{dossier key: chosen profile}`` of every dossier's latest assessment, for reports.

    The same choice as :func:`latest_profiles` (latest ``assessed_on``, then latest recorded;
    with ``on`` only assessments made on or before that day), made in one scan of the table:
    for all dossiers that is several times faster than a window query, which sorts every row.
    The keys are the database's own uuid form (see :func:`app.db.base.raw_column`).
    """
    pa = ProfileAssessment
    query = select(
        raw_column(pa.dossier_id), raw_column(pa.assessed_on), raw_column(pa.created_at), pa.chosen_profile
    ).where(pa.deleted_at.is_(None))
    # ``on`` is applied here, not in SQL: a condition on ``assessed_on`` makes SQLite fetch the
    # rows one by one through that column's index instead of scanning the table.
    last_day = on.isoformat() if on is not None else None
    latest: dict[Any, tuple[Any, Any]] = {}
    profile_of: dict[Any, str] = {}
    for key, assessed_on, created_at, profile in raw_rows(session.connection(), query):
        if last_day is not None and str(assessed_on)[:10] > last_day:
            continue
        order = (assessed_on, created_at)
        if key not in latest or order > latest[key]:
            latest[key] = order
            profile_of[key] = profile
    return profile_of


def _latest_profiles(session: Session, ids: list[uuid.UUID], on: date | None) -> dict[uuid.UUID, str]:
    pa = ProfileAssessment
    rank = (
        func.row_number()
        .over(partition_by=pa.dossier_id, order_by=(pa.assessed_on.desc(), pa.created_at.desc()))
        .label("rank")
    )
    if not ids:
        return {}
    inner = select(pa.dossier_id, pa.chosen_profile, rank).where(
        pa.deleted_at.is_(None), pa.dossier_id.in_(ids)
    )
    if on is not None:
        inner = inner.where(pa.assessed_on <= on)
    ranked = inner.subquery()
    rows = session.execute(select(ranked.c.dossier_id, ranked.c.chosen_profile).where(ranked.c.rank == 1))
    return {dossier_id: profile for dossier_id, profile in rows}
