"""Everything the CLI shows: diagnostics as text, JSON or SARIF 2.1.0, the summary line,
the progress bar and the table of diagnostic codes. Pure functions of data, except ProgressBar."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from generator import __version__
from generator.diagnostics import CODES, count_by_severity
from generator.model import Diagnostic, Severity

if TYPE_CHECKING:
    from generator.baseline import Entry
    from generator.examples import ExampleStats
    from generator.hints import Fix
    from generator.lintrun import Review
    from generator.pipeline import Stats

FORMATS = ("text", "json", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def at_least(diagnostics: Iterable[Diagnostic], minimum: Severity) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity.rank >= minimum.rank]


# --------------------------------------------------------------------------------------------
# Diagnostics
# --------------------------------------------------------------------------------------------


def render(diagnostics: Sequence[Diagnostic], fmt: str, summary: dict[str, Any]) -> str:
    if fmt == "json":
        return render_json(diagnostics, summary)
    if fmt == "sarif":
        return render_sarif(diagnostics)
    return render_text(diagnostics)


def render_text(diagnostics: Sequence[Diagnostic]) -> str:
    """``path:line:col: severity code name: message``, one per line."""
    return "".join(d.render() + "\n" for d in diagnostics)


def render_json(diagnostics: Sequence[Diagnostic], summary: dict[str, Any]) -> str:
    items = [{"path": d.path, "line": d.line, "col": d.col, "severity": d.severity.value,
              "code": d.code, "name": d.name, "message": d.message} for d in diagnostics]
    return json.dumps({"diagnostics": items, "summary": summary}, indent=2) + "\n"


def render_sarif(diagnostics: Sequence[Diagnostic], root: Path | None = None) -> str:
    """One SARIF 2.1.0 run; rules are the whole code registry, locations relative to ``root``."""
    root = Path.cwd() if root is None else root
    return _sarif_document([_sarif_result(d, _RULE_INDEX, root) for d in diagnostics], root)


def render_review_sarif(review: Review, root: Path | None = None) -> str:
    """lint's verdict as SARIF: results carry fingerprints, fixes, baseline states
    (``unchanged`` ones also as externally suppressed, baseline entries no longer found as
    ``absent`` passes), and the findings inline comments suppressed, as suppressed
    (``inSource``): what GitHub code scanning expects."""
    root = Path.cwd() if root is None else root
    return _sarif_document(_review_results(review, _RULE_INDEX, root), root)


_RULE_INDEX = {code: i for i, code in enumerate(CODES)}


def _sarif_document(results: list[dict[str, Any]], root: Path) -> str:
    from generator.codehelp import help_text, help_uri

    rules = [{"id": c.code, "name": c.name,
              "shortDescription": {"text": c.meaning},
              "fullDescription": {"text": f"{c.meaning} {help_text(c.code)}"},
              "help": {"text": help_text(c.code)},
              "helpUri": help_uri(c.code),
              "defaultConfiguration": {"level": _SARIF_LEVEL[c.severity]}}
             for c in CODES.values()]
    run = {"tool": {"driver": {"name": "docschema", "version": __version__, "rules": rules}},
           "originalUriBaseIds": {"SRCROOT": {"uri": root.resolve().as_uri() + "/"}},
           "columnKind": "unicodeCodePoints",
           "results": results}
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2) + "\n"


def _sarif_result(d: Diagnostic, index: dict[str, int], root: Path) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": _artifact(d.path, root),
            "region": {"startLine": max(1, d.line), "startColumn": max(1, d.col)}}}],
    }
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    return result


def _review_results(review: Review, index: dict[str, int], root: Path) -> list[dict[str, Any]]:
    from generator.baseline import FINGERPRINT_KEY, fingerprint

    def result(d: Diagnostic, state: str | None) -> dict[str, Any]:
        found = _sarif_result(d, index, root)
        found["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(d)}
        if state is not None:
            found["baselineState"] = state
        fix = review.fixes.get(d)
        if fix is not None:
            found["fixes"] = [_sarif_fix(fix, d.path, root)]
        extras = _extras(d)
        if extras:
            found["properties"] = extras
        return found

    state = "new" if review.with_baseline else None
    results = [result(d, state) for d in review.reported]
    for d in review.baselined:
        found = result(d, "unchanged")
        found["suppressions"] = [{"kind": "external",
                                  "justification": "in the lint baseline"}]
        results.append(found)
    for d, suppression in review.suppressed:
        found = result(d, state)
        found["suppressions"] = [{"kind": "inSource",
                                  "justification": f"<!-- {suppression.comment} --> "
                                                   f"on line {suppression.line}"}]
        results.append(found)
    results += [_absent(entry, index, root) for entry in review.fixed]
    return results


def _absent(entry: Entry, index: dict[str, int], root: Path) -> dict[str, Any]:
    from generator.baseline import FINGERPRINT_KEY

    found: dict[str, Any] = {
        "ruleId": entry.code, "kind": "pass", "level": "none",
        "message": {"text": f"fixed: {entry.message}"},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(entry.path, root)}}],
        "partialFingerprints": {FINGERPRINT_KEY: entry.fingerprint},
        "baselineState": "absent",
        # GitHub code scanning opens an alert for every result, a pass too (PSRule issue
        # 955); marked suppressed, the fixed finding shows as closed there
        "suppressions": [{"kind": "external",
                          "justification": "fixed: in the lint baseline, no longer found"}]}
    if entry.code in index:
        found["ruleIndex"] = index[entry.code]
    return found


def _sarif_fix(fix: Fix, path: str, root: Path) -> dict[str, Any]:
    region = {"startLine": fix.line, "startColumn": fix.col, "endLine": fix.end_line,
              "endColumn": fix.end_col}
    return {"description": {"text": fix.description},
            "artifactChanges": [{"artifactLocation": _artifact(path, root),
                                 "replacements": [{"deletedRegion": region,
                                                   "insertedContent": {"text": fix.text}}]}]}


def _extras(d: Diagnostic) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if d.subject is not None:
        found["subject"] = {"type": d.subject.type, "member": d.subject.member}
    if d.hint:
        found["hint"] = d.hint
    if d.drift is not None:
        found["drift"] = {"aspect": d.drift.aspect, "docs": d.drift.docs,
                          "service": d.drift.service}
    return found


# --------------------------------------------------------------------------------------------
# lint's verdict (generator.lintrun.Review) as text, JSON or SARIF
# --------------------------------------------------------------------------------------------


def render_review(review: Review, fmt: str, summary: dict[str, Any]) -> str:
    if fmt == "json":
        return _review_json(review, summary)
    if fmt == "sarif":
        return render_review_sarif(review)
    return _review_text(review)


def _review_text(review: Review) -> str:
    lines = []
    for d in review.reported:
        lines.append(d.render())
        if d.hint:
            lines.append(f"  hint: {d.hint}")
    lines += [f"{e.path}: fixed {e.code} {_code_name(e.code)}: {e.message}"
              + (f" (x{e.count})" if e.count > 1 else "") for e in review.fixed]
    return "".join(line + "\n" for line in lines)


def _code_name(code: str) -> str:
    return CODES[code].name if code in CODES else code


def _review_item(d: Diagnostic, fix: Fix | None) -> dict[str, Any]:
    """A finding as lint's JSON has it: where, what, its ``subject``, ``drift`` and ``hint``
    (null when none), and its ``fix`` (1-based line/col, end exclusive) when there is one."""
    subject = {"type": d.subject.type, "member": d.subject.member} if d.subject else None
    drift = ({"aspect": d.drift.aspect, "docs": d.drift.docs, "service": d.drift.service}
             if d.drift else None)
    item: dict[str, Any] = {
        "path": d.path, "line": d.line, "col": d.col, "severity": d.severity.value,
        "code": d.code, "name": d.name, "message": d.message, "subject": subject,
        "drift": drift, "hint": d.hint}
    if fix is not None:
        item["fix"] = {"description": fix.description, "line": fix.line, "col": fix.col,
                       "end_line": fix.end_line, "end_col": fix.end_col, "text": fix.text}
    return item


def _review_json(review: Review, summary: dict[str, Any]) -> str:
    items = []
    for d in review.reported:
        item = _review_item(d, review.fixes.get(d))
        if review.with_baseline:
            item["baseline_state"] = "new"
        items.append(item)
    document: dict[str, Any] = {"diagnostics": items, "summary": summary}
    if review.with_baseline:
        document["fixed"] = [e.as_json() for e in review.fixed]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def lint_summary(stats: Stats, review: Review,
                 examples: ExampleStats | None = None) -> dict[str, Any]:
    """The ``summary`` of lint's JSON: counts of what the configuration keeps (suppressed
    findings apart), what is shown, and with a baseline its new, baselined and fixed."""
    counts = count_by_severity(review.all)
    summary: dict[str, Any] = {"pages": stats.pages, "types": stats.types, "enums": stats.enums,
                               "errors": counts[Severity.ERROR],
                               "warnings": counts[Severity.WARNING],
                               "infos": counts[Severity.INFO], "shown": len(review.reported),
                               "suppressed": len(review.suppressed)}
    if review.with_baseline:
        summary.update(new=len(review.reported), baselined=len(review.baselined),
                       fixed=sum(e.count for e in review.fixed))
    if examples is not None:
        summary["examples"] = dataclasses.asdict(examples)
    return summary


def lint_status(pages: int, review: Review, examples: ExampleStats | None = None) -> str:
    """``docschema: 44 pages; 0 errors, 3 warnings, 109 info; 2 suppressed; baseline: ...``."""
    counts = count_by_severity(review.all)
    text = (f"docschema: {pages} pages; "
            + severity_counts(counts[Severity.ERROR], counts[Severity.WARNING],
                              counts[Severity.INFO]))
    if review.suppressed:
        text += f"; {len(review.suppressed)} suppressed"
    if review.with_baseline:
        fixed = sum(e.count for e in review.fixed)
        text += (f"; baseline: {len(review.reported)} new, {len(review.baselined)} baselined, "
                 f"{fixed} fixed")
    if examples is not None:
        e = examples
        text += (f"; examples: {e.checked} checked, {e.valid} valid, {e.invalid} invalid, "
                 f"{e.no_schema} without a schema, {e.unparseable} not JSON")
    return text


def _artifact(path: str, root: Path) -> dict[str, str]:
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.resolve().relative_to(root.resolve())
        except ValueError:
            return {"uri": candidate.as_uri()}
    return {"uri": quote(candidate.as_posix()), "uriBaseId": "SRCROOT"}


# --------------------------------------------------------------------------------------------
# Summary line and progress
# --------------------------------------------------------------------------------------------


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def severity_counts(errors: int, warnings: int, infos: int) -> str:
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}, {infos} info"


def generate_summary(pages: int, types: int, enums: int, written: int, unchanged: int,
                     removed: int, errors: int, warnings: int, infos: int, seconds: float,
                     skipped: bool = False) -> str:
    """``docschema: 44 pages, 40 types, 9 enums; files: 3 written, 171 unchanged, 0 removed;
    0 errors, 12 warnings, 30 info; 0.41 s``."""
    note = " (no changes)" if skipped else ""
    return (f"docschema: {_plural(pages, 'page')}, {_plural(types, 'type')}, "
            f"{_plural(enums, 'enum')}; files: {written} written, {unchanged} unchanged, "
            f"{removed} removed{note}; {severity_counts(errors, warnings, infos)}; "
            f"{seconds:.2f} s")


class ProgressBar:
    """A one-line bar on a TTY stream; silent unless the stage is long enough to be worth it."""

    MIN_TOTAL = 200
    WIDTH = 30

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.enabled = self.stream.isatty() and os.environ.get("TERM") != "dumb"
        self._last = 0.0
        self._drawn = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if total == 0:  # a stage whose work is not counted: named, in a run that has a bar
            if self._drawn:
                self.stream.write(f"\r\x1b[K{stage:<8} ...")
                self.stream.flush()
            return
        if total < self.MIN_TOTAL:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = self.WIDTH * done // total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r{stage:<8} [{bar}] {done}/{total}")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


# --------------------------------------------------------------------------------------------
# The code table
# --------------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def codes_table(markdown: bool = False) -> str:
    codes = list(CODES.values())
    if markdown:
        lines = ["| code | name | severity | meaning |", "|---|---|---|---|"]
        lines += [f"| {c.code} | {c.name} | {c.severity.value} | {_cell(c.meaning)} |"
                  for c in codes]
        return "\n".join(lines) + "\n"
    width = max(len(c.name) for c in codes)
    return "".join(f"{c.code}  {c.name:<{width}}  {c.severity.value:<7}  {c.meaning}\n"
                   for c in codes)
