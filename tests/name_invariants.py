"""What must hold of a run whatever names the pages use (issue 15), shared by the bad-names
test and the name fuzz test: a run over sources with bad names writes only inside --out,
every path is one the write stage accepts, JSON Schema stays flat, OpenAPI keys and $refs are
valid and the document validates, file names fit in 255 bytes, the Python package imports
(and, when asked, passes mypy --strict), and nothing a page declares vanishes silently."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator, validate

from generator import pipeline
from generator.model import Diagnostic, Model, PageFacts, Severity
from generator.names import (
    MAX_FILE_NAME,
    WINDOWS_DEVICE_NAMES,
    is_component_key,
    is_valid_qualified,
)
from generator.options import Options
from generator.parse import parse_page
from generator.read import find_source_paths, read_source
from generator.write import validate_relpath

COMPONENT_PREFIX = "#/components/schemas/"
# Codes that say a declaration was left out or folded into another one.
FOLD_CODES = frozenset({"DS130", "DS104", "DS115", "DS134"})


@dataclass(frozen=True)
class Run:
    out: Path
    result: pipeline.GenerateResult
    model: Model

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.result.diagnostics


def run_generate(sources: Path, out: Path, openapi_version: str = "3.0.4") -> Run:
    """``generate`` (no cache, one process) and the model the run built."""
    options = Options(sources=(sources,), out=out, use_cache=False, jobs=1,
                      openapi_version=openapi_version)
    result = pipeline.generate(options)
    return Run(out, result, pipeline.load_model(options))


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def walk_files(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        if path.is_file():
            yield path


def assert_paths_safe(run: Run) -> None:
    """Every generated path passes the write stage's check (so its refusal cannot fire),
    every segment fits in a file name, and JSON Schema files are flat."""
    for relative in run.result.hashes:
        validate_relpath(relative)
        for segment in relative.split("/"):
            assert len(segment.encode("utf-8")) <= MAX_FILE_NAME, relative
        if relative.startswith("jsonschema/"):
            assert relative.count("/") == 1, relative
        for segment in relative.split("/"):
            assert segment.split(".")[0].lower() not in WINDOWS_DEVICE_NAMES, relative
    for path in walk_files(run.out):
        assert path.resolve().is_relative_to(run.out.resolve()), path


def refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                yield item
            else:
                yield from refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from refs(item)


def assert_openapi_valid(run: Run, version: str = "3.0.4") -> None:
    text = (run.out / "openapi" / "openapi.yaml").read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    schemas = document["components"]["schemas"] or {}
    for key in schemas:
        assert is_component_key(key), key
    for ref in refs(document):
        assert ref.startswith(COMPONENT_PREFIX) and ref[len(COMPONENT_PREFIX):] in schemas, ref
    validate(document, cls=OpenAPIV31SpecValidator if version == "3.1"
             else OpenAPIV30SpecValidator)


def assert_jsonschema_refs_resolve(run: Run) -> None:
    folder = run.out / "jsonschema"
    names = {p.name for p in folder.iterdir()} if folder.exists() else set()
    for path in walk_files(folder) if folder.exists() else ():
        for ref in refs(json.loads(path.read_text(encoding="utf-8"))):
            target = ref.split("#", 1)[0]
            assert not target or target in names, (path.name, ref)


def assert_model_names_valid(run: Run) -> None:
    for item in (*run.model.types, *run.model.enums):
        assert is_valid_qualified(item.qualified_name), item.qualified_name


def assert_no_internal_error(run: Run) -> None:
    internal = [d.render() for d in run.diagnostics if d.code == "DS901"]
    assert not internal, internal


def assert_bad_names_are_errors(run: Run) -> None:
    """Every DS130 is an error at a real line of a page."""
    for d in run.diagnostics:
        if d.code == "DS130":
            assert d.severity is Severity.ERROR and d.line >= 1 and d.path.endswith(".md"), d


def assert_nothing_vanished(run: Run, declaring_pages: dict[str, set[str]]) -> None:
    """Each page that declares a type or enum either has one in the model (its primary
    place, or a name it declares: pages that agree on an enum merge, nothing lost), or a
    diagnostic that says it was left out or folded names it."""
    in_model = {item.location.path for item in (*run.model.types, *run.model.enums)}
    short_names = {item.name.lower() for item in (*run.model.types, *run.model.enums)}
    said = {d.path for d in run.diagnostics if d.code in FOLD_CODES}
    said_in_messages = " ".join(d.message for d in run.diagnostics if d.code in FOLD_CODES)
    for page, declared in declaring_pages.items():
        assert page in in_model or declared & short_names or page in said \
            or page in said_in_messages, page


def python_package_imports(out: Path, package: str = "graph_models") -> None:
    """Import every module of the generated package in a fresh interpreter without the
    generator on the path."""
    root = out / "python"
    code = (
        "import importlib, pkgutil, sys\n"
        f"import {package} as p\n"
        "for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(root)
    done = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, "
                           f"{str(root)!r})\n" + code], capture_output=True, text=True, env=env,
                          cwd=root, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]


def python_package_passes_mypy(out: Path, package: str = "graph_models") -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           "-p", package], capture_output=True, text=True,
                          cwd=out / "python", timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]


def assert_run_invariants(run: Run, declaring_pages: dict[str, set[str]],
                          version: str = "3.0.4") -> None:
    assert_paths_safe(run)
    assert_openapi_valid(run, version)
    assert_jsonschema_refs_resolve(run)
    assert_model_names_valid(run)
    assert_no_internal_error(run)
    assert_bad_names_are_errors(run)
    assert_nothing_vanished(run, declaring_pages)


def parsed_pages(sources: Path) -> list[PageFacts]:
    pages = []
    for path in map(Path, find_source_paths((sources,))):
        source, _ = read_source(path)
        if source is not None:
            pages.append(parse_page(source))
    return pages


def declaring_pages(pages: list[PageFacts]) -> dict[str, set[str]]:
    """The pages (display paths, as diagnostics give them) whose facts declare a type or an
    enum, with the short names (lower case) they declare."""
    found: dict[str, set[str]] = {}
    for facts in pages:
        declared = {name.strip().lstrip("#").rpartition(".")[2].lower()
                    for t in facts.types for name in (t.name, t.odata_type or "")}
        declared |= {e.name.rpartition(".")[2].lower() for e in facts.enums}
        declared.discard("")
        if declared:
            found[facts.path] = declared
    return found


def assert_members_kept(run: Run, pages: list[PageFacts]) -> None:
    """Each member a page lists, of an enum or type the model took from that page, is in the
    model under its own spelling, or a diagnostic at its line says why not."""
    said = {(d.path, d.line) for d in run.diagnostics}
    enums = {e.location: e for e in run.model.enums}
    types = {t.location: t for t in run.model.types}
    for facts in pages:
        for enum_fact in facts.enums:
            chosen = enums.get(enum_fact.location)
            if chosen is None:
                continue
            kept = {m.name for m in chosen.members}
            for member in enum_fact.members:
                name = member.name.strip()
                assert not name or name in kept or (member.location.path,
                                                    member.location.line) in said, name
        for type_fact in facts.types:
            model_type = types.get(type_fact.location)
            if model_type is None:
                continue
            kept = {p.name for p in model_type.properties}
            for prop in type_fact.properties:
                assert not prop.name.strip() or prop.name in kept or (
                    prop.location.path, prop.location.line) in said, prop.name
