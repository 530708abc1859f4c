"""Commands ``norms`` (list, export, import the dated norm tables) and ``bvv`` (beslagvrije voet).

``norms list`` is for any user; ``norms export`` and ``norms import`` for the beheerder. An import
is validated against ``resources/norms/norms-exchange.schema.json``; a bad file changes nothing
and names its first problem; warnings (an amount more than 10 % from the period before, a
replaced shipped period) are shown and need ``--accept-warnings``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from app.cli import cli_login, open_dossier_number, output_target, write_output
from app.errors import KnownError, ValidationError
from app.services import budgets, norms


def register(sub: Any) -> None:
    group = sub.add_parser("norms", help="de normen: tonen, exporteren, importeren")
    actions = group.add_subparsers(dest="norms_command", required=True, metavar="ACTIE")
    listing = actions.add_parser("list", help="toon elke normtabel met haar perioden")
    listing.add_argument("--json", action="store_true", help="als JSON")
    listing.set_defaults(handler=run_list)
    export = actions.add_parser("export", help="schrijf de ingevoerde perioden naar een JSON-bestand")
    export.add_argument("--out", required=True, help="JSON-bestand om te schrijven")
    export.set_defaults(handler=run_export)
    importing = actions.add_parser(
        "import", help="lees perioden uit een JSON-bestand van een andere gemeente"
    )
    importing.add_argument("file", help="JSON-bestand (formaat: resources/norms/norms-exchange.schema.json)")
    importing.add_argument(
        "--accept-warnings", action="store_true", help="neem ook perioden met waarschuwingen over"
    )
    importing.set_defaults(handler=run_import)

    bvv = sub.add_parser("bvv", help="de beslagvrije voet van een dossier met elke component")
    bvv.add_argument("--dossier", required=True, help="dossiernummer")
    bvv.add_argument("--on", type=date.fromisoformat, help="peildatum JJJJ-MM-DD (standaard vandaag)")
    bvv.add_argument("--json", action="store_true", help="als JSON")
    bvv.add_argument("--reason", help="reden om een dossier buiten uw caseload te openen (wordt gelogd)")
    bvv.set_defaults(handler=run_bvv)


def _dump(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")


def run_list(args: argparse.Namespace) -> int:
    opened = cli_login(args)
    try:
        tables = norms.list_tables(opened.context())
    finally:
        opened.db.dispose()
    if args.json:
        _dump(
            [
                {
                    "table": t.key,
                    "name": t.name,
                    "unit": t.unit,
                    "article": t.article,
                    "missing_from": t.missing_from,
                    "periods": [
                        {
                            "valid_from": p.valid_from,
                            "valid_until": p.valid_until,
                            "amounts": dict(p.amounts),
                            "source": p.source,
                            "origin": p.origin.value,
                            "entered_by": p.entered_by,
                            "replaced": p.shadowed,
                        }
                        for p in t.periods
                    ],
                }
                for t in tables
            ]
        )
        return 0
    for t in tables:
        print(f"{t.title} ({t.article})")
        if t.missing_from:
            print(f"  ONTBREEKT: de periode vanaf {t.missing_from.isoformat()}")
        if not t.periods:
            print("  (nog geen perioden)")
        for p in t.periods:
            until = p.valid_until.isoformat() if p.valid_until else "…"
            amounts = ", ".join(f"{t.keys.get(k, k)} {v}" for k, v in p.amount_labels.items())
            who = f", ingevoerd door {p.entered_by}" if p.entered_by else ""
            flag = " [vervangen]" if p.shadowed else ""
            print(f"  {p.valid_from.isoformat()} – {until}: {amounts} ({p.origin_label}{who}){flag}")
            print(f"    bron: {p.source}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    target = output_target(args.out)
    opened = cli_login(args)
    try:
        data = norms.export_data(opened.context())
    finally:
        opened.db.dispose()
    write_output(target, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    count = sum(len(t["periods"]) for t in data["tables"])
    print(f"{count} ingevoerde perioden geschreven naar {target}.")
    return 0


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnownError(f"Het bestand {path} bestaat niet.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError({"file": f"{path.name} is geen geldig JSON-bestand ({exc})."}) from exc


def run_import(args: argparse.Namespace) -> int:
    data = _read(Path(args.file))
    opened = cli_login(args)
    try:
        result = norms.import_data(opened.context(), data, accept_warnings=args.accept_warnings)
    except norms.WarningsToConfirm as exc:
        print("Niets ingelezen. Controleer eerst deze waarschuwingen:", file=sys.stderr)
        for warning in exc.warnings:
            print(f"- {warning}", file=sys.stderr)
        print("Klopt alles? Herhaal met --accept-warnings.", file=sys.stderr)
        return 3
    finally:
        opened.db.dispose()
    for warning in result.warnings:
        print(f"Let op: {warning}")
    print(f"{result.added} perioden ingelezen, {result.skipped} waren er al.")
    return 0


def run_bvv(args: argparse.Namespace) -> int:
    opened = cli_login(args)
    try:
        ctx = opened.context()
        g = budgets.garnishment_on(ctx, open_dossier_number(ctx, args.dossier, args.reason), args.on)
    finally:
        opened.db.dispose()
    if g is None:
        raise KnownError(f"Dossier {args.dossier} heeft nog geen budgetplan.")
    data = {
        "dossier": args.dossier.strip().upper(),
        "on": g.on,
        "household": g.household_label,
        "seizable_income_cents": g.seizable_income_cents,
        "indication_cents": g.indication_cents,
        "norm_date": g.norm_date,
        "components": [
            {
                "code": c.code,
                "label": c.label,
                "article": c.article,
                "amount_cents": c.amount_cents,
                "text": c.text,
                "entered": c.entered,
            }
            for c in g.components
        ],
        "missing": list(g.missing) + ([g.no_norm_message] if g.no_norm_message else []),
        "official_cents": g.official_cents,
        "official_on": g.official_on,
        "official_source": g.official_source,
        "effective_cents": g.effective_cents,
        "basis": g.indication_basis,
    }
    if args.json:
        _dump(data)
        return 0
    from app.rules.money import format_amount

    def money(cents: int | None) -> str:
        return "onbekend" if cents is None else format_amount(cents)

    print(f"Beslagvrije voet van dossier {data['dossier']} op {g.on.isoformat()} ({g.household_label})")
    print(f"  Inkomen voor beslag: {money(g.seizable_income_cents)}")
    if g.norm_date:
        print(f"  Normperiode: vanaf {g.norm_date.isoformat()}")
    for c in g.components:
        entered = " (uit de opgave van de beslaglegger)" if c.entered else ""
        print(f"  {c.label} — {c.article}: {money(c.amount_cents)}{entered}")
        print(f"    {c.text}")
    print(f"  Indicatie: {money(g.indication_cents)}")
    for line in data["missing"]:
        print(f"  ONTBREEKT: {line}")
    if g.official_cents is not None:
        print(f"  Officieel bedrag: {money(g.official_cents)} ({g.official_source}); dit bedrag geldt.")
    print(f"  Gebruikt: {money(g.effective_cents)}")
    return 0
