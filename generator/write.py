"""Stage 5: the only code that touches the output directory.

A run replaces the output directory as one unit, so a reader (or a run killed by SIGKILL)
only ever sees the old tree or the new one, never a mix:

1. Lock: ``flock`` on the output directory's *parent* (the output directory itself is
   swapped, so a lock on its inode or on a file inside it would not be shared by the next run).
2. Clean up what an earlier, killed run left beside it (``.<out>.docschema-new.*`` and
   ``.<out>.docschema-old.*``); if that run died between the two renames of the fallback swap
   below, put the old tree back.
3. Build the complete new tree in a sibling directory: changed files written, unchanged files
   and files docschema does not own hard-linked from the old tree, MANIFEST written last.
4. Swap the two directories with ``renameat2(RENAME_EXCHANGE)`` (Linux: atomic), or where that
   is unavailable with two renames (old → aside, new → out; step 2 rolls back a kill between
   them). Then delete the old tree.

``write_tree`` is the one entry point. Given a state directory (``Cache.writer_path``), the
writer keeps there what it needs of the output and nothing else travels: each file's sha256
and stamp (so an unchanged file is known by one ``stat``, and ``is_current`` is the no-op
test) and a spare tree. With the spare (on out/'s file system), step 3 brings the spare up to
date instead of building a tree from nothing, and step 4 keeps the old tree there for the
next run: a one-page edit replaces a few files in it rather than hard-linking ten thousand
into a new directory and deleting the old one. Every file of the spare is checked against
what the state says it held (sha256 and stamp, inode included) and replaced unless it
matches; a spare that cannot serve (another file system, files in the output docschema does
not own) is not used.

Only files listed in the old MANIFEST are ever removed. Nothing is touched when the output is
already what the run would write.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import hashlib
import os
import pickle
import shutil
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.stamps import FileStamp, file_stamp

MANIFEST = "MANIFEST"
_STATE_FILE = "state.pickle"
_SPARE_TREE = "tree"
_NEW_MARK = ".docschema-new."
_OLD_MARK = ".docschema-old."

Known = Mapping[str, tuple[str, FileStamp]]  # path → (sha256, stamp) a tree's file had
Planned = tuple[str, Callable[[], str]]  # a file to write: (sha256 of its text, make the text)


@dataclass(frozen=True)
class Spare:
    """The spare tree of one output directory: where it is and what it held when last seen."""

    path: Path
    known: Known


@dataclass(frozen=True)
class WriteResult:
    written: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    hashes: Mapping[str, str] = field(default_factory=dict)  # every generated file's sha256


@dataclass(frozen=True)
class _Outcome:
    result: WriteResult
    stamps: Mapping[str, FileStamp]  # of every generated file after the write
    spare: Known | None = None  # what the spare holds now (None: no spare is kept)


@dataclass(frozen=True)
class _State:
    """What the writer keeps of one output directory, in a directory of its own: what each
    file it wrote holds (sha256 and stamp) and what its spare tree holds."""

    out: Known
    spare: Known


def _load_state(state: Path | None) -> _State:
    try:
        if state is not None:
            with (state / _STATE_FILE).open("rb") as stream:
                found = pickle.load(stream)
            if isinstance(found, _State):
                return found
    except Exception:  # any failure to unpickle: the writer reads the files instead
        pass
    return _State({}, {})


def _save_state(state: Path, kept: _State) -> None:
    with contextlib.suppress(OSError):
        state.mkdir(parents=True, exist_ok=True)
        temp = state / f".{_STATE_FILE}.{os.urandom(6).hex()}"
        temp.write_bytes(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temp, state / _STATE_FILE)


@dataclass(frozen=True)
class Comparison:
    """How the output directory differs from what a run would write."""

    missing: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def manifest_text(hashes: Mapping[str, str]) -> str:
    """``sha256sum`` format, sorted by path: ``cd out && sha256sum -c MANIFEST`` checks it."""
    return "".join(f"{digest}  {path}\n" for path, digest in sorted(hashes.items()))


def parse_manifest(text: str) -> dict[str, str]:
    """Path → sha256 for every well-formed line; anything else is ignored, never trusted."""
    entries: dict[str, str] = {}
    for line in text.splitlines():
        digest, sep, path = line.partition("  ")
        if sep and len(digest) == 64 and _is_safe_relpath(path):
            entries[path] = digest
    return entries


def read_manifest(out: Path) -> dict[str, str]:
    try:
        return parse_manifest((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


def validate_relpath(path: str) -> None:
    """Raise ValueError unless ``path`` is a plain relative posix path docschema may own."""
    if not _is_safe_relpath(path) or path == MANIFEST:
        raise ValueError(f"refusing to write output path {path!r}")


def _is_safe_relpath(path: str) -> bool:
    """Not empty, not absolute, no backslash or line break, no "", "." or ".." part."""
    wrapped = f"/{path}/"
    return (bool(path) and "\\" not in path and "\n" not in path and "//" not in wrapped
            and "/./" not in wrapped and "/../" not in wrapped)


# --------------------------------------------------------------------------------------------
# Reading the output directory: is it current? how does it differ?
# --------------------------------------------------------------------------------------------


def stamps(out: Path, paths: Iterator[str] | list[str]) -> dict[str, FileStamp]:
    found: dict[str, FileStamp] = {}
    root = os.fspath(out)
    for path in paths:
        stamp = file_stamp(_under(root, path))
        if stamp is not None:
            found[path] = stamp
    return found


def is_current(out: Path, hashes: Mapping[str, str], state: Path | None) -> bool:
    """Cheap no-op test: MANIFEST as expected and every file untouched since the writer, which
    keeps its stamps in ``state``, wrote it."""
    try:
        manifest = (out / MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    known = _load_state(state).out
    if manifest != manifest_text(hashes) or set(known) != set(hashes) or any(
            known[p][0] != digest for p, digest in hashes.items()):
        return False
    return stamps(out, list(hashes)) == {p: stamp for p, (_, stamp) in known.items()}


def compare_tree(out: Path, hashes: Mapping[str, str]) -> Comparison:
    """Compare file contents (not stamps) with ``hashes``; extra = in old MANIFEST, not wanted."""
    missing, stale = [], []
    for path, digest in sorted(hashes.items()):
        try:
            actual = hashlib.sha256((out / path).read_bytes()).hexdigest()
        except FileNotFoundError:
            missing.append(path)
            continue
        except OSError:
            actual = ""
        if actual != digest:
            stale.append(path)
    extra = sorted(set(read_manifest(out)) - set(hashes))
    try:
        manifest_ok = (out / MANIFEST).read_text(encoding="utf-8") == manifest_text(hashes)
    except (OSError, UnicodeDecodeError):
        manifest_ok = False
    if not manifest_ok:
        (stale if (out / MANIFEST).exists() else missing).append(MANIFEST)
    return Comparison(tuple(sorted(missing)), tuple(sorted(stale)), tuple(extra))


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def write_tree(out: Path, files: Mapping[str, Planned], state: Path | None = None
               ) -> WriteResult:
    """Make ``out`` hold exactly ``files`` (plus files docschema does not own), atomically.

    Each file is (sha256 of its text, how to make the text): a text is made only if it is
    written. ``state``: a directory the writer keeps for this output (on its file system, for
    the spare tree): what the files it wrote hold and its spare tree; None keeps nothing (the
    old files are read to be compared).
    """
    kept = _load_state(state)
    spare = Spare(state / _SPARE_TREE, kept.spare) if state is not None else None
    outcome = _write(out, files, kept.out, spare)
    if state is not None:
        _save_state(state, _State({p: (outcome.result.hashes[p], stamp)
                                   for p, stamp in outcome.stamps.items()},
                                  outcome.spare or {}))
    return outcome.result


def _write(out: Path, files: Mapping[str, Planned], known: Known | None,
           spare: Spare | None) -> _Outcome:
    """``write_tree`` with what the writer knows of ``out``.

    ``known`` (path → sha256 and stamp, from the last run) saves reading a file whose stamp
    shows it untouched since: its content is the known one. ``spare``: the tree to bring up to
    date and swap in; it then holds the old tree, and ``_Outcome.spare`` says what of it.
    """
    for path in files:
        validate_relpath(path)
    out = _resolve_out(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = _Encoded({path: make for path, (_, make) in files.items()})
    hashes = {path: digest for path, (digest, _) in files.items()}
    manifest = manifest_text(hashes).encode("utf-8")
    if spare is not None and not _same_file_system(spare.path, out.parent):
        spare = None
    with _locked(out.parent):
        recover(out)
        root = os.fspath(out)
        old_manifest = read_manifest(out)
        old = _old_files(root, files, known)
        written = tuple(sorted(p for p in files if p not in old or old[p][0] != hashes[p]))
        removed = tuple(sorted(set(old_manifest) - set(data)))
        unchanged = tuple(sorted(set(data) - set(written)))
        result = functools.partial(_Outcome, WriteResult(written, unchanged, removed, hashes))
        if not (written or removed or not _same_bytes(os.path.join(root, MANIFEST), manifest)):
            new_stamps = _stamps_of(out, data, old)
            return result(stamps=new_stamps, spare=_spare_of_unchanged(out, spare, hashes,
                                                                       new_stamps))
        if spare is None:
            _swap_into_place(_build_new_tree(out, data, set(written), set(removed), manifest),
                             out, None)
            return result(stamps=stamps(out, sorted(data)))
        if not out.is_dir():  # a first tree: its spare starts as a hard-linked copy of it
            _swap_into_place(_build_new_tree(out, data, set(written), set(), manifest), out,
                             None)
            new_stamps = stamps(out, sorted(data))
            return result(stamps=new_stamps, spare=_first_spare(out, spare, hashes, new_stamps))
        refreshed = _refresh_spare(spare, out, data, hashes, manifest, old_manifest, old)
        if refreshed is None:
            staged = _build_new_tree(out, data, set(written), set(removed), manifest)
            kept = _swap_into_place(staged, out, spare.path)
            return result(stamps=stamps(out, sorted(data)), spare=old if kept else None)
        _swap_into_place(spare.path, out, spare.path)
        return result(stamps=refreshed, spare=old)


def _spare_of_unchanged(out: Path, spare: Spare | None, hashes: Mapping[str, str],
                        out_stamps: Mapping[str, FileStamp]) -> Known | None:
    """What the spare holds after a run that changed nothing: as before, or, when there was
    none (a new cache), a copy of out/ for the next change."""
    if spare is None:
        return None
    if spare.path.is_dir() or _files_in(os.fspath(out)) is None:
        return spare.known
    return _first_spare(out, spare, hashes, out_stamps) or spare.known


def _first_spare(out: Path, spare: Spare, hashes: Mapping[str, str],
                 out_stamps: Mapping[str, FileStamp]) -> Known | None:
    """A spare made as a hard-linked copy of out/ (its files share out/'s stamps)."""
    if not _link_copy(out, spare.path):
        return None
    return {p: (hashes[p], stamp) for p, stamp in out_stamps.items()}


def _stamps_of(out: Path, paths: Iterable[str], known: Known) -> dict[str, FileStamp]:
    """The stamps of ``paths`` in ``out``, those ``known`` taken as they are."""
    found = {p: known[p][1] for p in paths if p in known}
    missing = [p for p in paths if p not in found]
    return {**found, **stamps(out, missing)} if missing else found


def recover(out: Path) -> None:
    """Undo what a killed run left beside ``out``. Call with the lock held."""
    leftovers = sorted(out.parent.glob(f".{out.name}.docschema-*"))
    olds = [p for p in leftovers if p.name.startswith(f".{out.name}{_OLD_MARK}")]
    if not out.exists() and olds:
        # Killed between the two renames of the fallback swap: the old tree goes back.
        os.rename(olds[0], out)
        leftovers.remove(olds[0])
    for path in leftovers:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def _resolve_out(out: Path) -> Path:
    out = Path(os.path.abspath(out))
    return out.resolve() if out.is_symlink() else out


def _old_files(root: str, paths: Iterable[str],
               known: Known | None) -> dict[str, tuple[str, FileStamp]]:
    """What the old file at each path holds (sha256, stamp), where there is one: as ``known``
    says when its stamp is the known one, else read."""
    found: dict[str, tuple[str, FileStamp]] = {}
    for path in paths:
        full = _under(root, path)
        stamp = file_stamp(full)
        if stamp is None:
            continue
        if known is not None and path in known and known[path][1] == stamp:
            found[path] = (known[path][0], stamp)
            continue
        try:
            with open(full, "rb") as stream:
                found[path] = (hashlib.sha256(stream.read()).hexdigest(), stamp)
        except OSError:
            continue
    return found


class _Encoded(Mapping[str, bytes]):
    """The UTF-8 bytes of each text, made and encoded when first asked for."""

    def __init__(self, texts: Mapping[str, Callable[[], str]]) -> None:
        self.texts = texts
        self.done: dict[str, bytes] = {}

    def __getitem__(self, path: str) -> bytes:
        found = self.done.get(path)
        if found is None:
            found = self.done[path] = self.texts[path]().encode("utf-8")
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)


def _same_bytes(path: str, data: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as stream:
            return stream.read() == data
    except OSError:
        return False


def _build_new_tree(out: Path, data: Mapping[str, bytes], changed: set[str], removed: set[str],
                    manifest: bytes) -> Path:
    staged = out.parent / f".{out.name}{_NEW_MARK}{os.urandom(6).hex()}"
    staged.mkdir()
    made = {""}
    if out.is_dir():
        os.chmod(staged, stat.S_IMODE(os.stat(out).st_mode))  # the swap keeps out/'s mode
        _link_old_files(os.fspath(out), os.fspath(staged), changed | removed | {MANIFEST}, made)
    for path in sorted(changed):
        _make_parent(os.fspath(staged), path, made)
        _write_new_file(_under(os.fspath(staged), path), data[path])
    _write_new_file(os.fspath(staged / MANIFEST), manifest)
    return staged


def _write_new_file(path: str, data: bytes) -> None:
    """Create ``path`` with ``data``. A cold run writes ~10,000 files: plain os calls skip the
    buffered file object that ``open`` builds around each (a third of the time per file)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _make_parent(root: str, path: str, made: set[str]) -> None:
    parent = path.rpartition("/")[0]
    if parent not in made:
        os.makedirs(os.path.join(root, parent), exist_ok=True)
        made.add(parent)


def _link_old_files(old: str, new: str, skip: set[str], made: set[str]) -> None:
    """Carry every old file over by hard link (same inode, same mtime), except ``skip``.

    A one-page edit links ~9,400 files, so this walks with scandir (no stat per file) and
    joins paths by hand.
    """
    pending = [""]
    while pending:
        prefix = pending.pop()
        with os.scandir(_under(old, prefix) if prefix else old) as found:
            entries = list(found)
        if not entries and prefix:
            _make_parent(new, prefix, made)  # keep a user's empty directory
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append(rel + "/")
                continue
            if rel in skip:
                continue
            target = _under(new, rel)
            _make_parent(new, rel, made)
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), target)
                continue
            try:
                os.link(entry.path, target)
            except OSError:
                shutil.copy2(entry.path, target)


def _under(root: str, relpath: str) -> str:
    """``root``/``relpath`` for a validated posix relative path (os.path.join is 3× slower)."""
    return f"{root}/{relpath}"


def _swap_into_place(staged: Path, out: Path, keep: Path | None) -> bool:
    """Put ``staged`` at ``out``; the old tree is deleted, or with ``keep`` moved there.
    Whether the old tree is at ``keep`` now (a spare that cannot be kept costs speed only)."""
    if not out.exists():
        os.rename(staged, out)
        return False
    if _exchange(staged, out):
        old = staged
    else:
        old = out.parent / f".{out.name}{_OLD_MARK}{os.urandom(6).hex()}"
        os.rename(out, old)
        os.rename(staged, out)
    if keep is None:
        shutil.rmtree(old)
        return False
    if old != keep:
        try:
            if keep.exists():
                shutil.rmtree(keep)
            keep.parent.mkdir(parents=True, exist_ok=True)
            os.rename(old, keep)
        except OSError:
            shutil.rmtree(old, ignore_errors=True)
            return False
    return True


# --------------------------------------------------------------------------------------------
# The spare tree
# --------------------------------------------------------------------------------------------


def _same_file_system(spare: Path, out_parent: Path) -> bool:
    """Whether a tree at ``spare`` can be renamed to and from beside ``out``."""
    anchor = spare.parent
    while not anchor.exists() and anchor != anchor.parent:
        anchor = anchor.parent
    try:
        return os.stat(anchor).st_dev == os.stat(out_parent).st_dev
    except OSError:
        return False


def _link_copy(out: Path, spare: Path) -> bool:
    """Make ``spare`` a hard-linked copy of ``out``; False (and no spare) when it cannot be."""
    try:
        if spare.exists():
            shutil.rmtree(spare)
        spare.mkdir(parents=True)
        os.chmod(spare, stat.S_IMODE(os.stat(out).st_mode))
        _link_old_files(os.fspath(out), os.fspath(spare), set(), {""})
    except OSError:
        shutil.rmtree(spare, ignore_errors=True)
        return False
    return True


def _refresh_spare(spare: Spare, out: Path, data: Mapping[str, bytes], hashes: Mapping[str, str],
                   manifest: bytes, old_manifest: Mapping[str, str],
                   old: Known) -> dict[str, FileStamp] | None:
    """Make the spare hold the new tree: a file is kept when it is the output's own file
    (hard-linked: the same inode, whose content ``old`` knows) or when it is as ``spare.known``
    says, in both cases with the new content; any other is replaced (a new inode: a file
    hard-linked into the output is never written in place), files not wanted are removed.
    Its files' stamps, or None when the spare cannot serve: there is none, or the output holds
    things docschema does not own (which the full build carries over), or the spare cannot be
    changed."""
    root = os.fspath(spare.path)
    if spare.path.is_symlink() or not spare.path.is_dir():
        return None
    out_files = _files_in(os.fspath(out))
    if out_files is None or not out_files.keys() <= {*old_manifest, MANIFEST}:
        return None
    try:
        present = _files_in(root, prune_empty=True)
        if present is None:
            return None
        refreshed: dict[str, FileStamp] = {}
        made = {""}
        for path in sorted(data):
            kept = _kept_in_spare(root, path, hashes[path], present, out_files, old,
                                  spare.known)
            if kept is not None:
                refreshed[path] = kept
                continue
            _make_parent(root, path, made)
            mine = old.get(path)
            if mine is not None and mine[0] == hashes[path]:  # out/ holds it: link, no text
                _replace_by_link(_under(os.fspath(out), path), _under(root, path))
                refreshed[path] = mine[1]
            else:
                _replace_file(_under(root, path), data[path])
        for path in sorted(present.keys() - set(data) - {MANIFEST}):
            os.unlink(_under(root, path))
            _remove_empty_parents(root, path)
        _replace_file(_under(root, MANIFEST), manifest)
        os.chmod(root, stat.S_IMODE(os.stat(out).st_mode))
    except OSError:
        return None
    missing = [p for p in data if p not in refreshed]
    refreshed.update(stamps(spare.path, missing))
    return refreshed if len(refreshed) == len(data) else None


def _kept_in_spare(root: str, path: str, digest: str, present: Mapping[str, int],
                   out_files: Mapping[str, int], old: Known, known: Known) -> FileStamp | None:
    """The stamp of the spare's file at ``path`` when it holds ``digest``, else None."""
    if path not in present:
        return None
    mine = old.get(path)
    if mine is not None and present[path] == out_files.get(path) == mine[1][2]:
        return mine[1] if mine[0] == digest else None  # out's own file: its stamp is known
    expected = known.get(path)
    if expected is None or expected[0] != digest:
        return None
    stamp = file_stamp(_under(root, path))
    return stamp if stamp == expected[1] else None


def _files_in(root: str, *, prune_empty: bool = False) -> dict[str, int] | None:
    """Every file below ``root`` (relative posix path → inode, as the listing gives it, with
    no ``stat``); None when there is anything else (a symlink, an empty directory unless
    ``prune_empty`` removes it, something unreadable)."""
    found: dict[str, int] = {}
    pending = [""]
    try:
        while pending:
            prefix = pending.pop()
            with os.scandir(_under(root, prefix) if prefix else root) as listing:
                entries = list(listing)
            if not entries and prefix:
                if not prune_empty:
                    return None
                os.rmdir(_under(root, prefix.rstrip("/")))
            for entry in entries:
                if entry.is_symlink():
                    return None
                if entry.is_dir():
                    pending.append(f"{prefix}{entry.name}/")
                else:
                    found[prefix + entry.name] = entry.inode()
    except OSError:
        return None
    return found


def _replace_by_link(source: str, path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    os.link(source, path)


def _replace_file(path: str, data: bytes) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    _write_new_file(path, data)


def _remove_empty_parents(root: str, path: str) -> None:
    parent = path.rpartition("/")[0]
    while parent:
        try:
            os.rmdir(_under(root, parent))
        except OSError:
            return
        parent = parent.rpartition("/")[0]


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where that is unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Block until no other docschema run writes into ``directory``."""
    if sys.platform == "win32":  # pragma: no cover - no flock; runs are not serialised there
        yield
        return
    import fcntl

    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock (so does the kernel when a run is killed)
