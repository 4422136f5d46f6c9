"""Stage 4: model → {relative output path: text}, one emitter per target, no file system.

An output is its text, or ``Kept``: a text an earlier run made, which the memo knows by its
sha256 only. A run that writes nothing new for a type needs neither its text nor to keep it:
``Kept.text()`` makes it again (the same text, since the memo key says everything it is made
of) when the writer needs it after all, e.g. to replace a file someone edited in out/.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass

from generator.model import Model
from generator.options import Options

# A persistent memo for expensive, pure text transforms (black): key → result. The pipeline
# loads and saves it with the cache; emitters may use it freely and must work with an empty one.
Memo = MutableMapping[str, str]


@dataclass(frozen=True)
class Kept:
    """An output known by the sha256 of its UTF-8 text; ``make`` makes the text again."""

    digest: str
    make: Callable[[], str]

    def text(self) -> str:
        text = self.make()
        if sha256_text(text) != self.digest:
            raise AssertionError(f"a kept text made again is another text ({self.digest})")
        return text


Output = str | Kept
Emitter = Callable[[Model, Options, Memo], dict[str, Output]]

#: A memo value that stands for a text by its sha256 (``Kept``), not the text itself.
DIGEST = "\x00sha256:"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def kept_or_made(memo: Memo, key: str, make: Callable[[], str]) -> Output:
    """The output the memo keeps under ``key`` (``Kept`` for a digest, else the text), else
    ``make()``, whose digest the memo then keeps."""
    found = memo.get(key)
    if found is not None:
        return output_of(found, make)
    text = make()
    memo[key] = DIGEST + sha256_text(text)
    return text


def keep(memo: Memo, key: str, text: str) -> None:
    """Keep ``text`` under ``key`` by its digest (see ``kept_or_made``)."""
    memo[key] = DIGEST + sha256_text(text)


class Texts(Mapping[str, str]):
    """Outputs as texts: a ``Kept`` one is made again when asked for, once."""

    def __init__(self, outputs: Mapping[str, Output]) -> None:
        self.outputs = outputs
        self._made: dict[str, str] = {}

    def __getitem__(self, path: str) -> str:
        output = self.outputs[path]
        if isinstance(output, str):
            return output
        if path not in self._made:
            self._made[path] = output.text()
        return self._made[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self.outputs)

    def __len__(self) -> int:
        return len(self.outputs)


def texts(outputs: Mapping[str, Output]) -> dict[str, str]:
    """Every output's text (``Kept`` ones made again)."""
    return dict(Texts(outputs))


def output_digests(outputs: Mapping[str, Output]) -> dict[str, str]:
    """Every output's sha256: what a writer compares, whether the text is at hand or kept."""
    return {path: output.digest if isinstance(output, Kept) else sha256_text(output)
            for path, output in outputs.items()}


#: A memo value that names another entry: a text kept under its precise key is found again by
#: a quick key (an emitter's code, the type's value digest and the model's shape digest)
#: without computing the precise key, which reads the model around the type.
ALIAS = "\x00alias:"


def by_quick_key(memo: Memo, quick: str) -> tuple[str, str] | None:
    """(precise key, memo value) that ``quick`` names in ``memo``, or None."""
    alias = memo.get(quick)
    if alias is None or not alias.startswith(ALIAS):
        return None
    key = alias[len(ALIAS):]
    value = memo.get(key)
    return None if value is None else (key, value)


def output_of(value: str, make: Callable[[], str]) -> Output:
    """The output a memo value stands for: its text, or ``Kept`` by its digest."""
    return Kept(value[len(DIGEST):], make) if value.startswith(DIGEST) else value


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
