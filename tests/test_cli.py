"""The command line: exit codes, one-line errors (never a traceback), what each command prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_pipeline import FakeStages, install_fake_stages

import generator.read
import generator.resolve
from generator import pipeline
from generator.cli import main
from generator.model import Diagnostic, SourceLocation

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    for name in ("alpha", "beta"):
        (tmp_path / "docs" / f"{name}.md").write_text(f"# {name}\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docschema]\nsources = ["docs"]\nout = "gen"\ntargets = ["model"]\n',
        encoding="utf-8")
    return tmp_path


@pytest.fixture
def stages(monkeypatch: pytest.MonkeyPatch) -> FakeStages:
    return install_fake_stages(monkeypatch)


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    assert lines[0].startswith("docschema: error: ")
    return lines[0]


def test_generate_uses_the_config_and_prints_the_summary(
        project: Path, stages: FakeStages, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert out[0].startswith("docschema: 2 pages, 2 types, 0 enums; files: 2 written, "
                             "0 unchanged, 0 removed; 0 errors, 0 warnings, 2 info; ")
    assert sorted(p.name for p in (project / "gen" / "model").iterdir()) == [
        "ns.alpha.yaml", "ns.beta.yaml"]


def test_flags_override_the_config(project: Path, stages: FakeStages) -> None:
    (project / "other").mkdir()
    (project / "other" / "x.md").write_text("# x\n", encoding="utf-8")
    assert main(["generate", "other", "--out", "elsewhere", "--target", "python",
                 "--quiet"]) == 0
    assert (project / "elsewhere" / "python" / "graph_models" / "x.py").is_file()
    assert not (project / "gen").exists()


def test_quiet_prints_nothing(project: Path, stages: FakeStages,
                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")


def test_check_exits_1_listing_the_files(project: Path, stages: FakeStages,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    main(["generate", "--quiet"])
    assert main(["check"]) == 0
    assert "up to date" in capsys.readouterr().out
    (project / "gen" / "model" / "ns.alpha.yaml").write_text("x", encoding="utf-8")
    (project / "docs" / "gamma.md").write_text("# gamma\n", encoding="utf-8")
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == ["stale: gen/MANIFEST", "stale: gen/model/ns.alpha.yaml",
                                         "missing: gen/model/ns.gamma.yaml"]
    assert "3 files: 2 stale, 1 missing, 0 extra" in captured.err


def test_generate_prints_a_discarded_cache_beside_the_summary(
        project: Path, stages: FakeStages, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate"]) == 0
    capsys.readouterr()
    for cached in (project / ".docschema_cache").rglob("*.pickle"):
        cached.write_bytes(b"not a pickle")
    assert main(["generate"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1
    warnings = captured.err.splitlines()
    assert warnings, "a discarded cache must be said, not only counted"
    assert all(" warning DS902 cache-discarded: " in line for line in warnings), warnings
    assert "2 info" in captured.out  # the pages' own diagnostics stay lint's


@pytest.mark.parametrize(("argv", "message"), [
    (["generate", "nowhere"], "nowhere: no such file or directory"),
    (["generate", "empty"], "empty: no .md pages"),
    (["generate", "--target", "cobol"], "invalid choice: 'cobol'"),
    (["generate", "--jobs", "-1"], "--jobs must be"),
    (["lint", "--format", "xml"], "invalid choice: 'xml'"),
    (["lint", "--examples", "nowhere"], "--examples nowhere: not a directory"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    ([], "the following arguments are required: COMMAND"),
])
def test_usage_errors_are_one_line_and_exit_2(project: Path, stages: FakeStages, argv: list[str],
                                              message: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (project / "empty").mkdir()
    assert main(argv) == 2
    assert message in one_error_line(capsys)


def test_bad_config_is_one_line_and_exit_2(project: Path, stages: FakeStages,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[tool.docschema]\ncolour = "blue"\n')
    assert main(["generate"]) == 2
    assert "unknown key 'colour'" in one_error_line(capsys)
    (project / "pyproject.toml").write_text("[tool.docschema\n")
    assert main(["generate"]) == 2
    assert "cannot read configuration" in one_error_line(capsys)


def test_an_unreadable_page_stops_the_run_before_writing(
        project: Path, stages: FakeStages, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    real = generator.read.read_source

    def unreadable(path: Path, cache: object = None) -> tuple[object, list[Diagnostic]]:
        if path.name == "beta.md":
            return None, [Diagnostic.at(SourceLocation(path.as_posix()), "DS001",
                                        "cannot read: Permission denied")]
        return real(path, cache)

    monkeypatch.setattr(generator.read, "read_source", unreadable)
    assert main(["generate"]) == 2
    assert one_error_line(capsys).endswith("docs/beta.md: cannot read: Permission denied")
    assert not (project / "gen").exists()


def test_an_unwritable_output_is_one_line_and_exit_2(project: Path, stages: FakeStages,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (project / "blocker").write_text("a file, not a directory")
    assert main(["generate", "--out", "blocker/out"]) == 2
    assert "blocker" in one_error_line(capsys)


def test_an_internal_error_is_one_line_and_exit_2(project: Path, stages: FakeStages,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*args: object) -> object:
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(generator.resolve, "resolve_pages", broken)
    assert main(["generate"]) == 2
    assert one_error_line(capsys).endswith(
        "resolve failed: ZeroDivisionError: oops (this is a bug in docschema; please report it)")


def test_keyboard_interrupt_exits_130(project: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "generate", interrupted)
    assert main(["generate"]) == 130
    assert capsys.readouterr().err == "docschema: interrupted\n"


def test_lint_formats_and_min_severity(project: Path, stages: FakeStages,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint"]) == 0  # info only: no errors
    captured = capsys.readouterr()
    hint = "  hint: add a line 'Namespace: microsoft.graph' under the title"
    assert captured.out.splitlines() == [
        "docs/alpha.md:2:1: info DS402 missing-namespace: no namespace", hint,
        "docs/beta.md:2:1: info DS402 missing-namespace: no namespace", hint]
    assert captured.err == "docschema: 2 pages; 0 errors, 0 warnings, 2 info\n"
    assert main(["lint", "--min-severity", "warning"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["lint", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["infos"] == 2 and len(document["diagnostics"]) == 2
    assert main(["lint", "--format", "sarif"]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == "2.1.0"


def test_lint_exits_1_on_an_error(project: Path, stages: FakeStages,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "bad.md").write_text("# crash\n", encoding="utf-8")
    assert main(["lint", "--min-severity", "error"]) == 1
    assert "error DS901 internal-error" in capsys.readouterr().out


def test_show_prints_one_type_and_rejects_unknown_names(
        project: Path, stages: FakeStages, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import generator.emit.model_yaml

    monkeypatch.setattr(generator.emit.model_yaml, "model_to_yaml",
                        lambda model, name: f"name: {name}\n")
    assert main(["show", "ALPHA"]) == 0
    assert capsys.readouterr().out == "name: ns.alpha\n"
    assert main(["show", "nothing"]) == 2
    assert "no type or enum named 'nothing'" in one_error_line(capsys)


def test_codes_prints_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codes", "--markdown"]) == 0
    assert "| DS101 | unresolved-type | warning |" in capsys.readouterr().out


@pytest.mark.slow
def test_python_m_generator_runs_without_a_traceback(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "generator", "generate", "missing-dir"],
                         cwd=tmp_path, capture_output=True, text=True, check=False)
    assert run.returncode == 2
    assert run.stderr == "docschema: error: missing-dir: no such file or directory\n"
    version = subprocess.run([sys.executable, "-m", "generator", "--version"], cwd=tmp_path,
                             capture_output=True, text=True, check=False)
    assert version.stdout.startswith("docschema ")


def test_exit_nonzero_on_change_for_pre_commit(project: Path, stages: FakeStages) -> None:
    assert main(["generate", "--quiet", "--exit-nonzero-on-change"]) == 1
    assert main(["generate", "--quiet", "--exit-nonzero-on-change"]) == 0
    (project / "docs" / "beta.md").unlink()
    assert main(["generate", "--quiet", "--exit-nonzero-on-change"]) == 1  # a removal counts


def test_lint_with_examples_reports_what_it_validated(
        project: Path, stages: FakeStages, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from generator import examples

    (project / "api").mkdir()
    (project / "api" / "get.md").write_text("# get\n", encoding="utf-8")
    seen: list[list[str]] = []

    def fake_lint(model: object, sources: list[generator.read.SourceFile],
                  options: object) -> tuple[examples.ExampleStats, list[Diagnostic]]:
        seen.append([s.path for s in sources])
        stats = examples.ExampleStats(pages=1, responses=1, typed=1, with_schema=1, checked=1,
                                      invalid=1)
        return stats, [Diagnostic.at(SourceLocation("api/get.md", 3, 1), "DS201", "bad")]

    monkeypatch.setattr(examples, "lint_examples", fake_lint)
    assert main(["lint", "--examples", "api", "--min-severity", "error"]) == 1
    captured = capsys.readouterr()
    assert seen == [["api/get.md"]]
    assert captured.out == "api/get.md:3:1: error DS201 example-invalid: bad\n"
    assert "examples: 1 checked, 0 valid, 1 invalid" in captured.err
