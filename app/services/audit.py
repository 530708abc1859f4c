"""Write and verify the append-only, hash-chained audit log (BIO2 8.15.01, 8.15.02, 8.15.05).

Entries are written inside the same transaction as the change they describe, so a change and
its log line are saved together or not at all. Each entry's hash covers its own fields and the
previous entry's hash; :func:`verify_chain` recomputes the chain and names the first bad entry.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from app.db.base import utcnow
from app.db.engine import Database
from app.domain.audit import AuditEntry
from app.services.context import ServiceContext

GENESIS = "0" * 64

#: Field names whose values never go into the log (BIO2 8.15.02).
SECRET_FIELDS = frozenset({"password", "password_hash", "data_key", "key", "wrapped"})

#: Dutch labels of the logged actions (codes stay English in the log).
ACTION_LABELS: dict[str, str] = {
    "login": "Inloggen",
    "lock": "Scherm vergrendeld",
    "unlock": "Scherm ontgrendeld",
    "view": "Bekeken",
    "create": "Aangemaakt",
    "update": "Gewijzigd",
    "delete": "Verwijderd",
    "print": "Afgedrukt",
    "export": "Geëxporteerd",
    "import": "Geïmporteerd",
    "backup": "Reservekopie",
    "restore": "Teruggezet",
    "reset_password": "Wachtwoord opnieuw ingesteld",
    "change_password": "Eigen wachtwoord gewijzigd",
    "share": "Gedeeld",
    "check": "Keten gecontroleerd",
    "init": "Database aangemaakt",
    "demo": "Demodatabase gemaakt",
}

#: Object types whose details a beheerder without dossier access may read in full; for every
#: other type (dossier content) such a user sees only which fields changed (RULES.md §6).
ADMIN_DETAIL_TYPES = frozenset({"user", "settings", "database", "norm_period"})


def _canonical(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value) if not isinstance(value, int | float | bool | str | type(None)) else value


def _entry_hash(
    prev_hash: str,
    at: datetime,
    actor: str,
    device: str,
    action: str,
    object_type: str,
    object_id: str,
    result: str,
    details: str,
) -> str:
    payload = json.dumps(
        [
            prev_hash,
            at.isoformat(timespec="microseconds"),
            actor,
            device,
            action,
            object_type,
            object_id,
            result,
            details,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    session: Session,
    *,
    actor: str,
    device: str,
    action: str,
    object_type: str,
    object_id: str = "",
    result: str = "ok",
    details: dict[str, Any] | None = None,
) -> None:
    """Append one entry to the log within ``session``'s transaction.

    The caller's pending changes are flushed first (as before: a service may read a bumped
    ``version`` right after logging); the entry itself is one Core ``INSERT`` after reading the
    newest hash through the primary key (``seq`` is SQLite's rowid), without an ORM object.
    """
    clean = {k: ("***" if k in SECRET_FIELDS else _canonical(v)) for k, v in (details or {}).items()}
    details_text = json.dumps(clean, ensure_ascii=False, sort_keys=True) if clean else ""
    session.flush()
    conn = session.connection()  # after the flush: Core statements on the same transaction
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE audit_log IN EXCLUSIVE MODE"))
    else:
        # Take SQLite's write lock before reading the newest hash: when this entry is the
        # transaction's first write, a concurrent writer (a worker, the command line) could
        # otherwise chain onto the same hash. A zero-row UPDATE starts the write transaction.
        conn.execute(_TAKE_WRITE_LOCK)
    last = conn.execute(_LAST_HASH).scalar()
    prev = last or GENESIS
    # Microsecond precision survives a round trip through every engine, so the hash stays checkable.
    at = utcnow()
    digest = _entry_hash(prev, at, actor, device, action, object_type, object_id, result, details_text)
    conn.execute(
        _INSERT,
        {
            "at": at,
            "actor": actor,
            "device": device,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "result": result,
            "details": details_text,
            "prev_hash": prev,
            "hash": digest,
        },
    )


_TABLE = cast(Table, AuditEntry.__table__)
_TAKE_WRITE_LOCK = text("UPDATE settings SET updated_by = updated_by WHERE key = '__audit_lock__'")
_LAST_HASH = select(_TABLE.c.hash).order_by(_TABLE.c.seq.desc()).limit(1)
_INSERT = insert(_TABLE)


def log(
    session: Session,
    ctx: ServiceContext,
    action: str,
    object_type: str,
    object_id: object = "",
    result: str = "ok",
    details: dict[str, Any] | None = None,
) -> None:
    """Append an entry for the context's user and device."""
    record(
        session,
        actor=ctx.user.username,
        device=ctx.device,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        result=result,
        details=details,
    )


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Return ``{field: [old, new]}`` for each field that changed (secrets masked)."""
    out: dict[str, Any] = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old != new:
            out[key] = "***" if key in SECRET_FIELDS else [_canonical(old), _canonical(new)]
    return out


@dataclass(frozen=True)
class ChainReport:
    """Outcome of :func:`verify_chain`."""

    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""


def verify_chain(db: Database) -> ChainReport:
    """Recompute every hash; report the first entry that was edited, removed or inserted."""
    prev = GENESIS
    count = 0
    expected_seq: int | None = None
    with db.read() as session:
        for entry in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
            count += 1
            if expected_seq is not None and entry.seq != expected_seq:
                return ChainReport(False, count, entry.seq, f"regel {expected_seq} ontbreekt")
            if entry.prev_hash != prev:
                return ChainReport(False, count, entry.seq, "de vorige regel is verwijderd of gewijzigd")
            recomputed = _entry_hash(
                prev,
                entry.at,
                entry.actor,
                entry.device,
                entry.action,
                entry.object_type,
                entry.object_id,
                entry.result,
                entry.details,
            )
            if recomputed != entry.hash:
                return ChainReport(False, count, entry.seq, "de inhoud van deze regel is gewijzigd")
            prev = entry.hash
            expected_seq = entry.seq + 1
    return ChainReport(True, count)


@dataclass(frozen=True)
class AuditRow:
    """One log line for the viewer."""

    seq: int
    at: datetime
    actor: str
    device: str
    action: str
    object_type: str
    object_id: str
    result: str
    details: str


def list_entries(
    ctx: ServiceContext,
    *,
    actor: str = "",
    action: str = "",
    object_id: str = "",
    since: datetime | None = None,
    limit: int = 500,
) -> list[AuditRow]:
    """Return the newest log lines matching the filters (beheerder and teamleider only)."""
    from app.domain.users import Role

    ctx.user.require(Role.ADMIN, Role.TEAM_LEAD)
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    if action:
        query = query.where(AuditEntry.action == action)
    if object_id:
        query = query.where(AuditEntry.object_id == object_id)
    if since:
        query = query.where(AuditEntry.at >= since)
    full = ctx.user.sees_dossiers
    with ctx.db.read() as session:
        return [
            AuditRow(
                e.seq,
                e.at,
                e.actor,
                e.device,
                e.action,
                e.object_type,
                e.object_id,
                e.result,
                e.details if full or e.object_type in ADMIN_DETAIL_TYPES else _field_names(e.details),
            )
            for e in session.execute(query).scalars()
        ]


def _field_names(details: str) -> str:
    """Return only the names of the fields in ``details`` (no values: they may be dossier content)."""
    if not details:
        return ""
    try:
        parsed = json.loads(details)
    except ValueError:
        return "(verborgen)"
    if not isinstance(parsed, dict):
        return "(verborgen)"
    return "velden: " + ", ".join(sorted(parsed)) if parsed else ""


def check_chain(ctx: ServiceContext) -> ChainReport:
    """Verify the whole chain for the viewer (beheerder and teamleider) and log that it was checked."""
    from app.domain.users import Role

    ctx.user.require(Role.ADMIN, Role.TEAM_LEAD)
    report = verify_chain(ctx.db)
    with ctx.db.begin() as session:
        log(
            session,
            ctx,
            "check",
            "audit_log",
            "",
            "ok" if report.ok else "failed",
            details={"entries": report.entries, "first_bad": report.first_bad_seq},
        )
    return report
