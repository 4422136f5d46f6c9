"""Finding and reading source pages, and resolving their includes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from generator import read
from generator.options import ConfigError
from generator.read import find_source_paths, read_source

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
    found = [p.as_posix() for p in [Path(p) for p in find_source_paths((docs,))]]
    assert found == [
        "specs/api-reference/beta/resources/a.md",
        "specs/api-reference/beta/resources/b.md",
        "specs/includes/beta-disclaimer.md",
    ]


def test_find_sources_keeps_named_files_and_drops_duplicates(docs: Path) -> None:
    page = docs / "api-reference" / "beta" / "resources" / "README.md"
    found = [Path(p) for p in find_source_paths((page, docs, page))]
    assert found.count(page) == 1
    assert len(found) == 4


def test_missing_source_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        [Path(p) for p in find_source_paths((tmp_path / "nope",))]


def test_directory_without_pages_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no \.md pages"):
        [Path(p) for p in find_source_paths((tmp_path,))]


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


def test_pages_leave_out_the_snippets_other_pages_include(docs: Path) -> None:
    reading, _ = read.read_changed(read.find_source_paths((docs,)))
    assert [f.path for f in reading.files][-1] == "specs/includes/beta-disclaimer.md"
    assert [f.path for f in reading.pages] == [
        "specs/api-reference/beta/resources/a.md",
        "specs/api-reference/beta/resources/b.md",
    ]


def test_read_changed_shares_include_lookups_and_gives_the_same_sources(
        docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resources = docs / "api-reference" / "beta" / "resources"
    for name in ("c.md", "d.md"):
        (resources / name).write_text(f"# {name}\n\n{DISCLAIMER}\n\n{DISCLAIMER}\n",
                                      encoding="utf-8")
    paths = [Path(p) for p in find_source_paths((docs,))]
    alone = {p.as_posix(): read_source(p)[0] for p in paths}
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
    reading, _ = read.read_changed([p.as_posix() for p in paths])
    assert reading.read == alone
    assert reads == ["specs/includes/beta-disclaimer.md"]  # five includes, one read
    assert len(checks) == len(set(checks))  # each path tested once


def test_missing_include_is_reported_on_every_page_that_names_it(docs: Path) -> None:
    (docs / "includes" / "beta-disclaimer.md").unlink()
    resources = docs / "api-reference" / "beta" / "resources"
    (resources / "c.md").write_text(f"# c\n{DISCLAIMER}\n", encoding="utf-8")
    reading, _ = read.read_changed([(resources / n).as_posix() for n in ("b.md", "c.md")])
    assert [[(d.path, d.code, d.line) for d in f.diagnostics] for f in reading.files] == [
        [("specs/api-reference/beta/resources/b.md", "DS003", 3)],
        [("specs/api-reference/beta/resources/c.md", "DS003", 2)]]


def test_include_syntax_is_case_insensitive(docs: Path) -> None:
    page = docs / "api-reference" / "beta" / "resources" / "e.md"
    page.write_text("x\n  [!include[b]( ../../includes/beta-disclaimer.md )]\n", encoding="utf-8")
    source, diagnostics = read_source(page)
    assert diagnostics == [] and source is not None
    assert [(i.line, i.text) for i in source.includes] == [(2, "> beta\n")]


def test_find_sources_finds_what_rglob_finds(docs: Path, tmp_path: Path) -> None:
    resources = docs / "api-reference" / "beta" / "resources"
    (resources / "deeper" / ".hidden").mkdir(parents=True)
    (resources / "deeper" / ".hidden" / "h.md").write_text("# h\n", encoding="utf-8")
    (resources / "upper.MD").write_text("# not *.md\n", encoding="utf-8")
    (resources / "dir.md").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "e.md").write_text("# e\n", encoding="utf-8")
    (resources / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (resources / "file-link.md").symlink_to(tmp_path / "elsewhere" / "e.md")
    expected = sorted((p for p in docs.rglob("*.md")
                       if p.is_file() and p.name.lower() != "readme.md"),
                      key=lambda p: p.as_posix())
    assert [Path(p) for p in find_source_paths((docs,))] == expected
    assert Path("specs/api-reference/beta/resources/file-link.md") in expected


def aged(*paths: Path) -> None:
    """Give files an mtime well in the past: their stamps are then trusted."""
    for path in paths:
        old = path.stat().st_mtime_ns - 10 * read.RACY_NS
        os.utime(path, ns=(old, old))


def test_read_changed_reads_only_what_changed(docs: Path) -> None:
    resources = docs / "api-reference" / "beta" / "resources"
    include = docs / "includes" / "beta-disclaimer.md"
    aged(resources / "a.md", resources / "b.md", include)
    first, _ = read.read_changed(read.find_source_paths((docs,)))
    assert sorted(first.read) == [f.path for f in first.files]
    assert [f.path.rpartition("/")[2] for f in first.pages] == ["a.md", "b.md"]

    def again(previous: read.Reading) -> read.Reading:
        reading, unreadable = read.read_changed(read.find_source_paths((docs,)),
                                                {f.path: f for f in previous.files},
                                                previous.includes)
        assert unreadable == []
        return reading

    second = again(first)
    assert second.read == {} and second.files == first.files
    os.utime(include)  # touched, same bytes: the pages including it are not read again
    aged(include)
    assert list(again(second).read) == [include.as_posix()]
    include.write_text("> beta, edited\n", encoding="utf-8")
    aged(include)
    third = again(second)
    assert sorted(p.rpartition("/")[2] for p in third.read) == ["b.md", "beta-disclaimer.md"]
    assert third.files[1].key != second.files[1].key  # b.md's key holds its include's text
    (resources / "a.md").write_text("# a resource type, edited\n", encoding="utf-8")
    aged(resources / "a.md")
    assert [p.rpartition("/")[2] for p in again(third).read] == ["a.md"]


def test_a_file_changed_just_before_it_was_read_is_read_again(docs: Path) -> None:
    """Its clock tick may not be over: an edit of the same size within it keeps the stamp."""
    page = docs / "api-reference" / "beta" / "resources" / "a.md"
    first, _ = read.read_changed([page.as_posix()])
    assert first.files[0].stamp is None
    stamp = page.stat()
    with page.open("r+", encoding="utf-8") as stream:
        stream.write("# A")  # same size, same inode
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    second, _ = read.read_changed([page.as_posix()], {f.path: f for f in first.files},
                                   first.includes)
    assert list(second.read) == [page.as_posix()]
    assert second.files[0].key != first.files[0].key


def test_include_cache_answers_as_the_file_system_does(tmp_path: Path) -> None:
    """The cache tests a folder once for all the paths in it: a file is found, a missing file
    in a folder that exists, any path in a folder that does not exist (nor one whose "folder"
    is a file) and a folder itself are not files."""
    (tmp_path / "includes" / "snippets").mkdir(parents=True)
    (tmp_path / "includes" / "note.md").write_text("x", encoding="utf-8")
    cache = read.IncludeCache()
    base = tmp_path.as_posix()
    asked = {
        f"{base}/includes/note.md": True,
        f"{base}/includes/other.md": False,
        f"{base}/includes/snippets": False,
        f"{base}/includes/csharp/a.md": False,
        f"{base}/includes/csharp/b.md": False,
        f"{base}/includes/note.md/inner.md": False,
        f"{base}/missing/../includes/note.md": False,  # the kernel resolves "missing" first
    }
    for path, expected in asked.items():
        assert cache.file_exists(path) is expected, path
        assert cache.file_exists(path) is Path(path).is_file(), path
    assert cache.is_dir[f"{base}/includes/csharp"] is False  # one test for both paths in it
