"""The measured paths: Helder's own code and the raw baseline for each, on the same database file."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from app.services.auth import Opened
from app.services.context import today_local
from app.services.dossier_views import SearchCriteria

SEARCH_TEXT = "jan"


@dataclass
class Raw:
    """A bare SQLCipher connection to the same file, opened with the same data key."""

    conn: sqlcipher.Connection

    @classmethod
    def open(cls, path: Path, key: bytes) -> Raw:
        conn = sqlcipher.connect(str(path))
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_log_level = NONE")
        return cls(conn)

    def all(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self.conn.execute(sql, params).fetchall()
        return rows


def _uid(value: uuid.UUID) -> str:
    return value.hex


# ----------------------------------------------------------------------------- search


def helder_search(opened: Opened) -> None:
    from app.services.dossiers import count_dossiers, search_dossiers

    ctx = opened.context()
    criteria = SearchCriteria(text=SEARCH_TEXT)
    count_dossiers(ctx, criteria)
    search_dossiers(ctx, criteria, limit=200)


def raw_search(raw: Raw, user_id: uuid.UUID) -> None:
    visible = (
        "d.deleted_at IS NULL AND (d.owner_id = ? OR EXISTS (SELECT 1 FROM dossier_shares s "
        "WHERE s.dossier_id = d.id AND s.user_id = ?))"
    )
    match = "(c.search_key LIKE ? OR lower(d.number) LIKE ?)"
    like = f"%{SEARCH_TEXT}%"
    params = (_uid(user_id), _uid(user_id), like, like)
    raw.all(
        f"SELECT count(*) FROM dossiers d JOIN clients c ON c.id = d.client_id WHERE {visible} AND {match}",
        params,
    )
    raw.all(
        "SELECT d.id, d.number, c.first_names, c.initials, c.prefix, c.surname, c.birth_date, c.postcode, "
        "d.phase, u.full_name, d.reported_on FROM dossiers d JOIN clients c ON c.id = d.client_id "
        f"JOIN users u ON u.id = d.owner_id WHERE {visible} AND {match} ORDER BY d.number LIMIT 200",
        params,
    )


# ----------------------------------------------------------------------------- open a dossier

#: (module, function) pairs that open a session when the window opens a dossier: only the main
#: window's ``get_dossier``, which also reads what the header widgets show (``HEADER_FACTS``: the
#: Signalen badge; the step map takes the phase from the detail). The first tab (Persoon &
#: huishouden) shows the same ``DossierDetail``; the other tabs are built when first shown
#: (benchmarks/README.md). ``tests/gui/test_dossier_view.py`` traces the window to keep this true.
VIEW_LOADERS: tuple[tuple[str, str], ...] = (("app.services.dossiers", "get_dossier"),)

#: Per-dossier tables those loaders read besides dossiers, clients, users and household members
#: (the raw baseline reads each one that exists in the database; settings are read separately).
DOSSIER_TABLES = (
    "dossier_shares",
    "dossier_urgency",
    "stabilisation_agreements",
    "referrals",
    "contact_moments",
    "appointments",
)


def helder_open(opened: Opened, dossier_id: uuid.UUID) -> None:
    import importlib

    ctx = opened.context()
    for module, name in VIEW_LOADERS:
        fn = getattr(importlib.import_module(module), name, None)
        if fn is not None:
            fn(ctx, dossier_id)


def raw_open(raw: Raw, dossier_id: uuid.UUID, tables: tuple[str, ...]) -> None:
    did = _uid(dossier_id)
    raw.all(
        "SELECT d.*, c.*, u.full_name FROM dossiers d JOIN clients c ON c.id = d.client_id "
        "JOIN users u ON u.id = d.owner_id WHERE d.id = ?",
        (did,),
    )
    raw.all(
        "SELECT h.* FROM household_members h JOIN dossiers d ON d.client_id = h.client_id WHERE d.id = ?",
        (did,),
    )
    for table in tables:
        raw.all(f"SELECT * FROM {table} WHERE dossier_id = ?", (did,))
    raw.all("SELECT key, value FROM settings")


# ----------------------------------------------------------------------------- letter


def letter_inputs() -> tuple[Any, Any]:
    from app.documents import Letterhead, LetterRequest, Recipient
    from app.rules.deadlines import objection_period_end

    today = date(2026, 11, 30)
    letterhead = Letterhead(
        municipality="Gemeente Dijkwaard",
        address_lines=("Raadhuisplein 1", "1697 AA  Dijkwaard"),
        phone="0229 123 400",
        email="schuldhulp@dijkwaard.nl",
        website="www.dijkwaard.nl",
        college="het college van burgemeester en wethouders van Dijkwaard",
        objection_address_lines=("Postbus 10", "1697 ZG  Dijkwaard"),
    )
    request = LetterRequest(
        kind="toelating",
        dossier_number="2026-DW-00001",
        letter_date=today,
        recipient=Recipient("Mevrouw S. Willems", ("Rietgors 14", "1697 AB  Dijkwaard")),
        counsellor_name="Fatima El Amrani",
        counsellor_role="Schuldhulpverlener",
        objection_until=objection_period_end(today),
        fields={
            "first_conversation_date": today - timedelta(days=10),
            "motivation": "U heeft problematische schulden. U wilt meewerken aan een oplossing.",
            "help_question": "Ik wil leren hoe ik mijn geld goed regel.",
            "support": ["Budgetcoaching in een groep", "Hulp bij het ordenen van uw post"],
            "referrals": ["Maatschappelijk werk"],
            "conditions": ["U maakt geen nieuwe schulden.", "U geeft veranderingen in uw inkomen door."],
            "garnishment_free_amount": 124500,
        },
    )
    return letterhead, request


def helder_letter(inputs: tuple[Any, Any]) -> bytes:
    from app.documents import render_letter

    return bytes(render_letter(*inputs))


def letter_lines(pdf: bytes) -> list[list[str]]:
    """Return the text lines per page of a rendered letter (what the baseline draws)."""
    from pypdf import PdfReader

    return [page.extract_text().splitlines() for page in PdfReader(io.BytesIO(pdf)).pages]


def raw_letter(pages: list[list[str]]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from app.documents.fonts import register_fonts

    register_fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for lines in pages:
        pdf.setFont("DejaVuSans", 10)
        y = A4[1] - 60
        for line in lines:
            pdf.drawString(60, y, line)
            y -= 13
        pdf.showPage()
    pdf.save()
    return out.getvalue()


# ----------------------------------------------------------------------------- summary


def period() -> tuple[date, date]:
    end = today_local()
    return end - timedelta(days=730), end


def helder_summary(opened: Opened) -> None:
    from app.rules.kpi import Period
    from app.services.reports import dashboard

    start, end = period()
    lead = opened.context()
    dashboard(lead, Period(start, end))


def raw_summary(raw: Raw) -> None:
    """One hand-written SQL aggregate per dashboard figure (the 18 the dashboard computes; its four
    funnel rates divide those counts). Where a figure needs the Atw calendar (the first
    conversation's term) the aggregate uses plain calendar weeks.

    Each aggregate is in the fastest form we found with ``EXPLAIN QUERY PLAN``: a ``+`` before a
    column keeps SQLite from fetching rows one by one through that column's index where a scan
    of the table or of a covering index is faster (two to four times, at 50 000 dossiers).
    """
    start, end = (d.isoformat() for d in period())
    into = (
        "SELECT count(DISTINCT dossier_id) FROM phase_transitions WHERE +to_phase = ? "
        "AND +moved_on BETWEEN ? AND ?"
    )
    for phase in (
        "application",
        "intake",
        "stabilisation",
        "ready_for_settlement",
        "settlement",
        "long_term_service",
        "dropped_out",
    ):
        raw.all(into, (phase, start, end))
    raw.all(
        "SELECT closing_reason, count(*) FROM phase_transitions WHERE +to_phase = 'dropped_out' "
        "AND +moved_on BETWEEN ? AND ? GROUP BY closing_reason",
        (start, end),
    )
    raw.all(
        "SELECT owner_id, count(*) FROM dossiers WHERE phase NOT IN ('closed', 'dropped_out') "
        "AND deleted_at IS NULL GROUP BY +owner_id"
    )
    raw.all(
        "SELECT a.moved_on, b.moved_on FROM phase_transitions a JOIN phase_transitions b "
        "ON a.dossier_id = b.dossier_id WHERE a.to_phase = 'application' AND b.to_phase = 'intake' "
        "AND b.moved_on BETWEEN ? AND ?",
        (start, end),
    )
    raw.all(
        "SELECT a.moved_on, b.moved_on FROM phase_transitions a JOIN phase_transitions b "
        "ON a.dossier_id = b.dossier_id WHERE a.to_phase = 'stabilisation' AND b.to_phase = 'settlement' "
        "AND b.moved_on BETWEEN ? AND ?",
        (start, end),
    )
    if raw.all("SELECT 1 FROM sqlite_master WHERE name = 'appointments'"):
        raw.all(
            "SELECT count(*) FROM appointments WHERE status = 'no_show' AND day BETWEEN ? AND ?", (start, end)
        )
    if raw.all("SELECT 1 FROM sqlite_master WHERE name = 'referrals'"):
        _raw_traject_figures(raw, start, end)
    if raw.all("SELECT 1 FROM sqlite_master WHERE name = 'profile_assessments'"):
        raw.all(
            # SQLite takes the bare column from the row with the max: the latest assessment.
            "SELECT x.profile, count(*) FROM (SELECT dossier_id, chosen_profile AS profile, "
            "max(assessed_on || created_at) FROM profile_assessments WHERE deleted_at IS NULL "
            "AND +assessed_on <= ? GROUP BY +dossier_id) x JOIN dossiers d ON d.id = x.dossier_id "
            "WHERE d.deleted_at IS NULL AND d.phase NOT IN ('closed', 'dropped_out') GROUP BY x.profile",
            (end,),
        )


#: The partner kinds that make a stabilisation "met maatschappelijk werk" (as ``report_facts``).
_SOCIAL_WORK_KINDS = "('social_work', 'mental_health', 'addiction_care')"


def _raw_traject_figures(raw: Raw, start: str, end: str) -> None:
    """The figures that need the traject tables: stabilisation with or without social work, DFD,
    the first conversation within four weeks, and the support products that ran in the period."""
    entered = (
        "SELECT DISTINCT t.dossier_id FROM phase_transitions t WHERE +t.to_phase = 'stabilisation' "
        "AND t.deleted_at IS NULL AND +t.moved_on BETWEEN ? AND ?"
    )
    social = (
        "EXISTS (SELECT 1 FROM referrals r JOIN partners p ON p.id = r.partner_id "
        f"WHERE r.dossier_id = s.dossier_id AND r.deleted_at IS NULL AND p.kind IN {_SOCIAL_WORK_KINDS})"
    )
    raw.all(f"SELECT count(*) FROM ({entered}) s WHERE {social}", (start, end))
    raw.all(f"SELECT count(*) FROM ({entered}) s WHERE NOT {social}", (start, end))
    raw.all("SELECT count(*) FROM dossiers WHERE deleted_at IS NULL AND phase = 'long_term_service'")
    raw.all(
        "SELECT count(DISTINCT dossier_id) FROM phase_transitions WHERE from_phase = 'long_term_service' "
        "AND +to_phase IN ('stabilisation', 'ready_for_settlement', 'settlement') AND deleted_at IS NULL "
        "AND +moved_on BETWEEN ? AND ?",
        (start, end),
    )
    raw.all(
        "SELECT count(*), sum(u.first_conversation_on <= date(d.reported_on, '+28 days')) FROM dossiers d "
        "LEFT JOIN dossier_urgency u ON u.dossier_id = d.id WHERE d.deleted_at IS NULL "
        "AND date(d.reported_on, '+28 days') BETWEEN ? AND ?",
        (start, end),
    )
    raw.all(
        "SELECT product, count(DISTINCT dossier_id) FROM support_products WHERE deleted_at IS NULL "
        "AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?) GROUP BY product",
        (end, start),
    )
