"""Municipality-wide settings stored in the database as JSON values."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.domain.dossiers import Setting
from app.domain.users import Role
from app.services import audit
from app.services.context import ServiceContext

#: Defaults for settings the law leaves to the municipality (RULES.md).
DEFAULTS: dict[str, Any] = {
    "municipality.name": "",
    "terms.decision_weeks": 8,
    "terms.no_contact_weeks": 6,
    "terms.referral_followup_days": 21,
    "terms.stabilisation_warning_days": 14,
    "terms.voorlegger_request_days": 14,
    "voorlegger.attachment_max_mb": 10,
    "terms.early_signal_workdays": 5,
    "signals.horizon_days": 7,
    "threats.extra": [],
    "atw.extra_days": [],
    "retention.years": 7,
    "norms.warn_days_before": 17,  # signal missing norms from 15 December / 14 June
    "letterhead.department": "Schuldhulpverlening",
    "letterhead.return_address": "",
    "letterhead.signature_name": "",
    "letterhead.signature_role": "",
    "letterhead.logo": "",
}


def get_value(session: Session, key: str) -> Any:
    """Return a setting's value, or its default."""
    raw = session.execute(select(Setting.value).where(Setting.key == key)).scalar_one_or_none()
    return json.loads(raw) if raw is not None else DEFAULTS.get(key)


def get_values(session: Session, keys: Iterable[str]) -> dict[str, Any]:
    """Return ``{key: value or default}`` for several settings in one query."""
    wanted = sorted(set(keys))
    stored: dict[str, str] = {k: v for k, v in session.execute(_VALUES, {"keys": wanted})}
    return {k: json.loads(stored[k]) if k in stored else DEFAULTS.get(k) for k in wanted}


#: Built once: the term settings are read on every dossier open.
_VALUES = select(Setting.key, Setting.value).where(Setting.key.in_(bindparam("keys", expanding=True)))


def put(session: Session, key: str, value: Any, actor: str) -> None:
    """Set a setting within the caller's transaction."""
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text, updated_by=actor))
    else:
        row.value = text
        row.updated_by = actor


def get(ctx: ServiceContext, key: str) -> Any:
    """Return a setting's value (any logged-in user)."""
    with ctx.db.read() as session:
        return get_value(session, key)


def get_many(ctx: ServiceContext, prefix: str) -> dict[str, Any]:
    """Return every setting whose key starts with ``prefix`` (defaults included)."""
    with ctx.db.read() as session:
        stored = {
            k: json.loads(v)
            for k, v in session.execute(
                select(Setting.key, Setting.value).where(Setting.key.startswith(prefix))
            )
        }
    merged = {k: v for k, v in DEFAULTS.items() if k.startswith(prefix)}
    merged.update(stored)
    return merged


def update(ctx: ServiceContext, values: dict[str, Any]) -> None:
    """Change settings (beheerder), one transaction, audited with old and new values."""
    ctx.user.require(Role.ADMIN)
    with ctx.db.begin() as session:
        before = {k: get_value(session, k) for k in values}
        for key, value in values.items():
            put(session, key, value, ctx.user.username)
        audit.log(
            session,
            ctx,
            "update",
            "settings",
            ",".join(sorted(values)),
            details=audit.changes(before, values),
        )
