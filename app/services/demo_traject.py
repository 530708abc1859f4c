"""Demo rows for the traject: urgency, appointments, stabilisation agreements, referrals, support.

Core bulk inserts only (fast with 50 000 dossiers). The five SCENARIOS.md clients get their own
story: Sanne's health-insurance threat and budgetcoaching; Ahmed's quick traject; Gerda's eviction
and energy threat, home visits, two office no-shows and two warm handovers without feedback;
Ronald's agreement about to end and no contact for weeks; Kevin's short check-ins.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert

from app.domain.traject import (
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    DossierUrgency,
    Partner,
    PartnerKind,
    Referral,
    StabilisationAgreement,
    SupportProductRecord,
)
from app.rules.deadlines import stabilisation_agreement_end
from app.rules.phases import ENDED, Phase, SupportProduct, ThreatKind
from app.rules.workdays import add_workdays, is_workday
from app.services.demo import DemoContext, DemoDossier

OFFICE = "Gemeentehuis Dijkwaard, spreekkamer 2"
HOME = "Bij de cliënt thuis"
PHONE = "Telefonisch"
SLOTS = (
    time(9, 0),
    time(9, 30),
    time(10, 0),
    time(10, 30),
    time(11, 0),
    time(13, 30),
    time(14, 0),
    time(14, 30),
    time(15, 0),
    time(15, 30),
)

PARTNERS = (
    ("Maatschappelijk werk Dijkwaard", PartnerKind.SOCIAL_WORK, "Anouk Verbeek", "0229 220 100"),
    ("GGZ Kustland", PartnerKind.MENTAL_HEALTH, "Team Dijkwaard", "0229 230 200"),
    ("Verslavingszorg De Baak", PartnerKind.ADDICTION_CARE, "Intaketeam", "0229 240 300"),
    ("Woonstichting Dijkwaard", PartnerKind.HOUSING, "Incasso en preventie", "0229 250 400"),
    ("Budgetbeheer Zeewind", PartnerKind.FINANCIAL_ADMINISTRATION, "Mirjam de Ruiter", "0229 260 500"),
    ("Thuisadministratie Vrijwilligers Dijkwaard", PartnerKind.VOLUNTEERS, "Coördinator", "0229 270 600"),
    ("Voedselbank Dijkwaard", PartnerKind.FOOD_BANK, "Aanmeldpunt", "0229 280 700"),
)


def _row(**values: Any) -> dict[str, Any]:
    moment = values.pop("_at", None) or datetime.now(UTC)
    base = {
        "id": uuid.uuid4(),
        "created_at": moment,
        "updated_at": moment,
        "updated_by": "demo",
        "version": 1,
        "deleted_at": None,
    }
    base.update(values)
    return base


def _at(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


def _workday(day: date, forward: bool = True) -> date:
    while not is_workday(day):
        day += timedelta(days=1 if forward else -1)
    return day


@dataclass
class _Rows:
    """Rows per table, plus the slots already taken per counsellor and day."""

    urgency: list[dict[str, Any]] = field(default_factory=list)
    appointments: list[dict[str, Any]] = field(default_factory=list)
    agreements: list[dict[str, Any]] = field(default_factory=list)
    referrals: list[dict[str, Any]] = field(default_factory=list)
    support: list[dict[str, Any]] = field(default_factory=list)
    taken: dict[tuple[str, int], set[int]] = field(default_factory=dict)

    def appointment(
        self,
        d: DemoDossier,
        kind: str,
        day: date,
        status: str,
        place: str,
        *,
        slot: time | None = None,
        rng: random.Random | None = None,
        minutes: int = 60,
        note: str = "",
        complex_talk: bool = False,
        practical: str = "",
    ) -> None:
        used = self.taken.setdefault((d.owner, day.toordinal()), set())
        if slot is None:
            free = [i for i in range(len(SLOTS)) if i not in used] or list(range(len(SLOTS)))
            index = free[int((rng or random.Random(0)).random() * len(free))]
            slot = SLOTS[index]
        else:
            index = SLOTS.index(slot) if slot in SLOTS else -1
        used.add(index)
        start = slot
        self.appointments.append(
            _row(
                _at=_at(day),
                dossier_id=d.id,
                kind=kind,
                day=day,
                starts_at=start,
                duration_minutes=minutes,
                place=place,
                counsellor_id=d.owner_id,
                status=status,
                status_note=note,
                complex_talk=complex_talk,
                reminder_wanted=True,
                reminder_sent=status != AppointmentStatus.PLANNED,
                practical_note=practical,
                updated_by=d.owner,
            )
        )

    def urgent(
        self,
        d: DemoDossier,
        *,
        kinds: str = "",
        threat_on: date | None = None,
        first: date | None = None,
        decision: date | None = None,
    ) -> None:
        self.urgency.append(
            _row(
                _at=_at(d.reported_on),
                dossier_id=d.id,
                threat_kinds=kinds,
                threat_reported_on=threat_on,
                first_conversation_on=first,
                decision_sent_on=decision,
                updated_by=d.owner,
            )
        )

    def agreement(
        self,
        d: DemoDossier,
        start: date,
        *,
        extended: bool = False,
        closed: date | None = None,
        note: str = "",
    ) -> None:
        self.agreements.append(
            _row(
                _at=_at(start),
                dossier_id=d.id,
                starts_on=start,
                ends_on=stabilisation_agreement_end(start),
                extended_until=stabilisation_agreement_end(start, extended=True) if extended else None,
                closed_on=closed,
                creditors_note=note,
                updated_by=d.owner,
            )
        )

    def referral(
        self,
        d: DemoDossier,
        partner: uuid.UUID,
        on: date,
        reason: str,
        *,
        warm: bool,
        partner_on: date | None,
        follow_up: date,
        feedback: str = "",
        feedback_on: date | None = None,
    ) -> None:
        self.referrals.append(
            _row(
                _at=_at(on),
                dossier_id=d.id,
                partner_id=partner,
                referred_on=on,
                reason=reason,
                warm_handover=warm,
                partner_appointment_on=partner_on,
                follow_up_on=follow_up,
                feedback=feedback,
                feedback_on=feedback_on,
                referred_by=d.owner,
                updated_by=d.owner,
            )
        )

    def product(
        self, d: DemoDossier, product: SupportProduct, start: date, end: date | None = None, note: str = ""
    ) -> None:
        self.support.append(
            _row(
                _at=_at(start),
                dossier_id=d.id,
                product=product.value,
                starts_on=start,
                ends_on=end,
                note=note,
                updated_by=d.owner,
            )
        )


def demo_traject(dc: DemoContext) -> None:
    """Insert partners and, per demo dossier, urgency, appointments, agreements, referrals, support."""
    rng = random.Random(dc.rng.random())
    partners = [
        _row(
            name=n,
            kind=k.value,
            contact_person=c,
            phone=p,
            email="",
            address="Dijkwaard",
            note="",
            active=True,
        )
        for n, k, c, p in PARTNERS
    ]
    dc.conn.execute(insert(Partner), partners)
    by_kind = {row["kind"]: row["id"] for row in partners}
    rows = _Rows()
    stories = {"sanne": _sanne, "ahmed": _ahmed, "gerda": _gerda, "ronald": _ronald, "kevin": _kevin}
    for d in dc.dossiers:
        story = stories.get(d.scenario)
        if story is not None:
            story(rows, d, dc.today, by_kind)
        else:
            _random(rows, d, dc.today, rng, by_kind)
    for table, batch in (
        (DossierUrgency, rows.urgency),
        (Appointment, rows.appointments),
        (StabilisationAgreement, rows.agreements),
        (Referral, rows.referrals),
        (SupportProductRecord, rows.support),
    ):
        for chunk in _chunks(batch):
            dc.conn.execute(insert(table), chunk)


def _chunks(rows: list[dict[str, Any]], size: int = 5000) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _dates(d: DemoDossier) -> dict[str, date]:
    found: dict[str, date] = {}
    for phase, on in d.path:
        found.setdefault(str(phase), on)
    return found


def _random(
    rows: _Rows, d: DemoDossier, today: date, rng: random.Random, partners: dict[str, uuid.UUID]
) -> None:
    dates = _dates(d)
    intake = dates.get(Phase.INTAKE.value)
    stab = dates.get(Phase.STABILISATION.value)
    open_ = Phase(d.phase) not in ENDED
    end = d.path[-1][1] if d.path else d.reported_on
    threat = rng.random() < 0.08
    kinds = ",".join(rng.sample([k.value for k in ThreatKind], rng.choice((1, 1, 2)))) if threat else ""
    decision = None
    if intake is not None and stab is not None:
        decision = min(stab, intake + timedelta(days=rng.randint(5, 40)))
    if threat or intake is not None:
        rows.urgent(
            d,
            kinds=kinds,
            threat_on=d.reported_on + timedelta(days=rng.randint(0, 3)) if threat else None,
            first=intake,
            decision=decision,
        )
    if intake is not None:
        rows.appointment(
            d,
            AppointmentKind.INTAKE,
            intake,
            AppointmentStatus.HELD,
            HOME if threat else OFFICE,
            rng=rng,
            complex_talk=True,
        )
        span = (min(end if not open_ else today, today) - intake).days
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            if span < 2:
                break
            day = _workday(intake + timedelta(days=rng.randint(1, span)), forward=False)
            kind = rng.choice(
                (AppointmentKind.CONSULTATION_HOUR, AppointmentKind.PHONE, AppointmentKind.HOME_VISIT)
            )
            draw = rng.random()
            status = (
                AppointmentStatus.HELD
                if draw < 0.85
                else (AppointmentStatus.NO_SHOW if draw < 0.95 else AppointmentStatus.CANCELLED)
            )
            place = {AppointmentKind.CONSULTATION_HOUR: OFFICE, AppointmentKind.PHONE: PHONE}.get(kind, HOME)
            rows.appointment(
                d, kind, day, status, place, rng=rng, minutes=20 if kind == AppointmentKind.PHONE else 60
            )
    if open_ and intake is not None and d.phase != Phase.REFERRED and rng.random() < 0.8:
        # Most active dossiers had recent contact; the rest show up in Signalen as "geen contact".
        day = _workday(today - timedelta(days=rng.randint(1, 38)), forward=False)
        if day > intake:
            rows.appointment(
                d, AppointmentKind.PHONE, day, AppointmentStatus.HELD, PHONE, rng=rng, minutes=20
            )
    if open_ and rng.random() < (0.6 if d.phase == Phase.APPLICATION else 0.3):
        day = _workday(today + timedelta(days=rng.randint(0, 13)))
        kind = (
            AppointmentKind.INTAKE
            if d.phase == Phase.APPLICATION
            else rng.choice(
                (AppointmentKind.CONSULTATION_HOUR, AppointmentKind.HOME_VISIT, AppointmentKind.PHONE)
            )
        )
        place = {AppointmentKind.HOME_VISIT: HOME, AppointmentKind.PHONE: PHONE}.get(kind, OFFICE)
        rows.appointment(
            d,
            kind,
            day,
            AppointmentStatus.PLANNED,
            place,
            rng=rng,
            complex_talk=kind == AppointmentKind.INTAKE,
        )
    if stab is None:
        return
    if rng.random() < 0.5:
        start = min(stab + timedelta(days=rng.randint(0, 14)), today)
        plain, longer = stabilisation_agreement_end(start), stabilisation_agreement_end(start, extended=True)
        after = dates.get(Phase.READY_FOR_SETTLEMENT.value) or (end if not open_ else None)
        if after is not None and after >= start:
            rows.agreement(d, start, extended=after > plain, closed=after)
        elif plain < today:
            rows.agreement(d, start, extended=True, closed=longer if longer < today else None)
        else:
            rows.agreement(d, start)
    if rng.random() < 0.45:
        on = min(stab + timedelta(days=rng.randint(0, 30)), today)
        partner_kind = rng.choice(
            (
                PartnerKind.SOCIAL_WORK,
                PartnerKind.SOCIAL_WORK,
                PartnerKind.MENTAL_HEALTH,
                PartnerKind.ADDICTION_CARE,
                PartnerKind.VOLUNTEERS,
                PartnerKind.FOOD_BANK,
            )
        )
        warm = rng.random() < 0.6
        follow = on + timedelta(days=21)
        answered = follow < today and rng.random() < 0.85
        rows.referral(
            d,
            partners[partner_kind.value],
            on,
            "Hulp bij de administratie en de zorgen thuis.",
            warm=warm,
            partner_on=on + timedelta(days=rng.randint(2, 10)) if warm else None,
            follow_up=follow,
            feedback="Cliënt is gestart; het contact loopt goed." if answered else "",
            feedback_on=follow - timedelta(days=rng.randint(0, 10)) if answered else None,
        )
    if rng.random() < 0.25:
        rows.product(d, SupportProduct.BUDGET_MANAGEMENT, stab, None if open_ else end)
    elif rng.random() < 0.25:
        rows.product(d, SupportProduct.BUDGET_COACHING, stab, min(stab + timedelta(days=90), today))
    dfd = dates.get(Phase.LONG_TERM_SERVICE.value)
    if dfd is not None:
        rows.product(d, SupportProduct.LONG_TERM_SERVICE, dfd)


def _sanne(rows: _Rows, d: DemoDossier, today: date, partners: dict[str, uuid.UUID]) -> None:
    dates = _dates(d)
    intake, stab = dates[Phase.INTAKE.value], dates[Phase.STABILISATION.value]
    # The insurer's cancellation warning made it urgent; the first conversation kept the 3 werkdagen.
    rows.urgent(
        d,
        kinds=ThreatKind.HEALTH_INSURANCE.value,
        threat_on=add_workdays(intake, -2),
        first=intake,
        decision=intake + timedelta(days=10),
    )
    rows.appointment(
        d,
        AppointmentKind.INTAKE,
        intake,
        AppointmentStatus.HELD,
        OFFICE,
        slot=time(10, 0),
        complex_talk=True,
        practical="Reiskosten bus vergoed.",
    )
    rows.appointment(
        d, AppointmentKind.CONSULTATION_HOUR, stab, AppointmentStatus.HELD, OFFICE, slot=time(9, 30)
    )
    rows.appointment(
        d,
        AppointmentKind.CONSULTATION_HOUR,
        _workday(today + timedelta(days=5)),
        AppointmentStatus.PLANNED,
        OFFICE,
        slot=time(10, 0),
        practical="Loonstroken meenemen.",
    )
    rows.agreement(d, stab, note="Zorgverzekeraar en Belastingdienst stemmen in met uitstel.")
    rows.product(d, SupportProduct.BUDGET_COACHING, stab, note="Groepscursus 'Grip op je geld'.")


def _ahmed(rows: _Rows, d: DemoDossier, today: date, partners: dict[str, uuid.UUID]) -> None:
    dates = _dates(d)
    intake, stab = dates[Phase.INTAKE.value], dates[Phase.STABILISATION.value]
    settlement = dates[Phase.SETTLEMENT.value]
    rows.urgent(d, first=intake, decision=intake + timedelta(days=7))
    rows.appointment(d, AppointmentKind.INTAKE, intake, AppointmentStatus.HELD, OFFICE, slot=time(9, 0))
    rows.appointment(
        d, AppointmentKind.CONSULTATION_HOUR, stab, AppointmentStatus.HELD, OFFICE, slot=time(11, 0)
    )
    rows.appointment(
        d,
        AppointmentKind.CONSULTATION_HOUR,
        settlement,
        AppointmentStatus.HELD,
        OFFICE,
        slot=time(9, 30),
        complex_talk=True,
    )
    rows.appointment(
        d,
        AppointmentKind.PHONE,
        _workday(today + timedelta(days=7)),
        AppointmentStatus.PLANNED,
        PHONE,
        slot=time(9, 0),
        minutes=20,
    )
    rows.agreement(d, stab, closed=settlement, note="Alle schuldeisers akkoord met uitstel.")


def _gerda(rows: _Rows, d: DemoDossier, today: date, partners: dict[str, uuid.UUID]) -> None:
    dates = _dates(d)
    stab, dfd = dates[Phase.STABILISATION.value], dates[Phase.LONG_TERM_SERVICE.value]
    first = add_workdays(d.reported_on, 2)
    rows.urgent(
        d,
        kinds=f"{ThreatKind.EVICTION.value},{ThreatKind.ENERGY.value}",
        threat_on=d.reported_on,
        first=first,
        decision=first + timedelta(days=6),
    )
    rows.appointment(
        d,
        AppointmentKind.HOME_VISIT,
        first,
        AppointmentStatus.HELD,
        HOME,
        slot=time(10, 0),
        complex_talk=True,
        note="Eerste gesprek thuis; post samen geopend.",
    )
    for weeks in (3, 6):
        rows.appointment(
            d,
            AppointmentKind.CONSULTATION_HOUR,
            _workday(first + timedelta(weeks=weeks)),
            AppointmentStatus.NO_SHOW,
            OFFICE,
            slot=time(10, 30),
            note="Niet gekomen, niet afgemeld.",
        )
    for day in (stab, dfd, today - timedelta(days=46), today - timedelta(days=18)):
        rows.appointment(
            d,
            AppointmentKind.HOME_VISIT,
            _workday(day, forward=False),
            AppointmentStatus.HELD,
            HOME,
            slot=time(10, 0),
        )
    rows.appointment(
        d,
        AppointmentKind.HOME_VISIT,
        _workday(today + timedelta(days=6)),
        AppointmentStatus.PLANNED,
        HOME,
        slot=time(10, 0),
        practical="Kat binnen houden; bel even aan bij de achterdeur.",
    )
    referred = _workday(today - timedelta(days=46), forward=False)
    for kind, partner_days, reason in (
        (PartnerKind.SOCIAL_WORK, 6, "Hulp bij post en administratie; ondersteuning thuis."),
        (PartnerKind.MENTAL_HEALTH, 13, "Somberheid en alcohol; mevrouw wil hulp."),
    ):
        rows.referral(
            d,
            partners[kind.value],
            referred,
            reason,
            warm=True,
            partner_on=referred + timedelta(days=partner_days),
            follow_up=referred + timedelta(days=21),
        )
    rows.agreement(d, stab, extended=True, note="Woningcorporatie en energieleverancier wachten met incasso.")
    rows.product(d, SupportProduct.BUDGET_MANAGEMENT, stab, note="Via Budgetbeheer Zeewind.")
    rows.product(d, SupportProduct.LONG_TERM_SERVICE, dfd)


def _ronald(rows: _Rows, d: DemoDossier, today: date, partners: dict[str, uuid.UUID]) -> None:
    intake = _dates(d)[Phase.INTAKE.value]
    rows.urgent(d, first=intake, decision=intake + timedelta(days=20))
    rows.appointment(
        d, AppointmentKind.INTAKE, intake, AppointmentStatus.HELD, OFFICE, slot=time(9, 0), complex_talk=True
    )
    rows.appointment(
        d,
        AppointmentKind.CONSULTATION_HOUR,
        _workday(today - timedelta(days=63), forward=False),
        AppointmentStatus.HELD,
        OFFICE,
        slot=time(9, 30),
        complex_talk=True,
        note="Uitleg over de aanslag van de Belastingdienst; meneer was boos.",
    )
    rows.appointment(
        d,
        AppointmentKind.CONSULTATION_HOUR,
        _workday(today - timedelta(days=49), forward=False),
        AppointmentStatus.NO_SHOW,
        OFFICE,
        slot=time(10, 0),
        note="Niet gekomen na het slechte nieuws.",
    )
    # Started 110 days ago: it ends within two weeks, so Signalen warns now.
    rows.agreement(d, today - timedelta(days=110), note="Belastingdienst: 4 maanden uitstel van invordering.")


def _kevin(rows: _Rows, d: DemoDossier, today: date, partners: dict[str, uuid.UUID]) -> None:
    intake = _dates(d)[Phase.INTAKE.value]
    rows.urgent(d, first=intake)
    rows.appointment(
        d,
        AppointmentKind.INTAKE,
        intake,
        AppointmentStatus.HELD,
        OFFICE,
        slot=time(9, 30),
        practical="Zoon (4) naar de opvang; parkeerkaart gegeven.",
    )
    rows.appointment(
        d,
        AppointmentKind.PHONE,
        _workday(today + timedelta(days=2)),
        AppointmentStatus.PLANNED,
        PHONE,
        slot=time(9, 0),
        minutes=15,
        note="",
        practical="Kort: staan de bankafschriften klaar?",
    )
    friday = today + timedelta(days=(4 - today.weekday()) % 7 or 7)
    rows.appointment(
        d,
        AppointmentKind.CONSULTATION_HOUR,
        _workday(friday),
        AppointmentStatus.PLANNED,
        OFFICE,
        slot=time(9, 30),
        minutes=30,
        practical="Bankafschriften van 3 maanden meenemen.",
    )
