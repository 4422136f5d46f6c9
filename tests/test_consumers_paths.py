"""Real consumers of the OpenAPI paths, on specs/ and on the v1.0 docs (../shared).

openapi-spec-validator (3.0.4 and 3.1), ``@redocly/cli lint`` with the issue's rules raised to
errors, openapi-python-client (one endpoint module per operation, no warning, the package
imports) and openapi-typescript + ``tsc --strict --noEmit``. The JavaScript tools are pinned in
tests/consumers/package-lock.json (``npm ci`` there, which .ci/run does when npm exists); a
tool that is not installed makes its test skip, never fail.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from paths_checks import problems

from generator import pipeline
from generator.options import Options

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CONSUMERS = Path(__file__).resolve().parent / "consumers"
V1 = ROOT.parent / "shared" / "corpus" / "graph-docs-2021" / "api-reference" / "v1.0"
METHODS = ("get", "put", "post", "delete", "patch")


def _generate(source: Path, out: Path, version: str) -> Path:
    pipeline.generate(Options(sources=(source,), out=out, targets=("openapi",),
                              openapi_version=version, use_cache=False))
    return out / "openapi" / "openapi.yaml"


@pytest.fixture(scope="session", params=["3.0.4", "3.1"])
def v1_document(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                ) -> Path:
    if not V1.is_dir():
        pytest.skip(f"the v1.0 docs are not at {V1}")
    return _generate(V1, tmp_path_factory.mktemp(f"v1-{request.param}"), request.param)


@pytest.fixture(scope="session")
def specs_document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate(ROOT / "specs", tmp_path_factory.mktemp("specs"), "3.0.4")


def _load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"),
                                       Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return loaded


def _node_tool(name: str) -> Path:
    tool = CONSUMERS / "node_modules" / ".bin" / name
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not tool.exists():
        pytest.skip(f"{name} is not installed: run `npm ci` in {CONSUMERS}")
    return tool


def test_v1_document_validates_and_passes_the_structural_checks(v1_document: Path) -> None:
    from openapi_spec_validator import validate

    document = _load(v1_document)
    validate(document)
    assert problems(document) == []
    assert sum(1 for item in document["paths"].values() for m in item if m in METHODS) > 2500


def _redocly_errors(path: Path) -> list[dict[str, Any]]:
    tool = _node_tool("redocly")
    run = subprocess.run([str(tool), "lint", str(path), "--config",
                          str(CONSUMERS / "redocly.yaml"), "--format", "json"],
                         capture_output=True, text=True, timeout=900,
                         env={**os.environ, "REDOCLY_TELEMETRY": "off",
                              "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"})
    report = json.loads(run.stdout[run.stdout.index("{"):])
    return [p for p in report["problems"] if p["severity"] == "error"]


def test_redocly_lint_of_specs_has_no_errors(specs_document: Path) -> None:
    errors = _redocly_errors(specs_document)
    assert errors == [], errors[:10]


def test_redocly_lint_of_v1_has_no_errors(v1_document: Path) -> None:
    errors = _redocly_errors(v1_document)
    assert errors == [], errors[:10]


def test_openapi_python_client_generates_every_operation_and_imports(
        v1_document: Path, tmp_path: Path) -> None:
    if shutil.which("openapi-python-client") is None:
        pytest.skip("openapi-python-client is not installed (pip install '.[test]')")
    if "3.1" in v1_document.parent.parent.name:
        pytest.skip("run once, on the 3.0.4 document")
    out = tmp_path / "client"
    run = subprocess.run(["openapi-python-client", "generate", "--path", str(v1_document),
                          "--meta", "none", "--output-path", str(out)],
                         capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "Warning" not in run.stdout and "warning" not in run.stderr.lower(), \
        run.stdout[-5000:]
    operations = sum(1 for item in _load(v1_document)["paths"].values() for m in item
                     if m in METHODS)
    endpoints = [p for p in (out / "api").rglob("*.py") if p.name != "__init__.py"]
    assert len(endpoints) == operations
    sys.path.insert(0, str(tmp_path))
    try:
        for module in sorted(endpoints)[:: max(1, len(endpoints) // 200)]:
            relative = module.relative_to(tmp_path).with_suffix("")
            importlib.import_module(".".join(relative.parts))
        importlib.import_module("client.models")
    finally:
        sys.path.remove(str(tmp_path))


def test_openapi_typescript_output_passes_tsc_strict(v1_document: Path, tmp_path: Path) -> None:
    generate = _node_tool("openapi-typescript")
    tsc = _node_tool("tsc")
    types = tmp_path / "schema.d.ts"
    run = subprocess.run([str(generate), str(v1_document), "-o", str(types)],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    (tmp_path / "tsconfig.json").write_text(json.dumps({
        "compilerOptions": {"strict": True, "noEmit": True, "target": "es2020",
                            "module": "esnext", "moduleResolution": "bundler"},
        "files": ["schema.d.ts"]}), encoding="utf-8")
    check = subprocess.run([str(tsc), "-p", str(tmp_path / "tsconfig.json")],
                           capture_output=True, text=True, timeout=900)
    assert check.returncode == 0, re.sub(r"\s+", " ", check.stdout[-3000:])
