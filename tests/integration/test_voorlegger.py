"""Voorlegger: status moves, four eyes, the gate, attached files encrypted at rest, Signalen, klantkaart."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from app.errors import PermissionDenied, ValidationError
from app.rules.phases import Phase
from app.rules.voorlegger import ItemStatus, default_checklist
from app.services import audit, settings, workflow
from app.services.context import ServiceContext, today_local
from app.services.dossier_views import MemberForm
from app.services.dossiers import load_dossier
from app.services.voorlegger import (
    client_sentences_for_open_items,
    missing,
    overdue_voorlegger_requests,
    overview,
    require_toelating_ready,
    set_note,
    set_status,
)
from app.services.voorlegger_files import attach_file, get_attachment, remove_attachment
from app.services.voorlegger_review import check_item, checkers, offer_for_check, send_back
from tests.factories import Team, make_dossier

PNG = b"\x89PNG\r\n\x1a\n"


def _png(marker: bytes) -> bytes:
    """A file that starts like a PNG and carries a distinctive marker many times."""
    return PNG + b"\x00\x00\x00\rIHDR" + marker * 200


def _audit(team: Team, action: str) -> list[audit.AuditRow]:
    return audit.list_entries(team.lead, action=action)


def _to_stabilisation(ctx: ServiceContext, dossier_id: uuid.UUID) -> None:
    workflow.move_phase(ctx, dossier_id, Phase.INTAKE)
    workflow.move_phase(ctx, dossier_id, Phase.STABILISATION)


def _everything_not_applicable(ctx: ServiceContext, dossier_id: uuid.UUID, step: str) -> None:
    for item in missing(ctx, dossier_id, step):
        set_status(ctx, dossier_id, item.key, ItemStatus.NOT_APPLICABLE, reason="Niet van toepassing (test)")


# --------------------------------------------------------------------------- status moves


def test_status_moves_follow_the_rules_and_are_audited(team: Team) -> None:
    # GIVEN a new dossier: nothing touched, every item open, no rows written by reading
    made = make_dossier(team.counsellor)
    first = overview(team.counsellor, made.id)
    assert first.done == 0 and first.total == len(default_checklist().keys(False))
    assert all(i.status == ItemStatus.OPEN and i.version == 0 for s in first.sections for i in s.items)
    today = today_local()
    # WHEN payslips are requested three days ago, then received today
    requested = set_status(
        team.counsellor, made.id, "payslips", ItemStatus.REQUESTED, on=today - timedelta(days=3)
    )
    received = set_status(team.counsellor, made.id, "payslips", ItemStatus.RECEIVED)
    # THEN the dates and who are kept, and the row records the checklist version
    assert requested.requested_on == today - timedelta(days=3)
    assert (received.status, received.received_on, received.received_by) == (
        "received",
        today,
        "Fatima El Amrani",
    )
    assert received.requested_on == today - timedelta(days=3)
    assert received.checklist_version == default_checklist().version
    changes = [json.loads(e.details) for e in _audit(team, "update") if "payslips" in e.details]
    assert [c["status"] for c in reversed(changes)] == [["open", "requested"], ["requested", "received"]]


def test_refused_moves_say_why_in_dutch(team: Team) -> None:
    made = make_dossier(team.counsellor)
    with pytest.raises(ValidationError) as checked:
        set_status(team.counsellor, made.id, "payslips", ItemStatus.CHECKED)
    assert "vier ogen" in checked.value.errors["status"]
    with pytest.raises(ValidationError) as no_reason:
        set_status(team.counsellor, made.id, "pension", ItemStatus.NOT_APPLICABLE, reason="  ")
    assert "waarom" in no_reason.value.errors["reason"]
    set_status(team.counsellor, made.id, "pension", ItemStatus.NOT_APPLICABLE, reason="Geen pensioen")
    with pytest.raises(ValidationError) as wrong:
        set_status(team.counsellor, made.id, "pension", ItemStatus.RECEIVED)
    assert wrong.value.errors["status"] == "Van 'N.v.t.' kan een item alleen naar: Open."
    with pytest.raises(ValidationError):
        set_status(
            team.counsellor, made.id, "payslips", ItemStatus.REQUESTED, on=today_local() + timedelta(days=1)
        )
    with pytest.raises(ValidationError) as partner:
        set_status(team.counsellor, made.id, "payslips:partner", ItemStatus.REQUESTED)
    assert "staat niet" in partner.value.errors["item"]
    item = next(i for s in overview(team.counsellor, made.id).sections for i in s.items if i.key == "pension")
    assert (item.status, item.not_applicable_reason) == ("not_applicable", "Geen pensioen")


def test_partner_items_count_twice_and_note_is_saved(team: Team) -> None:
    partner = MemberForm(kind="partner", first_names="Samira", surname="Benali")
    made = make_dossier(team.counsellor, household=(partner,))
    view = overview(team.counsellor, made.id)
    assert view.has_partner and view.total == len(default_checklist().keys(True))
    saved = set_note(team.counsellor, made.id, "payslips:partner", "Samira werkt bij de thuiszorg")
    assert saved.label.endswith("(partner)") and saved.note == "Samira werkt bij de thuiszorg"


def test_a_colleague_outside_the_caseload_cannot_change_items(team: Team) -> None:
    made = make_dossier(team.counsellor)
    with pytest.raises(PermissionDenied):
        set_status(team.colleague, made.id, "payslips", ItemStatus.REQUESTED)


# --------------------------------------------------------------------------- four eyes


def test_four_eyes_offer_check_and_send_back(team: Team) -> None:
    # GIVEN three received items in Fatima's dossier
    made = make_dossier(team.counsellor)
    for key in ("id_document", "payslips", "bank_statements"):
        set_status(team.counsellor, made.id, key, ItemStatus.RECEIVED)
    assert team.colleague.user.id in [c.id for c in checkers(team.counsellor)]
    assert team.counsellor.user.id not in [c.id for c in checkers(team.counsellor)]
    with pytest.raises(ValidationError):
        offer_for_check(team.counsellor, made.id, team.counsellor.user.id)
    # WHEN she offers the voorlegger to Joost
    review = offer_for_check(team.counsellor, made.id, team.colleague.user.id)
    # THEN Joost sees it as the checker, and Fatima cannot check her own items
    assert review.checker_name == "Joost de Boer"
    as_joost = overview(team.colleague, made.id)
    assert as_joost.is_checker and as_joost.to_check == 3
    with pytest.raises(PermissionDenied):
        check_item(team.counsellor, made.id, "payslips")
    # WHEN Joost checks two items and sends one back with a reason
    checked = check_item(team.colleague, made.id, "id_document")
    check_item(team.colleague, made.id, "payslips")
    with pytest.raises(ValidationError):
        send_back(team.colleague, made.id, "bank_statements", " ")
    sent = send_back(
        team.colleague, made.id, "bank_statements", "Alleen 2 maanden, er missen afschriften van mei"
    )
    # THEN the statuses, names and reason are stored and the check is complete
    assert (checked.status, checked.checked_by, checked.checked_on) == (
        "checked",
        "Joost de Boer",
        today_local(),
    )
    assert (sent.status, sent.sent_back_by) == ("requested", "Joost de Boer")
    assert sent.sent_back_reason.startswith("Alleen 2 maanden")
    after = overview(team.counsellor, made.id)
    assert after.open_review is None and after.to_check == 0
    # AND every step is in the timeline and the audit log
    titles = [e.title for e in workflow.timeline(team.counsellor, made.id, frozenset({"voorlegger"}))]
    assert "Voorlegger ter controle aangeboden aan Joost de Boer" in titles
    assert "Voorlegger: 2 items gecontroleerd" in titles
    assert any(t.startswith("Voorlegger: teruggestuurd") for t in titles)
    assert "Controle van de voorlegger afgerond" in titles
    assert [e.actor for e in _audit(team, "offer_for_check")] == ["fatima"]
    assert [e.actor for e in _audit(team, "check")] == ["joost", "joost"]
    sent_back_lines = _audit(team, "send_back")
    assert len(sent_back_lines) == 1 and "mei" in json.loads(sent_back_lines[0].details)["reason"]


def test_checker_cannot_check_what_they_registered_as_received(team: Team) -> None:
    # GIVEN the dossier is shared with Joost, who registers receipt of the payslips himself
    made = make_dossier(team.counsellor)
    set_status(team.counsellor, made.id, "id_document", ItemStatus.RECEIVED)
    offer_for_check(team.counsellor, made.id, team.colleague.user.id)
    set_status(team.colleague, made.id, "payslips", ItemStatus.RECEIVED)
    # WHEN Joost tries to check it, THEN four eyes refuse
    with pytest.raises(ValidationError) as refused:
        check_item(team.colleague, made.id, "payslips")
    assert "andere collega" in refused.value.errors["status"]
    assert check_item(team.colleague, made.id, "id_document").status == "checked"


def test_nothing_to_check_cannot_be_offered(team: Team) -> None:
    made = make_dossier(team.counsellor)
    with pytest.raises(ValidationError) as refused:
        offer_for_check(team.counsellor, made.id, team.colleague.user.id)
    assert "niets om te controleren" in refused.value.errors["checker"]


# --------------------------------------------------------------------------- gate


def test_gate_blocks_ready_for_settlement_and_lists_what_is_missing(team: Team) -> None:
    made = make_dossier(team.counsellor)
    _to_stabilisation(team.counsellor, made.id)
    with pytest.raises(ValidationError) as blocked:
        workflow.move_phase(team.counsellor, made.id, Phase.READY_FOR_SETTLEMENT)
    message = blocked.value.errors["voorlegger"]
    expected = missing(team.counsellor, made.id, "settlement_ready")
    assert f"Deze {len(expected)} items" in message
    assert all(m.label in message for m in expected)
    # A counsellor cannot override, even with a reason
    with pytest.raises(ValidationError) as not_lead:
        workflow.move_phase(team.counsellor, made.id, Phase.READY_FOR_SETTLEMENT, override_reason="Haast")
    assert "teamleider" in not_lead.value.errors["override_reason"]
    assert load_dossier_phase(team, made.id) == Phase.STABILISATION
    assert _audit(team, "override") == []


def test_gate_passes_when_complete(team: Team) -> None:
    made = make_dossier(team.counsellor)
    _to_stabilisation(team.counsellor, made.id)
    _everything_not_applicable(team.counsellor, made.id, "settlement_ready")
    moved = workflow.move_phase(team.counsellor, made.id, Phase.READY_FOR_SETTLEMENT)
    assert moved.phase == Phase.READY_FOR_SETTLEMENT
    assert _audit(team, "override") == []


def test_teamleider_overrides_the_gate_with_a_logged_reason(team: Team) -> None:
    made = make_dossier(team.counsellor)
    _to_stabilisation(team.counsellor, made.id)
    reason = "Beslag dreigt; schuldeisers wachten niet op de meterstanden"
    moved = workflow.move_phase(team.lead, made.id, Phase.READY_FOR_SETTLEMENT, override_reason=reason)
    assert moved.phase == Phase.READY_FOR_SETTLEMENT
    [line] = _audit(team, "override")
    details = json.loads(line.details)
    assert (line.actor, line.object_id, details["reason"], details["gate"]) == (
        "marieke",
        str(made.id),
        reason,
        "voorlegger",
    )
    assert "meter_gas" in details["missing"]


def test_toelating_cannot_be_finalised_while_items_are_missing(team: Team) -> None:
    made = make_dossier(team.counsellor)
    with team.db.begin() as session:
        dossier = load_dossier(session, made.id)
        with pytest.raises(ValidationError) as blocked:
            require_toelating_ready(session, team.counsellor, dossier, None)
    assert "Geldig identiteitsbewijs" in blocked.value.errors["voorlegger"]
    assert "Arbeidscontract" not in blocked.value.errors["voorlegger"]  # only needed for settlement
    with team.db.begin() as session:
        require_toelating_ready(
            session, team.lead, load_dossier(session, made.id), "Crisis, beschikking nu nodig"
        )
    assert json.loads(_audit(team, "override")[0].details)["gate"] == "voorlegger_toelating"
    _everything_not_applicable(team.counsellor, made.id, "toelating")
    with team.db.begin() as session:
        require_toelating_ready(session, team.counsellor, load_dossier(session, made.id), None)


def load_dossier_phase(team: Team, dossier_id: uuid.UUID) -> str:
    with team.db.read() as session:
        return load_dossier(session, dossier_id).phase


# --------------------------------------------------------------------------- files


def test_attachment_round_trips_and_is_not_readable_in_the_database_file(team: Team) -> None:
    # GIVEN a scan with a distinctive byte string
    marker = b"HELDER-LOONSTROOK-" + uuid.uuid4().hex.encode()
    data = _png(marker)
    made = make_dossier(team.counsellor)
    set_status(team.counsellor, made.id, "payslips", ItemStatus.REQUESTED)
    # WHEN it is attached
    item = attach_file(team.counsellor, made.id, "payslips", "C:\\Scans\\loonstrook oktober.PNG", data)
    # THEN the item is received, the file listed with its hash, and read back byte for byte
    [listed] = item.attachments
    assert item.status == "received"
    assert (listed.filename, listed.mime, listed.size) == ("loonstrook oktober.PNG", "image/png", len(data))
    assert listed.sha256 == hashlib.sha256(data).hexdigest()
    content = get_attachment(team.counsellor, listed.id)
    assert content.data == data
    assert [e.object_id for e in _audit(team, "view") if e.object_type == "voorlegger_attachment"] == [
        str(listed.id)
    ]
    # AND the marker is nowhere on disk in the clear: not in the database, its WAL, or any file beside it
    database = team.paths.database
    assert database.exists()
    files = [p for p in team.paths.data_dir.rglob("*") if p.is_file()]
    assert Path(f"{database}-wal") in files or database in files
    for path in files:
        assert marker not in path.read_bytes(), f"{path.name} bevat het bestand onversleuteld"


def test_attachment_round_trips_on_every_engine(any_team: Team) -> None:
    data = b"%PDF-1.4\n" + os.urandom(4096) + b"\n%%EOF\n"
    made = make_dossier(any_team.counsellor)
    item = attach_file(any_team.counsellor, made.id, "bank_statements", "afschrift.pdf", data)
    assert get_attachment(any_team.counsellor, item.attachments[0].id).data == data
    removed = remove_attachment(any_team.counsellor, item.attachments[0].id)
    assert removed.attachments == ()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("virus.exe", b"MZ\x90\x00", "Alleen PDF-, JPG- en PNG-bestanden"),
        ("brief.pdf", b"Dit is geen PDF", "Alleen PDF-, JPG- en PNG-bestanden"),
        ("leeg.png", b"", "leeg"),
    ],
)
def test_wrong_files_are_refused_in_dutch(team: Team, name: str, data: bytes, expected: str) -> None:
    made = make_dossier(team.counsellor)
    with pytest.raises(ValidationError) as refused:
        attach_file(team.counsellor, made.id, "payslips", name, data)
    assert expected in refused.value.errors["file"]
    assert overview(team.counsellor, made.id).done == 0


def test_too_large_file_is_refused(team: Team) -> None:
    settings.update(team.admin, {"voorlegger.attachment_max_mb": 1})
    made = make_dossier(team.counsellor)
    with pytest.raises(ValidationError) as refused:
        attach_file(
            team.counsellor, made.id, "payslips", "scan.jpg", b"\xff\xd8\xff\xe0" + b"0" * (1024 * 1024)
        )
    assert refused.value.errors["file"].startswith("Het bestand is te groot (1,0 MB). Het maximum is 1 MB.")


def test_a_checked_item_keeps_its_files(team: Team) -> None:
    made = make_dossier(team.counsellor)
    item = attach_file(team.counsellor, made.id, "payslips", "a.png", _png(b"x"))
    offer_for_check(team.counsellor, made.id, team.colleague.user.id)
    check_item(team.colleague, made.id, "payslips")
    with pytest.raises(ValidationError):
        remove_attachment(team.counsellor, item.attachments[0].id)
    with pytest.raises(ValidationError):
        attach_file(team.counsellor, made.id, "payslips", "b.png", _png(b"y"))


# --------------------------------------------------------------------------- feeds


def test_klantkaart_sentences_come_from_items_still_to_bring(team: Team) -> None:
    partner = MemberForm(kind="partner", first_names="Samira", surname="Benali")
    made = make_dossier(team.counsellor, household=(partner,))
    _everything_not_applicable(team.counsellor, made.id, "settlement_ready")
    set_status(team.counsellor, made.id, "payslips", ItemStatus.OPEN)
    set_status(team.counsellor, made.id, "payslips:partner", ItemStatus.OPEN)
    set_status(team.counsellor, made.id, "id_document:partner", ItemStatus.OPEN)
    set_status(team.counsellor, made.id, "id_document:partner", ItemStatus.REQUESTED)
    sentences = client_sentences_for_open_items(team.counsellor, made.id)
    assert sentences == [
        "Voor uw partner: neem uw paspoort of ID-kaart mee. Een rijbewijs is niet genoeg.",
        "Neem uw loonstroken van de laatste 3 maanden mee. Dit geldt ook voor uw partner.",
    ]
    assert client_sentences_for_open_items(team.counsellor, made.id, limit=1) == sentences[:1]


def test_overdue_requests_for_signalen(team: Team) -> None:
    made = make_dossier(team.counsellor)
    today = today_local()
    set_status(
        team.counsellor, made.id, "bank_statements", ItemStatus.REQUESTED, on=today - timedelta(days=15)
    )
    set_status(team.counsellor, made.id, "payslips", ItemStatus.REQUESTED, on=today - timedelta(days=14))
    with team.db.read() as session:
        found = overdue_voorlegger_requests(session, today)
        other = overdue_voorlegger_requests(session, today, dossier_ids=[uuid.uuid4()])
    assert [(o.dossier_id, o.key, o.days) for o in found] == [(made.id, "bank_statements", 15)]
    assert found[0].label.startswith("Afschriften van alle bankrekeningen") and other == []
    item = next(
        i for s in overview(team.counsellor, made.id).sections for i in s.items if i.key == "bank_statements"
    )
    assert item.overdue
