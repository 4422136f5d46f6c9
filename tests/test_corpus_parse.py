"""parse_page over the whole 2021 corpus (v1.0 and beta resources) and the current pages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.model import PageFacts
from generator.parse import parse_page
from generator.read import read_source

pytestmark = pytest.mark.corpus

CORPUS_2021 = "corpus/graph-docs-2021/api-reference"
CURRENT = "corpus/graph-docs-current/api-reference/beta/resources"
EXPECTED_PAGES = {"v1.0": 1239, "beta": 2934}  # 4,173 (beta also holds one .md.txt file)


def parse_directory(directory: Path) -> list[PageFacts]:
    facts = []
    for path in sorted(directory.glob("*.md")):
        source, diagnostics = read_source(path)
        assert source is not None, diagnostics
        facts.append(parse_page(source))
    return facts


def summary(version: str, facts: list[PageFacts]) -> str:
    codes = Counter(d.code for f in facts for d in f.diagnostics)
    types = sum(len(f.types) for f in facts)
    enums = sum(len(f.enums) for f in facts)
    properties = sum(len(t.properties) for f in facts for t in f.types)
    by_code = ", ".join(f"{code} {count}" for code, count in sorted(codes.items()))
    return (f"{version}: {len(facts)} pages, {types} types, {enums} enums, "
            f"{properties} table properties; diagnostics: {by_code}")


@pytest.fixture(scope="module", params=sorted(EXPECTED_PAGES))
def corpus(request: pytest.FixtureRequest, shared_dir: Path) -> tuple[str, list[PageFacts]]:
    version = str(request.param)
    return version, parse_directory(shared_dir / CORPUS_2021 / version / "resources")


def test_every_page_parses_without_internal_errors(corpus: tuple[str, list[PageFacts]]) -> None:
    version, facts = corpus
    print(summary(version, facts))
    assert len(facts) == EXPECTED_PAGES[version]
    crashed = [d.render() for f in facts for d in f.diagnostics if d.code == "DS901"]
    assert crashed == []


def test_every_page_yields_a_type_an_enum_or_says_why(
        corpus: tuple[str, list[PageFacts]]) -> None:
    _, facts = corpus
    unexplained = [f.path for f in facts if not f.types and not f.enums
                   and not any(d.code == "DS401" for d in f.diagnostics)]
    assert unexplained == []
    explained_twice = [f.path for f in facts if sum(d.code == "DS401" for d in f.diagnostics) > 1]
    assert explained_twice == []


def test_resource_and_enum_pages_yield_their_kind(corpus: tuple[str, list[PageFacts]]) -> None:
    _, facts = corpus
    enum_pages_without_enums = [f.path for f in facts
                                if f.doc_type == "enumPageType" and not f.enums]
    assert enum_pages_without_enums == []
    annotated_without_type = [f.path for f in facts if not f.types and f.doc_type ==
                              "resourcePageType" and "blockType" in Path(f.path).read_text()]
    assert annotated_without_type == []


def test_type_cells_are_understood(corpus: tuple[str, list[PageFacts]]) -> None:
    """The remaining DS409 are docs typos (see docs/type-spellings.md, class "Other")."""
    _, facts = corpus
    unknown = [d.render() for f in facts for d in f.diagnostics if d.code == "DS409"]
    print("\n".join(unknown))
    assert len(unknown) <= 6


def test_current_pages_parse_cleanly(shared_dir: Path) -> None:
    facts = parse_directory(shared_dir / CURRENT)
    assert len(facts) == 44
    assert all(f.types or f.enums for f in facts)
    problems = [d for f in facts for d in f.diagnostics if d.severity.rank > 0]
    # communicationsidentityset.md: "[a](a.md) or [b](b.md)", settled by its JSON block
    assert [(Path(d.path).name, d.code) for d in problems] == [
        ("communicationsidentityset.md", "DS409")]
    assert "kept microsoft.graph.identity" in problems[0].message
