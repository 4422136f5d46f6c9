"""The emit contract (generator/emit/__init__.py): a type's text is made from its TypeView
alone, the view answers only from what the key digests, and the memo never serves a stale text.
"""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest
from test_emit_openapi import mutated_models, sample_model

import generator.emit
from generator.emit import (
    Memo,
    TypeView,
    UndigestedRead,
    emit,
    emit_texts,
    emitters,
    texts,
    view_of,
)
from generator.model import Model, Neighbourhood
from generator.options import Options

TARGETS = ("python", "jsonschema", "openapi", "model")


def test_a_view_holds_the_subject_its_neighbourhood_and_places_only() -> None:
    assert [f.name for f in dataclasses.fields(TypeView)] == ["subject", "neighbourhood",
                                                             "places"]
    for target, emitter in emitters().items():
        parameters = list(inspect.signature(emitter.render_types).parameters)
        assert parameters == ["views", "options"], target  # never the model


def test_a_read_outside_the_neighbourhood_is_refused() -> None:
    model = sample_model()
    view = view_of(model, "microsoft.graph.emailIdentity")
    unrelated = "microsoft.graph.onlineMeetingRole"
    assert unrelated not in dict(view.neighbourhood.kinds)
    with pytest.raises(UndigestedRead):
        view.kind(unrelated)
    with pytest.raises(UndigestedRead):
        view.outline(unrelated)
    with pytest.raises(UndigestedRead):
        view.place(unrelated)


def test_an_emitter_reading_an_undigested_fact_fails_the_run(
        monkeypatch: pytest.MonkeyPatch) -> None:
    jsonschema = emitters()["jsonschema"]

    class Nosy:
        def __getattr__(self, name: str) -> object:
            return getattr(jsonschema, name)

        def render_types(self, views: list[TypeView], options: Options) -> list[str]:
            return [str(view.kind("microsoft.graph.onlineMeetingRole")) for view in views]

    monkeypatch.setattr(generator.emit, "emitters", lambda: {"jsonschema": Nosy()})
    with pytest.raises(UndigestedRead):
        emit(sample_model(), Options(targets=("jsonschema",)), Memo())


def models() -> list[Model]:
    return [sample_model(), *mutated_models()]


def test_the_neighbourhood_digest_changes_exactly_when_the_neighbourhood_does() -> None:
    seen: dict[str, Neighbourhood] = {}
    for model in models():
        digests = model.neighbourhood_digests
        for name, digest in digests.items():
            neighbourhood = model.neighbourhood(name)
            if digest in seen:
                assert seen[digest] == neighbourhood, name
            seen[digest] = neighbourhood
    by_value: dict[Neighbourhood, set[str]] = {}
    for model in models():
        for name, digest in model.neighbourhood_digests.items():
            by_value.setdefault(model.neighbourhood(name), set()).add(digest)
    assert all(len(found) == 1 for found in by_value.values())


@pytest.mark.parametrize("target", TARGETS)
def test_a_warm_memo_never_serves_stale_text(target: str) -> None:
    options = Options()
    memo = Memo()
    for model in [*models(), *reversed(models())]:
        assert emit_texts(model, options, target, memo) == emit_texts(model, options, target)


@pytest.mark.parametrize("target", TARGETS)
def test_a_type_text_depends_on_its_view_alone(target: str) -> None:
    """A view survives pickling with the same text: nothing else reaches the emitter."""
    model = sample_model()
    emitter = emitters()[target]
    places = emitter.places(model, Options())
    names = [t.qualified_name for t in model.types] + [e.qualified_name for e in model.enums]
    views = [view_of(model, name, places) for name in names]
    copies = [pickle.loads(pickle.dumps(view)) for view in views]
    assert emitter.render_types(copies, Options()) == emitter.render_types(views, Options())


def test_an_edit_renders_only_the_texts_whose_key_changed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[str] = []
    original = generator.emit._Target.render

    def counting(self: generator.emit._Target, subjects: list[str]) -> list[str]:
        rendered.extend(f"{self.name}:{s}" for s in subjects)
        return original(self, subjects)

    monkeypatch.setattr(generator.emit._Target, "render", counting)
    model = sample_model()
    files, memo = emit(model, Options(), Memo())
    rendered.clear()
    edited = dataclasses.replace(model, types=tuple(
        dataclasses.replace(t, description="Edited.")
        if t.qualified_name == "microsoft.graph.emailIdentity" else t for t in model.types))
    again, _ = emit(edited, Options(), memo)
    assert sorted(rendered) == [f"{target}:microsoft.graph.emailIdentity"
                                for target in sorted(TARGETS)]
    changed = sorted(p for p in files if files[p][0] != again[p][0])
    assert changed == ["jsonschema/microsoft.graph.emailIdentity.schema.json",
                       "model/microsoft.graph.emailIdentity.yaml", "openapi/openapi.yaml",
                       "python/graph_models/email_identity.py"]
    assert texts(again) == {**texts(emit(edited, Options(), Memo())[0])}


def test_the_memo_holds_only_what_the_run_used() -> None:
    model = sample_model()
    _, memo = emit(model, Options(), Memo())
    smaller = dataclasses.replace(model, types=model.types[1:])
    _, after = emit(smaller, Options(), memo)
    assert set(after.files) < set(memo.files)
    assert all(len(value) == 64 for value in after.files.values())  # digests, never texts


def test_a_text_made_again_is_checked_against_its_digest() -> None:
    model = sample_model()
    _, memo = emit(model, Options(), Memo())
    files, _ = emit(model, Options(), memo)
    assert texts(files) == emit_texts(model, Options(), "python") | emit_texts(
        model, Options(), "jsonschema") | emit_texts(model, Options(), "openapi") | emit_texts(
        model, Options(), "model")
    lying = Memo({key: "0" * 64 for key in memo.files}, memo.parts)
    files, _ = emit(model, Options(), lying)
    digest, make = files["model/microsoft.graph.entity.yaml"]
    assert digest == "0" * 64
    with pytest.raises(AssertionError, match="differs from the one its key names"):
        make()
