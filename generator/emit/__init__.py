"""Stage 4: model → {relative output path: text}, one emitter per target, no file system."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, MutableMapping

from generator.model import Model
from generator.options import Options

# A persistent memo for expensive, pure text transforms (black): key → result. The pipeline
# loads and saves it with the cache; emitters may use it freely and must work with an empty one.
Memo = MutableMapping[str, str]
Emitter = Callable[[Model, Options, Memo], dict[str, str]]


#: A memo value that names another entry: a text kept under its precise key is found again by
#: a quick key (an emitter's code, the type's value digest and the model's shape digest)
#: without computing the precise key, which reads the model around the type.
ALIAS = "\x00alias:"


def by_quick_key(memo: Memo, quick: str) -> tuple[str, str] | None:
    """(precise key, text) that ``quick`` names in ``memo``, or None."""
    alias = memo.get(quick)
    if alias is None or not alias.startswith(ALIAS):
        return None
    key = alias[len(ALIAS):]
    text = memo.get(key)
    return None if text is None else (key, text)


def remember_quick_key(memo: Memo, quick: str, key: str) -> None:
    memo[quick] = ALIAS + key


def quick_key(kind: str, *parts: str) -> str:
    """A quick key: ``kind`` and the strings it is made of (code fingerprints, digests)."""
    return f"{kind}-quick:" + hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


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
