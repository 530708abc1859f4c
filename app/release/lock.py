"""The dependency lock ``requirements.lock``: read it, check it against ``pyproject.toml``, refresh it.

``pyproject.toml`` keeps the ranges Helder works with; ``requirements.lock`` pins every runtime and
test dependency (transitive ones included) to one version with the hashes of its files, for every
platform Helder runs on (made with ``uv pip compile --universal --generate-hashes``). Set-up, CI and
the installer build install or check exactly that set.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCK_FILE = ROOT / "requirements.lock"
PYPROJECT = ROOT / "pyproject.toml"
#: The one documented command that refreshes the lock (README, header of the lock).
REFRESH_COMMAND = "bash scripts/lock.sh"
#: The oldest Python the lock must serve (``requires-python``); the installer uses a newer one.
LOCK_PYTHON = "3.11"

_FINGERPRINT = re.compile(r"^# pyproject-fingerprint: sha256:([0-9a-f]{64})\s*$", re.MULTILINE)
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?\s*$")
_HASH = re.compile(r"--hash=(sha256:[0-9a-f]{64})")
_VIA_ONE = re.compile(r"^\s+# via (.+)$")
_VIA_MANY = re.compile(r"^\s+#\s{3}(.+)$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


class LockError(Exception):
    """The lock is missing, unreadable or disagrees with ``pyproject.toml``; the message says why."""


@dataclass(frozen=True)
class LockedPackage:
    """One pinned distribution of the lock."""

    name: str  # canonical (PEP 503) name
    version: str
    marker: str | None  # environment marker, e.g. ``sys_platform == 'win32'``
    hashes: tuple[str, ...]
    via: tuple[str, ...]  # canonical names of what requires it; "helder" for pyproject.toml


@dataclass(frozen=True)
class Lock:
    """The parsed lock file."""

    packages: tuple[LockedPackage, ...]
    fingerprint: str | None

    def get(self, name: str) -> LockedPackage | None:
        """Return the pinned package called ``name`` (any spelling), or None."""
        wanted = canonical(name)
        return next((p for p in self.packages if p.name == wanted), None)


def canonical(name: str) -> str:
    """Return the PEP 503 normalised name (``Foo_Bar`` → ``foo-bar``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    """Return the canonical distribution name of a PEP 508 requirement string."""
    match = _NAME.match(requirement.strip())
    if match is None:
        raise LockError(f"onleesbare afhankelijkheid in pyproject.toml: {requirement!r}")
    return canonical(match.group(0))


@dataclass
class _Entry:
    name: str
    version: str
    marker: str | None
    hashes: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)

    def freeze(self) -> LockedPackage:
        return LockedPackage(self.name, self.version, self.marker, tuple(self.hashes), tuple(self.via))


def parse_lock(text: str) -> Lock:
    """Parse the text of ``requirements.lock`` (uv's pip-compatible output with hashes)."""
    entries: list[_Entry] = []
    for line in text.splitlines():
        pin = _PIN.match(line)
        if pin:
            marker = pin.group(3).strip() if pin.group(3) else None
            entries.append(_Entry(canonical(pin.group(1)), pin.group(2), marker))
            continue
        if not entries:
            continue
        current = entries[-1]
        current.hashes.extend(_HASH.findall(line))
        for pattern in (_VIA_ONE, _VIA_MANY):
            found = pattern.match(line)
            if found and found.group(1).strip() != "via":
                parent = found.group(1).strip()
                current.via.append("helder" if parent.startswith("helder") else requirement_name(parent))
                break
    fingerprint = _FINGERPRINT.search(text)
    return Lock(tuple(e.freeze() for e in entries), fingerprint.group(1) if fingerprint else None)


def read_lock(path: Path = LOCK_FILE) -> Lock:
    """Read and parse the lock file."""
    try:
        return parse_lock(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LockError(f"{path.name} ontbreekt: maak het met '{REFRESH_COMMAND}'.") from exc


@dataclass(frozen=True)
class Requirements:
    """What ``pyproject.toml`` asks for: runtime dependencies and the ``test`` extra."""

    runtime: tuple[str, ...]
    test: tuple[str, ...]
    requires_python: str

    def fingerprint(self) -> str:
        """Return a hash of the requirements; the lock records it, a change means: refresh."""
        payload = {
            "runtime": sorted(r.strip() for r in self.runtime),
            "test": sorted(r.strip() for r in self.test),
            "requires-python": self.requires_python,
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def read_requirements(path: Path = PYPROJECT) -> Requirements:
    """Read the dependency ranges of ``pyproject.toml``."""
    project = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
    return Requirements(
        runtime=tuple(project.get("dependencies", [])),
        test=tuple(project.get("optional-dependencies", {}).get("test", [])),
        requires_python=str(project.get("requires-python", "")),
    )


def disagreements(requirements: Requirements, lock: Lock) -> list[str]:
    """Return, in Dutch, every way the lock disagrees with ``pyproject.toml`` (empty: they agree).

    Every requirement must be pinned to a version inside its range; a package the lock says
    ``pyproject.toml`` asks for must still be asked for; the recorded fingerprint must match.
    """
    from packaging.requirements import InvalidRequirement, Requirement

    problems: list[str] = []
    asked: set[str] = set()
    for text in (*requirements.runtime, *requirements.test):
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            problems.append(f"onleesbare afhankelijkheid in pyproject.toml: {text!r}")
            continue
        name = canonical(requirement.name)
        asked.add(name)
        pinned = lock.get(name)
        if pinned is None:
            problems.append(f"{requirement.name} staat in pyproject.toml maar niet in het lock")
        elif not requirement.specifier.contains(pinned.version, prereleases=True):
            problems.append(
                f"{requirement.name}: het lock heeft {pinned.version}, pyproject.toml vraagt "
                f"{requirement.specifier}"
            )
    for package in lock.packages:
        if "helder" in package.via and package.name not in asked:
            problems.append(
                f"{package.name} staat in het lock als eis van Helder, maar niet meer in pyproject.toml"
            )
    if lock.fingerprint is None:
        problems.append("het lock heeft geen pyproject-fingerprint (niet gemaakt met het vaste commando)")
    elif lock.fingerprint != requirements.fingerprint():
        problems.append("de afhankelijkheden in pyproject.toml zijn veranderd sinds het lock is gemaakt")
    for package in lock.packages:
        if not package.hashes:
            problems.append(f"{package.name} staat zonder hash in het lock")
    return problems


def runtime_packages(lock: Lock, requirements: Requirements) -> tuple[LockedPackage, ...]:
    """Return the locked packages the program itself needs (its dependencies and theirs), not test tools."""
    needed = {requirement_name(r) for r in requirements.runtime}
    grew = True
    while grew:
        grew = False
        for package in lock.packages:
            if package.name not in needed and any(parent in needed for parent in package.via):
                needed.add(package.name)
                grew = True
    return tuple(p for p in lock.packages if p.name in needed)


def applies_here(package: LockedPackage) -> bool:
    """Return whether the package's environment marker holds on this machine (no marker: yes)."""
    if package.marker is None:
        return True
    from packaging.markers import Marker

    return Marker(package.marker).evaluate()


def refresh(lock_path: Path = LOCK_FILE, pyproject: Path = PYPROJECT, upgrade: bool = False) -> None:
    """Resolve ``pyproject.toml`` anew with uv and write the lock (with hashes, for every platform).

    Without ``upgrade`` uv keeps the versions already locked where they still fit.
    """
    command = [
        sys.executable,
        "-m",
        "uv",
        "pip",
        "compile",
        str(pyproject.name),
        "--extra",
        "test",
        "--universal",
        "--python-version",
        LOCK_PYTHON,
        "--generate-hashes",
        "--custom-compile-command",
        REFRESH_COMMAND,
        "--quiet",
        "--output-file",
        str(lock_path),
    ]
    if upgrade:
        command.append("--upgrade")
    result = subprocess.run(command, cwd=pyproject.parent, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise LockError(f"uv kon het lock niet maken:\n{result.stderr[-3000:]}")
    text = lock_path.read_text(encoding="utf-8")
    text = _FINGERPRINT.sub("", text).lstrip("\n")
    line = f"# pyproject-fingerprint: sha256:{read_requirements(pyproject).fingerprint()}\n"
    lock_path.write_text(line + text, encoding="utf-8")
