"""What docschema made of a docs folder's API pages: the closing-note figures of issue 13.

usage: python benchmarks/operations_report.py SOURCE [--examples N]

Prints request lines documented, distinct operations, operations emitted, merged (one
operation documented by several lines or pages), removed by the path check with their causes
(N examples each), and the run's diagnostics by code (every stage's, as ``docschema lint``
reports them; the DS5xx ones, about API pages, also on a line of their own).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from generator.options import Options
from generator.pipeline import lint


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("source", type=Path)
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()
    result = lint(Options(sources=(args.source,), use_cache=False))
    model = result.model
    assert model is not None
    lines = sum(len(o.pages) for o in model.operations)
    kept = [o for o in model.operations if o.resolved]
    removed = [o for o in model.operations if not o.resolved]
    merged = [o for o in kept if len(o.pages) > 1]
    print(f"operations (distinct method + path template): {len(model.operations)}")
    print(f"emitted: {len(kept)}; merged from several pages: {len(merged)}; "
          f"removed by the path check: {len(removed)}")
    causes: dict[str, list[str]] = defaultdict(list)
    for o in removed:
        causes[o.unresolved_reason].append(f"{o.method.upper()} {o.path}  ({o.location.path}:"
                                           f"{o.location.line})")
    for cause, found in sorted(causes.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(found):5d}  {cause}")
        for example in found[:args.examples]:
            print(f"           {example}")
    codes = Counter(d.code for d in result.diagnostics)
    print("diagnostics by code (all stages):")
    print("  " + ", ".join(f"{code}={n}" for code, n in sorted(codes.items())))
    print("  API pages (DS5xx): " + ", ".join(
        f"{code}={n}" for code, n in sorted(codes.items()) if code.startswith("DS5")))
    print(f"request lines counted in merged pages: {lines}")


if __name__ == "__main__":
    main()
