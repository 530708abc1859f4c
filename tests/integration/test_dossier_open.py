"""Opening a dossier: the column-query ``get_dossier`` shows exactly what ``detail()`` of the ORM shows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.services import audit, dossiers, signalen
from app.services.context import today_local
from app.services.dossier_views import MemberForm
from app.services.dossiers import create_dossier, detail, get_dossier, load_dossier
from tests.factories import Team, client_form, dossier_form, make_dossier


def test_get_dossier_equals_the_orm_detail_for_every_kind_of_reader(any_team: Team) -> None:
    # GIVEN a dossier with three household members (one of them removed), shared with a colleague,
    # and a second dossier that is not shared
    team = any_team
    shared = make_dossier(
        team.counsellor,
        household=(
            MemberForm(kind="partner", first_names="Ahmed", surname="Willems", birth_date=date(2001, 3, 2)),
            MemberForm(kind="child", first_names="Noor", surname="Willems"),
            MemberForm(kind="child", first_names="Lina", surname="Willems", birth_date=date(2020, 7, 9)),
        ),
    )
    dossiers.share_dossier(team.counsellor, shared.id, team.colleague.user.id)
    own = make_dossier(team.counsellor, bsn="123456782", surname="Jansen")
    with team.db.begin() as session:
        record = load_dossier(session, shared.id)
        removed = next(m for m in record.client.household if m.first_names == "Ahmed")
        removed.deleted_at = record.created_at
    # WHEN the owner, the colleague and the teamleider open them (the colleague gives a reason for
    # the dossier outside their caseload)
    seen = []
    for ctx, dossier_id in (
        (team.counsellor, shared.id),
        (team.colleague, shared.id),
        (team.lead, shared.id),
        (team.colleague, own.id),
    ):
        opened = get_dossier(ctx, dossier_id, reason="waarneming")
        # THEN each sees what the ORM view of the same dossier holds
        with ctx.db.read() as session:
            assert opened == detail(session, ctx, load_dossier(session, dossier_id))
        seen.append((len(opened.household), opened.own_caseload))
    assert seen == [(2, True), (2, True), (2, False), (0, False)]


def test_the_header_signals_come_with_the_dossier_and_equal_the_badge_service(any_team: Team) -> None:
    # GIVEN a dossier whose first conversation is overdue (melding six weeks ago, nothing since)
    team = any_team
    made = create_dossier(
        team.counsellor, client_form(), dossier_form(reported_on=today_local() - timedelta(days=42))
    )
    # WHEN it is opened
    opened = get_dossier(team.counsellor, made.id)
    # THEN the header holds the same signals the badge service computes on its own
    expected = signalen.dossier_signals(team.counsellor, made.id)
    assert expected and opened.header["signals"] == expected
    assert {s.kind for s in expected} >= {"first_conversation"}


def test_the_view_line_commit_leaves_full_sync_for_every_later_write(team: Team) -> None:
    # GIVEN a dossier WHEN it is opened (its view line is committed without waiting for the disk)
    made = make_dossier(team.counsellor)
    get_dossier(team.counsellor, made.id)
    # THEN the view line is in the audit log
    entries = audit.list_entries(team.lead, action="view", object_id=str(made.id))
    assert len(entries) == 1
    # AND the pooled connection it used (LIFO: the next one handed out) syncs fully again
    with team.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2  # FULL
    # AND an ordinary write transaction is not relaxed
    with team.db.begin() as session:
        assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar_one() == 2


def test_a_failing_header_fact_is_left_out_and_the_dossier_still_opens(
    team: Team, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # GIVEN a header fact with a bug next to the Signalen one
    def broken(_session: object, _detail: object, _today: object) -> object:
        raise RuntimeError("kapot")

    monkeypatch.setitem(dossiers.HEADER_FACTS, "broken", broken)
    made = make_dossier(team.counsellor)
    # WHEN the dossier is opened
    opened = get_dossier(team.counsellor, made.id)
    # THEN it opens with the other facts, the view line is written, and the bug is logged
    assert "broken" not in opened.header and "signals" in opened.header
    assert len(audit.list_entries(team.lead, action="view", object_id=str(made.id))) == 1
    assert any("header fact broken failed" in r.getMessage() for r in caplog.records)
