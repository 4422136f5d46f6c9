"""Stage 2: one page → PageFacts. Pure: no file system, no knowledge of other pages."""

from __future__ import annotations

from generator.model import PageFacts
from generator.read import SourceFile


def parse_page(source: SourceFile) -> PageFacts:
    """Never raises for bad input: every irregularity becomes a diagnostic in the facts."""
    raise NotImplementedError
