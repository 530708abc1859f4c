"""The vulnerability check of the locked set: pip-audit, plus written, dated exceptions.

``pip-audit`` asks PyPI's JSON API which known vulnerabilities (PYSEC, GHSA, CVE) each locked
version has. A package whose version PyPI's per-release page does not answer for is looked up once
more on its project page, which lists the vulnerabilities of the newest release: when that is the
locked version, the answer holds. The check fails on any vulnerability without an exception in
``security/audit-exceptions.toml`` (id, package, reason, date, review_by), on an exception whose
review date has passed, and when nothing could be checked at all (BIO2: patched vulnerabilities).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from app.release.lock import LOCK_FILE, ROOT, canonical, read_lock

EXCEPTIONS_FILE = ROOT / "security" / "audit-exceptions.toml"
#: Upper bound of the whole network part, so CI stays bounded when PyPI is slow.
AUDIT_TIMEOUT_S = 180
PROJECT_URL = "https://pypi.org/pypi/{name}/json"


class AuditError(Exception):
    """The audit could not run, or its exception file is invalid; the message says why."""


@dataclass(frozen=True)
class Vulnerability:
    """One known vulnerability of a locked package version."""

    id: str
    package: str
    version: str
    aliases: tuple[str, ...]
    fix_versions: tuple[str, ...]

    def known_as(self) -> set[str]:
        """Return every id this vulnerability goes by (its own and its aliases)."""
        return {self.id, *self.aliases}


@dataclass(frozen=True)
class AuditException:
    """A written, dated decision to accept one vulnerability for a while."""

    id: str
    package: str
    reason: str
    date: dt.date
    review_by: dt.date


@dataclass(frozen=True)
class AuditResult:
    """What the scan found."""

    vulnerabilities: tuple[Vulnerability, ...]
    audited: tuple[str, ...]  # package names checked
    unaudited: tuple[str, ...]  # package names no service answered for


@dataclass(frozen=True)
class Verdict:
    """The decision of the check: ``ok`` is False on any problem."""

    problems: tuple[str, ...]
    accepted: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Return True when the locked set passes."""
        return not self.problems


def read_exceptions(path: Path = EXCEPTIONS_FILE) -> tuple[AuditException, ...]:
    """Read the exception file; every entry needs id, package, reason, date and review_by."""
    if not path.exists():
        return ()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise AuditError(f"{path.name} is geen geldige TOML: {exc}") from exc
    found: list[AuditException] = []
    for number, entry in enumerate(data.get("exception", []), start=1):
        missing = [k for k in ("id", "package", "reason", "date", "review_by") if not entry.get(k)]
        if missing:
            raise AuditError(f"uitzondering {number} in {path.name} mist: {', '.join(missing)}")
        dates = (entry["date"], entry["review_by"])
        if not all(isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in dates):
            raise AuditError(
                f"uitzondering {number} in {path.name}: date en review_by zijn datums (2026-12-05)"
            )
        if entry["review_by"] < entry["date"]:
            raise AuditError(f"uitzondering {number} in {path.name}: review_by ligt vóór date")
        found.append(
            AuditException(
                id=str(entry["id"]),
                package=canonical(str(entry["package"])),
                reason=str(entry["reason"]),
                date=entry["date"],
                review_by=entry["review_by"],
            )
        )
    return tuple(found)


def parse_pip_audit(report: dict[str, object]) -> AuditResult:
    """Turn pip-audit's JSON report (``-f json``) into an :class:`AuditResult`."""
    vulnerabilities: list[Vulnerability] = []
    audited: list[str] = []
    unaudited: list[str] = []
    dependencies = report.get("dependencies", [])
    assert isinstance(dependencies, list)
    for dependency in dependencies:
        name = canonical(str(dependency["name"]))
        if dependency.get("skip_reason"):
            unaudited.append(name)
            continue
        audited.append(name)
        for vuln in dependency.get("vulns", []):
            vulnerabilities.append(
                Vulnerability(
                    id=str(vuln["id"]),
                    package=name,
                    version=str(dependency.get("version", "")),
                    aliases=tuple(vuln.get("aliases", [])),
                    fix_versions=tuple(vuln.get("fix_versions", [])),
                )
            )
    return AuditResult(tuple(vulnerabilities), tuple(audited), tuple(unaudited))


def judge(result: AuditResult, exceptions: Iterable[AuditException], today: dt.date) -> Verdict:
    """Decide: every vulnerability needs an exception for its package that is still valid today."""
    exceptions = tuple(exceptions)
    problems: list[str] = []
    accepted: list[str] = []
    warnings: list[str] = []
    used: set[tuple[str, str]] = set()
    for vuln in result.vulnerabilities:
        matching = [e for e in exceptions if e.package == vuln.package and e.id in vuln.known_as()]
        fix = f" (opgelost in {', '.join(vuln.fix_versions)})" if vuln.fix_versions else ""
        label = f"{vuln.package} {vuln.version}: {vuln.id}{fix}"
        if not matching:
            problems.append(f"kwetsbaarheid zonder uitzondering: {label}")
            continue
        exception = matching[0]
        used.add((exception.package, exception.id))
        if exception.review_by < today:
            problems.append(
                f"uitzondering verlopen op {exception.review_by.isoformat()}: {label} — "
                "beoordeel opnieuw of werk het pakket bij"
            )
        else:
            accepted.append(
                f"{label} — uitzondering tot {exception.review_by.isoformat()}: {exception.reason}"
            )
    for exception in exceptions:
        if (exception.package, exception.id) not in used:
            warnings.append(
                f"uitzondering {exception.id} ({exception.package}) hoort bij geen gevonden kwetsbaarheid "
                "meer: haal haar weg"
            )
    if result.unaudited:
        warnings.append("niet te controleren (geen antwoord van de dienst): " + ", ".join(result.unaudited))
    if not result.audited:
        problems.append(
            "geen enkel pakket kon worden gecontroleerd: de kwetsbaarheidsdienst is niet bereikbaar"
        )
    return Verdict(tuple(problems), tuple(accepted), tuple(warnings))


def run_pip_audit(lock_path: Path = LOCK_FILE, timeout_s: int = AUDIT_TIMEOUT_S) -> dict[str, object]:
    """Run pip-audit on the lock (without installing anything) and return its JSON report."""
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--requirement",
        str(lock_path),
        "--disable-pip",
        "--no-deps",
        "--vulnerability-service",
        "pypi",
        "--format",
        "json",
        "--progress-spinner",
        "off",
        "--timeout",
        "30",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired as exc:
        raise AuditError(f"pip-audit duurde langer dan {timeout_s} s") from exc
    # Exit 1 only means "vulnerabilities found"; the JSON says which.
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as exc:
        raise AuditError(
            f"pip-audit gaf geen rapport (exit {result.returncode}):\n{result.stderr[-2000:]}"
        ) from exc
    if not isinstance(report, dict):
        raise AuditError("pip-audit gaf een onverwacht rapport")
    return report


Fetch = Callable[[str], dict[str, object]]


def fetch_json(url: str) -> dict[str, object]:
    """Return the JSON document at ``url``."""
    with urllib.request.urlopen(url, timeout=30) as response:
        data = json.load(response)
    if not isinstance(data, dict):
        raise ValueError(url)
    return data


def complete_from_project_pages(
    result: AuditResult, versions: dict[str, str], fetch: Fetch = fetch_json
) -> AuditResult:
    """Check the packages pip-audit could not, through their project page, when the lock has the newest."""

    def look_up(name: str) -> tuple[str, list[Vulnerability] | None]:
        try:
            page = fetch(PROJECT_URL.format(name=name))
        except (OSError, ValueError, urllib.error.URLError):
            return name, None
        info = page.get("info")
        if not isinstance(info, dict) or info.get("version") != versions.get(name):
            return name, None
        found = page.get("vulnerabilities", [])
        assert isinstance(found, list)
        return name, [
            Vulnerability(
                id=str(v["id"]),
                package=name,
                version=versions[name],
                aliases=tuple(v.get("aliases") or ()),
                fix_versions=tuple(v.get("fixed_in") or ()),
            )
            for v in found
        ]

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(look_up, result.unaudited))
    vulnerabilities = list(result.vulnerabilities)
    audited = list(result.audited)
    unaudited: list[str] = []
    for name, found in answers:
        if found is None:
            unaudited.append(name)
        else:
            audited.append(name)
            vulnerabilities.extend(found)
    return AuditResult(tuple(vulnerabilities), tuple(audited), tuple(unaudited))


def audit_lock(lock_path: Path = LOCK_FILE) -> AuditResult:
    """Scan every locked package (all platforms) for known vulnerabilities."""
    result = parse_pip_audit(run_pip_audit(lock_path))
    versions = {p.name: p.version for p in read_lock(lock_path).packages}
    # pip-audit leaves out what does not apply on this machine (e.g. Windows-only packages of the
    # installer): those are looked up too.
    seen = {*result.audited, *result.unaudited}
    result = AuditResult(
        result.vulnerabilities, result.audited, (*result.unaudited, *(n for n in versions if n not in seen))
    )
    return complete_from_project_pages(result, versions)
