"""cache.py: hits, misses, corrupt and foreign files, pruning, the emit memo, the key."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

from generator import __version__
from generator.cache import (
    CACHE_FORMAT,
    Cache,
    PageEntry,
    RunRecord,
    code_key,
    facts_digest,
)
from generator.emit import Memo
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


def memo_files(cache: Cache) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted(cache.directory.glob("memo*"))}


def test_the_memo_round_trips_and_an_unchanged_memo_is_not_rewritten(tmp_path: Path) -> None:
    memo = Memo({"key": "0" * 64}, {"part": "text"})
    Cache(tmp_path / "c").save_memo(memo)
    cache = Cache(tmp_path / "c")
    before = memo_files(cache)
    loaded = cache.load_memo()
    assert loaded == memo
    loaded.files["other"] = "1" * 64  # emit adds to the memo it was given...
    cache.save_memo(Memo({"key": "0" * 64}, {"part": "text"}))  # ...and returns the next
    assert memo_files(cache) == before
    cache.save_memo(Memo({"new": "2" * 64}))
    # the generation before is kept: a revert finds its entries
    second = Cache(tmp_path / "c")
    assert second.load_memo() == Memo({"key": "0" * 64, "new": "2" * 64}, {"part": "text"})
    second.save_memo(Memo({"newer": "3" * 64}))
    # ...and only that one: what the run two generations back used alone is gone
    assert Cache(tmp_path / "c").load_memo() == Memo({"new": "2" * 64, "newer": "3" * 64})


def test_facts_digest_is_by_value_without_the_pages_own_hash(tmp_path: Path) -> None:
    page = PageFacts(path="a.md", sha256="1" * 64, title="Alpha")
    assert facts_digest(page) == facts_digest(PageFacts(path="a.md", sha256="2" * 64,
                                                        title="Alpha"))
    assert facts_digest(page) != facts_digest(PageFacts(path="a.md", sha256="1" * 64,
                                                        title="Beta"))


def record(diagnostics: tuple[Diagnostic, ...]) -> RunRecord:
    return RunRecord(run_key="k", reads=(), includes={}, model_key="m", out="/out",
                     hashes={"a.txt": "0" * 64},
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


def test_library_versions_are_what_importlib_metadata_says() -> None:
    from importlib.metadata import version

    from generator.templating import OUTPUT_LIBRARIES, library_versions

    assert library_versions() == tuple((name, version(name)) for name, _ in OUTPUT_LIBRARIES)
    assert {name for name, _ in OUTPUT_LIBRARIES} >= {"markdown-it-py", "PyYAML", "Jinja2",
                                                      "black"}


def test_the_cache_key_holds_every_library_version(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import generator.templating

    before = code_key()
    versions = dict(generator.templating.library_versions())
    versions["markdown-it-py"] = "0.0.1"
    monkeypatch.setattr(generator.templating, "library_versions",
                        lambda: tuple(versions.items()))
    code_key.cache_clear()
    try:
        assert code_key() != before
    finally:
        code_key.cache_clear()
