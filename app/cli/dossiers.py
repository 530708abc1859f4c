"""Commands about dossiers: ``demo`` and ``dossiers``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from app.cli import cli_login, paths_and_config
from app.rules.phases import Phase
from app.services.dossier_views import SearchCriteria
from app.services.dossiers import search_dossiers


def register(sub: Any) -> None:
    demo = sub.add_parser("demo", help="vul een nieuwe database met demodossiers")
    demo.add_argument("--dossiers", type=int, default=300, help="aantal dossiers (standaard 300)")
    demo.add_argument("--seed", type=int, default=1, help="startgetal voor het toeval (standaard 1)")
    demo.set_defaults(handler=run_demo)

    listing = sub.add_parser("dossiers", help="toon dossiers (nummer, fase, consulent, meldingsdatum)")
    listing.add_argument("--json", action="store_true", help="als JSON")
    listing.add_argument("--phase", choices=[p.value for p in Phase], help="alleen deze fase")
    listing.set_defaults(handler=run_dossiers)


def run_demo(args: argparse.Namespace) -> int:
    from app.services.demo import generate_demo

    paths, config = paths_and_config(args)
    started = time.perf_counter()
    opened = generate_demo(paths, config, dossiers=args.dossiers, seed=args.seed)
    opened.db.dispose()
    print(
        f"Demodatabase gemaakt in {paths.data_dir} met {max(args.dossiers, 5)} dossiers "
        f"in {time.perf_counter() - started:.1f} s. Accounts: consulent, joost, teamleider, beheerder "
        "(wachtwoord: demo)."
    )
    return 0


def run_dossiers(args: argparse.Namespace) -> int:
    opened = cli_login(args)
    ctx = opened.context()
    criteria = SearchCriteria(phase=args.phase)
    rows: list[dict[str, str]] = []
    offset = 0
    while True:
        page = search_dossiers(ctx, criteria, offset=offset, limit=2000)
        rows.extend(
            {
                "number": r.number,
                "phase": r.phase,
                "counsellor": r.counsellor,
                "reported_on": r.reported_on.isoformat(),
            }
            for r in page
        )
        if len(page) < 2000:
            break
        offset += len(page)
    opened.db.dispose()
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for row in rows:
            print(f"{row['number']:<15} {row['phase']:<22} {row['counsellor']:<22} {row['reported_on']}")
    return 0
