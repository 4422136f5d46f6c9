"""Apply the ``fix`` of lint's JSON findings to the pages, as an editor would (tests only)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any


def apply_fixes(findings: list[dict[str, Any]]) -> int:
    """Apply every finding's fix (the later ones first, skipping any that overlap one
    applied); the number applied."""
    by_path: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for finding in findings:
        if finding.get("fix"):
            by_path[finding["path"]].append(finding["fix"])
    applied = 0
    for path, fixes in by_path.items():
        text = Path(path).read_text(encoding="utf-8")
        starts = [0]
        for line in text.split("\n"):
            starts.append(starts[-1] + len(line) + 1)

        def offset(line: int, col: int, starts: list[int] = starts) -> int:
            return starts[line - 1] + col - 1

        spans = sorted(((offset(f["line"], f["col"]), offset(f["end_line"], f["end_col"]),
                         f["text"]) for f in fixes), reverse=True)
        limit = len(text) + 1
        for start, end, new in spans:
            if end > limit:
                continue
            text = text[:start] + new + text[end:]
            limit = start
            applied += 1
        Path(path).write_text(text, encoding="utf-8")
    return applied
