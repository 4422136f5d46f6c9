"""The library entry points — generate, check, lint, show — over read → parse → resolve → emit.

The CLI is a thin shell over these functions: they take one ``Options`` value, return results
with diagnostics as data, and never print. Only ``generate`` writes (out/ through ``write``, and
the cache); ``check`` reads the cache but writes nothing at all.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from generator import __version__, read, write
from generator.cache import (
    Cache,
    MemoDelta,
    PageEntry,
    RecordingMemo,
    RunRecord,
    code_key,
    facts_digest,
)
from generator.diagnostics import count_by_severity, sort_diagnostics, with_more
from generator.gcpause import gc_paused
from generator.model import (
    Diagnostic,
    Model,
    Operation,
    PageFacts,
    Severity,
    SourceLocation,
    stable_digest,
)
from generator.options import ConfigError, Options
from generator.read import SourceFile
from generator.resolve import PageOutline

if TYPE_CHECKING:
    import multiprocessing.process
    from multiprocessing.context import ForkContext

    from generator.emit import Emitter, Output
    from generator.examples import ExampleStats

# (stage, done, total): called as work progresses; the CLI draws a bar from it. A total of 0
# announces a stage whose work is not counted (resolve, emit, write).
Progress = Callable[[str, int, int], None]

PARALLEL_MIN_PAGES = 150  # fewer uncached pages than this parse faster in one process
# Emitting a smaller model in one process is faster than forking another.
PARALLEL_EMIT_MIN_TYPES = 300
# The targets a forked process emits while this one emits the rest (two cores: two halves of
# the work; python's black pool, when it has one, is nested in this process's half).
SIDE_TARGETS = frozenset({"openapi", "model"})

T = TypeVar("T")

# What a forked emit process inherits: emitters, model, options, memo (see _emit_targets).
_FORKED: tuple[Mapping[str, Emitter], Model, Options, RecordingMemo] | None = None


class InternalError(Exception):
    """A stage failed where it should have returned diagnostics: a bug in docschema."""


class UnfinishedStage(InternalError):
    """A stage is still a stub (``NotImplementedError``): the run cannot complete yet."""


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
    files: Mapping[str, str]  # texts rendered by this run (empty when the run was a no-op)
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
    texts: Mapping[str, str] = dataclasses.field(default_factory=dict)  # page path → text

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def generate(options: Options, progress: Progress | None = None) -> GenerateResult:
    """Regenerate ``options.out``; a run whose inputs, options and code are unchanged is a no-op."""
    started = time.perf_counter()
    cache = Cache(options.cache_dir, enabled=options.use_cache)
    out = Path(os.path.abspath(options.out))
    record = cache.load_run(options.output_key())
    sources = _stage("read", _read_sources, options, record)
    if (record is not None and record.out == str(out) and sources.unchanged_since(record, options)
            and write.is_current(out, record.hashes, record.stamps)):
        if sources.reading.read:  # files read again only to learn they are the same
            cache.save_run(options.output_key(), dataclasses.replace(
                record, reads=sources.reading.files, includes=sources.reading.includes))
        diagnostics = with_more(record.diagnostics, cache.diagnostics)
        stats = _stats(diagnostics, started, pages=record.pages, types=record.types,
                       enums=record.enums, unchanged=len(record.hashes), skipped=True)
        return GenerateResult({}, record.hashes, tuple(diagnostics), stats)

    with gc_paused():  # see _run
        return _run(options, cache, out, record, sources, started, progress)


def _run(options: Options, cache: Cache, out: Path, record: RunRecord | None,
         sources: _Sources, started: float, progress: Progress | None) -> GenerateResult:
    """generate, when it is not a no-op: (read →) parse → resolve → emit → write.

    It runs with the garbage collector paused: the run builds a million long-lived objects
    (page facts, the model) and the collector would traverse them again and again for the
    little cyclic garbage there is (beta: 0.6 s of 8 s saved, peak RSS 199 → 224 MB).
    """
    same_out = record is not None and record.out == str(out)
    background = _Background(cache, options.jobs)
    built = _build(options, sources, cache, progress, record if same_out else None, out,
                   background)
    if record is not None and built.model is None:
        # The pages changed but not their facts (an edit outside the tables and descriptions)
        # and out/ is as the record has it: resolve, emit and write are skipped.
        files: Mapping[str, str] = {}
        outcome = write.WriteResult(unchanged=tuple(sorted(record.hashes)),
                                    stamps=record.stamps, hashes=record.hashes,
                                    spare=record.spare)
    else:
        assert built.model is not None  # _build resolves unless ``record`` has the same model
        files, digests = _emit_with_memo(built.model, options, cache, progress, background)
        known = None
        if record is not None and same_out:
            known = {p: (record.hashes[p], stamp) for p, stamp in record.stamps.items()
                     if p in record.hashes}
        spare = None
        if cache.writable:
            held = record.spare if record is not None and same_out else None
            spare = write.Spare(cache.spare_path(out), held or {})
        _announce(progress, "write")
        outcome = write.write_tree(out, files, known, spare, digests)
    hashes = dict(outcome.hashes or {})
    cache.save_run(options.output_key(), RunRecord(
        run_key=_run_key(options), reads=sources.reading.files,
        includes=sources.reading.includes, model_key=built.model_key, out=str(out), hashes=hashes,
        stamps=outcome.stamps or {}, diagnostics=built.diagnostics, pages=built.pages,
        types=built.types, enums=built.enums, model_diagnostics=built.model_diagnostics,
        spare=outcome.spare))
    background.finish()
    diagnostics = with_more(built.diagnostics, cache.diagnostics)
    stats = _stats(diagnostics, started, pages=built.pages, types=built.types,
                   enums=built.enums, written=len(outcome.written),
                   unchanged=len(outcome.unchanged), removed=len(outcome.removed),
                   parsed_pages=built.parsed_pages)
    return GenerateResult(files, hashes, tuple(diagnostics), stats, outcome.written,
                          outcome.removed)


def check(options: Options, progress: Progress | None = None) -> CheckResult:
    """Compare ``options.out`` with what generate would write. Writes nothing, not even the cache
    (so it is safe on a read-only checkout and never disturbs a concurrent generate)."""
    started = time.perf_counter()
    cache = Cache(options.cache_dir, enabled=options.use_cache, writable=False)
    record = cache.load_run(options.output_key())
    sources = _stage("read", _read_sources, options, record)
    if record is not None and sources.unchanged_since(record, options):
        hashes, diagnostics = dict(record.hashes), list(record.diagnostics)
        counts = {"pages": record.pages, "types": record.types, "enums": record.enums}
    else:
        built = _build(options, sources, cache, progress, record)
        if built.model is None and record is not None:
            hashes = dict(record.hashes)
        else:
            assert built.model is not None
            _, hashes = _emit_with_memo(built.model, options, cache, progress)
        diagnostics = list(built.diagnostics)
        counts = {"pages": built.pages, "types": built.types, "enums": built.enums}
    comparison = write.compare_tree(Path(options.out), hashes)
    all_diagnostics = sort_diagnostics([*diagnostics, *cache.diagnostics])
    return CheckResult(comparison.missing, comparison.stale, comparison.extra,
                       tuple(all_diagnostics), _stats(all_diagnostics, started, **counts))


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
    diagnostics = sort_diagnostics([*found, *cache.diagnostics])
    stats = _stats(diagnostics, started, pages=len(parsed), types=len(model.types),
                   enums=len(model.enums), parsed_pages=parsed.parsed)
    texts = {page.path: sources.source(page).text for page in sources.pages}
    return LintResult(tuple(diagnostics), stats, example_stats, model, texts)


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


@dataclass(frozen=True)
class _Built:
    pages: int
    model: Model | None  # None: not resolved, it is the model of the run record given
    model_key: str  # what the output depends on: the page facts, the options and the code
    diagnostics: tuple[Diagnostic, ...]
    parsed_pages: int
    types: int
    enums: int
    model_diagnostics: tuple[Diagnostic, ...]  # resolve's


Job = Callable[[], object]


def _inline(job: Job) -> None:
    job()


class _Background:
    """Cache writes that a large run leaves to forked processes while it goes on: the page
    facts while it resolves, the resolve state and the memo while it writes out/ (one core
    idles in both). ``finish`` waits for them; a write that failed is a DS902, as in the
    parent. Small runs, ``--jobs 1`` and systems without fork write in this process."""

    def __init__(self, cache: Cache, jobs: int) -> None:
        self.cache = cache
        self.jobs = jobs
        self.large = False  # set once the run knows it parsed many pages
        self.processes: list[multiprocessing.process.BaseProcess] = []

    def run(self, job: Job) -> None:
        context = _fork_context() if self.large and _workers(self.jobs) >= 2 else None
        if context is None or not self.cache.writable:
            job()
            return
        self.cache.prepare()  # the directory exists before any process writes into it
        process = context.Process(target=_background_job, args=(job, self.cache))
        process.start()
        self.processes.append(process)

    def finish(self) -> None:
        for process in self.processes:
            process.join()
            if process.exitcode != 0:
                self.cache.report_unsaved(f"a background cache write failed "
                                          f"(exit code {process.exitcode})")
        self.processes.clear()


def _background_job(job: Job, cache: Cache) -> None:
    """In a forked process: do ``job``; the exit code says whether the cache took it all."""
    before = len(cache.diagnostics)
    job()
    os._exit(0 if len(cache.diagnostics) == before else 3)


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


def _build(options: Options, sources: _Sources, cache: Cache, progress: Progress | None,
           last: RunRecord | None = None, out: Path | None = None,
           background: _Background | None = None) -> _Built:
    """Read pages → the model, its key and every diagnostic so far. When the key is that of
    ``last`` (same page facts, options and code) and, given ``out``, that directory holds what
    ``last`` wrote, the model would be the same: it is not resolved, and its counts and
    diagnostics come from ``last``."""
    parsed = _stage("parse", _parse_with_cache, sources, cache, options.jobs, progress,
                    background)
    key = _model_key((entry.facts_digest for entry in parsed.entries), options)
    model: Model | None = None
    if last is not None and last.model_key == key and (
            out is None or write.is_current(out, last.hashes, last.stamps)):
        types, enums, model_diagnostics = last.types, last.enums, last.model_diagnostics
    else:
        model = _stage("resolve", _resolve, parsed, cache, progress, background)
        types, enums, model_diagnostics = len(model.types), len(model.enums), model.diagnostics
    diagnostics = (*sources.diagnostics, *parsed.diagnostics(), *model_diagnostics)
    return _Built(len(parsed), model, key, tuple(sort_diagnostics(diagnostics)), parsed.parsed,
                  types, enums, tuple(model_diagnostics))


def _model_key(digests: Iterable[str], options: Options) -> str:
    """Equal keys mean equal outputs: emitters are pure functions of (model, options, code), and
    the model is a pure function of the page facts (``facts_digest``) and the code."""
    digest = hashlib.sha256(f"{code_key()}\0{options.output_key()}\0".encode())
    for page in digests:
        digest.update(page.encode() + b"\0")
    return digest.hexdigest()


def _emit_with_memo(model: Model, options: Options, cache: Cache, progress: Progress | None,
                    background: _Background | None = None
                    ) -> tuple[Mapping[str, str], dict[str, str]]:
    """Every output's text (made when asked for, for a ``Kept`` one), and each text's sha256
    (known for those the memo kept or served)."""
    from generator.emit import Kept, Texts

    _announce(progress, "emit")
    memo = cache.load_memo() if cache.enabled else RecordingMemo({})
    outputs = _emit(model, options, memo)
    digests = {path: output.digest if isinstance(output, Kept) else memo.digest_of(output)
               for path, output in outputs.items()}
    (background.run if background is not None else _inline)(partial(cache.save_memo, memo))
    return Texts(outputs), digests


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
        if background is not None:
            background.large = len(todo) >= PARALLEL_MIN_PAGES
        (background.run if background is not None else _inline)(partial(
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
    workers = _workers(jobs)
    if len(files) < PARALLEL_MIN_PAGES or workers < 2:
        return list(_reporting(map(_parse_page, files), "parse", len(files), progress))
    chunk = max(1, min(64, len(files) // (workers * 8)))
    from concurrent.futures import ProcessPoolExecutor  # only runs with many pages need it

    with ProcessPoolExecutor(max_workers=min(workers, len(files))) as pool:
        # map() yields in submission order, so results do not depend on which worker is first.
        return list(_reporting(pool.map(_parse_page, files, chunksize=chunk), "parse",
                               len(files), progress))


def _parse_page(source: SourceFile) -> _ParsedPage:
    from generator.resolve import page_outline

    facts = parse_safely(source)
    outline = page_outline(facts)
    return _ParsedPage(facts, outline, PageEntry(facts_digest(facts), stable_digest(outline),
                                                 facts.diagnostics))


def parse_safely(source: SourceFile) -> PageFacts:
    """Parse one page; a crash on one page becomes a DS901 on that page, never a failed run."""
    from generator.parse import parse_page

    try:
        return parse_page(source)
    except NotImplementedError:
        raise
    except Exception as error:  # one page's failure is data (DS901)
        message = f"the parser crashed on this page: {type(error).__name__}: {error}"
        return PageFacts(path=source.path, sha256=source.sha256,
                         diagnostics=(Diagnostic.at(SourceLocation(source.path), "DS901",
                                                    message),))


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
        (background.run if background is not None else _inline)(
            partial(cache.save_resolve, state))
    return model


def _emit(model: Model, options: Options, memo: RecordingMemo) -> dict[str, Output]:
    from generator.emit import emitters

    available = _stage("emit", emitters)
    files: dict[str, Output] = {}
    outputs = _emit_targets(available, sorted(options.targets), model, options, memo)
    for target in sorted(options.targets):
        produced = outputs[target]
        for path, text in produced.items():
            try:
                write.validate_relpath(path)
            except ValueError as error:
                raise InternalError(f"emit {target}: {error}") from error
            if not path.startswith(f"{target}/"):
                raise InternalError(f"emit {target}: {path!r} is outside {target}/")
            if path in files:
                raise InternalError(f"emit {target}: two outputs share the path {path!r}")
            files[path] = text
    return dict(sorted(files.items()))


def _emit_targets(available: Mapping[str, Emitter], targets: Sequence[str], model: Model,
                  options: Options, memo: RecordingMemo) -> dict[str, dict[str, Output]]:
    """Every target's files. On a large model with two or more cores and a cold memo, the side
    targets run in a forked process while this one emits the rest: each emitter is a pure
    function of (model, options, memo), so where it runs changes nothing in its output
    (tests/test_pipeline.py). With a warm memo (an edit) emitting is cheap and the fork, and
    sending every text back, would cost more than it saves."""
    side = [t for t in targets if t in SIDE_TARGETS]
    main = [t for t in targets if t not in SIDE_TARGETS]
    size = len(model.types) + len(model.enums)
    context = None
    if side and main and _workers(options.jobs) >= 2 and size >= PARALLEL_EMIT_MIN_TYPES \
            and len(memo) < size:
        context = _fork_context()
    if context is None:
        return {t: _emit_target(available, t, model, options, memo) for t in targets}
    global _FORKED
    _FORKED = (available, model, options, memo)  # inherited by the fork, never pickled
    try:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            future = pool.submit(_emit_forked, tuple(side))
            outputs = {t: _emit_target(available, t, model, options, memo) for t in main}
            side_outputs, delta = future.result()
    finally:
        _FORKED = None
    memo.merge(delta)
    return {**outputs, **side_outputs}


def _emit_target(available: Mapping[str, Emitter], target: str, model: Model, options: Options,
                 memo: RecordingMemo) -> dict[str, Output]:
    return _stage(f"emit {target}", available[target], model, options, memo)


def _emit_forked(targets: tuple[str, ...]) -> tuple[dict[str, dict[str, Output]], MemoDelta]:
    """In the forked process: emit ``targets`` from the state the parent left in _FORKED. Its
    outputs go back as texts (a ``Kept`` one, made again here, is rare: the fork is for a
    cold memo)."""
    from generator.emit import texts

    if _FORKED is None:
        raise InternalError("emit: the forked process inherited no model")
    available, model, options, parent_memo = _FORKED
    memo = parent_memo.fresh_view()
    outputs: dict[str, dict[str, Output]] = {
        t: dict(texts(_emit_target(available, t, model, options, memo))) for t in targets}
    return outputs, memo.delta()


def _fork_context() -> ForkContext | None:
    """fork, where it is the safe and cheap way to hand a process the model (Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import multiprocessing

        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def _workers(jobs: int) -> int:
    if jobs > 0:
        return jobs
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


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
    except NotImplementedError as error:
        raise UnfinishedStage(f"the {name} stage is not implemented yet") from error
    except ModuleNotFoundError as error:
        if not (error.name or "").startswith("generator."):
            raise InternalError(f"{name} failed: {error}") from error
        raise UnfinishedStage(f"the {name} stage is not implemented yet ({error})") from error
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
