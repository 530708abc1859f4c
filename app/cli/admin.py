"""Commands for the beheerder: ``init``, ``check``, ``backup``, ``restore``, ``migrate``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from app.cli import ask_password, cli_credentials, cli_login, paths_and_config
from app.db.backup import backup_database, check_backup_target, integrity_problem, rolling_backup
from app.domain.users import Role
from app.errors import DatabaseDamagedError, KnownError
from app.services.auth import Opened, init_database, login


def register(sub: Any) -> None:
    init = sub.add_parser("init", help="maak een nieuwe database met de eerste beheerder")
    init.add_argument("--municipality", required=True, help="naam van de gemeente")
    init.add_argument("--admin", required=True, help="gebruikersnaam van de eerste beheerder")
    init.add_argument("--name", default="", help="volledige naam van de beheerder")
    init.set_defaults(handler=run_init)

    check = sub.add_parser("check", help="controleer de database en de hele auditketen")
    check.set_defaults(handler=run_check)

    backup = sub.add_parser("backup", help="maak een versleutelde reservekopie")
    backup.add_argument("--to", help="nieuw doelbestand (standaard in de map met reservekopieën)")
    backup.add_argument(
        "--overwrite", action="store_true", help="vervang met --to een eerdere reservekopie van Helder"
    )
    backup.set_defaults(handler=run_backup)

    restore = sub.add_parser("restore", help="zet een reservekopie terug (controleert eerst)")
    restore.add_argument("file", help="de reservekopie")
    restore.add_argument(
        "--reason",
        help="reden (verplicht als u geen beheerder bent en de database beschadigd is; wordt gelogd)",
    )
    restore.set_defaults(handler=run_restore)

    migrate = sub.add_parser("migrate", help="werk de database bij naar deze versie (met reservekopie)")
    migrate.set_defaults(handler=run_migrate)


def run_init(args: argparse.Namespace) -> int:
    paths, config = paths_and_config(args)
    password = ask_password("Wachtwoord voor de beheerder: ")
    if os.environ.get("HELDER_PASSWORD") is None and ask_password("Herhaal het wachtwoord: ") != password:
        raise KnownError("De wachtwoorden zijn niet gelijk.")
    opened = init_database(
        paths,
        config,
        municipality=args.municipality,
        admin_username=args.admin,
        admin_password=password,
        admin_full_name=args.name,
    )
    opened.db.dispose()
    print(f"Database gemaakt in {paths.data_dir}. Log in als {args.admin.lower()}.")
    return 0


def _login_as(args: argparse.Namespace, *roles: Role) -> Opened:
    opened = cli_login(args)
    try:
        opened.user.require(*roles)
    except KnownError:
        opened.db.dispose()
        raise
    return opened


def run_check(args: argparse.Namespace) -> int:
    """Exit 0 when the database and the whole audit chain are intact, else 1 naming the first bad entry."""
    from app.services.audit import verify_chain

    opened = _login_as(args, Role.ADMIN, Role.TEAM_LEAD)
    db = opened.db
    try:
        if db.is_sqlite and db.path is not None and db.data_key is not None:
            problem = integrity_problem(db.path, db.data_key)
            if problem:
                print(f"Database niet in orde: {problem}", file=sys.stderr)
                return 1
        report = verify_chain(db)
    finally:
        db.dispose()
    if not report.ok:
        print(f"Auditlog niet in orde bij regel {report.first_bad_seq}: {report.problem}.", file=sys.stderr)
        return 1
    print(f"Database in orde; auditketen van {report.entries} regels is compleet.")
    return 0


def _sqlite_only(args: argparse.Namespace) -> tuple[Opened, Path, bytes]:
    opened = _login_as(args, Role.ADMIN)
    db = opened.db
    if not db.is_sqlite or db.path is None or db.data_key is None:
        db.dispose()
        raise KnownError(
            "Reservekopieën maakt Helder alleen van de lokale database; "
            "de teamdatabase wordt op de server bewaard."
        )
    return opened, db.path, db.data_key


def run_backup(args: argparse.Namespace) -> int:
    from app.services.backups import audit_backup

    if args.overwrite and not args.to:
        raise KnownError("--overwrite hoort bij --to.")
    opened, path, key = _sqlite_only(args)
    try:
        if args.to:
            safe = check_backup_target(Path(args.to), opened.paths.data_dir, key, overwrite=args.overwrite)
            target = backup_database(path, key, safe)
        else:
            target = rolling_backup(
                path, key, opened.paths.backups(opened.config), opened.config.backup_keep, "handmatig"
            )
        audit_backup(opened.context(), "backup", str(target))
    finally:
        opened.db.dispose()
    print(f"Reservekopie gemaakt: {target}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Restore a backup; on a damaged database any account may put a good backup back."""
    from app.services.backups import recover_damaged, restore_from

    backup = Path(args.file)
    paths, config = paths_and_config(args, tolerant=True)  # a damaged config.json never stops a restore
    user, password = cli_credentials()
    try:
        opened = login(paths, config, user, password, device="cli")
    except DatabaseDamagedError:
        if not (args.reason and args.reason.strip()):
            raise KnownError(
                "De database is beschadigd. Iedereen met een account mag een goede reservekopie terugzetten, "
                "maar geef de reden met --reason (die wordt gelogd)."
            ) from None
        kept = recover_damaged(paths, config, user, password, backup, reason=args.reason.strip())
        print("Reservekopie teruggezet." + (f" De beschadigde database staat in {kept}." if kept else ""))
        return 0
    try:
        opened.user.require(Role.ADMIN)
        if not opened.db.is_sqlite:
            raise KnownError("Terugzetten kan alleen bij de lokale database.")
        safety = restore_from(opened, backup)
    finally:
        opened.db.dispose()
    print("Reservekopie teruggezet." + (f" De vorige database staat in {safety}." if safety else ""))
    return 0


def run_migrate(args: argparse.Namespace) -> int:
    opened = cli_login(args)  # logging in migrates, after a backup (any user's start of a new version)
    try:
        opened.user.require(Role.ADMIN)  # the command itself is the beheerder's
    finally:
        opened.db.dispose()
    print("De database is bijgewerkt.")
    return 0
