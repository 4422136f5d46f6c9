"""What the OpenAPI and JSON Schema emitters share: Edm → schema, nullability, plain text.

Schemas are plain ``dict`` values built fresh on every call (never shared between two places
in a document, so YAML dumps carry no anchors). Two dialects:

* ``OPENAPI_30``: OpenAPI 3.0 schema objects (``nullable: true``, ``format: base64url``);
* ``JSON_2020``: JSON Schema 2020-12, which is also OpenAPI 3.1's dialect (``type: [t, 'null']``).
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable
from typing import Any

import orjson
import yaml

from generator.model import EnumType, Property

Schema = dict[str, Any]


class Dialect(str, enum.Enum):
    OPENAPI_30 = "openapi-3.0"
    JSON_2020 = "json-2020-12"  # JSON Schema draft 2020-12 and OpenAPI 3.1

    @property
    def is_openapi_30(self) -> bool:
        return self is Dialect.OPENAPI_30


# Patterns as Microsoft's published Graph OpenAPI writes them.
DATE_TIME_PATTERN = (
    r"^[0-9]{4,}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:"
    r"[0-5][0-9]([.][0-9]{1,12})?(Z|[+-][0-9][0-9]:[0-9][0-9])$"
)
DATE_PATTERN = r"^[0-9]{4,}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,12})?$"
DURATION_PATTERN = (
    r"^-?P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+([.][0-9]+)?S)?)?$"
)
GUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
NON_FINITE_NUMBERS = ("INF", "-INF", "NaN")

# Integral types: (format, minimum, maximum); Int64 has no bounds written out.
_INTEGERS: dict[str, tuple[str, int | None, int | None]] = {
    "Edm.Int64": ("int64", None, None),
    "Edm.Int32": ("int32", -2147483648, 2147483647),
    "Edm.Int16": ("int16", -32768, 32767),
    "Edm.Byte": ("uint8", 0, 255),
    "Edm.SByte": ("int8", -128, 127),
}
_FLOATS = {"Edm.Double": "double", "Edm.Single": "float"}
_STRINGS: dict[str, tuple[str | None, str | None]] = {  # format, pattern
    "Edm.String": (None, None),
    "Edm.DateTimeOffset": ("date-time", DATE_TIME_PATTERN),
    "Edm.Date": ("date", DATE_PATTERN),
    "Edm.TimeOfDay": ("time", TIME_PATTERN),
    "Edm.Duration": ("duration", DURATION_PATTERN),
    "Edm.Guid": ("uuid", GUID_PATTERN),
}
_BINARY = frozenset({"Edm.Binary", "Edm.Stream"})
ANY_PRIMITIVES = frozenset({"Edm.Untyped", "Edm.Json"})  # any JSON value


def primitive_schema(edm_name: str, dialect: Dialect) -> Schema:
    """The non-null schema of one Edm primitive (docs/conventions.md §3); ``{}`` for an unknown
    primitive."""
    if edm_name == "Edm.Boolean":
        return {"type": "boolean"}
    if edm_name in _INTEGERS:
        return _integer_schema(*_INTEGERS[edm_name])
    if edm_name in _FLOATS:
        return {"anyOf": [{"type": "number", "format": _FLOATS[edm_name]},
                          {"type": "string", "enum": list(NON_FINITE_NUMBERS)}]}
    if edm_name == "Edm.Decimal":
        return {"type": "number", "format": "decimal"}
    if edm_name in _STRINGS:
        return _string_schema(*_STRINGS[edm_name])
    if edm_name in _BINARY:
        if dialect.is_openapi_30:
            return {"type": "string", "format": "base64url"}
        return {"type": "string", "contentEncoding": "base64"}
    return {}


def _integer_schema(fmt: str, minimum: int | None, maximum: int | None) -> Schema:
    schema: Schema = {"type": "integer", "format": fmt}
    if minimum is not None:
        schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    return schema


def _string_schema(fmt: str | None, pattern: str | None) -> Schema:
    schema: Schema = {"type": "string"}
    if fmt is not None:
        schema["format"] = fmt
    if pattern is not None:
        schema["pattern"] = pattern
    return schema


def nullable(schema: Schema, dialect: Dialect) -> Schema:
    """``schema`` that also accepts ``null``, in the dialect's own way.

    3.0: ``nullable: true`` on the schema (on every branch of an ``anyOf``); 2020-12/3.1: a type
    array (``[string, 'null']``) or a ``{type: 'null'}`` branch. ``{}`` already accepts null.
    """
    if not schema:
        return schema
    if "anyOf" in schema and "type" not in schema:
        if dialect.is_openapi_30:
            return {**schema, "anyOf": [nullable(branch, dialect) for branch in schema["anyOf"]]}
        return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    if dialect.is_openapi_30:
        return {**schema, "nullable": True}
    kind = schema["type"]
    kinds = kind if isinstance(kind, list) else [kind]
    result = {**schema, "type": [*kinds, "null"]}
    if "enum" in result:
        result["enum"] = [*result["enum"], None]
    return result


def described(schema: Schema, prop: Property) -> Schema:
    """A property's schema with what both schema targets say of every property: its
    description (one line) and ``readOnly``."""
    description = one_line(prop.description)
    if description:
        schema["description"] = description
    if prop.read_only:
        schema["readOnly"] = True
    return schema


def unique_member_names(e: EnumType) -> list[str]:
    """An enum's member names, each once, in order (a repeated name is one value)."""
    return list(dict.fromkeys(m.name for m in e.members))


def flags_pattern(members: list[str]) -> str:
    """A pattern for a comma-separated list of flag members (``a``, ``a,b``, ``a, b``)."""
    choice = "|".join(re.escape(m) for m in members)
    return rf"^({choice})(,\s*({choice}))*$"


# ------------------------------------------------------------------------------------------
# Descriptions
# ------------------------------------------------------------------------------------------


def one_line(text: str) -> str:
    """A model description as a schema's ``description``: on one line, spaces joined. The
    model's descriptions are plain text already (parse flattened their markup), so nothing
    else is taken out: "an <iframe> element" or "``__init__``" stay as the docs wrote them."""
    return " ".join(text.split())


# ------------------------------------------------------------------------------------------
# Deterministic dumps
# ------------------------------------------------------------------------------------------


_PLAIN_SCALARS: dict[type, tuple[str, Callable[[Any], str]]] = {
    str: ("tag:yaml.org,2002:str", str),
    bool: ("tag:yaml.org,2002:bool", lambda value: "true" if value else "false"),
    int: ("tag:yaml.org,2002:int", str),
    type(None): ("tag:yaml.org,2002:null", lambda value: "null"),
}


class _NoAliases:
    """Never write anchors: every repeated value is written in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _PlainRepresenter:
    """SafeRepresenter's nodes for the plain values documents are made of (str, bool, int,
    None, list, dict), built without its per-value dispatch and bookkeeping: the same nodes,
    so the same text (tests/test_emit_openapi.py and the corpus tests compare both), in half
    the time. Any other value, or a dumper asked for a default style, flow style by content or
    sorted keys, takes SafeRepresenter's own way."""

    default_style: str | None
    default_flow_style: bool  # None at run time: flow style by content
    sort_keys: bool

    def represent_data(self, data: Any) -> yaml.Node:
        if self.default_style is not None or self.default_flow_style is None or self.sort_keys:
            return super().represent_data(data)  # type: ignore[misc, no-any-return]
        return self._node(data)

    def _node(self, data: Any) -> yaml.Node:
        kind = type(data)
        scalar = _PLAIN_SCALARS.get(kind)
        if scalar is not None:
            return yaml.ScalarNode(scalar[0], scalar[1](data))
        if kind is dict:
            pairs = [(self._node(key), self._node(value)) for key, value in data.items()]
            return yaml.MappingNode("tag:yaml.org,2002:map", pairs,
                                    flow_style=self.default_flow_style)
        if kind is list:
            return yaml.SequenceNode("tag:yaml.org,2002:seq", [self._node(i) for i in data],
                                     flow_style=self.default_flow_style)
        return super().represent_data(data)  # type: ignore[misc, no-any-return]


_CSafeDumper: type[Any] | None = getattr(yaml, "CSafeDumper", None)


class _StockDumper(_NoAliases, yaml.SafeDumper):
    """PyYAML's safe dumper, without anchors: what the plain representer is tested against."""


class _StockCDumper(_NoAliases, _CSafeDumper or yaml.SafeDumper):  # type: ignore[misc]
    """The same on libyaml's emitter (about 4× faster), when PyYAML was built with it."""


class _KeysAsLibyaml:
    """PyYAML's emitter writes a mapping key of 123 to 128 characters in the explicit ``? key``
    form, where libyaml's writes it plain: PyYAML counts the key's tag (``!!str``) with its
    text and wants less than 128, libyaml counts the text's bytes alone and allows 128 (and an
    empty key). With libyaml's rule both write the same bytes (API paths are often that long)."""

    event: Any
    analysis: Any

    def check_simple_key(self) -> bool:
        if not isinstance(self.event, yaml.ScalarEvent):
            return super().check_simple_key()  # type: ignore[misc, no-any-return]
        if self.analysis is None:
            self.analysis = self.analyze_scalar(self.event.value)  # type: ignore[attr-defined]
        return len(self.analysis.scalar.encode("utf-8")) <= 128 and not self.analysis.multiline


class _NoAliasDumper(_KeysAsLibyaml, _PlainRepresenter, _StockDumper):
    """The dumper documents are written with."""


class _NoAliasCDumper(_PlainRepresenter, _StockCDumper):
    """The same dumper on libyaml's emitter."""


#: Lines are never folded: a scalar's text then does not depend on the column it starts at, and
#: libyaml's emitter writes the same bytes as PyYAML's (they fold long double-quoted scalars
#: differently). Both emitters were compared on every document of the v1.0 and beta corpus.
YAML_WIDTH = 1_000_000_000
HAS_LIBYAML = _CSafeDumper is not None

# Characters both emitters are known to write alike: printable ASCII, the line feed and the
# BMP's printable range without the BOM and the non-\n line breaks (U+0085, U+2028, U+2029).
# A string with anything else (a tab, a control character, a character beyond U+FFFF, which
# libyaml quotes and escapes and PyYAML writes as it is) is dumped by PyYAML's own emitter.
_LIBYAML_UNSAFE = re.compile(r"[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")


# In canonical JSON, an escape other than \", \\ and \n may stand for a control character (a
# literal backslash followed by another character also matches: such text takes PyYAML).
_JSON_ESCAPE = re.compile(r'\\[^"\\n]')


def canonical_json(document: Any) -> str:
    """One line of JSON that fixes every value (types included: ``true``/``1``/``1.0``/``"1"``
    differ) and the key order."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def libyaml_writes_alike(canonical: str) -> bool:
    """Whether every string of the document with this canonical JSON is one libyaml's emitter
    writes as PyYAML's does (``_LIBYAML_UNSAFE``)."""
    return _LIBYAML_UNSAFE.search(canonical) is None and _JSON_ESCAPE.search(canonical) is None


def dump_yaml(document: Any, *, use_libyaml: bool | None = None,
              canonical: str | None = None) -> str:
    """Block-style YAML, keys in insertion order, unicode kept: the same bytes every run and
    on every machine. ``use_libyaml`` None: libyaml when PyYAML has it and every string of
    the document is one both emitters write alike; False: always PyYAML's emitter.
    ``canonical``: the document's ``canonical_json`` when the caller has it."""
    if use_libyaml is None:
        use_libyaml = HAS_LIBYAML and libyaml_writes_alike(
            canonical_json(document) if canonical is None else canonical)
    return _dump_yaml(document, _NoAliasCDumper if use_libyaml else _NoAliasDumper)


def dump_yaml_stock(document: Any, *, use_libyaml: bool) -> str:
    """``dump_yaml`` with PyYAML's own representer: what the plain one is tested against."""
    return _dump_yaml(document, _StockCDumper if use_libyaml else _StockDumper)


def _dump_yaml(document: Any, dumper: type[Any]) -> str:
    text: str = yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True,
                          width=YAML_WIDTH, default_flow_style=False)
    return text


def dump_json(document: Any) -> str:
    """``json.dumps(document, indent=2, ensure_ascii=False)`` and a final line break, written
    by orjson: the same bytes (checked on every JSON Schema file of the corpus and on odd
    text) from C, where the standard library's indented encoder is Python (a cold run dumps
    3,146 schemas). A document orjson refuses (a lone surrogate, say) takes the standard
    library's way."""
    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2
                            | orjson.OPT_APPEND_NEWLINE).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError is one
        return dump_json_stdlib(document)


def dump_json_stdlib(document: Any) -> str:
    return json.dumps(document, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
