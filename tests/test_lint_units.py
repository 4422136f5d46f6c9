"""The lint gate's parts alone: suppression scanning, rule selection, fingerprints."""

from __future__ import annotations

import pytest

from generator import baseline, hints, suppress
from generator.lintpolicy import LintPolicy, policy_from_config, with_flags
from generator.model import Diagnostic, Drift, Severity, SourceLocation, Subject
from generator.options import ConfigError


def finding(line: int, code: str = "DS111", message: str = "m", path: str = "p.md",
            subject: Subject | None = None) -> Diagnostic:
    d = Diagnostic.at(SourceLocation(path, line, 1), code, message)
    return Diagnostic(d.path, d.line, d.col, d.severity, d.code, d.message, subject)


PAGE = """# t

<!-- docschema-disable-next-line DS101 -->
a
<!-- docschema-disable DS11 DS406 -->
b
<!-- docschema-enable DS11 -->
c
```md
<!-- docschema-enable -->
```
d <!-- docschema-disable-line -->
"""


def test_scan_reads_each_form_and_skips_code_blocks() -> None:
    page = suppress.scan(PAGE)
    spans = [(s.kind, s.codes, s.first, s.last) for s in page.suppressions]
    assert spans == [("disable-next-line", ("DS101",), 4, 4),
                     ("disable", ("DS11",), 6, 6),
                     ("disable", ("DS406",), 6, suppress.END_OF_PAGE),
                     ("disable-line", (), 12, 12)]
    assert page.problems == ()  # the enable inside the fence is no directive
    assert suppress.scan("no directives here") is suppress.NONE


def test_apply_suppresses_by_line_and_prefix_and_reports_the_unused() -> None:
    pages = {"p.md": suppress.scan(PAGE)}
    found = [finding(4, "DS101"), finding(6, "DS110"), finding(8, "DS110"),
             finding(9, "DS406"), finding(12, "DS402"), finding(4, "DS111")]
    outcome = suppress.apply(found, pages)
    assert [(d.line, d.code) for d in outcome.kept] == [(8, "DS110"), (4, "DS111")]
    assert [(d.line, d.code) for d, _ in outcome.suppressed] == [
        (4, "DS101"), (6, "DS110"), (9, "DS406"), (12, "DS402")]
    assert outcome.reports == ()
    outcome = suppress.apply([finding(8, "DS110")], pages)
    assert [(d.code, d.line) for d in outcome.reports] == [
        ("DS601", 3), ("DS601", 5), ("DS601", 5), ("DS601", 12)]


def test_scan_reports_unknown_codes_and_lonely_enables() -> None:
    page = suppress.scan("<!-- docschema-disable DS77Z -->\n<!-- docschema-enable DS101 -->\n"
                         "<!-- docschema-disable-nextline DS101 -->\n"
                         "<!-- docschema-disable DS101\n-->\n")
    assert [p.line for p in page.problems] == [1, 2, 3, 4]
    assert "unknown code 'DS77Z'" in page.problems[0].message
    assert "unknown directive 'docschema-disable-nextline'" in page.problems[2].message
    assert "one line" in page.problems[3].message


def test_a_directive_may_give_its_reason() -> None:
    page = suppress.scan("<!-- docschema-disable-next-line DS101, DS102 -- a planned type -->\n")
    assert [(s.codes, s.first) for s in page.suppressions] == [(("DS101", "DS102"), 2)]
    assert page.problems == ()


def test_most_specific_selector_wins_and_ignore_wins_ties() -> None:
    policy = LintPolicy(select=("DS1", "DS111"), ignore=("DS11", "DS4"))
    assert policy.enabled("DS101") and policy.enabled("DS111")
    assert not policy.enabled("DS110") and not policy.enabled("DS406")
    assert not LintPolicy(select=("DS1",), ignore=("DS1",)).enabled("DS101")
    assert LintPolicy().enabled("DS901")  # select defaults to ALL


def test_severity_overrides_and_off() -> None:
    policy = policy_from_config({"severity": {"DS1": "error", "DS111": "off"}})
    kept = policy.apply([finding(1, "DS101"), finding(2, "DS111"), finding(3, "DS402")])
    assert [(d.code, d.severity) for d in kept] == [("DS101", Severity.ERROR),
                                                    ("DS402", Severity.INFO)]
    flagged = with_flags(policy, severity=["DS111=warning"])
    assert flagged.apply([finding(2, "DS111")])[0].severity is Severity.WARNING


def test_per_file_ignores_match_path_or_name() -> None:
    policy = policy_from_config({"per-file-ignores": {"docs/beta/*": ["DS1"], "enums.md": ["DS4"]}})
    assert policy.ignored_in("DS101", "docs/beta/x.md")
    assert not policy.ignored_in("DS402", "docs/beta/x.md")
    assert policy.ignored_in("DS402", "docs/v1.0/enums.md")


@pytest.mark.parametrize("table", [{"select": "DS1"}, {"ignore": ["DS1x"]},
                                   {"per-file-ignores": {"x": ["Q"]}}, {"baseline": 3}])
def test_bad_tables_are_config_errors(table: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        policy_from_config(table)


def test_fingerprint_ignores_line_numbers_and_keeps_subject() -> None:
    subject = Subject("microsoft.graph.x", "y")
    one = finding(10, "DS106", "'y' is A in the table but B in the JSON (line 51)",
                  subject=subject)
    moved = finding(14, "DS106", "'y' is A in the table but B in the JSON (line 55)",
                    subject=subject)
    assert baseline.fingerprint(one) == baseline.fingerprint(moved)
    other = finding(10, "DS106", one.message, subject=Subject("microsoft.graph.x", "z"))
    assert baseline.fingerprint(one) != baseline.fingerprint(other)
    assert baseline.normalise_message("see a.md:37 and lines 3-4") == "see a.md:# and lines #"


def test_compare_counts_repeats() -> None:
    entries = baseline.entries_of([finding(1), finding(2)])  # one fingerprint, twice
    assert [e.count for e in entries] == [2]
    result = baseline.compare([finding(5), finding(6), finding(7)], entries)
    assert len(result.unchanged) == 2 and [d.line for d in result.new] == [7]
    gone = baseline.compare([], entries)
    assert [(e.code, e.count) for e in gone.fixed] == [("DS111", 2)]


def test_case_drift_hint_replaces_the_docs_spelling() -> None:
    text = "| Property | Type |\n|---|---|\n| displayname | String |\n"
    drifted = Diagnostic("p.md", 3, 3, Severity.WARNING, "DS716", "spelt otherwise",
                         drift=Drift("name-case", "displayname", "displayName"))
    advised = hints.advise([drifted], None, {"p.md": text})
    assert advised.diagnostics[0].hint == "spell it 'displayName', as the service does"
    fix = advised.fixes[drifted]
    assert (fix.line, fix.col, fix.end_col, fix.text) == (3, 3, 14, "displayName")


def test_typo_distance_counts_a_swap_as_one_edit() -> None:
    assert hints._edits("strnig", "string") == 1
    assert hints._edits("agreementfile", "agreement") == 4
