"""The one rule for what a type, enum or namespace name may be, and names that fit file systems.

A name is an OData simple identifier: a letter (any script) or underscore, then letters, digits,
combining marks or underscores, at most 128 characters. A namespace is such identifiers joined
by dots, at most 511 characters. OData also allows connector punctuation and invisible format
characters (Unicode Pc, Cf) after the first character; this rule does not: a zero-width joiner
makes two names that look the same, and no documentation page needs one. Resolve applies the
rule to every declaration before any emitter sees a name, so every output path and schema key
is made from a checked name.

A checked name can still be too long for one file name (255 bytes on the common file systems:
a 511-character namespace, or a 128-character name in a three-byte script): ``fit_file_name``
shortens such a name deterministically and keeps it unique with a digest of the whole name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_IDENTIFIER = 128  # characters (OData: TSimpleIdentifier)
MAX_NAMESPACE = 511  # characters (OData: TNamespaceName)
MAX_FILE_NAME = 255  # bytes of UTF-8 in one path segment (ext4, APFS, NTFS in UTF-16 units)

# File names Windows reserves for devices whatever follows the first dot (``con.py``,
# ``nul.x.schema.json`` cannot be made there).
WINDOWS_DEVICE_NAMES: frozenset[str] = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
     *(f"lpt{i}" for i in range(1, 10))}
)
_DEVICE_PREFIX = "x-"  # ``-`` never occurs in a checked name: no other name maps to it

_START = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nl"})
_CONTINUE = _START | {"Nd", "Mn", "Mc"}
_DIGEST_LENGTH = 12
# What an OpenAPI 3 component key may hold; a checked name lacks only non-ASCII letters.
_COMPONENT_KEY = re.compile(r"^[a-zA-Z0-9.\-_]+$")


def _allowed(char: str, categories: frozenset[str]) -> bool:
    return char == "_" or unicodedata.category(char) in categories


def _shown(char: str) -> str:
    """A character as a message shows it: printable as itself, else its code point."""
    return repr(char) if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"


def identifier_problem(name: str) -> str | None:
    """Why ``name`` is no valid identifier ("is empty", "contains '/'; ..."), or None."""
    if not name:
        return "is empty"
    if len(name) > MAX_IDENTIFIER:
        return f"has {len(name)} characters, more than {MAX_IDENTIFIER}"
    if not _allowed(name[0], _START):
        return f"starts with {_shown(name[0])}, not a letter or underscore"
    bad = next((c for c in name[1:] if not _allowed(c, _CONTINUE)), None)
    if bad is not None:
        return f"contains {_shown(bad)}; only letters, digits and underscores are allowed"
    return None


def namespace_problem(namespace: str) -> str | None:
    """Why ``namespace`` is no valid namespace (dot-separated identifiers), or None."""
    if len(namespace) > MAX_NAMESPACE:
        return f"the namespace has {len(namespace)} characters, more than {MAX_NAMESPACE}"
    for segment in namespace.split("."):
        problem = identifier_problem(segment)
        if problem is not None:
            shown = segment if len(segment) <= 40 else segment[:37] + "..."
            return f"namespace segment {shown!r} {problem}"
    return None


def qualified_problem(namespace: str, name: str) -> str | None:
    """Why ``namespace.name`` is no valid qualified name, or None."""
    problem = identifier_problem(name)
    if problem is not None:
        return f"the name {problem}"
    return namespace_problem(namespace)


def is_valid_qualified(qualified: str) -> bool:
    namespace, _, name = qualified.rpartition(".")
    return bool(namespace) and qualified_problem(namespace, name) is None


def shown_name(name: str, limit: int = 80) -> str:
    """A name as a message quotes it: control characters escaped, a long one cut."""
    text = repr(name)
    return text if len(text) <= limit else f"{text[:limit - 20]}...{text[-15:]} ({len(name)} chars)"


# --------------------------------------------------------------------------------------------
# Names that fit file systems and schema keys
# --------------------------------------------------------------------------------------------


def digest_of(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:_DIGEST_LENGTH]


def fits_file_name(stem: str, suffix: str = "") -> bool:
    return len((stem + suffix).encode("utf-8")) <= MAX_FILE_NAME


#: The longest suffix an emitter adds to a qualified name to name its file (JSON Schema's).
LONGEST_SUFFIX = ".schema.json"


def shortened_in_file_names(qualified: str) -> bool:
    """Whether some output file named after ``qualified`` takes a shortened name."""
    return not fits_file_name(qualified, LONGEST_SUFFIX)


def fit_file_name(stem: str, suffix: str = "") -> str:
    """``stem + suffix`` when it fits in one file name; else the stem cut (at a character
    boundary) and ``-<digest of the whole stem>`` added, so different stems stay different
    and the same stem is always cut the same way. A stem whose first segment Windows reserves
    (``nul.x``) takes the prefix ``x-``. ``-`` never occurs in a checked name."""
    if stem.partition(".")[0].lower() in WINDOWS_DEVICE_NAMES:
        stem = _DEVICE_PREFIX + stem
    if len(stem) + len(suffix) <= MAX_FILE_NAME // 4 or fits_file_name(stem, suffix):
        return stem + suffix
    tail = f"-{digest_of(stem)}{suffix}"
    budget = MAX_FILE_NAME - len(tail.encode("utf-8"))
    cut = stem.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    return cut + tail


def component_key(qualified: str) -> str:
    """The OpenAPI ``components.schemas`` key of a checked name: the name itself when it is
    ASCII (every key the docs ever had); else each character outside ``[A-Za-z0-9._]`` written
    ``-<hex code point>-``. ``-`` never occurs in a checked name, so no two names share a key."""
    if _COMPONENT_KEY.match(qualified):
        return qualified
    return "".join(c if c.isascii() and (c.isalnum() or c in "._") else f"-{ord(c):x}-"
                   for c in qualified)


def is_component_key(key: str) -> bool:
    return _COMPONENT_KEY.match(key) is not None
