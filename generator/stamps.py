"""File stamps: what a run remembers of a file to know, with one ``stat``, that it is unchanged."""

from __future__ import annotations

import os

# (size, mtime_ns, inode): what changes when a file is written or replaced. Trusted as black
# and make trust mtimes: a file rewritten with the same size within the clock's resolution
# and in place would go unnoticed.
FileStamp = tuple[int, int, int]


def file_stamp(path: str) -> FileStamp | None:
    """The stamp of the file at ``path`` (symlinks followed), None when there is none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino
