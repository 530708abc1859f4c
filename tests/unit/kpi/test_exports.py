"""XLSX, CSV and PDF of the stuurinformatie: anonymous, suppressed, readable by Dutch Excel."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.documents.report import summary_report, write_summary_report
from app.export.csv import BOM, summary_csv_text, write_summary_csv
from app.export.tables import summary_tables
from app.export.xlsx import summary_workbook, write_summary_xlsx
from app.rules.kpi import Summary, dashboard_summary

from .dataset import ANNA, BOB, CARL, FACTS, Q1, T1, T2, did
from .ddas_data import FAKE_BSN, FAKE_NAME, FAKE_POSTCODE

#: Nothing that identifies a client, a dossier or a counsellor may leave the program.
FORBIDDEN = (
    FAKE_NAME,
    FAKE_BSN,
    FAKE_POSTCODE,
    "Testpersoon",
    *(did(n) for n in range(1, 12)),
    "d0551e00",
    ANNA,
    BOB,
    CARL,
    "5b0c1f3e",
    T1,
    T2,
)


@pytest.fixture(scope="module")
def summary() -> Summary:
    return dashboard_summary(FACTS, Q1)


def _xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _assert_anonymous(text: str) -> None:
    for secret in FORBIDDEN:
        assert secret not in text, secret


def test_tables_hold_no_ids(summary: Summary) -> None:
    text = repr(summary_tables(summary))
    _assert_anonymous(text)
    assert "Consulent 1" in text


def test_xlsx_has_a_sheet_per_theme_and_definitions(summary: Summary) -> None:
    # WHEN
    data = summary_workbook(summary, organisation_name="Gemeente Dijkwaard")
    # THEN
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "Kerncijfers",
        "Trechter",
        "Doorlooptijden",
        "Termijn eerste gesprek",
        "Uitval",
        "Caseload",
        "Profielen",
        "Producten",
        "Definities",
    ]
    counts = {row[0]: row[1] for row in book["Kerncijfers"].iter_rows(values_only=True) if len(row) > 1}
    assert counts["Aanmeldingen"] == 7
    assert counts["Klanten met een no-show"] == "<5"  # 1 → suppressed
    funnel = {row[0]: row[3] for row in book["Trechter"].iter_rows(values_only=True) if len(row) > 3}
    # intake/aanmelding 5/7: both counts ≥ 5, so the share is shown
    assert funnel["Aanmelding → intake"] == pytest.approx(71.4)
    # akkoord/gereed 2/4: both counts 1-4 → "te klein"
    assert funnel["Gereed → akkoord schuldregeling"] == "te klein"
    definitions = [row for row in book["Definities"].iter_rows(values_only=True) if row[0] == "Aanmeldingen"]
    assert definitions and "hulpvraag" in str(definitions[0][1])


def test_xlsx_contains_no_personal_data(summary: Summary, tmp_path: Path) -> None:
    target = tmp_path / "stuurinformatie.xlsx"
    write_summary_xlsx(summary, target, organisation_name="Gemeente Dijkwaard")
    text = _xlsx_text(target.read_bytes())
    _assert_anonymous(text)
    assert "Consulent 1" in text


def test_csv_for_dutch_excel(summary: Summary, tmp_path: Path) -> None:
    # WHEN
    target = tmp_path / "stuurinformatie.csv"
    write_summary_csv(summary, target)
    raw = target.read_bytes()
    # THEN UTF-8 with BOM, ';' separated, CRLF, decimal comma
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == "Periode van;Periode tot;Selectie;Thema;Onderdeel;Kenmerk;Waarde"
    assert "01-01-2026;31-03-2026;Alle dossiers;Kerncijfers;Aanmeldingen;Aantal;7" in lines
    assert "01-01-2026;31-03-2026;Alle dossiers;Trechter;Aanmelding → intake;Percentage;71,4" in lines
    assert "01-01-2026;31-03-2026;Alle dossiers;Kerncijfers;Klanten met een no-show;Aantal;<5" in lines
    assert any(
        line.startswith("01-01-2026;31-03-2026;Alle dossiers;Definities;Aanmeldingen;Definitie;")
        for line in lines
    )
    assert all(line.count(";") >= 6 for line in lines if line and ";" in line)
    _assert_anonymous(text)


def test_csv_text_starts_with_bom(summary: Summary) -> None:
    assert summary_csv_text(summary).startswith(BOM)


def test_caseload_in_files_uses_pseudonyms_and_suppression(summary: Summary) -> None:
    # caseload anna 4, bob 3, carl 1 (sorted by id: anna, bob, carl) → all "<5"; total 8 shown
    text = summary_csv_text(summary)
    assert ";Caseload;Consulent 1;Open dossiers;<5" in text
    assert ";Caseload;Consulent 3;Open dossiers;<5" in text
    assert ";Caseload;Totaal;Open dossiers;8" in text


def test_secondary_suppression_in_a_breakdown() -> None:
    # GIVEN extra open dossiers: anna 4 + 2 = 6, bob 3 + 4 = 7, carl 1; total 14
    make = type(FACTS[4])
    extra = tuple(make(f"extra-a{n}", ANNA, date(2026, 1, 3)) for n in range(2)) + tuple(
        make(f"extra-b{n}", BOB, date(2026, 1, 3)) for n in range(4)
    )
    summary = dashboard_summary(FACTS + extra, Q1)
    # WHEN
    text = summary_csv_text(summary)
    # THEN carl's 1 is "<5" and could be recomputed from the total, so anna's 6 (smallest) hides as "x"
    assert ";Caseload;Consulent 1;Open dossiers;x" in text
    assert ";Caseload;Consulent 2;Open dossiers;7" in text
    assert ";Caseload;Consulent 3;Open dossiers;<5" in text
    assert ";Caseload;Totaal;Open dossiers;14" in text


def test_pdf_report_is_anonymous_and_complete(summary: Summary, tmp_path: Path) -> None:
    # WHEN
    target = tmp_path / "stuurinformatie.pdf"
    write_summary_report(summary, target, organisation_name="Gemeente Dijkwaard", made_on=date(2026, 4, 2))
    data = target.read_bytes()
    # THEN
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    text = _pdf_text(data)
    for expected in (
        "Stuurinformatie schuldhulpverlening",
        "Trechter",
        "Doorlooptijden",
        "Uitval per reden",
        "Definities",
        "<5",
        "71,4 %",
        "Consulent 1",
        "2 april 2026",
    ):
        assert expected in text, expected
    _assert_anonymous(text)
    _assert_anonymous(data.decode("latin-1"))


def test_pdf_report_for_an_empty_period() -> None:
    data = summary_report(dashboard_summary((), Q1))
    text = _pdf_text(data)
    assert "Geen uitval in deze periode." in text
