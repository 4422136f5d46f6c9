"""Names for generated code: snake_case, PascalCase, identifier rules, reserved words.

Every function is pure and deterministic. Clashes are settled by :func:`unique_names`, which
keeps the first spelling of a name and gives later ones a numbered or underscored suffix, so the
same input always yields the same names (the caller fixes the order).
"""

from __future__ import annotations

import functools
import keyword
import re
from collections.abc import Iterable, Sequence

PYTHON_KEYWORDS: frozenset[str] = frozenset(keyword.kwlist)
# Lower-case builtins of Python 3.10-3.13, written out (not ``dir(builtins)``) so the generated
# names do not depend on the Python version or on ``site`` (which adds ``license``, ``exit``...).
PYTHON_BUILTINS: frozenset[str] = frozenset(
    {
        "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray",
        "bytes", "callable", "chr", "classmethod", "compile", "complex", "copyright", "credits",
        "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float",
        "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id",
        "input", "int", "isinstance", "issubclass", "iter", "len", "license", "list", "locals",
        "map", "max", "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print",
        "property", "quit", "range", "repr", "reversed", "round", "set", "setattr", "slice",
        "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip"
    }
)
# Modules and names a generated module binds; a field of that name would shadow them in the
# class body (``datetime: datetime.datetime | None`` breaks), and ``self`` breaks ``__init__``.
GENERATED_MODULE_NAMES: frozenset[str] = frozenset(
    {"datetime", "decimal", "uuid", "enum", "typing", "dataclasses", "importlib", "self", "cls"}
)
# What a field name must avoid (the caller adds its own names, e.g. the runtime's methods).
FIELD_RESERVED: frozenset[str] = PYTHON_KEYWORDS | PYTHON_BUILTINS | GENERATED_MODULE_NAMES

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


@functools.cache
def words(name: str) -> tuple[str, ...]:
    """``iCalUId`` → (i, Cal, U, Id); ``HTMLBody`` → (HTML, Body); ``@odata.type`` → (odata, type).

    Only ASCII letters and digits survive; every other character separates words.
    """
    found: list[str] = []
    for chunk in _NOT_WORD.split(name):
        if chunk:
            found.extend(part for part in _WORD_BOUNDARY.split(chunk) if part)
    return tuple(found)


@functools.cache
def snake_case(name: str) -> str:
    """``displayName`` → ``display_name``; ``x509Certificate`` → ``x509_certificate``."""
    return "_".join(word.lower() for word in words(name))


def upper_snake_case(name: str) -> str:
    """``unknownFutureValue`` → ``UNKNOWN_FUTURE_VALUE``."""
    return snake_case(name).upper()


@functools.cache
def pascal_case(name: str) -> str:
    """``virtualEventSession`` → ``VirtualEventSession``; inner capitals are kept as written."""
    return "".join(word[:1].upper() + word[1:] for word in words(name))


def valid_start(name: str, prefix: str) -> str:
    """``name`` with ``prefix`` in front when it is empty or starts with a digit."""
    if not name or name[0].isdigit():
        return f"{prefix}{name}" if name else prefix.rstrip("_")
    return name


def field_name(wire_name: str) -> str:
    """The snake_case spelling of a wire name, before clash handling (may be reserved)."""
    return valid_start(snake_case(wire_name), "field_")


def unique_names(
    candidates: Sequence[str],
    reserved: Iterable[str] = FIELD_RESERVED,
    taken: Iterable[str] = (),
    separator: str = "_",
) -> list[str]:
    """One unique name per candidate, in order.

    A candidate in ``reserved`` (default: keywords, builtins and the generated modules' own
    names) gets a trailing underscore first (``from`` → ``from_``). A candidate already used
    (by ``taken`` or an earlier candidate) gets ``separator`` and the first free number from 2
    instead (``is_read`` → ``is_read_2``; ``Id`` after ``id_`` → ``id_2``; with separator
    ``""``: ``User`` → ``User2``).
    """
    extra = frozenset(reserved)
    used = set(taken)
    result: list[str] = []
    for candidate in candidates:
        name = f"{candidate}_" if candidate in extra else candidate
        if name in used:
            stem = candidate.rstrip("_") or candidate
            number = 2
            while f"{stem}{separator}{number}" in used or f"{stem}{separator}{number}" in extra:
                number += 1
            name = f"{stem}{separator}{number}"
        used.add(name)
        result.append(name)
    return result
