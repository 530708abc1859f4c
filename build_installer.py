"""Build Helder's Windows installer: a sequence of small typed steps.

check the environment against ``requirements.lock`` (and write the build information) → version
resource → PyInstaller from ``packaging/helder.spec`` (one folder, windowed) → verify the bundle →
smoke-test the frozen program (``--self-test --demo``, ``--version``) → CycloneDX bill of materials
(``dist/Helder-<version>.cdx.json``, next to the installer) → Inno Setup (``iscc``) from
``packaging/helder.iss`` → zip.

``python build_installer.py --check`` runs every step before Inno Setup on any platform (CI runs it on
Linux): exit 0 only when the frozen program started, loaded demo data and closed cleanly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.release.build_info import BuildInfo
from app.release.lock import (
    LockedPackage,
    applies_here,
    disagreements,
    read_lock,
    read_requirements,
    requirement_name,
    runtime_packages,
)
from app.release.sbom import make_sbom

ROOT = Path(__file__).resolve().parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"
BUNDLE = DIST / "Helder"
SPEC = ROOT / "packaging" / "helder.spec"
ISS = ROOT / "packaging" / "helder.iss"
#: Written by :func:`check_environment`; the spec puts it in the bundle as ``app/_build_info.json``.
BUILD_INFO = BUILD / "_build_info.json"

#: What the bundle must contain for the program to work offline (relative to the bundle's data root).
REQUIRED_ASSETS = (
    "resources/fonts/DejaVuSans.ttf",
    "resources/fonts/LICENSE-DejaVu.txt",
    "resources/norms",
    "resources/templates",
    "resources/questionnaires",
    "resources/checklists",
    "app/db/migrations/env.py",
    "app/db/migrations/versions/0001_foundation.py",
    "app/_build_info.json",
)


class BuildError(Exception):
    """A step failed; the message says which and why."""


@dataclass(frozen=True)
class Context:
    version: str
    check_only: bool


Step = Callable[[Context], None]


def read_version() -> str:
    """Return Helder's version from ``app/__init__.py``."""
    for line in (ROOT / "app" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip('"')
    raise BuildError("geen __version__ in app/__init__.py")


def sbom_path(version: str) -> Path:
    """Return where the bill of materials goes: next to the installer and the zip."""
    return DIST / f"Helder-{version}.cdx.json"


def bundled_packages() -> tuple[list[LockedPackage], list[str], LockedPackage | None]:
    """Return the locked runtime packages of this platform, Helder's direct ones, and PyInstaller."""
    lock, requirements = read_lock(), read_requirements()
    if disagreements(requirements, lock):
        raise BuildError("requirements.lock past niet bij pyproject.toml: python -m app.release lock-check")
    packages = [p for p in runtime_packages(lock, requirements) if applies_here(p)]
    return packages, [requirement_name(r) for r in requirements.runtime], lock.get("pyinstaller")


def installed_version(name: str) -> str | None:
    """Return the installed version of a distribution, or None."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def git_commit() -> str | None:
    """Return the short commit the build is made from, when git knows it."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def check_environment(ctx: Context) -> None:
    """Refuse to build unless every bundled package is installed at its locked version.

    Then write the build information (version, date, commit, Python, locked versions) for the bundle.
    """
    packages, _direct, pyinstaller = bundled_packages()
    wrong = [
        f"{p.name} {installed_version(p.name) or 'ontbreekt'} (lock: {p.version})"
        for p in [*packages, *([pyinstaller] if pyinstaller else [])]
        if installed_version(p.name) != p.version
    ]
    if wrong:
        raise BuildError(
            "de omgeving wijkt af van requirements.lock: "
            + ", ".join(wrong)
            + ". Installeer het lock: python -m pip install --require-hashes -r requirements.lock"
        )
    info = BuildInfo(
        version=ctx.version,
        build_date=dt.datetime.now(dt.UTC).date().isoformat(),
        commit=git_commit(),
        python=platform.python_version(),
        dependencies=tuple(sorted((p.name, p.version) for p in packages)),
    )
    BUILD.mkdir(exist_ok=True)
    BUILD_INFO.write_text(json.dumps(info.as_dict(), indent=2) + "\n", encoding="utf-8")


def write_sbom(ctx: Context) -> None:
    """Write the CycloneDX 1.5 bill of materials of the bundle next to the installer."""
    packages, direct, pyinstaller = bundled_packages()
    DIST.mkdir(exist_ok=True)
    document = make_sbom(ctx.version, packages, direct, pyinstaller)
    sbom_path(ctx.version).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"  stuklijst: {sbom_path(ctx.version)} ({len(packages)} pakketten)")


def write_version_resource(ctx: Context) -> None:
    """Write the Windows version resource that the spec embeds in Helder.exe."""
    numbers = [int(p) for p in ctx.version.split(".")[:3]] + [0]
    while len(numbers) < 4:
        numbers.insert(-1, 0)
    tup = ", ".join(str(n) for n in numbers[:4])
    BUILD.mkdir(exist_ok=True)
    (BUILD / "version_info.txt").write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers=({tup}), prodvers=({tup}), mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('041304B0', [
    StringStruct('CompanyName', 'Helder'),
    StringStruct('FileDescription', 'Helder — schuldhulpverlening'),
    StringStruct('FileVersion', '{ctx.version}'),
    StringStruct('ProductName', 'Helder'),
    StringStruct('ProductVersion', '{ctx.version}')])]),
    VarFileInfo([VarStruct('Translation', [0x0413, 1200])])]
)
""",
        encoding="utf-8",
    )


def run_pyinstaller(ctx: Context) -> None:
    """Build the one-folder bundle from the checked-in spec."""
    shutil.rmtree(BUNDLE, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(BUILD / "pyinstaller"),
        str(SPEC),
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildError(f"PyInstaller mislukt:\n{result.stderr[-4000:]}")


def executable() -> Path:
    """Return the frozen program's path."""
    return BUNDLE / ("Helder.exe" if os.name == "nt" else "Helder")


def verify_bundle(ctx: Context) -> None:
    """Check that the program and every asset it loads at run time are in the bundle."""
    if not executable().exists():
        raise BuildError(f"het programma ontbreekt in de bundel: {executable()}")
    roots = [BUNDLE, BUNDLE / "_internal"]
    missing = [a for a in REQUIRED_ASSETS if not any((r / a).exists() for r in roots)]
    if missing:
        raise BuildError("ontbrekend in de bundel: " + ", ".join(missing))


def smoke_test(ctx: Context) -> None:
    """Start the frozen program on a fresh demo database; it must open a dossier and exit 0."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [str(executable()), "--self-test", "--demo", "--demo-dossiers", "50"],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BuildError("de rooktest duurde langer dan 300 s") from exc
    if result.returncode != 0:
        raise BuildError(
            f"rooktest mislukt (exit {result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
    print(f"  rooktest geslaagd in {time.perf_counter() - started:.1f} s: {result.stdout.strip()[-300:]}")
    if os.name != "nt":  # the windowed Windows program has no console to print to
        shown = subprocess.run(
            [str(executable()), "--version"], capture_output=True, text=True, timeout=120, check=False
        )
        if shown.returncode != 0 or not shown.stdout.startswith(f"Helder {ctx.version}\nGebouwd: "):
            raise BuildError(
                f"--version van de bundel klopt niet:\n{shown.stdout[-500:]}{shown.stderr[-500:]}"
            )
        if "ontwikkelversie" in shown.stdout:
            raise BuildError("de bundel mist zijn bouwinformatie (app/_build_info.json)")


def find_iscc() -> Path | None:
    """Return Inno Setup's compiler, or None."""
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").exists():
            return Path(base) / "Inno Setup 6" / "ISCC.exe"
    return None


def run_inno_setup(ctx: Context) -> None:
    """Make ``HelderSetup-<version>.exe`` with Inno Setup (Windows only)."""
    iscc = find_iscc()
    if platform.system() != "Windows" or iscc is None:
        raise BuildError(
            "Inno Setup (iscc) is niet gevonden: het installatieprogramma kan alleen op Windows worden "
            "gemaakt met Inno Setup 6 (https://jrsoftware.org). De bundel staat klaar in " + str(BUNDLE)
        )
    result = subprocess.run(
        [str(iscc), f"/DAppVersion={ctx.version}", f"/DSourceDir={BUNDLE}", f"/DOutputDir={DIST}", str(ISS)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BuildError(f"Inno Setup mislukt:\n{result.stdout[-3000:]}")


def make_zip(ctx: Context) -> None:
    """Zip the bundle (for IT departments that deploy without the installer)."""
    target = DIST / f"Helder-{ctx.version}-{platform.system().lower()}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in BUNDLE.rglob("*"):
            archive.write(path, Path("Helder") / path.relative_to(BUNDLE))


CHECK_STEPS: tuple[tuple[str, Step], ...] = (
    ("afhankelijkheden controleren (requirements.lock)", check_environment),
    ("versie-informatie", write_version_resource),
    ("PyInstaller-bundel", run_pyinstaller),
    ("bundel controleren", verify_bundle),
    ("rooktest", smoke_test),
    ("stuklijst (CycloneDX SBOM)", write_sbom),
)
ALL_STEPS: tuple[tuple[str, Step], ...] = (*CHECK_STEPS, ("Inno Setup", run_inno_setup), ("zip", make_zip))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bouw het installatieprogramma van Helder.")
    parser.add_argument(
        "--check", action="store_true", help="alleen bundel bouwen en rooktest (ook op Linux)"
    )
    args = parser.parse_args(argv)
    ctx = Context(read_version(), args.check)
    steps = CHECK_STEPS if args.check else ALL_STEPS
    for name, step in steps:
        started = time.perf_counter()
        print(f"== {name}")
        try:
            step(ctx)
        except BuildError as exc:
            print(f"Stap '{name}' mislukt: {exc}", file=sys.stderr)
            return 1
        print(f"  klaar in {time.perf_counter() - started:.1f} s")
    print("Bundel gecontroleerd." if args.check else f"Installatieprogramma klaar in {DIST}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
