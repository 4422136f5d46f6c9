"""cache.py: hits, misses, corrupt and foreign files, pruning, the recording memo."""

from __future__ import annotations

import pickle
from pathlib import Path

from generator import __version__
from generator.cache import (
    CACHE_FORMAT,
    Cache,
    RecordingMemo,
    code_key,
    facts_digest,
    page_key,
)
from generator.model import PageFacts
from generator.read import Include, SourceFile


def facts(path: str) -> PageFacts:
    return PageFacts(path=path, sha256="0" * 64, title=path)


def test_pages_round_trip(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    cache.save_pages({"a1": facts("a.md"), "b2": facts("b.md")})
    assert Cache(tmp_path / "c").load_pages() == {"a1": facts("a.md"), "b2": facts("b.md")}
    assert cache.diagnostics == []


def test_only_changed_shards_are_rewritten(tmp_path: Path) -> None:
    Cache(tmp_path / "c").save_pages({"a1": facts("a.md"), "b2": facts("b.md")})
    cache = Cache(tmp_path / "c")
    shard_a, shard_b = (cache.directory / f"pages-{s}.pickle" for s in "ab")
    before_a, before_b = shard_a.stat().st_mtime_ns, shard_b.stat().st_mtime_ns
    pages = cache.load_pages()
    pages["b3"] = facts("c.md")
    cache.save_pages(pages)
    assert shard_a.stat().st_mtime_ns == before_a
    assert shard_b.stat().st_mtime_ns != before_b
    assert sorted(Cache(tmp_path / "c").load_pages()) == ["a1", "b2", "b3"]


def test_the_cache_directory_ignores_itself_for_git(tmp_path: Path) -> None:
    Cache(tmp_path / "c").save_pages({})
    assert (tmp_path / "c" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_a_corrupt_file_is_discarded_with_ds902(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    cache.save_pages({"a1": facts("a.md")})
    target = cache.directory / "pages-a.pickle"
    target.write_bytes(b"\x80\x05garbage")
    fresh = Cache(tmp_path / "c")
    assert fresh.load_pages() == {}
    [diagnostic] = fresh.diagnostics
    assert (diagnostic.code, diagnostic.severity.value) == ("DS902", "warning")
    assert diagnostic.path.endswith("pages-a.pickle") and "unreadable" in diagnostic.message
    assert not target.exists()


def test_a_file_with_a_foreign_header_is_discarded(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    cache.save_pages({})
    header = {"format": CACHE_FORMAT, "version": "0.0.0-other", "code": code_key()}
    (cache.directory / "pages-a.pickle").write_bytes(
        pickle.dumps((header, {"a1": facts("a.md")})))
    fresh = Cache(tmp_path / "c")
    assert fresh.load_pages() == {}
    assert "another docschema" in fresh.diagnostics[0].message


def test_a_wrongly_shaped_payload_is_not_trusted(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    header = {"format": CACHE_FORMAT, "version": __version__, "code": code_key()}
    cache.save_pages({})
    (cache.directory / "pages-a.pickle").write_bytes(
        pickle.dumps((header, {"a1": "not facts", "b2": facts("b.md")})))
    assert Cache(tmp_path / "c").load_pages() == {}
    (cache.directory / "run-x.pickle").write_bytes(pickle.dumps((header, ["no record"])))
    assert Cache(tmp_path / "c").load_run("x") is None


def test_other_versions_and_fingerprints_are_pruned_on_save(tmp_path: Path) -> None:
    root = tmp_path / "c"
    (root / "0.0.1" / "old").mkdir(parents=True)
    (root / __version__ / "stale-fingerprint").mkdir(parents=True)
    cache = Cache(root)
    cache.save_pages({})
    assert sorted(p.name for p in root.iterdir()) == [".gitignore", __version__]
    assert [p.name for p in (root / __version__).iterdir()] == [cache.directory.name]


def test_a_foreign_version_directory_is_never_read(tmp_path: Path) -> None:
    root = tmp_path / "c"
    foreign = root / "0.0.1" / code_key()
    foreign.mkdir(parents=True)
    header = {"format": CACHE_FORMAT, "version": "0.0.1", "code": code_key()}
    (foreign / "pages-a.pickle").write_bytes(pickle.dumps((header, {"a1": facts("a.md")})))
    cache = Cache(root)
    assert cache.load_pages() == {}
    assert cache.diagnostics == []  # simply another cache, not a corrupt one


def test_disabled_and_read_only_caches_write_nothing(tmp_path: Path) -> None:
    Cache(tmp_path / "off", enabled=False).save_pages({"a1": facts("a.md")})
    Cache(tmp_path / "ro", writable=False).save_pages({"a1": facts("a.md")})
    assert not (tmp_path / "off").exists() and not (tmp_path / "ro").exists()


def test_an_unwritable_cache_costs_a_warning_not_the_run(tmp_path: Path) -> None:
    blocker = tmp_path / "c"
    blocker.write_text("a file where the cache directory should be")
    cache = Cache(blocker)
    cache.save_pages({"a1": facts("a.md")})
    assert [d.code for d in cache.diagnostics] == ["DS902"]


def test_page_key_covers_path_bytes_and_includes() -> None:
    base = SourceFile("a.md", "text", "1" * 64)
    keys = {page_key(base), page_key(SourceFile("b.md", "text", "1" * 64)),
            page_key(SourceFile("a.md", "text", "2" * 64)),
            page_key(SourceFile("a.md", "text", "1" * 64, (Include(3, "i.md", "x"),))),
            page_key(SourceFile("a.md", "text", "1" * 64, (Include(3, "i.md", "y"),))),
            page_key(SourceFile("a.md", "text", "1" * 64, (Include(3, "i.md", None),)))}
    assert len(keys) == 6


def test_memo_keeps_only_what_the_run_used(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    cache.save_memo(_memo_with({"old": "1", "kept": "2"}, use=["kept"], add={"new": "3"}))
    assert dict(Cache(tmp_path / "c").load_memo()) == {"kept": "2", "new": "3"}


def test_an_unchanged_memo_is_not_rewritten(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    cache.save_memo(_memo_with({}, use=[], add={"a": "1"}))
    path = cache.directory / "memo.pickle"
    before = path.stat().st_mtime_ns
    again = Cache(tmp_path / "c").load_memo()
    assert again["a"] == "1"
    Cache(tmp_path / "c").save_memo(again)
    assert path.stat().st_mtime_ns == before


def _memo_with(entries: dict[str, str], use: list[str], add: dict[str, str]) -> RecordingMemo:
    memo = RecordingMemo(dict(entries))
    for key in use:
        _ = memo[key]
    for key, value in add.items():
        memo[key] = value
    return memo


def test_a_fresh_view_records_its_own_use_and_merges_back() -> None:
    memo = _memo_with({"a": "1", "b": "2", "unused": "0"}, use=[], add={})
    view = memo.fresh_view()
    _ = view["a"]
    view["c"] = "3"
    delta = view.delta()
    assert delta.written == {"c": "3"} and delta.used == frozenset({"a", "c"})
    memo.merge(delta)
    assert memo.used_entries() == {"a": "1", "c": "3"}
    assert memo.changed


def test_facts_digest_is_by_value_without_the_pages_own_hash(tmp_path: Path) -> None:
    page = PageFacts(path="a.md", sha256="1" * 64, title="Alpha")
    assert facts_digest(page) == facts_digest(PageFacts(path="a.md", sha256="2" * 64,
                                                        title="Alpha"))
    assert facts_digest(page) != facts_digest(PageFacts(path="a.md", sha256="1" * 64,
                                                        title="Beta"))
    Cache(tmp_path / "c").save_pages({"a1": page})
    cache = Cache(tmp_path / "c")
    assert pickle.loads(pickle.dumps(cache.load_pages()["a1"])) == page
    assert cache.digests == {"a1": facts_digest(page)}
