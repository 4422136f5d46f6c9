"""User templates (template_dir): golden records of what a template dir changes, every built-in
file honoured when overridden, errors on one line, determinism and the cache.

Like openapi-python-client's ``test_custom_templates``, each golden test names exactly which
files of the committed ``out/`` are expected to differ, and how.
"""

from __future__ import annotations

import dataclasses
import filecmp
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import pipeline, templating
from generator.cli import main
from generator.options import Options, load_config, options_from_config
from generator.templating import Templates, builtin_files

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "templates"
LICENCE = "# Licensed to the Graph docs team under the MIT licence.\n"


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def specs_options(tmp: Path, template_dir: Path | None, **changes: Any) -> Options:
    """The repository's configuration (sources "specs", relative: run from REPO)."""
    options = options_from_config(load_config(REPO), Path())
    return dataclasses.replace(options, out=tmp / "out", cache_dir=tmp / "cache",
                               template_dir=template_dir, **changes)


def generate(tmp: Path, template_dir: Path | None, **changes: Any) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)  # sources as configured ("specs"), as in the committed out/
        options = specs_options(tmp, template_dir, **changes)
        pipeline.generate(options)
    return tmp / "out"


def differing(generated: Path, committed: Path = REPO / "out") -> list[str]:
    """The files whose bytes differ from the committed out/ (MANIFEST, their hashes, left out);
    the two trees must hold the same files."""
    names = files_under(committed)
    assert files_under(generated) == names
    _, mismatch, errors = filecmp.cmpfiles(committed, generated, names, shallow=False)
    assert errors == []
    return sorted(name for name in mismatch if name != "MANIFEST")


def py_files(root: Path) -> list[str]:
    return [name for name in files_under(root) if name.endswith(".py")]


# -- golden records with fixture template dirs --------------------------------------------------


def test_licence_header_tops_every_python_file_and_nothing_else(tmp_path: Path) -> None:
    out = generate(tmp_path, FIXTURES / "licence")
    committed = REPO / "out"
    assert differing(out) == py_files(committed)
    for name in py_files(committed):
        before = (committed / name).read_text(encoding="utf-8")
        assert (out / name).read_text(encoding="utf-8") == LICENCE + before, name


@pytest.mark.slow
def test_licence_header_package_imports_and_passes_mypy_strict(tmp_path: Path) -> None:
    from test_emit_python import import_and_typecheck

    out = generate(tmp_path, FIXTURES / "licence")
    assert import_and_typecheck(out / "python") > 40


@pytest.mark.parametrize("version", ["3.0.4", "3.1"])
def test_x_owner_on_every_schema_changes_only_the_openapi_document(tmp_path: Path,
                                                                   version: str) -> None:
    from openapi_spec_validator import validate

    plain = generate(tmp_path / "plain", None, openapi_version=version)
    owned = generate(tmp_path / "owned", FIXTURES / "x_owner", openapi_version=version)
    assert differing(owned, plain) == ["openapi/openapi.yaml"]
    before = (plain / "openapi/openapi.yaml").read_text(encoding="utf-8").splitlines()
    after = (owned / "openapi/openapi.yaml").read_text(encoding="utf-8").splitlines()
    added = list(after)
    for line in before:  # after is before with lines added: remove before's lines in order
        added.remove(line)
    document = yaml.safe_load("\n".join(after))
    model = pipeline.load_model(Options(sources=(REPO / "specs",), use_cache=False))
    types = {t.qualified_name for t in model.types} | {e.qualified_name for e in model.enums}
    # the schemas the paths add (collection responses, the error) are not types' entries
    schemas = {k: v for k, v in document["components"]["schemas"].items() if k in types}
    assert added == ["      x-owner: graph"] * len(schemas)
    assert all(schema["x-owner"] == "graph" for schema in schemas.values())
    validate(document)


def test_class_template_extending_the_builtin_changes_only_class_modules(tmp_path: Path) -> None:
    out = generate(tmp_path, FIXTURES / "method")
    model = pipeline.load_model(Options(sources=(REPO / "specs",), use_cache=False))
    classes = {name for name in differing(out)}
    assert classes and all(name.startswith("python/graph_models/") for name in classes)
    assert len(classes) == len(model.types)
    for name in classes:
        text = (out / name).read_text(encoding="utf-8")
        assert "    def wire_type(self) -> str:\n" in text
        assert "@dataclasses.dataclass(kw_only=True)" in text  # a class module, not an enum
    sys.path.insert(0, str(out / "python"))
    try:
        import graph_models  # type: ignore[import-not-found]
        from graph_models import _registry, _runtime  # type: ignore[import-not-found]

        for odata_type, where in _registry.TYPES.items():
            cls = _runtime._reference(where)
            item = {"@odata.type": f"#{odata_type}", "unknownProperty": [1, {"a": None}]}
            instance = cls.from_dict(item)
            assert instance.to_dict() == item  # the round trip holds with the method added
            assert instance.wire_type() == f"#{odata_type}"
        assert graph_models.__name__ == "graph_models"
    finally:
        sys.path.remove(str(out / "python"))
        for name in [m for m in sys.modules if m.split(".")[0] == "graph_models"]:
            del sys.modules[name]


# -- every built-in file, overridden, changes the output -------------------------------------


def _override(name: str, source: str) -> str:
    """A user version of built-in ``name`` that must change what docschema writes."""
    if name in VALUE_TEMPLATES:
        variable = VALUE_TEMPLATES[name]
        return f'{{{{ {variable} | merge({{"x-overridden": "{name}"}}) | to_json }}}}\n'
    return source + "\n# overridden\n" if source else "# overridden\n"


VALUE_TEMPLATES = {name: context.value for name, context in templating.CONTEXTS.items()
                   if context.value}


@pytest.mark.parametrize("name", sorted(builtin_files()))
def test_overriding_any_builtin_file_changes_the_output(tmp_path: Path, name: str) -> None:
    user = tmp_path / "templates"
    (user / name).parent.mkdir(parents=True)
    source = builtin_files()[name].read_text(encoding="utf-8")
    (user / name).write_text(_override(name, source), encoding="utf-8")
    out = generate(tmp_path, user)
    changed = differing(out)
    assert changed, f"overriding {name} changed nothing"
    target = name.partition("/")[0]
    assert all(path.startswith(target + "/") for path in changed), changed


def test_every_builtin_file_is_documented_in_contexts() -> None:
    assert sorted(templating.CONTEXTS) == sorted(builtin_files())


# -- static files, template_data, unused files ---------------------------------------------------


def test_static_files_are_copied_and_unmatched_files_warned(tmp_path: Path) -> None:
    user = tmp_path / "templates"
    (user / "python").mkdir(parents=True)
    (user / "python" / "helpers.py").write_bytes(b'"""Hand-written."""\r\nX = 1\r\n')
    (user / "jsonschema").mkdir()
    (user / "jsonschema" / "README.md").write_text("schemas\n", encoding="utf-8")
    (user / "python" / "clas_module.py.jinja").write_text("typo\n", encoding="utf-8")
    (user / "notes.txt").write_text("x\n", encoding="utf-8")
    (user / "python" / "_macros.jinja").write_text("{% macro hi() %}# hi{% endmacro %}\n",
                                                   encoding="utf-8")
    (user / "python" / "_header.py.jinja").write_text(
        '{% import "python/_macros.jinja" as macros %}{{ macros.hi() }}\n', encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        result = pipeline.generate(specs_options(tmp_path, user))
    out = tmp_path / "out"
    assert (out / "python/graph_models/helpers.py").read_bytes() == \
        b'"""Hand-written."""\r\nX = 1\r\n'  # verbatim: no black, no newline translation
    assert (out / "jsonschema/README.md").read_text(encoding="utf-8") == "schemas\n"
    assert (out / "python/graph_models/_registry.py").read_text(encoding="utf-8").startswith(
        "# hi\n")  # a helper the user's header imports: used, so not reported
    unused = sorted(d.message.split()[0] for d in result.diagnostics if d.code == "DS950")
    assert unused == ["notes.txt", "python/clas_module.py.jinja"]


def test_template_data_reaches_every_template(tmp_path: Path) -> None:
    user = tmp_path / "templates"
    (user / "jsonschema").mkdir(parents=True)
    (user / "jsonschema/type.schema.json.jinja").write_text(
        '{{ schema | merge({"x-team": template_data.team}) | to_json }}', encoding="utf-8")
    (user / "python").mkdir()
    (user / "python/_header.py.jinja").write_text("# {{ template_data.team }} "
                                                  "(template_api {{ template_api }})\n",
                                                  encoding="utf-8")
    out = generate(tmp_path, user, template_data={"team": "graph-docs"})
    assert (out / "python/graph_models/_registry.py").read_text(encoding="utf-8").startswith(
        "# graph-docs (template_api 1)\n")
    schema = yaml.safe_load((out / "jsonschema/microsoft.graph.chatInfo.schema.json")
                            .read_text(encoding="utf-8"))
    assert schema["x-team"] == "graph-docs"


def test_filters_keep_order_and_text() -> None:
    value = {"b": "<&'>", "a": [1, {"c": None}]}
    assert templating.to_json(value) == '{\n  "b": "<&\'>",\n  "a": [\n    1,\n    {\n' \
        '      "c": null\n    }\n  ]\n}'
    assert templating.to_yaml(value) == "b: <&'>\na:\n- 1\n- c: null"
    assert templating.merge(value, {"a": 2, "d": {"e": 1}}) == {"b": "<&'>", "a": 2,
                                                                 "d": {"e": 1}}
    assert templating.merge({"p": {"x": 1}}, {"p": {"y": 2}}) == {"p": {"x": 1, "y": 2}}
    assert value == {"b": "<&'>", "a": [1, {"c": None}]}  # merge leaves its input alone
    assert templating.without(value, "b") == {"a": [1, {"c": None}]}


def test_lint_examples_validate_against_the_templated_schemas() -> None:
    from generator.emit.jsonschema import jsonschema_documents

    model = pipeline.load_model(Options(sources=(REPO / "specs",), use_cache=False))
    user = FIXTURES / "closed"
    plain = jsonschema_documents(model, strict=False)
    templated = jsonschema_documents(model, strict=False, templates=Templates(user))
    name = "microsoft.graph.chatInfo.schema.json"
    assert "unevaluatedProperties" not in plain[name]
    assert templated[name] == {**plain[name], "unevaluatedProperties": False}


# -- determinism and the cache -------------------------------------------------------------------


def test_same_bytes_across_jobs_and_cold_and_warm_cache(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_EMIT_MIN_TYPES", 1)  # jobs 2 forks the side targets
    user = FIXTURES / "all"
    cold1 = generate(tmp_path / "one", user, jobs=1)
    cold2 = generate(tmp_path / "two", user, jobs=2)
    assert differing(cold2, cold1) == []
    (cold1 / "openapi/openapi.yaml").unlink()
    warm = generate(tmp_path / "one", user, jobs=1)  # the memo serves every text
    assert differing(warm, cold2) == []


@pytest.mark.slow
def test_same_bytes_under_another_hash_seed(tmp_path: Path) -> None:
    outs = []
    for seed in ("0", "4242"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "generator", "generate", "--out", str(out),
                        "--no-cache", "--quiet", "--template-dir", str(FIXTURES / "all")],
                       cwd=REPO, env=env, check=True)
        outs.append(out)
    assert differing(outs[1], outs[0]) == []


def test_editing_a_template_rerenders_its_target_and_a_revert_restores_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.emit import emitters

    user = tmp_path / "templates"
    (user / "openapi").mkdir(parents=True)
    entry = user / "openapi/schema.json.jinja"
    entry.write_text('{{ schema | merge({"x-v": 1}) | to_json }}', encoding="utf-8")
    first = generate(tmp_path, user)
    before = (first / "openapi/openapi.yaml").read_bytes()
    made: list[str] = []  # the targets whose type texts are made again

    def counting(target: str, real: Any) -> Any:
        def render_types(views: Any, options: Any) -> Any:
            if views:
                made.append(target)
            return real(views, options)
        return render_types

    for target, emitter in emitters().items():
        monkeypatch.setattr(emitter, "render_types", counting(target, emitter.render_types))
    entry.write_text('{{ schema | merge({"x-v": 2}) | to_json }}', encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.chdir(REPO)
        edited = pipeline.generate(specs_options(tmp_path, user))
    assert edited.written == ("openapi/openapi.yaml",)  # not a no-op, and only that target
    assert edited.stats.parsed_pages == 0  # the parse cache survives a template edit
    assert set(made) == {"openapi"}  # the other targets: from the memo
    assert b"x-v: 2" in (first / "openapi/openapi.yaml").read_bytes()
    made.clear()
    entry.write_text('{{ schema | merge({"x-v": 1}) | to_json }}', encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.chdir(REPO)
        reverted = pipeline.generate(specs_options(tmp_path, user))
    assert reverted.written == ("openapi/openapi.yaml",)
    assert (first / "openapi/openapi.yaml").read_bytes() == before
    assert made == []  # served from the cache: the memo and the writer's spare tree keep it


# -- errors --------------------------------------------------------------------------------------

ERRORS = {
    "syntax": ("python/class_module.py.jinja", "{% if %}\n", ":1: template syntax error"),
    "undefined": ("jsonschema/type.schema.json.jinja", "\n{{ schema | merge(nothing) }}",
                  ":2: undefined name: 'nothing' is undefined (rendering microsoft.graph."),
    "undefined-in-block": (
        "python/class_module.py.jinja",
        '{% extends "builtin/python/class_module.py.jinja" %}\n{% block class_body_end %}\n'
        "    x = {{ m.nope }}\n{% endblock %}\n",
        ":3: undefined name: 'generator.emit.python.ClassModule object' has no attribute "
        "'nope' (rendering microsoft.graph."),
    "render": ("model/type.yaml.jinja", "{{ data | to_json }}\n{{ 1 // 0 }}",
               ":2: ZeroDivisionError: integer division or modulo by zero (rendering "
               "microsoft.graph."),
    "not-json": ("jsonschema/type.schema.json.jinja", "{{ schema | to_json }},",
                 ":1: rendered text is not JSON (line "),
    "not-yaml": ("model/type.yaml.jinja", "a: [", ":1: rendered text is not YAML"),
    "black": ("python/enum_module.py.jinja", "class (:\n", ":1: black cannot format the "
              "rendered module: cannot parse: 1:6"),
    "frame": ("openapi/openapi.yaml.jinja", '{"openapi": "3.0.4"}',
              ":1: the frame must be a mapping whose components.schemas is an empty mapping"),
}


@pytest.mark.parametrize("kind", sorted(ERRORS))
def test_template_errors_are_one_line_exit_2_and_write_nothing(
        tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    name, source, expected = ERRORS[kind]
    user = tmp_path / "templates"
    (user / name).parent.mkdir(parents=True)
    (user / name).write_text(source, encoding="utf-8")
    project = tmp_path / "project"  # its own cache (.docschema_cache), beside its out/
    project.mkdir()
    (project / "pyproject.toml").write_text(
        f'[tool.docschema]\nsources = ["{(REPO / "specs").as_posix()}"]\n', encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.delenv("DOCSCHEMA_DEBUG", raising=False)
    for command in ("generate", "check"):
        code = main([command, "--template-dir", str(user), "--quiet"])
        error = capsys.readouterr().err
        assert code == 2
        assert error.count("\n") == 1 and "Traceback" not in error
        assert error.startswith(f"docschema: error: {(user / name).as_posix()}{expected}"), \
            error
    assert not (project / "out").exists()
    kept = ("run-", "findings-", "memo")
    saved = [p.name for p in (project / ".docschema_cache").rglob("*") if p.is_file()]
    assert not [name for name in saved if name.startswith(kept)], saved
    assert main(["generate", "--quiet"]) == 0  # without the bad template: the cache is saved
    saved = [p.name for p in (project / ".docschema_cache").rglob("*") if p.is_file()]
    assert [name for name in saved if name.startswith("run-")], saved


def test_check_and_lint_take_template_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    assert main(["generate", "--out", str(out), "--template-dir", str(FIXTURES / "licence"),
                 "--no-cache", "--quiet"]) == 0
    assert main(["check", "--out", str(out), "--no-cache", "--quiet"]) == 1
    assert main(["check", "--out", str(out), "--no-cache", "--quiet",
                 "--template-dir", str(FIXTURES / "licence")]) == 0
    assert main(["lint", "--no-cache", "--template-dir", str(FIXTURES / "licence")]) in (0, 1)
    capsys.readouterr()


def test_template_dir_from_config_is_relative_to_pyproject(tmp_path: Path) -> None:
    (tmp_path / "project" / "templates").mkdir(parents=True)
    options = options_from_config({"template_dir": "templates", "template_data": {"a": 1}},
                                  tmp_path / "project")
    assert options.template_dir == tmp_path / "project" / "templates"
    assert options.template_data == {"a": 1}
    with pytest.raises(templating.ConfigError, match="not a directory"):
        options_from_config({"template_dir": "missing"}, tmp_path)
    with pytest.raises(templating.ConfigError, match="must be a table"):
        options_from_config({"template_data": 3}, tmp_path)
    import datetime

    with pytest.raises(templating.ConfigError, match="template_data must hold strings"):
        options_from_config({"template_data": {"when": datetime.date(2026, 1, 1)}}, tmp_path)


# -- docschema templates -------------------------------------------------------------------------


def test_templates_lists_origins_and_copies_a_builtin(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert main(["templates", "--template-dir", str(FIXTURES / "method")]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    origins = {row[0]: row[1] for row in rows}
    assert set(origins) == set(builtin_files())
    assert origins["python/class_module.py.jinja"] == "user"
    assert origins["python/_runtime.py"] == "builtin"
    assert main(["templates", "--copy", "openapi/schema.json.jinja", "--to",
                 str(tmp_path)]) == 0
    copied = tmp_path / "openapi/schema.json.jinja"
    assert copied.read_bytes() == builtin_files()["openapi/schema.json.jinja"].read_bytes()
    assert main(["templates", "--copy", "openapi/schema.json.jinja", "--to",
                 str(tmp_path)]) == 2  # never overwrites
    assert main(["templates", "--copy", "nothing.jinja", "--to", str(tmp_path)]) == 2
    capsys.readouterr()


# -- the documented context ----------------------------------------------------------------------


def test_docs_list_the_context_the_code_defines() -> None:
    doc = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    start = doc.index("-->\n", doc.index("<!-- context table")) + len("-->\n")
    end = doc.index("<!-- end of context table -->")
    assert doc[start:end] == templating.context_table(), (
        "docs/templates.md's context table is stale: paste templating.context_table()")
    for name in templating.GLOBALS:
        assert f"`{name}`" in doc


def test_templates_receive_exactly_the_documented_names(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    received: dict[str, set[str]] = {}
    real = Templates.render

    def recording(self: Templates, name: str, subject: str, context: Any) -> str:
        received.setdefault(name, set()).update(context)
        return real(self, name, subject, context)

    monkeypatch.setattr(Templates, "render", recording)
    user = tmp_path / "templates"
    for name in builtin_files():  # copies of every built-in: every template is rendered
        templating.copy_builtin(name, user)
    out = generate(tmp_path, user)
    assert differing(out) == []  # the built-ins as user files: the same output
    rendered = {name: set(c.names) for name, c in templating.CONTEXTS.items()
                if c.renders != "copied"}
    assert received == rendered


# -- the built-in value templates render their value unchanged -----------------------------------


def _builtin_renders_every_value_unchanged(model: Any) -> int:
    """Render each built-in value template for real for every document of ``model`` and
    compare with the value the emitters then use without rendering
    (``Templates.renders_its_value``): equal values, so equal bytes."""
    from generator.emit import view_of
    from generator.emit.jsonschema import type_document
    from generator.emit.model_yaml import model_data
    from generator.emit.openapi import dialect_for, document_head, schema_for
    from generator.emit.schema_common import dump_json, dump_yaml

    templates = Templates()
    assert all(templates.renders_its_value(name) for name in VALUE_TEMPLATES)
    checked = 0
    for item in [*model.types, *model.enums]:
        name = item.qualified_name
        view = view_of(model, name)
        documents = {
            "jsonschema/type.schema.json.jinja": [type_document(view, strict=strict)
                                                  for strict in (False, True)],
            "model/type.yaml.jinja": [model_data(model, name)],
            "openapi/schema.json.jinja": [schema_for(view, dialect_for(v))
                                          for v in ("3.0.4", "3.1")],
        }
        for template, values in documents.items():
            variable = VALUE_TEMPLATES[template]
            for value in values:
                rendered = templates.render_value(template, name, {
                    variable: value, "name": name, "type": item}, "yaml")
                assert rendered == value and dump_json(rendered) == dump_json(value)
                assert dump_yaml(rendered) == dump_yaml(value)
                checked += 1
    frame = {**document_head("3.1"), "components": {"schemas": {}}}
    assert templates.render_value("openapi/openapi.yaml.jinja", "frame", {
        "document": frame, "schema_names": []}, "yaml") == frame
    return checked


def test_builtin_value_templates_render_specs_values_unchanged() -> None:
    model = pipeline.load_model(Options(sources=(REPO / "specs",), use_cache=False))
    assert _builtin_renders_every_value_unchanged(model) == 5 * len(model.types) + \
        5 * len(model.enums)


@pytest.mark.corpus
@pytest.mark.slow
def test_builtin_value_templates_render_corpus_values_unchanged() -> None:
    beta = REPO.parent / "shared/corpus/graph-docs-2021/api-reference/beta/resources"
    if not beta.is_dir():
        pytest.skip(f"corpus not found at {beta}")
    model = pipeline.load_model(Options(sources=(beta,), use_cache=False))
    assert _builtin_renders_every_value_unchanged(model) > 10_000


def test_a_static_file_where_a_generated_file_stands_is_an_error(tmp_path: Path) -> None:
    user = tmp_path / "templates"
    (user / "jsonschema").mkdir(parents=True)
    (user / "jsonschema/microsoft.graph.chatInfo.schema.json").write_text("{}",
                                                                          encoding="utf-8")
    with pytest.raises(templating.TemplateError, match=re.escape(
            "a static file where docschema generates "
            "jsonschema/microsoft.graph.chatInfo.schema.json")):
        generate(tmp_path, user)
    assert not (tmp_path / "out").exists()


def test_editing_a_shared_helper_a_template_includes_is_never_a_no_op(tmp_path: Path) -> None:
    user = tmp_path / "templates"
    (user / "openapi").mkdir(parents=True)
    (user / "owner.jinja").write_text("graph", encoding="utf-8")  # in no target's folder
    (user / "openapi/schema.json.jinja").write_text(
        '{% set owner %}{% include "owner.jinja" %}{% endset %}'
        '{{ schema | merge({"x-owner": owner}) | to_json }}', encoding="utf-8")
    out = generate(tmp_path, user)
    assert b"x-owner: graph" in (out / "openapi/openapi.yaml").read_bytes()
    python_only = Templates(user).fingerprint("python")
    (user / "owner.jinja").write_text("docs", encoding="utf-8")
    generate(tmp_path, user)
    assert b"x-owner: docs" in (out / "openapi/openapi.yaml").read_bytes()
    assert Templates(user).fingerprint("python") != python_only  # shared: every target's


API_PAGE = """# Get chatInfo

## Response

<!-- {
  "blockType": "response",
  "@odata.type": "microsoft.graph.chatInfo"
}
-->

``` http
HTTP/1.1 200 OK
Content-Type: application/json

{
  "threadId": "19:meeting",
  "notAProperty": 1
}
```
"""


def test_lint_examples_uses_the_schemas_the_templates_render(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "chatinfo-get.md").write_text(API_PAGE, encoding="utf-8")
    monkeypatch.chdir(REPO)
    lint = ["lint", "--no-cache", "--examples", str(tmp_path / "api"), "--min-severity", "error"]
    main(lint)
    plain = capsys.readouterr()
    main([*lint, "--template-dir", str(FIXTURES / "closed")])
    closed = capsys.readouterr()
    assert "examples: 1 checked, 1 valid, 0 invalid" in plain.err
    assert "examples: 1 checked, 0 valid, 1 invalid" in closed.err  # notAProperty: refused
