"""Stuurinformatie: the dashboard, the dossiers behind a figure, and the exports.

Who may do what (RULES.md §6, BIO2 8.03.02 "users see what their task needs"):

- The dashboard and the anonymous exports (XLSX, CSV, PDF) are for teamleiders and beheerders.
  A beheerder sees only counts, never dossier content, which is what these figures are.
  A consulent gets :class:`PermissionDenied`: the issue gives the page to teamleider and beheerder.
- The list of dossiers behind a figure follows the user's own dossier rights: a teamleider sees
  every dossier, a user who is also consulent only their own caseload, and a beheerder without
  a counsellor or team-lead role is refused (they see no dossier content).
- The DDAS delivery contains BSNs; it is for teamleiders and beheerders and is audited with
  the number of trajecten (see :mod:`app.services.ddas_delivery`).

Periods that end after today are cut off at today: no figure changes (nothing is recorded in
the future), and the share of first conversations within the term would otherwise count terms
that are still running as missed (``app.rules.kpi_leadtimes.first_conversation_in_term``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.domain.dossiers import Dossier
from app.domain.users import Role, User
from app.errors import KnownError, PermissionDenied, ValidationError
from app.export.ddas import DdasError, build_ddas_document, in_delivery, path_text, validate_ddas, write_ddas
from app.rules.kpi import Period, Summary, dashboard_summary
from app.services import audit, settings
from app.services.context import ServiceContext, today_local
from app.services.ddas_delivery import load_ddas_dossiers, organisation
from app.services.dossier_views import DossierRow
from app.services.dossiers import row_from, row_query, visible_clause
from app.services.report_facts import FactsScope, Progress, cycle_collector_paused, load_facts

__all__ = [
    "ADMIN_SEES_NO_DOSSIERS",
    "FORMAT_LABELS",
    "QUICK_PERIODS",
    "CounsellorOption",
    "DdasExport",
    "ReportCancelled",
    "counsellors",
    "dashboard",
    "dossiers_behind",
    "effective_period",
    "export_ddas",
    "export_summary",
    "load_facts",
    "quick_period",
]

#: Export formats of the anonymous summary, with their Dutch labels.
FORMAT_LABELS: dict[str, str] = {"xlsx": "Excel-bestand (XLSX)", "csv": "CSV-bestand", "pdf": "PDF-rapport"}

#: Dossier ids per query when listing the dossiers behind a figure (SQLite's variable limit).
_CHUNK = 500
#: Trajecten per schema check of a DDAS delivery (progress and stop between the parts).
_VALIDATE_PART = 1000


class ReportCancelled(KnownError):
    """The user stopped a computation; nothing was written."""


@dataclass(frozen=True)
class CounsellorOption:
    """A counsellor to filter on, and the name shown for their caseload row."""

    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class DdasExport:
    """What a DDAS delivery contains: the file, the period and the number of trajecten."""

    path: Path
    period: Period
    trajects: int


#: Quick choices for the period picker, with their Dutch labels.
QUICK_PERIODS: dict[str, str] = {
    "this_quarter": "Dit kwartaal",
    "last_quarter": "Vorig kwartaal",
    "this_year": "Dit jaar",
    "two_years": "Afgelopen 2 jaar",
}

#: Why a beheerder without counsellor or team-lead role sees no dossiers behind a figure.
ADMIN_SEES_NO_DOSSIERS = (
    "Als beheerder ziet u alleen de cijfers. Welke dossiers erachter zitten, zien alleen "
    "consulenten (hun eigen dossiers) en teamleiders."
)


def quick_period(code: str, today: date) -> Period:
    """Return the period of a quick choice (``QUICK_PERIODS``) as seen on ``today``.

    Quarters are calendar quarters; "afgelopen 2 jaar" is the 730 or 731 days up to today.
    """
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    if code == "this_quarter":
        return Period(quarter_start, _quarter_end(quarter_start))
    if code == "last_quarter":
        previous = quarter_start - timedelta(days=1)
        start = date(previous.year, 3 * ((previous.month - 1) // 3) + 1, 1)
        return Period(start, previous)
    if code == "this_year":
        return Period(date(today.year, 1, 1), date(today.year, 12, 31))
    if code == "two_years":
        try:
            start = today.replace(year=today.year - 2)
        except ValueError:  # 29 February
            start = today.replace(year=today.year - 2, day=28)
        return Period(start + timedelta(days=1), today)
    raise ValueError(f"unknown quick period: {code}")


def _quarter_end(start: date) -> date:
    month = start.month + 3
    following = date(start.year + (month > 12), (month - 1) % 12 + 1, 1)
    return following - timedelta(days=1)


def _require_reports(ctx: ServiceContext) -> None:
    if not (ctx.user.is_team_lead or ctx.user.is_admin):
        raise PermissionDenied("Alleen teamleiders en beheerders zien de stuurinformatie.")


def may_deliver_ddas(ctx: ServiceContext) -> bool:
    """Whether the user may make the DDAS delivery (with BSNs): the teamleider only."""
    return ctx.user.is_team_lead


def require_ddas(ctx: ServiceContext) -> None:
    """The one access check of the DDAS delivery, for the GUI and the command line alike."""
    if not may_deliver_ddas(ctx):
        raise PermissionDenied("Alleen de teamleider maakt de DDAS-levering: het bestand bevat BSN's.")


def _step(progress: Progress | None, percent: int, text: str) -> None:
    if progress is not None:
        progress(percent, text)


def effective_period(period: Period) -> Period:
    """Return ``period`` cut off at today (see the module docstring).

    Raises:
        ValidationError: when the period starts after today.
    """
    today = today_local()
    if period.start > today:
        raise ValidationError({"period": "De periode begint in de toekomst. Kies een eerdere begindatum."})
    return Period(period.start, min(period.end, today))


def counsellors(ctx: ServiceContext) -> list[CounsellorOption]:
    """Return every counsellor (also inactive ones: they may still own dossiers), by name."""
    _require_reports(ctx)
    with ctx.db.read() as session:
        rows = session.execute(
            select(User.id, User.full_name, User.roles).where(User.deleted_at.is_(None))
        ).all()
    found = [
        CounsellorOption(uid, name) for uid, name, roles in rows if Role.COUNSELLOR.value in roles.split(",")
    ]
    return sorted(found, key=lambda c: c.name.casefold())


def _summary(
    ctx: ServiceContext, period: Period, counsellor_id: uuid.UUID | None, progress: Progress | None
) -> Summary:
    chosen = str(counsellor_id) if counsellor_id is not None else None
    with cycle_collector_paused():
        with ctx.db.read() as session:
            facts = load_facts(session, period, FactsScope(chosen), progress)
        _step(progress, 85, "Cijfers berekenen")
        summary = dashboard_summary(facts, period, counsellor=chosen)
    _step(progress, 100, "Klaar")
    return summary


def dashboard(
    ctx: ServiceContext,
    period: Period,
    counsellor_id: uuid.UUID | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Compute every stuurinformatie figure for ``period`` (all dossiers or one counsellor's).

    ``progress(percent, text)`` is called between the steps; it may raise
    :class:`ReportCancelled` to stop. The result holds dossier ids for click-through only.
    Source: DOMAIN.md "Stuurinformatie"; PRODUCT.md §7.
    """
    _require_reports(ctx)
    return _summary(ctx, effective_period(period), counsellor_id, progress)


def dossiers_behind(ctx: ServiceContext, dossier_ids: Sequence[str | uuid.UUID]) -> list[DossierRow]:
    """Return the dossiers behind a figure that this user may see, sorted by number.

    A teamleider sees them all; a user who is (also) consulent sees only their own and shared
    dossiers, the rest is left out silently (compare the length with the figure).

    Raises:
        PermissionDenied: for a beheerder without counsellor or team-lead role.
    """
    if not ctx.user.sees_dossiers:
        raise PermissionDenied(ADMIN_SEES_NO_DOSSIERS)
    wanted = sorted({i if isinstance(i, uuid.UUID) else uuid.UUID(str(i)) for i in dossier_ids})
    rows: list[DossierRow] = []
    with ctx.db.read() as session:
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            query = row_query().where(Dossier.id.in_(chunk), visible_clause(ctx))
            rows.extend(row_from(r) for r in session.execute(query))
    return sorted(rows, key=lambda r: r.number)


def _write_failed(path: Path, exc: OSError) -> KnownError:
    return KnownError(f"Het bestand {path.name} kan niet worden geschreven: {exc.strerror or exc}.")


def export_summary(
    ctx: ServiceContext,
    period: Period,
    fmt: str,
    out_path: Path,
    counsellor_id: uuid.UUID | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Write the anonymous stuurinformatie for ``period`` as XLSX, CSV or PDF; audited as 'export'.

    The files hold only suppressed counts (1-4 → "<5"), shares and lead times, and pseudonyms
    for counsellors: no names, BSNs, addresses, dossier numbers or ids (``app.export.tables``).
    Source: PRODUCT.md §7; AVG art. 5(1)(c).
    """
    _require_reports(ctx)
    if fmt not in FORMAT_LABELS:
        raise ValidationError({"format": "Kies XLSX, CSV of PDF."})
    period = effective_period(period)
    summary = _summary(ctx, period, counsellor_id, progress)
    organisation_name = str(settings.get(ctx, "municipality.name") or "")
    # The writers load openpyxl and ReportLab: imported here, so the dashboard opens without them.
    from app.documents.report import write_summary_report
    from app.export.csv import write_summary_csv
    from app.export.xlsx import write_summary_xlsx

    try:
        if fmt == "xlsx":
            write_summary_xlsx(summary, out_path, organisation_name=organisation_name)
        elif fmt == "csv":
            write_summary_csv(summary, out_path)
        else:
            write_summary_report(
                summary, out_path, organisation_name=organisation_name, made_on=today_local()
            )
    except OSError as exc:
        raise _write_failed(out_path, exc) from exc
    with ctx.db.begin() as session:
        audit.log(
            session,
            ctx,
            "export",
            "report",
            "stuurinformatie",
            details={
                "format": fmt,
                "from": period.start,
                "to": period.end,
                "scope": summary.scope_label_nl,
                "file": out_path.name,
            },
        )
    return summary


def export_ddas(
    ctx: ServiceContext, period: Period, out_path: Path, progress: Progress | None = None
) -> DdasExport:
    """Write the DDAS v1.0 delivery (Uitwisselmodel) for ``period``; audited as 'export'.

    The file is validated against the schema before it is written and contains BSNs: send it
    only over the secure channel to CBS. Source: RULES.md §7; DDAS v1.0.

    Raises:
        KnownError: when a dossier cannot be delivered (names the dossier number) or the file
            cannot be written.
        PermissionDenied: for anyone but a teamleider (the file holds every client's BSN; the
            beheerder sees no dossier content, RULES.md §6).
    """
    require_ddas(ctx)
    period = effective_period(period)
    with ctx.db.read() as session:
        org = organisation(session, ctx)
        loaded = load_ddas_dossiers(session, period, progress)
    chosen = [(number, d) for number, d in loaded if in_delivery(d, period)]
    _step(progress, 80, "Levering opbouwen")
    numbers = [n for n, _ in chosen]
    try:
        document = build_ddas_document(org, [d for _, d in chosen], period, datetime.now(UTC), validate=False)
        _validate_in_parts(document, progress)
    except DdasError as exc:
        raise KnownError(_ddas_problem(exc, numbers)) from exc
    try:
        write_ddas(document, out_path)
    except OSError as exc:
        raise _write_failed(out_path, exc) from exc
    with ctx.db.begin() as session:
        audit.log(
            session,
            ctx,
            "export",
            "ddas",
            "levering",
            details={
                "from": period.start,
                "to": period.end,
                "trajecten": len(chosen),
                "file": out_path.name,
                "contains": "BSN",
            },
        )
    _step(progress, 100, "Klaar")
    return DdasExport(out_path, period, len(chosen))


def _validate_in_parts(document: dict[str, Any], progress: Progress | None) -> None:
    """Validate the delivery against the schema in parts of ``_VALIDATE_PART`` trajecten.

    The same as validating it whole: the schema sets no rule across trajecten (only per
    traject), so the envelope with each part is checked. Parts let the page show progress and
    stop, as checking 50 000 trajecten takes about a minute.
    """
    delivery = document["leveringen"][0]
    trajects = delivery["schuldhulptrajecten"]
    for start in range(0, max(len(trajects), 1), _VALIDATE_PART):
        part = {
            **document,
            "leveringen": [{**delivery, "schuldhulptrajecten": trajects[start : start + _VALIDATE_PART]}],
        }
        try:
            validate_ddas(part)
        except DdasError as exc:
            path = list(exc.path)
            if len(path) > 3 and isinstance(path[3], int):
                path[3] += start
            raise DdasError(exc.message, path) from exc
        done = min(start + _VALIDATE_PART, len(trajects))
        _step(
            progress,
            80 + (19 * done) // max(len(trajects), 1),
            f"Levering controleren ({done:,} van {len(trajects):,})".replace(",", "."),
        )


def _ddas_problem(error: DdasError, numbers: list[str]) -> str:
    """Return a Dutch message naming the dossier (by number) whose traject is not valid."""
    path = error.path
    if len(path) > 3 and path[:3] == ("leveringen", 0, "schuldhulptrajecten") and isinstance(path[3], int):
        index = path[3]
        where = path_text(path[4:]) or "traject"
        if 0 <= index < len(numbers):
            return (
                f"Dossier {numbers[index]} kan niet in de DDAS-levering ({where}): {error.message}. "
                "Verbeter het dossier en maak de levering opnieuw."
            )
    return f"De DDAS-levering klopt niet met het schema: {error}."
