"""Every annotated v1.0 example response round-trips through the generated Python classes.

For each response block of ``api/*.md`` whose ``@odata.type`` names a generated class (each
item of ``value`` for collections): ``to_dict(from_dict(x)) == x``. Strict deserialisation
refuses docs examples holding placeholders (``"datetime-value"``, ``"Boolean"``) or values of
another type than the resource page documents; those must raise ``DeserializationError`` —
never another exception, never a silently different result — and must round-trip in lenient
mode (``strict=False``). Run with ``-s`` to see the counts.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.emit.python import sources
from generator.examples import Example, extract_examples, loads_lenient
from generator.options import Options
from generator.pipeline import load_model
from generator.read import read_source
from generator.templating import Templates

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

PACKAGE = "graph_models_roundtrip"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "graph-docs-2021"
V1 = CORPUS / "api-reference" / "v1.0"


@dataclass
class RoundTrip:
    examples: int = 0  # typed, non-empty, JSON examples whose type has a class
    items: int = 0
    passed: int = 0  # examples whose every item round-trips strictly
    lenient_passed: int = 0
    refused: list[str] = field(default_factory=list)  # strict DeserializationError messages
    mismatched: list[str] = field(default_factory=list)  # from_dict succeeded, output differs
    crashed: list[str] = field(default_factory=list)  # any other exception

    @property
    def rate(self) -> float:
        return self.passed / self.examples if self.examples else 1.0


TEMPLATE_DIRS = {"builtin": None,  # and a class template that extends the built-in (a method)
                 "method-template": Path(__file__).parent / "fixtures" / "templates" / "method"}


@pytest.fixture(scope="module", params=sorted(TEMPLATE_DIRS))
def package(tmp_path_factory: pytest.TempPathFactory,
            request: pytest.FixtureRequest) -> Iterator[ModuleType]:
    if not V1.is_dir():
        pytest.skip(f"corpus not found at {V1}")
    root = tmp_path_factory.mktemp("roundtrip")
    options = Options(sources=(V1 / "resources",), cache_dir=root / "cache")
    model = load_model(options)
    # Unformatted sources: black changes layout only, and the emitter tests pin that.
    template_dir = TEMPLATE_DIRS[request.param]
    templates = Templates(template_dir) if template_dir is not None else None
    for path, text in sources(model, PACKAGE, templates).items():
        target = root / PACKAGE / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def examples() -> Iterator[Example]:
    for path in sorted((V1 / "api").glob("*.md")):
        source, _ = read_source(path)
        if source is not None:
            yield from extract_examples(source)


def payload_items(example: Example) -> list[Any] | None:
    """The objects to round-trip, or None when the body is not JSON even leniently."""
    try:
        payload = json.loads(example.body)
    except ValueError:
        try:
            payload = loads_lenient(example.body)
        except ValueError:
            return None
    if example.is_collection and isinstance(payload, dict):
        value = payload.get("value")
        if isinstance(value, list):
            return value
    return [payload]


def run_round_trips(package: ModuleType) -> RoundTrip:
    registry = importlib.import_module(f"{PACKAGE}._registry")
    runtime = importlib.import_module(f"{PACKAGE}._runtime")
    result = RoundTrip()
    for example in examples():
        kind = registry.TYPES.get(example.type_name or "")
        items = payload_items(example) if kind is not None and example.body else None
        if not items:
            continue
        cls = runtime._reference(kind)
        where = f"{Path(example.location.path).name}:{example.location.line}"
        result.examples += 1
        strict_ok = lenient_ok = True
        for item in items:
            result.items += 1
            try:
                if cls.from_dict(item).to_dict() != item:
                    strict_ok = False
                    result.mismatched.append(where)
            except runtime.DeserializationError as error:
                strict_ok = False
                result.refused.append(f"{where}: {error}")
            except Exception as error:  # any other failure is a bug to report
                strict_ok = False
                result.crashed.append(f"{where}: {type(error).__name__}: {error}")
            try:
                lenient_ok &= cls.from_dict(item, strict=False).to_dict() == item
            except Exception:
                lenient_ok = False
        result.passed += strict_ok
        result.lenient_passed += lenient_ok
    return result


def test_every_v1_example_response_round_trips(package: ModuleType) -> None:
    result = run_round_trips(package)
    print(
        f"\nround-trip: {result.examples} examples ({result.items} objects); strict "
        f"{result.passed} ({result.rate:.1%}); lenient {result.lenient_passed}; "
        f"{len(result.refused)} refused, {len(result.mismatched)} mismatched, "
        f"{len(result.crashed)} crashed"
    )
    for line in result.refused:
        print(f"  refused {line}")
    assert result.examples > 1000
    assert not result.crashed, result.crashed
    assert not result.mismatched, result.mismatched
    assert result.lenient_passed == result.examples
    # Refusals are the docs' placeholders and type mismatches (see the module docstring).
    assert result.rate > 0.9
