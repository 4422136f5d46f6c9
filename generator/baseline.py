"""The baseline: findings a docs team has accepted, so that lint fails only on new ones.

A finding's fingerprint is its code, its file, its subject (type and member) and its message
with line numbers and the working directory taken out: moving lines or editing elsewhere in the
page leaves it as it was. The file holds one entry per fingerprint with a count (a page may
repeat a finding); entries are sorted, so the file diffs well and is byte-stable.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.model import Diagnostic
from generator.options import ConfigError

VERSION = 1
FINGERPRINT_KEY = "docschemaFingerprint/v1"  # SARIF partialFingerprints key
_LINE_NUMBERS = re.compile(r"\b(lines?) \d+(?:\s*(?:-|–|to|and)\s*\d+)?|(\.md):\d+(?::\d+)?")


def display_path(path: str) -> str:
    """A finding's path as a baseline keys it: relative to the working directory when under
    it, posix separators."""
    return _display_path(path, os.getcwd())


@functools.lru_cache(maxsize=8192)
def _display_path(path: str, cwd: str) -> str:
    if os.path.isabs(path):
        try:
            return Path(path).resolve().relative_to(Path(cwd).resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()
    return Path(path).as_posix()


def normalise_message(message: str) -> str:
    """The message without line numbers (``line 51``, ``x.md:37``) or the working directory."""
    return _normalise(message, os.getcwd())


@functools.lru_cache(maxsize=16384)
def _normalise(message: str, cwd: str) -> str:
    message = message.replace(cwd.replace(os.sep, "/").rstrip("/") + "/", "")
    return _LINE_NUMBERS.sub(lambda m: f"{m.group(1)} #" if m.group(1) else f"{m.group(2)}:#",
                             message)


def subject_text(d: Diagnostic) -> str:
    if d.subject is None:
        return ""
    return d.subject.type + (f"#{d.subject.member}" if d.subject.member else "")


def fingerprint(d: Diagnostic) -> str:
    key = "\0".join((d.code, display_path(d.path), subject_text(d),
                     normalise_message(d.message)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    code: str
    path: str
    subject: str
    message: str
    count: int = 1

    def as_json(self) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, "code": self.code, "path": self.path,
                "subject": self.subject, "message": self.message, "count": self.count}


def entries_of(diagnostics: Iterable[Diagnostic]) -> list[Entry]:
    counts: Counter[str] = Counter()
    first: dict[str, Diagnostic] = {}
    for d in diagnostics:
        key = fingerprint(d)
        counts[key] += 1
        first.setdefault(key, d)
    entries = [Entry(key, d.code, display_path(d.path), subject_text(d),
                     normalise_message(d.message), counts[key]) for key, d in first.items()]
    return sorted(entries, key=lambda e: (e.path, e.code, e.subject, e.message))


def dumps(diagnostics: Iterable[Diagnostic]) -> str:
    entries = [e.as_json() for e in entries_of(diagnostics)]
    document = {"version": VERSION, "tool": "docschema", "findings": entries}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write(path: Path, diagnostics: Iterable[Diagnostic]) -> int:
    """Write the baseline atomically; the number of entries."""
    text = dumps(diagnostics)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return text.count('"fingerprint"')


def load(path: Path) -> list[Entry]:
    """The entries of a baseline file; ConfigError (exit 2) when it cannot be read."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(f"{path}: no baseline file (write one with --update-baseline)") \
            from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: cannot read baseline: {error}") from error
    if not isinstance(document, dict) or document.get("version") != VERSION \
            or not isinstance(document.get("findings"), list):
        raise ConfigError(f"{path}: not a docschema baseline (version {VERSION})")
    try:
        return [Entry(str(e["fingerprint"]), str(e["code"]), str(e["path"]),
                      str(e.get("subject", "")), str(e.get("message", "")),
                      int(e.get("count", 1))) for e in document["findings"]]
    except (KeyError, TypeError, ValueError) as error:
        raise ConfigError(f"{path}: malformed baseline entry: {error}") from error


@dataclass(frozen=True)
class Comparison:
    new: tuple[Diagnostic, ...]
    unchanged: tuple[Diagnostic, ...]
    fixed: tuple[Entry, ...]  # in the baseline, no longer found (count: how many went)


def compare(diagnostics: Sequence[Diagnostic], entries: Iterable[Entry]) -> Comparison:
    """Split findings into new and baselined; baseline entries not found are fixed. A
    fingerprint found more often than the baseline counts it is new for the later ones."""
    entries = list(entries)
    allowance = Counter({e.fingerprint: e.count for e in entries})
    known = {e.fingerprint: e for e in entries}
    new: list[Diagnostic] = []
    unchanged: list[Diagnostic] = []
    for d in diagnostics:
        key = fingerprint(d)
        if allowance[key] > 0:
            allowance[key] -= 1
            unchanged.append(d)
        else:
            new.append(d)
    fixed = [_with_count(known[key], left) for key, left in allowance.items() if left > 0]
    fixed.sort(key=lambda e: (e.path, e.code, e.subject, e.message))
    return Comparison(tuple(new), tuple(unchanged), tuple(fixed))


def _with_count(entry: Entry, count: int) -> Entry:
    return Entry(entry.fingerprint, entry.code, entry.path, entry.subject, entry.message, count)
