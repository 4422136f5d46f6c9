"""Pausing Python's cyclic garbage collector around work that builds many long-lived objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Page facts and the model are ~10⁶ objects that all live on and hold few cycles: the
    collector's full scans over them while they are built cost several times the work itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
