"""Quick keys (generator.emit.ALIAS) are sound: a text found by a type's value digest and the
model's shape digest is the text a fresh emission writes.

Half the types and enums of the specs/ model are edited every way that keeps the model's shape
(descriptions, flags, kinds, keys, members, source lines); the other half keep their values,
so their files come from quick keys. Should any emitter read of a neighbour something the
shape digest leaves out, a served text would differ from the fresh one.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from generator.emit import ALIAS, emitters, output_digests
from generator.model import (
    EnumMember,
    EnumType,
    Model,
    Property,
    SourceLocation,
    StructuredType,
    TypeKind,
    TypeRef,
)
from generator.options import Options
from generator.pipeline import load_model

SPECS = Path(__file__).resolve().parents[1] / "specs"


@pytest.fixture(scope="module")
def specs_model() -> Model:
    return load_model(Options(sources=(SPECS,), use_cache=False, jobs=1))


def reshaped_property(p: Property) -> Property:
    return dataclasses.replace(
        p, description=p.description + " Edited.", read_only=not p.read_only,
        navigation=not p.navigation, type=TypeRef(p.type.name, not p.type.collection),
        location=SourceLocation(p.location.path, p.location.line + 3))


def reshaped_type(t: StructuredType) -> StructuredType:
    kind = TypeKind.COMPLEX if t.kind is TypeKind.ENTITY else TypeKind.ENTITY
    return dataclasses.replace(
        t, description="Edited.", kind=kind, abstract=not t.abstract,
        key=() if t.key else ("id",),
        properties=tuple(reshaped_property(p) for p in t.properties),
        location=SourceLocation(t.location.path, t.location.line + 1))


def reshaped_enum(e: EnumType) -> EnumType:
    return dataclasses.replace(
        e, description="Edited.", is_flags=not e.is_flags,
        members=(*e.members, EnumMember("addedMember", 1 << 20, "New.")))


def reshaped(model: Model, chooser: random.Random) -> Model:
    types = tuple(reshaped_type(t) if chooser.random() < 0.5 else t for t in model.types)
    enums = tuple(reshaped_enum(e) if chooser.random() < 0.5 else e for e in model.enums)
    return Model(types=types, enums=enums)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_texts_found_by_quick_keys_are_what_a_fresh_emission_writes(
        specs_model: Model, seed: int) -> None:
    edited = reshaped(specs_model, random.Random(seed))
    assert edited.shape_digest == specs_model.shape_digest
    kept = sum(1 for t in edited.types if t in specs_model.types)
    assert 0 < kept < len(edited.types)
    for strict in (False, True):
        options = Options(strict=strict, jobs=1)
        for target, emit in sorted(emitters().items()):
            memo: dict[str, str] = {}
            emit(specs_model, options, memo)
            assert any(v.startswith(ALIAS) for v in memo.values()) or target == "model"
            warm = output_digests(emit(edited, options, memo))
            cold = output_digests(emit(edited, options, {}))
            stale = [path for path in cold if warm.get(path) != cold[path]]
            assert warm.keys() == cold.keys() and stale == [], (target, strict, stale[:5])
