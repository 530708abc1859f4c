"""Four eyes on the voorlegger: offer it to a named colleague, who checks items or sends them back.

The counsellor offers the voorlegger to one colleague (never themself); the dossier is shared
with that colleague so it appears in their caseload. Only that colleague marks items
gecontroleerd or sends them back with a reason, and never an item they registered as received
themselves (:func:`app.rules.voorlegger.four_eyes_ok`). The check is complete when nothing is
left in status ontvangen. Every step is in the audit log and in the timeline.

Source: DOMAIN.md "Voorlegger" (gecontroleerd by a second colleague); PRODUCT.md 4b.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.base import utcnow
from app.domain.dossiers import Dossier, DossierShare
from app.domain.users import Role, User
from app.domain.voorlegger import ReviewOutcome, VoorleggerItemRecord, VoorleggerReview
from app.errors import PermissionDenied, ValidationError
from app.rules.voorlegger import ItemStatus, four_eyes_ok
from app.services import audit
from app.services.context import ServiceContext, today_local
from app.services.dossiers import load_dossier, require_dossier_access
from app.services.voorlegger_records import (
    apply_status,
    fields,
    item_view,
    label_for_key,
    open_review,
    records,
    require_version,
    review_view,
)
from app.services.voorlegger_views import Colleague, ItemView, ReviewView

_CHECKER_ROLES = frozenset({Role.COUNSELLOR, Role.TEAM_LEAD})


def checkers(ctx: ServiceContext) -> list[Colleague]:
    """Return the active colleagues (consulenten and teamleiders) who can check, without oneself."""
    with ctx.db.read() as session:
        users = session.execute(
            select(User).where(User.active.is_(True), User.deleted_at.is_(None)).order_by(User.full_name)
        ).scalars()
        return [
            Colleague(u.id, u.full_name) for u in users if u.id != ctx.user.id and u.role_set & _CHECKER_ROLES
        ]


def _received_count(session: Session, dossier_id: uuid.UUID) -> int:
    return int(
        session.execute(
            select(func.count())
            .select_from(VoorleggerItemRecord)
            .where(
                VoorleggerItemRecord.dossier_id == dossier_id,
                VoorleggerItemRecord.deleted_at.is_(None),
                VoorleggerItemRecord.status == ItemStatus.RECEIVED.value,
            )
        ).scalar_one()
    )


def offer_for_check(ctx: ServiceContext, dossier_id: uuid.UUID, checker_user_id: uuid.UUID) -> ReviewView:
    """Offer the voorlegger for the four-eyes check to a named colleague.

    An open offer to another colleague is withdrawn first. The dossier is shared with the checker.

    Source: DOMAIN.md "Voorlegger" (gecontroleerd by a second colleague).
    """
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        checker = session.get(User, checker_user_id)
        if checker is None or not checker.active or not (checker.role_set & _CHECKER_ROLES):
            raise ValidationError({"checker": "Kies een collega (consulent of teamleider)."})
        if checker.id == ctx.user.id:
            raise ValidationError(
                {"checker": "Kies een andere collega: u kunt uw eigen voorlegger niet controleren."}
            )
        if not _received_count(session, dossier.id):
            raise ValidationError(
                {"checker": "Er is nog niets om te controleren. Zet eerst items op 'Ontvangen'."}
            )
        current = open_review(session, dossier.id)
        if current is not None:
            if current.checker_id == checker.id:
                raise ValidationError(
                    {"checker": f"De voorlegger ligt al ter controle bij {checker.full_name}."}
                )
            _close(session, ctx, current, ReviewOutcome.WITHDRAWN)
        review = VoorleggerReview(
            dossier_id=dossier.id,
            offered_by=ctx.user.username,
            checker_id=checker.id,
            offered_at=utcnow(),
            outcome=ReviewOutcome.OPEN,
            updated_by=ctx.user.username,
        )
        session.add(review)
        session.flush()
        _share(session, ctx, dossier, checker)
        audit.log(
            session,
            ctx,
            "offer_for_check",
            "voorlegger_review",
            review.id,
            details={
                "dossier": str(dossier.id),
                "checker": checker.username,
                "to_check": _received_count(session, dossier.id),
            },
        )
        return review_view(session, review)


def withdraw_offer(ctx: ServiceContext, dossier_id: uuid.UUID) -> None:
    """Withdraw the open offer for checking (the counsellor changes their mind)."""
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=True)
        current = open_review(session, dossier.id)
        if current is None:
            raise ValidationError({"review": "De voorlegger ligt niet ter controle."})
        _close(session, ctx, current, ReviewOutcome.WITHDRAWN)


def _share(session: Session, ctx: ServiceContext, dossier: Dossier, checker: User) -> None:
    if checker.id == dossier.owner_id or Role.TEAM_LEAD in checker.role_set:
        return
    shared = session.execute(
        select(func.count()).where(DossierShare.dossier_id == dossier.id, DossierShare.user_id == checker.id)
    ).scalar_one()
    if not shared:
        session.add(DossierShare(dossier_id=dossier.id, user_id=checker.id))
        audit.log(
            session,
            ctx,
            "share",
            "dossier",
            dossier.id,
            details={"with": checker.username, "reason": "controle voorlegger"},
        )


def _close(session: Session, ctx: ServiceContext, review: VoorleggerReview, outcome: str) -> None:
    review.completed_at = utcnow()
    review.outcome = outcome
    review.updated_by = ctx.user.username
    audit.log(
        session,
        ctx,
        "update",
        "voorlegger_review",
        review.id,
        details={"dossier": str(review.dossier_id), "outcome": outcome},
    )


def _checker_review(session: Session, ctx: ServiceContext, dossier: Dossier) -> VoorleggerReview:
    review = open_review(session, dossier.id)
    if review is None or review.checker_id != ctx.user.id:
        raise PermissionDenied(
            "Alleen de collega aan wie de voorlegger ter controle is aangeboden, kan items "
            "controleren of terugsturen."
        )
    return review


def _row(session: Session, dossier: Dossier, key: str, expected_version: int | None) -> VoorleggerItemRecord:
    row = records(session, dossier.id).get(key)
    if row is None:
        raise ValidationError({"item": "Dit item is nog niet ontvangen."})
    require_version(row, expected_version)
    return row


def _finish_if_done(session: Session, ctx: ServiceContext, review: VoorleggerReview) -> None:
    session.flush()
    if not _received_count(session, review.dossier_id):
        _close(session, ctx, review, ReviewOutcome.COMPLETED)


def check_item(
    ctx: ServiceContext, dossier_id: uuid.UUID, key: str, expected_version: int | None = None
) -> ItemView:
    """Mark a received item gecontroleerd (by the named checker, not who registered its receipt).

    Source: DOMAIN.md "Voorlegger"; :func:`app.rules.voorlegger.four_eyes_ok`.
    """
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        review = _checker_review(session, ctx, dossier)
        require_dossier_access(session, ctx, dossier, write=True)
        row = _row(session, dossier, key, expected_version)
        if row.status != ItemStatus.RECEIVED:
            raise ValidationError({"status": "Alleen een ontvangen item kan worden gecontroleerd."})
        if not four_eyes_ok(row.received_by, ctx.user.username):
            raise ValidationError(
                {
                    "status": "U heeft dit item zelf als ontvangen geregistreerd. Een andere "
                    "collega moet het controleren."
                }
            )
        before = fields(row)
        apply_status(row, ItemStatus.CHECKED, today_local(), ctx.user.username)
        row.updated_by = ctx.user.username
        audit.log(
            session,
            ctx,
            "check",
            "voorlegger_item",
            row.id,
            details={
                "dossier": str(dossier.id),
                "item": key,
                "review": str(review.id),
                **audit.changes(before, fields(row)),
            },
        )
        _finish_if_done(session, ctx, review)
        return item_view(session, dossier, key)


def send_back(
    ctx: ServiceContext, dossier_id: uuid.UUID, key: str, reason: str, expected_version: int | None = None
) -> ItemView:
    """Send a received item back to the counsellor with a reason; it is opgevraagd again.

    An item marked n.v.t. can be sent back too (it becomes open again): the checker doubts the reason.

    Source: DOMAIN.md "Voorlegger" (four eyes).
    """
    if not reason.strip():
        raise ValidationError({"reason": "Schrijf op waarom u het item terugstuurt."})
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        review = _checker_review(session, ctx, dossier)
        require_dossier_access(session, ctx, dossier, write=True)
        row = _row(session, dossier, key, expected_version)
        status = ItemStatus(row.status)
        if status not in (ItemStatus.RECEIVED, ItemStatus.NOT_APPLICABLE):
            raise ValidationError({"status": "Alleen een ontvangen of n.v.t. item kan worden teruggestuurd."})
        before = fields(row)
        target = ItemStatus.REQUESTED if status == ItemStatus.RECEIVED else ItemStatus.OPEN
        apply_status(row, target, today_local(), ctx.user.username)
        row.sent_back_reason, row.sent_back_on, row.sent_back_by = (
            reason.strip(),
            today_local(),
            ctx.user.username,
        )
        row.updated_by = ctx.user.username
        audit.log(
            session,
            ctx,
            "send_back",
            "voorlegger_item",
            row.id,
            details={
                "dossier": str(dossier.id),
                "item": key,
                "label": label_for_key(key),
                "review": str(review.id),
                "reason": reason.strip(),
                **audit.changes(before, fields(row)),
            },
        )
        _finish_if_done(session, ctx, review)
        return item_view(session, dossier, key)
