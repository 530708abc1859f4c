"""Stuurinformatie through the services: facts from a hand-built database, permissions, exports, DDAS."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from app.cli import main as cli_main
from app.config import LocalConfig, Paths
from app.domain.clients import Client
from app.domain.dossiers import Dossier
from app.domain.letters import Letter
from app.domain.traject import Appointment
from app.errors import KnownError, PermissionDenied
from app.export.ddas import validate_ddas
from app.rules.kpi import Period
from app.services import assessments, audit, referrals, traject
from app.services.auth import Opened, login
from app.services.context import ServiceContext, today_local
from app.services.creditors import create_creditor
from app.services.debt_views import CreditorForm, DebtForm
from app.services.debts import add_debt
from app.services.demo import DEMO_PASSWORD, generate_demo
from app.services.dossier_views import MemberForm
from app.services.dossiers import create_dossier
from app.services.report_facts import FactsScope, appointments_query, load_facts, transitions_query
from app.services.reports import dashboard, dossiers_behind, export_ddas, export_summary, quick_period
from app.services.workflow import move_phase
from tests.factories import Team, client_form, dossier_form

T0 = today_local() - timedelta(days=300)
PERIOD = Period(T0, T0 + timedelta(days=180))


def _day(offset: int) -> date:
    return T0 + timedelta(days=offset)


def _dossier(ctx: ServiceContext, offset: int, bsn: str, **client: object) -> uuid.UUID:
    made = create_dossier(ctx, client_form(bsn=bsn, **client), dossier_form(reported_on=_day(offset)))
    return made.id


def _appointment(team: Team, dossier_id: uuid.UUID, offset: int, status: str) -> None:
    """An intake appointment with its outcome, as the agenda stores it (rows written directly)."""
    with team.db.begin() as session:
        session.add(
            Appointment(
                dossier_id=dossier_id,
                kind="intake",
                day=_day(offset),
                starts_at=time(10, 0),
                place="Stadhuis",
                counsellor_id=team.counsellor.user.id,
                status=status,
                updated_by="test",
            )
        )


@dataclass
class World:
    team: Team
    d1: uuid.UUID  # the whole road: no-show, intake, stabilisation with social work, ready, settlement
    d2: uuid.UUID  # back and forth in stabilisation, then uitval (no-show)
    d3: uuid.UUID  # Joost's: only an aanmelding, first conversation late
    d4: uuid.UUID  # ended before the period: not loaded


@pytest.fixture
def world(any_team: Team) -> World:
    """The hand-built dossiers, on SQLite and on PostgreSQL (the facts read the drivers' raw rows)."""
    team = any_team
    fatima, joost, lead = team.counsellor, team.colleague, team.lead
    partner = referrals.save_partner(lead, referrals.PartnerForm(name="MW Dijkwaard", kind="social_work"))
    # d1
    d1 = _dossier(fatima, 0, "111222333")
    _appointment(team, d1, 10, "no_show")
    _appointment(team, d1, 20, "held")
    move_phase(fatima, d1, "intake", on=_day(22))
    move_phase(fatima, d1, "stabilisation", on=_day(30))
    referrals.create_referral(fatima, d1, referrals.ReferralForm(partner.id, _day(35), "Hulp bij de post"))
    referrals.add_support_product(fatima, d1, "budget_management", _day(30))
    move_phase(lead, d1, "ready_for_settlement", on=_day(100), override_reason="test: voorlegger compleet")
    move_phase(fatima, d1, "settlement", on=_day(120))
    assessments.complete(fatima, d1, {}, "aanpakker", "Eigen inschatting na het gesprek", on=_day(50))
    # d2
    d2 = _dossier(fatima, 5, "123456782")
    move_phase(fatima, d2, "intake", on=_day(15))
    move_phase(fatima, d2, "stabilisation", on=_day(25))
    move_phase(fatima, d2, "intake", on=_day(40), reason="Eerst de post op orde")
    move_phase(fatima, d2, "stabilisation", on=_day(50))
    move_phase(fatima, d2, "dropped_out", on=_day(60), closing_reason="no_show")
    # assessed only after the period: no profile in the period's figures
    assessments.complete(fatima, d2, {}, "kwetsbare", "Na afloop van de periode", on=_day(200))
    # d3
    d3 = _dossier(joost, 10, "999999990")
    # d4: ended before the period began
    d4 = _dossier(joost, -60, "100000009")
    move_phase(joost, d4, "dropped_out", on=_day(-50), closing_reason="moved")
    return World(team, d1, d2, d3, d4)


def test_load_facts_maps_moves_appointments_referrals_and_products(world: World) -> None:
    # WHEN
    with world.team.db.read() as session:
        facts = {f.dossier_id: f for f in load_facts(session, PERIOD, FactsScope())}
    # THEN the dossier that ended before the period is not loaded
    assert set(facts) == {str(world.d1), str(world.d2), str(world.d3)}
    d1, d2, d3 = facts[str(world.d1)], facts[str(world.d2)], facts[str(world.d3)]
    assert d1.intake_held_on == _day(20)  # the held intake appointment, not the later phase move
    assert d1.no_show_dates == (_day(10),)
    assert d1.stabilisation_mode == "social_work"
    assert [p.code for p in d1.products] == ["budget_management"]
    assert d1.profile == "aanpakker" and d2.profile is None  # the counsellor's choice
    assert [t.to_phase for t in d1.transitions] == [
        "application",
        "intake",
        "stabilisation",
        "ready_for_settlement",
        "settlement",
    ]
    assert d1.counsellor == str(world.team.counsellor.user.id)
    # the move to intake counts as the first conversation when none was recorded (as the traject tab)
    assert d2.intake_held_on == _day(15)
    assert d2.stabilisation_mode == "self"
    assert d2.transitions[-1].closing_reason == "no_show"
    assert d3.intake_held_on is None and d3.stabilisation_mode is None
    assert d3.first_conversation_due is not None and d3.first_conversation_due >= _day(38)
    # AND one counsellor's scope holds only their dossiers
    with world.team.db.read() as session:
        mine = load_facts(session, PERIOD, FactsScope(str(world.team.colleague.user.id)))
    assert [f.dossier_id for f in mine] == [str(world.d3)]


@pytest.mark.parametrize(
    ("query", "index"),
    [(transitions_query, "ix_phase_transitions_report"), (appointments_query, "ix_appointments_report")],
)
def test_report_reads_come_from_covering_indexes(team: Team, query: Any, index: str) -> None:
    # GIVEN the two largest reads of a report WHEN SQLite plans them
    with team.db.read() as session:
        conn = session.connection()
        compiled = query().compile(dialect=conn.dialect)
        plan = " ".join(
            str(row[-1])
            for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", tuple(compiled.params.values()))
        )
    # THEN they read the covering index alone, without a sort
    assert f"COVERING INDEX {index}" in plan
    assert "TEMP B-TREE" not in plan


def test_dashboard_counts_match_the_hand_built_dossiers(world: World) -> None:
    # WHEN
    steps: list[int] = []
    summary = dashboard(world.team.lead, PERIOD, progress=lambda p, _t: steps.append(p))
    # THEN
    counts = {m.code: m.value for m in summary.counts}
    assert counts["applications"] == 3
    assert counts["intakes"] == 2
    assert counts["no_shows"] == 1
    assert counts["stabilisation_inflow"] == 2  # d2 went back and forth: counted once
    assert counts["stabilisation_social_work"] == 1
    assert counts["stabilisation_self"] == 1
    assert counts["ready_for_settlement"] == 1
    assert counts["settlement_agreed"] == 1
    assert summary.measure("intakes").dossier_ids == tuple(sorted((str(world.d1), str(world.d2))))
    dropouts = {r.code: r.value for r in summary.dropouts.rows}
    assert dropouts["dropouts:no_show"] == 1
    application_intake = summary.lead_times[0]
    assert (application_intake.count, application_intake.median_days) == (2, 10)
    term = summary.first_conversation_in_term
    assert (term.numerator.value, term.denominator.value) == (2, 3)
    caseload = {r.code.split(":")[1]: r.value for r in summary.caseload.rows}
    assert caseload == {str(world.team.counsellor.user.id): 1, str(world.team.colleague.user.id): 1}
    assert {r.code: r.value for r in summary.products.rows}["products:budget_management"] == 1
    profiles = {r.code: r.value for r in summary.profiles.rows}
    assert (profiles["profiles:aanpakker"], profiles["profiles:unknown"]) == (1, 1)
    assert steps[-1] == 100 and steps == sorted(steps)
    # AND one counsellor's figures
    joost = dashboard(world.team.lead, PERIOD, counsellor_id=world.team.colleague.user.id)
    assert joost.measure("applications").value == 1
    assert joost.scope_label_nl == "Eén consulent"


def test_who_sees_the_dashboard_and_the_dossiers_behind_it(world: World) -> None:
    team = world.team
    # a consulent does not see the dashboard
    with pytest.raises(PermissionDenied):
        dashboard(team.counsellor, PERIOD)
    # a beheerder sees the figures, not the dossiers behind them
    summary = dashboard(team.admin, PERIOD)
    ids = summary.measure("applications").dossier_ids
    with pytest.raises(PermissionDenied, match="beheerder"):
        dossiers_behind(team.admin, ids)
    # a teamleider sees every dossier, a consulent only their own caseload
    assert {r.id for r in dossiers_behind(team.lead, ids)} == {world.d1, world.d2, world.d3}
    assert [r.id for r in dossiers_behind(team.colleague, ids)] == [world.d3]


def test_quick_periods() -> None:
    today = date(2026, 5, 17)
    assert quick_period("this_quarter", today) == Period(date(2026, 4, 1), date(2026, 6, 30))
    assert quick_period("last_quarter", today) == Period(date(2026, 1, 1), date(2026, 3, 31))
    assert quick_period("last_quarter", date(2026, 2, 1)) == Period(date(2025, 10, 1), date(2025, 12, 31))
    assert quick_period("this_year", today) == Period(date(2026, 1, 1), date(2026, 12, 31))
    assert quick_period("two_years", today) == Period(date(2024, 5, 18), today)
    assert quick_period("two_years", date(2028, 2, 29)).start == date(2026, 3, 1)


# --------------------------------------------------------------------------- DDAS, hand-built


def _traject_of(document: dict[str, Any], start: date) -> dict[str, Any]:
    deliveries = document["leveringen"]
    assert isinstance(deliveries, list)
    for traject_ in deliveries[0]["schuldhulptrajecten"]:
        if traject_["startdatum"] == start.isoformat():
            assert isinstance(traject_, dict)
            return traject_
    raise AssertionError(f"no traject starting {start}")


def test_ddas_dossier_with_every_optional_part(team: Team, tmp_path: Path) -> None:
    # GIVEN a married client in gemeenschap van goederen with a threat, an intake and a decision,
    # stabilisation with an agreement and budgetbeheer, debts, a settlement, nazorg and a closing
    fatima, lead = team.counsellor, team.lead
    made = create_dossier(
        fatima,
        client_form(bsn="111222333", marital_status="married", marital_regime="community"),
        dossier_form(reported_on=_day(0)),
        (
            MemberForm(
                kind="partner",
                first_names="Sam",
                surname="Willems",
                birth_date=date(1990, 1, 1),
                bsn="123456782",
            ),
        ),
    )
    dossier = made.id
    traject.save_urgency(
        fatima,
        dossier,
        traject.UrgencyForm(
            threat_kinds=("eviction",),
            threat_reported_on=_day(0),
            first_conversation_on=_day(2),
            decision_sent_on=_day(30),
        ),
    )
    move_phase(fatima, dossier, "intake", on=_day(2))
    move_phase(fatima, dossier, "stabilisation", on=_day(30))
    traject.start_stabilisation(fatima, dossier, _day(31))
    referrals.add_support_product(fatima, dossier, "budget_management", _day(30))
    insurer = create_creditor(
        fatima,
        CreditorForm(
            name="Zorgverzekeraar Z", kind="health_insurer", kvk_number="87654321", postcode="3500 AA"
        ),
    )
    uncle = create_creditor(fatima, CreditorForm(name="Oom Piet", kind="other"))
    add_debt(
        fatima,
        dossier,
        DebtForm(
            creditor_id=insurer.id,
            reported_cents=115_050,
            balance_cents=120_049,
            balance_on=_day(40),
            proposal_on=_day(90),
        ),
    )
    add_debt(fatima, dossier, DebtForm(creditor_id=uncle.id, reported_cents=50_000))
    move_phase(
        lead, dossier, "ready_for_settlement", on=_day(80), override_reason="test: voorlegger compleet"
    )
    move_phase(fatima, dossier, "settlement", on=_day(100))
    move_phase(fatima, dossier, "aftercare", on=_day(140))
    move_phase(fatima, dossier, "closed", on=_day(170), closing_reason="amicable_agreement")
    _final_letter(team, dossier, "beeindiging", _day(171))
    out = tmp_path / "levering.json"
    # WHEN
    result = export_ddas(lead, PERIOD, out)
    # THEN the file validates and carries every part Helder records
    document = json.loads(out.read_text(encoding="utf-8"))
    validate_ddas(document)
    assert result.trajects == 1
    t = _traject_of(document, _day(0))
    assert t["client"] == [{"Burgerservicenummer": "111222333"}, {"Burgerservicenummer": "123456782"}]
    assert t["aanmelding"] == {
        "crisisinterventie": True,
        "einddatum": _day(2).isoformat(),
        "startdatum": _day(0).isoformat(),
    }
    assert t["intake"] == {
        "beschikkingsdatum": _day(30).isoformat(),
        "beschikkingssoort": "Toelatingsbeschikking",
        "einddatum": _day(30).isoformat(),
        "startdatum": _day(2).isoformat(),
    }
    assert t["planVanAanpak"] == {"datumAfronding": _day(30).isoformat()}
    assert t["stabilisatie"] == {"einddatum": _day(80).isoformat(), "startdatum": _day(30).isoformat()}
    assert [b["soort"] for b in t["begeleiding"]] == ["Budgetbeheer"]
    (agreement,) = t["voorlopigeVoorzieningen"]
    assert agreement["startdatum"] == _day(31).isoformat() and "einddatum" in agreement  # ran out, not closed
    debts = t["schulden"]
    assert isinstance(debts, list)
    assert debts[0]["bedrag"] == 1200 and debts[0]["schuldsoort"] == "Zorg"  # € 1.200,49 → 1200
    assert debts[0]["peildatum"] == _day(40).isoformat()
    assert debts[0]["schuldeiser"]["naam"] == "Zorgverzekeraar Z"
    assert debts[1]["schuldeiser"] == {"privepersoon": True}  # a private creditor: no name
    assert t["totaalSchuldbedragBijAanvangSchuld"] == 1651  # (115.050 + 50.000 cents) → € 1.650,50 → 1651
    assert t["schuldregeling"] == {"datum": _day(90).isoformat(), "toegekend": _day(100).isoformat()}
    assert t["toekenningsdatum"] == _day(100).isoformat()
    assert t["nazorg"] == {"einddatum": _day(170).isoformat(), "startdatum": _day(140).isoformat()}
    assert t["uitstroom"]["reden"] == "Afgerond"
    assert t["uitstroom"]["datumBeeindigingsbeschikking"] == _day(171).isoformat()
    assert t["einddatum"] == _day(170).isoformat()
    assert document["leveringen"][0]["aanleverende_organisatie"]["(Statutaire) Naam"] == "Gemeente Dijkwaard"
    # AND the export is in the audit log with the number of trajecten
    lines = audit.list_entries(lead, action="export")
    assert lines[0].object_type == "ddas" and '"trajecten": 1' in lines[0].details


def _final_letter(team: Team, dossier_id: uuid.UUID, kind: str, on: date) -> None:
    """A final decision letter as the letters capability stores it (row written directly)."""
    with team.db.begin() as session:
        session.add(
            Letter(
                dossier_id=dossier_id,
                kind=kind,
                status="final",
                fields="{}",
                letter_date=on,
                template_version=1,
                recipient_name="S. Willems",
                recipient_address="[]",
                counsellor_name="Fatima El Amrani",
                counsellor_role="Schuldhulpverlener",
                created_by="fatima",
                updated_by="fatima",
                pdf=b"%PDF-1.4",
                sha256="0" * 64,
                finalised_by="fatima",
                finalised_at=datetime.combine(on, time(12, 0), tzinfo=UTC),
            )
        )


def test_ddas_refusal_comes_from_the_final_afwijzing(team: Team, tmp_path: Path) -> None:
    # GIVEN an application refused by letter, the dossier then closed
    dossier = _dossier(team.counsellor, 0, "111222333")
    move_phase(team.counsellor, dossier, "intake", on=_day(3))
    _final_letter(team, dossier, "afwijzing", _day(20))
    move_phase(team.counsellor, dossier, "closed", on=_day(21), closing_reason="application_refused")
    out = tmp_path / "levering.json"
    # WHEN
    export_ddas(team.lead, PERIOD, out)
    # THEN the intake ends with an afwijzingsbeschikking on the letter's date
    t = _traject_of(json.loads(out.read_text(encoding="utf-8")), _day(0))
    assert t["intake"]["beschikkingssoort"] == "Afwijzingsbeschikking"
    assert t["intake"]["beschikkingsdatum"] == _day(20).isoformat()
    assert t["uitstroom"]["reden"] == "Niet passend"


def test_ddas_for_a_period_without_trajecten_is_valid(team: Team, tmp_path: Path) -> None:
    _dossier(team.counsellor, 0, "111222333")
    out = tmp_path / "leeg.json"
    result = export_ddas(team.lead, Period(date(2001, 1, 1), date(2001, 12, 31)), out)
    document = json.loads(out.read_text(encoding="utf-8"))
    validate_ddas(document)
    assert result.trajects == 0
    assert document["leveringen"][0]["schuldhulptrajecten"] == []


def test_ddas_names_the_dossier_that_cannot_be_delivered(team: Team, tmp_path: Path) -> None:
    # GIVEN a client whose BSN was damaged outside Helder (it fails the elfproef)
    made = create_dossier(team.counsellor, client_form(bsn="111222333"), dossier_form(reported_on=_day(0)))
    with team.db.begin() as session:
        session.execute(update(Client).values(bsn="123456789"))
    out = tmp_path / "levering.json"
    # WHEN / THEN the export stops with the dossier's number, not the BSN, and writes nothing
    with pytest.raises(KnownError, match=made.number) as raised:
        export_ddas(team.lead, PERIOD, out)
    assert "123456789" not in str(raised.value)
    assert not out.exists()


# --------------------------------------------------------------------------- the demo database


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opened]:
    paths = Paths(tmp_path_factory.mktemp("demo"))
    generate_demo(paths, LocalConfig(), dossiers=150).db.dispose()
    opened = login(paths, LocalConfig(), "teamleider", DEMO_PASSWORD)
    yield opened
    opened.db.dispose()


def _two_years() -> Period:
    return quick_period("two_years", today_local())


def test_ddas_of_the_demo_validates(demo: Opened, tmp_path: Path) -> None:
    out = tmp_path / "demo.json"
    result = export_ddas(demo.context(), _two_years(), out)
    document = json.loads(out.read_text(encoding="utf-8"))
    validate_ddas(document)
    assert result.trajects > 100
    assert len(document["leveringen"][0]["schuldhulptrajecten"]) == result.trajects
    assert document["leveringen"][0]["aanleverende_organisatie"]["gemeentecode"] == "9999"


def _secrets(opened: Opened) -> list[str]:
    with opened.db.read() as session:
        rows = session.execute(
            select(Dossier.number, Client.bsn, Client.first_names, Client.surname).join(
                Client, Client.id == Dossier.client_id
            )
        ).all()
    found = [s for r in rows for s in (r[0], r[1], f"{r[2].split()[0]} {r[3]}")]
    return [*found, "Fatima El Amrani", "Joost de Boer", "Marieke Hoekstra"]


def _text(fmt: str, data: bytes) -> str:
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "pdf"])
def test_summary_files_of_the_demo_hold_no_personal_data(demo: Opened, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"stuurinformatie.{fmt}"
    summary = export_summary(demo.context(), _two_years(), fmt, out)
    text = _text(fmt, out.read_bytes())
    assert "Aanmeldingen" in text and str(summary.measure("applications").value) in text
    leaked = [s for s in _secrets(demo) if s and s in text]
    assert leaked == []
    assert not any(dossier_id in text for dossier_id in summary.measure("applications").dossier_ids)
    line = audit.list_entries(demo.context(), action="export")[0]
    assert line.object_type == "report" and f'"format": "{fmt}"' in line.details


def test_cli_exports_write_files_and_exit_0(
    demo: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HELDER_USER", "teamleider")
    monkeypatch.setenv("HELDER_PASSWORD", DEMO_PASSWORD)
    data_dir = str(demo.paths.data_dir)
    period = _two_years()
    dates = ["--from", period.start.isoformat(), "--to", period.end.strftime("%d-%m-%Y")]
    summary = tmp_path / "q.xlsx"
    ddas = tmp_path / "levering.json"
    assert (
        cli_main(
            ["--data-dir", data_dir, "export", "summary", *dates, "--format", "xlsx", "--out", str(summary)]
        )
        == 0
    )
    assert cli_main(["--data-dir", data_dir, "export", "ddas", *dates, "--out", str(ddas)]) == 0
    assert zipfile.is_zipfile(summary)
    validate_ddas(json.loads(ddas.read_text(encoding="utf-8")))
    out = capsys.readouterr().out
    assert "zonder persoonsgegevens" in out and "bevat BSN's" in out
    # a consulent is refused with one calm line
    monkeypatch.setenv("HELDER_USER", "consulent")
    assert (
        cli_main(["--data-dir", data_dir, "export", "ddas", *dates, "--out", str(tmp_path / "x.json")]) == 1
    )
    assert "Alleen de teamleider maakt de DDAS-levering" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()
