"""Creditors and debts on a real encrypted database: totals, start total, stale, CJIB, rights, PDF."""

from __future__ import annotations

import io
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.config import LocalConfig, Paths
from app.domain.audit import AuditEntry
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.rules.debts import add_months
from app.services import creditors, debts, workflow
from app.services.context import ServiceContext, today_local
from app.services.debt_views import CreditorForm, DebtForm
from app.services.demo import generate_demo
from app.services.dossier_views import SearchCriteria
from app.services.dossiers import search_dossiers
from app.services.overview_documents import debt_overview_pdf
from tests.factories import Team, make_dossier


def _creditor(ctx: ServiceContext, name: str, kind: str) -> uuid.UUID:
    return creditors.create_creditor(ctx, CreditorForm(name=name, kind=kind)).id


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_creditor_directory_is_shared_and_validated(any_team: Team) -> None:
    ctx = any_team.counsellor
    # GIVEN a creditor made by one counsellor
    made = creditors.create_creditor(ctx, CreditorForm(name=" CJIB ", kind="cjib", postcode="8901cb"))
    # THEN a colleague finds it, with its DDAS schuldsoort, and the input was tidied
    found = creditors.list_creditors(any_team.colleague, "cj")
    assert [(c.name, c.ddas_kind, c.postcode) for c in found] == [("CJIB", "Publiek", "8901 CB")]
    assert creditors.list_creditors(ctx, kind="energy") == []
    # AND nonsense is refused field by field
    with pytest.raises(ValidationError) as caught:
        creditors.create_creditor(ctx, CreditorForm(name="", kind="bank", kvk_number="12"))
    assert set(caught.value.errors) == {"name", "kind", "kvk_number"}
    # AND a stale version is refused
    creditors.update_creditor(ctx, made.id, made.version, CreditorForm(name="CJIB Leeuwarden", kind="cjib"))
    with pytest.raises(ConflictError):
        creditors.update_creditor(ctx, made.id, made.version, CreditorForm(name="X", kind="cjib"))


def test_beheerder_sees_no_creditors(team: Team) -> None:
    with pytest.raises(PermissionDenied):
        creditors.list_creditors(team.admin)


def test_totals_per_kind_and_at_the_start(any_team: Team) -> None:
    ctx = any_team.counsellor
    dossier = make_dossier(ctx)  # aanmelding 02-11-2026
    phone = _creditor(ctx, "Telefonie Plus", "telecom")
    insurer = _creditor(ctx, "Kustzorg", "health_insurer")
    energy = _creditor(ctx, "Noordstroom", "energy")
    today = today_local()
    # GIVEN three debts; the energy debt arose after the aanmelding
    debts.add_debt(ctx, dossier.id, DebtForm(creditor_id=phone, reported_cents=64000))
    debts.add_debt(
        ctx,
        dossier.id,
        DebtForm(creditor_id=insurer, reported_cents=115000, balance_cents=100000, balance_on=today),
    )
    debts.add_debt(
        ctx, dossier.id, DebtForm(creditor_id=energy, original_cents=30000, origin_on=date(2026, 11, 20))
    )
    # WHEN the overview is read
    overview = debts.debt_overview(ctx, dossier.id)
    # THEN the current amount is the balance when known, else reported, else original
    assert overview.total_cents == 64000 + 100000 + 30000
    # AND the start total holds what was reported at the start, without the later debt
    assert overview.start_on == date(2026, 11, 2)
    assert overview.total_at_start_cents == 64000 + 115000
    # AND totals per creditor kind and per DDAS schuldsoort add up
    assert {k.code: k.cents for k in overview.by_kind} == {
        "health_insurer": 100000,
        "energy": 30000,
        "telecom": 64000,
    }
    assert {k.code: k.cents for k in overview.by_ddas_kind} == {
        "Zorg": 100000,
        "Publiek": 0,
        "Nuts": 30000,
        "Overig": 64000,
    }
    # AND vaste lasten are priority debts by default; the priority debts come first
    assert overview.priority_cents == 130000
    assert [d.creditor_name for d in overview.debts][:2] == ["Kustzorg", "Noordstroom"]


def test_balance_older_than_six_months_is_stale(team: Team) -> None:
    ctx = team.counsellor
    dossier = make_dossier(ctx)
    bank = _creditor(ctx, "Bank Noordkust", "bank_credit")
    today = today_local()
    six_months = add_months(today, -6)
    for day in (six_months, six_months - timedelta(days=1)):
        debts.add_debt(ctx, dossier.id, DebtForm(creditor_id=bank, balance_cents=50000, balance_on=day))
    overview = debts.debt_overview(ctx, dossier.id)
    stale = {d.form.balance_on: d.stale for d in overview.debts}
    assert stale == {six_months: False, six_months - timedelta(days=1): True}
    assert overview.stale_count == 1


def test_cjib_fines_cannot_be_settled(team: Team) -> None:
    ctx = team.counsellor
    dossier = make_dossier(ctx)
    cjib = _creditor(ctx, "CJIB", "cjib")
    town = _creditor(ctx, "Gemeente Dijkwaard", "municipality")
    fine = debts.add_debt(ctx, dossier.id, DebtForm(creditor_id=cjib, reported_cents=41000, is_fine=True))
    costs = debts.add_debt(ctx, dossier.id, DebtForm(creditor_id=cjib, reported_cents=5000))
    town_fine = debts.add_debt(ctx, dossier.id, DebtForm(creditor_id=town, reported_cents=9000, is_fine=True))
    excluded = debts.add_debt(
        ctx, dossier.id, DebtForm(creditor_id=town, reported_cents=1000, excluded_from_settlement=True)
    )
    assert (fine.settleable, costs.settleable, town_fine.settleable, excluded.settleable) == (
        False,
        True,
        True,
        False,
    )
    overview = debts.debt_overview(ctx, dossier.id)
    assert overview.settleable_cents == 14000
    assert overview.not_settleable_cents == 42000


def test_debt_validation_saves_nothing(team: Team) -> None:
    ctx = team.counsellor
    dossier = make_dossier(ctx)
    bank = _creditor(ctx, "Bank", "bank_credit")
    bad = DebtForm(
        creditor_id=bank,
        balance_cents=-5,
        collection_stage="garnishment",
        bailiff_reference="DW-1",
        origin_on=today_local() + timedelta(days=1),
    )
    with pytest.raises(ValidationError) as caught:
        debts.add_debt(ctx, dossier.id, bad)
    assert {"balance_cents", "balance_on", "garnishment_kind", "bailiff_reference", "origin_on"} <= set(
        caught.value.errors
    )
    with pytest.raises(ValidationError) as caught:
        debts.add_debt(ctx, dossier.id, DebtForm(creditor_id=bank))
    assert "bedrag" in caught.value.errors["reported_cents"]
    with pytest.raises(ValidationError) as caught:
        debts.add_debt(ctx, dossier.id, DebtForm(creditor_id=uuid.uuid4(), reported_cents=100))
    assert set(caught.value.errors) == {"creditor_id"}
    assert debts.debt_overview(ctx, dossier.id).debts == ()


def test_update_correspondence_delete_and_rights(team: Team) -> None:
    ctx = team.counsellor
    dossier = make_dossier(ctx)
    phone = _creditor(ctx, "Telefonie Plus", "telecom")
    bailiff = _creditor(ctx, "Vos & Partners", "bailiff")
    debt = debts.add_debt(ctx, dossier.id, DebtForm(creditor_id=phone, reported_cents=38000))
    assert debt.correspondence_colour == "#D9DDE3" and not debt.priority
    # WHEN the deurwaarder takes over and a beslag follows
    changed = debts.update_debt(
        ctx,
        debt.id,
        debt.version,
        DebtForm(
            creditor_id=phone,
            reported_cents=38000,
            bailiff_id=bailiff,
            bailiff_reference="DW/2026/5100",
            collection_stage="garnishment",
            garnishment_kind="wages",
            garnishment_month_cents=12000,
        ),
    )
    assert (changed.bailiff_name, changed.collection_stage_label, changed.garnishment_kind_label) == (
        "Vos & Partners",
        "Beslag",
        "Loonbeslag",
    )
    with pytest.raises(ConflictError):
        debts.update_debt(ctx, debt.id, debt.version, changed.form)
    posted = debts.set_correspondence(ctx, debt.id, "letter_sent")
    assert (posted.correspondence_label, posted.form.correspondence_on) == ("Brief verstuurd", today_local())
    # AND a colleague outside the caseload may not change it; the team lead may read it
    with pytest.raises(PermissionDenied):
        debts.delete_debt(team.colleague, debt.id)
    assert len(debts.debt_overview(team.lead, dossier.id).debts) == 1
    # AND the timeline and the audit log know about it
    assert debts.debt_timeline in workflow.TIMELINE_SOURCES
    with team.db.read() as session:
        titles = [e.title for e in debts.debt_timeline(session, dossier.id)]
    assert titles == ["Schuld vastgelegd: Telefonie Plus"]
    debts.delete_debt(ctx, debt.id)
    assert debts.debt_overview(ctx, dossier.id).debts == ()
    with team.db.read() as session:
        actions = list(
            session.execute(select(AuditEntry.action).where(AuditEntry.object_id == str(debt.id))).scalars()
        )
    assert actions == ["create", "update", "update", "delete"]


def test_creditor_in_use_cannot_be_removed(team: Team) -> None:
    ctx = team.counsellor
    dossier = make_dossier(ctx)
    phone = _creditor(ctx, "Telefonie Plus", "telecom")
    agency = _creditor(ctx, "Incasso Noord", "collection_agency")
    debts.add_debt(
        ctx, dossier.id, DebtForm(creditor_id=phone, collection_agency_id=agency, reported_cents=1)
    )
    with pytest.raises(ValidationError):
        creditors.delete_creditor(ctx, agency)
    counts = {c.name: c.debt_count for c in creditors.list_creditors(ctx, with_counts=True)}
    assert counts == {"Incasso Noord": 1, "Telefonie Plus": 1}


def test_overview_pdf_is_printed_and_logged(team: Team) -> None:
    ctx = team.counsellor
    dossier = make_dossier(ctx)
    cjib = _creditor(ctx, "CJIB", "cjib")
    debts.add_debt(ctx, dossier.id, DebtForm(creditor_id=cjib, reported_cents=41000, is_fine=True))
    data = debt_overview_pdf(ctx, dossier.id)
    text = _pdf_text(data)
    assert data.startswith(b"%PDF")
    assert "Overzicht van uw schulden" in text and "410,00" in text and "apart" in text
    with team.db.read() as session:
        printed = session.execute(
            select(AuditEntry.details).where(
                AuditEntry.action == "print", AuditEntry.object_id == str(dossier.id)
            )
        ).scalar_one()
    assert "debt_overview" in printed


def test_demo_gives_the_five_clients_their_exact_debts(tmp_path: Path) -> None:
    opened = generate_demo(Paths(tmp_path / "demo"), LocalConfig(), dossiers=8)
    ctx = opened.context()
    expected = {"Willems": 387000, "Benali": 1420000, "Mulder": 960000, "Kuipers": 3150000, "Groot": 754000}
    totals = {}
    for surname in expected:
        row = search_dossiers(ctx, SearchCriteria(text=surname))[0]
        overview = debts.debt_overview(ctx, row.id)
        totals[surname] = overview.total_cents
        if surname == "Mulder":
            assert len({d.creditor_name for d in overview.debts}) == 11
        if surname == "Kuipers":
            assert overview.business_cents == 1390000 and overview.stale_count == 1
    assert totals == expected
    opened.db.dispose()
