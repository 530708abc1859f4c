"""Commands for stuurinformatie: ``export summary`` (anonymous) and ``export ddas`` (with BSNs).

    python -m app --data-dir DIR export summary --from 2026-01-01 --to 2026-03-31 --format xlsx --out q1.xlsx
    python -m app --data-dir DIR export ddas --from 2026-01-01 --to 2026-12-31 --out levering.json

Log in with ``HELDER_USER``/``HELDER_PASSWORD`` as teamleider or beheerder. Both exports are
audited. Dates as ``2026-03-31`` or ``31-03-2026``.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import Any

from app.cli import cli_login, output_target
from app.errors import ValidationError
from app.rules.kpi import Period
from app.services.reports import FORMAT_LABELS, export_ddas, export_summary


def _day(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"'{text}' is geen datum; gebruik 2026-03-31 of 31-03-2026")


def register(sub: Any) -> None:
    export = sub.add_parser("export", help="maak stuurinformatie (XLSX, CSV, PDF) of een DDAS-levering")
    kinds = export.add_subparsers(dest="export_kind", required=True, metavar="SOORT")

    summary = kinds.add_parser("summary", help="stuurinformatie zonder persoonsgegevens")
    _period_arguments(summary)
    summary.add_argument("--format", required=True, choices=sorted(FORMAT_LABELS), help="bestandssoort")
    summary.add_argument("--out", required=True, help="doelbestand")
    summary.set_defaults(handler=run_export_summary)

    ddas = kinds.add_parser("ddas", help="DDAS-levering voor het CBS (bevat BSN's)")
    _period_arguments(ddas)
    ddas.add_argument("--out", required=True, help="doelbestand (.json)")
    ddas.set_defaults(handler=run_export_ddas)


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, type=_day, help="eerste dag (2026-01-01)")
    parser.add_argument("--to", dest="end", required=True, type=_day, help="laatste dag (2026-03-31)")


def _period(args: argparse.Namespace) -> Period:
    if args.end < args.start:
        raise ValidationError({"--to": "De einddatum ligt vóór de begindatum."})
    return Period(args.start, args.end)


def run_export_summary(args: argparse.Namespace) -> int:
    period = _period(args)
    opened = cli_login(args)
    try:
        out = output_target(args.out)
        summary = export_summary(opened.context(), period, args.format, out)
    finally:
        opened.db.dispose()
    shown = summary.period
    print(
        f"Stuurinformatie {shown.start:%d-%m-%Y} t/m {shown.end:%d-%m-%Y} geschreven naar {out} "
        f"({FORMAT_LABELS[args.format]}, zonder persoonsgegevens)."
    )
    return 0


def run_export_ddas(args: argparse.Namespace) -> int:
    period = _period(args)
    opened = cli_login(args)
    try:
        result = export_ddas(opened.context(), period, output_target(args.out))
    finally:
        opened.db.dispose()
    print(
        f"DDAS-levering {result.period.start:%d-%m-%Y} t/m {result.period.end:%d-%m-%Y} geschreven naar "
        f"{result.path} met {result.trajects} trajecten. Let op: dit bestand bevat BSN's. Verstuur het "
        "alleen via het beveiligde kanaal naar het CBS en verwijder het daarna."
    )
    return 0
