"""A run killed by SIGKILL at any moment leaves out/ old or new, never mixed; runs don't interleave.

A child process rewrites a tree of a few thousand files (old → new) and is killed at a random
moment; the tree is then compared, file by file, with the two possible states.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import write

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX")

FILES = 1500
ATTEMPTS = 8


def make_files(version: str, count: int) -> dict[str, tuple[str, Callable[[], str]]]:
    """The old tree, or the new one: some files changed, some gone, some added."""
    import hashlib

    files = {f"d{i % 40}/f{i}.txt": f"{version} {i}\n" * (1 + i % 7) for i in range(count)}
    if version == "new":
        files = {p: t for p, t in files.items() if not p.endswith("3.txt")}
        files.update({f"added/a{i}.txt": f"added {i}\n" for i in range(200)})
    return {p: (hashlib.sha256(t.encode()).hexdigest(), t.__str__) for p, t in files.items()}


CHILD = "from collections.abc import Callable\n" + inspect.getsource(make_files) + (
    textwrap.dedent("""
    import sys
    from pathlib import Path
    from generator import write

    out, version, mode, rounds = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    if mode == "fallback":
        write._exchange = lambda a, b: False
    state = Path(sys.argv[6]) if mode == "spare" else None
    files = make_files(version, int(sys.argv[5]))
    print("ready", flush=True)
    for _ in range(rounds):
        write.write_tree(out, files, state)
"""))


def snapshot(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def spare_of(out: Path) -> Path:
    return out.parent / f"{out.name}-spare"


def run_child(out: Path, version: str, mode: str = "exchange",
              rounds: int = 1) -> subprocess.Popen[str]:
    argv = [sys.executable, "-c", CHILD, str(out), version, mode, str(rounds), str(FILES),
            str(spare_of(out))]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)


def write_fully(out: Path, version: str, mode: str = "exchange") -> dict[str, str]:
    child = run_child(out, version, mode)
    assert child.wait(timeout=120) == 0
    return snapshot(out)


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    root = tmp_path_factory.mktemp("states")
    old = write_fully(root / "out", "old")
    new = write_fully(root / "out", "new")
    assert old != new
    return old, new


def duration_of_a_write(tmp_path: Path) -> float:
    write_fully(tmp_path / "probe", "old")
    started = time.perf_counter()
    write_fully(tmp_path / "probe", "new")
    return time.perf_counter() - started


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["exchange", "fallback", "spare"])
def test_sigkill_at_random_moments_leaves_old_or_new(
        tmp_path: Path, mode: str, states: tuple[dict[str, str], dict[str, str]]) -> None:
    """In "spare" mode the child brings a spare tree (every file of it to replace) up to
    date and swaps it in."""
    old, new = states
    budget = duration_of_a_write(tmp_path)
    rng = random.Random(20240611)
    outcomes = {"old": 0, "new": 0}
    for attempt in range(ATTEMPTS):
        out = tmp_path / f"out{attempt}"
        write.write_tree(out, make_files("old", FILES), spare_of(out) if mode == "spare" else None)
        child = run_child(out, "new", mode)
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, budget))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        if mode == "fallback":
            write.recover(out)  # the next run's first step: a kill between renames rolls back
        seen = snapshot(out)
        assert seen in (old, new), f"attempt {attempt}: a mixed tree"
        outcomes["old" if seen == old else "new"] += 1
        write.write_tree(out, {})  # the next run cleans up whatever the killed one left beside
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []
    assert sum(outcomes.values()) == ATTEMPTS


@pytest.mark.slow
def test_two_concurrent_runs_do_not_interleave(
        tmp_path: Path, states: tuple[dict[str, str], dict[str, str]]) -> None:
    old, new = states
    out = tmp_path / "out"
    children = [run_child(out, "old", rounds=4), run_child(out, "new", rounds=4)]
    assert [child.wait(timeout=300) for child in children] == [0, 0]
    assert snapshot(out) in (old, new)
    assert write.compare_tree(out, write.read_manifest(out)).ok


@pytest.mark.slow
def test_sigkill_of_the_real_command_leaves_old_or_new(tmp_path: Path) -> None:
    """The whole command on specs/: the plain output, then the --strict one (every JSON Schema
    file differs), killed at random moments; out/ is one of the two complete trees."""
    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    base = [sys.executable, "-m", "generator", "generate", str(repo / "specs"), "--quiet",
            "--target", "jsonschema", "--target", "model"]

    def generate(out: Path, *extra: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen([*base, "--out", str(out), *extra], cwd=tmp_path, env=env)

    assert generate(tmp_path / "old").wait(timeout=120) == 0
    started = time.perf_counter()
    assert generate(tmp_path / "new", "--strict").wait(timeout=120) == 0
    budget = time.perf_counter() - started
    old, new = snapshot(tmp_path / "old"), snapshot(tmp_path / "new")
    assert old != new
    rng = random.Random(7)
    for attempt in range(5):
        out = tmp_path / f"out{attempt}"
        shutil.copytree(tmp_path / "old", out)
        child = generate(out, "--strict")
        time.sleep(rng.uniform(0.2 * budget, 1.1 * budget))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert snapshot(out) in (old, new), f"attempt {attempt}: a mixed tree"
