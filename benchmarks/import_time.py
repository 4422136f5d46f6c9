"""How long ``import graph_models`` takes for the beta corpus (goal: under 0.2 s).

Generates the Python package for ``../shared/corpus/graph-docs-2021/api-reference/beta``
(or the SOURCE given) into a temporary directory, then runs fresh interpreters
(``python -I -S``: no site-packages, so no docschema) and reports the median of several runs of:

* ``import graph_models``: the lazy package alone (timed inside the interpreter);
* ``from graph_models import User``: one class with its base classes;
* interpreter start-up plus the package import, against a bare start-up;
* importing every module of the package (once, for scale).

Usage: ``python benchmarks/import_time.py [SOURCE] [--runs N] [--memo FILE]``. ``--memo``
keeps the emitter's memo (each module's final text, keyed by its rendering context) in a JSON
file so a second run renders and formats nothing that did not change.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.emit.python import emit_python
from generator.options import Options
from generator.pipeline import load_model

BETA = (
    Path(__file__).resolve().parents[2]
    / "shared" / "corpus" / "graph-docs-2021" / "api-reference" / "beta" / "resources"
)  # fmt: skip
PACKAGE = "graph_models"


def timed_python(code: str, cwd: Path) -> float:
    """Seconds the snippet reports (it prints its own perf_counter difference)."""
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", f"import sys; sys.path.insert(0, '.')\n{code}"],
        cwd=cwd, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(done.stdout.strip().splitlines()[-1])


def wall_time(code: str, cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-I", "-S", "-c", code], cwd=cwd, check=True)
    return time.perf_counter() - start


def median(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms (min {min(samples) * 1000:.1f})"


def generate(source: Path, out: Path, memo_file: Path | None) -> tuple[int, int, float]:
    options = Options(sources=(source,), cache_dir=out / "cache")
    model = load_model(options)
    memo: dict[str, str] = {}
    if memo_file is not None and memo_file.is_file():
        memo = json.loads(memo_file.read_text(encoding="utf-8"))
    start = time.perf_counter()
    files = emit_python(model, options, memo)
    seconds = time.perf_counter() - start
    if memo_file is not None:
        memo_file.write_text(json.dumps(memo), encoding="utf-8")
    for path, text in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return len(model.types), len(model.enums), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=BETA)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--memo", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        types, enums, emit_seconds = generate(args.source, out, args.memo)
        root = out / "python"
        modules = sum(1 for _ in (root / PACKAGE).rglob("*.py"))
        print(f"{types} types, {enums} enums, {modules} modules; emit {emit_seconds:.1f} s")
        package = f"import time; t = time.perf_counter(); import {PACKAGE}\n" \
                  "print(time.perf_counter() - t)"  # fmt: skip
        one_class = f"import time; t = time.perf_counter(); from {PACKAGE} import User\n" \
                    "print(time.perf_counter() - t)"  # fmt: skip
        every = (
            "import importlib, pkgutil, time\n"
            f"t = time.perf_counter(); import {PACKAGE}\n"
            f"for m in pkgutil.walk_packages({PACKAGE}.__path__, '{PACKAGE}.'):\n"
            "    importlib.import_module(m.name)\n"
            "print(time.perf_counter() - t)"
        )
        timed_python(every, root)  # warm-up: writes every module's .pyc
        runs = range(args.runs)
        report(f"import {PACKAGE}", [timed_python(package, root) for _ in runs])
        report(f"from {PACKAGE} import User", [timed_python(one_class, root) for _ in runs])
        report("interpreter start-up", [wall_time("pass", root) for _ in runs])
        with_package = f"import sys; sys.path.insert(0, '.'); import {PACKAGE}"
        report("start-up + import", [wall_time(with_package, root) for _ in runs])
        print(f"{'every module':<30}{timed_python(every, root):.2f} s ({modules} modules)")


def report(label: str, samples: list[float]) -> None:
    print(f"{label:<30}{median(samples)}")

if __name__ == "__main__":
    main()
