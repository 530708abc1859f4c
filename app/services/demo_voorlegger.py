"""Demo voorlegger rows: later phases mostly gecontroleerd, stabilisation half-way, intake just begun.

Only touched items get a row (an absent row is *open*), inserted with Core in large batches.
Dossiers that ended (afgesloten, uitgevallen) get no rows: nobody works on their voorlegger. In a
demo of more than :data:`FULL_DEMO_LIMIT` dossiers only the demo login's ('consulent') dossiers in
intake, stabilisation and gereed voor schuldregeling get rows, at most :data:`LARGE_DEMO_FILLED`
of them, to keep 50 000 dossiers fast.
The five scenario clients get a fitting story: Kevin's bank statements were asked 20 days ago
(a Signaal), Sanne's payslip and ID scan wait for Joost's four-eyes check, Gerda's rent
specification came back from the check.
"""

from __future__ import annotations

import hashlib
import io
import random
import struct
import uuid
import zlib
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert

from app.domain.dossiers import DossierShare
from app.domain.voorlegger import VoorleggerAttachment, VoorleggerItemRecord, VoorleggerReview
from app.rules.phases import ENDED, Phase
from app.rules.voorlegger import ItemStatus, default_checklist

if TYPE_CHECKING:
    from app.services.demo import DemoContext, DemoDossier

_BATCH = 5000

#: Plausible n.v.t. reasons; other items get the general one.
_NA_REASONS: dict[str, str] = {
    "employment_contract": "Geen betaald werk",
    "payslips": "Geen loon, alleen een uitkering",
    "benefit_uwv": "Geen uitkering van UWV",
    "benefit_svb": "Geen AOW of kinderbijslag",
    "benefit_municipality": "Geen bijstand",
    "alimony": "Geen alimentatie",
    "pension": "Geen pensioen",
    "provisional_tax_refund": "Geen voorlopige aanslag",
    "childcare": "Geen kinderopvang",
    "divorce_agreement": "Niet gescheiden",
    "bank_statements_children": "Kinderen hebben geen eigen rekening",
    "meter_heat": "Geen stadsverwarming",
    "garnishments": "Er ligt geen beslag",
    "cjib_fines": "Geen boetes bij het CJIB",
    "protective_administration_decision": "Geen beschermingsbewind",
    "budget_management_agreement": "Geen budgetbeheer",
    "car_valuation": "Geen auto",
    "commuting_distance": "Werkt niet buiten de deur",
    "stabilisation_agreement": "Geen stabilisatieovereenkomst nodig",
}
_NA_DEFAULT = "Niet van toepassing in deze situatie"
#: Above this many dossiers (a stress test, not a municipality) only the demo login's dossiers in
#: the phases where the voorlegger is built get rows, so 50 000 dossiers stay fast.
FULL_DEMO_LIMIT = 2000
LARGE_DEMO_FILLED = 800
DEMO_USER = "consulent"
_WORKED_ON = frozenset({Phase.INTAKE.value, Phase.STABILISATION.value, Phase.READY_FOR_SETTLEMENT.value})
_REACHED = {
    Phase.APPLICATION.value: 0,
    Phase.INTAKE.value: 1,
    Phase.STABILISATION.value: 2,
    Phase.READY_FOR_SETTLEMENT.value: 3,
    Phase.SETTLEMENT.value: 3,
    Phase.AFTERCARE.value: 3,
    Phase.CLOSED.value: 3,
}


class _Rows:
    """Collect item rows and insert them in batches."""

    def __init__(self, dc: DemoContext) -> None:
        self.dc = dc
        self.rows: list[dict[str, Any]] = []
        self.version = default_checklist().version

    def add(
        self, dossier_id: uuid.UUID, key: str, status: ItemStatus, *, stamp: datetime, **values: Any
    ) -> uuid.UUID:
        row_id = uuid.UUID(int=self.dc.rng.getrandbits(128), version=4)
        row = {
            "id": row_id,
            "created_at": stamp,
            "updated_at": stamp,
            "updated_by": "demo",
            "version": 1,
            "deleted_at": None,
            "dossier_id": dossier_id,
            "item_key": key,
            "checklist_version": self.version,
            "status": status.value,
            "requested_on": None,
            "received_on": None,
            "received_by": None,
            "checked_on": None,
            "checked_by": None,
            "not_applicable_reason": "",
            "note": "",
            "sent_back_reason": "",
            "sent_back_on": None,
            "sent_back_by": None,
        }
        row.update(values)
        self.rows.append(row)
        if len(self.rows) >= _BATCH:
            self.flush()
        return row_id

    def flush(self) -> None:
        if self.rows:
            self.dc.conn.execute(insert(VoorleggerItemRecord), self.rows)
            self.rows = []


def _stamp(day: date) -> datetime:
    return datetime.combine(day, time(11, 0), tzinfo=UTC)


def _reached(d: DemoDossier) -> tuple[int, date]:
    """Return how far along the main line the dossier got (0–3) and the date it got there."""
    level, since = 0, d.reported_on
    for phase, on in d.path:
        if _REACHED.get(phase, 0) > level:
            level, since = _REACHED[phase], on
    return level, since


def demo_voorlegger(dc: DemoContext) -> None:
    """Insert voorlegger rows for the demo dossiers (registered in ``demo.EXTENSIONS``)."""
    rows = _Rows(dc)
    counsellors = sorted(u for u in dc.users if u not in ("beheerder", "teamleider"))
    keys = {partner: default_checklist().keys(partner) for partner in (False, True)}
    rng = dc.rng
    large = len(dc.dossiers) > FULL_DEMO_LIMIT
    filled = 0
    for d in dc.dossiers:
        if d.scenario:
            _scenario(dc, rows, d)
            continue
        if d.phase in ENDED:
            continue
        if large:
            if d.owner != DEMO_USER or d.phase not in _WORKED_ON or filled >= LARGE_DEMO_FILLED:
                continue
            filled += 1
        level, since = _reached(d)
        if level == 0:
            continue
        checker = rng.choice([c for c in counsellors if c != d.owner] or counsellors)
        for key in keys[d.has_partner]:
            draw = rng.random()
            if level == 3 or (level == 2 and draw < 0.3):
                _done(rows, d, key, since, checker, rng)
            elif level == 2 and draw < 0.45:
                on = since + timedelta(days=rng.randint(0, max(0, (dc.today - since).days)))
                rows.add(
                    d.id,
                    key,
                    ItemStatus.RECEIVED,
                    stamp=_stamp(on),
                    requested_on=on - timedelta(days=7),
                    received_on=on,
                    received_by=d.owner,
                )
            elif draw < (0.6 if level == 2 else 0.3):
                on = dc.today - timedelta(days=rng.randint(1, 30))
                on = max(on, d.reported_on)
                rows.add(d.id, key, ItemStatus.REQUESTED, stamp=_stamp(on), requested_on=on)
    rows.flush()


def _done(rows: _Rows, d: DemoDossier, key: str, since: date, checker: str, rng: random.Random) -> None:
    code = key.split(":")[0]
    if code in _NA_REASONS and rng.random() < 0.6:
        rows.add(
            d.id,
            key,
            ItemStatus.NOT_APPLICABLE,
            stamp=_stamp(since),
            not_applicable_reason=_NA_REASONS.get(code, _NA_DEFAULT),
        )
        return
    received = max(d.reported_on, since - timedelta(days=rng.randint(5, 40)))
    rows.add(
        d.id,
        key,
        ItemStatus.CHECKED,
        stamp=_stamp(since),
        requested_on=received - timedelta(days=7),
        received_on=received,
        received_by=d.owner,
        checked_on=since,
        checked_by=checker,
    )


# --------------------------------------------------------------------------- the five clients


def _scenario(dc: DemoContext, rows: _Rows, d: DemoDossier) -> None:
    today, rng = dc.today, dc.rng
    level, since = _reached(d)
    if d.scenario == "kevin":
        asked = today - timedelta(days=20)
        rows.add(
            d.id,
            "id_document",
            ItemStatus.RECEIVED,
            stamp=_stamp(asked),
            received_on=asked,
            received_by=d.owner,
        )
        rows.add(
            d.id,
            "signed_application",
            ItemStatus.RECEIVED,
            stamp=_stamp(asked),
            received_on=asked,
            received_by=d.owner,
        )
        for key in ("bank_statements", "payslips"):
            rows.add(
                d.id,
                key,
                ItemStatus.REQUESTED,
                stamp=_stamp(asked),
                requested_on=asked,
                note="Gevraagd in het intakegesprek; Kevin zou ze binnen een week mailen.",
            )
        recent = today - timedelta(days=6)
        for key in ("rent_specification", "debt_overview", "meter_gas"):
            rows.add(d.id, key, ItemStatus.REQUESTED, stamp=_stamp(recent), requested_on=recent)
        rows.add(
            d.id,
            "protective_administration_decision",
            ItemStatus.NOT_APPLICABLE,
            stamp=_stamp(asked),
            not_applicable_reason="Geen beschermingsbewind",
        )
        return
    checker = "joost" if "joost" in dc.users else d.owner
    if level >= 3:
        for key in default_checklist().keys(d.has_partner):
            _done(rows, d, key, since, checker, rng)
        return
    if d.scenario == "sanne":
        _sanne(dc, rows, d, checker)
    elif d.scenario in ("gerda", "ronald"):
        _half_way(dc, rows, d, checker)


def _half_way(dc: DemoContext, rows: _Rows, d: DemoDossier, checker: str) -> None:
    today = dc.today
    start = d.reported_on + timedelta(days=10)
    done = ("id_document", "signed_application", "signed_mandate", "benefit_municipality", "allowances")
    for key in done:
        _done(rows, d, key, start + timedelta(days=14), checker, dc.rng)
    for key in ("bank_statements", "health_insurance_policy", "debt_overview", "bkr_report"):
        rows.add(
            d.id,
            key,
            ItemStatus.RECEIVED,
            stamp=_stamp(start),
            requested_on=start,
            received_on=start,
            received_by=d.owner,
        )
    back = today - timedelta(days=9)
    rows.add(
        d.id,
        "rent_specification",
        ItemStatus.REQUESTED,
        stamp=_stamp(back),
        requested_on=back,
        sent_back_reason="Dit is de specificatie van vorig jaar; vraag die van dit jaar op.",
        sent_back_on=back,
        sent_back_by=checker,
    )
    for key in ("meter_electricity", "meter_gas", "creditor_letters"):
        rows.add(
            d.id,
            key,
            ItemStatus.REQUESTED,
            stamp=_stamp(today - timedelta(days=30)),
            requested_on=today - timedelta(days=30),
        )


def _sanne(dc: DemoContext, rows: _Rows, d: DemoDossier, checker: str) -> None:
    today = dc.today
    start = d.reported_on + timedelta(days=7)
    for key in ("signed_application", "signed_mandate", "allowances", "rent_specification"):
        _done(rows, d, key, start + timedelta(days=10), checker, dc.rng)
    for key, reason in (
        ("benefit_uwv", "Geen uitkering van UWV"),
        ("benefit_svb", "Geen AOW of kinderbijslag"),
        ("car_valuation", "Geen auto"),
        ("divorce_agreement", "Niet gescheiden"),
    ):
        rows.add(d.id, key, ItemStatus.NOT_APPLICABLE, stamp=_stamp(start), not_applicable_reason=reason)
    received = today - timedelta(days=3)
    files = {
        "payslips": ("loonstrook-oktober.pdf", "application/pdf", _payslip_pdf()),
        "id_document": ("id-kaart.png", "image/png", _id_card_png()),
    }
    stamp = _stamp(received)
    for key, (name, mime, data) in files.items():
        item_id = rows.add(
            d.id,
            key,
            ItemStatus.RECEIVED,
            stamp=stamp,
            requested_on=start,
            received_on=received,
            received_by=d.owner,
        )
        rows.flush()
        dc.conn.execute(
            insert(VoorleggerAttachment),
            [
                {
                    "id": uuid.uuid4(),
                    "created_at": stamp,
                    "updated_at": stamp,
                    "updated_by": d.owner,
                    "version": 1,
                    "deleted_at": None,
                    "item_id": item_id,
                    "filename": name,
                    "mime": mime,
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "data": data,
                }
            ],
        )
    rows.add(
        d.id,
        "bank_statements",
        ItemStatus.REQUESTED,
        stamp=_stamp(today - timedelta(days=5)),
        requested_on=today - timedelta(days=5),
        note="Sanne vraagt ze op in de app van de bank.",
    )
    if checker != d.owner and checker in dc.users:
        dc.conn.execute(
            insert(VoorleggerReview),
            [
                {
                    "id": uuid.uuid4(),
                    "created_at": stamp,
                    "updated_at": stamp,
                    "updated_by": d.owner,
                    "version": 1,
                    "deleted_at": None,
                    "dossier_id": d.id,
                    "offered_by": d.owner,
                    "checker_id": dc.users[checker],
                    "offered_at": stamp + timedelta(hours=2),
                    "completed_at": None,
                    "outcome": "",
                }
            ],
        )
        dc.conn.execute(
            insert(DossierShare),
            [{"id": uuid.uuid4(), "dossier_id": d.id, "user_id": dc.users[checker], "created_at": stamp}],
        )


def _payslip_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    pdf = Canvas(out, pagesize=A4, invariant=1)
    pdf.setTitle("Loonstrook oktober")
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(60, 780, "Bakkerij De Korenschoof B.V.")
    pdf.setFont("Helvetica", 11)
    pdf.drawString(60, 760, "Loonstrook oktober  -  S. Willems  -  personeelsnummer 1043")
    lines = [
        ("Bruto loon (24 uur per week)", "1.842,00"),
        ("Loonheffing", "-  96,14"),
        ("Pensioenpremie", "-  58,21"),
        ("Netto loon", "1.687,65"),
    ]
    for i, (label, amount) in enumerate(lines):
        y = 720 - i * 22
        pdf.drawString(60, y, label)
        pdf.drawRightString(420, y, f"EUR {amount}")
    pdf.line(60, 640, 420, 640)
    pdf.drawString(60, 620, "Uitbetaald op 25 oktober op NL91 ABNA 0417 1643 00.")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _id_card_png(width: int = 420, height: int = 260) -> bytes:
    """A plain, obviously fake 'ID card' picture (coloured bands), as a scan would look."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            if y < 40:
                pixel = (31, 78, 121)
            elif 60 < y < 200 and 20 < x < 130:
                pixel = (200, 200, 200)
            elif y > 60 and 150 < x < 400 and (y // 18) % 2 == 0 and (y % 18) < 8:
                pixel = (120, 120, 120)
            else:
                pixel = (236, 240, 244)
            rows.extend(pixel)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )
