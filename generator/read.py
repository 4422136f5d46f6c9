"""Stage 1: find the source pages, read them, and resolve their includes.

Owned by the parse work; the signatures here are the contract the pipeline calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.model import Diagnostic


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


def find_sources(sources: tuple[Path, ...]) -> list[Path]:
    """Every ``*.md`` under the directories and every named file, sorted, without duplicates.

    Raises ``generator.options.ConfigError`` for a missing source or an empty directory.
    """
    raise NotImplementedError


def read_source(path: Path) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Read one page (never raises): None plus a DS001 diagnostic when it cannot be read."""
    raise NotImplementedError
