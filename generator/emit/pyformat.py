"""Black as a library: the CLI's default mode, memoised by the hash of the unformatted text.

Black dominates a cold run over thousands of modules, so results are kept in the pipeline's
persistent ``memo`` (an unchanged module is never formatted twice) and the misses of a large
run are spread over a process pool.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from collections.abc import Mapping, MutableMapping, Sequence
from concurrent.futures import ProcessPoolExecutor

import black

# The black CLI's default: line length 88, target versions inferred per file, magic trailing
# comma honoured, string normalisation on.
MODE = black.Mode()
_KEY_PREFIX = f"black:{importlib.metadata.version('black')}:{MODE.get_cache_key()}:"
# Below this many modules to format, starting worker processes costs more than it saves.
POOL_THRESHOLD = 64


def memo_key(source: str) -> str:
    return _KEY_PREFIX + hashlib.sha256(source.encode("utf-8")).hexdigest()


def format_source(source: str) -> str:
    """``source`` as the black CLI would write it (unchanged when already formatted)."""
    return black.format_str(source, mode=MODE)


def worker_count(jobs: int, pending: int) -> int:
    """Processes to use for ``pending`` modules; ``jobs`` 0 means "as many as pays off"."""
    if pending < POOL_THRESHOLD:
        return 1
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    limit = jobs if jobs > 0 else (available or 1)
    return max(1, min(limit, pending // POOL_THRESHOLD))


def format_sources(
    sources: Mapping[str, str], memo: MutableMapping[str, str], jobs: int = 0
) -> dict[str, str]:
    """Format every source (path → text); results keyed like ``sources``, order preserved."""
    keys = {path: memo_key(text) for path, text in sources.items()}
    misses = {keys[path]: text for path, text in sources.items() if keys[path] not in memo}
    pending = sorted(misses.items())
    workers = worker_count(jobs, len(pending))
    texts = [text for _, text in pending]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            formatted = list(pool.map(format_source, texts, chunksize=16))
    else:
        formatted = [format_source(text) for text in texts]
    for (key, _), result in zip(pending, formatted, strict=True):
        memo[key] = result
    return {path: memo[keys[path]] for path in sources}


class BlackLayout:
    """Black's own layout for the few statement shapes the Python templates emit.

    Text that is already black-formatted formats about twice as fast, so the templates call
    these (as ``layout.<name>(...)``) instead of writing long lines for black to split. A shape
    they do not cover stays on one line and black splits it; correctness never depends on them.
    Each returns the statement's lines joined by newlines, without a final newline.
    """

    line_length = 88

    def fits(self, line: str) -> bool:
        return len(line) <= self.line_length

    def call(self, head: str, args: Sequence[str], indent: str = "") -> str:
        """``head`` ends with the opening bracket: ``name = f(``."""
        one_line = f"{indent}{head}{', '.join(args)})"
        middle = f"{indent}    {', '.join(args)}"
        if self.fits(one_line) or not self.fits(indent + head):
            return one_line
        if self.fits(middle):
            return f"{indent}{head}\n{middle}\n{indent})"
        exploded = "".join(f"{indent}    {arg},\n" for arg in args)
        return f"{indent}{head}\n{exploded}{indent})"

    def assign_call(
        self, name: str, annotation: str, function: str, args: Sequence[str], indent: str
    ) -> str:
        """``name: annotation = function(args)``.

        When even ``... = function(`` is too long, black wraps the right-hand side in
        parentheses if ``... = (`` fits, and otherwise the annotation.
        """
        target = f"{name}: {annotation}"
        head = f"{target} = {function}("
        if self.fits(f"{indent}{head}{', '.join(args)})") or self.fits(indent + head):
            return self.call(head, args, indent)
        if self.fits(f"{indent}{target} = ("):
            inner = self.call(f"{function}(", args, indent + "    ")
            return f"{indent}{target} = (\n{inner}\n{indent})"
        if self.fits(f"{indent}    {annotation}"):
            rest = self.call(f") = {function}(", args, indent)
            return f"{indent}{name}: (\n{indent}    {annotation}\n{rest}"
        return self.call(head, args, indent)

    def class_header(self, name: str, base: str) -> str:
        one_line = f"class {name}({base}):"
        return one_line if self.fits(one_line) else f"class {name}(\n    {base}\n):"

    def from_import(self, module: str, imported: str, indent: str = "") -> str:
        one_line = f"{indent}from {module} import {imported}"
        if self.fits(one_line):
            return one_line
        return f"{indent}from {module} import (\n{indent}    {imported},\n{indent})"

    def constant(self, target: str, value: str, indent: str = "") -> str:
        """``target = value`` where value is an atom (a string literal).

        Too long, it goes in parentheses on its own line if it fits there, or whatever its
        length when the target holds brackets (black then prefers splitting the right side).
        """
        one_line = f"{indent}{target} = {value}"
        if self.fits(one_line) or not (self.fits(f"{indent}    {value}") or "[" in target):
            return one_line
        return f"{indent}{target} = (\n{indent}    {value}\n{indent})"


LAYOUT = BlackLayout()
