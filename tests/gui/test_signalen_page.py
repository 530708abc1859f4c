"""The Signalen page: the list changes after an action, the badge follows, me versus team."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services import referrals
from app.services.context import today_local
from app.services.referrals import PartnerForm, ReferralForm
from tests.factories import VALID_BSNS, Team, make_dossier
from ui.dialogs.referral import FeedbackDialog
from ui.registry import PAGES
from ui.views.signalen_page import COL_KIND, COL_URGENCY, SignalenPage
from ui.workspace import Workspace


class BadgeWindow(QMainWindow):
    """Stands in for the main window: records ``set_badge`` calls."""

    def __init__(self) -> None:
        super().__init__()
        self.badges: list[tuple[str, int]] = []

    def set_badge(self, page_key: str, count: int) -> None:
        self.badges.append((page_key, count))


def _open(qtbot: QtBot, workspace: Workspace) -> tuple[SignalenPage, BadgeWindow]:
    window = BadgeWindow()
    qtbot.addWidget(window)
    page = SignalenPage(workspace)  # its first load arrives through the event loop
    window.setCentralWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        pass
    return page, window


def _late_referral(team: Team) -> referrals.ReferralView:
    dossier = make_dossier(team.counsellor)
    partner = referrals.save_partner(team.counsellor, PartnerForm("GGZ Kustland", "mental_health"))
    today = today_local()
    return referrals.create_referral(
        team.counsellor,
        dossier.id,
        ReferralForm(
            partner.id,
            today - timedelta(days=30),
            "Somberheid",
            True,
            today - timedelta(days=25),
            today - timedelta(days=9),
        ),
    )


def test_the_page_is_registered() -> None:
    assert any(p.key == "signalen" and p.factory.endswith("SignalenPage") for p in PAGES)


def test_the_list_changes_after_feedback_is_recorded(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    # GIVEN a referral whose follow-up date passed nine days ago without feedback
    referral = _late_referral(team)
    workspace = Workspace(team.opened(team.counsellor))
    page, window = _open(qtbot, workspace)
    kinds = [page.model.index(r, COL_KIND).data() for r in range(page.model.rowCount())]
    assert "Terugkoppeling doorverwijzing" in kinds
    row = kinds.index("Terugkoppeling doorverwijzing")
    assert page.model.index(row, COL_URGENCY).data() == "Te laat (9 dagen)"
    assert window.badges[-1] == ("signalen", len(page.rows))
    before = len(page.rows)
    qtmodeltester.check(page.model)

    # WHEN the counsellor records the partner's feedback
    def fake_exec(dialog: FeedbackDialog) -> int:
        dialog.feedback.setPlainText("Intake bij GGZ gehad")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(FeedbackDialog, "exec", fake_exec)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        FeedbackDialog(workspace, referral, page).exec()
    # THEN the line is gone and the badge counts one less
    assert "Terugkoppeling doorverwijzing" not in [s.kind_label for s in page.rows]
    assert len(page.rows) == before - 1
    assert window.badges[-1] == ("signalen", before - 1)


def test_double_click_opens_the_dossier(qtbot: QtBot, team: Team) -> None:
    referral = _late_referral(team)
    workspace = Workspace(team.opened(team.counsellor))
    page, _window = _open(qtbot, workspace)
    index = page.model.index(0, COL_KIND)
    with qtbot.waitSignal(workspace.signals.open_dossier) as opened:
        page.table.doubleClicked.emit(index)
    assert opened.args == [referral.dossier_id]


def test_team_only_for_the_teamleider(qtbot: QtBot, team: Team) -> None:
    make_dossier(team.counsellor)
    make_dossier(team.colleague, bsn=VALID_BSNS[1])
    mine, _w = _open(qtbot, Workspace(team.opened(team.counsellor)))
    assert (mine.scope, mine.team_button.isVisibleTo(mine)) == ("me", False)
    lead, _w2 = _open(qtbot, Workspace(team.opened(team.lead)))
    assert (lead.scope, lead.team_button.isVisibleTo(lead)) == ("team", True)
    assert lead.model.columnCount() == 7  # with the counsellor column
    with qtbot.waitSignal(lead.loaded, timeout=10_000):
        lead.set_scope("me")
    assert [s for s in lead.rows if s.dossier_id is not None] == [] and lead.model.columnCount() == 6
    # the municipality's own signals stay: the norms of 1 January 2026 are not shipped
    assert {s.kind for s in lead.rows} <= {"norms"}


def test_filter_by_kind(qtbot: QtBot, team: Team) -> None:
    _late_referral(team)
    page, _window = _open(qtbot, Workspace(team.opened(team.counsellor)))
    page.kind.setCurrentIndex(page.kind.findData("no_contact"))
    assert all(s.kind == "no_contact" for s in page.rows)
    page.kind.setCurrentIndex(page.kind.findData("referral"))
    assert [s.kind for s in page.rows] == ["referral"]
