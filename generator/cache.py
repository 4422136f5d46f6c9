"""The incremental cache in ``.docschema_cache/`` (like black's: the key says what it depends on).

Layout: ``<cache_dir>/<docschema version>/<code_key>/`` (code, templates, library versions)
holding

- ``index.pickle``: page key (path, content and includes hashed) → ``PageEntry`` (the digests
  of the page's facts and outline, and its diagnostics): all a run needs of a page whose
  facts and outline it does not have to read;
- ``pages-<0-f>.pickle``: page key → PageFacts, in 16 shards by the key's first hex digit,
  each read only when a page in it is needed, so a one-page edit reads and rewrites little;
- ``outlines.pickle``: outline digest → PageOutline (read only when the outlines changed);
- ``context.pickle``, ``results-<0-f>.pickle`` and ``digests.pickle``: resolve's
  ``ResolveState``: the context built from every page's outline, every type's round-5 result by
  its group key, and the value digests by what each value is made of;
- ``memo.pickle``: the emit memo (``generator.emit.Memo``): each output's key → its text's
  sha256, and the texts of the OpenAPI document's parts: what the last run used, and what
  the run before it used that the last did not (``save_memo``);
- ``run-<options key>.pickle``: the last generate's run key → its MANIFEST hashes and counts,
  so a no-op run skips resolve and emit; its diagnostics are
  in ``findings-<options key>.pickle``, rewritten only when they change;

and, beside them, ``writer-<output key>/``: what the writer keeps of one output directory
(``write.write_tree``): its files' digests and stamps, and the spare tree it swaps in.

Editing docschema's code or templates changes the fingerprint, so a stale cache is never read;
other fingerprints and versions are pruned when the cache is saved. Every file carries a header
(format, version, fingerprint); a file that cannot be unpickled or has a foreign header is
discarded with a DS902 warning and never trusted. Each file is written atomically (a temporary
file renamed), by a process the run forks for the write (or, on one core, by the run's own).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.emit import Memo
from generator.model import Diagnostic, PageFacts, SourceLocation, stable_digest
from generator.read import IncludeState, PageRead
from generator.resolve import GroupResult, PageOutline, ResolveContext, ResolveState

CACHE_FORMAT = 9
_WRITER = "writer-"  # the writer's directories (``writer_path``)
_SHARDS = "0123456789abcdef"


@cache
def code_key() -> str:
    """docschema's code and templates and the versions of the libraries that shape page facts
    and output (``templating.library_versions``): what every cached value depends on."""
    from generator.templating import code_fingerprint, library_versions

    libraries = hashlib.sha256(repr(library_versions()).encode()).hexdigest()[:16]
    return f"{code_fingerprint()}-{libraries}"


def facts_digest(facts: PageFacts) -> str:
    """A digest of one page's facts by value, leaving out the hash of the page's bytes.

    The model is a pure function of the page facts (and the code), so equal digests for every
    page mean an equal model: the run compares these instead of pickling the whole model each
    time. The bytes' hash is left out so that an edit outside the tables and
    descriptions leaves the digest alone; resolve uses it only to order pages with the same
    path, which one run never has. Pickled in "fast" mode (no memo), so the bytes depend on
    the values only, not on which strings happen to be shared objects.
    """
    return stable_digest(dataclasses.replace(facts, sha256=""))


@dataclass(frozen=True)
class PageEntry:
    """What a run keeps of every page: enough to resolve without the page's facts or outline
    when resolve can reuse what it built from them."""

    facts_digest: str
    outline_digest: str
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class RunRecord:
    """What the last generate produced for one run key."""

    run_key: str  # docschema's version and code, and the options
    reads: tuple[PageRead, ...]  # every source file as read (read.read_changed)
    includes: Mapping[str, IncludeState]  # every include target: (sha256, stamp)
    model_key: str  # the page facts' digests, hashed with the options and code
    out: str  # the absolute output directory it wrote
    hashes: Mapping[str, str]  # generated path → sha256 (the MANIFEST)
    diagnostics: tuple[Diagnostic, ...]
    pages: int
    types: int
    enums: int
    model_diagnostics: tuple[Diagnostic, ...] = ()  # resolve's, reused when the model is


class Cache:
    """One run's view of the cache. ``enabled=False`` (``--no-cache``) reads and writes nothing.

    Pages' facts and outlines are read lazily (``facts``, ``outline``): a run asks only for
    those of pages it must resolve again.
    """

    def __init__(self, cache_dir: Path, *, enabled: bool = True, writable: bool = True) -> None:
        self.root = cache_dir
        self.enabled = enabled
        self.writable = enabled and writable
        self.directory = cache_dir / __version__ / code_key()
        self.diagnostics: list[Diagnostic] = []
        self._index: dict[str, PageEntry] | None = None
        self._stored: dict[str, frozenset[str]] = {}  # shard → the page keys its file holds
        self._stored_outlines: set[str] = set()  # the outline digests outlines.pickle holds
        self._shards: dict[str, dict[str, PageFacts]] = {}
        self._outlines: dict[str, PageOutline] | None = None
        self._context_key: str | None = None
        self._digests: dict[str, tuple[str, str]] = {}
        self._result_keys: dict[str, set[str]] = {}
        self._memo: Memo | None = None  # as load_memo found it
        self._findings: dict[str, tuple[str, tuple[Diagnostic, ...], tuple[Diagnostic, ...]]] = {}

    # -- pages --------------------------------------------------------------------------------

    def load_index(self) -> dict[str, PageEntry]:
        """Page key → entry, for every page an earlier run parsed."""
        if self._index is None:
            payload = self._load("index.pickle")
            if not (isinstance(payload, tuple) and len(payload) == 3
                    and all(isinstance(part, dict) for part in payload)):
                payload = ({}, {}, {})
            entries, shards, outlines = payload
            self._index = {k: v for k, v in entries.items()
                           if isinstance(k, str) and isinstance(v, PageEntry)}
            self._stored = {k: v for k, v in shards.items()
                            if isinstance(k, str) and isinstance(v, frozenset)}
            self._stored_outlines = {k for k in outlines if isinstance(k, str)}
        return dict(self._index)

    def facts(self, key: str) -> PageFacts | None:
        shard = self._shard(key[:1])
        return shard.get(key)

    def _shard(self, name: str) -> dict[str, PageFacts]:
        if name not in self._shards:
            payload = self._load(f"pages-{name}.pickle")
            self._shards[name] = {k: v for k, v in payload.items()
                                  if isinstance(k, str) and k[:1] == name
                                  and isinstance(v, PageFacts)} \
                if isinstance(payload, dict) else {}
        return self._shards[name]

    def outline(self, digest: str) -> PageOutline | None:
        return self._all_outlines().get(digest)

    def _all_outlines(self) -> dict[str, PageOutline]:
        if self._outlines is None:
            payload = self._load("outlines.pickle")
            self._outlines = {k: v for k, v in payload.items()
                              if isinstance(k, str) and isinstance(v, PageOutline)} \
                if isinstance(payload, dict) else {}
        return self._outlines

    def save_pages(self, index: Mapping[str, PageEntry], facts: Mapping[str, PageFacts],
                   outlines: Mapping[str, PageOutline]) -> None:
        """Keep the pages of ``index``: ``facts`` and ``outlines`` are the ones parsed this run
        (by page key and by outline digest); the others are already stored. A shard (or the
        outlines file) is rewritten when it gains an entry, or when more than half of what it
        holds is no longer wanted; until then an old entry stays, unused."""
        before = self.load_index()
        stored = dict(self._stored)
        for shard in _SHARDS:
            wanted = frozenset(k for k in index if k[:1] == shard)
            if self._needs_rewrite(wanted, stored.get(shard, frozenset()), facts):
                kept = {k: facts.get(k) or self._shard(shard).get(k) for k in sorted(wanted)}
                self._save(f"pages-{shard}.pickle",
                           {k: v for k, v in kept.items() if v is not None})
                stored[shard] = frozenset(k for k, v in kept.items() if v is not None)
        digests = frozenset(entry.outline_digest for entry in index.values())
        held = frozenset(self._stored_outlines)
        if self._needs_rewrite(digests, held, outlines):
            kept_outlines = {d: outlines.get(d) or self._all_outlines().get(d)
                             for d in sorted(digests)}
            kept_outlines = {d: v for d, v in kept_outlines.items() if v is not None}
            self._save("outlines.pickle", kept_outlines)
            held = frozenset(kept_outlines)
        if dict(index) != before or stored != self._stored or held != self._stored_outlines:
            self._save("index.pickle", (dict(index), stored, dict.fromkeys(sorted(held))))
            self._index, self._stored, self._stored_outlines = dict(index), stored, set(held)

    @staticmethod
    def _needs_rewrite(wanted: frozenset[str], held: frozenset[str],
                       fresh: Mapping[str, object]) -> bool:
        return bool({k for k in wanted - held if k in fresh}) or len(held - wanted) > len(wanted)

    # -- resolve ------------------------------------------------------------------------------

    def load_resolve(self) -> ResolveState | None:
        """The last run's context and every type's result, or None without a context."""
        payload = self._load("context.pickle")
        if not (isinstance(payload, tuple) and len(payload) == 2
                and isinstance(payload[0], str) and isinstance(payload[1], ResolveContext)):
            return None
        self._context_key = payload[0]
        digests = self._load("digests.pickle")
        self._digests = {k: v for k, v in digests.items()
                         if isinstance(k, str) and isinstance(v, tuple) and len(v) == 2} \
            if isinstance(digests, dict) else {}
        results: dict[str, GroupResult] = {}
        for shard in _SHARDS:
            stored = self._load(f"results-{shard}.pickle")
            found = {k: v for k, v in stored.items()
                     if isinstance(k, str) and k[:1] == shard and isinstance(v, GroupResult)} \
                if isinstance(stored, dict) else {}
            self._result_keys[shard] = set(found)
            results.update(found)
        return ResolveState(payload[0], payload[1], results, dict(self._digests))

    def save_resolve(self, state: ResolveState) -> None:
        """Rewrite the context when it is another one, and the result shards whose keys
        changed (a one-page edit changes one or two)."""
        if state.outlines_key != self._context_key:
            self._save("context.pickle", (state.outlines_key, state.context))
            self._context_key = state.outlines_key
        if state.digests != self._digests:
            self._save("digests.pickle", dict(state.digests))
            self._digests = dict(state.digests)
        for shard in _SHARDS:
            entries = {k: v for k, v in state.results.items() if k[:1] == shard}
            if set(entries) != self._result_keys.get(shard, set()):
                self._save(f"results-{shard}.pickle", dict(sorted(entries.items())))
                self._result_keys[shard] = set(entries)

    # -- the emitters' memo and the run record ------------------------------------------------

    def load_memo(self) -> Memo:
        """The entries of the last two runs (``save_memo``), as one memo to look keys up in."""
        payload = self._load("memo.pickle")
        if isinstance(payload, tuple) and len(payload) == 2 \
                and all(isinstance(memo, Memo) for memo in payload):
            current, previous = payload
            self._memo = Memo(dict(current.files), dict(current.parts))
            return Memo({**previous.files, **current.files}, {**previous.parts, **current.parts})
        return Memo()

    def save_memo(self, memo: Memo) -> None:
        """Keep ``memo`` (the entries this run used) and, one generation back, the entries the
        last run used that this one did not: a template or a page edited and then reverted
        is found again. Two generations at most, so the file never grows past them."""
        last = self._memo or Memo()
        if memo == last:
            return
        previous = Memo({k: v for k, v in last.files.items() if k not in memo.files},
                        {k: v for k, v in last.parts.items() if k not in memo.parts})
        self._save("memo.pickle", (memo, previous))

    def load_run(self, options_key: str) -> RunRecord | None:
        """The record, its findings from their own file (written only when they change; a
        token both files carry says they belong together)."""
        payload = self._load(f"run-{options_key}.pickle")
        if not (isinstance(payload, tuple) and len(payload) == 2
                and isinstance(payload[1], RunRecord)):
            return None
        token, record = payload[0], payload[1]
        findings = self._load(f"findings-{options_key}.pickle")
        if not (isinstance(findings, tuple) and len(findings) == 3 and findings[0] == token
                and isinstance(findings[1], tuple) and isinstance(findings[2], tuple)):
            return None
        self._findings[options_key] = findings
        return dataclasses.replace(record, diagnostics=findings[1],
                                   model_diagnostics=findings[2])

    def save_run(self, options_key: str, record: RunRecord) -> None:
        known = self._findings.get(options_key)
        if known is not None and known[1] == record.diagnostics \
                and known[2] == record.model_diagnostics:
            token = known[0]
        else:
            token = os.urandom(16).hex()
            self._save(f"findings-{options_key}.pickle",
                       (token, record.diagnostics, record.model_diagnostics))
        self._save(f"run-{options_key}.pickle",
                   (token, dataclasses.replace(record, diagnostics=(), model_diagnostics=())))

    def writer_path(self, out: Path) -> Path:
        """The directory the writer keeps for output directory ``out`` (absolute): in the
        cache, so it goes with it, but beside the fingerprinted directories, so it outlives
        a code change (what it holds is checked against the files, never trusted)."""
        name = hashlib.sha256(os.fsencode(out)).hexdigest()[:16]
        return self.root / f"{_WRITER}{name}"

    # -- files --------------------------------------------------------------------------------

    def _load(self, name: str) -> Any:
        path = self.directory / name
        if not self.enabled or not path.is_file():
            return None
        try:
            with path.open("rb") as stream:
                header, payload = pickle.load(stream)
        except Exception as error:  # any failure to unpickle means "corrupt"
            return self._discard(path, f"unreadable ({type(error).__name__}: {error})")
        expected = {"format": CACHE_FORMAT, "version": __version__, "code": code_key()}
        if header != expected:
            return self._discard(path, f"written by another docschema ({header!r})")
        return payload

    def _discard(self, path: Path, why: str) -> None:
        self.diagnostics.append(Diagnostic.at(SourceLocation(path.as_posix()), "DS902",
                                              f"cache file {why}; discarded"))
        if self.writable:
            with contextlib.suppress(OSError):
                path.unlink()
        return None

    def _save(self, name: str, payload: object) -> None:
        if not self.writable:
            return
        try:
            self._prepare()
            header = {"format": CACHE_FORMAT, "version": __version__, "code": code_key()}
            fd, temp = tempfile.mkstemp(dir=self.directory, prefix=f".{name}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as stream:
                    pickle.dump((header, payload), stream, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temp, self.directory / name)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError as error:
            # A cache that cannot be written costs speed, never correctness; say so once.
            self.report_unsaved(str(error))

    def prepare(self) -> None:
        """Have the directory ready (``_save`` does it too): before processes forked to write
        into it start."""
        if self.writable:
            try:
                self._prepare()
            except OSError as error:
                self.report_unsaved(str(error))

    def report_unsaved(self, why: str) -> None:
        """A cache write failed: say so once (DS902); the cache is not written again."""
        self.writable = False
        self.diagnostics.append(Diagnostic.at(SourceLocation(self.root.as_posix()), "DS902",
                                              f"cache not saved: {why}"))

    def _prepare(self) -> None:
        """Create the directory, mark it ignored, prune other versions and fingerprints."""
        if self.directory.is_dir():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by docschema automatically.\n*\n", encoding="utf-8")
        for stale in (*self.root.iterdir(), *self.directory.parent.iterdir()):
            keep = stale in (self.directory, self.directory.parent, ignore) \
                or stale.name.startswith(_WRITER)
            if not keep and stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
