"""The type-cell grammar: one table cell ("[identitySet](identityset.md) collection") → TypeExpr.

The corpus spells types in many ways (see ``docs/type-spellings.md``). A cell is first flattened
from its markdown-it inline tokens into plain text plus the first link it holds, then the text
goes through small rules, each peeling one layer:

1. ``strip_markup``      HTML (``<br>``), emphasis, backticks, unresolved reference brackets
                         (``[x][]``), trailing punctuation, stray words ``resource``/``object``.
2. ``split_alternatives`` "a or b": the first is kept and a note says so.
3. ``split_collection``  ``Collection(x)``, ``collection(x)``, ``Collection of x``,
                         ``x collection``, ``x[]``.
4. ``split_qualifier``   ``string (identifier)``, ``String, maximum size 20``, ``x enum``.
5. ``core_type``         a primitive in any spelling (``Edm.Int32``, ``int``, ``GUID``...) or a
                         type name (``identitySet``, ``microsoft.graph.callRecords.session``).

Anything else returns no type and a reason (the caller reports DS409), never a silent String.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.model import EDM_PREFIX, TypeExpr

_MARKDOWN = MarkdownIt("commonmark").enable("table")

#: Every primitive spelling (lower case, without "edm.") and its Edm name.
PRIMITIVES: dict[str, str] = {
    "string": "String",
    "str": "String",
    "boolean": "Boolean",
    "bool": "Boolean",
    "int16": "Int16",
    "int32": "Int32",
    "int": "Int32",
    "integer": "Int32",
    "int64": "Int64",
    "long": "Int64",
    "byte": "Byte",
    "sbyte": "SByte",
    "double": "Double",
    "single": "Single",
    "float": "Single",
    "decimal": "Decimal",
    "number": "Double",
    "numeric": "Decimal",
    "datetimeoffset": "DateTimeOffset",
    "datetime": "DateTimeOffset",
    "timestamp": "DateTimeOffset",
    "date": "Date",
    "timeofday": "TimeOfDay",
    "time": "TimeOfDay",
    "duration": "Duration",
    "timespan": "Duration",
    "guid": "Guid",
    "uuid": "Guid",
    "binary": "Binary",
    "stream": "Stream",
    "json": "Json",
    "untyped": "Untyped",
    "object": "Untyped",
    "url": "String",
    "uri": "String",
}

#: Multi-word primitive spellings (after lower-casing and collapsing spaces).
PRIMITIVE_PHRASES: dict[str, str] = {
    "json object": "Json",
    "untyped json": "Untyped",
    "json string": "Json",
}

_STRING_QUALIFIERS_MEANING_TIMESTAMP = {"timestamp", "datetime", "date time", "iso 8601"}

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_HTML_TAG = re.compile(r"<[^>]*>")
_REFERENCE_BRACKETS = re.compile(r"\[([^\]\[]+)\](?:\[[^\]]*\])?")
_WRAPPERS = re.compile(r"^[`*_\s]+|[`*_\s]+$")
_TRAILING_NOISE = re.compile(r"[\s.,;:]+$")
_NOISE_WORDS = re.compile(r"\s+(?:resource|object|value)$", re.IGNORECASE)
_COLLECTION_CALL = re.compile(r"^collection\s*\((?P<inner>.+)\)$", re.IGNORECASE)
_COLLECTION_OF = re.compile(r"^(?:collection|array|list)\s+of\s+(?P<inner>.+)$", re.IGNORECASE)
_COLLECTION_SUFFIX = re.compile(r"^(?P<inner>.+?)(?:\s+collection)+$", re.IGNORECASE)
_ARRAY_SUFFIX = re.compile(r"^(?P<inner>.+?)\s*\[\]$")
_PARENTHESISED = re.compile(r"^(?P<inner>[^()]+?)\s*\((?P<qualifier>[^()]*)\)$")
_COMMA_QUALIFIER = re.compile(r"^(?P<inner>[^,]+?)\s*,\s*(?P<qualifier>.+)$")
_ENUM_SUFFIX = re.compile(r"^(?P<inner>.+?)\s+(?:enum|enumeration|enum type|flags enum)$",
                          re.IGNORECASE)
_ALTERNATIVES = re.compile(r"\s+or\s+|\s*\|\s*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\.\s+\S")

#: How the note for "a or b" cells starts (callers may settle the choice from elsewhere).
ALTERNATIVES_NOTE = "the cell offers alternatives"


@dataclass(frozen=True)
class CellText:
    """A cell flattened: its plain text and its first link (text, href), if any."""

    text: str
    link_text: str | None = None
    href: str | None = None


@dataclass(frozen=True)
class _Parsed:
    name: str
    collection: bool = False
    enum_hint: bool = False
    note: str | None = None


def flatten_cell(cell: str | Token) -> CellText:
    """Plain text of a cell (link text kept, markup dropped) and the first link in it."""
    children = _inline_children(cell)
    parts: list[str] = []
    link_text: list[str] | None = None
    href: str | None = None
    in_link = False
    for child in children:
        if child.type == "link_open":
            in_link = href is None
            if in_link:
                href = str(child.attrs.get("href", ""))
                link_text = []
            continue
        if child.type == "link_close":
            in_link = False
            continue
        piece = _child_text(child)
        parts.append(piece)
        if in_link and link_text is not None:
            link_text.append(piece)
    text = " ".join("".join(parts).split())
    linked = " ".join("".join(link_text).split()) if link_text is not None else None
    return CellText(text, linked, href)


def _inline_children(cell: str | Token) -> list[Token]:
    if isinstance(cell, Token):
        return list(cell.children or [])
    tokens = _MARKDOWN.parseInline(cell)
    return list(tokens[0].children or []) if tokens else []


def _child_text(child: Token) -> str:
    if child.type in ("text", "code_inline"):
        return child.content
    if child.type in ("softbreak", "hardbreak"):
        return " "
    if child.type == "html_inline":
        return " "
    if child.type == "image":
        return ""
    return child.content if not child.type.endswith(("_open", "_close")) else ""


def parse_type_cell(cell: str | Token, page_path: str) -> tuple[TypeExpr | None, str | None]:
    """The type a cell spells, and a note when it was not understood or was ambiguous.

    ``(TypeExpr, None)``: understood. ``(TypeExpr, note)``: understood with a caveat (e.g. "a or
    b", first kept). ``(None, reason)``: not understood; the caller reports DS409.
    """
    flat = flatten_cell(cell)
    return type_from_text(flat, page_path)


def type_from_text(flat: CellText, page_path: str) -> tuple[TypeExpr | None, str | None]:
    link, anchor = _link_target(flat.href, page_path)
    parsed = _parse_spelling(flat.text)
    if parsed is None and flat.link_text:
        # The text around the link is not understood; the link text alone names the type.
        alone = _parse_spelling(flat.link_text)
        if alone is not None:
            suffix = flat.text.replace(flat.link_text, "", 1).strip()
            note = f"ignored {suffix!r} after the linked type" if suffix else None
            parsed = _Parsed(alone.name, alone.collection or "collection" in suffix.lower(),
                             alone.enum_hint, note)
    if parsed is None and link is not None and link.endswith(".md") and not anchor:
        # "[Conditional Access Session Control](conditionalaccesssessioncontrol.md)": the
        # text is prose, the target names the type's page.
        stem = posixpath.basename(link)[:-len(".md")]
        parsed = _Parsed(stem, "collection" in flat.text.lower().split(),
                         note=f"link text {flat.link_text!r} is not a type name; "
                              f"named by its target {stem}")
    if parsed is None:
        reason = f"type cell {flat.text!r} is not a known type spelling" if flat.text \
            else "the type cell is empty"
        return None, reason
    enum_hint = parsed.enum_hint or (anchor or "").endswith("-values")
    if parsed.name.startswith(EDM_PREFIX):
        link, anchor = None, None
    expr = TypeExpr(parsed.name, parsed.collection, link, anchor, enum_hint)
    return expr, parsed.note


def _link_target(href: str | None, page_path: str) -> tuple[str | None, str | None]:
    if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
        return None, None
    target, _, anchor = href.partition("#")
    if target:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), target))
    else:
        joined = page_path
    return joined, anchor or None


@lru_cache(maxsize=8192)
def _parse_spelling(text: str) -> _Parsed | None:
    cleaned = strip_markup(text)
    if not cleaned:
        return None
    alternatives = split_alternatives(cleaned)
    if len(alternatives) > 1:
        first = _parse_spelling(alternatives[0])
        if first is None:
            return None
        note = f"{ALTERNATIVES_NOTE} ({' or '.join(alternatives)}); kept {first.name}"
        return _Parsed(first.name, first.collection, first.enum_hint, note)
    collection, inner = split_collection(cleaned)
    inner_collection, inner = split_collection(inner)  # "Collection(x collection)"
    parsed = _parse_qualified(inner)
    if parsed is None:
        head = _first_sentence(cleaned)
        if head is None:
            return None
        parsed = _parse_spelling(head)
        if parsed is None:
            return None
        return _Parsed(parsed.name, parsed.collection, parsed.enum_hint,
                       f"ignored the text after {head!r}")
    return _Parsed(parsed.name, collection or inner_collection or parsed.collection,
                   parsed.enum_hint, parsed.note)


def strip_markup(text: str) -> str:
    """Drop HTML tags, emphasis and code marks, reference brackets and trailing punctuation."""
    text = _HTML_TAG.sub(" ", text)
    text = _REFERENCE_BRACKETS.sub(r"\1", text)
    text = text.replace("*", "").replace("`", "")
    text = " ".join(text.split())
    text = _WRAPPERS.sub("", text)
    text = _TRAILING_NOISE.sub("", text)
    text = _NOISE_WORDS.sub("", text)
    return text.strip()


def split_alternatives(text: str) -> list[str]:
    if _COLLECTION_CALL.match(text):
        return [text]
    return [part for part in _ALTERNATIVES.split(text) if part]


def split_collection(text: str) -> tuple[bool, str]:
    """(True, element spelling) for every collection spelling, else (False, text)."""
    for pattern in (_COLLECTION_CALL, _COLLECTION_OF, _COLLECTION_SUFFIX, _ARRAY_SUFFIX):
        match = pattern.match(text)
        if match:
            return True, singular_primitive(strip_markup(match.group("inner")))
    return False, text


def singular_primitive(element: str) -> str:
    """"strings" in "collection of strings" names the primitive String, so its items are
    typed; a plural that is no primitive spelling is left as written."""
    lowered = element.lower()
    if lowered.endswith("s") and lowered not in PRIMITIVES and lowered[:-1] in PRIMITIVES:
        return element[:-1]
    return element


def _parse_qualified(text: str) -> _Parsed | None:
    """A core type, possibly followed by "(qualifier)", ", qualifier" or "enum"."""
    core = core_type(text)
    if core is not None:
        return _Parsed(core)
    enum_match = _ENUM_SUFFIX.match(text)
    if enum_match:
        inner = _parse_qualified(enum_match.group("inner"))
        return _Parsed(inner.name, inner.collection, True, inner.note) if inner else None
    for pattern in (_PARENTHESISED, _COMMA_QUALIFIER):
        match = pattern.match(text)
        if match:
            return _with_qualifier(match.group("inner"), match.group("qualifier"))
    return None


def _with_qualifier(inner_text: str, qualifier: str) -> _Parsed | None:
    collection, inner_text = split_collection(strip_markup(inner_text))
    core = core_type(inner_text)
    if core is None:
        return None
    qualifier = qualifier.strip().lower()
    if core == EDM_PREFIX + "String" and qualifier in _STRING_QUALIFIERS_MEANING_TIMESTAMP:
        core = EDM_PREFIX + "DateTimeOffset"
    return _Parsed(core, collection, enum_hint="enum" in qualifier.split())


def core_type(text: str) -> str | None:
    """``Edm.X`` for a primitive in any spelling, the name for a type name, else None."""
    lowered = " ".join(text.lower().split())
    if lowered in PRIMITIVE_PHRASES:
        return EDM_PREFIX + PRIMITIVE_PHRASES[lowered]
    bare = lowered[len("edm."):] if lowered.startswith("edm.") else lowered
    if bare in PRIMITIVES:
        return EDM_PREFIX + PRIMITIVES[bare]
    if lowered.startswith("edm."):
        return None  # "Edm.Something" that is no primitive
    if _NAME.fullmatch(text):
        return text
    return None


def _first_sentence(text: str) -> str | None:
    match = _SENTENCE_END.search(text)
    return text[:match.start()].strip() if match else None
