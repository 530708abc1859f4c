"""The voorlegger of a dossier: item statuses, progress, what is missing, and the gate.

Rows are created lazily: reading never writes; the first change to an item (status, note or a
file) creates its row with the checklist version of that moment. An item without a row is
*open*. Keys are ``"<code>"`` or ``"<code>:partner"`` (see :mod:`app.rules.voorlegger`).

Public functions others call:

* :func:`client_sentences_for_open_items` — the klantkaart's "wat neemt u mee";
* :func:`overdue_voorlegger_requests` — items requested too long ago, for Signalen;
* :func:`require_toelating_ready` — the toelating cannot be finalised while items are missing;
* the gate before *gereed voor schuldregeling* is registered in ``workflow.GATES`` on import.

The four-eyes check lives in :mod:`app.services.voorlegger_review`, files in
:mod:`app.services.voorlegger_files`, the shared row helpers in :mod:`app.services.voorlegger_records`.

Source: DOMAIN.md "Voorlegger"; PRODUCT.md 4b.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.dossiers import Dossier
from app.domain.voorlegger import VoorleggerItemRecord
from app.errors import PermissionDenied, ValidationError
from app.rules.phases import ENDED, Phase
from app.rules.voorlegger import (
    ALLOWED_STATUS_MOVES,
    DONE_STATUSES,
    ITEM_STATUS_LABELS,
    STEP_LABELS,
    ItemStatus,
    VoorleggerStep,
    can_move_status,
    default_checklist,
    missing_for,
    parse_status_key,
)
from app.services import audit, workflow
from app.services.context import ServiceContext, today_local
from app.services.dossiers import load_dossier, require_dossier_access
from app.services.voorlegger_records import (
    STALE_SECTION,
    apply_status,
    attachments_of,
    build_item_view,
    fields,
    full_names,
    has_partner,
    item_label,
    item_view,
    label_for_key,
    open_review,
    records,
    request_days,
    require_version,
    review_view,
    row_for_write,
    statuses,
)
from app.services.voorlegger_timeline import voorlegger_timeline
from app.services.voorlegger_views import (
    AttachmentView,
    ItemView,
    MissingView,
    OverdueRequest,
    SectionView,
    VoorleggerOverview,
)

#: Items of an earlier checklist version (or a partner's copy after the partner left) are shown here.
# --------------------------------------------------------------------------- reading


def overview(ctx: ServiceContext, dossier_id: uuid.UUID) -> VoorleggerOverview:
    """Return the dossier's voorlegger: sections with items, statuses, files and progress."""
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        partner = has_partner(dossier)
        rows = records(session, dossier_id)
        files = attachments_of(session, [r.id for r in rows.values()])
        names = full_names(
            session,
            [n for r in rows.values() for n in (r.received_by, r.checked_by, r.sent_back_by)]
            + [f.added_by for fs in files.values() for f in fs],
        )
        today, days = today_local(), request_days(session)

        def files_of(row: VoorleggerItemRecord | None) -> list[AttachmentView]:
            found = files.get(row.id, []) if row else []
            return [
                AttachmentView(
                    f.id, f.filename, f.mime, f.size, f.sha256, f.added_at, names.get(f.added_by, f.added_by)
                )
                for f in found
            ]

        checklist = default_checklist()
        sections: list[SectionView] = []
        shown: set[str] = set()
        for section in checklist.sections:
            items = [
                build_item_view(item, key, rows.get(key), files_of(rows.get(key)), names, today, days)
                for item in section.items
                for key in item.keys(partner)
            ]
            shown.update(i.key for i in items)
            done = sum(1 for i in items if ItemStatus(i.status) in DONE_STATUSES)
            sections.append(SectionView(section.code, section.title, done, len(items), tuple(items)))
        stale = [
            build_item_view(None, key, row, files_of(row), names, today, days)
            for key, row in sorted(rows.items())
            if key not in shown
        ]
        if stale:
            sections.append(SectionView(*STALE_SECTION, 0, 0, tuple(stale)))
        review = open_review(session, dossier_id)
        current = statuses(rows)
        return VoorleggerOverview(
            dossier_id=dossier_id,
            checklist_version=checklist.version,
            has_partner=partner,
            sections=tuple(sections),
            done=sum(s.done for s in sections),
            total=sum(s.total for s in sections),
            to_check=sum(1 for key in shown if current.get(key) == ItemStatus.RECEIVED),
            open_review=review_view(session, review) if review else None,
            is_checker=review is not None and review.checker_id == ctx.user.id,
            missing_counts={
                step.value: len(missing_for(step.value, current, partner)) for step in VoorleggerStep
            },
        )


def missing_items(session: Session, dossier: Dossier, step: str) -> list[MissingView]:
    """Return, in checklist order, what still blocks ``step`` (a ``VoorleggerStep`` code)."""
    rows = records(session, dossier.id)
    titles = {s.code: s.title for s in default_checklist().sections}
    return [
        MissingView(
            m.key,
            item_label(m.item, m.for_partner),
            titles[m.item.section_code],
            ITEM_STATUS_LABELS[ItemStatus(rows[m.key].status) if m.key in rows else ItemStatus.OPEN],
        )
        for m in missing_for(step, statuses(rows), has_partner(dossier))
    ]


def missing(ctx: ServiceContext, dossier_id: uuid.UUID, step: str) -> list[MissingView]:
    """Return exactly which items still block ``step`` ("toelating" or "settlement_ready").

    Source: PRODUCT.md 4b (the voorlegger gates *gereed voor schuldregeling*).
    """
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        try:
            return missing_items(session, dossier, step)
        except ValueError as exc:
            raise ValidationError({"step": str(exc)}) from exc


def client_sentences_for_open_items(
    ctx: ServiceContext, dossier_id: uuid.UUID, limit: int | None = None
) -> list[str]:
    """Return the B1 sentences for the klantkaart's "wat neemt u mee", opgevraagd items first.

    Only items the client still has to bring count (open or opgevraagd; not ontvangen,
    gecontroleerd or n.v.t.). A per-partner item open for both says so in one extra sentence.

    Source: DOMAIN.md "Voorlegger" (a clear list with small steps, told to the client in B1).
    """
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        current = statuses(records(session, dossier_id))
        partner = has_partner(dossier)
    waiting = {ItemStatus.OPEN, ItemStatus.REQUESTED}
    requested: list[str] = []
    other: list[str] = []
    for item in default_checklist().items:
        keys = [k for k in item.keys(partner) if current.get(k, ItemStatus.OPEN) in waiting]
        if not keys:
            continue
        if len(keys) == 2:
            sentence = f"{item.client_text} Dit geldt ook voor uw partner."
        elif parse_status_key(keys[0])[1]:
            sentence = f"Voor uw partner: {item.client_text[0].lower()}{item.client_text[1:]}"
        else:
            sentence = item.client_text
        is_requested = any(current.get(k) == ItemStatus.REQUESTED for k in keys)
        (requested if is_requested else other).append(sentence)
    sentences = requested + other
    return sentences[:limit] if limit is not None else sentences


def overdue_voorlegger_requests(
    session: Session, today: date, dossier_ids: Collection[uuid.UUID] | None = None
) -> list[OverdueRequest]:
    """Return items requested more than ``terms.voorlegger_request_days`` ago, in open dossiers (Signalen).

    Oldest request first. Pass ``dossier_ids`` to limit the answer to a caseload; the caller
    checks who may see which dossier.

    Source: PRODUCT.md 4b; RULES.md terms (the municipality sets the number of days).
    """
    days = request_days(session)
    item = VoorleggerItemRecord
    query = (
        select(item.dossier_id, item.item_key, item.requested_on)
        .join(Dossier, Dossier.id == item.dossier_id)
        .where(
            item.status == ItemStatus.REQUESTED.value,
            item.deleted_at.is_(None),
            item.requested_on < today - timedelta(days=days),
            Dossier.deleted_at.is_(None),
            Dossier.phase.not_in([p.value for p in ENDED]),
        )
        .order_by(item.requested_on, item.item_key)
    )
    if dossier_ids is not None:
        query = query.where(item.dossier_id.in_(list(dossier_ids)))
    return [
        OverdueRequest(
            r.dossier_id, r.item_key, label_for_key(r.item_key), r.requested_on, (today - r.requested_on).days
        )
        for r in session.execute(query)
    ]


# --------------------------------------------------------------------------- writing


def set_status(
    ctx: ServiceContext,
    dossier_id: uuid.UUID,
    key: str,
    status: str,
    *,
    on: date | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> ItemView:
    """Move one item to ``status`` on ``on`` (today by default), following ``ALLOWED_STATUS_MOVES``.

    N.v.t. needs a reason. Gecontroleerd is set only by the named checker through
    :func:`app.services.voorlegger_review.check_item` (four eyes).

    Source: DOMAIN.md "Voorlegger" (opgevraagd → ontvangen → gecontroleerd, or n.v.t. with a reason).
    """
    try:
        target = ItemStatus(status)
    except ValueError as exc:
        raise ValidationError({"status": "Kies een status."}) from exc
    if target == ItemStatus.CHECKED:
        raise ValidationError(
            {
                "status": "Gecontroleerd zet de collega aan wie u de voorlegger ter controle "
                "aanbiedt (vier ogen)."
            }
        )
    on = on or today_local()
    if on > today_local():
        raise ValidationError({"on": "De datum ligt in de toekomst."})
    if target == ItemStatus.NOT_APPLICABLE and not reason.strip():
        raise ValidationError({"reason": "Schrijf op waarom dit item niet van toepassing is."})
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        row = row_for_write(session, ctx, dossier, key)
        require_version(row, expected_version)
        current = ItemStatus(row.status)
        if target == current and target != ItemStatus.NOT_APPLICABLE:
            return item_view(session, dossier, key)
        if target != current and not can_move_status(current, target):
            allowed = ", ".join(
                ITEM_STATUS_LABELS[s] for s in ItemStatus if s in ALLOWED_STATUS_MOVES[current]
            )
            raise ValidationError(
                {"status": f"Van '{ITEM_STATUS_LABELS[current]}' kan een item alleen naar: {allowed}."}
            )
        before = fields(row)
        apply_status(row, target, on, ctx.user.username, reason.strip())
        row.updated_by = ctx.user.username
        audit.log(
            session,
            ctx,
            "update",
            "voorlegger_item",
            row.id,
            details={"dossier": str(dossier.id), "item": key, **audit.changes(before, fields(row))},
        )
        session.flush()
        return item_view(session, dossier, key)


def set_note(
    ctx: ServiceContext, dossier_id: uuid.UUID, key: str, note: str, expected_version: int | None = None
) -> ItemView:
    """Save the counsellor's note on one item."""
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        row = row_for_write(session, ctx, dossier, key)
        require_version(row, expected_version)
        if row.note != note.strip():
            audit.log(
                session,
                ctx,
                "update",
                "voorlegger_item",
                row.id,
                details={"dossier": str(dossier.id), "item": key, "note": [row.note, note.strip()]},
            )
            row.note = note.strip()
            row.updated_by = ctx.user.username
            session.flush()
        return item_view(session, dossier, key)


# --------------------------------------------------------------------------- gates


def _require_step(
    session: Session,
    ctx: ServiceContext,
    dossier: Dossier,
    step: VoorleggerStep,
    override_reason: str | None,
    gate: str,
) -> None:
    missing_now = missing_items(session, dossier, step.value)
    if not missing_now:
        return
    reason = (override_reason or "").strip()
    if reason and ctx.user.is_team_lead:
        audit.log(
            session,
            ctx,
            "override",
            "dossier",
            dossier.id,
            details={
                "gate": gate,
                "step": step.value,
                "reason": reason,
                "missing": ", ".join(m.key for m in missing_now),
            },
        )
        return
    lines = "\n".join(f"• {m.label} ({m.status_label.lower()})" for m in missing_now)
    errors = {
        "voorlegger": f"De voorlegger is nog niet compleet voor '{STEP_LABELS[step]}'. "
        f"Deze {len(missing_now)} items zijn nog niet gecontroleerd of n.v.t.:\n{lines}"
    }
    if reason:
        errors["override_reason"] = "Alleen een teamleider kan deze stap toch zetten, met een reden."
    raise ValidationError(errors)


def settlement_gate(
    session: Session, ctx: ServiceContext, dossier: Dossier, target: Phase, override_reason: str | None
) -> None:
    """Refuse *gereed voor schuldregeling* (or DFD → schuldregeling) while required items are missing.

    A teamleider passes the gate with ``override_reason``, which is written to the audit log.

    Source: PRODUCT.md 4b (the voorlegger gates the step to *gereed voor schuldregeling*).
    """
    skipping = target == Phase.SETTLEMENT and dossier.phase == Phase.LONG_TERM_SERVICE
    if target != Phase.READY_FOR_SETTLEMENT and not skipping:
        return
    _require_step(session, ctx, dossier, VoorleggerStep.SETTLEMENT_READY, override_reason, "voorlegger")


def require_toelating_ready(
    session: Session, ctx: ServiceContext, dossier: Dossier, override_reason: str | None = None
) -> None:
    """Refuse to finalise the toelating while items required for it are neither gecontroleerd nor n.v.t.

    Call inside the transaction that finalises the letter. A teamleider passes with
    ``override_reason`` (logged in the audit log); anyone else gets a :class:`ValidationError`
    listing exactly what is missing under the key ``"voorlegger"``.

    Source: PRODUCT.md 4b; DOMAIN.md "Voorlegger".
    """
    if not ctx.user.sees_dossiers:
        raise PermissionDenied("Als beheerder ziet u geen dossierinhoud.")
    _require_step(session, ctx, dossier, VoorleggerStep.TOELATING, override_reason, "voorlegger_toelating")


# --------------------------------------------------------------------------- registration

workflow.TIMELINE_KINDS.setdefault("voorlegger", "Voorlegger")
if settlement_gate not in workflow.GATES:
    workflow.GATES.append(settlement_gate)
if voorlegger_timeline not in workflow.TIMELINE_SOURCES:
    workflow.TIMELINE_SOURCES.append(voorlegger_timeline)
