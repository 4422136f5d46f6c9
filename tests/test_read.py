"""Finding and reading source pages, and resolving their includes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from generator import read
from generator.options import ConfigError
from generator.read import drop_included, find_sources, read_source, read_sources

DISCLAIMER = "[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]"


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small docs tree, with the current directory at its parent (display paths relative)."""
    root = tmp_path / "specs"
    resources = root / "api-reference" / "beta" / "resources"
    resources.mkdir(parents=True)
    (resources / "b.md").write_text(f"# b resource type\n\n{DISCLAIMER}\n", encoding="utf-8")
    (resources / "a.md").write_text("# a resource type\n", encoding="utf-8")
    (resources / "README.md").write_text("not a page\n", encoding="utf-8")
    (root / "includes").mkdir()
    (root / "includes" / "beta-disclaimer.md").write_text("> beta\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return Path("specs")


def test_find_sources_is_sorted_recursive_and_skips_readme(docs: Path) -> None:
    found = [p.as_posix() for p in find_sources((docs,))]
    assert found == [
        "specs/api-reference/beta/resources/a.md",
        "specs/api-reference/beta/resources/b.md",
        "specs/includes/beta-disclaimer.md",
    ]


def test_find_sources_keeps_named_files_and_drops_duplicates(docs: Path) -> None:
    page = docs / "api-reference" / "beta" / "resources" / "README.md"
    found = find_sources((page, docs, page))
    assert found.count(page) == 1
    assert len(found) == 4


def test_missing_source_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        find_sources((tmp_path / "nope",))


def test_directory_without_pages_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no \.md pages"):
        find_sources((tmp_path,))


def test_read_source_hashes_raw_bytes_and_resolves_includes(docs: Path) -> None:
    path = docs / "api-reference" / "beta" / "resources" / "b.md"
    source, diagnostics = read_source(path)
    assert diagnostics == []
    assert source is not None
    assert source.path == "specs/api-reference/beta/resources/b.md"
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    (include,) = source.includes
    # ../../includes from resources/ is api-reference/includes, which does not exist; the
    # includes/ folder of an enclosing directory (docfx) holds it.
    assert (include.line, include.target, include.text) == (
        3, "specs/includes/beta-disclaimer.md", "> beta\n")


def test_include_next_to_the_page_wins(docs: Path) -> None:
    near = docs / "api-reference" / "includes"
    near.mkdir()
    (near / "beta-disclaimer.md").write_text("near\n", encoding="utf-8")
    source, _ = read_source(docs / "api-reference" / "beta" / "resources" / "b.md")
    assert source is not None
    assert source.includes[0].target == "specs/api-reference/includes/beta-disclaimer.md"


def test_missing_include_is_ds003_at_its_line(docs: Path) -> None:
    (docs / "includes" / "beta-disclaimer.md").unlink()
    source, diagnostics = read_source(docs / "api-reference" / "beta" / "resources" / "b.md")
    assert source is not None
    assert source.includes[0].text is None
    (diagnostic,) = diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.col) == ("DS003", 3, 1)
    assert "beta-disclaimer.md" in diagnostic.message


def test_invalid_utf8_is_replaced_with_ds002(tmp_path: Path) -> None:
    page = tmp_path / "bad.md"
    page.write_bytes(b"# title\n\ncaf\xe9\n")
    source, diagnostics = read_source(page)
    assert source is not None
    assert "caf\ufffd" in source.text
    assert [(d.code, d.line) for d in diagnostics] == [("DS002", 3)]


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    page = tmp_path / "bom.md"
    page.write_bytes(b"\xef\xbb\xbf# title\n")
    source, _ = read_source(page)
    assert source is not None and source.text == "# title\n"


def test_unreadable_file_is_ds001_not_an_exception(tmp_path: Path) -> None:
    source, diagnostics = read_source(tmp_path / "missing.md")
    assert source is None
    assert [d.code for d in diagnostics] == ["DS001"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_is_ds001(tmp_path: Path) -> None:
    page = tmp_path / "locked.md"
    page.write_text("x", encoding="utf-8")
    page.chmod(0)
    source, diagnostics = read_source(page)
    assert source is None and diagnostics[0].code == "DS001"


def test_drop_included_removes_snippets_other_pages_include(docs: Path) -> None:
    sources = [read_source(p)[0] for p in find_sources((docs,))]
    kept = drop_included(s for s in sources if s is not None)
    assert [s.path for s in kept] == [
        "specs/api-reference/beta/resources/a.md",
        "specs/api-reference/beta/resources/b.md",
    ]


def test_read_sources_shares_include_lookups_and_gives_the_same_sources(
        docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resources = docs / "api-reference" / "beta" / "resources"
    for name in ("c.md", "d.md"):
        (resources / name).write_text(f"# {name}\n\n{DISCLAIMER}\n\n{DISCLAIMER}\n",
                                      encoding="utf-8")
    paths = find_sources((docs,))
    alone = [read_source(p) for p in paths]
    reads: list[str] = []
    checks: list[str] = []
    real_read, real_is_file = read._read_text, read._is_file

    def counted_read(path: str) -> str | None:
        reads.append(path)
        return real_read(path)

    def counted_is_file(path: str) -> bool:
        checks.append(path)
        return real_is_file(path)

    monkeypatch.setattr(read, "_read_text", counted_read)
    monkeypatch.setattr(read, "_is_file", counted_is_file)
    shared = list(read_sources(paths))
    assert shared == alone
    assert reads == ["specs/includes/beta-disclaimer.md"]  # five includes, one read
    assert len(checks) == len(set(checks))  # each path tested once


def test_missing_include_is_reported_on_every_page_that_names_it(docs: Path) -> None:
    (docs / "includes" / "beta-disclaimer.md").unlink()
    resources = docs / "api-reference" / "beta" / "resources"
    (resources / "c.md").write_text(f"# c\n{DISCLAIMER}\n", encoding="utf-8")
    results = list(read_sources([resources / "b.md", resources / "c.md"]))
    assert [[(d.path, d.code, d.line) for d in found] for _, found in results] == [
        [("specs/api-reference/beta/resources/b.md", "DS003", 3)],
        [("specs/api-reference/beta/resources/c.md", "DS003", 2)]]


def test_include_syntax_is_case_insensitive(docs: Path) -> None:
    page = docs / "api-reference" / "beta" / "resources" / "e.md"
    page.write_text("x\n  [!include[b]( ../../includes/beta-disclaimer.md )]\n", encoding="utf-8")
    source, diagnostics = read_source(page)
    assert diagnostics == [] and source is not None
    assert [(i.line, i.text) for i in source.includes] == [(2, "> beta\n")]
