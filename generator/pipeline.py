"""The library entry points — generate, check, lint, show — over read → parse → resolve → emit.

The CLI is a thin shell over these functions: they take one ``Options`` value, return results
with diagnostics as data, and never print. Only ``generate`` writes (out/ through ``write``, and
the cache); ``check`` reads the cache but writes nothing at all.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from generator import __version__, parallel, read, write
from generator.cache import Cache, PageEntry, RunRecord, code_key, facts_digest
from generator.diagnostics import count_by_severity, sort_diagnostics, with_more
from generator.model import (
    Diagnostic,
    Model,
    Operation,
    PageFacts,
    Severity,
    stable_digest,
)
from generator.options import ConfigError, Options
from generator.read import SourceFile
from generator.resolve import PageOutline

if TYPE_CHECKING:
    from generator.emit import Planned
    from generator.examples import ExampleStats

# (stage, done, total): called as work progresses; the CLI draws a bar from it. A total of 0
# announces a stage whose work is not counted (resolve, emit, write).
Progress = Callable[[str, int, int], None]

PARALLEL_MIN_PAGES = 150  # fewer uncached pages than this parse faster in one process
# A cold emit of a model this large makes the side targets in a forked process while this one
# makes the others (two cores: two halves; python's black pool nests in this process's half).
PARALLEL_EMIT_MIN_TYPES = 300
SIDE_TARGETS = frozenset({"openapi", "model"})
T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")

def gc_paused(function: Callable[P, R]) -> Callable[P, R]:
    """An entry point run with the garbage collector paused: page facts and the model are a
    million objects that all live on and hold few cycles, and the collector's full scans over
    them while they are built would cost several times the work itself."""
    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


class InternalError(Exception):
    """A stage failed where it should have returned diagnostics: a bug in docschema."""


class UnreadableInput(ConfigError):
    """A source file could not be read: the run stops before writing anything."""


@dataclass(frozen=True)
class Stats:
    pages: int = 0
    types: int = 0
    enums: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    seconds: float = 0.0
    parsed_pages: int = 0  # pages parsed this run (the rest came from the cache)
    skipped: bool = False  # a no-op run: resolve and emit were skipped


@dataclass(frozen=True)
class GenerateResult:
    files: Mapping[str, Planned]  # every output: (sha256, make its text); empty when skipped
    hashes: Mapping[str, str]  # every generated path → sha256 (out/MANIFEST)
    diagnostics: tuple[Diagnostic, ...]
    stats: Stats
    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    missing: tuple[str, ...]
    stale: tuple[str, ...]
    extra: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    stats: Stats

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


@dataclass(frozen=True)
class LintResult:
    diagnostics: tuple[Diagnostic, ...]
    stats: Stats
    examples: ExampleStats | None = None  # with --examples: what was validated
    model: Model | None = None  # what the findings are about (generator.lintrun reads it)
    texts: Mapping[str, str] = field(default_factory=dict)  # page path → text

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


@gc_paused
def generate(options: Options, progress: Progress | None = None) -> GenerateResult:
    """Regenerate ``options.out``: ``_plan`` decides once what the run needs, then a straight
    line (resolve → emit → write) does it. A run whose inputs, options and code are unchanged
    is a no-op."""
    started = time.perf_counter()
    cache = Cache(options.cache_dir, enabled=options.use_cache)
    out = Path(os.path.abspath(options.out))
    state = cache.writer_path(out) if cache.writable else None
    background = _Background(cache, fork=parallel.workers(options.jobs) >= 2)
    plan = _plan(options, cache, progress, background, out, state)
    record = plan.record
    if plan.build:
        model = _stage("resolve", _resolve, plan.parsed, cache, progress, background)
        files = _emit(model, options, cache, progress, background)
        hashes = {path: digest for path, (digest, _) in files.items()}
        counts = {"types": len(model.types), "enums": len(model.enums)}
        model_diagnostics = model.diagnostics
    else:
        assert record is not None  # a plan builds unless the record stands for the run
        files = {}
        hashes = dict(record.hashes)
        counts = {"types": record.types, "enums": record.enums}
        model_diagnostics = record.model_diagnostics
    diagnostics = plan.diagnostics(model_diagnostics)
    if plan.parsed is not None or plan.sources.reading.read:
        # Saved while the tree is written: a record whose write then fails is harmless, as
        # the record stands for a run only while the output is as its hashes say.
        background.run(partial(cache.save_run, options.output_key(), RunRecord(
            run_key=_run_key(options), reads=plan.sources.reading.files,
            includes=plan.sources.reading.includes, model_key=plan.model_key, out=str(out),
            hashes=hashes, diagnostics=diagnostics, pages=plan.pages,
            model_diagnostics=tuple(model_diagnostics), **counts)))
    if plan.build:
        _announce(progress, "write")
        outcome = write.write_tree(out, files, state)
    else:
        outcome = write.WriteResult(unchanged=tuple(sorted(hashes)), hashes=hashes)
    background.finish()
    found = with_more(diagnostics, cache.diagnostics)
    stats = _stats(found, started, pages=plan.pages, **counts, written=len(outcome.written),
                   unchanged=len(outcome.unchanged), removed=len(outcome.removed),
                   parsed_pages=plan.parsed.parsed if plan.parsed is not None else 0,
                   skipped=plan.parsed is None)
    return GenerateResult(files, dict(outcome.hashes), tuple(found), stats, outcome.written,
                          outcome.removed)


@gc_paused
def check(options: Options, progress: Progress | None = None) -> CheckResult:
    """Compare ``options.out`` with what generate would write. Writes nothing, not even the cache
    (so it is safe on a read-only checkout and never disturbs a concurrent generate)."""
    started = time.perf_counter()
    cache = Cache(options.cache_dir, enabled=options.use_cache, writable=False)
    plan = _plan(options, cache, progress)
    if plan.build:
        model = _stage("resolve", _resolve, plan.parsed, cache, progress)
        files = _emit(model, options, cache, progress)
        hashes = {path: digest for path, (digest, _) in files.items()}
        counts = {"types": len(model.types), "enums": len(model.enums)}
        diagnostics = plan.diagnostics(model.diagnostics)
    else:
        assert plan.record is not None
        hashes = dict(plan.record.hashes)
        counts = {"types": plan.record.types, "enums": plan.record.enums}
        diagnostics = (plan.record.diagnostics if plan.parsed is None
                       else plan.diagnostics(plan.record.model_diagnostics))
    comparison = write.compare_tree(Path(options.out), hashes)
    found = sort_diagnostics([*diagnostics, *cache.diagnostics])
    return CheckResult(comparison.missing, comparison.stale, comparison.extra, tuple(found),
                       _stats(found, started, pages=plan.pages, **counts))


@dataclass(frozen=True)
class _Plan:
    """What a run needs, decided once by ``_plan``. ``parsed`` None: nothing, the sources are
    as the record's run read them. Else the pages (those that changed parsed again), and
    ``build``: resolve and emit, unless the model is the record's (same page facts, options
    and code) and the output holds what the record says."""

    sources: _Sources
    record: RunRecord | None
    parsed: _Parsed | None
    model_key: str
    build: bool
    templates: tuple[Diagnostic, ...] = ()  # DS950: user template files that match nothing

    @property
    def pages(self) -> int:
        return len(self.parsed) if self.parsed is not None else (
            self.record.pages if self.record is not None else 0)

    def diagnostics(self, model_diagnostics: Sequence[Diagnostic]) -> tuple[Diagnostic, ...]:
        if self.parsed is None:
            assert self.record is not None
            return self.record.diagnostics
        return tuple(sort_diagnostics((*self.sources.diagnostics, *self.parsed.diagnostics(),
                                       *model_diagnostics, *self.templates)))


def template_diagnostics(options: Options) -> list[Diagnostic]:
    from generator.templating import template_diagnostics

    return template_diagnostics(options)


def _plan(options: Options, cache: Cache, progress: Progress | None,
          background: _Background | None = None, out: Path | None = None,
          state: Path | None = None) -> _Plan:
    """Read the sources (only the files whose stamps changed) and decide. ``out``: generate's
    output directory, which must be as the record's run left it (``write.is_current``) for
    the record to stand for this run; check (None) compares the output itself."""
    record = cache.load_run(options.output_key())
    sources = _stage("read", _read_sources, options, record)

    def stands(last: RunRecord | None) -> bool:  # the output is as ``last`` left it
        return last is not None and (out is None or (
            last.out == str(out) and write.is_current(out, last.hashes, state)))

    if record is not None and sources.unchanged_since(record, options) and stands(record):
        return _Plan(sources, record, None, record.model_key, build=False)
    parsed = _stage("parse", _parse_with_cache, sources, cache, options.jobs, progress,
                    background)
    key = _model_key((entry.facts_digest for entry in parsed.entries), options)
    same = record is not None and record.model_key == key and stands(record)
    return _Plan(sources, record, parsed, key, build=not same,
                 templates=tuple(template_diagnostics(options)))


@gc_paused
def lint(options: Options, examples: Path | None = None,
         progress: Progress | None = None) -> LintResult:
    """Every diagnostic for the sources; with ``examples`` (an API pages directory) also the
    docs' example responses validated against the JSON Schema."""
    started = time.perf_counter()
    cache = Cache(options.cache_dir, enabled=options.use_cache)
    sources = _stage("read", _read_sources, options)
    parsed = _stage("parse", _parse_with_cache, sources, cache, options.jobs, progress)
    model = _stage("resolve", _resolve, parsed, cache, progress)
    found = [*sources.diagnostics, *parsed.diagnostics(), *model.diagnostics]
    example_stats = None
    if examples is not None:
        example_stats, example_diagnostics = _lint_examples(examples, model, options)
        found.extend(example_diagnostics)
        found.extend(_lint_request_examples(model, options))
    if options.against is not None:
        found.extend(_stage("drift", _drift, model, options.against))
    diagnostics = sort_diagnostics([*found, *cache.diagnostics])
    stats = _stats(diagnostics, started, pages=len(parsed), types=len(model.types),
                   enums=len(model.enums), parsed_pages=parsed.parsed)
    texts = {page.path: sources.source(page).text for page in sources.pages}
    return LintResult(tuple(diagnostics), stats, example_stats, model, texts)


def _drift(model: Model, against: Path) -> list[Diagnostic]:
    """Where the docs' model and the service metadata in ``against`` disagree (DS7xx)."""
    from generator.drift import find_drift
    from generator.service import read_service

    return find_drift(model, read_service(against))


@gc_paused
def load_model(options: Options, progress: Progress | None = None) -> Model:
    cache = Cache(options.cache_dir, enabled=options.use_cache)
    sources = _stage("read", _read_sources, options)
    parsed = _stage("parse", _parse_with_cache, sources, cache, options.jobs, progress)
    return _stage("resolve", _resolve, parsed, cache, None)


def show(options: Options, name: str) -> str:
    """The model of one type as YAML. ``name`` is qualified, or a short name that is unique."""
    from generator.emit.model_yaml import model_to_yaml

    model = load_model(options)
    operation = find_operation(model, name)
    if operation is not None:
        from generator.emit.model_yaml import operation_to_yaml

        return _stage("show", operation_to_yaml, operation)
    qualified = find_type(model, name)
    return _stage("show", model_to_yaml, model, qualified)


def find_operation(model: Model, name: str) -> Operation | None:
    """The operation ``name`` means: its operationId, or ``METHOD /path`` (any template
    names, any case: ``GET /users/{id}``); None when ``name`` names none."""
    import re

    wanted = name.strip()
    method, _, path = wanted.partition(" ")
    shape = re.sub(r"\{[^{}]*\}", "{}", path.strip()).lower().rstrip("/")
    for operation in model.operations:
        if operation.operation_id == wanted or (
                operation.method == method.lower() and shape and
                re.sub(r"\{[^{}]*\}", "{}", operation.path).lower() == shape):
            return operation
    return None


def find_type(model: Model, name: str) -> str:
    """The qualified name ``name`` means; raises LookupError saying why when there is none."""
    if model.lookup(name) is not None:
        return name
    every = [t.qualified_name for t in model.types] + [e.qualified_name for e in model.enums]
    lowered = name.lower()
    matches = sorted({q for q in every if q.lower() == lowered}) or sorted(
        {q for q in every if q.rpartition(".")[2].lower() == lowered})
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise LookupError(f"{name!r} is ambiguous: {', '.join(matches)}")
    raise LookupError(f"no type or enum named {name!r} in the sources")


# --------------------------------------------------------------------------------------------
# The stages
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sources:
    reading: read.Reading  # every source file, and those read this run
    pages: tuple[read.PageRead, ...]  # the pages (no included snippets), sorted by path
    diagnostics: tuple[Diagnostic, ...]

    def unchanged_since(self, record: RunRecord, options: Options) -> bool:
        """The no-op test: the same files with the same bytes and includes (``page_key``; a
        file read again because its stamp was not to be trusted may still be the same), and
        the same code and options as the record's run."""
        return (record.run_key == _run_key(options)
                and [(f.path, f.key) for f in self.reading.files]
                == [(f.path, f.key) for f in record.reads])

    def source(self, page: read.PageRead) -> SourceFile:
        """The page's text: as read this run, else read now (its stamp said unchanged)."""
        found = self.reading.read.get(page.path)
        if found is None:
            found, diagnostics = read.read_source(Path(page.path))
            if found is None:
                raise UnreadableInput(f"{page.path}: {diagnostics[0].message}")
        return found


class _Background:
    """Cache writes that a run leaves to forked processes while it goes on (with ``fork``, on
    a machine with a core to spare): the page facts while it resolves, the resolve state while
    it emits, the memo and the run record while it writes out/. A write that failed is a
    DS902, as in the parent."""

    def __init__(self, cache: Cache, fork: bool = False) -> None:
        self.cache = cache
        self.jobs = parallel.Background(fork=fork)

    def run(self, save: Callable[[], None]) -> None:
        if self.cache.writable:
            self.cache.prepare()  # the directory exists before any process writes into it
            self.jobs.run(partial(_saved, self.cache, save))

    def finish(self) -> None:
        for code in self.jobs.finish():
            self.cache.report_unsaved(f"a background cache write failed (exit code {code})")


def _saved(cache: Cache, save: Callable[[], None]) -> bool:
    before = len(cache.diagnostics)
    save()
    return len(cache.diagnostics) == before


def _read_sources(options: Options, record: RunRecord | None = None) -> _Sources:
    """Every source page; with the last run's record only the files that changed are read."""
    previous = {f.path: f for f in record.reads} if record is not None else None
    paths = read.find_source_paths(tuple(options.sources))
    reading, unreadable = read.read_changed(paths, previous,
                                            record.includes if record is not None else None)
    if unreadable:
        more = f" (and {len(unreadable) - 1} more)" if len(unreadable) > 1 else ""
        raise UnreadableInput(f"{unreadable[0].path}: {unreadable[0].message}{more}")
    return _Sources(reading, tuple(reading.pages), tuple(reading.diagnostics))


def _model_key(digests: Iterable[str], options: Options) -> str:
    """Equal keys mean equal outputs: emitters are pure functions of (model, options, code), and
    the model is a pure function of the page facts (``facts_digest``) and the code."""
    digest = hashlib.sha256(f"{code_key()}\0{options.output_key()}\0".encode())
    for page in digests:
        digest.update(page.encode() + b"\0")
    return digest.hexdigest()


def _emit(model: Model, options: Options, cache: Cache, progress: Progress | None,
          background: _Background | None = None) -> dict[str, Planned]:
    """Every output as (sha256, make), through the memo the cache keeps."""
    from generator.emit import Memo, emit

    _announce(progress, "emit")
    memo = cache.load_memo() if cache.enabled else Memo()
    size = len(model.types) + len(model.enums)
    side = SIDE_TARGETS & frozenset(options.targets)
    fork = (side and set(options.targets) - side and parallel.workers(options.jobs) >= 2
            and size >= PARALLEL_EMIT_MIN_TYPES and len(memo.files) < size)  # a cold emit
    files, fresh = _stage("emit", emit, model, options, memo, side if fork else frozenset())
    if cache.enabled:
        (background or _Background(cache)).run(partial(cache.save_memo, fresh))
    return files


def _parse_with_cache(sources: _Sources, cache: Cache, jobs: int, progress: Progress | None,
                      background: _Background | None = None) -> _Parsed:
    """Every page's entry in sorted path order; only pages not in the cache are parsed."""
    index = cache.load_index() if cache.enabled else {}
    pages = sources.pages
    todo = [page for page in pages if page.key not in index]
    parsed = _parse_many([sources.source(page) for page in todo], jobs, progress)
    fresh = dict(zip((page.key for page in todo), parsed, strict=True))
    entries = [index[page.key] if page.key in index else fresh[page.key].entry for page in pages]
    if cache.enabled:
        (background or _Background(cache)).run(partial(
            cache.save_pages,
            {page.key: entry for page, entry in zip(pages, entries, strict=True)},
            {key: page.facts for key, page in fresh.items()},
            {page.entry.outline_digest: page.outline for page in fresh.values()}))
    return _Parsed(sources, tuple(entries), fresh, cache, len(todo))


@dataclass(frozen=True)
class _ParsedPage:
    """What parsing one page gives the run (computed in the parse worker)."""

    facts: PageFacts
    outline: PageOutline
    entry: PageEntry


@dataclass(frozen=True)
class _Parsed:
    """The run's pages in sorted path order, as ``resolve_pages`` reads them: each page's entry,
    and its facts and outline from this run's parse, else from the cache, else parsed again
    (a cache file that went missing or was discarded)."""

    sources: _Sources
    entries: tuple[PageEntry, ...]
    fresh: Mapping[str, _ParsedPage]  # page key → parsed this run
    cache: Cache
    parsed: int  # how many were parsed (not from the cache)

    def __len__(self) -> int:
        return len(self.entries)

    def diagnostics(self) -> Iterator[Diagnostic]:
        return (d for entry in self.entries for d in entry.diagnostics)

    def path(self, position: int) -> str:
        return self.sources.pages[position].path

    def outline_digest(self, position: int) -> str:
        return self.entries[position].outline_digest

    def facts_digest(self, position: int) -> str:
        return self.entries[position].facts_digest

    def outline(self, position: int) -> PageOutline:
        key = self.sources.pages[position].key
        if key in self.fresh:
            return self.fresh[key].outline
        stored = self.cache.outline(self.entries[position].outline_digest)
        return stored if stored is not None else self._reparse(position).outline

    def facts(self, position: int) -> PageFacts:
        key = self.sources.pages[position].key
        if key in self.fresh:
            return self.fresh[key].facts
        stored = self.cache.facts(key)
        return stored if stored is not None else self._reparse(position).facts

    def _reparse(self, position: int) -> _ParsedPage:
        page = self.sources.pages[position]
        parsed = _parse_page(self.sources.source(page))
        if parsed.entry != self.entries[position]:
            raise InternalError(f"parse: {page.path} parsed again gives other facts than its "
                                f"cache entry says")
        return parsed


def _parse_many(files: Sequence[SourceFile], jobs: int,
                progress: Progress | None) -> list[_ParsedPage]:
    workers = parallel.workers(jobs) if len(files) >= PARALLEL_MIN_PAGES else 1
    chunk = max(1, min(64, len(files) // (workers * 8)))
    return list(_reporting(parallel.pool_map(_parse_page, files, workers, chunk), "parse",
                           len(files), progress))


def _parse_page(source: SourceFile) -> _ParsedPage:
    from generator.parse import parse_page
    from generator.resolve import page_outline

    facts = parse_page(source)
    outline = page_outline(facts)
    return _ParsedPage(facts, outline, PageEntry(facts_digest(facts), stable_digest(outline),
                                                 facts.diagnostics))


def _announce(progress: Progress | None, stage: str) -> None:
    if progress is not None:
        progress(stage, 0, 0)


def _reporting(items: Iterable[T], stage: str, total: int,
               progress: Progress | None) -> Iterator[T]:
    for done, item in enumerate(items, 1):
        if progress is not None:
            progress(stage, done, total)
        yield item


def _resolve(pages: _Parsed, cache: Cache, progress: Progress | None,
             background: _Background | None = None) -> Model:
    """The model, from what the cache keeps of the last resolve (``resolve_pages``)."""
    from generator.resolve import resolve_pages

    _announce(progress, "resolve")
    previous = cache.load_resolve() if cache.enabled else None
    model, state = resolve_pages(pages, previous)
    if cache.enabled:
        (background or _Background(cache)).run(partial(cache.save_resolve, state))
    return model


def _lint_request_examples(model: Model, options: Options) -> list[Diagnostic]:
    """The API pages' example request bodies against their operations' body schemas."""
    from generator.emit.jsonschema import jsonschema_documents
    from generator.request_examples import lint_request_examples

    if not model.operations:
        return []
    schemas = jsonschema_documents(model, strict=options.strict)
    return lint_request_examples(model, schemas)[1]


def _lint_examples(api_dir: Path, model: Model,
                   options: Options) -> tuple[ExampleStats, list[Diagnostic]]:
    from generator.examples import lint_examples

    reading, unreadable = read.read_changed(read.find_source_paths((api_dir,)))
    if unreadable:
        raise UnreadableInput(f"{unreadable[0].path}: {unreadable[0].message}")
    files = [reading.read[f.path] for f in reading.files]
    diagnostics = reading.diagnostics
    stats, found = _stage("lint examples", lint_examples, model, files, options)
    return stats, [*_example_reading_diagnostics(diagnostics), *found]


def _example_reading_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """What reading the API pages found that bears on their examples.

    An API page's ``[!INCLUDE]`` snippets (permissions tables, disclaimers) hold no response
    examples, and the API pages are not the sources being linted: their missing includes
    (DS003, ~11,000 on v1.0's api/) are dropped. Everything else (DS002: bytes replaced in a
    page whose examples are validated) is kept.
    """
    return [d for d in diagnostics if d.code != "DS003"]


def _stage(name: str, function: Callable[..., T], *args: object) -> T:
    """Run a whole-model stage; an exception there is a docschema bug, reported in one line."""
    try:
        return function(*args)
    except (ConfigError, InternalError):
        raise
    except Exception as error:
        raise InternalError(f"{name} failed: {type(error).__name__}: {error}") from error


def _run_key(options: Options) -> str:
    """What a run's output depends on besides its inputs: docschema's code and the options."""
    digest = hashlib.sha256()
    for part in (__version__, code_key(), options.output_key()):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _stats(diagnostics: Sequence[Diagnostic], started: float, **counts: int | bool) -> Stats:
    severities = count_by_severity(diagnostics)
    return Stats(errors=severities[Severity.ERROR], warnings=severities[Severity.WARNING],
                 infos=severities[Severity.INFO], seconds=time.perf_counter() - started,
                 **counts)  # type: ignore[arg-type]
