"""Stage 3: all pages' facts → the Model (names, inheritance, enums, reconciliation)."""

from __future__ import annotations

from collections.abc import Sequence

from generator.model import Model, PageFacts


def resolve(pages: Sequence[PageFacts]) -> Model:
    """Deterministic whatever the order of ``pages``."""
    raise NotImplementedError
