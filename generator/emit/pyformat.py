"""Black as a library: the CLI's default mode, memoised by the hash of the unformatted text.

Black dominates a cold run over thousands of modules, so results are kept in the pipeline's
persistent ``memo`` (an unchanged module is never formatted twice) and the misses of a large
run are spread over a process pool.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from collections.abc import Mapping, MutableMapping
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
