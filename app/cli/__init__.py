"""The small admin command line: ``python -m app --data-dir DIR COMMAND …``.

Each area adds its commands in its own module with a ``register(subparsers)`` function listed in
:data:`COMMAND_MODULES`. Commands that read or write dossiers log in with ``HELDER_USER`` and
``HELDER_PASSWORD`` (or ask); a known problem prints one clear Dutch line and exits non-zero.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from app.config import LocalConfig, Paths, default_data_dir, load_config, restrict_new_files
from app.errors import KnownError, ReasonRequired, ValidationError
from app.services.auth import Opened, login
from app.services.context import ServiceContext

Handler = Callable[[argparse.Namespace], int]

COMMAND_MODULES = (
    "app.cli.admin",
    "app.cli.dossiers",
    "app.cli.reports",
    "app.cli.letters",
    "app.cli.norms",
)


def paths_and_config(args: argparse.Namespace, *, tolerant: bool = False) -> tuple[Paths, LocalConfig]:
    """Return the data folder's paths and its local configuration (``tolerant``: see load_config)."""
    paths = Paths(Path(args.data_dir) if args.data_dir else default_data_dir())
    return paths, load_config(paths, tolerant=tolerant)


def ask_password(prompt: str = "Wachtwoord: ") -> str:
    """Return ``HELDER_PASSWORD`` or ask for it without echo."""
    env = os.environ.get("HELDER_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise KnownError("Geef het wachtwoord in HELDER_PASSWORD (er is geen invoer om het te vragen).")
    return getpass.getpass(prompt)


def cli_credentials() -> tuple[str, str]:
    """Return the user name and password from ``HELDER_USER`` / ``HELDER_PASSWORD`` or a prompt."""
    user = os.environ.get("HELDER_USER")
    if not user:
        if not sys.stdin.isatty():
            raise KnownError("Geef de gebruikersnaam in HELDER_USER.")
        user = input("Gebruikersnaam: ")
    return user, ask_password()


def output_target(path: str | None) -> Path:
    """Check an ``--out`` file before anything is made or stored: its folder exists and is
    writable, and it is not a folder, a system file or one of Helder's own live files.

    Raises:
        KnownError: a calm Dutch message; nothing was made, stored or audited.
    """
    from app.db.backup import LIVE_NAMES

    if not path:
        raise KnownError("Geef met --out het bestand om te schrijven.")
    target = Path(path).expanduser().resolve()
    if target.name in LIVE_NAMES:
        raise KnownError(f"{path} is een bestand waarmee Helder werkt. Kies een andere naam.")
    if target.is_dir():
        raise KnownError(f"{path} is een map. Geef een bestandsnaam.")
    if target.exists() and not target.is_file():
        raise KnownError(f"{path} is geen gewoon bestand. Kies een ander bestand.")
    if not target.parent.is_dir():
        raise KnownError(f"De map {target.parent} bestaat niet.")
    if not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise KnownError(f"Helder mag {path} niet schrijven. Kies een map waarin u mag schrijven.")
    return target


def write_output(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file beside it (never half a file)."""
    partial = target.with_name(target.name + ".part")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise KnownError(f"Kan {target} niet schrijven: {exc.strerror or exc}") from exc


def open_dossier_number(ctx: ServiceContext, number: str, reason: str | None) -> uuid.UUID:
    """The dossier with ``number``, through the same access check as opening it in the GUI:
    outside the own caseload only with ``--reason``, which is logged (``dossiers.get_dossier``)."""
    from app.services.dossiers import find_by_number, get_dossier

    dossier_id = find_by_number(ctx, number)
    try:
        get_dossier(ctx, dossier_id, reason=reason)
    except ReasonRequired as exc:
        raise KnownError(f"{exc} Geef de reden met --reason.") from exc
    return dossier_id


def cli_login(args: argparse.Namespace) -> Opened:
    """Log in for a command that touches dossiers."""
    paths, config = paths_and_config(args)
    user, password = cli_credentials()
    from app.services.auth import seconds_until_next_try

    wait = seconds_until_next_try(paths, user)
    if wait:  # the same back-off as the login window, kept in the key file
        raise KnownError(f"Te vaak een verkeerd wachtwoord. Probeer het over {wait} seconden opnieuw.")
    return login(paths, config, user, password, device="cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app", description="Helder — beheer vanaf de opdrachtregel."
    )
    parser.add_argument("--data-dir", help="map met de database (standaard de gebruikersmap van Helder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit code."""
    restrict_new_files()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except ValidationError as exc:
        for field, message in exc.errors.items():
            print(f"Fout in {field}: {message}", file=sys.stderr)
        return 2
    except KnownError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
