"""Stage 4: model → {relative output path: text}, one emitter per target, no file system."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping

from generator.model import Model
from generator.options import Options

# A persistent memo for expensive, pure text transforms (black): key → result. The pipeline
# loads and saves it with the cache; emitters may use it freely and must work with an empty one.
Memo = MutableMapping[str, str]
Emitter = Callable[[Model, Options, Memo], dict[str, str]]


def emitters() -> dict[str, Emitter]:
    from generator.emit.jsonschema import emit_jsonschema
    from generator.emit.model_yaml import emit_model
    from generator.emit.openapi import emit_openapi
    from generator.emit.python import emit_python

    return {
        "python": emit_python,
        "jsonschema": emit_jsonschema,
        "openapi": emit_openapi,
        "model": emit_model,
    }
