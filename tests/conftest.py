"""Shared pytest fixtures for docschema tests."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only corpus directory beside the repo (`../shared`); skips when absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"shared corpus not found at {SHARED_DIR}")
    return SHARED_DIR


@pytest.fixture
def fixtures_dir() -> Path:
    """The directory of checked-in test fixtures (`tests/fixtures`)."""
    return FIXTURES_DIR
