"""The JSON Schema target (draft 2020-12): one file per type and enum (GUIDE §5).

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

import functools
from typing import Any

from generator.emit import Memo, Output
from generator.emit.schema_common import (
    Dialect,
    DocumentTemplate,
    Schema,
    dependency_key,
    file_fingerprint,
    flags_pattern,
    json_text,
    nullable,
    one_line,
    primitive_schema,
    unresolved_names,
)
from generator.model import EnumType, Model, Property, StructuredType, TypeRef
from generator.names import fit_file_name
from generator.options import Options

METASCHEMA = "https://json-schema.org/draft/2020-12/schema"
FILE_SUFFIX = ".schema.json"
SHAPE = "#/$defs/shape"
ODATA_TYPE = "@odata.type"
INSTANCE_ANNOTATION = "@"  # a patternProperties regex: any key containing "@"
DIALECT = Dialect.JSON_2020


def emit_jsonschema(model: Model, options: Options, memo: Memo) -> dict[str, Output]:
    """Each file's text is memoised by what its schema is made from (``document_facts``)."""
    template = DocumentTemplate("jsonschema/type.schema.json.jinja", json_text, memo)
    digests = model.value_digests
    code = file_fingerprint(__file__)
    quick = (code, str(options.strict), model.shape_digest)
    files: dict[str, Output] = {}
    for t in model.types:
        digest = digests[t.qualified_name]
        files[schema_file_name(t.qualified_name)] = template.render_quick(
            (*quick, digest),
            functools.partial(_type_key, model, t, code, digest, options.strict),
            functools.partial(structured_document, model, t, strict=options.strict))
    for e in model.enums:
        key = dependency_key(code, digests[e.qualified_name])
        files[schema_file_name(e.qualified_name)] = template.render_by_dependencies(
            key, functools.partial(enum_document, e))
    return {f"jsonschema/{name}": files[name] for name in sorted(files)}


def _type_key(model: Model, t: StructuredType, code: str, digest: str, strict: bool) -> str:
    return dependency_key(code, digest, document_facts(model, t, strict=strict))


def document_facts(model: Model, t: StructuredType, *, strict: bool) -> list[Any]:
    """What ``structured_document`` reads besides ``t``'s own value: a memo key holds it all."""
    derived = [[name, model.structured(name) is not None]
               for name in model.derived(t.qualified_name)]
    return [strict, is_open(model, t), derived,
            t.base is not None and model.structured(t.base) is not None,
            unresolved_names(model, t)]


def schema_file_name(qualified_name: str) -> str:
    """The schema file of a (checked) name, shortened when too long for a file name."""
    return fit_file_name(qualified_name, FILE_SUFFIX)


def jsonschema_documents(model: Model, *, strict: bool) -> dict[str, Schema]:
    """File name (also each schema's ``$id``) → schema, for every type and enum."""
    documents: dict[str, Schema] = {}
    for t in model.types:
        documents[schema_file_name(t.qualified_name)] = structured_document(model, t,
                                                                             strict=strict)
    for e in model.enums:
        documents[schema_file_name(e.qualified_name)] = enum_document(e)
    return dict(sorted(documents.items()))


def _header(qualified_name: str, title: str, description: str) -> Schema:
    header: Schema = {"$schema": METASCHEMA, "$id": schema_file_name(qualified_name),
                      "title": title}
    text = one_line(description)
    if text:
        header["description"] = text
    return header


def enum_document(e: EnumType) -> Schema:
    document = _header(e.qualified_name, e.name, e.description)
    names = list(dict.fromkeys(m.name for m in e.members))
    document["type"] = "string"
    if e.is_flags and names:
        document["pattern"] = flags_pattern(names)
    elif names:
        document["enum"] = names
    return document


def is_open(model: Model, t: StructuredType) -> bool:
    """Open types stay open in every derived type."""
    return t.open_type or any(a.open_type for a in model.ancestors(t))


def structured_document(model: Model, t: StructuredType, *, strict: bool) -> Schema:
    document = _header(t.qualified_name, t.name, t.description)
    document["type"] = "object"
    dispatch = [_derived_dispatch(model, name) for name in model.derived(t.qualified_name)]
    document["allOf"] = [{"$ref": SHAPE}, *[d for d in dispatch if d is not None]]
    document["patternProperties"] = {INSTANCE_ANNOTATION: {}}
    if strict and not is_open(model, t):
        document["unevaluatedProperties"] = False
    document["$defs"] = {"shape": _shape(model, t)}
    return document


def _derived_dispatch(model: Model, derived_name: str) -> Schema | None:
    if model.structured(derived_name) is None:
        return None
    names = [f"#{derived_name}", derived_name]
    return {
        "if": {"properties": {ODATA_TYPE: {"enum": names}}, "required": [ODATA_TYPE]},
        "then": {"$ref": schema_file_name(derived_name) + SHAPE},
    }


def _shape(model: Model, t: StructuredType) -> Schema:
    shape: Schema = {"type": "object"}
    base = model.structured(t.base) if t.base is not None else None
    if base is not None:
        shape["allOf"] = [{"$ref": schema_file_name(base.qualified_name) + SHAPE}]
    properties: Schema = {p.name: property_schema(model, p) for p in t.properties
                          if p.name != ODATA_TYPE}
    if base is None:
        properties[ODATA_TYPE] = nullable({"type": "string"}, DIALECT)
    shape["properties"] = properties
    if t.open_type:
        shape["additionalProperties"] = True
    return shape


def property_schema(model: Model, prop: Property) -> Schema:
    schema = type_schema(model, prop.type)
    description = one_line(prop.description)
    if description:
        schema["description"] = description
    if prop.read_only:
        schema["readOnly"] = True
    return schema


def type_schema(model: Model, ref: TypeRef) -> Schema:
    single = _single_schema(model, ref.name)
    if ref.collection:
        return {"type": ["array", "null"], "items": single}
    return single


def _single_schema(model: Model, name: str) -> Schema:
    if name.startswith("Edm."):
        return nullable(primitive_schema(name, DIALECT), DIALECT)
    if model.lookup(name) is None:
        return {"$comment": f"unresolved type {name}"}
    return {"anyOf": [{"$ref": schema_file_name(name)}, {"type": "null"}]}
