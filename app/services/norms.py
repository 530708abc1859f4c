"""Normen: the dated tables as Helder uses them, periods the beheerder enters, and their exchange.

Every calculation asks :func:`effective_tables` (shipped periods with the entered ones merged in,
``app.rules.norms.merge_periods``). Entering, changing and removing a period is for the beheerder,
audited with old and new values, one transaction each; an amount that moves more than 10 %
from the period before, or a gap, is a warning the beheerder must accept; replacing a shipped
period needs an explicit confirmation. Import takes the JSON of ``norms-exchange.schema.json``
(shipped in ``resources/norms``) and changes nothing when any period in it is wrong.

Choices where the issue is silent: every logged-in user may *read* the norms (they are public
numbers); periods of a file that are already present unchanged are skipped, so importing the
same file twice adds nothing; the exchange file carries only entered periods, never shipped ones.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import jsonschema
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.base import utcnow
from app.domain.norms import NormPeriodRecord
from app.domain.users import User
from app.errors import KnownError, NotFoundError, PermissionDenied, ValidationError
from app.resources import resource_path
from app.rules import norms as rules
from app.rules.norms import NormPeriod, NormTable, Origin
from app.services import audit
from app.services import settings as settings_service
from app.services.context import ServiceContext, today_local

EXCHANGE_FORMAT = "helder-normen"
SCHEMA_FILE = "norms-exchange.schema.json"
#: Setting: how many days before 1 January / 1 July a missing period is signalled (17: 15 December).
WARN_SETTING = "norms.warn_days_before"


class WarningsToConfirm(KnownError):
    """The period is valid but has warnings (or replaces a shipped period) the beheerder must accept."""

    def __init__(self, warnings: Sequence[str], replaces_shipped: bool = False) -> None:
        self.warnings = tuple(warnings)
        self.replaces_shipped = replaces_shipped
        super().__init__(" ".join(self.warnings))


@dataclass(frozen=True)
class PeriodForm:
    """A period as the beheerder types it; amounts in whole cents (or months for an age)."""

    table_key: str
    valid_from: date
    valid_until: date | None
    amounts: Mapping[str, int]
    source: str


@dataclass(frozen=True)
class PeriodView:
    """One period as the Normen page shows it."""

    table_key: str
    valid_from: date
    valid_until: date | None
    end_label: str
    amounts: Mapping[str, int]
    amount_labels: Mapping[str, str]
    source: str
    origin: Origin
    origin_label: str
    entered_by: str
    entered_at: str
    record_id: uuid.UUID | None
    record_version: int | None
    shadowed: bool = False


@dataclass(frozen=True)
class TableView:
    """A table with its description and every period (shipped ones that were replaced included)."""

    key: str
    name: str
    title: str
    unit: str
    article: str
    keys: Mapping[str, str]
    short_keys: Mapping[str, str]
    periods: tuple[PeriodView, ...]
    missing_from: date | None


def _require_admin(ctx: ServiceContext) -> None:
    if not ctx.user.is_admin:
        raise PermissionDenied("Alleen de beheerder kan normen invoeren, wijzigen of uitwisselen.")


def _period(record: NormPeriodRecord, names: Mapping[str, str]) -> NormPeriod:
    return NormPeriod(
        valid_from=record.valid_from,
        valid_until=record.valid_until,
        source=record.source,
        amounts=json.loads(record.amounts),
        origin=Origin.ENTERED,
        entered_by=names.get(record.entered_by, record.entered_by),
        entered_at=record.created_at.date().isoformat() if record.created_at else "",
        record_id=str(record.id),
    )


def _records(session: Session, table_key: str | None = None) -> list[NormPeriodRecord]:
    query = select(NormPeriodRecord).where(NormPeriodRecord.deleted_at.is_(None))
    if table_key is not None:
        query = query.where(NormPeriodRecord.table_key == table_key)
    return list(session.execute(query.order_by(NormPeriodRecord.valid_from)).scalars())


def _names(session: Session) -> dict[str, str]:
    return {u: n for u, n in session.execute(select(User.username, User.full_name))}


def tables_in(session: Session) -> dict[str, NormTable]:
    """The effective tables within a caller's session (used by every calculation)."""
    entered: dict[str, list[NormPeriod]] = {}
    records = _records(session)
    names = _names(session) if records else {}
    for record in records:
        entered.setdefault(record.table_key, []).append(_period(record, names))
    return {
        key: rules.merge_periods(table, entered.get(key, [])) for key, table in rules.shipped_tables().items()
    }


def effective_tables(ctx: ServiceContext) -> dict[str, NormTable]:
    """The effective tables: shipped periods with the beheerder's merged in (any logged-in user)."""
    with ctx.db.read() as session:
        return tables_in(session)


def _end_label(period: NormPeriod, following: NormPeriod | None) -> str:
    if period.valid_until is not None:
        return rules.dutch_date(period.valid_until)
    if following is not None:
        return f"tot {rules.dutch_date(following.valid_from)}"
    return "tot de volgende periode"


def _period_view(
    table: NormTable,
    period: NormPeriod,
    following: NormPeriod | None,
    shadowed: bool,
    versions: Mapping[str, int],
) -> PeriodView:
    return PeriodView(
        table_key=table.key,
        valid_from=period.valid_from,
        valid_until=period.valid_until,
        end_label=_end_label(period, following),
        amounts=period.amounts,
        amount_labels={k: table.format_value(v) for k, v in period.amounts.items()},
        source=period.source,
        origin=period.origin,
        origin_label="Ingevoerd" if period.origin is Origin.ENTERED else "Meegeleverd met Helder",
        entered_by=period.entered_by,
        entered_at=period.entered_at,
        record_id=uuid.UUID(period.record_id) if period.record_id else None,
        record_version=versions.get(period.record_id),
        shadowed=shadowed,
    )


def list_tables(ctx: ServiceContext, today: date | None = None) -> list[TableView]:
    """Every table with its periods, newest first, and the first missing period near ``today``."""
    today = today or today_local()
    with ctx.db.read() as session:
        effective = tables_in(session)
        versions = {str(r.id): r.version for r in _records(session)}
        warn_days = int(settings_service.get_value(session, WARN_SETTING))
    views: list[TableView] = []
    for key, shipped in rules.shipped_tables().items():
        table = effective[key]
        rows = [
            _period_view(
                table, p, table.periods[i + 1] if i + 1 < len(table.periods) else None, False, versions
            )
            for i, p in enumerate(table.periods)
        ]
        entered = [p for p in table.periods if p.origin is Origin.ENTERED]
        rows += [
            _period_view(table, p, None, True, versions) for p in rules.shadowed_shipped(shipped, entered)
        ]
        rows.sort(key=lambda r: (r.valid_from, r.shadowed), reverse=True)
        views.append(
            TableView(
                key=key,
                name=table.name,
                title=table.title,
                unit=table.unit.value,
                article=table.article,
                keys=table.keys,
                short_keys={k: table.short_keys.get(k, v) for k, v in table.keys.items()},
                periods=tuple(rows),
                missing_from=rules.missing_next_period(table, today, warn_days),
            )
        )
    return views


def _new_period(form: PeriodForm, record_id: str = "") -> NormPeriod:
    return NormPeriod(
        valid_from=form.valid_from,
        valid_until=form.valid_until,
        source=form.source.strip(),
        amounts=dict(form.amounts),
        origin=Origin.ENTERED,
        record_id=record_id,
    )


def _validate(
    effective: Mapping[str, NormTable], form: PeriodForm, record_id: str = ""
) -> tuple[bool, list[str]]:
    """Return (replaces a shipped period, warnings) for ``form``; raise ValidationError on errors."""
    if form.table_key not in rules.TABLE_FILES:
        raise ValidationError({"table_key": "Kies een normtabel."})
    shipped = rules.shipped_table(form.table_key)
    result = rules.check_new_period(
        shipped, effective[form.table_key], _new_period(form, record_id), ignore_record=record_id
    )
    if result.errors:
        raise ValidationError(result.errors)
    warnings = list(result.warnings)
    replaces = result.replaces_shipped is not None
    if replaces:
        warnings.insert(
            0,
            f"Helder levert al normen vanaf {rules.dutch_date(form.valid_from)}. "
            "Uw bedragen gaan dan voor die van Helder.",
        )
    return replaces, warnings


def _check(effective: Mapping[str, NormTable], form: PeriodForm, accept: bool, record_id: str = "") -> bool:
    """Validate ``form``; return whether it replaces a shipped period (raises on unaccepted warnings)."""
    replaces, warnings = _validate(effective, form, record_id)
    if warnings and not accept:
        raise WarningsToConfirm(warnings, replaces)
    return replaces


def _fields(record: NormPeriodRecord) -> dict[str, Any]:
    return {
        "table": record.table_key,
        "valid_from": record.valid_from,
        "valid_until": record.valid_until,
        "amounts": record.amounts,
        "source": record.source,
        "replaces_shipped": record.replaces_shipped,
    }


def _store(session: Session, ctx: ServiceContext, form: PeriodForm, replaces: bool) -> NormPeriodRecord:
    record = NormPeriodRecord(
        table_key=form.table_key,
        valid_from=form.valid_from,
        valid_until=form.valid_until,
        amounts=json.dumps(dict(sorted(form.amounts.items()))),
        source=form.source.strip(),
        replaces_shipped=replaces,
        entered_by=ctx.user.username,
        updated_by=ctx.user.username,
    )
    session.add(record)
    session.flush()
    audit.log(session, ctx, "create", "norm_period", record.id, details=audit.changes({}, _fields(record)))
    return record


def add_period(ctx: ServiceContext, form: PeriodForm, *, accept_warnings: bool = False) -> uuid.UUID:
    """Enter a period (beheerder). Raises ValidationError or :class:`WarningsToConfirm`."""
    _require_admin(ctx)
    with ctx.db.begin() as session:
        replaces = _check(tables_in(session), form, accept_warnings)
        return _store(session, ctx, form, replaces).id


def _load(session: Session, record_id: uuid.UUID, expected_version: int | None) -> NormPeriodRecord:
    record = session.get(NormPeriodRecord, record_id)
    if record is None or record.deleted_at is not None:
        raise NotFoundError("Deze periode bestaat niet (meer).")
    if expected_version is not None and record.version != expected_version:
        raise KnownError("Iemand anders heeft deze periode net gewijzigd. Open de pagina opnieuw.")
    return record


def update_period(
    ctx: ServiceContext,
    record_id: uuid.UUID,
    expected_version: int,
    form: PeriodForm,
    *,
    accept_warnings: bool = False,
) -> None:
    """Change an entered period (beheerder); audited with old and new values."""
    _require_admin(ctx)
    with ctx.db.begin() as session:
        record = _load(session, record_id, expected_version)
        if form.table_key != record.table_key:
            raise ValidationError({"table_key": "Een periode blijft in haar eigen tabel."})
        replaces = _check(tables_in(session), form, accept_warnings, str(record.id))
        before = _fields(record)
        record.valid_from = form.valid_from
        record.valid_until = form.valid_until
        record.amounts = json.dumps(dict(sorted(form.amounts.items())))
        record.source = form.source.strip()
        record.replaces_shipped = replaces
        record.updated_by = ctx.user.username
        session.flush()
        audit.log(
            session, ctx, "update", "norm_period", record.id, details=audit.changes(before, _fields(record))
        )


def delete_period(ctx: ServiceContext, record_id: uuid.UUID, expected_version: int | None = None) -> None:
    """Remove an entered period (beheerder); a shipped period it replaced applies again."""
    _require_admin(ctx)
    with ctx.db.begin() as session:
        record = _load(session, record_id, expected_version)
        before = _fields(record)
        record.deleted_at = utcnow()
        record.updated_by = ctx.user.username
        session.flush()
        audit.log(session, ctx, "delete", "norm_period", record.id, details=audit.changes(before, {}))


# --------------------------------------------------------------------------- exchange


def export_data(ctx: ServiceContext) -> dict[str, Any]:
    """The entered periods as the exchange JSON (beheerder; audited)."""
    _require_admin(ctx)
    with ctx.db.begin() as session:
        municipality = str(settings_service.get_value(session, "municipality.name") or "")
        by_table: dict[str, list[dict[str, Any]]] = {}
        names = _names(session)
        records = _records(session)
        for r in records:
            by_table.setdefault(r.table_key, []).append(
                {
                    "valid_from": r.valid_from.isoformat(),
                    "valid_until": r.valid_until.isoformat() if r.valid_until else None,
                    "source": r.source,
                    "amounts": json.loads(r.amounts),
                    "replaces_shipped": r.replaces_shipped,
                    "entered_by": names.get(r.entered_by, r.entered_by),
                    "entered_at": r.created_at.date().isoformat(),
                }
            )
        audit.log(session, ctx, "export", "norm_period", details={"periods": len(records)})
    return {
        "format": EXCHANGE_FORMAT,
        "version": 1,
        "exported_at": utcnow().isoformat(timespec="seconds"),
        "municipality": municipality,
        "tables": [{"table": key, "periods": by_table[key]} for key in rules.TABLE_FILES if key in by_table],
    }


def exchange_schema() -> dict[str, Any]:
    """The JSON schema of the exchange file (shipped in resources/norms)."""
    with resource_path("norms", SCHEMA_FILE).open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def parse_exchange(data: Any) -> list[PeriodForm]:
    """Validate an exchange document against the schema and return its periods as forms.

    Raises:
        ValidationError: ``{"file": Dutch message naming the first problem}``.
    """
    validator = jsonschema.Draft202012Validator(exchange_schema())
    problem = next(iter(sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))), None)
    if problem is not None:
        where = "/".join(str(p) for p in problem.absolute_path) or "het bestand"
        raise ValidationError({"file": f"Het bestand klopt niet bij {where}: {problem.message}"})
    forms: list[PeriodForm] = []
    for block in data["tables"]:
        for index, raw in enumerate(block["periods"]):
            try:
                valid_from = date.fromisoformat(raw["valid_from"])
                valid_until = date.fromisoformat(raw["valid_until"]) if raw.get("valid_until") else None
            except ValueError as exc:
                raise ValidationError(
                    {"file": f"{block['table']}, periode {index + 1}: geen geldige datum ({exc})."}
                ) from exc
            forms.append(PeriodForm(block["table"], valid_from, valid_until, raw["amounts"], raw["source"]))
    return forms


@dataclass(frozen=True)
class ImportResult:
    """What an import did: periods added, periods already present (skipped)."""

    added: int
    skipped: int
    warnings: tuple[str, ...]


def import_data(ctx: ServiceContext, data: Any, *, accept_warnings: bool = False) -> ImportResult:
    """Import an exchange document in one transaction: all periods, or nothing (beheerder).

    Raises:
        ValidationError: ``{"file": …}`` naming the first problem (the schema, or the first
            period that does not fit the tables here, with its table and date).
        WarningsToConfirm: when periods carry warnings and ``accept_warnings`` is false.
    """
    _require_admin(ctx)
    forms = parse_exchange(data)
    warnings: list[str] = []
    added = skipped = 0
    with ctx.db.begin() as session:
        for form in forms:
            existing = tables_in(session)[form.table_key]
            same = next(
                (
                    p
                    for p in existing.periods
                    if p.valid_from == form.valid_from
                    and p.valid_until == form.valid_until
                    and dict(p.amounts) == dict(form.amounts)
                ),
                None,
            )
            if same is not None:
                skipped += 1
                continue
            where = f"{existing.name} vanaf {rules.dutch_date(form.valid_from)}"
            try:
                replaces, found = _validate({form.table_key: existing}, form)
            except ValidationError as exc:
                first = next(iter(exc.errors.values()))
                raise ValidationError({"file": f"{where}: {first}"}) from exc
            warnings += [f"{where}: {w}" for w in found]
            _store(session, ctx, form, replaces)
            added += 1
        if warnings and not accept_warnings:
            session.rollback()
            raise WarningsToConfirm(warnings)
        audit.log(session, ctx, "import", "norm_period", details={"added": added, "skipped": skipped})
    return ImportResult(added, skipped, tuple(warnings))


# --------------------------------------------------------------------------- signals


@dataclass(frozen=True)
class MissingNorm:
    """A watched table without the period that starts on ``missing_from``."""

    table_key: str
    table_name: str
    missing_from: date

    @property
    def text(self) -> str:
        return (
            f"De {self.table_name} per {rules.dutch_date(self.missing_from)} ontbreekt nog. "
            f"{rules.WHERE_TO_ADD}"
        )


def missing_norms(ctx: ServiceContext, today: date | None = None) -> list[MissingNorm]:
    """Watched tables whose next (or a passed) period is missing, for beheerder and teamleider.

    From ``norms.warn_days_before`` days before 1 January / 1 July (default 17: 15 December).
    """
    if not (ctx.user.is_admin or ctx.user.is_team_lead):
        return []
    today = today or today_local()
    with ctx.db.read() as session:
        tables = tables_in(session)
        warn_days = int(settings_service.get_value(session, WARN_SETTING))
    found: list[MissingNorm] = []
    for key, table in tables.items():
        day = rules.missing_next_period(table, today, warn_days)
        if day is not None:
            found.append(MissingNorm(key, table.name, day))
    return found
