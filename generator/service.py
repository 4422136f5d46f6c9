"""Read a service's own description of its types: an OData CSDL ``$metadata`` document (XML)
or an OpenAPI 3.x document (YAML or JSON), told apart by content, never by file name.

The result is a ``ServiceModel``: every entity, complex and enum type under its qualified name
(aliases such as ``graph.`` expanded), with what ``generator.drift`` compares against the docs'
model. What a format cannot say is ``None`` (OpenAPI has no abstract or open flag, and no
entity/complex distinction), and drift then compares nothing for it.
"""

from __future__ import annotations

import json
import re
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.options import ConfigError

EDM_NS = "http://docs.oasis-open.org/odata/ns/edm"
_COLLECTION = re.compile(r"Collection\((.*)\)")


class UnreadableMetadata(ConfigError):
    """The --against file is missing, unreadable or neither CSDL nor OpenAPI (exit 2)."""


@dataclass(frozen=True)
class ServiceProperty:
    name: str
    type: str  # element type, qualified (``Edm.String``, ``microsoft.graph.identitySet``)
    collection: bool = False
    nullable: bool | None = None  # None: the format does not say
    navigation: bool = False


@dataclass(frozen=True)
class ServiceMember:
    name: str
    value: int | None = None


@dataclass(frozen=True)
class ServiceType:
    """One type of the service. ``kind`` is ``entity``, ``complex``, ``enum`` or ``None``
    (a structured type whose kind the format does not say)."""

    namespace: str
    name: str
    kind: str | None
    line: int = 1
    base: str | None = None
    abstract: bool | None = None
    open_type: bool | None = None
    properties: tuple[ServiceProperty, ...] = ()
    members: tuple[ServiceMember, ...] = ()
    is_flags: bool = False

    @property
    def qualified_name(self) -> str:
        return f"{self.namespace}.{self.name}"

    @property
    def is_enum(self) -> bool:
        return self.kind == "enum"


@dataclass(frozen=True)
class ServiceModel:
    path: str
    format: str  # "csdl" or "openapi"
    types: tuple[ServiceType, ...] = ()
    namespace_lines: dict[str, int] = field(default_factory=dict)

    def index(self) -> dict[str, ServiceType]:
        return {t.qualified_name: t for t in self.types}


def read_service(path: Path) -> ServiceModel:
    """The service model in ``path``; raises UnreadableMetadata saying why when there is none."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableMetadata(f"--against {path}: {error.strerror or error}") from error
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return _read_csdl(path, data)
    return _read_openapi(path, data)


# --------------------------------------------------------------------------------------------
# CSDL
# --------------------------------------------------------------------------------------------


class _CsdlReader:
    """An expat pass (the parser under xml.etree, used directly for its line numbers)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.aliases: dict[str, str] = {}
        self.namespace_lines: dict[str, int] = {}
        self.raw: list[tuple[str, dict[str, str], int, list[tuple[str, dict[str, str]]]]] = []
        self.namespace = ""
        self.depth_in_type = 0
        self.current: list[tuple[str, dict[str, str]]] | None = None

    def run(self, data: bytes) -> ServiceModel:
        try:
            self.parser.Parse(data, True)
        except xml.parsers.expat.ExpatError as error:
            raise UnreadableMetadata(f"--against {self.path}: not well-formed XML: "
                                     f"{error}") from error
        if not self.namespace_lines:
            raise UnreadableMetadata(f"--against {self.path}: XML but no CSDL Schema element")
        types = tuple(self._type(*raw) for raw in self.raw)
        return ServiceModel(str(self.path), "csdl", types, self.namespace_lines)

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        uri, _, local = tag.rpartition(" ")
        if uri != EDM_NS:
            return
        line = self.parser.CurrentLineNumber
        if local == "Schema":
            self.namespace = attributes.get("Namespace", "")
            self.namespace_lines.setdefault(self.namespace, line)
            if attributes.get("Alias"):
                self.aliases[attributes["Alias"]] = self.namespace
        elif local in ("EntityType", "ComplexType", "EnumType") and self.current is None:
            self.current = []
            self.raw.append((local, {**attributes, "@namespace": self.namespace}, line,
                             self.current))
            self.depth_in_type = 0
        elif self.current is not None:
            self.depth_in_type += 1
            if self.depth_in_type == 1 and local in ("Property", "NavigationProperty",
                                                     "Member"):
                self.current.append((local, attributes))

    def _end(self, tag: str) -> None:
        uri, _, local = tag.rpartition(" ")
        if uri != EDM_NS or self.current is None:
            return
        if local in ("EntityType", "ComplexType", "EnumType") and self.depth_in_type == 0:
            self.current = None
        else:
            self.depth_in_type -= 1

    def _qualify(self, name: str | None) -> str | None:
        if not name:
            return None
        alias, _, rest = name.partition(".")
        return f"{self.aliases[alias]}.{rest}" if rest and alias in self.aliases else name

    def _type(self, tag: str, attributes: dict[str, str], line: int,
              children: list[tuple[str, dict[str, str]]]) -> ServiceType:
        namespace, name = attributes["@namespace"], attributes.get("Name", "")
        if tag == "EnumType":
            members = tuple(ServiceMember(a.get("Name", ""), _int(a.get("Value")))
                            for t, a in children if t == "Member")
            return ServiceType(namespace, name, "enum", line, members=members,
                               is_flags=attributes.get("IsFlags") == "true")
        properties = tuple(self._property(t, a) for t, a in children if t != "Member")
        return ServiceType(namespace, name, "entity" if tag == "EntityType" else "complex",
                           line, base=self._qualify(attributes.get("BaseType")),
                           abstract=attributes.get("Abstract") == "true",
                           open_type=attributes.get("OpenType") == "true",
                           properties=properties)

    def _property(self, tag: str, attributes: dict[str, str]) -> ServiceProperty:
        spelled = attributes.get("Type", "")
        inner = _COLLECTION.fullmatch(spelled)
        element = self._qualify(inner.group(1) if inner else spelled) or ""
        nullable = attributes.get("Nullable")
        return ServiceProperty(attributes.get("Name", ""), element, collection=inner is not None,
                               nullable=nullable != "false",  # CSDL: absent means true
                               navigation=tag == "NavigationProperty")


def _read_csdl(path: Path, data: bytes) -> ServiceModel:
    return _CsdlReader(path).run(data)


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# OpenAPI
# --------------------------------------------------------------------------------------------

_FORMATS = {
    ("string", "date-time"): "Edm.DateTimeOffset", ("string", "date"): "Edm.Date",
    ("string", "time"): "Edm.TimeOfDay", ("string", "duration"): "Edm.Duration",
    ("string", "uuid"): "Edm.Guid", ("string", "base64url"): "Edm.Binary",
    ("string", "byte"): "Edm.Binary", ("string", "binary"): "Edm.Stream",
    ("string", None): "Edm.String", ("boolean", None): "Edm.Boolean",
    ("integer", "int32"): "Edm.Int32", ("integer", "int64"): "Edm.Int64",
    ("integer", "int16"): "Edm.Int16", ("integer", "uint8"): "Edm.Byte",
    ("integer", "int8"): "Edm.SByte", ("integer", None): "Edm.Int32",
    ("number", "double"): "Edm.Double", ("number", "float"): "Edm.Single",
    ("number", "decimal"): "Edm.Decimal", ("number", None): "Edm.Double",
    ("object", None): "Edm.Untyped",
}


_NUMERIC_FORMATS = {"int32": "Edm.Int32", "int64": "Edm.Int64", "int16": "Edm.Int16",
                    "uint8": "Edm.Byte", "int8": "Edm.SByte", "double": "Edm.Double",
                    "float": "Edm.Single", "decimal": "Edm.Decimal"}


def _read_openapi(path: Path, data: bytes) -> ServiceModel:
    text = data.decode("utf-8", errors="replace")
    try:
        document = json.loads(text) if text.lstrip().startswith("{") else yaml.load(
            text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (ValueError, yaml.YAMLError) as error:
        raise UnreadableMetadata(f"--against {path}: neither CSDL XML nor readable "
                                 f"YAML/JSON: {error}") from error
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3"):
        raise UnreadableMetadata(f"--against {path}: neither CSDL XML nor an OpenAPI 3 document")
    schemas = (document.get("components") or {}).get("schemas") or {}
    lines = _key_lines(text, schemas)
    types = tuple(_openapi_type(name, schema, lines.get(name, 1))
                  for name, schema in sorted(schemas.items())
                  if isinstance(schema, dict) and "." in name)
    namespaces = {t.namespace: 1 for t in types}
    return ServiceModel(str(path), "openapi", types, namespaces)


def _key_lines(text: str, names: dict[str, Any]) -> dict[str, int]:
    """The line of each schema's key (first occurrence of the quoted or plain key)."""
    found: dict[str, int] = {}
    pattern = re.compile(r'^\s*["\']?([A-Za-z0-9_.]+)["\']?\s*:', re.M)
    for match in pattern.finditer(text):
        name = match.group(1)
        if name in names and name not in found:
            found[name] = text.count("\n", 0, match.start()) + 1
    return found


def _openapi_type(qualified: str, schema: dict[str, Any], line: int) -> ServiceType:
    namespace, _, name = qualified.rpartition(".")
    members = _enum_members(schema)
    if members is not None:
        flags = schema.get("x-ms-enum-flags")
        is_flags = bool(flags.get("isFlags")) if isinstance(flags, dict) else bool(flags)
        return ServiceType(namespace, name, "enum", line,
                           members=tuple(ServiceMember(m) for m in members), is_flags=is_flags)
    base = None
    properties: dict[str, Any] = {}
    for part in schema.get("allOf") or [schema]:
        if isinstance(part, dict) and "$ref" in part:
            base = str(part["$ref"]).rsplit("/", 1)[-1]
        elif isinstance(part, dict):
            properties.update(part.get("properties") or {})
    properties.update(schema.get("properties") or {})
    return ServiceType(namespace, name, None, line, base=base,
                       properties=tuple(_openapi_property(n, s) for n, s in properties.items()
                                        if isinstance(s, dict) and not n.startswith("@")))


def _enum_members(schema: dict[str, Any]) -> list[str] | None:
    if isinstance(schema.get("enum"), list):
        return [str(x) for x in schema["enum"] if x is not None]
    extension = schema.get("x-ms-enum")
    if isinstance(extension, dict) and isinstance(extension.get("values"), list):
        values = [v.get("value", v.get("name")) if isinstance(v, dict) else v
                  for v in extension["values"]]
        return [str(v) for v in values if v is not None]
    return None


def _openapi_property(name: str, schema: dict[str, Any]) -> ServiceProperty:
    nullable, element, collection = _shape(schema)
    return ServiceProperty(name, element or "Edm.Untyped", collection, nullable,
                           navigation=bool(schema.get("x-ms-navigationProperty")))


def _shape(schema: dict[str, Any], depth: int = 0) -> tuple[bool, str | None, bool]:
    """(nullable, element type, collection) of a property schema."""
    nullable = bool(schema.get("nullable"))
    if depth > 5:
        return nullable, None, False
    if "$ref" in schema:
        return nullable, str(schema["$ref"]).rsplit("/", 1)[-1], False
    for key in ("anyOf", "oneOf", "allOf"):
        options = [s for s in schema.get(key) or [] if isinstance(s, dict)]
        if options:
            shapes = [_shape(s, depth + 1) for s in options]
            named = [s for s in shapes if s[1] not in (None, "null")]
            nullable = nullable or any(s[1] == "null" or s[0] for s in shapes)
            if named:
                return nullable, named[0][1], named[0][2]
    kind = schema.get("type")
    if isinstance(kind, list):
        nullable = nullable or "null" in kind
        kind = next((k for k in kind if k != "null"), None)
    if kind == "null":
        return True, "null", False
    if kind == "array":
        items = schema.get("items")
        _, element, _ = _shape(items if isinstance(items, dict) else {}, depth + 1)
        return nullable, element, True
    if isinstance(kind, str):
        spelled = schema.get("format")
        if kind in ("integer", "number") and spelled in _NUMERIC_FORMATS:
            return nullable, _NUMERIC_FORMATS[spelled], False  # int64 is often "number"
        return nullable, _FORMATS.get((kind, spelled), _FORMATS.get((kind, None))), False
    return nullable, None, False
