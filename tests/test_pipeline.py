"""pipeline: generate / check / lint over small fake stages (the real ones are tested elsewhere).

The fakes make the pipeline's own behaviour visible: which pages are parsed, when resolve and
emit run, what the cache and the memo hold.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

import generator.emit
import generator.parse
import generator.resolve
from generator import parallel, pipeline
from generator.emit import Document, TypeView
from generator.model import (
    Diagnostic,
    Model,
    PageFacts,
    Severity,
    SourceLocation,
    StructuredType,
    TypeFact,
    TypeKind,
)
from generator.options import Options
from generator.read import SourceFile
from generator.resolve import PageSource, ResolveContext, ResolveState


class FakeStages:
    def __init__(self) -> None:
        self.parsed: list[str] = []
        self.resolved = 0
        self.formatted: list[str] = []
        self.emitted = 0

    def parse_page(self, source: SourceFile) -> PageFacts:
        self.parsed.append(source.path)
        title = source.text.splitlines()[0].lstrip("# ").strip()
        if title == "crash":
            raise RuntimeError("boom")
        diagnostics = (Diagnostic.at(SourceLocation(source.path, 2, 1), "DS402", "no namespace"),)
        return PageFacts(source.path, source.sha256, title=title, diagnostics=diagnostics,
                         types=(TypeFact(title, SourceLocation(source.path)),))

    def resolve(self, pages: Sequence[PageFacts]) -> Model:
        self.resolved += 1
        types = sorted({StructuredType("ns", t.name, TypeKind.COMPLEX, description=t.name)
                        for p in pages for t in p.types}, key=lambda t: t.qualified_name)
        return Model(types=tuple(types))

    def emitters(self) -> dict[str, object]:
        return {target: FakeEmitter(self, target)
                for target in ("model", "python", "jsonschema", "openapi")}


class FakeEmitter:
    """A target with one file per type; python counts the texts it makes ("formats")."""

    def __init__(self, stages: FakeStages, target: str) -> None:
        self.stages, self.target = stages, target

    def places(self, model: Model, options: Options) -> dict[str, object]:
        return {}

    def type_files(self, model: Model, options: Options,
                   places: Mapping[str, object]) -> dict[str, str]:
        self.stages.emitted += self.target == "model"
        if self.target == "python":
            return {f"python/{options.python_package}/{t.name.lower()}.py": t.qualified_name
                    for t in model.types}
        return {f"{self.target}/{t.qualified_name}.yaml": t.qualified_name for t in model.types}

    def render_types(self, views: Sequence[TypeView], options: Options) -> list[str]:
        if self.target == "python":
            self.stages.formatted.extend(v.subject.name for v in views)
            return [f"class {v.subject.name}: ...\n" for v in views]
        return [f"name: {v.subject.name}\n" for v in views]

    def documents(self, model: Model, options: Options,
                  places: Mapping[str, object]) -> list[Document]:
        return []


def pages_resolver(resolve: Callable[[Sequence[PageFacts]], Model]) -> Callable[..., object]:
    """``resolve_pages`` over a resolve of every page's facts (it keeps no state)."""
    def resolve_pages(pages: PageSource, previous: object = None) -> tuple[Model, ResolveState]:
        model = resolve([pages.facts(i) for i in range(len(pages))])
        return model, ResolveState("fake", ResolveContext(), {})

    return resolve_pages


def install_fake_stages(monkeypatch: pytest.MonkeyPatch) -> FakeStages:
    fake = FakeStages()
    monkeypatch.setattr(generator.parse, "_parse_page", fake.parse_page)  # under its DS901 guard
    monkeypatch.setattr(generator.resolve, "resolve_pages", pages_resolver(fake.resolve))
    monkeypatch.setattr(generator.emit, "emitters", fake.emitters)
    return fake


@pytest.fixture
def stages(monkeypatch: pytest.MonkeyPatch) -> FakeStages:
    return install_fake_stages(monkeypatch)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("alpha", "beta", "gamma"):
        (docs / f"{name}.md").write_text(f"# {name}\n\ntext\n", encoding="utf-8")
    return tmp_path


def options(**changes: object) -> Options:
    values: dict[str, object] = {"sources": (Path("docs"),), "out": Path("out"),
                                 "targets": ("model", "python")}
    values.update(changes)
    return Options(**values)  # type: ignore[arg-type]


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_generate_writes_every_target_and_counts(project: Path, stages: FakeStages) -> None:
    result = pipeline.generate(options())
    assert sorted(tree(project / "out")) == [
        "MANIFEST", "model/ns.alpha.yaml", "model/ns.beta.yaml", "model/ns.gamma.yaml",
        "python/graph_models/alpha.py", "python/graph_models/beta.py",
        "python/graph_models/gamma.py"]
    stats = result.stats
    assert (stats.pages, stats.types, stats.enums) == (3, 3, 0)
    assert (stats.written, stats.unchanged, stats.removed) == (6, 0, 0)
    assert (stats.errors, stats.warnings, stats.infos) == (0, 0, 3)
    assert [d.path for d in result.diagnostics] == ["docs/alpha.md", "docs/beta.md",
                                                    "docs/gamma.md"]


def test_a_second_run_is_a_no_op(project: Path, stages: FakeStages) -> None:
    first = pipeline.generate(options())
    stages.parsed.clear()
    second = pipeline.generate(options())
    assert second.stats.skipped
    assert stages.parsed == [] and stages.resolved == 1
    assert second.diagnostics == first.diagnostics
    assert second.hashes == first.hashes
    assert (second.stats.written, second.stats.unchanged) == (0, 6)


def test_a_one_page_edit_parses_one_page_and_writes_its_files(project: Path,
                                                             stages: FakeStages) -> None:
    pipeline.generate(options())
    stages.parsed.clear()
    stages.formatted.clear()
    (project / "docs" / "beta.md").write_text("# delta\n", encoding="utf-8")
    result = pipeline.generate(options())
    assert stages.parsed == ["docs/beta.md"]
    assert stages.formatted == ["delta"]  # the memo kept alpha and gamma
    assert result.stats.parsed_pages == 1
    assert result.written == ("model/ns.delta.yaml", "python/graph_models/delta.py")
    assert result.removed == ("model/ns.beta.yaml", "python/graph_models/beta.py")


def test_a_hand_edited_output_defeats_the_no_op(project: Path, stages: FakeStages) -> None:
    pipeline.generate(options())
    target = project / "out" / "model" / "ns.alpha.yaml"
    target.write_text("edited\n", encoding="utf-8")
    result = pipeline.generate(options())
    assert not result.stats.skipped
    assert result.written == ("model/ns.alpha.yaml",)
    assert target.read_text(encoding="utf-8") == "name: alpha\n"


def test_changed_options_are_not_a_no_op(project: Path, stages: FakeStages) -> None:
    pipeline.generate(options())
    result = pipeline.generate(options(python_package="other"))
    assert not result.stats.skipped
    assert "python/other/alpha.py" in result.written
    assert "python/graph_models/alpha.py" in result.removed


def test_no_cache_reads_and_writes_no_cache(project: Path, stages: FakeStages) -> None:
    pipeline.generate(options(use_cache=False))
    pipeline.generate(options(use_cache=False))
    assert len(stages.parsed) == 6
    assert not (project / ".docschema_cache").exists()


def test_a_crash_on_one_page_is_a_diagnostic(project: Path, stages: FakeStages) -> None:
    (project / "docs" / "bad.md").write_text("# crash\n", encoding="utf-8")
    result = pipeline.generate(options())
    internal = [d for d in result.diagnostics if d.code == "DS901"]
    assert [(d.path, d.severity) for d in internal] == [("docs/bad.md", Severity.ERROR)]
    assert "RuntimeError: boom" in internal[0].message
    assert result.stats.types == 3


def test_a_failing_whole_model_stage_is_an_internal_error(project: Path, stages: FakeStages,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(pages: Sequence[PageFacts]) -> Model:
        raise KeyError("x")

    monkeypatch.setattr(generator.resolve, "resolve_pages", pages_resolver(broken))
    with pytest.raises(pipeline.InternalError, match="resolve failed: KeyError"):
        pipeline.generate(options())
    assert not (project / "out").exists()


def test_colliding_output_paths_are_an_internal_error(project: Path, stages: FakeStages,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    class Same(FakeEmitter):
        def type_files(self, model: Model, options: Options,
                       places: Mapping[str, object]) -> dict[str, str]:
            return {"model/x.yaml": model.types[0].qualified_name}

    monkeypatch.setattr(generator.emit, "emitters", lambda: {
        "model": Same(stages, "model"), "python": Same(stages, "python")})
    with pytest.raises(pipeline.InternalError, match="outside python"):
        pipeline.generate(options())


def test_check_finds_missing_stale_and_extra_and_writes_nothing(project: Path,
                                                                 stages: FakeStages) -> None:
    pipeline.generate(options())
    assert pipeline.check(options()).ok
    out = project / "out"
    (out / "model" / "ns.alpha.yaml").write_text("stale\n", encoding="utf-8")
    (out / "python" / "graph_models" / "beta.py").unlink()
    (project / "docs" / "gamma.md").unlink()
    before_out, before_cache = tree(out), tree(project / ".docschema_cache")
    result = pipeline.check(options())
    assert not result.ok
    assert result.stale == ("MANIFEST", "model/ns.alpha.yaml")
    assert result.missing == ("python/graph_models/beta.py",)
    assert result.extra == ("model/ns.gamma.yaml", "python/graph_models/gamma.py")
    assert tree(out) == before_out
    assert tree(project / ".docschema_cache") == before_cache


def test_check_on_a_missing_out_lists_everything_as_missing(project: Path,
                                                            stages: FakeStages) -> None:
    result = pipeline.check(options())
    assert len(result.missing) == 7 and "MANIFEST" in result.missing
    assert not (project / "out").exists()


def test_lint_returns_every_diagnostic(project: Path, stages: FakeStages) -> None:
    result = pipeline.lint(options())
    assert [d.code for d in result.diagnostics] == ["DS402"] * 3
    assert not result.has_errors
    assert not (project / "out").exists()


def test_find_type_accepts_short_and_case_insensitive_names() -> None:
    model = Model(types=(StructuredType("a.b", "thing", TypeKind.COMPLEX),
                         StructuredType("a.c", "thing", TypeKind.COMPLEX),
                         StructuredType("a.b", "other", TypeKind.ENTITY)))
    assert pipeline.find_type(model, "a.b.thing") == "a.b.thing"
    assert pipeline.find_type(model, "A.B.Other") == "a.b.other"
    assert pipeline.find_type(model, "other") == "a.b.other"
    with pytest.raises(LookupError, match="ambiguous"):
        pipeline.find_type(model, "thing")
    with pytest.raises(LookupError, match="no type"):
        pipeline.find_type(model, "missing")


def test_parallel_parse_keeps_sorted_order(project: Path, stages: FakeStages,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PAGES", 1)
    names = [f"p{i:03d}" for i in range(40)]
    random.Random(7).shuffle(names)
    for name in names:
        (project / "docs" / f"{name}.md").write_text(f"# {name}\n", encoding="utf-8")
    parallel = pipeline.generate(options(jobs=2, use_cache=False, out=Path("par")))
    serial = pipeline.generate(options(jobs=1, use_cache=False, out=Path("ser")))
    assert parallel.diagnostics == serial.diagnostics
    assert tree(project / "par") == tree(project / "ser")


def test_progress_is_reported_per_parsed_page(project: Path, stages: FakeStages) -> None:
    seen: list[tuple[str, int, int]] = []
    pipeline.generate(options(), progress=lambda *event: seen.append(event))
    assert seen == [("parse", 1, 3), ("parse", 2, 3), ("parse", 3, 3),
                    ("resolve", 0, 0), ("emit", 0, 0), ("write", 0, 0)]
    seen.clear()
    pipeline.generate(options(), progress=lambda *event: seen.append(event))
    assert seen == []  # a no-op has nothing to show


def test_editing_an_included_file_defeats_the_no_op(project: Path, stages: FakeStages) -> None:
    (project / "inc").mkdir()
    (project / "inc" / "note.md").write_text("v1\n", encoding="utf-8")
    (project / "docs" / "alpha.md").write_text(
        "# alpha\n\n[!INCLUDE [note](../inc/note.md)]\n", encoding="utf-8")
    pipeline.generate(options())
    assert pipeline.generate(options()).stats.skipped
    (project / "inc" / "note.md").write_text("v2\n", encoding="utf-8")
    stages.parsed.clear()
    result = pipeline.generate(options())
    assert not result.stats.skipped
    assert stages.parsed == ["docs/alpha.md"]


def test_a_new_page_defeats_the_no_op(project: Path, stages: FakeStages) -> None:
    pipeline.generate(options())
    (project / "docs" / "zeta.md").write_text("# zeta\n", encoding="utf-8")
    result = pipeline.generate(options())
    assert result.written == ("model/ns.zeta.yaml", "python/graph_models/zeta.py")


def test_a_changed_code_fingerprint_defeats_the_no_op(project: Path, stages: FakeStages,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.cache

    pipeline.generate(options())
    monkeypatch.setattr(generator.cache, "code_key", lambda: "edited-code")
    monkeypatch.setattr(pipeline, "code_key", lambda: "edited-code")
    stages.parsed.clear()
    result = pipeline.generate(options())
    assert not result.stats.skipped and len(stages.parsed) == 3


def test_an_edit_that_leaves_the_model_alone_skips_emit_and_write(project: Path,
                                                                  stages: FakeStages) -> None:
    first = pipeline.generate(options())
    assert stages.emitted == 1
    (project / "docs" / "beta.md").write_text("# beta\n\nother prose\n", encoding="utf-8")
    stages.parsed.clear()
    second = pipeline.generate(options())
    assert stages.parsed == ["docs/beta.md"] and stages.emitted == 1
    assert stages.resolved == 1  # same facts, same model: not even resolved again
    assert not second.stats.skipped and second.written == () and second.hashes == first.hashes
    assert second.diagnostics == first.diagnostics
    assert (second.stats.types, second.stats.enums) == (first.stats.types, first.stats.enums)
    assert pipeline.generate(options()).stats.skipped  # and the next run is a no-op again
    assert pipeline.check(options()).ok


def test_lint_examples_drops_the_api_pages_missing_includes(project: Path, stages: FakeStages,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    from generator import examples

    api = project / "api"
    api.mkdir()
    (api / "user-get.md").write_text("# Get user\n\n[!INCLUDE [perms](../includes/p.md)]\n",
                                     encoding="utf-8")
    (project / "docs" / "alpha.md").write_text("# alpha\n\n[!INCLUDE [x](nowhere.md)]\n",
                                               encoding="utf-8")
    seen: list[str] = []

    def fake_lint(model: Model, files: Sequence[SourceFile],
                  opts: Options) -> tuple[examples.ExampleStats, list[Diagnostic]]:
        seen.extend(f.path for f in files)
        return examples.ExampleStats(pages=len(files)), []

    monkeypatch.setattr(examples, "lint_examples", fake_lint)
    result = pipeline.lint(options(), examples=Path("api"))
    assert seen == ["api/user-get.md"]
    missing = [d.path for d in result.diagnostics if d.code == "DS003"]
    assert missing == ["docs/alpha.md"]  # the source page's, not the API page's


def test_a_skipped_resolve_keeps_the_models_diagnostics(project: Path, stages: FakeStages,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def resolve(pages: Sequence[PageFacts]) -> Model:
        model = stages.resolve(pages)
        found = Diagnostic.at(SourceLocation("docs/alpha.md", 3, 1), "DS101", "no such type")
        return Model(types=model.types, diagnostics=(found,))

    monkeypatch.setattr(generator.resolve, "resolve_pages", pages_resolver(resolve))
    first = pipeline.generate(options())
    (project / "docs" / "gamma.md").write_text("# gamma\n\nmore prose\n", encoding="utf-8")
    second = pipeline.generate(options())
    assert stages.resolved == 1
    assert "DS101" in [d.code for d in second.diagnostics]
    assert second.diagnostics == first.diagnostics


def test_a_run_writes_its_cache_from_forked_processes(project: Path, stages: FakeStages,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    if parallel.fork_context() is None:
        pytest.skip("no fork here: every cache write is done in the run's process")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PAGES", 1)
    started: list[object] = []
    original = pipeline._Background.run

    def counting(self: pipeline._Background, job: Callable[[], None]) -> None:
        started.append(job)
        original(self, job)

    monkeypatch.setattr(pipeline._Background, "run", counting)
    first = pipeline.generate(options(jobs=2))
    assert len(started) == 4  # the pages, the resolve state, the memo, the run record
    assert [d.code for d in first.diagnostics if d.code == "DS902"] == []
    second = pipeline.generate(options(jobs=2))
    assert second.stats.skipped and second.stats.parsed_pages == 0
    (project / "docs" / "beta.md").write_text("# beta\n\nmore prose\n", encoding="utf-8")
    third = pipeline.generate(options(jobs=2))  # parsed in a worker: the fakes do not see it
    assert third.stats.parsed_pages == 1 and third.hashes == first.hashes


def test_a_failed_background_cache_write_is_a_ds902(project: Path, stages: FakeStages,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    if parallel.fork_context() is None:
        pytest.skip("no fork here")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PAGES", 1)
    from generator.cache import Cache

    def failing(self: Cache, *args: object) -> None:
        self.report_unsaved("disk full")

    monkeypatch.setattr(Cache, "save_pages", failing)
    result = pipeline.generate(options(jobs=2))
    assert [d.code for d in result.diagnostics].count("DS902") == 1
    assert "background cache write failed" in next(
        d.message for d in result.diagnostics if d.code == "DS902")
    assert result.written  # the output is complete all the same
