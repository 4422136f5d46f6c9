"""Bad names never break a run, escape out/, or vanish silently (issue 15).

``tests/fixtures/badnames/`` holds real pages plus one page per bad name the issue found: a
path traversal in ``@odata.type``, a 300-character name, ``a/b``, ``with space``, and an enum
whose members ``Red`` (4) and ``red`` (5) differ in case only.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from name_invariants import (
    Run,
    assert_members_kept,
    assert_run_invariants,
    declaring_pages,
    files_under,
    parsed_pages,
    python_package_imports,
    python_package_passes_mypy,
    run_generate,
)

from generator import names
from generator.cli import main
from generator.emit import naming
from generator.write import validate_relpath

FIXTURES = Path(__file__).parent / "fixtures" / "badnames"
BAD_PAGES = ("bad-traversal.md", "bad-longname.md", "bad-slash.md", "bad-space.md")
INTACT = ("microsoft.graph.identity", "microsoft.graph.identitySet", "microsoft.graph.entity",
          "microsoft.graph.thumbnail", "microsoft.graph.chatInfo",
          "microsoft.graph.runAsAccountType", "microsoft.graph.colour",
          "microsoft.graph.refersToBad", f"microsoft.graph.{'n' * 120}.{'é' * 100}{'m' * 20}")


@pytest.fixture(scope="module", params=["3.0.4", "3.1"])
def bad_run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("bad")
    shutil.copytree(FIXTURES, root / "src")
    before = files_under(root)
    run = run_generate(root / "src", root / "out", request.param)
    created = files_under(root) - before
    assert all(path == "out" or path.startswith("out/") for path in created), created
    return run


def test_generate_writes_every_intact_type_and_valid_outputs(bad_run: Run) -> None:
    names_in_model = {t.qualified_name for t in (*bad_run.model.types, *bad_run.model.enums)}
    assert names_in_model == set(INTACT)
    for name in INTACT:
        assert f"jsonschema/{names.fit_file_name(name, '.schema.json')}" in bad_run.result.hashes
        assert f"model/{names.fit_file_name(name, '.yaml')}" in bad_run.result.hashes
    version = "3.1" if "3.1" in (bad_run.out / "openapi/openapi.yaml").read_text()[:40] \
        else "3.0.4"
    pages = parsed_pages(bad_run.out.parent / "src")
    assert_run_invariants(bad_run, declaring_pages(pages), version)
    assert_members_kept(bad_run, pages)


def test_each_bad_page_is_an_error_naming_page_line_and_name(bad_run: Run) -> None:
    errors = {Path(d.path).name: d for d in bad_run.diagnostics if d.code == "DS130"}
    assert sorted(errors) == sorted(BAD_PAGES)
    assert "'microsoft.graph.a/b'" in errors["bad-slash.md"].message
    assert "contains '/'" in errors["bad-slash.md"].message
    assert "with space" in errors["bad-space.md"].message
    assert "300 characters, more than 128" in errors["bad-longname.md"].message
    assert all(d.line == 7 for d in errors.values())


def test_a_valid_name_too_long_for_a_file_name_is_shortened_and_said(bad_run: Run) -> None:
    long_name = INTACT[-1]
    shortened = [d for d in bad_run.diagnostics if d.code == "DS132"]
    assert [Path(d.path).name for d in shortened] == ["long-valid-name.md"]
    schema_file = names.fit_file_name(long_name, ".schema.json")
    assert schema_file != long_name + ".schema.json"
    assert schema_file.endswith(f"-{names.digest_of(long_name)}.schema.json")
    document = json.loads((bad_run.out / "jsonschema" / schema_file).read_text("utf-8"))
    assert document["$id"] == schema_file


def test_references_to_left_out_types_are_unresolved_with_their_own_diagnostic(
        bad_run: Run) -> None:
    refers = bad_run.model.structured("microsoft.graph.refersToBad")
    assert refers is not None
    types = {p.name: p.type.name for p in refers.properties}
    for name in ("viaTraversal", "viaSlash", "viaSpace", "viaLong"):
        assert types[name] == "Edm.Untyped"
    assert types["identity"] == "microsoft.graph.identity"
    unresolved = sorted(d.line for d in bad_run.diagnostics if d.code == "DS131")
    assert unresolved == [17, 18, 19, 20]


def test_the_case_colliding_enum_keeps_both_members(bad_run: Run) -> None:
    colour = bad_run.model.enum("microsoft.graph.colour")
    assert colour is not None
    assert [(m.name, m.value) for m in colour.members] == [("Red", 4), ("red", 5), ("blue", 6)]
    module = (bad_run.out / "python/graph_models/colour.py").read_text(encoding="utf-8")
    assert 'RED = "Red"' in module and 'RED_2 = "red"' in module
    openapi = (bad_run.out / "openapi/openapi.yaml").read_text(encoding="utf-8")
    assert "      - Red\n      - red\n" in openapi


@pytest.mark.slow
def test_the_python_package_imports_and_passes_mypy_strict(bad_run: Run) -> None:
    python_package_imports(bad_run.out)
    python_package_passes_mypy(bad_run.out)


def test_cli_generate_exits_0_and_lint_reports_each_bad_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES, tmp_path / "src")
    assert main(["generate", "--no-cache", "--jobs", "1", "--out", str(tmp_path / "out"),
                 str(tmp_path / "src")]) == 0
    captured = capsys.readouterr()
    assert "bug in docschema" not in captured.err
    assert not (tmp_path / "outside").exists()
    assert main(["lint", "--no-cache", "--jobs", "1", str(tmp_path / "src")]) == 1
    lines = capsys.readouterr().out.splitlines()
    for page in BAD_PAGES:
        assert any(f"{page}:7:1: error DS130 invalid-type-name" in line for line in lines), page


def test_the_write_stage_still_refuses_escaping_paths() -> None:
    """The last line of defence stays; the fuzz test shows bad input never reaches it."""
    for path in ("../x", "jsonschema/../../x", "/etc/passwd", "a//b", "a\\b"):
        with pytest.raises(ValueError, match="refusing"):
            validate_relpath(path)


# -- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["user", "_x", "x509Certificate", "café", "名前", "Ωmega",
                                  "a" * 128, "a\u0301b"])
def test_valid_identifiers(name: str) -> None:
    assert names.identifier_problem(name) is None


@pytest.mark.parametrize(("name", "why"), [
    ("", "is empty"), ("1abc", "starts with '1'"), ("a/b", "contains '/'"),
    ("with space", "contains U+0020"), ("a\x00b", "contains U+0000"),
    ("a\u200bb", "contains U+200B"), ("..", "starts with '.'"), ("a-b", "contains '-'"),
    ("a" * 129, "129 characters"),
])
def test_invalid_identifiers_say_why(name: str, why: str) -> None:
    problem = names.identifier_problem(name)
    assert problem is not None and why in problem


def test_namespaces_are_dotted_identifiers() -> None:
    assert names.namespace_problem("microsoft.graph.callRecords") is None
    assert "segment ''" in (names.namespace_problem("microsoft.graph..x") or "")
    assert "512 characters" in (names.namespace_problem("a." * 255 + "ab") or "")


def test_long_valid_names_are_shortened_deterministically_and_stay_unique() -> None:
    long_ascii = "microsoft.graph." + "a" * 128 + "." + "b" * 128
    long_wide = "microsoft.graph." + "é" * 128  # 256 bytes of name alone
    for name in (long_ascii, long_wide):
        assert names.is_valid_qualified(name)
        assert names.shortened_in_file_names(name)
        fitted = names.fit_file_name(name, ".schema.json")
        assert len(fitted.encode("utf-8")) <= names.MAX_FILE_NAME
        assert fitted.endswith(".schema.json") and fitted == names.fit_file_name(name,
                                                                               ".schema.json")
    assert names.fit_file_name(long_ascii + "c", ".yaml") != names.fit_file_name(
        long_ascii + "d", ".yaml")
    assert names.fit_file_name("microsoft.graph.user", ".yaml") == "microsoft.graph.user.yaml"


def test_component_keys_are_valid_and_distinct() -> None:
    keys = {names.component_key(n) for n in ("microsoft.graph.cafe", "microsoft.graph.café",
                                              "microsoft.graph.cafè", "microsoft.graph.名前")}
    assert len(keys) == 4 and all(names.is_component_key(k) for k in keys)
    assert names.component_key("microsoft.graph.user_x") == "microsoft.graph.user_x"


@pytest.mark.parametrize("name", ["aB" * 64, "aAA" * 42 + "aa", "a_" * 63 + "ab", "é" * 128])
def test_python_module_names_of_valid_names_fit_a_file_name(name: str) -> None:
    """Python names keep ASCII words only, so the worst valid name stays far below 255."""
    assert names.identifier_problem(name) is None
    module = naming.valid_start(naming.snake_case(name), "type_")
    assert len(f"{module}_99.py".encode()) <= names.MAX_FILE_NAME


def test_file_names_never_start_with_a_windows_device_name() -> None:
    assert names.fit_file_name("nul.widget", ".schema.json") == "x-nul.widget.schema.json"
    assert names.fit_file_name("Com1.a", ".yaml") == "x-Com1.a.yaml"
    assert names.fit_file_name("microsoft.graph.nul", ".yaml") == "microsoft.graph.nul.yaml"
