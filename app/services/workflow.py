"""Move a dossier through its phases and read its timeline.

Source: DOMAIN.md "Phases of a dossier" — every transition is stored with its date, who made
it and why; the lead times and the funnel are computed from these, never typed in.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.clients import CONTACT_CHANNEL_LABELS
from app.domain.dossiers import ContactMoment, Dossier, PhaseTransition
from app.errors import ValidationError
from app.rules.phases import CLOSING_REASON_LABELS, PHASE_LABELS, ClosingReason, Phase, check_move
from app.services import audit
from app.services.context import ServiceContext, today_local
from app.services.dossier_views import DossierDetail, TimelineEntry
from app.services.dossiers import detail, load_dossier, require_dossier_access


@dataclass(frozen=True)
class TransitionView:
    """One phase change as the timeline and reports show it."""

    id: uuid.UUID
    from_phase: str | None
    to_phase: str
    moved_on: date
    moved_by: str
    reason: str
    closing_reason: str | None


Gate = Callable[[Session, ServiceContext, Dossier, Phase, str | None], None]
"""A check that may refuse a move (raise ValidationError) unless overridden with a logged reason.

Called as ``gate(session, ctx, dossier, target, override_reason)`` inside the move's transaction.
"""

#: Capabilities add gates here (e.g. the voorlegger before *gereed voor schuldregeling*).
GATES: list[Gate] = []

TimelineSource = Callable[[Session, uuid.UUID], list[TimelineEntry]]
"""Returns a dossier's events of one kind (appointments, letters, debts …) for the timeline."""

#: Capabilities add their events to the timeline here; ``TIMELINE_KINDS`` gets their labels.
TIMELINE_SOURCES: list[TimelineSource] = []


def move_phase(
    ctx: ServiceContext,
    dossier_id: uuid.UUID,
    target: str,
    *,
    on: date | None = None,
    reason: str = "",
    closing_reason: str | None = None,
    override_reason: str | None = None,
) -> DossierDetail:
    """Move a dossier to ``target`` on ``on`` (today by default), checked by ``check_move``.

    Every gate in :data:`GATES` runs first; a teamleider may pass ``override_reason`` to pass a
    gate, which the gate logs.
    """
    on = on or today_local()
    try:
        wanted = Phase(target)
    except ValueError as exc:
        raise ValidationError({"phase": "Kies een fase."}) from exc
    with ctx.db.begin() as session:
        record = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, record, write=True)
        current = Phase(record.phase)
        check = check_move(current, wanted, reason, closing_reason)
        if not check.allowed:
            field = (
                "closing_reason"
                if check.needs_closing_reason and not closing_reason
                else ("reason" if check.needs_reason else "phase")
            )
            raise ValidationError({field: check.message})
        if on < record.phase_since:
            raise ValidationError({"on": "De datum ligt vóór de vorige fasewissel."})
        if on > today_local():
            raise ValidationError({"on": "De datum ligt in de toekomst."})
        for gate in GATES:
            gate(session, ctx, record, wanted, override_reason)
        session.add(
            PhaseTransition(
                dossier_id=record.id,
                from_phase=current.value,
                to_phase=wanted.value,
                moved_on=on,
                moved_by=ctx.user.username,
                reason=reason.strip(),
                closing_reason=closing_reason if wanted in {Phase.CLOSED, Phase.DROPPED_OUT} else None,
                updated_by=ctx.user.username,
            )
        )
        record.phase = wanted.value
        record.phase_since = on
        record.updated_by = ctx.user.username
        audit.log(
            session,
            ctx,
            "update",
            "dossier",
            record.id,
            details={
                "phase": [current.value, wanted.value],
                "reason": reason.strip(),
                "closing_reason": closing_reason or "",
            },
        )
        session.flush()
        return detail(session, ctx, record)


def transitions(ctx: ServiceContext, dossier_id: uuid.UUID) -> list[TransitionView]:
    """Return the dossier's phase changes, oldest first."""
    with ctx.db.read() as session:
        record = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, record, write=False)
        rows = session.execute(
            select(PhaseTransition)
            .where(PhaseTransition.dossier_id == dossier_id)
            .order_by(PhaseTransition.moved_on, PhaseTransition.created_at)
        ).scalars()
        return [
            TransitionView(t.id, t.from_phase, t.to_phase, t.moved_on, t.moved_by, t.reason, t.closing_reason)
            for t in rows
        ]


TIMELINE_KINDS: dict[str, str] = {
    "phase": "Fase",
    "contact": "Contact",
}


def timeline(
    ctx: ServiceContext, dossier_id: uuid.UUID, kinds: frozenset[str] | None = None
) -> list[TimelineEntry]:
    """Return every event of the dossier, newest first, optionally only some kinds."""
    entries: list[TimelineEntry] = []
    with ctx.db.read() as session:
        record = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, record, write=False)
        for t in session.execute(
            select(PhaseTransition).where(PhaseTransition.dossier_id == dossier_id)
        ).scalars():
            title = f"Fase: {PHASE_LABELS[Phase(t.to_phase)]}"
            if t.closing_reason:
                title += f" ({CLOSING_REASON_LABELS.get(ClosingReason(t.closing_reason), t.closing_reason)})"
            entries.append(
                TimelineEntry(
                    t.moved_on, t.created_at, "phase", TIMELINE_KINDS["phase"], title, t.reason, t.moved_by
                )
            )
        for c in session.execute(
            select(ContactMoment).where(
                ContactMoment.dossier_id == dossier_id, ContactMoment.deleted_at.is_(None)
            )
        ).scalars():
            entries.append(
                TimelineEntry(
                    c.occurred_on,
                    c.created_at,
                    "contact",
                    TIMELINE_KINDS["contact"],
                    f"Contact ({CONTACT_CHANNEL_LABELS.get(c.channel, c.channel)})",
                    c.summary,
                    c.recorded_by,
                )
            )
        for source in TIMELINE_SOURCES:
            entries.extend(source(session, dossier_id))
    if kinds is not None:
        entries = [e for e in entries if e.kind in kinds]
    return sorted(entries, key=lambda e: (e.on, e.at.isoformat() if e.at else ""), reverse=True)
