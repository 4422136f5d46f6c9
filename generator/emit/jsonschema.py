"""The JSON Schema target (draft 2020-12): one file per type and enum (docs/conventions.md §5).

A structured type's file has two parts:

* ``$defs/shape``: the type's own properties, plus its base type's shape by
  ``allOf: [{$ref: <base>.schema.json#/$defs/shape}]``, so inherited properties are checked;
* the file's root: the shape, and one ``if``/``then`` per transitive derived type that applies
  the derived type's shape when ``@odata.type`` names it. A property typed as a base type can
  carry a derived object (``{"@odata.type": "#microsoft.graph.emailIdentity", ...}``); its
  derived properties are then checked too, and count as evaluated under ``strict``.

Derived shapes point at base *shapes*, never at base roots, so no reference chain loops back
to the dispatch that started it. The root also allows instance annotations (keys containing
``@``) and, with ``strict``, closes non-open types with ``unevaluatedProperties: false``.
Every property accepts ``null``: the service sends null for absent values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.emit import Document, TypeView, view_of
from generator.emit.schema_common import (
    Dialect,
    Schema,
    described,
    dump_json,
    flags_pattern,
    nullable,
    one_line,
    primitive_schema,
    unique_member_names,
)
from generator.model import EnumType, Model, Property, StructuredType, TypeRef
from generator.names import fit_file_name
from generator.options import Options
from generator.templating import (
    Templates,
    rendered_value,
    static_documents,
    static_text,
    templates_for,
)

METASCHEMA = "https://json-schema.org/draft/2020-12/schema"
FILE_SUFFIX = ".schema.json"
SHAPE = "#/$defs/shape"
ODATA_TYPE = "@odata.type"
INSTANCE_ANNOTATION = "@"  # a patternProperties regex: any key containing "@"
DIALECT = Dialect.JSON_2020
TEMPLATE = "jsonschema/type.schema.json.jinja"


class _JsonSchema:
    """One file per type and enum: ``structured_document`` or ``enum_document``."""

    def places(self, model: Model, options: Options) -> Mapping[str, object]:
        return {}

    def type_files(self, model: Model, options: Options,
                   places: Mapping[str, object]) -> dict[str, str]:
        names = [t.qualified_name for t in model.types] + [e.qualified_name for e in model.enums]
        return {f"jsonschema/{schema_file_name(name)}": name for name in sorted(names)}

    def render_types(self, views: Sequence[TypeView], options: Options) -> list[str]:
        templates = templates_for(options)
        return [dump_json(rendered_value(templates, TEMPLATE,
                                         type_document(view, strict=options.strict),
                                         view.subject.qualified_name, view.subject))
                for view in views]

    def documents(self, model: Model, options: Options,
                  places: Mapping[str, object]) -> list[Document]:
        generated = self.type_files(model, options, places)
        return [Document(path, text, static_text) for path, text in
                static_documents(templates_for(options), "jsonschema", "jsonschema", generated)]


JSONSCHEMA = _JsonSchema()


def type_document(view: TypeView, *, strict: bool) -> Schema:
    subject = view.subject
    if isinstance(subject, EnumType):
        return enum_document(subject)
    return structured_document(view, subject, strict=strict)


def schema_file_name(qualified_name: str) -> str:
    """The schema file of a (checked) name, shortened when too long for a file name."""
    return fit_file_name(qualified_name, FILE_SUFFIX)


def jsonschema_documents(model: Model, *, strict: bool,
                         templates: Templates | None = None) -> dict[str, Schema]:
    """File name (also each schema's ``$id``) → schema, for every type and enum: as the
    templates render them when ``templates`` are given (what the files hold), else as built."""
    names = [t.qualified_name for t in model.types] + [e.qualified_name for e in model.enums]
    documents: dict[str, Schema] = {}
    for name in sorted(names):
        view = view_of(model, name)
        document = type_document(view, strict=strict)
        if templates is not None:
            document = rendered_value(templates, TEMPLATE, document, name, view.subject)
        documents[schema_file_name(name)] = document
    return documents


def _header(qualified_name: str, title: str, description: str) -> Schema:
    header: Schema = {"$schema": METASCHEMA, "$id": schema_file_name(qualified_name),
                      "title": title}
    text = one_line(description)
    if text:
        header["description"] = text
    return header


def enum_document(e: EnumType) -> Schema:
    document = _header(e.qualified_name, e.name, e.description)
    names = unique_member_names(e)
    document["type"] = "string"
    if e.is_flags and names:
        document["pattern"] = flags_pattern(names)
    elif names:
        document["enum"] = names
    return document


def is_open(view: TypeView, t: StructuredType) -> bool:
    """Open types stay open in every derived type."""
    return t.open_type or any(a.open_type for a in view.ancestors())


def structured_document(view: TypeView, t: StructuredType, *, strict: bool) -> Schema:
    document = _header(t.qualified_name, t.name, t.description)
    document["type"] = "object"
    dispatch = [_derived_dispatch(view, name) for name in view.derived]
    document["allOf"] = [{"$ref": SHAPE}, *[d for d in dispatch if d is not None]]
    document["patternProperties"] = {INSTANCE_ANNOTATION: {}}
    if strict and not is_open(view, t):
        document["unevaluatedProperties"] = False
    document["$defs"] = {"shape": _shape(view, t)}
    return document


def _derived_dispatch(view: TypeView, derived_name: str) -> Schema | None:
    if not view.is_structured(derived_name):
        return None
    names = [f"#{derived_name}", derived_name]
    return {
        "if": {"properties": {ODATA_TYPE: {"enum": names}}, "required": [ODATA_TYPE]},
        "then": {"$ref": schema_file_name(derived_name) + SHAPE},
    }


def _shape(view: TypeView, t: StructuredType) -> Schema:
    shape: Schema = {"type": "object"}
    base = t.base if t.base is not None and view.is_structured(t.base) else None
    if base is not None:
        shape["allOf"] = [{"$ref": schema_file_name(base) + SHAPE}]
    properties: Schema = {p.name: property_schema(view, p) for p in t.properties
                          if p.name != ODATA_TYPE}
    if base is None:
        properties[ODATA_TYPE] = nullable({"type": "string"}, DIALECT)
    shape["properties"] = properties
    if t.open_type:
        shape["additionalProperties"] = True
    return shape


def property_schema(view: TypeView, prop: Property) -> Schema:
    return described(type_schema(view, prop.type), prop)


def type_schema(view: TypeView, ref: TypeRef) -> Schema:
    single = _single_schema(view, ref.name)
    if ref.collection:
        return {"type": ["array", "null"], "items": single}
    return single


def _single_schema(view: TypeView, name: str) -> Schema:
    if name.startswith("Edm."):
        return nullable(primitive_schema(name, DIALECT), DIALECT)
    if not view.exists(name):
        return {"$comment": f"unresolved type {name}"}
    return {"anyOf": [{"$ref": schema_file_name(name)}, {"type": "null"}]}
