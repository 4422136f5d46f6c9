"""Every "subclass of" and "Derived types" statement in the 2021 v1.0 resources is read.

The cases are found here independently of the parser, by plain regular expressions over each
page's source lines (prose lines, not table rows or front matter), and each must show up in
the model: a "subclass of [x]" page's type derives from x; a base page that lists derived
types has them in its facts and each listed type derives from it, or resolve says why not
(DS123, DS124).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import pipeline
from generator.model import Model
from generator.options import Options
from generator.parse import parse_page
from generator.read import read_source

pytestmark = pytest.mark.corpus

V1 = "corpus/graph-docs-2021/api-reference/v1.0/resources"
SUBCLASS = re.compile(r"\bsubclass\s+(?:of|from)\s+\[(?P<name>\w+)\]", re.IGNORECASE)
DERIVED_HEADING = re.compile(r"^#+\s*derived\s+types\s*$", re.IGNORECASE)
DERIVED_PROSE = re.compile(r"\bderived\s+types?\b.*(?::\s*$|\[\w+\]\()", re.IGNORECASE)


def prose_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    if lines and lines[0].strip() == "---":
        end = next((n for n in range(1, len(lines)) if lines[n].strip() == "---"), 0)
        lines = lines[end + 1:]
    return [line for line in lines if not line.lstrip().startswith("|")]


@pytest.fixture(scope="module")
def v1(shared_dir: Path) -> tuple[Path, Model]:
    root = shared_dir / V1
    return root, pipeline.load_model(Options(sources=(root,), use_cache=False, jobs=1))


def test_every_subclass_of_is_read(v1: tuple[Path, Model]) -> None:
    root, model = v1
    cases = [(path, match.group("name")) for path in sorted(root.glob("*.md"))
             for line in prose_lines(path) if (match := SUBCLASS.search(line))]
    assert len(cases) >= 10  # 10 pages in the 2021 v1.0 resources
    for path, base in cases:
        source, _ = read_source(path)
        assert source is not None
        (fact,) = parse_page(source).types
        assert fact.inherits_from is not None and fact.inherits_from.name == base, path.name
        found = model.structured(f"microsoft.graph.{fact.name}")
        assert found is not None and found.base == f"microsoft.graph.{base}", path.name


def test_every_derived_types_statement_is_read(v1: tuple[Path, Model]) -> None:
    root, model = v1
    pages = [path for path in sorted(root.glob("*.md"))
             if any(DERIVED_HEADING.match(line) or DERIVED_PROSE.search(line)
                    for line in prose_lines(path))]
    assert len(pages) >= 9  # 9 pages in the 2021 v1.0 resources
    findings = {(d.path, d.code) for d in model.diagnostics if d.code in ("DS123", "DS124")}
    listed = 0
    for path in pages:
        source, _ = read_source(path)
        assert source is not None
        (fact,) = parse_page(source).types
        assert fact.derived_types, f"{path.name}: no derived types read"
        base = model.structured(f"microsoft.graph.{fact.name}")
        assert base is not None
        for expr in fact.derived_types:
            derived = model.lookup(f"microsoft.graph.{expr.name}")
            if derived is None:
                continue  # a link whose target documents another name (DS112 elsewhere)
            listed += 1
            lineage = {a.qualified_name for a in model.ancestors(derived)} \
                if hasattr(derived, "base") else set()
            explained = any(code in ("DS123", "DS124") and p.endswith(f"{expr.name.lower()}.md")
                            for p, code in findings)
            assert base.qualified_name in lineage or explained, (path.name, expr.name)
    assert listed >= 20
