"""Normen on a real encrypted database: entered periods, validation, audit, exchange, signals, CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.errors import PermissionDenied, ValidationError
from app.services import audit, budgets, norms, signalen
from app.services.budget_views import BudgetLineForm, BudgetPlanView
from app.services.norms import PeriodForm, WarningsToConfirm
from tests.factories import PASSWORD, Team, make_dossier

JAN_2026 = {"single": 139000, "couple": 198600, "single_aow": 155400, "couple_aow": 212700}
SOURCE = "Stcrt. 2025, 40123 (normbedragen Participatiewet per 1 januari 2026)"


def _form(amounts: dict[str, int] | None = None, **kw: object) -> PeriodForm:
    base: dict[str, object] = {
        "table_key": "bijstandsnormen",
        "valid_from": date(2026, 1, 1),
        "valid_until": date(2026, 6, 30),
        "amounts": amounts or JAN_2026,
        "source": SOURCE,
    }
    base.update(kw)
    return PeriodForm(**base)  # type: ignore[arg-type]


def _plan_on(team: Team, on: date) -> tuple[str, BudgetPlanView]:
    """A single client (Sanne) with a wage of 2.000,00 and no toeslagen, on a version of ``on``."""
    ctx = team.counsellor
    dossier = make_dossier(ctx)
    plan = budgets.create_plan(ctx, dossier.id, on)
    plan = budgets.add_line(ctx, plan.id, BudgetLineForm("income", "wages", 200000))
    return dossier.number, plan


def test_a_period_entered_changes_the_indication(any_team: Team) -> None:
    # GIVEN a budget version on 1 March 2026: no shipped norm covers it
    _number, plan = _plan_on(any_team, date(2026, 3, 1))
    g = plan.assessment.garnishment
    assert g.indication_cents is None
    assert "de periode vanaf 1 januari 2026" in g.no_norm_message
    assert "pagina Normen" in g.no_norm_message
    # WHEN the beheerder enters the norms of 1 January 2026 and the maxima of 2026
    norms.add_period(any_team.admin, _form())
    maxima = {"single": 214000, "single_children": 231700, "couple": 283000, "couple_children": 295100}
    norms.add_period(
        any_team.admin,
        PeriodForm("bvv_maxima", date(2026, 1, 1), date(2026, 12, 31), maxima, "Stcrt. 2025, 40124"),
    )
    # THEN the same plan now has an indication: 95 % × 1.390,00 = 1.320,50
    again = budgets.get_plan(any_team.counsellor, plan.id)
    g = again.assessment.garnishment
    assert g.indication_cents == 132050
    assert g.norm_date == date(2026, 1, 1)
    assert g.no_norm_message is None
    listed = {t.key: t for t in norms.list_tables(any_team.lead, today=date(2026, 3, 1))}
    entered = listed["bijstandsnormen"].periods[0]
    assert (entered.entered_by, entered.source, entered.origin_label) == ("Henk Visser", SOURCE, "Ingevoerd")


def test_validation_messages_next_to_the_field(team: Team) -> None:
    admin = team.admin
    with pytest.raises(ValidationError) as caught:
        norms.add_period(admin, _form(source=" "))
    assert "Staatscourant" in caught.value.errors["source"]
    with pytest.raises(ValidationError) as caught:
        norms.add_period(admin, _form(amounts={"single": 1}))
    assert set(caught.value.errors) >= {"amount:couple", "amount:single_aow", "amount:couple_aow"}
    # overlap with the shipped period of 1 July 2025 (which ends on 31 December 2025)
    with pytest.raises(ValidationError) as caught:
        norms.add_period(admin, _form(valid_from=date(2025, 12, 1), valid_until=date(2026, 6, 30)))
    assert "overlapt met de periode vanaf 1 juli 2025" in caught.value.errors["valid_from"]
    # a gap before an existing later period is refused
    norms.add_period(admin, _form(valid_from=date(2026, 7, 1), valid_until=None), accept_warnings=True)
    with pytest.raises(ValidationError) as caught:
        norms.add_period(admin, _form(valid_until=date(2026, 5, 31)))
    assert "gat tot de periode vanaf 1 juli 2026" in caught.value.errors["valid_until"]
    # an end before the start
    with pytest.raises(ValidationError) as caught:
        norms.add_period(admin, _form(valid_until=date(2025, 12, 31)))
    assert "vóór de begindatum" in caught.value.errors["valid_until"]


def test_a_big_change_is_a_warning_not_a_refusal(team: Team) -> None:
    doubled = {k: v * 2 for k, v in JAN_2026.items()}
    with pytest.raises(WarningsToConfirm) as caught:
        norms.add_period(team.admin, _form(doubled))
    assert any("hoger dan in de periode vanaf 1 juli 2025" in w for w in caught.value.warnings)
    assert norms.effective_tables(team.admin)["bijstandsnormen"].periods[-1].valid_from == date(2025, 7, 1)
    norms.add_period(team.admin, _form(doubled), accept_warnings=True)
    assert norms.effective_tables(team.admin)["bijstandsnormen"].periods[-1].amounts["single"] == 278000


def test_replacing_a_shipped_period_needs_confirmation_and_is_audited(team: Team) -> None:
    corrected = {"single": 136907, "couple": 195580, "single_aow": 153021, "couple_aow": 209498}
    form = _form(corrected, valid_from=date(2025, 7, 1), valid_until=date(2025, 12, 31))
    with pytest.raises(WarningsToConfirm) as caught:
        norms.add_period(team.admin, form)
    assert caught.value.replaces_shipped
    record_id = norms.add_period(team.admin, form, accept_warnings=True)
    table = norms.effective_tables(team.admin)["bijstandsnormen"]
    assert table.period_on(date(2025, 8, 1)).amounts["single"] == 136907
    shipped = [p for p in norms.list_tables(team.admin)[0].periods if p.shadowed]
    assert [p.valid_from for p in shipped] == [date(2025, 7, 1)]  # still shown, marked replaced
    # changing it is audited with old and new values; deleting restores Helder's own period
    period = next(p for p in norms.list_tables(team.admin)[0].periods if p.record_id == record_id)
    norms.update_period(
        team.admin,
        record_id,
        period.record_version or 1,
        _form({**corrected, "single": 136908}, valid_from=date(2025, 7, 1), valid_until=date(2025, 12, 31)),
        accept_warnings=True,
    )
    entries = [e for e in audit.list_entries(team.admin) if e.object_type == "norm_period"]
    assert [e.action for e in entries][:2] == ["update", "create"]
    assert "136907" in entries[0].details and "136908" in entries[0].details
    norms.delete_period(team.admin, record_id)
    table = norms.effective_tables(team.admin)["bijstandsnormen"]
    assert table.period_on(date(2025, 8, 1)).amounts["single"] == 136906


@pytest.mark.parametrize("who", ["counsellor", "lead"])
def test_only_the_beheerder_enters_norms(team: Team, who: str) -> None:
    with pytest.raises(PermissionDenied):
        norms.add_period(getattr(team, who), _form())
    with pytest.raises(PermissionDenied):
        norms.export_data(getattr(team, who))
    assert norms.list_tables(getattr(team, who))  # reading is for everyone


def test_exchange_roundtrip_and_a_bad_file_changes_nothing(team: Team, tmp_path: Path) -> None:
    from tests.factories import make_team

    norms.add_period(team.admin, _form())
    data = norms.export_data(team.admin)
    assert data["tables"][0]["periods"][0]["amounts"] == JAN_2026
    other = make_team(tmp_path / "neighbour")
    result = norms.import_data(other.admin, data)
    assert (result.added, result.skipped) == (1, 0)
    again = norms.import_data(other.admin, data)
    assert (again.added, again.skipped) == (0, 1)  # a file imported twice adds nothing twice
    # a file with a good and a bad period: nothing is stored, the first problem is named
    bad = json.loads(json.dumps(data))
    bad["tables"][0]["periods"].append(
        {"valid_from": "2026-07-01", "valid_until": "2026-06-01", "source": "x", "amounts": JAN_2026}
    )
    bad["tables"][0]["periods"][0]["valid_from"] = "2026-02-01"  # would be new too
    bad["tables"][0]["periods"][0]["valid_until"] = "2026-06-30"
    third = make_team(tmp_path / "third")
    with pytest.raises(ValidationError) as caught:
        norms.import_data(third.admin, bad, accept_warnings=True)
    assert "bijstandsnorm vanaf 1 juli 2026" in caught.value.errors["file"]
    assert norms.export_data(third.admin)["tables"] == []
    # a schema violation names where it is
    with pytest.raises(ValidationError) as caught:
        norms.import_data(third.admin, {"format": "helder-normen", "version": 1, "tables": [{"table": "x"}]})
    assert "tables/0" in caught.value.errors["file"]


def test_missing_norms_signal_from_15_december(team: Team) -> None:
    # GIVEN the beheerder entered every period up to 31 December 2026
    for start, end in ((date(2026, 1, 1), date(2026, 6, 30)), (date(2026, 7, 1), date(2026, 12, 31))):
        norms.add_period(team.admin, _form(valid_from=start, valid_until=end))
    maxima = {"single": 214000, "single_children": 231700, "couple": 283000, "couple_children": 295100}
    norms.add_period(
        team.admin, PeriodForm("bvv_maxima", date(2026, 1, 1), date(2026, 12, 31), maxima, "Stcrt.")
    )
    # THEN nothing is missing on 14 December, and from 15 December the 1 January 2027 periods are
    assert signalen.system_signals(team.lead, date(2026, 12, 14)) == []
    found = signalen.system_signals(team.lead, date(2026, 12, 15))
    assert {s.due_on for s in found} == {date(2027, 1, 1)}
    assert any("bijstandsnorm per 1 januari 2027" in s.text for s in found)
    assert all(s.severity == "soon" and s.ref == "page:norms" for s in found)
    # the beheerder sees them in Signalen without seeing any dossier; a consulent does not
    assert [s.kind for s in signalen.signals(team.admin, today=date(2026, 12, 15))] == ["norms", "norms"]
    assert signalen.system_signals(team.counsellor, date(2026, 12, 15)) == []


def _cli(data_dir: Path, user: str, *args: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("HELDER_USER", user)
    monkeypatch.setenv("HELDER_PASSWORD", PASSWORD)
    return main(["--data-dir", str(data_dir), *args])


def test_cli_norms_and_bvv(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = team.paths.data_dir
    number, _plan = _plan_on(team, date(2025, 9, 1))
    # bvv on a date with norms: 95 % × 1.369,06 = 1.300,61, each component with its article
    code = _cli(
        data_dir,
        "fatima",
        "bvv",
        "--dossier",
        number,
        "--on",
        "2025-09-01",
        "--json",
        monkeypatch=monkeypatch,
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (out["indication_cents"], out["norm_date"]) == (130061, "2025-07-01")
    assert out["components"][0]["article"] == "Rv art. 475da lid 1"
    # no zorgtoeslag line and no dated zorgtoeslagcorrectie: named, not left out silently
    assert len(out["missing"]) == 1 and out["missing"][0].startswith("Zonder zorgtoeslagcorrectie")
    # a date without norms says which period is missing
    _cli(
        data_dir,
        "fatima",
        "bvv",
        "--dossier",
        number,
        "--on",
        "2026-03-01",
        "--json",
        monkeypatch=monkeypatch,
    )
    out = json.loads(capsys.readouterr().out)
    assert out["indication_cents"] is None and "1 januari 2026" in out["missing"][0]
    # norms list --json for a consulent; export/import for the beheerder only
    assert _cli(data_dir, "fatima", "norms", "list", "--json", monkeypatch=monkeypatch) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["table"] == "bijstandsnormen" and listed[0]["missing_from"] == "2026-01-01"
    exchange = tmp_path / "normen.json"
    exchange.write_text(
        json.dumps(
            {
                "format": "helder-normen",
                "version": 1,
                "tables": [
                    {
                        "table": "bijstandsnormen",
                        "periods": [
                            {
                                "valid_from": "2026-01-01",
                                "valid_until": "2026-06-30",
                                "source": SOURCE,
                                "amounts": JAN_2026,
                            }
                        ],
                    }
                ],
            }
        )
    )
    assert _cli(data_dir, "fatima", "norms", "import", str(exchange), monkeypatch=monkeypatch) == 1
    assert _cli(data_dir, "henk", "norms", "import", str(exchange), monkeypatch=monkeypatch) == 0
    assert "1 perioden ingelezen" in capsys.readouterr().out
    out_file = tmp_path / "uit.json"
    assert _cli(data_dir, "henk", "norms", "export", "--out", str(out_file), monkeypatch=monkeypatch) == 0
    assert json.loads(out_file.read_text())["tables"][0]["periods"][0]["source"] == SOURCE
    broken = tmp_path / "kapot.json"
    broken.write_text("{niet json")
    assert _cli(data_dir, "henk", "norms", "import", str(broken), monkeypatch=monkeypatch) == 2
    assert "geen geldig JSON-bestand" in capsys.readouterr().err
