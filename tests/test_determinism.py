"""Same input → byte-identical output, whatever the order of the sources, PYTHONHASHSEED or the
number of parser processes. Each run is a separate interpreter."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BETA = SHARED / "corpus" / "graph-docs-2021" / "api-reference" / "beta" / "resources"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def generate(sources: list[str], out: Path, seed: int, jobs: int, cwd: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    argv = [sys.executable, "-m", "generator", "generate", *sources, "--out", str(out),
            "--no-cache", "--quiet", "--jobs", str(jobs)]
    run = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def shuffled(items: list[str], seed: int) -> list[str]:
    items = list(items)
    random.Random(seed).shuffle(items)
    return items


@pytest.mark.slow
def test_specs_in_any_order_and_hash_seed_give_identical_trees(tmp_path: Path) -> None:
    pages = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "specs").rglob("*.md")
                   if p.name != "README.md")
    generate(shuffled(pages, 1), tmp_path / "a", seed=1, jobs=1, cwd=REPO)
    generate(shuffled(pages, 2), tmp_path / "b", seed=987654, jobs=2, cwd=REPO)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


@pytest.mark.slow
@pytest.mark.corpus
def test_corpus_pages_in_parallel_and_serially_give_identical_trees(tmp_path: Path) -> None:
    if not BETA.is_dir():
        pytest.skip(f"corpus not found at {BETA}")
    pages = sorted(p.name for p in BETA.glob("*.md"))[:400]  # enough to use the process pool
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in pages:
        (docs / name).write_bytes((BETA / name).read_bytes())
    generate(shuffled([f"docs/{n}" for n in pages], 3), tmp_path / "a", seed=5, jobs=1,
             cwd=tmp_path)
    generate(shuffled([f"docs/{n}" for n in pages], 4), tmp_path / "b", seed=6, jobs=2,
             cwd=tmp_path)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
