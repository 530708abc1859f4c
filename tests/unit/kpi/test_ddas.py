"""DDAS v1.0 delivery: built from plain dataclasses and valid against the shipped schema."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from app.export.ddas import (
    DdasError,
    build_ddas_document,
    cents_to_whole_euros,
    ddas_json,
    phase_span,
    validate_ddas,
    write_ddas,
)
from app.export.ddas_model import DdasClient, DdasDebt, DdasDossier, DdasExit, DdasPeriod
from app.resources import resource_path
from app.rules.kpi import Period, Transition
from app.rules.phases import Phase

from .ddas_data import ENDED_BEFORE, FAKE_BSN, FULL, NO_BSN, OPEN, ORGANISATION

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))
AT = datetime(2026, 7, 1, 9, 30, tzinfo=UTC)


def _trajects(doc: dict[str, Any]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = doc["leveringen"][0]["schuldhulptrajecten"]
    return result


def test_schema_is_shipped_with_the_app() -> None:
    schema = json.loads(
        resource_path("standards", "ddas", "v1.0", "json_schema_Uitwisselmodel.json").read_text()
    )
    assert schema["title"] == "Uitwisselmodel"


def test_empty_period_is_a_valid_delivery_without_trajects() -> None:
    # WHEN
    doc = build_ddas_document(ORGANISATION, [], YEAR, AT)
    # THEN
    validate_ddas(doc)
    assert _trajects(doc) == []
    assert doc["aanleverdatumEnTijd"] == "2026-07-01T09:30:00Z"
    assert doc["codeGegevensleverancier"].startswith("Helder ")
    assert doc["leveringen"][0]["aanleverende_organisatie"]["postcode"] == "1234AB"


def test_dossier_with_every_optional_part() -> None:
    # WHEN
    doc = build_ddas_document(ORGANISATION, [FULL], YEAR, AT)
    # THEN it validates, and every part of a traject in the schema is filled (omschrijving apart)
    validate_ddas(doc)
    (traject,) = _trajects(doc)
    schema = json.loads(
        resource_path("standards", "ddas", "v1.0", "json_schema_Uitwisselmodel.json").read_text()
    )
    traject_keys = set(
        schema["properties"]["leveringen"]["items"]["properties"]["schuldhulptrajecten"]["items"][
            "properties"
        ]
    )
    assert traject_keys - set(traject) == {"omschrijving"}
    # the mapping choices
    assert traject["startdatum"] == "2026-01-05"
    assert traject["einddatum"] == traject["uitstroom"]["datum"] == "2026-06-30"
    assert traject["toekenningsdatum"] == traject["schuldregeling"]["toegekend"]
    assert traject["totaalSchuldbedragBijAanvangSchuld"] == 1791  # 179099 cents, rounded once
    assert [d["bedrag"] for d in traject["schulden"]] == [1151, 640, 0]
    assert [d["schuldsoort"] for d in traject["schulden"]] == ["Zorg", "Nuts", "Overig"]
    assert traject["schulden"][2]["schuldeiser"] == {"privepersoon": True}
    assert traject["schulden"][0]["schuldeiser"]["naam"] == traject["schulden"][0]["schuldeiser"]["Naam"]
    assert traject["oplossing"] == {"soort": "Schuldbemiddeling", "startdatum": "2026-06-01", "vtlb": 1345}
    assert traject["intake"]["einddatum"] == traject["intake"]["beschikkingsdatum"]
    assert traject["intake"]["beschikkingssoort"] == "Toelatingsbeschikking"
    assert traject["uitstroom"]["reden"] == "Afgerond"
    assert traject["schuldregeling"]["dwangakkoord"] is True
    assert [b["soort"] for b in traject["begeleiding"]] == [
        "Budgetbeheer",
        "Budgetcoaching",
        "Lange Termijn Begeleiding (DFD)",
    ]
    assert traject["client"] == [{"Burgerservicenummer": FAKE_BSN}, {"Burgerservicenummer": "111222333"}]


def test_several_dossiers_and_the_period_filter() -> None:
    # WHEN
    doc = build_ddas_document(ORGANISATION, [FULL, NO_BSN, OPEN, ENDED_BEFORE], YEAR, AT)
    # THEN ENDED_BEFORE (uitstroom 2025-06-30) is left out
    validate_ddas(doc)
    trajects = _trajects(doc)
    assert [t["startdatum"] for t in trajects] == ["2026-01-05", "2026-02-01", "2026-03-10"]
    # without BSN: the BRP fallback identifiers, postcode without space
    assert trajects[1]["client"] == [
        {
            "Geboortedatum": "1990-04-01",
            "Geslachtsaanduiding": "Vrouw",
            "Postcode": "9999ZZ",
            "Huisnummer": "12",
            "Huisnummertoevoeging": "A",
        }
    ]
    assert trajects[1]["uitstroom"]["reden"] == "Nietverschenen"
    # no value is ever null; the open dossier has no einddatum at all
    assert "null" not in ddas_json(doc)
    assert "einddatum" not in trajects[2]
    assert trajects[2]["gemeentecode"] == "GM9999"


def test_municipality_code_falls_back_to_onbekend() -> None:
    organisation = type(ORGANISATION)(name="Kredietbank Regio")
    doc = build_ddas_document(organisation, [OPEN], YEAR, AT)
    assert _trajects(doc)[0]["gemeentecode"] == "Onbekend"
    assert "gemeentecode" not in doc["leveringen"][0]["aanleverende_organisatie"]


def test_delivery_time_is_written_in_utc() -> None:
    summer = timezone(timedelta(hours=2))
    doc = build_ddas_document(ORGANISATION, [], YEAR, datetime(2026, 7, 1, 11, 30, tzinfo=summer))
    assert doc["aanleverdatumEnTijd"] == "2026-07-01T09:30:00Z"


def test_naive_delivery_time_is_refused() -> None:
    with pytest.raises(DdasError) as caught:
        build_ddas_document(ORGANISATION, [], YEAR, datetime(2026, 7, 1, 9, 30))
    assert caught.value.path == ("aanleverdatumEnTijd",)


@pytest.mark.parametrize(
    ("cents", "euros"),
    [(0, 0), (49, 0), (50, 1), (99, 1), (1249, 12), (1250, 13), (134545, 1345), (-1250, -13), (-1249, -12)],
)
def test_cents_to_whole_euros(cents: int, euros: int) -> None:
    assert cents_to_whole_euros(cents) == euros


def test_cents_must_be_integers() -> None:
    with pytest.raises(TypeError):
        cents_to_whole_euros(12.5)  # type: ignore[arg-type]


def test_invalid_bsn_names_the_path_but_not_the_number() -> None:
    dossier = DdasDossier(date(2026, 2, 1), clients=(DdasClient(bsn="123456789"),))
    with pytest.raises(DdasError) as caught:
        build_ddas_document(ORGANISATION, [OPEN, dossier], YEAR, AT)
    assert caught.value.path == (
        "leveringen",
        0,
        "schuldhulptrajecten",
        1,
        "client",
        0,
        "Burgerservicenummer",
    )
    assert "123456789" not in str(caught.value)
    assert str(caught.value).startswith(
        "leveringen[0].schuldhulptrajecten[1].client[0].Burgerservicenummer: "
    )


@pytest.mark.parametrize(
    ("dossier", "tail"),
    [
        (DdasDossier(date(2026, 2, 1), clients=()), ("client",)),
        (
            DdasDossier(
                date(2026, 2, 1),
                clients=(DdasClient(bsn=FAKE_BSN),),
                exit=DdasExit(date(2026, 3, 1), "bored"),
            ),
            ("uitstroom", "reden"),
        ),
        (
            DdasDossier(
                date(2026, 2, 1), clients=(DdasClient(bsn=FAKE_BSN),), debts=(DdasDebt(100, "aliens"),)
            ),
            ("schulden", 0, "schuldsoort"),
        ),
        (
            DdasDossier(
                date(2026, 2, 1),
                clients=(DdasClient(bsn=FAKE_BSN),),
                stabilisation=DdasPeriod(date(2026, 3, 1), date(2026, 2, 1)),
            ),
            ("stabilisatie",),
        ),
        (DdasDossier(date(2026, 2, 1), clients=(DdasClient(),)), ("client", 0)),
    ],
)
def test_unmappable_input_raises_with_path(dossier: DdasDossier, tail: tuple[str | int, ...]) -> None:
    with pytest.raises(DdasError) as caught:
        build_ddas_document(ORGANISATION, [dossier], YEAR, AT)
    assert caught.value.path == ("leveringen", 0, "schuldhulptrajecten", 0, *tail)


def _valid() -> dict[str, Any]:
    return build_ddas_document(ORGANISATION, [FULL, NO_BSN], YEAR, AT)


def test_validate_reports_the_first_wrong_enum_value() -> None:
    # GIVEN the value used in the standard's own example, which its schema does not allow
    doc = copy.deepcopy(_valid())
    _trajects(doc)[1]["intake"] = {"beschikkingssoort": "Toewijzingsbeschikking"}
    _trajects(doc)[0]["uitstroom"]["reden"] = "Zelfstandig verder"
    # WHEN / THEN the error in traject 0 comes first
    with pytest.raises(DdasError) as caught:
        validate_ddas(doc)
    assert caught.value.path == ("leveringen", 0, "schuldhulptrajecten", 0, "uitstroom", "reden")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (
            lambda d: _trajects(d)[0].update(einddatum=None),
            ("leveringen", 0, "schuldhulptrajecten", 0, "einddatum"),
        ),
        (lambda d: _trajects(d)[0].pop("gemeentecode"), ("leveringen", 0, "schuldhulptrajecten", 0)),
        (lambda d: d.update(aanleverdatumEnTijd="2026-07-01"), ("aanleverdatumEnTijd",)),
        (
            lambda d: _trajects(d)[0].update(startdatum="05-01-2026"),
            ("leveringen", 0, "schuldhulptrajecten", 0, "startdatum"),
        ),
        (
            lambda d: _trajects(d)[0]["schulden"][0].update(bedrag=1150.5),
            ("leveringen", 0, "schuldhulptrajecten", 0, "schulden", 0, "bedrag"),
        ),
        (lambda d: d.update(extra=1), ()),
    ],
)
def test_validate_reports_path(change: Any, path: tuple[str | int, ...]) -> None:
    doc = copy.deepcopy(_valid())
    change(doc)
    with pytest.raises(DdasError) as caught:
        validate_ddas(doc)
    assert caught.value.path == path


def test_phase_span_from_transitions() -> None:
    moves = (
        Transition(date(2026, 1, 10), Phase.STABILISATION.value),
        Transition(date(2026, 2, 1), Phase.READY_FOR_SETTLEMENT.value),
        Transition(date(2026, 2, 15), Phase.STABILISATION.value),
        Transition(date(2026, 3, 1), Phase.READY_FOR_SETTLEMENT.value),
    )
    assert phase_span(moves, Phase.STABILISATION) == DdasPeriod(date(2026, 1, 10), date(2026, 3, 1))
    assert phase_span(moves, Phase.READY_FOR_SETTLEMENT) == DdasPeriod(date(2026, 2, 1), None)
    assert phase_span(moves, Phase.AFTERCARE) is None


def test_write_ddas_round_trips(tmp_path: Any) -> None:
    doc = _valid()
    target = tmp_path / "ddas.json"
    write_ddas(doc, target)
    assert json.loads(target.read_text(encoding="utf-8")) == doc
