"""Names for generated code: snake_case, PascalCase, identifier rules, reserved words.

Every function is pure and deterministic. Clashes are settled by :func:`unique_names`, which
keeps the first spelling of a name and gives later ones a numbered or underscored suffix, so the
same input always yields the same names (the caller fixes the order).
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Iterable, Sequence

PYTHON_KEYWORDS: frozenset[str] = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)
PYTHON_BUILTINS: frozenset[str] = frozenset(n for n in dir(builtins) if not n.startswith("_"))
TYPING_NAMES: frozenset[str] = frozenset(
    {
        "Any", "ClassVar", "Optional", "Union", "List", "Dict", "Set", "Tuple", "Type",
        "TYPE_CHECKING", "Final", "Literal", "TypeVar", "Generic", "Callable",
        "typing", "annotations", "dataclass", "dataclasses", "field", "fields",
    }
)  # fmt: skip
# Names a generated module binds at module or class level, and names the annotations use.
GENERATED_MODULE_NAMES: frozenset[str] = frozenset(
    {"datetime", "decimal", "uuid", "enum", "typing", "dataclasses", "importlib", "self", "cls"}
)

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


def words(name: str) -> list[str]:
    """``iCalUId`` → [i, Cal, U, Id]; ``HTMLBody`` → [HTML, Body]; ``@odata.type`` → [odata, type].

    Only ASCII letters and digits survive; every other character separates words.
    """
    found: list[str] = []
    for chunk in _NOT_WORD.split(name):
        if chunk:
            found.extend(part for part in _WORD_BOUNDARY.split(chunk) if part)
    return found


def snake_case(name: str) -> str:
    """``displayName`` → ``display_name``; ``x509Certificate`` → ``x509_certificate``."""
    return "_".join(word.lower() for word in words(name))


def upper_snake_case(name: str) -> str:
    """``unknownFutureValue`` → ``UNKNOWN_FUTURE_VALUE``."""
    return snake_case(name).upper()


def pascal_case(name: str) -> str:
    """``virtualEventSession`` → ``VirtualEventSession``; inner capitals are kept as written."""
    return "".join(word[:1].upper() + word[1:] for word in words(name))


def is_reserved(name: str, extra: Iterable[str] = ()) -> bool:
    """True when ``name`` must not be used as written (keywords, builtins, typing names...)."""
    return (
        name in PYTHON_KEYWORDS
        or name in PYTHON_BUILTINS
        or name in TYPING_NAMES
        or name in GENERATED_MODULE_NAMES
        or name in set(extra)
    )


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
    reserved: Iterable[str] = (),
    taken: Iterable[str] = (),
    separator: str = "_",
) -> list[str]:
    """One unique name per candidate, in order.

    A candidate that is reserved (see :func:`is_reserved` plus ``reserved``) gets a trailing
    underscore first (``from`` → ``from_``). A candidate already used (by ``taken`` or an earlier
    candidate) gets ``separator`` and the first free number from 2 instead (``is_read`` →
    ``is_read_2``; ``Id`` after ``id_`` → ``id_2``; with separator ``""``: ``User`` → ``User2``).
    """
    extra = frozenset(reserved)
    used = set(taken)
    result: list[str] = []
    for candidate in candidates:
        name = f"{candidate}_" if is_reserved(candidate, extra) else candidate
        if name in used:
            stem = candidate.rstrip("_") or candidate
            number = 2
            while f"{stem}{separator}{number}" in used or is_reserved(
                f"{stem}{separator}{number}", extra
            ):
                number += 1
            name = f"{stem}{separator}{number}"
        used.add(name)
        result.append(name)
    return result
