"""report.py: text, JSON and SARIF renderings, the summary line, the code table."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from generator import report
from generator.diagnostics import CODES
from generator.model import Diagnostic, Severity, SourceLocation

FIXTURES = Path(__file__).resolve().parent / "fixtures"

DIAGNOSTICS = [
    Diagnostic.at(SourceLocation("specs/a b.md", 3, 5), "DS101", "unresolved type 'x'"),
    Diagnostic.at(SourceLocation("specs/b.md", 1, 1), "DS103", "cycle"),
    Diagnostic.at(SourceLocation("specs/c.md", 7, 2), "DS402", "no namespace"),
]


def test_text_is_one_line_per_diagnostic() -> None:
    assert report.render_text(DIAGNOSTICS).splitlines() == [
        "specs/a b.md:3:5: warning DS101 unresolved-type: unresolved type 'x'",
        "specs/b.md:1:1: error DS103 inheritance-cycle: cycle",
        "specs/c.md:7:2: info DS402 missing-namespace: no namespace",
    ]


def test_json_has_every_field_and_the_summary() -> None:
    document = json.loads(report.render_json(DIAGNOSTICS, {"errors": 1}))
    assert document["summary"] == {"errors": 1}
    assert document["diagnostics"][0] == {
        "path": "specs/a b.md", "line": 3, "col": 5, "severity": "warning", "code": "DS101",
        "name": "unresolved-type", "message": "unresolved type 'x'"}


def test_sarif_validates_against_the_oasis_schema(tmp_path: Path) -> None:
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    outside = Diagnostic.at(SourceLocation("/elsewhere/x.md", 2, 1), "DS001", "cannot read")
    inside = Diagnostic.at(SourceLocation(str(tmp_path / "docs" / "y.md"), 4, 1), "DS404", "x")
    document = json.loads(report.render_sarif([*DIAGNOSTICS, outside, inside], root=tmp_path))
    errors = sorted(Draft7Validator(schema).iter_errors(document), key=str)
    assert errors == []
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    first, second, third, fourth, fifth = run["results"]
    assert (first["ruleId"], first["level"]) == ("DS101", "warning")
    assert rules[first["ruleIndex"]]["id"] == "DS101"
    assert (second["level"], third["level"]) == ("error", "note")
    location = first["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "specs/a%20b.md", "uriBaseId": "SRCROOT"},
                        "region": {"startLine": 3, "startColumn": 5}}
    assert fourth["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///elsewhere/x.md"}
    assert fifth["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "docs/y.md", "uriBaseId": "SRCROOT"}


def test_sarif_with_no_results_is_valid() -> None:
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    document = json.loads(report.render_sarif([]))
    assert list(Draft7Validator(schema).iter_errors(document)) == []
    assert document["runs"][0]["results"] == []


@pytest.mark.parametrize(("minimum", "codes"), [
    (Severity.INFO, ["DS101", "DS103", "DS402"]),
    (Severity.WARNING, ["DS101", "DS103"]),
    (Severity.ERROR, ["DS103"]),
])
def test_min_severity_filters(minimum: Severity, codes: list[str]) -> None:
    assert [d.code for d in report.at_least(DIAGNOSTICS, minimum)] == codes


def test_summary_line() -> None:
    line = report.generate_summary(44, 43, 1, 2, 105, 0, 0, 3, 110, 0.4821)
    assert line == ("docschema: 44 pages, 43 types, 1 enum; files: 2 written, 105 unchanged, "
                    "0 removed; 0 errors, 3 warnings, 110 info; 0.48 s")
    assert "(no changes)" in report.generate_summary(1, 1, 0, 0, 1, 0, 1, 0, 0, 0.1, True)


def test_codes_table_lists_every_code() -> None:
    markdown = report.codes_table(markdown=True).splitlines()
    assert markdown[:2] == ["| code | name | severity | meaning |", "|---|---|---|---|"]
    assert len(markdown) == 2 + len(CODES)
    assert all(code in report.codes_table() for code in CODES)


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_only_on_a_tty_and_only_for_long_stages(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    silent = io.StringIO()
    bar = report.ProgressBar(silent)
    bar("parse", 500, 500)
    assert silent.getvalue() == ""
    tty = FakeTTY()
    bar = report.ProgressBar(tty)
    bar("parse", 1, 10)
    assert tty.getvalue() == ""  # too short to be worth a bar
    bar("parse", 250, 500)
    bar.close()
    assert "250/500" in tty.getvalue() and tty.getvalue().endswith("\r\x1b[K")


def test_progress_bar_names_the_later_stages_only_in_a_run_that_has_a_bar(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    short = FakeTTY()
    bar = report.ProgressBar(short)
    bar("parse", 10, 10)
    bar("resolve", 0, 0)
    bar.close()
    assert short.getvalue() == ""
    long = FakeTTY()
    bar = report.ProgressBar(long)
    bar("parse", 500, 500)
    bar("emit", 0, 0)
    drawn = long.getvalue()
    assert drawn.endswith("\r\x1b[Kemit     ...")  # the full parse bar does not linger
    bar.close()
    assert long.getvalue().endswith("\r\x1b[K")

