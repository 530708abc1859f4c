"""``python -m app.release COMMAND``: check or refresh the lock, audit the locked set, show build info."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from app.release import audit
from app.release.build_info import describe, load_build_info
from app.release.lock import (
    LOCK_FILE,
    PYPROJECT,
    REFRESH_COMMAND,
    LockError,
    disagreements,
    read_lock,
    read_requirements,
    refresh,
)


def lock_check(args: argparse.Namespace) -> int:
    problems = disagreements(read_requirements(Path(args.pyproject)), read_lock(Path(args.lock)))
    if problems:
        print("requirements.lock past niet bij pyproject.toml:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        print(f"Ververs het lock met '{REFRESH_COMMAND}' en draai de tests.", file=sys.stderr)
        return 1
    print(
        f"requirements.lock past bij pyproject.toml ({len(read_lock(Path(args.lock)).packages)} pakketten)."
    )
    return 0


def lock_refresh(args: argparse.Namespace) -> int:
    refresh(Path(args.lock), Path(args.pyproject), upgrade=args.upgrade)
    print(f"{Path(args.lock).name} ververst ({len(read_lock(Path(args.lock)).packages)} pakketten).")
    return 0


def run_audit(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.report:
        result = audit.parse_pip_audit(json.loads(Path(args.report).read_text(encoding="utf-8")))
    else:
        result = audit.audit_lock(Path(args.lock))
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    verdict = audit.judge(result, audit.read_exceptions(Path(args.exceptions)), today)
    for line in verdict.accepted:
        print(f"  geaccepteerd: {line}")
    for line in verdict.warnings:
        print(f"  let op: {line}")
    for line in verdict.problems:
        print(f"  FOUT: {line}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(
        f"Kwetsbaarheden: {len(result.audited)} pakketten gecontroleerd, {len(result.unaudited)} niet, "
        f"{len(result.vulnerabilities)} bekende kwetsbaarheden, in {elapsed:.1f} s."
    )
    return 0 if verdict.ok else 1


def show_info(args: argparse.Namespace) -> int:
    print(describe(load_build_info()))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m app.release", description="Lock, audit en bouwinformatie."
    )
    parser.add_argument("--lock", default=str(LOCK_FILE), help="het lock (standaard requirements.lock)")
    parser.add_argument("--pyproject", default=str(PYPROJECT), help="standaard pyproject.toml")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("lock-check", help="faalt als het lock en pyproject.toml niet overeenkomen").set_defaults(
        handler=lock_check
    )
    refresh_parser = sub.add_parser("lock-refresh", help="maak het lock opnieuw (met uv)")
    refresh_parser.add_argument(
        "--upgrade", action="store_true", help="alle pakketten naar de nieuwste versie"
    )
    refresh_parser.set_defaults(handler=lock_refresh)
    audit_parser = sub.add_parser("audit", help="zoek bekende kwetsbaarheden in het lock")
    audit_parser.add_argument("--exceptions", default=str(audit.EXCEPTIONS_FILE), help="de uitzonderingen")
    audit_parser.add_argument("--report", help="een pip-audit-rapport (JSON) in plaats van een nieuwe scan")
    audit_parser.add_argument("--today", help="datum voor de vervaldatums (JJJJ-MM-DD, standaard vandaag)")
    audit_parser.set_defaults(handler=run_audit)
    sub.add_parser("info", help="versie, bouwdatum en afhankelijkheden").set_defaults(handler=show_info)
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except (LockError, audit.AuditError) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
