"""Fill a fresh encrypted database with realistic synthetic dossiers (``python -m app demo``).

Core bulk inserts (not ORM objects) keep 50 000 dossiers well under a minute (STACK.md:
``add_all`` is 16× slower than Core). The five clients and the team of SCENARIOS.md are always
among them. Later capabilities add their own demo rows through :data:`EXTENSIONS`.
"""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from app.config import LocalConfig, Paths, load_config
from app.db.base import utcnow
from app.db.keys import KeyFile
from app.domain.clients import Client, HouseholdMember
from app.domain.dossiers import ContactMoment, Dossier, PhaseTransition
from app.domain.users import Role, User
from app.rules.phases import ClosingReason, Phase
from app.services import audit, settings
from app.services.auth import Opened, hash_password, init_database
from app.services.context import today_local
from app.services.demo_insert import BulkConnection, bulk_insert
from app.services.demo_people import (
    CITIES,
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    STREETS,
    SURNAMES,
    birth_date,
    bsn,
    iban,
    postcode,
)
from app.services.dossiers import fold

DEMO_PASSWORD = "demo"
DEVICE_CODE = "DW"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    roles: str
    phone: str = "0229 123 456"


TEAM = (
    DemoUser("consulent", "Fatima El Amrani", Role.COUNSELLOR, "0229 123 451"),
    DemoUser("joost", "Joost de Boer", Role.COUNSELLOR, "0229 123 452"),
    DemoUser("teamleider", "Marieke Hoekstra", Role.TEAM_LEAD, "0229 123 450"),
    DemoUser("beheerder", "Henk Visser", Role.ADMIN, "0229 123 459"),
    DemoUser("lotte", "Lotte Smit", Role.COUNSELLOR),
    DemoUser("mehmet", "Mehmet Yilmaz", Role.COUNSELLOR),
    DemoUser("ilse", "Ilse de Wit", Role.COUNSELLOR),
    DemoUser("bas", "Bas Kramer", Role.COUNSELLOR),
)


@dataclass
class DemoDossier:
    """What extensions know about each generated dossier."""

    id: uuid.UUID
    number: str
    client_id: uuid.UUID
    owner: str
    owner_id: uuid.UUID
    reported_on: date
    phase: str
    path: list[tuple[str, date]]
    scenario: str = ""
    has_partner: bool = False
    children: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class DemoContext:
    """Passed to every extension: the connection, a seeded RNG, the users and the dossiers."""

    conn: Connection
    rng: random.Random
    today: date
    users: dict[str, uuid.UUID]
    dossiers: list[DemoDossier]


Extension = Callable[[DemoContext], None]

#: Later capabilities register functions here that add their demo rows (debts, budgets, …).
EXTENSIONS: list[Extension] = []


def _stamp(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def _row(model: type[Any], **values: Any) -> dict[str, Any]:
    moment = values.pop("_at", None) or utcnow()
    base = {
        "id": uuid.uuid4(),
        "created_at": moment,
        "updated_at": moment,
        "updated_by": "demo",
        "version": 1,
        "deleted_at": None,
    }
    base.update(values)
    del model
    return base


# Journey templates: (phase, days after the previous step), with the probability of stopping there.
_MAIN = [
    Phase.INTAKE,
    Phase.STABILISATION,
    Phase.READY_FOR_SETTLEMENT,
    Phase.SETTLEMENT,
    Phase.AFTERCARE,
    Phase.CLOSED,
]
_GAPS = {
    Phase.INTAKE: (3, 35),
    Phase.STABILISATION: (5, 30),
    Phase.READY_FOR_SETTLEMENT: (40, 300),
    Phase.SETTLEMENT: (10, 90),
    Phase.AFTERCARE: (300, 560),
    Phase.CLOSED: (60, 200),
}
_DROP_REASONS = (
    ClosingReason.NO_SHOW,
    ClosingReason.WITHDRAWN_REASON_UNKNOWN,
    ClosingReason.INSUFFICIENT_COOPERATION,
    ClosingReason.MOVED,
    ClosingReason.SOLVED_BY_CLIENT,
)


def _journey(rng: random.Random, reported: date, today: date) -> tuple[list[tuple[str, date]], str | None]:
    """Return the dated phases after the aanmelding, and a closing reason for an ending."""
    path: list[tuple[str, date]] = []
    day = reported
    for phase in _MAIN:
        low, high = _GAPS[phase]
        nxt = day + timedelta(days=rng.randint(low, high))
        if nxt > today:
            break
        if phase == Phase.READY_FOR_SETTLEMENT and rng.random() < 0.12:
            path.append((Phase.LONG_TERM_SERVICE, nxt))
            return path, None
        if phase in (Phase.INTAKE, Phase.STABILISATION, Phase.READY_FOR_SETTLEMENT) and rng.random() < 0.12:
            path.append((Phase.DROPPED_OUT, nxt))
            return path, rng.choice(_DROP_REASONS).value
        if phase == Phase.STABILISATION and rng.random() < 0.06:
            path.append((Phase.REFERRED, nxt))
            return path, None
        path.append((phase, nxt))
        day = nxt
    closing = ClosingReason.AMICABLE_AGREEMENT.value if path and path[-1][0] == Phase.CLOSED else None
    return path, closing


@dataclass(frozen=True)
class Scenario:
    key: str
    first: str
    initials: str
    prefix: str
    surname: str
    age: int
    street: str
    number: str
    help_question: str
    phase: str
    days_ago: int
    partner: tuple[str, str, str] | None = None
    children: tuple[int, ...] = ()
    marital: str = "single"
    regime: str | None = None
    domains: str = ""


SCENARIOS = (
    Scenario(
        "sanne",
        "Sanne",
        "S.",
        "",
        "Willems",
        23,
        "Rietgors",
        "14",
        "Ik wil leren hoe ik mijn geld goed regel. Ik krijg steeds brieven en snap ze niet.",
        Phase.STABILISATION,
        75,
        domains="work",
    ),
    Scenario(
        "ahmed",
        "Ahmed",
        "A.",
        "",
        "Benali",
        41,
        "Lindelaan",
        "3",
        "Ik ben mijn baan kwijt. Ik wil mijn schulden snel oplossen.",
        Phase.SETTLEMENT,
        140,
        partner=("Samira", "", "Benali"),
        children=(6, 9),
        marital="married",
        regime="community",
    ),
    Scenario(
        "gerda",
        "Gerda",
        "G.",
        "",
        "Mulder",
        58,
        "Meeuwenlaan",
        "27",
        "Ik krijg de post niet meer open. Ik ben bang dat ik uit mijn huis moet.",
        Phase.LONG_TERM_SERVICE,
        200,
        domains="mental_health,addiction,housing",
    ),
    Scenario(
        "ronald",
        "Ronald",
        "R.",
        "",
        "Kuipers",
        47,
        "Havenkade",
        "8",
        "De Belastingdienst heeft mij kapotgemaakt. Ik wil dat iemand eerlijk naar mijn zaak kijkt.",
        Phase.STABILISATION,
        260,
        marital="divorced",
        domains="work,mental_health",
    ),
    Scenario(
        "kevin",
        "Kevin",
        "K.",
        "de",
        "Groot",
        35,
        "Zeedijk",
        "112",
        "Ik weet wat ik moet doen, maar ik stel het steeds uit.",
        Phase.INTAKE,
        30,
        children=(4,),
        domains="parenting",
    ),
)


def _scenario_path(s: Scenario, reported: date, today: date) -> list[tuple[str, date]]:
    order = {
        Phase.INTAKE: [Phase.INTAKE],
        Phase.STABILISATION: [Phase.INTAKE, Phase.STABILISATION],
        Phase.SETTLEMENT: [Phase.INTAKE, Phase.STABILISATION, Phase.READY_FOR_SETTLEMENT, Phase.SETTLEMENT],
        Phase.LONG_TERM_SERVICE: [Phase.INTAKE, Phase.STABILISATION, Phase.LONG_TERM_SERVICE],
    }[Phase(s.phase)]
    step = max(1, (today - reported).days // (len(order) + 1))
    return [(p.value, reported + timedelta(days=step * (i + 1))) for i, p in enumerate(order)]


class _Batch:
    """Collect rows per table and insert them in large Core batches."""

    def __init__(self, conn: Connection, size: int = 5000) -> None:
        self.conn, self.size = conn, size
        self.rows: dict[Any, list[dict[str, Any]]] = {}

    def add(self, table: Any, row: dict[str, Any]) -> None:
        bucket = self.rows.setdefault(table, [])
        bucket.append(row)
        if len(bucket) >= self.size:
            self.flush()  # every table, in the order first seen, so parents go before children

    def flush(self, table: Any | None = None) -> None:
        for t in [table] if table is not None else list(self.rows):
            if self.rows.get(t):
                bulk_insert(self.conn, t, self.rows[t])
                self.rows[t] = []


def generate_demo(
    paths: Paths,
    config: LocalConfig,
    *,
    dossiers: int = 300,
    seed: int = 1,
    today: date | None = None,
    municipality: str = "Dijkwaard",
) -> Opened:
    """Create a demo database at ``paths`` and log in as ``consulent``.

    A local demo is built in a hidden folder beside ``paths`` and moved into place only when it
    is complete, so a demo killed half-way leaves no accounts without dossiers behind (issue #24).
    """
    from app.services.auth import login

    if not config.database_url:
        return _generate_staged(
            paths, config, dossiers=dossiers, seed=seed, today=today, municipality=municipality
        )
    opened: Opened = _generate(
        paths, config, dossiers=dossiers, seed=seed, today=today, municipality=municipality, login=login
    )
    return opened


STAGING_PREFIX = ".helder-demo-bouw-"


def _generate_staged(
    paths: Paths, config: LocalConfig, *, dossiers: int, seed: int, today: date | None, municipality: str
) -> Opened:
    import shutil
    import tempfile

    from app.errors import KnownError
    from app.services.auth import login

    if paths.local_database_exists():
        raise KnownError(f"In {paths.data_dir} staat al een database; kies een lege map voor de demo.")
    parent = paths.data_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob(f"{STAGING_PREFIX}*"):  # left by a demo that was killed
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent))
    try:
        staged = Paths(staging)
        opened = _generate(
            staged, config, dossiers=dossiers, seed=seed, today=today, municipality=municipality, login=None
        )
        del opened
        paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        wal = [Path(f"{staged.database}{suffix}") for suffix in ("-wal", "-shm")]
        for item in (staged.key_file, staged.config_file, *wal, staged.database):  # the database last
            if item.exists():
                os.replace(item, paths.data_dir / item.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return login(paths, load_config(paths), "consulent", DEMO_PASSWORD, device="demo")


def _generate(
    paths: Paths,
    config: LocalConfig,
    *,
    dossiers: int,
    seed: int,
    today: date | None,
    municipality: str,
    login: Any,
) -> Any:
    today = today or today_local()
    rng = random.Random(seed)
    config = LocalConfig(**{**config.__dict__, "device_code": DEVICE_CODE})
    opened = init_database(
        paths,
        config,
        municipality=f"Gemeente {municipality}",
        admin_username="beheerder",
        admin_password=DEMO_PASSWORD,
        admin_full_name="Henk Visser",
        check_password=False,
    )
    db = opened.db
    keys = KeyFile(paths.key_file) if db.data_key is not None else None
    users: dict[str, uuid.UUID] = {"beheerder": opened.user.id}
    with db.begin() as session:
        for member in TEAM:
            if member.username == "beheerder":
                continue
            user = User(
                username=member.username,
                full_name=member.full_name,
                roles=member.roles,
                password_hash=hash_password(DEMO_PASSWORD),
                phone=member.phone,
                email=f"{member.username}@{municipality.lower()}.nl",
                updated_by="demo",
                job_title="Teamleider schuldhulpverlening"
                if member.roles == Role.TEAM_LEAD
                else "Schuldhulpverlener",
            )
            session.add(user)
            session.flush()
            users[member.username] = user.id
            if keys is not None and db.data_key is not None:
                keys.wrap(member.username, DEMO_PASSWORD, db.data_key)
        for key, value in _demo_settings(municipality).items():
            settings.put(session, key, value, "demo")
        audit.record(
            session,
            actor="beheerder",
            device="demo",
            action="demo",
            object_type="database",
            details={"dossiers": dossiers, "seed": seed},
        )
    counsellors = [u.username for u in TEAM if u.roles == Role.COUNSELLOR]
    made: list[DemoDossier] = []
    with db.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            # A large page cache for the bulk load: fewer encrypted pages written out and read back.
            conn.exec_driver_sql("PRAGMA cache_size = -131072")
        batch = _Batch(conn)
        for i in range(max(dossiers, len(SCENARIOS))):
            scenario = SCENARIOS[i] if i < len(SCENARIOS) else None
            made.append(_add_dossier(batch, rng, today, scenario, i + 1, users, counsellors))
        batch.flush()
        context = DemoContext(BulkConnection(conn), rng, today, users, made)  # type: ignore[arg-type]
        for extension in EXTENSIONS:
            extension(context)
            batch.flush()
    from app.config import save_config

    save_config(paths, config)
    db.dispose()
    if login is None:
        return None
    return login(paths, config, "consulent", DEMO_PASSWORD, device="demo")


def _demo_settings(municipality: str) -> dict[str, Any]:
    return {
        "municipality.name": f"Gemeente {municipality}",
        "municipality.address": ["Raadhuisplein 1", "1697 AA  Dijkwaard"],
        "municipality.phone": "0229 123 400",
        "municipality.email": "schuldhulp@dijkwaard.nl",
        "municipality.website": "www.dijkwaard.nl",
        "municipality.college": f"het college van burgemeester en wethouders van {municipality}",
        "municipality.objection_address": ["Postbus 10", "1697 ZG  Dijkwaard"],
        "municipality.code": "9999",
    }


def _add_dossier(
    batch: _Batch,
    rng: random.Random,
    today: date,
    scenario: Scenario | None,
    seq: int,
    users: dict[str, uuid.UUID],
    counsellors: list[str],
) -> DemoDossier:
    if scenario is not None:
        owner = "consulent"
        reported = today - timedelta(days=scenario.days_ago)
        while reported.weekday() >= 5:
            reported -= timedelta(days=1)
        path = _scenario_path(scenario, reported, today)
        closing = None
        first, initials, prefix, surname = (
            scenario.first,
            scenario.initials,
            scenario.prefix,
            scenario.surname,
        )
        born = today.replace(year=today.year - scenario.age) - timedelta(days=rng.randint(10, 300))
        street, number = scenario.street, scenario.number
        city, base = CITIES[0]
        partner, children = scenario.partner, scenario.children
        help_question, marital, regime, domains = (
            scenario.help_question,
            scenario.marital,
            scenario.regime,
            scenario.domains,
        )
    else:
        owner = "consulent" if rng.random() < 0.18 else rng.choice(counsellors)
        reported = today - timedelta(days=rng.randint(0, 730))
        path, closing = _journey(rng, reported, today)
        female = rng.random() < 0.5
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        initials = f"{first[0]}."
        prefix, surname = rng.choice(SURNAMES)
        born = birth_date(rng, today, 19, 78)
        street, number = rng.choice(STREETS), str(rng.randint(1, 180))
        city, base = rng.choice(CITIES)
        has_partner = rng.random() < 0.35
        partner = (
            (rng.choice(FIRST_NAMES_M if female else FIRST_NAMES_F), prefix, surname) if has_partner else None
        )
        children = tuple(rng.randint(0, 17) for _ in range(rng.choice((0, 0, 0, 1, 2, 3))))
        help_question = rng.choice(
            (
                "Ik kan mijn rekeningen niet meer betalen.",
                "Ik wil overzicht in mijn schulden.",
                "Er komt een deurwaarder aan de deur.",
                "Ik heb een huurachterstand en ben bang.",
                "Mijn inkomen is minder geworden.",
                "Ik wil hulp bij mijn post en rekeningen.",
            )
        )
        marital = "married" if partner and rng.random() < 0.6 else ("cohabiting" if partner else "single")
        regime = rng.choice(("community", "prenuptial")) if marital == "married" else None
        domains = ",".join(
            rng.sample(("housing", "work", "health", "mental_health", "addiction"), rng.randint(0, 2))
        )
    code = postcode(rng, base)
    client = _row(
        Client,
        _at=_stamp(reported),
        bsn=bsn(rng),
        initials=initials,
        first_names=first,
        prefix=prefix,
        surname=surname,
        birth_date=born,
        street=street,
        house_number=number,
        house_number_suffix="",
        postcode=code,
        city=city,
        phone=f"06{rng.randint(10_000_000, 99_999_999)}",
        email=f"{fold(first)}.{fold(surname).replace(' ', '')}@example.nl",
        iban=iban(rng),
        contact_channel=rng.choice(("phone", "phone", "email", "letter", "whatsapp")),
        reading_difficulty=rng.random() < 0.12,
        marital_status=marital,
        marital_regime=regime,
        marital_since=born + timedelta(days=365 * 25) if regime else None,
        search_key="",
    )
    client["search_key"] = fold(
        " ".join(
            p for p in (first, initials, prefix, surname, client["bsn"], code.replace(" ", ""), city) if p
        )
    )
    batch.add(Client.__table__, client)
    if partner:
        batch.add(
            HouseholdMember.__table__,
            _row(
                HouseholdMember,
                client_id=client["id"],
                kind="partner",
                first_names=partner[0],
                prefix=partner[1],
                surname=partner[2],
                birth_date=birth_date(rng, today, 20, 70),
                bsn="",
                note="",
            ),
        )
    for age in children:
        batch.add(
            HouseholdMember.__table__,
            _row(
                HouseholdMember,
                client_id=client["id"],
                kind="child",
                first_names=rng.choice(FIRST_NAMES_F + FIRST_NAMES_M),
                prefix=prefix,
                surname=surname,
                birth_date=today - timedelta(days=age * 365 + rng.randint(1, 360)),
                bsn="",
                note="",
            ),
        )
    phase, since = path[-1] if path else (Phase.APPLICATION.value, reported)
    dossier_id = uuid.uuid4()
    number = f"{reported.year}-{DEVICE_CODE}-{seq:05d}"
    batch.add(
        Dossier.__table__,
        _row(
            Dossier,
            _at=_stamp(reported),
            id=dossier_id,
            number=number,
            client_id=client["id"],
            owner_id=users[owner],
            reported_on=reported,
            help_question=help_question,
            goal_level=rng.choice(("worry_free", "debt_free", "debt_free", "sustainably_debt_free")),
            life_domains=domains,
            phase=str(phase),
            phase_since=since,
        ),
    )
    previous: str | None = None
    for to_phase, on in [(Phase.APPLICATION.value, reported), *path]:
        ended = to_phase in (Phase.CLOSED, Phase.DROPPED_OUT)
        batch.add(
            PhaseTransition.__table__,
            _row(
                PhaseTransition,
                _at=_stamp(on),
                dossier_id=dossier_id,
                from_phase=previous,
                to_phase=to_phase,
                moved_on=on,
                moved_by=owner,
                reason="",
                closing_reason=closing if ended else None,
            ),
        )
        previous = to_phase
    for on in _contact_days(rng, reported, since, today):
        batch.add(
            ContactMoment.__table__,
            _row(
                ContactMoment,
                _at=_stamp(on, 14),
                dossier_id=dossier_id,
                occurred_on=on,
                channel=rng.choice(("phone", "visit", "email")),
                recorded_by=owner,
                summary=rng.choice(
                    (
                        "Gebeld over de post van deze week.",
                        "Huisbezoek: papieren samen geordend.",
                        "Mail over de afspraak gestuurd.",
                        "Cliënt belde met een vraag over een brief.",
                    )
                ),
            ),
        )
    return DemoDossier(
        dossier_id,
        number,
        client["id"],
        owner,
        users[owner],
        reported,
        str(phase),
        list(path),
        scenario.key if scenario else "",
        partner is not None,
        len(children),
    )


def _contact_days(rng: random.Random, start: date, end: date, today: date) -> Iterable[date]:
    last = min(max(end, start), today)
    span = (last - start).days
    for _ in range(rng.randint(1, 3)):
        yield start + timedelta(days=rng.randint(0, max(span, 0)))


from app.services.demo_voorlegger import demo_voorlegger  # noqa: E402 - registered after EXTENSIONS exists

EXTENSIONS.append(demo_voorlegger)

from app.services.demo_debts import demo_debts  # noqa: E402 - registered after EXTENSIONS exists

EXTENSIONS.append(demo_debts)

from app.services.demo_traject import demo_traject  # noqa: E402 - registered after EXTENSIONS exists

EXTENSIONS.append(demo_traject)

from app.services.demo_assessments import demo_assessments  # noqa: E402 - registered after EXTENSIONS exists

EXTENSIONS.append(demo_assessments)
