"""cache.py: hits, misses, corrupt and foreign files, pruning, the recording memo."""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from pathlib import Path

import generator.cache
from generator import __version__
from generator.cache import (
    CACHE_FORMAT,
    Cache,
    PageEntry,
    RecordingMemo,
    RunRecord,
    code_key,
    facts_digest,
)
from generator.model import Diagnostic, PageFacts, SourceLocation, stable_digest
from generator.read import Include, SourceFile, page_key
from generator.resolve import PageOutline, page_outline, resolve_pages


def facts(path: str) -> PageFacts:
    return PageFacts(path=path, sha256="0" * 64, title=path)


def entry(page: PageFacts) -> PageEntry:
    return PageEntry(facts_digest(page), stable_digest(page_outline(page)), page.diagnostics)


def save(cache: Cache, pages: dict[str, PageFacts], stored: tuple[str, ...] = ()) -> None:
    """Save ``pages`` by key, as parsed this run except the keys in ``stored``."""
    cache.save_pages({k: entry(v) for k, v in pages.items()},
                     {k: v for k, v in pages.items() if k not in stored},
                     {entry(v).outline_digest: page_outline(v) for k, v in pages.items()
                      if k not in stored})


def test_pages_round_trip(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    save(cache, {"a1": facts("a.md"), "b2": facts("b.md")})
    again = Cache(tmp_path / "c")
    assert again.load_index() == {"a1": entry(facts("a.md")), "b2": entry(facts("b.md"))}
    assert (again.facts("a1"), again.facts("b2")) == (facts("a.md"), facts("b.md"))
    assert again.outline(entry(facts("a.md")).outline_digest) == page_outline(facts("a.md"))
    assert again.facts("a9") is None
    assert cache.diagnostics == again.diagnostics == []


def test_only_changed_shards_are_rewritten(tmp_path: Path) -> None:
    save(Cache(tmp_path / "c"), {"a1": facts("a.md"), "b2": facts("b.md")})
    cache = Cache(tmp_path / "c")
    shard_a, shard_b = (cache.directory / f"pages-{s}.pickle" for s in "ab")
    outlines = cache.directory / "outlines.pickle"
    before = [path.stat().st_mtime_ns for path in (shard_a, shard_b, outlines)]
    save(cache, {"a1": facts("a.md"), "b2": facts("b.md"), "b3": facts("c.md")},
         stored=("a1", "b2"))
    after = [path.stat().st_mtime_ns for path in (shard_a, shard_b, outlines)]
    assert after[0] == before[0] and after[1] != before[1] and after[2] != before[2]
    again = Cache(tmp_path / "c")
    assert sorted(again.load_index()) == ["a1", "b2", "b3"]
    assert [again.facts(k) for k in ("a1", "b2", "b3")] == [facts("a.md"), facts("b.md"),
                                                           facts("c.md")]


def test_an_unchanged_index_writes_nothing(tmp_path: Path) -> None:
    save(Cache(tmp_path / "c"), {"a1": facts("a.md")})
    cache = Cache(tmp_path / "c")
    files = sorted(cache.directory.iterdir())
    stamps = [path.stat().st_mtime_ns for path in files]
    save(cache, {"a1": facts("a.md")}, stored=("a1",))
    assert [path.stat().st_mtime_ns for path in files] == stamps


def test_resolve_state_round_trip_rewrites_only_what_changed(tmp_path: Path) -> None:
    pages = [PageFacts(f"docs/{name}.md", "0" * 64, title=f"{name} resource type")
             for name in ("alpha", "beta", "gamma")]
    model, state = resolve_pages(ListPages(pages))
    cache = Cache(tmp_path / "c")
    cache.save_resolve(state)
    loaded = Cache(tmp_path / "c").load_resolve()
    assert loaded is not None and loaded.outlines_key == state.outlines_key
    assert loaded.results == state.results
    assert resolve_pages(ListPages(pages), loaded)[0] == model
    context = cache.directory / "context.pickle"
    results = sorted(cache.directory.glob("results-*.pickle"))
    stamps = [p.stat().st_mtime_ns for p in (context, *results)]
    again = Cache(tmp_path / "c")
    previous = again.load_resolve()
    assert previous is not None
    again.save_resolve(resolve_pages(ListPages(pages), previous)[1])
    assert [p.stat().st_mtime_ns for p in (context, *results)] == stamps


class ListPages:
    """A PageSource over a list of page facts."""

    def __init__(self, pages: list[PageFacts]) -> None:
        self.pages = pages

    def __len__(self) -> int:
        return len(self.pages)

    def path(self, position: int) -> str:
        return self.pages[position].path

    def outline_digest(self, position: int) -> str:
        return stable_digest(self.outline(position))

    def facts_digest(self, position: int) -> str:
        return facts_digest(self.pages[position])

    def outline(self, position: int) -> PageOutline:
        return page_outline(self.pages[position])

    def facts(self, position: int) -> PageFacts:
        return self.pages[position]


def test_the_cache_directory_ignores_itself_for_git(tmp_path: Path) -> None:
    save(Cache(tmp_path / "c"), {"a1": facts("a.md")})
    assert (tmp_path / "c" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_a_corrupt_file_is_discarded_with_ds902(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    save(cache, {"a1": facts("a.md")})
    target = cache.directory / "pages-a.pickle"
    target.write_bytes(b"\x80\x05garbage")
    fresh = Cache(tmp_path / "c")
    assert fresh.facts("a1") is None
    [diagnostic] = fresh.diagnostics
    assert (diagnostic.code, diagnostic.severity.value) == ("DS902", "warning")
    assert diagnostic.path.endswith("pages-a.pickle") and "unreadable" in diagnostic.message
    assert not target.exists()


def test_a_file_with_a_foreign_header_is_discarded(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    save(cache, {"a1": facts("a.md")})
    header = {"format": CACHE_FORMAT, "version": "0.0.0-other", "code": code_key()}
    (cache.directory / "pages-a.pickle").write_bytes(
        pickle.dumps((header, {"a1": facts("a.md")})))
    fresh = Cache(tmp_path / "c")
    assert fresh.facts("a1") is None
    assert "another docschema" in fresh.diagnostics[0].message


def test_a_wrongly_shaped_payload_is_not_trusted(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    header = {"format": CACHE_FORMAT, "version": __version__, "code": code_key()}
    save(cache, {"a1": facts("a.md")})
    (cache.directory / "pages-b.pickle").write_bytes(
        pickle.dumps((header, {"b1": "not facts", "b2": facts("b.md"), "a3": facts("a.md")})))
    fresh = Cache(tmp_path / "c")
    assert (fresh.facts("b1"), fresh.facts("a3")) == (None, None)
    assert fresh.facts("b2") == facts("b.md")
    (cache.directory / "index.pickle").write_bytes(pickle.dumps((header, {"a1": "no entry"})))
    assert Cache(tmp_path / "c").load_index() == {}
    (cache.directory / "context.pickle").write_bytes(pickle.dumps((header, ("k", "no context"))))
    assert Cache(tmp_path / "c").load_resolve() is None
    (cache.directory / "run-x.pickle").write_bytes(pickle.dumps((header, ["no record"])))
    assert Cache(tmp_path / "c").load_run("x") is None


def test_other_versions_and_fingerprints_are_pruned_on_save(tmp_path: Path) -> None:
    root = tmp_path / "c"
    (root / "0.0.1" / "old").mkdir(parents=True)
    (root / __version__ / "stale-fingerprint").mkdir(parents=True)
    cache = Cache(root)
    save(cache, {"a1": facts("a.md")})
    assert sorted(p.name for p in root.iterdir()) == [".gitignore", __version__]
    assert [p.name for p in (root / __version__).iterdir()] == [cache.directory.name]


def test_a_foreign_version_directory_is_never_read(tmp_path: Path) -> None:
    root = tmp_path / "c"
    foreign = root / "0.0.1" / code_key()
    foreign.mkdir(parents=True)
    header = {"format": CACHE_FORMAT, "version": "0.0.1", "code": code_key()}
    (foreign / "pages-a.pickle").write_bytes(pickle.dumps((header, {"a1": facts("a.md")})))
    cache = Cache(root)
    assert cache.facts("a1") is None
    assert cache.diagnostics == []  # simply another cache, not a corrupt one


def test_disabled_and_read_only_caches_write_nothing(tmp_path: Path) -> None:
    save(Cache(tmp_path / "off", enabled=False), {"a1": facts("a.md")})
    save(Cache(tmp_path / "ro", writable=False), {"a1": facts("a.md")})
    assert not (tmp_path / "off").exists() and not (tmp_path / "ro").exists()


def test_an_unwritable_cache_costs_a_warning_not_the_run(tmp_path: Path) -> None:
    blocker = tmp_path / "c"
    blocker.write_text("a file where the cache directory should be")
    cache = Cache(blocker)
    save(cache, {"a1": facts("a.md")})
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


def memo_files(cache: Cache) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted(cache.directory.glob("memo*"))}


def test_an_unchanged_memo_is_not_rewritten(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    cache.save_memo(_memo_with({}, use=[], add={"a": "1"}))
    before = memo_files(cache)
    again = Cache(tmp_path / "c")
    memo = again.load_memo()
    assert memo["a"] == "1"
    again.save_memo(memo)
    assert memo_files(cache) == before == {"memo.pickle": before["memo.pickle"]}


def test_a_run_adds_its_entries_as_a_journal_and_journals_are_merged(tmp_path: Path) -> None:
    entries = {f"key{i}": f"text {i}" for i in range(200)}
    Cache(tmp_path / "c").save_memo(_memo_with({}, use=[], add=entries))
    expected = dict(entries)
    for run in range(generator.cache._MEMO_JOURNALS + 1):
        cache = Cache(tmp_path / "c")
        memo = cache.load_memo()
        assert dict(memo) == expected
        base = memo_files(cache)["memo.pickle"]
        for key in expected:
            _ = memo[key]
        memo[f"new{run}"] = expected[f"new{run}"] = f"new text {run}"
        cache.save_memo(memo)
        files = memo_files(cache)
        if run < generator.cache._MEMO_JOURNALS:
            assert files["memo.pickle"] == base  # only the journal was written
            assert len(files) == run + 2
        else:
            assert list(files) == ["memo.pickle"]  # merged
    assert dict(Cache(tmp_path / "c").load_memo()) == expected


def test_a_memo_mostly_unused_is_pruned(tmp_path: Path) -> None:
    entries = {f"key{i}": f"text {i}" for i in range(100)}
    Cache(tmp_path / "c").save_memo(_memo_with({}, use=[], add=entries))
    cache = Cache(tmp_path / "c")
    memo = cache.load_memo()
    _ = memo["key1"]
    cache.save_memo(memo)
    assert dict(Cache(tmp_path / "c").load_memo()) == {"key1": "text 1"}


def test_the_memo_knows_the_digests_of_the_texts_it_served(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    cache.save_memo(_memo_with({}, use=[], add={"a": "text a"}))
    memo = Cache(tmp_path / "c").load_memo()
    served = memo["a"]
    expected = hashlib.sha256(b"text a").hexdigest()
    assert memo.digest_of(served) == expected
    other = "".join(["text ", "a"])  # equal, but not the memo's object
    assert memo.digest_of(other) == expected
    Cache(tmp_path / "c").save_memo(memo)
    stored = b"".join(p.read_bytes() for p in (tmp_path / "c").rglob("memo*.pickle"))
    assert expected.encode() in stored  # kept, so the next run need not hash it


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


def record(diagnostics: tuple[Diagnostic, ...]) -> RunRecord:
    return RunRecord(run_key="k", reads=(), includes={}, model_key="m", out="/out",
                     hashes={"a.txt": "0" * 64}, stamps={"a.txt": (1, 2, 3)},
                     diagnostics=diagnostics, pages=1, types=0, enums=0,
                     model_diagnostics=diagnostics[:1])


def test_a_run_record_keeps_its_findings_apart_and_rewrites_them_on_change(
        tmp_path: Path) -> None:
    found = (Diagnostic.at(SourceLocation("a.md", 3), "DS101", "x"),
             Diagnostic.at(SourceLocation("b.md", 1), "DS402", "y"))
    Cache(tmp_path / "c").save_run("opts", record(found))
    cache = Cache(tmp_path / "c")
    loaded = cache.load_run("opts")
    assert loaded == record(found)
    findings = cache.directory / "findings-opts.pickle"
    before = findings.stat().st_mtime_ns
    cache.save_run("opts", dataclasses.replace(record(found), model_key="other"))
    assert findings.stat().st_mtime_ns == before
    again = Cache(tmp_path / "c")
    assert again.load_run("opts") == dataclasses.replace(record(found), model_key="other")
    again.save_run("opts", record(found[:1]))
    assert Cache(tmp_path / "c").load_run("opts") == record(found[:1])


def test_a_record_whose_findings_belong_to_another_run_is_not_trusted(tmp_path: Path) -> None:
    found = (Diagnostic.at(SourceLocation("a.md", 3), "DS101", "x"),)
    cache = Cache(tmp_path / "c")
    cache.save_run("opts", record(found))
    findings = (cache.directory / "findings-opts.pickle").read_bytes()
    cache.save_run("opts", record(()))  # new findings: a new token
    (cache.directory / "findings-opts.pickle").write_bytes(findings)  # as if killed between
    assert Cache(tmp_path / "c").load_run("opts") is None


def test_black_version_is_what_importlib_metadata_says() -> None:
    from importlib.metadata import version

    from generator.templating import black_version

    assert black_version() == version("black")
