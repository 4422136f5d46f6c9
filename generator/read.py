"""Stage 1: find the source pages, read them, and resolve their includes.

``read_changed`` reads only what changed since an earlier run: it keeps each file's
``PageRead`` (its hash, stamp, page key, includes and findings), and a file whose stamp and
whose includes' stamps are as they were is not read again.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import posixpath
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.model import Diagnostic, SourceLocation
from generator.options import ConfigError
from generator.stamps import FileStamp, file_stamp

PAGE_SUFFIX = ".md"
SKIPPED_NAMES = frozenset({"readme.md"})

#: ``[!INCLUDE [label](../../includes/x.md)]`` (docfx); the target is group "href".
INCLUDE_LINE = re.compile(r"\[!INCLUDE\s*\[[^\]]*\]\(\s*(?P<href>[^)\s]+)\s*\)\s*\]", re.IGNORECASE)
INCLUDE_MARK = "[!"  # in every match of INCLUDE_LINE: lines without it are skipped
INCLUDES_DIR = "includes"


@dataclass(frozen=True)
class Include:
    line: int  # 1-based line of the [!INCLUDE] in the page
    target: str  # normalised path of the included file
    text: str | None  # None: the file does not exist (a DS003 diagnostic says so)


@dataclass(frozen=True)
class SourceFile:
    path: str  # display path: as given on the command line, posix separators
    text: str
    sha256: str  # of the raw bytes
    includes: tuple[Include, ...] = ()


def find_source_paths(sources: tuple[Path, ...]) -> list[str]:
    """Every ``*.md`` under the directories and every named file, sorted, without duplicates,
    as display paths (``Path.as_posix()``).

    Directories are scanned recursively (not into symlinked directories); ``README.md`` files
    found there are skipped (they describe a folder, they are not pages). A file named
    explicitly is always kept. Raises ``generator.options.ConfigError`` for a missing source
    or an empty directory.
    """
    found: set[str] = set()
    for source in sources:
        if source.is_dir():
            pages = list(_pages_under(source.as_posix()))
            if not pages:
                raise ConfigError(f"{source.as_posix()}: no {PAGE_SUFFIX} pages in this directory")
            found.update(pages)
        elif source.is_file():
            found.add(source.as_posix())
        else:
            raise ConfigError(f"{source.as_posix()}: no such file or directory")
    return sorted(found)


def _pages_under(root: str) -> Iterator[str]:
    """What ``Path(root).rglob("*.md")`` finds that is a file and no README, as display paths,
    from one ``scandir`` per directory (the listing tells a directory without a ``stat``)."""
    pending = ["" if root == "." else f"{root}/"]
    while pending:
        prefix = pending.pop()
        try:
            with os.scandir(prefix or ".") as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(f"{prefix}{entry.name}/")
            elif fnmatch.fnmatchcase(entry.name, f"*{PAGE_SUFFIX}") and entry.is_file() \
                    and entry.name.lower() not in SKIPPED_NAMES:
                yield prefix + entry.name


class IncludeCache:
    """What one run learns about includes, so each is resolved and read once, not per page.

    Keyed by (page directory, href) → resolved path, by path → is a file, by directory → is
    a directory (most includes a corpus misses are in folders it lacks, e.g. generated code
    snippets: one test answers for all of them), and by path → text.
    Meant for one run: a file created or changed meanwhile is not seen until the next run.
    """

    def __init__(self) -> None:
        self.resolved: dict[tuple[str, str], str | None] = {}
        self.is_file: dict[str, bool] = {}
        self.is_dir: dict[str, bool] = {}
        self.texts: dict[str, str | None] = {}

    def resolve(self, page: str, href: str) -> str | None:
        key = (posixpath.dirname(page), href)
        if key not in self.resolved:
            self.resolved[key] = resolve_include(page, href, self.file_exists)
        return self.resolved[key]

    def file_exists(self, path: str) -> bool:
        found = self.is_file.get(path)
        if found is None:
            directory = posixpath.dirname(path) or "."
            in_directory = self.is_dir.get(directory)
            if in_directory is None:
                in_directory = self.is_dir[directory] = os.path.isdir(directory)
            found = self.is_file[path] = in_directory and os.path.isfile(path)
        return found

    def text(self, path: str) -> str | None:
        if path not in self.texts:
            self.texts[path] = _read_text(path)
        return self.texts[path]


def page_key(source: SourceFile) -> str:
    """Everything one page's parse depends on: its path (in every location), bytes, includes."""
    digest = hashlib.sha256()
    for part in (source.path, source.sha256):
        digest.update(part.encode("utf-8") + b"\0")
    for include in source.includes:
        text = "\0missing" if include.text is None else include.text
        digest.update(f"{include.line}\0{include.target}\0{text}\0".encode())
    return digest.hexdigest()


# A file changed less than this before it was read may change again within its clock tick
# without its stamp changing (as "racily clean" files in git): the next run reads it again.
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class PageRead:
    """One source file as a run read it, kept for the next run."""

    path: str  # display path
    sha256: str  # of the raw bytes
    stamp: FileStamp | None  # None: not to be trusted (see RACY_NS)
    key: str  # page_key
    includes: tuple[tuple[str, bool], ...]  # each include's target and whether it was found
    diagnostics: tuple[Diagnostic, ...]

    @staticmethod
    def of(source: SourceFile, stamp: FileStamp | None,
           diagnostics: Iterable[Diagnostic]) -> PageRead:
        return PageRead(source.path, source.sha256, stamp, page_key(source),
                        tuple((i.target, i.text is not None) for i in source.includes),
                        tuple(diagnostics))


def _trusted(stamp: FileStamp | None, now: int) -> FileStamp | None:
    return stamp if stamp is not None and stamp[1] < now - RACY_NS else None


IncludeState = tuple[str | None, FileStamp | None]  # (sha256, stamp), both None: no such file


@dataclass(frozen=True)
class Reading:
    """Every source file of a run (sorted by path) and what had to be read to know it."""

    files: tuple[PageRead, ...]
    read: Mapping[str, SourceFile]  # display path → the files read this run
    includes: Mapping[str, IncludeState]  # every include target of every file

    @property
    def pages(self) -> list[PageRead]:
        """The files that are pages: those no other file includes with ``[!INCLUDE]``. An
        included snippet (``includes/beta-disclaimer.md``) is part of the pages that include
        it, not a page of its own."""
        included = {posixpath.normpath(target) for f in self.files
                    for target, found in f.includes if found}
        return [f for f in self.files if posixpath.normpath(f.path) not in included]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]


def read_changed(paths: Iterable[str], previous: Mapping[str, PageRead] | None = None,
                 includes: Mapping[str, IncludeState] | None = None
                 ) -> tuple[Reading, list[Diagnostic]]:
    """Each (display) path's ``PageRead``: ``previous``'s when the file's stamp and every
    include's state (``includes``, from the same earlier run) are unchanged, else from reading
    the file. The findings returned beside are the unreadable files' (DS001), which have no
    PageRead."""
    previous = previous or {}
    now = time.time_ns()
    states = _IncludeStates(includes or {}, now)
    cache = IncludeCache()
    files: list[PageRead] = []
    read: dict[str, SourceFile] = {}
    unreadable: list[Diagnostic] = []
    for display in paths:
        stamp = file_stamp(display)
        known = previous.get(display)
        if known is not None and known.stamp is not None and stamp == known.stamp and not any(
                states.changed(target) for target, _ in known.includes):
            files.append(known)
            continue
        source, diagnostics = read_source(Path(display), cache)
        if source is None:
            unreadable.extend(diagnostics)
            continue
        files.append(PageRead.of(source, _trusted(stamp, now), diagnostics))
        read[display] = source
    targets = sorted({target for f in files for target, _ in f.includes})
    return Reading(tuple(files), read, {t: states.now(t) for t in targets}), unreadable


class _IncludeStates:
    """Include targets' states now, against those of the earlier run (each looked up once)."""

    def __init__(self, before: Mapping[str, IncludeState], now: int) -> None:
        self.before = before
        self.now_ns = now
        self.found: dict[str, IncludeState] = {}

    def changed(self, target: str) -> bool:
        """Whether the include's bytes (or its existence) changed: a touched file with the
        same bytes is not a change."""
        return target not in self.before or self.now(target)[0] != self.before[target][0]

    def now(self, target: str) -> IncludeState:
        if target not in self.found:
            stamp = file_stamp(target)
            earlier = self.before.get(target)
            if stamp is None:
                state: IncludeState = (None, None)
            elif earlier is not None and earlier[1] is not None and earlier[1] == stamp:
                state = earlier
            else:
                try:
                    digest = hashlib.sha256(Path(target).read_bytes()).hexdigest()
                except OSError:
                    digest = None
                state = (digest, _trusted(stamp, self.now_ns)) if digest else (None, None)
            self.found[target] = state
        return self.found[target]


def read_source(path: Path, cache: IncludeCache | None = None,
                ) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Read one page (never raises): None plus a DS001 diagnostic when it cannot be read.

    Bytes that are not UTF-8 are replaced (DS002). ``[!INCLUDE]`` lines are resolved and read
    (see ``resolve_include``); a missing include gives ``Include(text=None)`` and DS003.
    ``cache``: share what is learnt about includes with the other pages of a run.
    """
    display = path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return None, [Diagnostic.at(SourceLocation(display), "DS001", f"cannot read: {reason}")]
    diagnostics: list[Diagnostic] = []
    text = _decode(raw, display, diagnostics)
    includes = tuple(_read_includes(display, text, diagnostics,
                                    IncludeCache() if cache is None else cache))
    digest = hashlib.sha256(raw).hexdigest()
    return SourceFile(display, text, digest, includes), diagnostics


def _decode(raw: bytes, display: str, diagnostics: list[Diagnostic]) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        diagnostics.append(Diagnostic.at(
            SourceLocation(display, line), "DS002",
            f"not valid UTF-8 (byte {raw[error.start]:#04x} at offset {error.start}); "
            "bad bytes replaced"))
        text = raw.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff")


def _read_includes(display: str, text: str, diagnostics: list[Diagnostic],
                   cache: IncludeCache) -> list[Include]:
    includes: list[Include] = []
    if INCLUDE_MARK not in text:
        return includes
    for number, line in enumerate(text.splitlines(), start=1):
        if INCLUDE_MARK not in line:
            continue
        for match in INCLUDE_LINE.finditer(line):
            href = match.group("href")
            target = cache.resolve(display, href)
            included = cache.text(target) if target is not None else None
            if target is None or included is None:
                target = target or _join(display, href)
                column = match.start() + 1
                diagnostics.append(Diagnostic.at(
                    SourceLocation(display, number, column), "DS003",
                    f"include {href!r} not found (looked for {target})"))
            includes.append(Include(number, target, included))
    return includes


def resolve_include(page: str, href: str,
                    is_file: Callable[[str], bool] | None = None) -> str | None:
    """The path of the file an include names, or None when there is none.

    First relative to the page, as written. The docs' build (docfx) also finds includes in the
    ``includes/`` folder of an enclosing directory, and many pages rely on it (pages under
    ``api-reference/beta/resources/`` write ``../../includes/x.md`` for the repository's
    top-level ``includes/x.md``); so when the relative path does not exist, the part of ``href``
    after its ``includes/`` segment is looked up in ``includes/`` of each enclosing directory,
    nearest first. It depends on the page's directory only. ``is_file``: how to test a path
    (default: the file system, each time).
    """
    exists = is_file or _is_file
    direct = _join(page, href)
    if exists(direct):
        return direct
    segments = href.split("/")
    if INCLUDES_DIR not in segments:
        return None
    tail = "/".join(segments[segments.index(INCLUDES_DIR) + 1:])
    directory = posixpath.dirname(page)
    while True:
        candidate = posixpath.join(directory, INCLUDES_DIR, tail) if directory else \
            posixpath.join(INCLUDES_DIR, tail)
        if exists(candidate):
            return posixpath.normpath(candidate)
        if directory in ("", "/", ".") or directory.endswith(".."):
            return None
        directory = posixpath.dirname(directory)


def _is_file(path: str) -> bool:
    return Path(path).is_file()


def _join(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


def _read_text(path: str) -> str | None:
    try:
        return Path(path).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None
