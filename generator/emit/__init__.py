"""Stage 4, the emit contract: model → {relative output path: text}, one emitter per target.

An emitter makes each text from one of two inputs, never from the whole model:

* one type or enum, through a ``TypeView``: the subject's value, its ``Neighbourhood`` (the
  facts of other types the model digests for it, once per run) and the target's places (what
  the target names those types, e.g. Python modules). The view answers nothing else: a read
  outside it raises ``UndigestedRead``, so a file can never depend on a fact its key lacks;
* plain data, a ``Document``: a picklable value the emitter builds from the model, rendered by
  a function of that value alone (and of the texts of its ``parts``, each a type's text).

A text's key is ``emitter_version(target, options)`` with the subject's value digest,
neighbourhood digest and places, or with the document's data: ``emit`` keeps one memo, key →
the text's sha256 (a document's parts: key → text), makes a text only when its key is new, and
hands the writer each file as (sha256, make) so a text it already holds is never made.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from generator import parallel
from generator.model import (
    Model,
    Neighbourhood,
    Outline,
    SchemaType,
    stable_digest,
)
from generator.options import Options

#: What the writer gets of one file: the sha256 of its UTF-8 text and how to make the text.
Planned = tuple[str, Callable[[], str]]


class UndigestedRead(LookupError):
    """An emitter read a fact about another type that the subject's neighbourhood lacks: the
    fact must go into ``Model.neighbourhood`` (and so into the key) before it can be read."""


@dataclass(frozen=True)
class TypeView:
    """All an emitter may read while it writes one type's or enum's text."""

    subject: SchemaType
    neighbourhood: Neighbourhood
    places: Mapping[str, object] = field(default_factory=dict)  # name → target's place

    @functools.cached_property
    def _kinds(self) -> dict[str, str]:
        return dict(self.neighbourhood.kinds)

    @functools.cached_property
    def _outlines(self) -> dict[str, Outline]:
        return {o.qualified_name: o for o in self.neighbourhood.chain}

    def kind(self, name: str) -> str:
        """The ``TypeKind`` value of a type the subject refers to ("" when there is none)."""
        if name == self.subject.qualified_name:
            return self.subject.kind.value
        if name not in self._kinds:
            raise UndigestedRead(f"{self.subject.qualified_name}: the kind of {name}")
        return self._kinds[name]

    def is_structured(self, name: str) -> bool:
        return self.kind(name) in ("entity", "complex")

    def exists(self, name: str) -> bool:
        return self.kind(name) != ""

    def outline(self, name: str) -> Outline:
        """The outline of the subject or of a type in its base chain."""
        if name not in self._outlines:
            raise UndigestedRead(f"{self.subject.qualified_name}: the outline of {name}")
        return self._outlines[name]

    def ancestors(self, name: str | None = None) -> tuple[Outline, ...]:
        """``Model.ancestors`` of the subject (or of a type in its chain), as outlines."""
        current = self.outline(name or self.subject.qualified_name)
        seen = {current.qualified_name}
        found: list[Outline] = []
        while current.base is not None and current.base not in seen:
            if current.base not in self._outlines:
                break  # an unknown base ends the chain, as in the model
            current = self._outlines[current.base]
            seen.add(current.qualified_name)
            found.append(current)
        return tuple(found)

    @property
    def derived(self) -> tuple[str, ...]:
        return self.neighbourhood.derived

    @property
    def direct_derived(self) -> tuple[str, ...]:
        return self.neighbourhood.direct_derived

    def place(self, name: str) -> Any:
        if name not in self.places:
            raise UndigestedRead(f"{self.subject.qualified_name}: the place of {name}")
        return self.places[name]


@dataclass(frozen=True)
class Document:
    """A text made from plain data (and, for a document built of type texts, its ``parts``)."""

    path: str
    data: object  # picklable; everything the text depends on besides the parts
    render: Callable[[Any, Sequence[str]], str]  # (data, the parts' texts) → text
    parts: tuple[str, ...] = ()  # subjects whose texts (``render_types``) the document joins


class Emitter(Protocol):
    """One target. Every method is a pure function of its arguments."""

    def places(self, model: Model, options: Options) -> Mapping[str, object]:
        """What the target names each type (read through ``TypeView.place``); ``{}``: none."""

    def type_files(self, model: Model, options: Options,
                   places: Mapping[str, object]) -> dict[str, str]:
        """Output path → the subject whose ``render_types`` text the file is."""

    def render_types(self, views: Sequence[TypeView], options: Options) -> list[str]:
        """Each view's text, in order (one call for many: an emitter may batch, e.g. black)."""

    def documents(self, model: Model, options: Options,
                  places: Mapping[str, object]) -> list[Document]: ...


def emitters() -> dict[str, Emitter]:
    from generator.emit.jsonschema import JSONSCHEMA
    from generator.emit.model_yaml import MODEL
    from generator.emit.openapi import OPENAPI
    from generator.emit.python import PYTHON

    return {"python": PYTHON, "jsonschema": JSONSCHEMA, "openapi": OPENAPI, "model": MODEL}


def emitter_version(target: str, options: Options) -> str:
    """Everything a target's texts depend on besides the model: docschema's code and templates
    and the libraries that shape output (``cache.code_key``), the target and the options.
    The one place to add an input that is neither a type nor a document's data."""
    from generator.cache import code_key
    from generator.templating import template_fingerprint

    return (f"{code_key()}:{target}:{options.output_key(templates=False)}:"
            f"{template_fingerprint(target, options)}")


@dataclass
class Memo:
    """Key → the sha256 of a file's text; key → the text of a document's part. ``emit`` reads
    one memo and returns the next: the entries this run used, nothing else."""

    files: dict[str, str] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def view_of(model: Model, subject: str,
            places: Mapping[str, object] | None = None) -> TypeView:
    """The view of one type or enum of ``model`` (``KeyError`` when there is none), with the
    places of the subject and of the types its neighbourhood names."""
    found = model.lookup(subject)
    if found is None:
        raise KeyError(subject)
    neighbourhood = model.neighbourhood(subject)
    given = places or {}
    return TypeView(found, neighbourhood, {n: given[n] for n in _named(subject, neighbourhood)
                                           if n in given})


def _named(subject: str, neighbourhood: Neighbourhood) -> list[str]:
    """The subject and every type its neighbourhood names, sorted: whose places a view holds."""
    return sorted({subject, *(n for n, _ in neighbourhood.kinds),
                   *(o.qualified_name for o in neighbourhood.chain)})


class _Target:
    """One target's run: its views, keys and texts."""

    def __init__(self, name: str, emitter: Emitter, model: Model, options: Options) -> None:
        self.name, self.emitter, self.model, self.options = name, emitter, model, options
        self.version = emitter_version(name, options)
        self.version_digest = _key(self.version)
        self.places = emitter.places(model, options)
        self._place_digests = {n: repr(p) for n, p in self.places.items()}
        self._keys: dict[str, str] = {}

    def view(self, subject: str) -> TypeView:
        return view_of(self.model, subject, self.places)

    def type_key(self, subject: str) -> str:
        found = self._keys.get(subject)
        if found is None:
            found = self._keys[subject] = self._type_key(subject)
        return found

    def _type_key(self, subject: str) -> str:
        """The version's digest, the value digest, the neighbourhood digest and (for a target
        with places) the places the view holds: joined, not hashed again."""
        key = (f"{self.version_digest}{self.model.value_digests[subject]}"
               f"{self.model.neighbourhood_digests[subject]}")
        if not self._place_digests:
            return key
        known = self._place_digests
        named = _named(subject, self.model.neighbourhood(subject))
        return key + _key(*(f"{n}={known[n]}" for n in named if n in known))

    def render(self, subjects: Sequence[str]) -> list[str]:
        return self.emitter.render_types([self.view(s) for s in subjects], self.options)


def emit(model: Model, options: Options, memo: Memo,
         forked: frozenset[str] = frozenset()) -> tuple[dict[str, Planned], Memo]:
    """Every output file as (sha256, make), and the memo of this run. The ``forked`` targets
    are emitted in a forked process while this one emits the others (worth it when most
    texts must be made: a cold run on two cores); where a text is made changes nothing."""
    available = emitters()
    targets = {name: _Target(name, available[name], model, options)
               for name in sorted(options.targets)}
    waiting = {name: parallel.in_fork(functools.partial(_made, target, memo))
               for name, target in targets.items() if name in forked}
    files: dict[str, Planned] = {}
    fresh = Memo()
    own = {name: _emit_target(target, memo, fresh)  # while the forks work, not after
           for name, target in targets.items() if name not in waiting}
    for name in targets:
        if name in waiting:
            made, made_memo = waiting[name]()
            found = {path: (digest, text.__str__) for path, (digest, text) in made.items()}
            fresh.files.update(made_memo.files)
            fresh.parts.update(made_memo.parts)
        else:
            found = own[name]
        for path, planned in found.items():
            _check_path(name, path, files)
            files[path] = planned
    return dict(sorted(files.items())), fresh


def _made(target: _Target, memo: Memo) -> tuple[dict[str, tuple[str, str]], Memo]:
    """One target's files with their texts, and its memo entries (in a forked process)."""
    fresh = Memo()
    files = _emit_target(target, memo, fresh)
    return {path: (digest, make()) for path, (digest, make) in files.items()}, fresh


def _emit_target(target: _Target, memo: Memo, fresh: Memo) -> dict[str, Planned]:
    files: dict[str, Planned] = {}
    subjects = target.emitter.type_files(target.model, target.options, target.places)
    keys = {path: target.type_key(subject) for path, subject in subjects.items()}
    missing = [path for path in subjects if keys[path] not in memo.files]
    for path, text in zip(missing, target.render([subjects[p] for p in missing]), strict=True):
        memo.files[keys[path]] = sha256_text(text)
        files[path] = (memo.files[keys[path]], text.__str__)
    for path, subject in subjects.items():
        fresh.files[keys[path]] = memo.files[keys[path]]
        if path not in files:
            files[path] = (memo.files[keys[path]], functools.partial(
                _remade, memo.files[keys[path]], functools.partial(_one_text, target, subject)))
    for document in target.emitter.documents(target.model, target.options, target.places):
        files[document.path] = _document(target, document, memo, fresh)
    return files


def _remade(digest: str, make: Callable[[], str]) -> str:
    """A text the memo knew by its digest, made again: the same text, or a bug in a key."""
    text = make()
    if sha256_text(text) != digest:
        raise AssertionError(f"a text made again differs from the one its key names ({digest})")
    return text


def _one_text(target: _Target, subject: str) -> str:
    return target.render([subject])[0]


def _document(target: _Target, document: Document, memo: Memo, fresh: Memo) -> Planned:
    part_keys = [_key("part", target.type_key(s)) for s in document.parts]
    key = _key(target.version, document.path, stable_digest(document.data), *part_keys)
    make = functools.partial(_document_text, target, document, part_keys, memo, fresh)
    if key in memo.files:
        fresh.files[key] = memo.files[key]
        for part in part_keys:  # a later edit joins them again
            if part in memo.parts:
                fresh.parts[part] = memo.parts[part]
        return memo.files[key], functools.partial(_remade, memo.files[key], make)
    text = make()
    fresh.files[key] = memo.files[key] = sha256_text(text)
    return fresh.files[key], text.__str__


def _document_text(target: _Target, document: Document, part_keys: Sequence[str], memo: Memo,
                   fresh: Memo) -> str:
    missing = [i for i, key in enumerate(part_keys) if key not in memo.parts]
    made = target.render([document.parts[i] for i in missing])
    for i, text in zip(missing, made, strict=True):
        memo.parts[part_keys[i]] = text
    for key in part_keys:
        fresh.parts[key] = memo.parts[key]
    return document.render(document.data, [memo.parts[key] for key in part_keys])


def _check_path(target: str, path: str, files: Mapping[str, object]) -> None:
    """Each target writes below its own folder, one file per path (the writer refuses any
    path that is not a plain relative one)."""
    if not path.startswith(f"{target}/"):
        raise ValueError(f"emit {target}: {path!r} is outside {target}/")
    if path in files:
        raise ValueError(f"emit {target}: two outputs share the path {path!r}")


def emit_texts(model: Model, options: Options, target: str,
               memo: Memo | None = None) -> dict[str, str]:
    """One target's files as texts (for tests and tools: a run hands the writer ``Planned``)."""
    files = _emit_target(_Target(target, emitters()[target], model, options),
                         memo if memo is not None else Memo(), Memo())
    return texts(dict(sorted(files.items())))


def texts(files: Mapping[str, Planned]) -> dict[str, str]:
    """Every file's text (made where the memo knew only its digest)."""
    return {path: make() for path, (_, make) in files.items()}
