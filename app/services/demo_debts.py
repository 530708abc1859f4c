"""Demo creditors, debts and budget plans for every demo dossier (Core bulk inserts).

The five clients of SCENARIOS.md get their exact incomes and debts (Sanne € 3.870, Ahmed
€ 14.200, Gerda € 9.600 at 11 creditors, Ronald € 31.500 with business debts, Kevin € 6.800 plus
€ 740 gas arrears); every other dossier gets a plausible random set. Public bodies carry their
real names; companies are invented.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, insert

from app.domain.budgets import BudgetLine, BudgetPlan
from app.domain.debts import Creditor, Debt
from app.services.demo import DemoContext, DemoDossier
from app.services.demo_debts_data import CREDITORS, SCENARIO_BUDGETS, SCENARIO_DEBTS, SCENARIO_PLAN, L

_GENERIC_DEBTS = (
    ("telecom", 100, 900, "Telefoonabonnement"),
    ("health_insurer", 300, 2000, "Premie zorgverzekering"),
    ("energy", 200, 1800, "Achterstand energie"),
    ("landlord", 600, 3000, "Huurachterstand"),
    ("water", 80, 400, "Achterstand water"),
    ("cjib", 90, 900, "Verkeersboete"),
    ("belastingdienst", 300, 4000, "Terugvordering toeslag"),
    ("bank_credit", 500, 9000, "Lening"),
    ("other", 50, 1200, "Achteraf betalen"),
    ("municipality", 100, 700, "Gemeentelijke belastingen"),
    ("duo", 500, 6000, "Studieschuld achterstand"),
)
_STAGES = ("reminder", "demand", "collection", "bailiff", "garnishment")
_LATE_PHASES = frozenset({"ready_for_settlement", "settlement", "aftercare", "closed", "long_term_service"})


def _table(model: type[Any]) -> Table:
    table: Table = model.__table__
    return table


def _stamp(day: date) -> datetime:
    return datetime.combine(day, time(11, 0), tzinfo=UTC)


#: Ids for demo rows: random enough for a demo and ~5x faster than ``uuid4`` (no os.urandom call).
_IDS = random.Random()


def _new_id() -> uuid.UUID:
    return uuid.UUID(int=_IDS.getrandbits(128), version=4)


def _base(moment: datetime) -> dict[str, Any]:
    return {
        "id": _new_id(),
        "created_at": moment,
        "updated_at": moment,
        "updated_by": "demo",
        "version": 1,
        "deleted_at": None,
    }


def _debt_row(
    dossier: DemoDossier,
    creditor: uuid.UUID,
    kind: str,
    cents: int,
    created: date,
    today: date,
    **values: Any,
) -> dict[str, Any]:
    row = _base(_stamp(created))
    row.update(
        dossier_id=dossier.id,
        creditor_id=creditor,
        creditor_reference="",
        collection_agency_id=None,
        collection_agency_reference="",
        bailiff_id=None,
        bailiff_reference="",
        description="",
        debt_type="concurrent",
        original_cents=None,
        reported_cents=cents,
        confirmed_cents=None,
        balance_cents=None,
        balance_on=None,
        origin_on=dossier.reported_on - timedelta(days=120),
        is_fine=False,
        excluded_from_settlement=False,
        verification="reported",
        collection_stage=None,
        garnishment_kind=None,
        garnishment_since=None,
        garnishment_month_cents=None,
        proposal_cents=None,
        proposal_on=None,
        proposal_answer=None,
        proposal_answer_on=None,
        business=False,
        priority=kind in ("landlord", "energy", "water", "health_insurer"),
        threat=None,
        correspondence="to_contact",
        correspondence_on=None,
        note="",
    )
    row.update(values)
    if row["verification"] == "confirmed" and row["confirmed_cents"] is None:
        row["confirmed_cents"] = row["balance_cents"] = cents
        row["balance_on"] = row["balance_on"] or max(created, today - timedelta(days=30))
    return row


def _plan_row(
    dossier: DemoDossier, valid_from: date, week_cents: int, official: tuple[int, str] | None
) -> dict[str, Any]:
    row = _base(_stamp(valid_from))
    row.update(
        dossier_id=dossier.id,
        valid_from=valid_from,
        living_allowance_week_cents=week_cents,
        official_garnishment_free_cents=official[0] if official else None,
        official_garnishment_free_on=valid_from if official else None,
        official_garnishment_free_source=official[1] if official else "",
        vtlb_cents=None,
        note="",
    )
    return row


def _line_rows(plan: dict[str, Any], lines: Sequence[L]) -> list[dict[str, Any]]:
    out = []
    for position, (side, category, cents, frequency, description) in enumerate(lines, start=1):
        row = _base(plan["created_at"])
        row.update(
            plan_id=plan["id"],
            side=side,
            category=category,
            description=description,
            amount_cents=cents,
            frequency=frequency,
            position=position,
        )
        out.append(row)
    return out


def demo_debts(dc: DemoContext) -> None:
    """Insert the creditor directory, debts and budget plans for every demo dossier."""
    moment = _stamp(dc.today - timedelta(days=800))
    creditors: list[dict[str, Any]] = []
    for name, kind, street, postcode, city, phone in CREDITORS:
        row = _base(moment)
        row.update(
            name=name,
            kind=kind,
            street=street,
            postcode=postcode,
            city=city,
            phone=phone,
            email="",
            kvk_number="",
            note="",
        )
        creditors.append(row)
    dc.conn.execute(insert(_table(Creditor)), creditors)
    by_name = {c["name"]: c["id"] for c in creditors}
    by_kind: dict[str, list[uuid.UUID]] = {}
    for c in creditors:
        by_kind.setdefault(c["kind"], []).append(c["id"])
    debts: list[dict[str, Any]] = []
    plans: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for dossier in dc.dossiers:
        if dossier.scenario:
            _scenario(dc, dossier, by_name, debts, plans, lines)
        else:
            _generic(dc.rng, dc.today, dossier, by_kind, debts, plans, lines)
        if len(debts) + len(lines) >= 20_000:
            _flush(dc, debts, plans, lines)
    _flush(dc, debts, plans, lines)


def _flush(
    dc: DemoContext, debts: list[dict[str, Any]], plans: list[dict[str, Any]], lines: list[dict[str, Any]]
) -> None:
    for table, rows in ((_table(Debt), debts), (_table(BudgetPlan), plans), (_table(BudgetLine), lines)):
        if rows:
            dc.conn.execute(insert(table), rows)
            rows.clear()


def _scenario(
    dc: DemoContext,
    dossier: DemoDossier,
    by_name: dict[str, uuid.UUID],
    debts: list[dict[str, Any]],
    plans: list[dict[str, Any]],
    lines: list[dict[str, Any]],
) -> None:
    today, start = dc.today, dossier.reported_on
    kinds = {name: kind for name, kind, *_ in CREDITORS}
    for i, spec in enumerate(SCENARIO_DEBTS[dossier.scenario]):
        extra = dict(spec.extra)
        created = min(today, start + timedelta(days=7 + i))
        values: dict[str, Any] = {
            "description": spec.what,
            "creditor_reference": f"{kinds[spec.creditor][:3].upper()}-{40213 + i * 17}",
            "collection_stage": extra.pop("stage", None),
            "verification": extra.pop("verification", "reported"),
            "correspondence": extra.pop("correspondence", "to_contact"),
            "is_fine": extra.pop("is_fine", False),
            "business": extra.pop("business", False),
            "debt_type": extra.pop("debt_type", "concurrent"),
            "origin_on": start - timedelta(days=365 * extra.pop("origin_years", 0) + 90 + 11 * i),
        }
        if values["correspondence"] != "to_contact":
            values["correspondence_on"] = min(today, created + timedelta(days=3))
        if agency := extra.pop("agency", None):
            values.update(
                collection_agency_id=by_name[agency], collection_agency_reference=f"INC{771200 + i}"
            )
        if bailiff := extra.pop("bailiff", None):
            values.update(bailiff_id=by_name[bailiff], bailiff_reference=f"DW/{2026}/{5100 + i}")
        if threat := extra.pop("threat", None):
            values.update(threat=threat, priority=True)
        if garnishment := extra.pop("garnishment", None):
            values.update(
                garnishment_kind=garnishment[0],
                garnishment_month_cents=garnishment[1],
                garnishment_since=start - timedelta(days=60),
            )
        if extra.pop("stale", False):
            values.update(
                confirmed_cents=spec.euros * 100,
                balance_cents=spec.euros * 100,
                balance_on=today - timedelta(days=240),
            )
        if answer := extra.pop("proposal", None):
            proposed = min(today, start + timedelta(days=70))
            values.update(
                proposal_cents=spec.euros * 100 * 40 // 100,
                proposal_on=proposed,
                proposal_answer=answer,
                proposal_answer_on=min(today, proposed + timedelta(days=20)) if answer != "pending" else None,
            )
        assert not extra, extra
        debts.append(
            _debt_row(
                dossier,
                by_name[spec.creditor],
                kinds[spec.creditor],
                spec.euros * 100,
                created,
                today,
                **values,
            )
        )
    week, official = SCENARIO_PLAN[dossier.scenario]
    budget = list(SCENARIO_BUDGETS[dossier.scenario])
    first = _plan_row(dossier, min(today, start + timedelta(days=10)), week, official)
    plans.append(first)
    if dossier.scenario == "sanne":
        # Sanne's first plan, before the course; the second adds a small repayment and cheaper phone.
        lines.extend(
            _line_rows(
                first, [*budget[:4], ("expense", "phone_internet", 4500, "month", "Abonnement"), *budget[5:]]
            )
        )
        second = _plan_row(dossier, min(today, start + timedelta(days=50)), week, official)
        plans.append(second)
        lines.extend(
            _line_rows(
                second, [*budget, ("expense", "repayment", 5000, "month", "Reservering schuldregeling")]
            )
        )
    else:
        lines.extend(_line_rows(first, budget))


def _generic(
    rng: random.Random,
    today: date,
    dossier: DemoDossier,
    by_kind: dict[str, list[uuid.UUID]],
    debts: list[dict[str, Any]],
    plans: list[dict[str, Any]],
    lines: list[dict[str, Any]],
) -> None:
    start = dossier.reported_on
    late = dossier.phase in _LATE_PHASES
    for _ in range(rng.randint(1, 2) if dossier.phase == "application" else rng.randint(1, 5)):
        kind, low, high, what = rng.choice(_GENERIC_DEBTS)
        cents = rng.randint(low, high) * 100 + rng.choice((0, 0, 50, 95))
        created = min(today, start + timedelta(days=rng.randint(0, 40)))
        stage = rng.choice(_STAGES[:4]) if rng.random() < 0.9 else "garnishment"
        values: dict[str, Any] = {
            "description": what,
            "collection_stage": stage,
            "verification": "confirmed"
            if late or rng.random() < 0.3
            else rng.choice(("reported", "balance_requested")),
            "correspondence": "answer_received"
            if late
            else rng.choice(("to_contact", "letter_sent", "reminder_sent")),
            "is_fine": kind == "cjib",
        }
        if stage == "garnishment":
            values.update(
                garnishment_kind=rng.choice(("wages", "benefit", "bank")),
                garnishment_since=start,
                garnishment_month_cents=rng.randint(50, 300) * 100,
            )
        if values["verification"] == "confirmed":
            values.update(confirmed_cents=cents, balance_cents=cents, balance_on=created)
        debts.append(_debt_row(dossier, rng.choice(by_kind[kind]), kind, cents, created, today, **values))
    partner = dossier.has_partner
    income = rng.randint(1150, 2600) * 100
    budget: list[L] = [
        ("income", rng.choice(("wages", "benefit")), income, "month", ""),
        ("expense", "rent", rng.randint(450, 1050) * 100, "month", ""),
        ("expense", "energy", rng.randint(90, 220) * 100, "month", ""),
        ("expense", "health_insurance", (300 if partner else 150) * 100, "month", ""),
        ("expense", "phone_internet", rng.randint(25, 70) * 100, "month", ""),
    ]
    if partner and rng.random() < 0.5:
        budget.insert(1, ("income", "wages", rng.randint(400, 1200) * 100, "month", "Partner"))
    if dossier.children:
        budget.insert(1, ("income", "kinderbijslag", 29000 * dossier.children, "quarter", ""))
    plan = _plan_row(
        dossier, min(today, start + timedelta(days=rng.randint(5, 40))), rng.randint(40, 160) * 100, None
    )
    plans.append(plan)
    lines.extend(_line_rows(plan, budget))
