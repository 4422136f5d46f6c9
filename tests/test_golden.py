"""Golden record: generating specs/ reproduces the committed out/ byte for byte.

When an emitter or template changes on purpose, run ``docschema generate`` and commit out/:
the diff of out/ is the review of the change.
"""

from __future__ import annotations

import filecmp
from dataclasses import replace
from pathlib import Path

import pytest

from generator import pipeline
from generator.options import load_config, options_from_config

REPO = Path(__file__).resolve().parents[1]


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh cache and output directory, generated once for this module."""
    root = tmp_path_factory.mktemp("golden")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)  # sources as configured: "specs/...", as in the committed out/
        options = options_from_config(load_config(REPO), Path())
        pipeline.generate(replace(options, out=root / "out", cache_dir=root / "cache"))
    return root


def test_generate_reproduces_the_committed_out(scratch: Path) -> None:
    generated, committed = scratch / "out", REPO / "out"
    assert files_under(generated) == files_under(committed), (
        "the set of generated files changed: run 'docschema generate' and commit out/")
    names = files_under(committed)
    _, mismatch, errors = filecmp.cmpfiles(committed, generated, names, shallow=False)
    assert (mismatch, errors) == ([], []), (
        "generated files differ from out/: run 'docschema generate' and commit out/")


def test_check_agrees_with_the_committed_out(scratch: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        options = options_from_config(load_config(REPO), Path())
        result = pipeline.check(replace(options, cache_dir=scratch / "cache"))
    assert (result.stale, result.missing, result.extra) == ((), (), ())


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_process_and_the_parallel_run_reproduce_the_committed_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    """--jobs 1 runs in one process; with the thresholds lowered to specs/' size, jobs 2
    parses in a pool, emits openapi and model in a forked process and saves the cache from
    forked processes: same bytes."""
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PAGES", 1)
    monkeypatch.setattr(pipeline, "PARALLEL_EMIT_MIN_TYPES", 1)
    monkeypatch.chdir(REPO)
    options = options_from_config(load_config(REPO), Path())
    pipeline.generate(replace(options, out=tmp_path / "out", cache_dir=tmp_path / "cache",
                              jobs=jobs))
    names = files_under(REPO / "out")
    assert files_under(tmp_path / "out") == names
    _, mismatch, errors = filecmp.cmpfiles(REPO / "out", tmp_path / "out", names, shallow=False)
    assert (mismatch, errors) == ([], [])
