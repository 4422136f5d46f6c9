"""The lint gate on the whole v1.0 corpus (copied, so it can be edited): SARIF validates with
a fingerprint per result; a baseline survives a prose edit that moves every line of a fifth of
the pages. Marked ``corpus``: skips without ../shared. Counts print with ``pytest -s``."""

from __future__ import annotations

import collections
import json
import re
import shutil
from pathlib import Path

import pytest
from fixedit import apply_fixes
from jsonschema import Draft7Validator

from generator.cli import main

pytestmark = pytest.mark.corpus

SHARED = Path(__file__).resolve().parents[2] / "shared"
V1 = SHARED / "corpus" / "graph-docs-2021" / "api-reference" / "v1.0" / "resources"
SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not V1.is_dir() or not SCHEMA.is_file():
        pytest.skip("the shared corpus is not there")
    shutil.copytree(V1, tmp_path / "resources")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "resources"


def test_v1_sarif_and_baseline(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "resources", "--format", "sarif"]) == 0
    document = json.loads(capsys.readouterr().out)
    errors = list(Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
                  .iter_errors(document))
    results = document["runs"][0]["results"]
    with_fix = sum("fixes" in r for r in results)
    with_subject = sum("subject" in r.get("properties", {}) for r in results)
    with capsys.disabled():
        print(f"\nv1.0 SARIF: {len(results)} results, {len(errors)} schema errors, "
              f"{with_fix} with fixes, {with_subject} with a subject")
    assert errors == [] and len(results) > 2000
    assert all("docschemaFingerprint/v1" in r["partialFingerprints"] for r in results)
    assert with_fix > 0

    assert main(["lint", "resources", "--baseline", "b.json", "--update-baseline"]) == 0
    capsys.readouterr()
    edited = 0
    for number, page in enumerate(sorted(corpus.glob("*.md"))):
        text = page.read_text(encoding="utf-8")
        title = re.search(r"^# .*$", text, re.MULTILINE)
        if number % 5 == 0 and title is not None:
            page.write_text(f"{text[:title.end()]}\n\nAn added paragraph.\nAnother line.\n"
                            f"{text[title.end():]}", encoding="utf-8")
            edited += 1
    assert main(["lint", "resources", "--baseline", "b.json", "--format", "sarif"]) == 0
    states = collections.Counter(r["baselineState"]
                                 for r in json.loads(capsys.readouterr().out)["runs"][0]["results"])
    with capsys.disabled():
        print(f"baseline after moving the lines of {edited} pages: {dict(states)}")
    assert edited > 200 and set(states) == {"unchanged"}


def test_v1_fixes_remove_their_findings_and_nothing_else(
        corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["lint", "resources", "--format", "json"])
    before = json.loads(capsys.readouterr().out)["diagnostics"]
    fixable = collections.Counter(d["code"] for d in before if d.get("fix"))
    applied = apply_fixes(before)
    main(["lint", "resources", "--format", "json"])
    after = json.loads(capsys.readouterr().out)["diagnostics"]
    counts_before = collections.Counter(d["code"] for d in before)
    counts_after = collections.Counter(d["code"] for d in after)
    with capsys.disabled():
        print(f"\nv1.0 fixes applied: {applied} ({dict(fixable)}); findings "
              f"{len(before)} -> {len(after)}")
    assert applied == sum(fixable.values()) > 50
    assert counts_after == counts_before - fixable
