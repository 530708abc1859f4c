"""What this Helder is: version, build date and the locked dependency versions it contains.

The installer build writes ``app/_build_info.json`` into the bundle; a source checkout has none and
reads the versions from ``requirements.lock`` instead (build date: "ontwikkelversie"). Shown by
``helder --version`` and *Help → Over Helder*.
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass
from pathlib import Path

import app
from app.resources import resource_root

DEVELOPMENT = "ontwikkelversie"


@dataclass(frozen=True)
class BuildInfo:
    """Version, build moment and the dependency versions of this program."""

    version: str
    build_date: str | None  # ISO date of the build; None in a source checkout
    commit: str | None
    python: str
    dependencies: tuple[tuple[str, str], ...]  # (name, version), sorted by name

    def as_dict(self) -> dict[str, object]:
        """Return the JSON form written into the bundle."""
        return {
            "version": self.version,
            "build_date": self.build_date,
            "commit": self.commit,
            "python": self.python,
            "dependencies": [{"name": n, "version": v} for n, v in self.dependencies],
        }


def build_info_path() -> Path:
    """Return where the bundle keeps its build information."""
    return resource_root() / "app" / "_build_info.json"


def from_dict(data: dict[str, object]) -> BuildInfo:
    """Read the JSON form."""
    dependencies = data.get("dependencies", [])
    assert isinstance(dependencies, list)
    return BuildInfo(
        version=str(data["version"]),
        build_date=str(data["build_date"]) if data.get("build_date") else None,
        commit=str(data["commit"]) if data.get("commit") else None,
        python=str(data.get("python", "")),
        dependencies=tuple((str(d["name"]), str(d["version"])) for d in dependencies),
    )


def development_info() -> BuildInfo:
    """Return the information of a source checkout: the lock's runtime versions for this platform."""
    from app.release.lock import LockError, applies_here, read_lock, read_requirements, runtime_packages

    try:
        packages = runtime_packages(read_lock(), read_requirements())
        dependencies = tuple(sorted((p.name, p.version) for p in packages if applies_here(p)))
    except (LockError, OSError, KeyError):
        dependencies = ()
    return BuildInfo(app.__version__, None, None, platform.python_version(), dependencies)


def load_build_info(path: Path | None = None) -> BuildInfo:
    """Return the bundle's build information, or the source checkout's."""
    target = path or build_info_path()
    if target.exists():
        return from_dict(json.loads(target.read_text(encoding="utf-8")))
    return development_info()


def describe(info: BuildInfo) -> str:
    """Return the Dutch text of ``helder --version`` (also shown in *Over Helder*)."""
    if info.build_date is None:
        built = f"Gebouwd: {DEVELOPMENT} (broncode, versies uit requirements.lock)"
    else:
        year, month, day = info.build_date[:10].split("-")
        built = f"Gebouwd: {day}-{month}-{year}" + (f" (commit {info.commit})" if info.commit else "")
    lines = [f"Helder {info.version}", built, f"Python {info.python}", "Afhankelijkheden:"]
    lines += [f"  {name} {version}" for name, version in info.dependencies] or ["  (onbekend)"]
    return "\n".join(lines)
