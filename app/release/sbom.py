"""A CycloneDX 1.5 bill of materials (SBOM) of the installer's bundle, from the lock.

Components are the locked runtime packages that apply on the building platform (what PyInstaller
puts in the bundle), the Python runtime and PyInstaller's boot loader; each with its version, a
package URL, the hashes the lock allows for its files and, where its metadata says, its licence.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import platform
import uuid
from collections.abc import Sequence

from app.release.lock import LockedPackage

SPEC_VERSION = "1.5"


def _licenses(name: str) -> list[dict[str, object]]:
    """Return the CycloneDX licence entries of an installed distribution (empty when unknown)."""
    try:
        meta = importlib.metadata.distribution(name).metadata
    except importlib.metadata.PackageNotFoundError:
        return []
    expression = (meta.get_all("License-Expression") or [None])[0]
    if expression:
        return [{"expression": str(expression)}]
    text = (meta.get_all("License") or [None])[0]
    if text and "\n" not in str(text) and len(str(text)) <= 80 and str(text).upper() != "UNKNOWN":
        return [{"license": {"name": str(text)}}]
    classifiers = [
        c.split(" :: ")[-1] for c in (meta.get_all("Classifier") or []) if str(c).startswith("License ::")
    ]
    return [{"license": {"name": c}} for c in classifiers if c != "OSI Approved"]


def _component(package: LockedPackage) -> dict[str, object]:
    component: dict[str, object] = {
        "type": "library",
        "bom-ref": f"pkg:pypi/{package.name}@{package.version}",
        "name": package.name,
        "version": package.version,
        "purl": f"pkg:pypi/{package.name}@{package.version}",
        "externalReferences": [
            {
                "type": "distribution",
                "url": f"https://pypi.org/project/{package.name}/{package.version}/",
                "comment": "bestanden die het lock toestaat (requirements.lock)",
                "hashes": [{"alg": "SHA-256", "content": h.split(":", 1)[1]} for h in package.hashes],
            }
        ],
    }
    licenses = _licenses(package.name)
    if licenses:
        component["licenses"] = licenses
    return component


def make_sbom(
    version: str,
    packages: Sequence[LockedPackage],
    direct: Sequence[str],
    pyinstaller: LockedPackage | None,
    now: dt.datetime | None = None,
) -> dict[str, object]:
    """Return the CycloneDX 1.5 JSON document of a bundle of Helder ``version``.

    ``packages`` are the bundled locked packages, ``direct`` the names Helder itself requires.
    """
    moment = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    helder_ref = f"pkg:pypi/helder@{version}"
    python_ref = f"pkg:generic/cpython@{platform.python_version()}"
    names = {p.name for p in packages}
    components = [_component(p) for p in sorted(packages, key=lambda p: p.name)]
    components.append(
        {
            "type": "platform",
            "bom-ref": python_ref,
            "name": "cpython",
            "version": platform.python_version(),
            "purl": python_ref,
            "description": "de Python-runtime in de bundel",
        }
    )
    if pyinstaller is not None:
        boot = _component(pyinstaller)
        boot["description"] = "het opstartprogramma (bootloader) van de bundel"
        components.append(boot)
    dependencies: list[dict[str, object]] = [
        {
            "ref": helder_ref,
            "dependsOn": sorted(
                [f"pkg:pypi/{p.name}@{p.version}" for p in packages if p.name in direct] + [python_ref]
            ),
        }
    ]
    for package in sorted(packages, key=lambda p: p.name):
        children = sorted(
            f"pkg:pypi/{c.name}@{c.version}" for c in packages if package.name in c.via and c.name in names
        )
        dependencies.append({"ref": f"pkg:pypi/{package.name}@{package.version}", "dependsOn": children})
    return {
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": f"urn:uuid:{uuid.uuid4()}",
        "version": 1,
        "metadata": {
            "timestamp": moment.isoformat().replace("+00:00", "Z"),
            "tools": {"components": [{"type": "application", "name": "build_installer.py (Helder)"}]},
            "component": {
                "type": "application",
                "bom-ref": helder_ref,
                "name": "Helder",
                "version": version,
                "purl": helder_ref,
                "licenses": [{"expression": "EUPL-1.2"}],
            },
            "properties": [{"name": "helder:platform", "value": f"{platform.system()} {platform.machine()}"}],
        },
        "components": components,
        "dependencies": dependencies,
    }
