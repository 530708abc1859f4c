"""Entry point of the ``helder`` command: QApplication, login, main window.

``helder --demo`` opens a fresh demo database logged in as ``consulent``; ``--self-test`` opens
the main window, loads the list, opens a dossier, closes and exits 0 (any error: non-zero with
the reason). Dependencies are wired here once and passed down in constructors.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="helder", description="Helder — schuldhulpverlening.")
    parser.add_argument("--data-dir", help="map met de database (standaard de gebruikersmap)")
    parser.add_argument("--demo", action="store_true", help="open een nieuwe demodatabase als 'consulent'")
    parser.add_argument("--demo-dossiers", type=int, default=300, help="aantal demodossiers (standaard 300)")
    parser.add_argument("--self-test", action="store_true", help="start, laad, open een dossier en sluit af")
    parser.add_argument(
        "--version", action="store_true", help="toon versie, bouwdatum en afhankelijkheden en stop"
    )
    return parser.parse_args(list(argv) if argv is not None else None)


def main(argv: Sequence[str] | None = None) -> int:
    """Run Helder; return the exit code."""
    from app.config import restrict_new_files

    restrict_new_files()  # database, keys, backups, letters: readable for this user only
    args = parse_args(argv)
    if args.version:
        from app.release.build_info import describe, load_build_info

        print(describe(load_build_info()))
        return 0
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.config import Paths, default_data_dir, load_config
    from app.errors import KnownError
    from ui.errors import install_exception_hook

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Helder")
    app.setOrganizationName("Helder")
    base_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    install_exception_hook(Paths(base_dir).logs, interactive=not args.self_test)
    demo_dir: Path | None = None
    try:
        if args.demo:
            from app.services.demo import generate_demo

            if args.data_dir:
                demo_dir = None
                paths = Paths(Path(args.data_dir))
                if paths.database.exists():
                    paths.database.unlink()
                    paths.key_file.unlink(missing_ok=True)
            else:
                demo_dir = Path(tempfile.mkdtemp(prefix="helder-demo-"))
                paths = Paths(demo_dir)
            opened = generate_demo(paths, load_config(paths), dossiers=args.demo_dossiers)
        else:
            paths = Paths(Path(args.data_dir) if args.data_dir else default_data_dir())
            try:
                config = load_config(paths)
            except KnownError as exc:  # a damaged config.json: a calm message naming the file
                if not args.self_test:
                    from PySide6.QtWidgets import QMessageBox

                    QMessageBox.critical(None, "Helder kan niet starten", str(exc))
                    return 1
                raise
            if args.self_test:
                from app.services.auth import login

                opened = login(
                    paths,
                    config,
                    os.environ.get("HELDER_USER", ""),
                    os.environ.get("HELDER_PASSWORD", ""),
                    device="self-test",
                )
            else:
                from ui.dialogs.login import obtain_login

                found = obtain_login(paths, config)
                if found is None:
                    return 0
                opened = found
        from ui.lock import attach_security
        from ui.main_window import MainWindow
        from ui.workspace import Workspace

        workspace = Workspace(opened)
        window = MainWindow(workspace)
        attach_security(window, workspace, automatic_backups=not args.self_test)
        if args.self_test:
            from ui.self_test import run_self_test

            return run_self_test(app, window)
        window.show()
        return app.exec()
    except Exception as exc:  # the reason, without a traceback, for the smoke test and the user
        if args.self_test:
            print(f"self-test mislukt: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        raise
    finally:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
