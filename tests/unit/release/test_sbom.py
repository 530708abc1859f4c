"""The bill of materials of the bundle: valid CycloneDX 1.5 JSON naming every bundled locked package."""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

import build_installer  # noqa: E402
from app.release.build_info import load_build_info  # noqa: E402


def cyclonedx_validator() -> Draft7Validator:
    """The official CycloneDX 1.5 JSON schema (shipped by cyclonedx-python-lib, a pip-audit dependency)."""
    schemas = files("cyclonedx.schema") / "_res"
    documents = {
        name: json.loads((schemas / f"{name}.SNAPSHOT.schema.json").read_text(encoding="utf-8"))
        for name in ("bom-1.5", "spdx", "jsf-0.82")
    }
    registry: Registry = Registry().with_resources(
        (f"{name}.SNAPSHOT.schema.json", Resource.from_contents(doc)) for name, doc in documents.items()
    )
    # The schema refers to its neighbours by file name; register them under the schema's own ids too.
    registry = registry.with_resources(
        (str(doc["$id"]), Resource.from_contents(doc)) for doc in documents.values() if "$id" in doc
    )
    return Draft7Validator(documents["bom-1.5"], registry=registry)


@pytest.fixture
def sbom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    monkeypatch.setattr(build_installer, "DIST", tmp_path)
    build_installer.write_sbom(build_installer.Context(version="0.1.0", check_only=True))
    document: dict[str, object] = json.loads((tmp_path / "Helder-0.1.0.cdx.json").read_text(encoding="utf-8"))
    return document


def test_the_sbom_is_valid_cyclonedx_1_5(sbom: dict[str, object]) -> None:
    errors = sorted(cyclonedx_validator().iter_errors(sbom), key=str)
    assert errors == []
    assert sbom["bomFormat"] == "CycloneDX" and sbom["specVersion"] == "1.5"


def test_the_validator_catches_a_broken_sbom(sbom: dict[str, object]) -> None:
    components = sbom["components"]
    assert isinstance(components, list)
    components[0]["type"] = "toolkit"  # not a CycloneDX component type
    del components[1]["name"]
    assert len(list(cyclonedx_validator().iter_errors(sbom))) >= 2


def test_the_sbom_names_exactly_the_bundled_versions(sbom: dict[str, object]) -> None:
    components = sbom["components"]
    assert isinstance(components, list)
    libraries = {c["name"]: c for c in components if c["type"] == "library"}
    expected = dict(load_build_info().dependencies)
    assert {n: c["version"] for n, c in libraries.items() if n != "pyinstaller"} == expected
    sqlalchemy = libraries["sqlalchemy"]
    assert sqlalchemy["purl"] == f"pkg:pypi/sqlalchemy@{expected['sqlalchemy']}"
    assert sqlalchemy["externalReferences"][0]["hashes"][0]["alg"] == "SHA-256"
    assert "pytest" not in libraries and "mypy" not in libraries
    assert any(c["name"] == "cpython" for c in components)
    refs = {c["bom-ref"] for c in components} | {"pkg:pypi/helder@0.1.0"}
    dependencies = sbom["dependencies"]
    assert isinstance(dependencies, list)
    assert all(d["ref"] in refs and set(d["dependsOn"]) <= refs for d in dependencies)
