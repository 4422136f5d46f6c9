"""The incremental cache in ``.docschema_cache/`` (like black's: the key says what it depends on).

Layout: ``<cache_dir>/<docschema version>/<code fingerprint>-black<version>/`` holding

- ``pages-<0-f>.pickle``: page key (path, content and includes hashed) → (PageFacts, its
  ``facts_digest``), in 16 shards by the key's first hex digit, so a one-page edit rewrites
  one sixteenth of them;
- ``memo.pickle``: the emitters' memo of expensive pure transforms (black), pruned to what the
  last run used;
- ``run-<options key>.pickle``: the last generate's run key → its MANIFEST hashes, diagnostics,
  counts and the stamps of the files it wrote, so a no-op run skips resolve and emit.

Editing docschema's code or templates changes the fingerprint, so a stale cache is never read;
other fingerprints and versions are pruned when the cache is saved. Every file carries a header
(format, version, fingerprint); a file that cannot be unpickled or has a foreign header is
discarded with a DS902 warning and never trusted. Only the parent process writes, atomically.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.gcpause import gc_paused
from generator.model import Diagnostic, PageFacts, SourceLocation
from generator.read import SourceFile
from generator.write import FileStamp

CACHE_FORMAT = 5
_SHARDS = "0123456789abcdef"


@cache
def code_key() -> str:
    """docschema's code and templates plus black's version: what every cached value depends on."""
    from importlib.metadata import version

    from generator.templating import code_fingerprint

    return f"{code_fingerprint()}-black{version('black')}"


def page_key(source: SourceFile) -> str:
    """Everything one page's parse depends on: its path (in every location), bytes, includes."""
    digest = hashlib.sha256()
    for part in (source.path, source.sha256):
        digest.update(part.encode("utf-8") + b"\0")
    for include in source.includes:
        text = "\0missing" if include.text is None else include.text
        digest.update(f"{include.line}\0{include.target}\0{text}\0".encode())
    return digest.hexdigest()


def facts_digest(facts: PageFacts) -> str:
    """A digest of one page's facts by value, leaving out the hash of the page's bytes.

    The model is a pure function of the page facts (and the code), so equal digests for every
    page mean an equal model: the run compares these instead of pickling the whole model each
    time (0.35 s on beta). The bytes' hash is left out so that an edit outside the tables and
    descriptions leaves the digest alone; resolve uses it only to order pages with the same
    path, which one run never has. Pickled in "fast" mode (no memo), so the bytes depend on
    the values only, not on which strings happen to be shared objects.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(dataclasses.replace(facts, sha256=""))
    return hashlib.sha256(buffer.getvalue()).hexdigest()


@dataclass(frozen=True)
class RunRecord:
    """What the last generate produced for one run key."""

    run_key: str
    inputs: tuple[tuple[str, str], ...]  # every source file: (path, sha256 of its bytes)
    includes: tuple[tuple[str, str | None], ...]  # every included file: (path, sha256 or None)
    model_key: str  # the model it emitted (pickled, hashed with the options and code)
    out: str  # the absolute output directory it wrote
    hashes: Mapping[str, str]  # generated path → sha256 (the MANIFEST)
    stamps: Mapping[str, FileStamp]  # generated path → (size, mtime_ns) right after writing
    diagnostics: tuple[Diagnostic, ...]
    pages: int
    types: int
    enums: int
    model_diagnostics: tuple[Diagnostic, ...] = ()  # resolve's, reused when the model is


class RecordingMemo(MutableMapping[str, str]):
    """The emitters' memo; remembers which entries this run used so the saved memo stays small."""

    def __init__(self, entries: dict[str, str]) -> None:
        self._entries = entries
        self._used: set[str] = set()
        self._written: set[str] = set()
        self.changed = False

    def __getitem__(self, key: str) -> str:
        value = self._entries[key]
        self._used.add(key)
        return value

    def __setitem__(self, key: str, value: str) -> None:
        self._entries[key] = value
        self._used.add(key)
        self._written.add(key)
        self.changed = True

    def __delitem__(self, key: str) -> None:
        del self._entries[key]
        self._used.discard(key)
        self.changed = True

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def used_entries(self) -> dict[str, str]:
        return {k: v for k, v in self._entries.items() if k in self._used}

    def fresh_view(self) -> RecordingMemo:
        """A memo over the same entries that records only its own use: an emitter in a forked
        process works on one, and the parent ``merge``s its ``delta``."""
        return RecordingMemo(self._entries)

    def delta(self) -> MemoDelta:
        """What this memo's users added (key → value) and which keys they used."""
        return MemoDelta({k: self._entries[k] for k in sorted(self._written)
                          if k in self._entries}, frozenset(self._used))

    def merge(self, delta: MemoDelta) -> None:
        for key, value in delta.written.items():
            self[key] = value
        self._used.update(k for k in delta.used if k in self._entries)


@dataclass(frozen=True)
class MemoDelta:
    written: dict[str, str]
    used: frozenset[str]


class Cache:
    """One run's view of the cache. ``enabled=False`` (``--no-cache``) reads and writes nothing."""

    def __init__(self, cache_dir: Path, *, enabled: bool = True, writable: bool = True) -> None:
        self.root = cache_dir
        self.enabled = enabled
        self.writable = enabled and writable
        self.directory = cache_dir / __version__ / code_key()
        self.diagnostics: list[Diagnostic] = []
        self.digests: dict[str, str] = {}  # page key → facts_digest, as load_pages found them
        self._loaded_pages: dict[str, PageFacts] | None = None

    # -- reading ------------------------------------------------------------------------------

    def load_pages(self) -> dict[str, PageFacts]:
        """Page key → facts; ``self.digests`` gets each one's ``facts_digest``."""
        pages: dict[str, PageFacts] = {}
        for shard in _SHARDS:
            payload = self._load(f"pages-{shard}.pickle")
            if isinstance(payload, dict):
                for key, value in payload.items():
                    if (isinstance(key, str) and key[:1] == shard and isinstance(value, tuple)
                            and len(value) == 2 and isinstance(value[0], PageFacts)
                            and isinstance(value[1], str)):
                        pages[key], self.digests[key] = value
        self._loaded_pages = dict(pages)
        return pages

    def load_memo(self) -> RecordingMemo:
        payload = self._load("memo.pickle")
        entries = payload if isinstance(payload, dict) else {}
        return RecordingMemo({k: v for k, v in entries.items()
                              if isinstance(k, str) and isinstance(v, str)})

    def load_run(self, options_key: str) -> RunRecord | None:
        payload = self._load(f"run-{options_key}.pickle")
        return payload if isinstance(payload, RunRecord) else None

    def _load(self, name: str) -> Any:
        path = self.directory / name
        if not self.enabled or not path.is_file():
            return None
        try:
            with path.open("rb") as stream, gc_paused():
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

    # -- writing ------------------------------------------------------------------------------

    def save_pages(self, pages: Mapping[str, PageFacts],
                   digests: Mapping[str, str] | None = None) -> None:
        """Rewrite only the shards whose keys differ from what ``load_pages`` found. Each page
        is kept with its ``facts_digest`` (from ``digests``, else computed)."""
        before = self._loaded_pages
        known = {**self.digests, **(digests or {})}
        for shard in _SHARDS:
            keys = {k for k in pages if k[:1] == shard}
            if before is None or keys != {k for k in before if k[:1] == shard}:
                self._save(f"pages-{shard}.pickle", {
                    k: (pages[k], known.get(k) or facts_digest(pages[k])) for k in sorted(keys)})

    def save_memo(self, memo: RecordingMemo) -> None:
        entries = memo.used_entries()
        if memo.changed or len(entries) != len(memo):
            self._save("memo.pickle", entries)

    def save_run(self, options_key: str, record: RunRecord) -> None:
        self._save(f"run-{options_key}.pickle", record)

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
            self.writable = False
            self.diagnostics.append(Diagnostic.at(SourceLocation(self.root.as_posix()), "DS902",
                                                  f"cache not saved: {error}"))

    def _prepare(self) -> None:
        """Create the directory, mark it ignored, prune other versions and fingerprints."""
        if self.directory.is_dir():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by docschema automatically.\n*\n", encoding="utf-8")
        for stale in (*self.root.iterdir(), *self.directory.parent.iterdir()):
            keep = stale in (self.directory, self.directory.parent, ignore)
            if not keep and stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
