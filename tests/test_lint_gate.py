"""lint as a CI gate, on a copy of real pages (tests/fixtures/pages/lint-slice): the README's
recipe (record a baseline; unrelated edits pass, a new problem fails with exactly it, a fixed
one is reported fixed), inline suppressions, rule configuration and SARIF for code scanning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fixedit import apply_fixes
from jsonschema import Draft7Validator

from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SLICE = FIXTURES / "pages" / "lint-slice"
SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SLICE, tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "docs"


def lint(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["lint", "docs", "--no-cache", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def findings(out: str) -> list[str]:
    """The finding lines of text output (hints dropped)."""
    return [line for line in out.splitlines() if not line.startswith("  hint: ")]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def sarif_results(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    code, out, _ = lint(capsys, "--format", "sarif", *args)
    assert code in (0, 1)
    document = json.loads(out)
    assert sorted(Draft7Validator(SCHEMA).iter_errors(document), key=str) == []
    results: list[dict[str, object]] = document["runs"][0]["results"]
    return results


# --------------------------------------------------------------------------------------------
# The CI recipe (README "Gating CI on lint")
# --------------------------------------------------------------------------------------------


def test_ci_recipe_baseline(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = lint(capsys, "--baseline", "lint-baseline.json", "--update-baseline")
    assert code == 0 and out == ""
    recorded = json.loads(Path("lint-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert sum(e["count"] for e in recorded) == 27 and "27 diagnostics" in err
    code, out, err = lint(capsys, "--baseline", "lint-baseline.json")
    assert (code, out) == (0, "")
    assert "baseline: 0 new, 27 baselined, 0 fixed" in err

    # (a) an unrelated edit and every line below it moved: still green
    edit(docs / "approval.md", "## Properties",
         "Approvals are reviewed in stages.\n\nSee also the\nreview guide.\n\n## Properties")
    edit(docs / "agreement.md", "# agreement resource type", "# agreement resource type\n\n\n")
    edit(docs / "calculatedcolumn.md", "## Properties", "## Properties\n")
    assert lint(capsys, "--baseline", "lint-baseline.json")[:2] == (0, "")

    # (b) one new problem: it fails with exactly that finding
    edit(docs / "approvalstage.md", "|displayName|String|",
         "|displayName|String|The label.|\n|displayName|String|")
    code, out, _ = lint(capsys, "--baseline", "lint-baseline.json")
    assert code == 1
    assert [line.split(": ", 1)[1] for line in findings(out)] == [
        "warning DS110 duplicate-property: microsoft.graph.approvalStage lists 'displayName' "
        "again; the first row is kept"]
    assert findings(out)[0].startswith("docs/approvalstage.md:22:2:")
    code, out, _ = lint(capsys, "--baseline", "lint-baseline.json", "--format", "json")
    document = json.loads(out)
    assert [(d["code"], d["subject"], d["baseline_state"]) for d in document["diagnostics"]] \
        == [("DS110", {"type": "microsoft.graph.approvalStage", "member": "displayName"}, "new")]
    edit(docs / "approvalstage.md", "|displayName|String|The label.|\n", "")

    # (c) fixing a baselined finding reports it as fixed (and passes)
    edit(docs / "approval.md", "|stages|[approvalStage](../resources/approvalstage.md) "
                               "collection|A collection of stages in the approval decision. |\n"
                               "\n## Relationships", "\n## Relationships")
    code, out, err = lint(capsys, "--baseline", "lint-baseline.json")
    assert code == 0
    assert out == ("docs/approval.md: fixed DS110 duplicate-property: microsoft.graph.approval "
                   "lists 'stages' again; the first row is kept\n")
    assert "baseline: 0 new, 26 baselined, 1 fixed" in err
    code, out, _ = lint(capsys, "--baseline", "lint-baseline.json", "--format", "json")
    assert [e["code"] for e in json.loads(out)["fixed"]] == ["DS110"]
    # entries lint did not look at this time are not fixed: other codes, other files
    code, out, _ = lint(capsys, "--baseline", "lint-baseline.json", "--select", "DS117")
    assert (code, out) == (0, "")
    assert main(["lint", "docs/agreement.md", "docs/entity.md", "--no-cache", "--baseline",
                 "lint-baseline.json"]) == 0
    assert "fixed" not in capsys.readouterr().out


def test_baseline_sarif_states_fingerprints_and_fixes(docs: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    lint(capsys, "--baseline", "b.json", "--update-baseline")
    edit(docs / "approvalstage.md", "|displayName|String|",
         "|displayName|String|The label.|\n|displayName|String|")
    edit(docs / "approval.md", "|stages|[approvalStage](../resources/approvalstage.md) "
                               "collection|A collection of stages in the approval decision. |\n"
                               "\n## Relationships", "\n## Relationships")
    results = sarif_results(capsys, "--baseline", "b.json")
    states = [r["baselineState"] for r in results]
    assert states.count("new") == 1 and states.count("absent") == 1
    assert states.count("unchanged") == 26
    assert all("docschemaFingerprint/v1" in r["partialFingerprints"]  # type: ignore[operator]
               for r in results)
    new = next(r for r in results if r["baselineState"] == "new")
    assert new["ruleId"] == "DS110" and "suppressions" not in new
    fix = new["fixes"][0]["artifactChanges"][0]["replacements"][0]  # type: ignore[index]
    assert fix["insertedContent"] == {"text": ""}  # delete the repeated row
    unchanged = [r for r in results if r["baselineState"] == "unchanged"]
    assert all(r["suppressions"][0]["kind"] == "external" for r in unchanged)  # type: ignore[index]
    absent = next(r for r in results if r["baselineState"] == "absent")
    assert (absent["ruleId"], absent["kind"], absent["level"]) == ("DS110", "pass", "none")
    assert absent["suppressions"][0]["kind"] == "external"  # type: ignore[index]


def test_baseline_from_configuration(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_config(docs.parent, 'baseline = "ci/lint-baseline.json"')
    assert lint(capsys, "--update-baseline")[0] == 0
    assert Path("ci/lint-baseline.json").is_file()
    edit(docs / "approvalstage.md", "|displayName|String|",
         "|displayName|String|The label.|\n|displayName|String|")
    code, out, err = lint(capsys, "--min-severity", "warning")
    assert code == 1 and [line.split()[2] for line in findings(out)] == ["DS110"]
    assert "baseline: 1 new" in err


def test_baseline_errors_are_one_line(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = lint(capsys, "--baseline", "missing.json")
    assert code == 2 and err.count("\n") == 1 and "--update-baseline" in err
    Path("bad.json").write_text("{}", encoding="utf-8")
    code, _, err = lint(capsys, "--baseline", "bad.json")
    assert code == 2 and "not a docschema baseline" in err
    code, _, err = lint(capsys, "--update-baseline")
    assert code == 2 and "needs --baseline" in err


# --------------------------------------------------------------------------------------------
# Inline suppressions, on real pages
# --------------------------------------------------------------------------------------------


def test_disable_next_line_hides_the_finding_everywhere(docs: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert "docs/agreement.md:10:1: info DS117" in lint(capsys)[1]
    edit(docs / "agreement.md", "# agreement resource type",
         "<!-- docschema-disable-next-line DS117 -->\n# agreement resource type")
    code, out, err = lint(capsys)
    assert code == 0
    assert "DS117" not in "".join(line for line in findings(out) if "agreement.md" in line)
    assert "DS601" not in out and "1 suppressed" in err
    document = json.loads(lint(capsys, "--format", "json")[1])
    assert not [d for d in document["diagnostics"]
                if d["code"] == "DS117" and d["path"].endswith("agreement.md")]
    assert document["summary"]["suppressed"] == 1
    results = sarif_results(capsys)
    hidden = [r for r in results if r["ruleId"] == "DS117"
              and "agreement.md" in json.dumps(r["locations"])]
    assert len(hidden) == 1 and hidden[0]["suppressions"][0]["kind"] == "inSource"  # type: ignore[index]


def test_range_suppression_covers_a_table(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(docs / "approval.md", "## Properties\n",
         "## Properties\n\n<!-- docschema-disable DS110 DS111 -->\n")
    edit(docs / "approval.md", "## JSON representation",
         "<!-- docschema-enable -->\n\n## JSON representation")
    out = "\n".join(line for line in findings(lint(capsys)[1]) if "approval.md" in line)
    assert "DS110" not in out and "DS111" not in out and "DS601" not in out
    assert "DS117" in out  # outside the range


def test_file_suppression_and_line_form_in_a_table_row(docs: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    page = docs / "calculatedcolumn.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n<!-- docschema-disable-file DS404 DS406 -->\n", encoding="utf-8")
    edit(docs / "aaduserconversationmember.md", "|id|String| Read-only. Unique ID of the user.|",
         "|id|String| Read-only. Unique ID of the user. <!-- docschema-disable-line DS111 --> |")
    out = "\n".join(findings(lint(capsys)[1]))
    assert "calculatedcolumn.md:21:1: info DS406" not in out
    assert "calculatedcolumn.md:42:1: info DS404" not in out
    assert "calculatedcolumn.md:35:3: warning DS106" in out  # not named: still reported
    assert "aaduserconversationmember.md:40:2" not in out
    assert "aaduserconversationmember.md:41:2: info DS111" in out


def test_a_suppression_that_suppresses_nothing_is_reported(
        docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(docs / "identity.md", "## Properties",
         "<!-- docschema-disable-next-line DS101 -->\n## Properties")
    edit(docs / "entity.md", "## Properties", "<!-- docschema-disable DS999 -->\n## Properties")
    code, out, _ = lint(capsys, "--format", "json")
    reported = {d["code"]: d for d in json.loads(out)["diagnostics"]
                if d["code"] in ("DS601", "DS602")}
    unused = reported["DS601"]
    assert unused["path"] == "docs/identity.md" and unused["severity"] == "warning"
    assert "'docschema-disable-next-line DS101' suppresses nothing" in unused["message"]
    assert unused["fix"]["text"] == "" and unused["fix"]["end_line"] == unused["line"] + 1
    assert "unknown code 'DS999'" in reported["DS602"]["message"]
    # the report is configurable like any finding
    code, out, _ = lint(capsys, "--ignore", "DS6")
    assert code == 0 and "DS601" not in out and "DS602" not in out


def test_suppressions_apply_to_api_pages_lint_examples_reads(
        docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES / "pages" / "lint-slice-api", docs.parent / "api")
    page = docs.parent / "api" / "agreement-get.md"
    edit(page, '"isViewingBeforeAcceptanceRequired": true',
         '"isViewingBeforeAcceptanceRequired": "yes"')
    code, out, _ = lint(capsys, "--examples", "api")
    assert code == 1 and "api/agreement-get.md:86:1: error DS201" in out
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n<!-- docschema-disable-file DS201 -->\n", encoding="utf-8")
    code, out, err = lint(capsys, "--examples", "api")
    assert code == 0 and "DS201" not in out and "1 suppressed" in err


def test_directives_in_code_blocks_are_text(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(docs / "agreement.md", "# agreement resource type",
         "```md\n<!-- docschema-disable-file -->\n```\n# agreement resource type")
    out = lint(capsys)[1]
    assert "agreement.md" in out and "DS601" not in out


# --------------------------------------------------------------------------------------------
# Rule configuration
# --------------------------------------------------------------------------------------------


def write_config(root: Path, body: str) -> None:
    (root / "pyproject.toml").write_text(f"[tool.docschema.lint]\n{body}\n", encoding="utf-8")


def codes_of(out: str) -> set[str]:
    return {line.split()[2] for line in findings(out)}


def test_select_ignore_severity_and_per_file_ignores(docs: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    write_config(docs.parent, 'select = ["DS1", "DS110"]\nignore = ["DS11"]\n'
                              'extend-select = ["DS406"]\n'
                              '[tool.docschema.lint.severity]\nDS110 = "error"\nDS101 = "off"\n'
                              '[tool.docschema.lint.per-file-ignores]\n"calendar*.md" = ["DS1"]')
    code, out, _ = lint(capsys)
    # DS11 is ignored but DS110, selected more specifically, is not; made an error, it fails
    assert codes_of(out) == {"DS106", "DS110", "DS406"}
    assert code == 1 and "error DS110" in out
    assert "calendarpermission.md" not in out
    # flags: --select replaces the configured selection, the others add to it
    code, out, _ = lint(capsys, "--select", "DS117,DS402", "--per-file-ignores", "agree*.md:DS117",
                        "--severity", "DS402=warning")
    assert codes_of(out) == {"DS117", "DS402"} and code == 0
    assert "agreement.md" not in out and "warning DS402" in out


@pytest.mark.parametrize("body, message", [
    ('select = ["DS999"]', "unknown code 'DS999'"),
    ('ignore = ["XYZ"]', "unknown code 'XYZ'"),
    ('[tool.docschema.lint.severity]\nDS101 = "fatal"', "'fatal' is not one of"),
    ('colour = true', "unknown key 'colour'"),
])
def test_bad_lint_config_is_one_line_and_exit_2(docs: Path, capsys: pytest.CaptureFixture[str],
                                                body: str, message: str) -> None:
    write_config(docs.parent, body)
    code, out, err = lint(capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err


def test_unknown_code_on_the_command_line(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = lint(capsys, "--ignore", "DS1,DS77X")
    assert code == 2 and "--ignore: unknown code 'DS77X'" in err


# --------------------------------------------------------------------------------------------
# Hints and help
# --------------------------------------------------------------------------------------------


def test_unresolved_type_hint_and_fix(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(docs / "approvalstage.md", "|reviewedBy|",
         "|reviewer|identty|The reviewer.|\n|reviewedBy|")
    document = json.loads(lint(capsys, "--format", "json")[1])
    found = [d for d in document["diagnostics"]
             if d["code"] == "DS101" and d["path"].endswith("approvalstage.md")]
    assert found, [d["code"] for d in document["diagnostics"]]
    assert found[0]["hint"] == "did you mean 'identity'?"
    line = (docs / "approvalstage.md").read_text(encoding="utf-8").splitlines()[
        found[0]["fix"]["line"] - 1]
    assert line[found[0]["fix"]["col"] - 1:found[0]["fix"]["end_col"] - 1] == "identty"


def test_fixes_remove_exactly_their_findings(docs: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    edit(docs / "approvalstage.md", "|reviewedBy|",
         "|reviewer|identty|The reviewer.|\n|reviewedBy|")
    before = json.loads(lint(capsys, "--format", "json")[1])["diagnostics"]
    fixed = sorted((d["path"], d["code"]) for d in before if d.get("fix"))
    assert fixed == [("docs/approval.md", "DS110"), ("docs/approvalstage.md", "DS101"),
                     ("docs/calendarpermission.md", "DS402")]
    assert apply_fixes(before) == 3
    after = json.loads(lint(capsys, "--format", "json")[1])["diagnostics"]
    key = [(d["path"], d["code"], d["message"]) for d in before if not d.get("fix")]
    assert sorted((d["path"], d["code"], d["message"]) for d in after) == sorted(key)


def test_codes_help_and_docs_page(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.codehelp import codes_markdown

    assert main(["codes", "ds110"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("DS110 duplicate-property (warning)") and "What to do:" in out
    assert "codes.md#ds110" in out
    assert main(["codes", "DS999"]) == 2
    from generator.codehelp import HELP
    from generator.diagnostics import CODES

    assert [code for code in CODES if code not in HELP] == [], (
        "each code needs a help text (what to do) in generator/codehelp.py")
    docs_page = Path(__file__).resolve().parents[1] / "docs" / "codes.md"
    assert docs_page.read_text(encoding="utf-8") == codes_markdown(), (
        "docs/codes.md is stale: run `docschema codes --docs > docs/codes.md`")
