"""The OpenAPI target: one document whose components.schemas hold every type (GUIDE §4).

Shaped like Microsoft's published Graph OpenAPI: qualified keys, ``allOf`` inheritance,
an ``@odata.type`` property everywhere, discriminator mappings over all transitive derived
types, the ``anyOf`` nullable-reference shape, ``x-ms-navigationProperty`` and ``x-ms-enum``.
"""

from __future__ import annotations

import functools
from typing import Any

from generator import __version__
from generator.emit import Memo, Output, quick_key
from generator.emit.paths import PathsBuilder
from generator.emit.schema_common import (
    Dialect,
    Schema,
    dependency_key,
    dump_fingerprint,
    dump_yaml,
    dump_yaml_memo,
    file_fingerprint,
    flags_pattern,
    memoised_quick,
    nullable,
    one_line,
    primitive_schema,
    unresolved_names,
)
from generator.model import EnumMember, EnumType, Model, Property, StructuredType, TypeRef
from generator.names import component_key
from generator.options import Options
from generator.templating import environment

OPENAPI_PATH = "openapi/openapi.yaml"
COMPONENT_PREFIX = "#/components/schemas/"
ODATA_TYPE = "@odata.type"
DOCUMENT_TITLE = "docschema"


SCHEMAS_HEADER = "components:\n  schemas:\n"


def emit_openapi(model: Model, options: Options, memo: Memo) -> dict[str, Output]:
    """``dump_yaml(openapi_document(model, version))``, made of one text per entry of
    ``components.schemas``, each memoised by what it is made from (``_SchemaBuilder.facts``):
    an edit builds and dumps only the entries it changes.

    An entry is dumped inside ``{components: {schemas: {name: schema}}}`` and the two header
    lines are cut off, so it is written at the indentation it has in the whole document; lines
    are never folded (``YAML_WIDTH``), so nothing else in an entry depends on its neighbours.
    """
    template = environment().get_template("openapi/openapi.yaml.jinja")
    version = options.openapi_version
    names = schema_names(model)
    if not names:
        text = dump_yaml_memo(openapi_document(model, version,
                                               options.keep_unresolved_paths), memo)
        return {OPENAPI_PATH: template.render(document=text)}
    builder = _SchemaBuilder(model, dialect_for(version))
    digests = model.value_digests
    code = f"{file_fingerprint(__file__)}-{dump_fingerprint()}-{builder.dialect.value}"
    surface = PathsBuilder(model, builder.dialect, options.keep_unresolved_paths,
                           [source.as_posix() for source in options.sources])
    head = {**document_head(version), "paths": surface.paths()}
    extra_schemas, parameters, responses = surface.components()
    parts = [dump_yaml_memo(head, memo), SCHEMAS_HEADER]
    for name in names:
        quick = quick_key("openapi-entry", code, model.shape_digest, digests[name])
        parts.append(memoised_quick(memo, quick,
                                    functools.partial(_entry_key, builder, code, digests[name],
                                                      name),
                                    functools.partial(_built_entry, builder, name)))
    if model.operations:
        parts.extend(_entry_text(name, schema) for name, schema in extra_schemas.items())
        parts.append(_components_text({"parameters": parameters, "responses": responses}))
    return {OPENAPI_PATH: template.render(document="".join(parts))}


def _components_text(components: Schema) -> str:
    """``components`` entries after ``schemas``, dumped inside ``{components: ...}`` with the
    header line cut off."""
    text = dump_yaml({"components": {k: v for k, v in components.items() if v}})
    return text[len("components:\n"):] if text.startswith("components:\n") else ""


def _entry_key(builder: _SchemaBuilder, code: str, digest: str, name: str) -> str:
    return "openapi-entry-by-facts:" + dependency_key(code, digest, builder.facts(name))


def _built_entry(builder: _SchemaBuilder, name: str) -> str:
    return _entry_text(name, builder.schema_for(name))


def _entry_text(name: str, schema: Schema) -> str:
    """One entry as the whole document writes it: dumped inside ``{components: {schemas:
    {name: schema}}}``, the two header lines cut off."""
    wrapped = {"components": {"schemas": {component_key(name): schema}}}
    text = dump_yaml(wrapped)
    if not text.startswith(SCHEMAS_HEADER):
        raise AssertionError(f"unexpected YAML for {name}: {text[:80]!r}")
    return text[len(SCHEMAS_HEADER):]


def openapi_version_string(option: str) -> str:
    """``options.openapi_version`` → the document's ``openapi`` field."""
    return "3.1.0" if option == "3.1" else option


def dialect_for(option: str) -> Dialect:
    return Dialect.JSON_2020 if option == "3.1" else Dialect.OPENAPI_30


def schema_names(model: Model) -> list[str]:
    """The keys of ``components.schemas``, in order."""
    return sorted([t.qualified_name for t in model.types]
                  + [e.qualified_name for e in model.enums])


def document_head(version_option: str) -> Schema:
    """The document before ``components``."""
    return {
        "openapi": openapi_version_string(version_option),
        "info": {
            "title": DOCUMENT_TITLE,
            "description": "Schemas generated by docschema from the resource documentation.",
            "version": __version__,
        },
        "paths": {},
    }


def openapi_document(model: Model, version_option: str, keep_unresolved: bool = False
                     ) -> Schema:
    """The whole OpenAPI document as plain data, keys in the order they are written."""
    builder = _SchemaBuilder(model, dialect_for(version_option))
    schemas: Schema = {component_key(name): builder.schema_for(name)
                       for name in schema_names(model)}
    surface = PathsBuilder(model, builder.dialect, keep_unresolved)
    head = {**document_head(version_option), "paths": surface.paths()}
    if not model.operations:
        return {**head, "components": {"schemas": schemas}}
    extra_schemas, parameters, responses = surface.components()
    components: Schema = {"schemas": {**schemas, **extra_schemas}}
    components.update((k, v) for k, v in (("parameters", parameters),
                                          ("responses", responses)) if v)
    return {**head, "components": components}


class _SchemaBuilder:
    def __init__(self, model: Model, dialect: Dialect) -> None:
        self.model = model
        self.dialect = dialect
        self._short_counts: dict[str, int] | None = None

    def facts(self, qualified_name: str) -> list[Any]:
        """What ``schema_for`` reads from the model besides the type's or enum's own value
        (and the dialect): a memo key must hold all of it."""
        t = self.model.structured(qualified_name)
        title = self.title(qualified_name)
        if t is None:
            return [title]  # an enum: enum_schema reads its value and title only
        return [t.base is not None and self.model.structured(t.base) is not None,
                bool(self.model.direct_derived(qualified_name)),
                list(self.model.derived(qualified_name)),
                unresolved_names(self.model, t), title]

    def title(self, qualified_name: str) -> str:
        """A component's ``title``: its short name, or its qualified name when another
        namespace has a type or enum of that short name (titles name generated classes)."""
        short = qualified_name.rpartition(".")[2]
        if self._short_counts is None:
            counts: dict[str, int] = {}
            for name in schema_names(self.model):
                key = name.rpartition(".")[2].lower()
                counts[key] = counts.get(key, 0) + 1
            self._short_counts = counts
        return qualified_name if self._short_counts.get(short.lower(), 0) > 1 else short

    def schema_for(self, qualified_name: str) -> Schema:
        enum_type = self.model.enum(qualified_name)
        if enum_type is not None:
            return enum_schema(enum_type, self.title(qualified_name))
        structured = self.model.structured(qualified_name)
        assert structured is not None, qualified_name
        return self.structured_schema(structured)

    # -- structured types ------------------------------------------------------------------

    def structured_schema(self, t: StructuredType) -> Schema:
        body = self._object_body(t)
        base = self.model.structured(t.base) if t.base is not None else None
        if base is None:
            return body
        reference = COMPONENT_PREFIX + component_key(base.qualified_name)
        schema: Schema = {"allOf": [{"$ref": reference}, body]}
        if not self.model.direct_derived(t.qualified_name):
            schema["x-ms-discriminator-value"] = f"#{t.qualified_name}"
        return schema

    def _object_body(self, t: StructuredType) -> Schema:
        body: Schema = {"title": self.title(t.qualified_name),
                        "type": "object"}
        properties: Schema = {}
        for prop in t.properties:
            if prop.name != ODATA_TYPE:
                properties[prop.name] = self.property_schema(prop)
        properties[ODATA_TYPE] = self._odata_type_schema(t)
        body["properties"] = properties
        derived = self.model.derived(t.qualified_name)
        if derived:
            body["discriminator"] = {
                "propertyName": ODATA_TYPE,
                "mapping": {f"#{name}": COMPONENT_PREFIX + component_key(name)
                            for name in derived},
            }
        description = one_line(t.description)
        if description:
            body["description"] = description
        return body

    def _odata_type_schema(self, t: StructuredType) -> Schema:
        schema: Schema = {"type": "string"}
        if t.base is not None and self.model.structured(t.base) is not None:
            schema["default"] = f"#{t.qualified_name}"
        return schema

    # -- properties --------------------------------------------------------------------------

    def property_schema(self, prop: Property) -> Schema:
        schema = self.type_schema(prop.type)
        description = one_line(prop.description)
        if description:
            schema["description"] = description
        if prop.read_only:
            schema["readOnly"] = True
        if prop.navigation:
            schema["x-ms-navigationProperty"] = True
        return schema

    def type_schema(self, ref: TypeRef) -> Schema:
        if ref.collection:
            return {"type": "array", "items": self._single_schema(ref.name, in_array=True)}
        return self._single_schema(ref.name, in_array=False)

    def _single_schema(self, name: str, *, in_array: bool) -> Schema:
        if name.startswith("Edm."):
            return nullable(primitive_schema(name, self.dialect), self.dialect)
        if self.model.lookup(name) is None:
            return {"x-docschema-unresolved-type": name}
        reference: Schema = {"$ref": COMPONENT_PREFIX + component_key(name)}
        if in_array:
            return reference
        null: Schema = ({"type": "object", "nullable": True} if self.dialect.is_openapi_30
                        else {"type": "null"})
        return {"anyOf": [reference, null]}


def enum_schema(e: EnumType, title: str | None = None) -> Schema:
    """An enum as Microsoft writes one; a flags enum takes a pattern for member lists instead
    of ``enum``, since ``a,b`` is a valid value of a flags enum but not a member name."""
    names = _unique_member_names(e)
    schema: Schema = {"title": title or e.name, "type": "string"}
    if e.is_flags and names:
        schema["pattern"] = flags_pattern(names)
    elif names:
        schema["enum"] = names
    description = one_line(e.description)
    if description:
        schema["description"] = description
    first: dict[str, EnumMember] = {}  # a repeated member name is described by its first member
    for member in e.members:
        first.setdefault(member.name, member)
    schema["x-ms-enum"] = {
        "name": e.name,
        "modelAsString": False,
        "values": [_enum_value(first[name]) for name in names],
    }
    if e.is_flags:
        schema["x-ms-enum-flags"] = {"isFlags": True}
    return schema


def _unique_member_names(e: EnumType) -> list[str]:
    return list(dict.fromkeys(m.name for m in e.members))


def _enum_value(member: EnumMember) -> Schema:
    value: Schema = {"value": member.name, "name": member.name}
    description = one_line(member.description)
    if description:
        value["description"] = description
    return value
