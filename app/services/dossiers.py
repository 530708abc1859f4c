"""Create, find, open and change dossiers and their clients.

Every write is one transaction that also writes its audit lines; bad input raises
:class:`ValidationError` with a Dutch message per field and saves nothing.
"""

from __future__ import annotations

import logging
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, bindparam, exists, func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.db.base import utcnow
from app.domain.clients import (
    CONTACT_CHANNEL_LABELS,
    MARITAL_REGIME_LABELS,
    MARITAL_STATUS_LABELS,
    MEMBER_KIND_LABELS,
    Client,
    HouseholdMember,
)
from app.domain.dossiers import (
    GOAL_LEVEL_LABELS,
    LIFE_DOMAIN_LABELS,
    ContactMoment,
    Dossier,
    DossierShare,
    PhaseTransition,
)
from app.domain.users import Role, User
from app.errors import ConflictError, NotFoundError, PermissionDenied, ReasonRequired, ValidationError
from app.rules import identifiers
from app.rules.phases import ENDED, PHASE_LABELS, Phase
from app.services import audit
from app.services.context import ServiceContext, today_local
from app.services.dossier_views import (
    ClientForm,
    ClientView,
    ContactForm,
    ContactView,
    DossierDetail,
    DossierForm,
    DossierRow,
    MemberForm,
    MemberView,
    SearchCriteria,
)

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- validation


def _required(errors: dict[str, str], name: str, value: str, message: str) -> None:
    if not value.strip():
        errors[name] = message


def validate_client(form: ClientForm, today: date) -> dict[str, str]:
    """Return ``{field: Dutch message}`` for every problem in ``form`` (empty when valid)."""
    errors: dict[str, str] = {}
    if problem := identifiers.bsn_error(form.bsn):
        errors["bsn"] = problem
    _required(errors, "surname", form.surname, "Vul de achternaam in.")
    if not form.first_names.strip() and not form.initials.strip():
        errors["first_names"] = "Vul de voornamen of de voorletters in."
    if problem := identifiers.birth_date_error(form.birth_date, today):
        errors["birth_date"] = problem
    checks = {
        "postcode": identifiers.postcode_error(form.postcode),
        "iban": identifiers.iban_error(form.iban),
        "email": identifiers.email_error(form.email),
        "phone": identifiers.phone_error(form.phone),
    }
    errors.update({k: v for k, v in checks.items() if v})
    if form.house_number.strip() and not form.house_number.strip().isdigit():
        errors["house_number"] = (
            "Vul alleen het huisnummer in cijfers in; een toevoeging gaat in het vakje ernaast."
        )
    if form.contact_channel not in CONTACT_CHANNEL_LABELS:
        errors["contact_channel"] = "Kies hoe de cliënt het liefst contact heeft."
    if form.marital_status not in MARITAL_STATUS_LABELS:
        errors["marital_status"] = "Kies de burgerlijke staat."
    if form.marital_regime is not None and form.marital_regime not in MARITAL_REGIME_LABELS:
        errors["marital_regime"] = "Kies gemeenschap van goederen of huwelijkse voorwaarden."
    if form.marital_status in {"married", "registered_partnership"} and form.marital_regime is None:
        errors["marital_regime"] = "Kies het huwelijksregime: het bepaalt welke schulden meetellen."
    if form.marital_since is not None and form.marital_since > today:
        errors["marital_since"] = "Deze datum ligt in de toekomst."
    return errors


def validate_dossier(form: DossierForm, today: date) -> dict[str, str]:
    """Return ``{field: Dutch message}`` for the dossier part of a form."""
    errors: dict[str, str] = {}
    if form.reported_on > today:
        errors["reported_on"] = "De meldingsdatum ligt in de toekomst."
    if form.goal_level not in GOAL_LEVEL_LABELS:
        errors["goal_level"] = "Kies een doel."
    unknown = [d for d in form.life_domains if d not in LIFE_DOMAIN_LABELS]
    if unknown:
        errors["life_domains"] = "Onbekend leefgebied."
    return errors


def validate_members(members: Sequence[MemberForm], today: date) -> dict[str, str]:
    """Return problems in household members as ``{"household.N.field": message}``."""
    errors: dict[str, str] = {}
    partners = 0
    for i, member in enumerate(members):
        if member.kind not in MEMBER_KIND_LABELS:
            errors[f"household.{i}.kind"] = "Kies partner, kind of overig."
        partners += member.kind == "partner"
        if not member.first_names.strip() and not member.surname.strip():
            errors[f"household.{i}.name"] = "Vul een naam in."
        if problem := identifiers.birth_date_error(member.birth_date, today):
            errors[f"household.{i}.birth_date"] = problem
        if member.bsn.strip() and (problem := identifiers.bsn_error(member.bsn)):
            errors[f"household.{i}.bsn"] = problem
    if partners > 1:
        errors["household"] = "Er kan maar één partner zijn."
    return errors


# --------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, so 'Öztürk' is found by 'ozturk'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _search_key(client: Client) -> str:
    parts = [
        client.first_names,
        client.initials,
        client.prefix,
        client.surname,
        client.bsn,
        client.postcode.replace(" ", ""),
        client.city,
    ]
    return fold(" ".join(p for p in parts if p))[:600]


def display_name(first_names: str, initials: str, prefix: str, surname: str) -> str:
    """Return 'Sanne Willems' (first names if known, else initials)."""
    given = first_names.split()[0] if first_names.strip() else initials
    return " ".join(p for p in (given, prefix, surname) if p)


def formal_name(initials: str, prefix: str, surname: str, first_names: str = "") -> str:
    """Return 'S. Willems' for letters."""
    if not initials and first_names:
        initials = "".join(f"{n[0]}." for n in first_names.split())
    return " ".join(p for p in (initials, prefix, surname) if p)


def age_on(birth: date | None, on: date) -> int | None:
    """Return the age in whole years on ``on``."""
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _apply_client(client: Client, form: ClientForm) -> None:
    client.bsn = identifiers.normalise_bsn(form.bsn)
    client.initials = form.initials.strip()
    client.first_names = form.first_names.strip()
    client.prefix = form.prefix.strip()
    client.surname = form.surname.strip()
    client.birth_date = form.birth_date
    client.street = form.street.strip()
    client.house_number = form.house_number.strip()
    client.house_number_suffix = form.house_number_suffix.strip()
    client.postcode = identifiers.normalise_postcode(form.postcode)
    client.city = form.city.strip()
    client.phone = form.phone.strip()
    client.email = form.email.strip()
    client.iban = identifiers.normalise_iban(form.iban)
    client.contact_channel = form.contact_channel
    client.reading_difficulty = form.reading_difficulty
    client.marital_status = form.marital_status
    client.marital_regime = form.marital_regime
    client.marital_since = form.marital_since
    client.search_key = _search_key(client)


def _client_fields(client: Client) -> dict[str, Any]:
    names = (
        "bsn",
        "initials",
        "first_names",
        "prefix",
        "surname",
        "birth_date",
        "street",
        "house_number",
        "house_number_suffix",
        "postcode",
        "city",
        "phone",
        "email",
        "iban",
        "contact_channel",
        "reading_difficulty",
        "marital_status",
        "marital_regime",
        "marital_since",
    )
    return {f"client.{n}": getattr(client, n) for n in names}


def _dossier_fields(dossier: Dossier) -> dict[str, Any]:
    return {
        "reported_on": dossier.reported_on,
        "help_question": dossier.help_question,
        "goal_level": dossier.goal_level,
        "life_domains": dossier.life_domains,
        "owner_id": str(dossier.owner_id),
    }


def next_number(session: Session, year: int, device_code: str) -> str:
    """Return the next dossier number for this laptop, e.g. ``2026-DW-00042``.

    The two-letter device code keeps numbers unique when several laptops create dossiers
    offline; the sequence continues from the highest number this device used in that year.
    """
    prefix = f"{year}-{device_code}-"
    last = session.execute(
        select(func.max(Dossier.number)).where(Dossier.number.startswith(prefix))
    ).scalar_one_or_none()
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:05d}"


def _user_name(session: Session, user_id: uuid.UUID) -> str:
    return session.execute(select(User.full_name).where(User.id == user_id)).scalar_one_or_none() or "?"


def _member_view(m: HouseholdMember | Row[Any], today: date) -> MemberView:
    return MemberView(
        m.id,
        m.kind,
        MEMBER_KIND_LABELS.get(m.kind, m.kind),
        display_name(m.first_names, "", m.prefix, m.surname),
        m.first_names,
        m.prefix,
        m.surname,
        m.birth_date,
        age_on(m.birth_date, today),
        m.bsn,
    )


def client_view(client: Client | Row[Any], today: date) -> ClientView:
    """Return the frozen view of a client (an ORM object or a row of the ``clients`` columns)."""
    house = " ".join(p for p in (client.house_number, client.house_number_suffix) if p)
    lines = tuple(
        p for p in (f"{client.street} {house}".strip(), f"{client.postcode}  {client.city}".strip()) if p
    )
    return ClientView(
        client.id,
        client.bsn,
        client.initials,
        client.first_names,
        client.prefix,
        client.surname,
        display_name(client.first_names, client.initials, client.prefix, client.surname),
        formal_name(client.initials, client.prefix, client.surname, client.first_names),
        client.birth_date,
        age_on(client.birth_date, today),
        client.street,
        client.house_number,
        client.house_number_suffix,
        client.postcode,
        client.city,
        lines,
        client.phone,
        client.email,
        client.iban,
        client.contact_channel,
        client.reading_difficulty,
        client.marital_status,
        client.marital_regime,
        client.marital_since,
        client.version,
    )


def _in_caseload(session: Session, ctx: ServiceContext, dossier: Dossier) -> bool:
    return dossier.owner_id == ctx.user.id or _shared_with(session, ctx, dossier.id)


def detail(session: Session, ctx: ServiceContext, dossier: Dossier) -> DossierDetail:
    """Return the frozen view of a dossier (within an open session)."""
    today = today_local()
    client = dossier.client
    members = tuple(_member_view(m, today) for m in client.household if m.deleted_at is None)
    return DossierDetail(
        dossier.id,
        dossier.number,
        dossier.version,
        dossier.phase,
        PHASE_LABELS[Phase(dossier.phase)],
        dossier.phase_since,
        dossier.owner_id,
        _user_name(session, dossier.owner_id),
        dossier.reported_on,
        dossier.help_question,
        dossier.goal_level,
        tuple(d for d in dossier.life_domains.split(",") if d),
        client_view(client, today),
        members,
        _in_caseload(session, ctx, dossier),
    )


def load_dossier(session: Session, dossier_id: uuid.UUID) -> Dossier:
    """Return a live dossier or raise :class:`NotFoundError`."""
    dossier = session.get(Dossier, dossier_id)
    if dossier is None or dossier.deleted_at is not None:
        raise NotFoundError("Dit dossier bestaat niet (meer).")
    return dossier


def require_dossier_access(session: Session, ctx: ServiceContext, dossier: Dossier, *, write: bool) -> None:
    """Raise unless the user may see (and for ``write``, change) this dossier."""
    if not ctx.user.sees_dossiers:
        raise PermissionDenied("Als beheerder ziet u geen dossierinhoud.")
    if ctx.user.is_team_lead or _in_caseload(session, ctx, dossier):
        return
    if write:
        raise PermissionDenied("Dit dossier hoort niet bij uw caseload.")


# --------------------------------------------------------------------------- use cases


def _member(form: MemberForm, actor: str) -> HouseholdMember:
    """A household member row from the form (names trimmed, BSN normalised)."""
    return HouseholdMember(
        kind=form.kind,
        first_names=form.first_names.strip(),
        prefix=form.prefix.strip(),
        surname=form.surname.strip(),
        birth_date=form.birth_date,
        bsn=identifiers.normalise_bsn(form.bsn) if form.bsn.strip() else "",
        updated_by=actor,
    )


def create_dossier(
    ctx: ServiceContext, client: ClientForm, dossier: DossierForm, household: Sequence[MemberForm] = ()
) -> DossierDetail:
    """Register a new client and dossier (the aanmelding) in one transaction."""
    if not ctx.user.is_counsellor and not ctx.user.is_team_lead:
        raise PermissionDenied("Alleen consulenten en teamleiders maken dossiers aan.")
    today = today_local()
    errors = (
        validate_client(client, today) | validate_dossier(dossier, today) | validate_members(household, today)
    )
    if errors:
        raise ValidationError(errors)
    with ctx.db.begin() as session:
        person = Client(updated_by=ctx.user.username, surname=client.surname)
        _apply_client(person, client)
        for m in household:
            person.household.append(_member(m, ctx.user.username))
        session.add(person)
        session.flush()
        record = Dossier(
            number=next_number(session, dossier.reported_on.year, ctx.device_code),
            client_id=person.id,
            owner_id=dossier.owner_id or ctx.user.id,
            reported_on=dossier.reported_on,
            help_question=dossier.help_question.strip(),
            goal_level=dossier.goal_level,
            life_domains=",".join(dossier.life_domains),
            phase=Phase.APPLICATION,
            phase_since=dossier.reported_on,
            updated_by=ctx.user.username,
        )
        session.add(record)
        session.flush()
        session.add(
            PhaseTransition(
                dossier_id=record.id,
                from_phase=None,
                to_phase=Phase.APPLICATION,
                moved_on=dossier.reported_on,
                moved_by=ctx.user.username,
                reason="Aanmelding geregistreerd",
                updated_by=ctx.user.username,
            )
        )
        audit.log(session, ctx, "create", "dossier", record.id, details={"number": record.number})
        session.flush()
        session.refresh(record)
        return detail(session, ctx, record)


def update_dossier(
    ctx: ServiceContext,
    dossier_id: uuid.UUID,
    expected_version: int,
    client: ClientForm,
    dossier: DossierForm,
    household: Sequence[MemberForm] | None = None,
) -> DossierDetail:
    """Save changes to client and dossier; refuse when someone else saved in between."""
    today = today_local()
    errors = validate_client(client, today) | validate_dossier(dossier, today)
    if household is not None:
        errors |= validate_members(household, today)
    if errors:
        raise ValidationError(errors)
    try:
        with ctx.db.begin() as session:
            record = load_dossier(session, dossier_id)
            require_dossier_access(session, ctx, record, write=True)
            if record.version != expected_version:
                raise ConflictError("Iemand anders heeft dit dossier net gewijzigd. Open het opnieuw.")
            before = _client_fields(record.client) | _dossier_fields(record)
            _apply_client(record.client, client)
            record.client.updated_by = ctx.user.username
            record.reported_on = dossier.reported_on
            record.help_question = dossier.help_question.strip()
            record.goal_level = dossier.goal_level
            record.life_domains = ",".join(dossier.life_domains)
            if dossier.owner_id is not None:
                record.owner_id = dossier.owner_id
            if household is not None:
                for old in record.client.household:
                    session.delete(old)
                record.client.household.clear()
                for m in household:
                    record.client.household.append(_member(m, ctx.user.username))
            record.updated_by = ctx.user.username
            record.updated_at = utcnow()  # the dossier is the unit of optimistic locking: always bump
            after = _client_fields(record.client) | _dossier_fields(record)
            changed = audit.changes(before, after)
            if household is not None:
                changed["household"] = f"{len(household)} personen"
            audit.log(session, ctx, "update", "dossier", record.id, details=changed)
            session.flush()
            return detail(session, ctx, record)
    except StaleDataError as exc:
        raise ConflictError("Iemand anders heeft dit dossier net gewijzigd. Open het opnieuw.") from exc


#: Facts for the dossier header that other capabilities add: ``key -> loader(session, detail, today)``.
#: :func:`get_dossier` runs them in its own transaction and hands the results over in
#: ``DossierDetail.header``, so opening a dossier is one round trip instead of one per widget
#: (e.g. ``app.services.signalen`` adds ``"signals"`` for the badge). A loader only reads.
HEADER_FACTS: dict[str, Callable[[Session, DossierDetail, date], object]] = {}


def get_dossier(ctx: ServiceContext, dossier_id: uuid.UUID, reason: str | None = None) -> DossierDetail:
    """Open a dossier; outside the own caseload a reason is required and logged.

    Runs on every open, in one transaction: three column queries (dossier with its counsellor,
    client, household), the audit *view* line (committed without waiting for the disk, see
    ``Database.begin``) and the :data:`HEADER_FACTS`; no ORM objects. Apart from ``header``
    the result equals :func:`detail` of the same dossier.
    """
    with ctx.db.begin(durable=False) as session:
        conn = session.connection()  # Core statements: no ORM objects, no ORM execution layer
        row = conn.execute(_DOSSIER_HEAD, {"dossier_id": dossier_id}).one_or_none()
        if row is None or row.deleted_at is not None:
            raise NotFoundError("Dit dossier bestaat niet (meer).")
        if not ctx.user.sees_dossiers:
            raise PermissionDenied("Als beheerder ziet u geen dossierinhoud.")
        in_caseload = row.owner_id == ctx.user.id or _shared_with(session, ctx, row.id)
        own = ctx.user.is_team_lead or in_caseload
        if not own and not (reason and reason.strip()):
            raise ReasonRequired("Dit dossier hoort niet bij uw caseload. Geef een reden om het te openen.")
        details = {} if own else {"reason": reason}
        audit.log(session, ctx, "view", "dossier", row.id, details=details)
        client = conn.execute(_CLIENT, {"client_id": row.client_id}).one()
        today = today_local()
        members = tuple(
            _member_view(m, today) for m in session.execute(_MEMBERS, {"client_id": row.client_id})
        )
        found = DossierDetail(
            row.id,
            row.number,
            row.version,
            row.phase,
            PHASE_LABELS[Phase(row.phase)],
            row.phase_since,
            row.owner_id,
            row.owner_name or "?",
            row.reported_on,
            row.help_question,
            row.goal_level,
            tuple(d for d in row.life_domains.split(",") if d),
            client_view(client, today),
            members,
            in_caseload,
        )
        if not HEADER_FACTS:
            return found
        return replace(found, header=_header_facts(session, found, today))


def _header_facts(session: Session, found: DossierDetail, today: date) -> dict[str, object]:
    """Run the :data:`HEADER_FACTS`; one that fails is logged and left out, so a bug in a badge
    never keeps a counsellor out of a dossier (its widget then loads for itself). A database
    error still ends the open: the transaction may be unusable after it."""
    header: dict[str, object] = {}
    for key, loader in HEADER_FACTS.items():
        try:
            header[key] = loader(session, found, today)
        except SQLAlchemyError:
            raise
        except Exception:
            log.exception("header fact %s failed for dossier %s", key, found.id)
    return header


#: The statements of :func:`get_dossier`, built once (it runs on every open).
_DOSSIER_HEAD = (
    select(
        Dossier.id,
        Dossier.number,
        Dossier.version,
        Dossier.phase,
        Dossier.phase_since,
        Dossier.owner_id,
        User.full_name.label("owner_name"),
        Dossier.reported_on,
        Dossier.help_question,
        Dossier.goal_level,
        Dossier.life_domains,
        Dossier.client_id,
        Dossier.deleted_at,
    )
    .outerjoin(User, User.id == Dossier.owner_id)
    .where(Dossier.id == bindparam("dossier_id"))
)
_CLIENT = select(*Client.__table__.columns).where(Client.id == bindparam("client_id"))
_MEMBERS = (
    select(*HouseholdMember.__table__.columns)
    .where(HouseholdMember.client_id == bindparam("client_id"), HouseholdMember.deleted_at.is_(None))
    .order_by(HouseholdMember.birth_date)
)
_SHARED = select(func.count()).where(
    DossierShare.dossier_id == bindparam("dossier_id"), DossierShare.user_id == bindparam("user_id")
)


def _shared_with(session: Session, ctx: ServiceContext, dossier_id: uuid.UUID) -> bool:
    found = session.connection().execute(_SHARED, {"dossier_id": dossier_id, "user_id": ctx.user.id})
    return bool(found.scalar_one())


def find_by_number(ctx: ServiceContext, number: str) -> uuid.UUID:
    """Return the id of the dossier with this exact number."""
    if not ctx.user.sees_dossiers:
        raise PermissionDenied("Als beheerder ziet u geen dossierinhoud.")
    with ctx.db.read() as session:
        found = session.execute(
            select(Dossier.id).where(Dossier.number == number.strip().upper(), Dossier.deleted_at.is_(None))
        ).scalar_one_or_none()
    if found is None:
        raise NotFoundError(f"Er is geen dossier met nummer {number.strip()}.")
    return found


_SORTS: dict[str, Any] = {
    "number": Dossier.number,
    "name": Client.surname,
    "birth_date": Client.birth_date,
    "postcode": Client.postcode,
    "phase": Dossier.phase,
    "counsellor": User.full_name,
    "reported_on": Dossier.reported_on,
}


def _visible(ctx: ServiceContext) -> ColumnElement[bool]:
    if not ctx.user.sees_dossiers:
        raise PermissionDenied("Als beheerder ziet u geen dossierinhoud.")
    if ctx.user.is_team_lead:
        return Dossier.deleted_at.is_(None)
    shared = exists().where(DossierShare.dossier_id == Dossier.id, DossierShare.user_id == ctx.user.id)
    return and_(Dossier.deleted_at.is_(None), or_(Dossier.owner_id == ctx.user.id, shared))


def _filtered(ctx: ServiceContext, criteria: SearchCriteria, query: Any) -> Any:  # any Select
    query = query.where(_visible(ctx))
    for token in fold(criteria.text).split():
        like = f"%{token.replace('%', '').replace('_', '')}%"
        query = query.where(or_(Client.search_key.like(like), func.lower(Dossier.number).like(like)))
    if criteria.phase:
        query = query.where(Dossier.phase == criteria.phase)
    elif not criteria.include_ended:
        query = query.where(Dossier.phase.not_in([p.value for p in ENDED]))
    if criteria.counsellor_id:
        query = query.where(Dossier.owner_id == criteria.counsellor_id)
    return query


def count_dossiers(ctx: ServiceContext, criteria: SearchCriteria) -> int:
    """Return how many dossiers match (for the list's row count)."""
    query = select(func.count()).select_from(Dossier).join(Client, Client.id == Dossier.client_id)
    with ctx.db.read() as session:
        return int(session.execute(_filtered(ctx, criteria, query)).scalar_one())


def row_query() -> Any:
    """The columns of one dossier-list line (a Select; add filters, order and limits)."""
    return (
        select(
            Dossier.id,
            Dossier.number,
            Client.first_names,
            Client.initials,
            Client.prefix,
            Client.surname,
            Client.birth_date,
            Client.postcode,
            Dossier.phase,
            User.full_name,
            Dossier.reported_on,
        )
        .join(Client, Client.id == Dossier.client_id)
        .join(User, User.id == Dossier.owner_id)
    )


def row_from(r: Any) -> DossierRow:
    """Turn one result of :func:`row_query` into a :class:`DossierRow`."""
    return DossierRow(
        r[0],
        r[1],
        display_name(r[2], r[3], r[4], r[5]),
        r[6],
        r[7],
        r[8],
        PHASE_LABELS[Phase(r[8])],
        r[9],
        r[10],
    )


def visible_clause(ctx: ServiceContext) -> Any:
    """The SQL condition for the dossiers this user may list (raises for a beheerder only)."""
    return _visible(ctx)


def search_dossiers(
    ctx: ServiceContext, criteria: SearchCriteria, offset: int = 0, limit: int = 200
) -> list[DossierRow]:
    """Return one page of matching dossiers, sorted in SQL (fast with 50 000 dossiers)."""
    column = _SORTS.get(criteria.sort, Dossier.number)
    order = column.desc() if criteria.descending else column.asc()
    query = _filtered(ctx, criteria, row_query()).order_by(order, Dossier.number).offset(offset).limit(limit)
    with ctx.db.read() as session:
        return [row_from(r) for r in session.execute(query)]


def add_contact(ctx: ServiceContext, dossier_id: uuid.UUID, form: ContactForm) -> ContactView:
    """Record a contact moment with the client."""
    errors: dict[str, str] = {}
    if form.channel not in CONTACT_CHANNEL_LABELS:
        errors["channel"] = "Kies hoe het contact was."
    if not form.summary.strip():
        errors["summary"] = "Schrijf kort op waar het contact over ging."
    if form.occurred_on > today_local():
        errors["occurred_on"] = "Deze datum ligt in de toekomst."
    if errors:
        raise ValidationError(errors)
    with ctx.db.begin() as session:
        record = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, record, write=True)
        contact = ContactMoment(
            dossier_id=record.id,
            occurred_on=form.occurred_on,
            channel=form.channel,
            summary=form.summary.strip(),
            recorded_by=ctx.user.username,
            updated_by=ctx.user.username,
        )
        session.add(contact)
        session.flush()
        audit.log(session, ctx, "create", "contact", contact.id, details={"dossier": str(record.id)})
        return ContactView(
            contact.id,
            contact.occurred_on,
            contact.channel,
            CONTACT_CHANNEL_LABELS[contact.channel],
            contact.summary,
            contact.recorded_by,
        )


def share_dossier(ctx: ServiceContext, dossier_id: uuid.UUID, user_id: uuid.UUID) -> None:
    """Share a dossier with a colleague, who then sees it as part of their caseload."""
    with ctx.db.begin() as session:
        record = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, record, write=True)
        colleague = session.get(User, user_id)
        if colleague is None or Role.COUNSELLOR not in colleague.role_set:
            raise ValidationError({"user": "Kies een consulent."})
        if not session.execute(
            select(func.count()).where(DossierShare.dossier_id == record.id, DossierShare.user_id == user_id)
        ).scalar_one():
            session.add(DossierShare(dossier_id=record.id, user_id=user_id))
        audit.log(session, ctx, "share", "dossier", record.id, details={"with": colleague.username})
