"""The OpenAPI target: one document whose components.schemas hold every type
(docs/conventions.md §4).

Shaped like Microsoft's published Graph OpenAPI: qualified keys, ``allOf`` inheritance,
an ``@odata.type`` property everywhere, discriminator mappings over all transitive derived
types, the ``anyOf`` nullable-reference shape, ``x-ms-navigationProperty`` and ``x-ms-enum``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from generator import __version__
from generator.emit import Document, TypeView, view_of
from generator.emit.paths import PathsBuilder
from generator.emit.schema_common import (
    Dialect,
    Schema,
    described,
    dump_yaml,
    flags_pattern,
    nullable,
    one_line,
    primitive_schema,
    unique_member_names,
)
from generator.model import EnumMember, EnumType, Model, Property, StructuredType, TypeRef
from generator.names import component_key
from generator.options import Options
from generator.templating import (
    Templates,
    rendered_value,
    static_documents,
    static_text,
    template_key,
    templates_for,
    templates_of,
)

OPENAPI_PATH = "openapi/openapi.yaml"
COMPONENT_PREFIX = "#/components/schemas/"
ODATA_TYPE = "@odata.type"
DOCUMENT_TITLE = "docschema"


SCHEMAS_HEADER = "components:\n  schemas:\n"


class _OpenApi:
    """One document, ``openapi_document`` dumped, made of one part per entry of
    ``components.schemas`` (a type's text): an edit dumps only the entries it changes.

    An entry is dumped inside ``{components: {schemas: {name: schema}}}`` and the two header
    lines are cut off, so it is written at the indentation it has in the whole document; lines
    are never folded (``YAML_WIDTH``), so nothing else in an entry depends on its neighbours.
    """

    def places(self, model: Model, options: Options) -> Mapping[str, object]:
        """Each schema's ``title`` (a type's place): unique across namespaces."""
        return titles(model)

    def type_files(self, model: Model, options: Options,
                   places: Mapping[str, object]) -> dict[str, str]:
        return {}

    def render_types(self, views: Sequence[TypeView], options: Options) -> list[str]:
        dialect = dialect_for(options.openapi_version)
        templates = templates_for(options)
        return [_entry_text(view.subject.qualified_name, rendered_value(
                    templates, ENTRY_TEMPLATE, schema_for(view, dialect),
                    view.subject.qualified_name, view.subject, "yaml"))
                for view in views]

    def documents(self, model: Model, options: Options,
                  places: Mapping[str, object]) -> list[Document]:
        names = schema_names(model)
        paths, *components = surface_data(model, options)
        document = Document(OPENAPI_PATH, (options.openapi_version, tuple(names),
                                           *template_key(options), tuple(components)),
                            _document_text, tuple(names), tuple(paths.items()), _path_text)
        static = static_documents(templates_for(options), "openapi", "openapi",
                                  [OPENAPI_PATH])
        return [document, *[Document(path, text, static_text) for path, text in static]]


OPENAPI = _OpenApi()
FRAME_TEMPLATE = "openapi/openapi.yaml.jinja"
ENTRY_TEMPLATE = "openapi/schema.json.jinja"
# Where the frame's (empty) components.schemas is, in its dump: the entries go in its place.
_PLACEHOLDER = "docschema-schemas-placeholder"
_PLACEHOLDER_LINE = f"  schemas: {_PLACEHOLDER}\n"
_PATHS_PLACEHOLDER = "docschema-paths-placeholder"
_PATHS_PLACEHOLDER_LINE = f"paths: {_PATHS_PLACEHOLDER}\n"
PATHS_HEADER = "paths:\n"


def titles(model: Model) -> dict[str, str]:
    """Schema name → ``title``: its short name, or its qualified name when another namespace
    has a type or enum of that short name (titles name generated classes: they must differ)."""
    names = schema_names(model)
    counts: dict[str, int] = {}
    for name in names:
        short = name.rpartition(".")[2].lower()
        counts[short] = counts.get(short, 0) + 1
    return {name: name if counts[name.rpartition(".")[2].lower()] > 1
            else name.rpartition(".")[2] for name in names}


#: ``paths`` and the components the paths add: (paths, extra schemas, parameters, responses).
Surface = tuple[Schema, Schema, Schema, Schema]


def surface_data(model: Model, options: Options) -> Surface:
    """The API surface the document shows besides the types (``generator.emit.paths``)."""
    builder = PathsBuilder(model, dialect_for(options.openapi_version),
                           options.keep_unresolved_paths,
                           [source.as_posix() for source in options.sources])
    paths = builder.paths()
    if not model.operations:
        return paths, {}, {}, {}
    return (paths, *builder.components())


def with_surface(frame: Schema, surface: Surface) -> Schema:
    """``frame`` with the paths, and the shared parameters and responses in its components."""
    paths, _, parameters, responses = surface
    frame["paths"] = paths
    components = frame["components"]
    for key, value in (("parameters", parameters), ("responses", responses)):
        if value:
            components[key] = value
    return frame


def frame_document(templates: Templates, version: str, names: list[str]) -> Schema:
    """The document the frame template renders around the schemas: its value, with
    ``components.schemas`` an empty mapping (docschema puts the entries in)."""
    document = {**document_head(version), "components": {"schemas": {}}}
    if templates.renders_its_value(FRAME_TEMPLATE):
        return document
    frame: Schema = templates.render_value(FRAME_TEMPLATE, "the OpenAPI document",
                                           {"document": document, "schema_names": names},
                                           "yaml")
    components = frame.get("components") if isinstance(frame, dict) else None
    if not (isinstance(components, dict) and components.get("schemas") == {}):
        raise templates.error_for_text(FRAME_TEMPLATE, "the OpenAPI document",
                                       "the frame must be a mapping whose components.schemas "
                                       "is an empty mapping (each entry comes from "
                                       f"{ENTRY_TEMPLATE})")
    return frame


def _document_text(data: tuple[str, tuple[str, ...], str | None, str,
                                tuple[Schema, Schema, Schema]],
                   texts: Sequence[str]) -> str:
    """The frame template's document with the entries' texts put in its components.schemas
    and the path items' texts (``_path_text``) in its paths, and the schemas, parameters and
    responses the paths add. ``texts``: the entries', then the path items'."""
    version, names, user_dir, data_json, (extra, parameters, responses) = data
    entries, path_items = texts[:len(names)], texts[len(names):]
    templates = templates_of(user_dir, data_json)
    frame = with_surface(frame_document(templates, version, list(names)),
                         ({}, extra, parameters, responses))
    if path_items:
        frame["paths"] = _PATHS_PLACEHOLDER
    if entries or extra:
        frame["components"]["schemas"] = _PLACEHOLDER
    text = dump_yaml(frame)
    if entries or extra:
        head, placeholder, tail = text.partition(_PLACEHOLDER_LINE)
        if not placeholder:
            raise templates.error_for_text(FRAME_TEMPLATE, "the OpenAPI document",
                                           "components must be a top-level mapping")
        added = [_entry_text(name, schema) for name, schema in extra.items()]
        text = "".join([head, "  schemas:\n", *entries, *added, tail])
    if not path_items:
        return text
    head, placeholder, tail = text.partition(_PATHS_PLACEHOLDER_LINE)
    if not placeholder:
        raise AssertionError("the frame lost its paths")  # with_surface puts them at the top
    return "".join([head, PATHS_HEADER, *path_items, tail])


def _path_text(item: tuple[str, Schema]) -> str:
    """One path item as the whole document writes it: dumped inside ``{paths: {path: item}}``,
    the header line cut off."""
    path, value = item
    text = dump_yaml({"paths": {path: value}})
    if not text.startswith(PATHS_HEADER):
        raise AssertionError(f"unexpected YAML for {path}: {text[:80]!r}")
    return text[len(PATHS_HEADER):]


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


def openapi_document(model: Model, version_option: str,
                     templates: Templates | None = None, keep_unresolved: bool = False,
                     sources: Sequence[str] = ()) -> Schema:
    """The whole OpenAPI document as plain data, keys in the order they are written: as the
    templates render it when ``templates`` are given (what the file holds), else as built."""
    dialect = dialect_for(version_option)
    names = schema_names(model)
    places = titles(model)
    options = Options(openapi_version=version_option, keep_unresolved_paths=keep_unresolved,
                      sources=tuple(Path(s) for s in sources) or Options().sources)
    surface = surface_data(model, options)
    if templates is None:
        schemas: Schema = {component_key(name): schema_for(view_of(model, name, places),
                                                           dialect)
                           for name in names}
        document = with_surface({**document_head(version_option),
                                 "components": {"schemas": schemas}}, surface)
    else:
        document = with_surface(frame_document(templates, version_option, names), surface)
        document["components"]["schemas"] = {
            component_key(name): rendered_value(templates, ENTRY_TEMPLATE,
                                                schema_for(view_of(model, name, places),
                                                           dialect), name,
                                                view_of(model, name).subject, "yaml")
            for name in names}
    document["components"]["schemas"].update(
        (component_key(name), schema) for name, schema in surface[1].items())
    return document


def schema_for(view: TypeView, dialect: Dialect) -> Schema:
    if isinstance(view.subject, EnumType):
        return enum_schema(view.subject, _title(view))
    return _SchemaBuilder(view, dialect).structured_schema(view.subject)


class _SchemaBuilder:
    def __init__(self, view: TypeView, dialect: Dialect) -> None:
        self.view = view
        self.dialect = dialect

    # -- structured types ------------------------------------------------------------------

    def structured_schema(self, t: StructuredType) -> Schema:
        body = self._object_body(t)
        if t.base is None or not self.view.is_structured(t.base):
            return body
        schema: Schema = {"allOf": [{"$ref": COMPONENT_PREFIX + component_key(t.base)}, body]}
        if not self.view.direct_derived:
            schema["x-ms-discriminator-value"] = f"#{t.qualified_name}"
        return schema

    def _object_body(self, t: StructuredType) -> Schema:
        body: Schema = {"title": _title(self.view), "type": "object"}
        properties: Schema = {}
        for prop in t.properties:
            if prop.name != ODATA_TYPE:
                properties[prop.name] = self.property_schema(prop)
        properties[ODATA_TYPE] = self._odata_type_schema(t)
        body["properties"] = properties
        derived = self.view.derived
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
        if t.base is not None and self.view.is_structured(t.base):
            schema["default"] = f"#{t.qualified_name}"
        return schema

    # -- properties --------------------------------------------------------------------------

    def property_schema(self, prop: Property) -> Schema:
        schema = described(self.type_schema(prop.type), prop)
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
        if not self.view.exists(name):
            return {"x-docschema-unresolved-type": name}
        reference: Schema = {"$ref": COMPONENT_PREFIX + component_key(name)}
        if in_array:
            return reference
        null: Schema = ({"type": "object", "nullable": True} if self.dialect.is_openapi_30
                        else {"type": "null"})
        return {"anyOf": [reference, null]}


def _title(view: TypeView) -> str:
    """The subject's title: its place when the view has one (the emitter gives every type
    one), else its short name."""
    name = view.subject.qualified_name
    return str(view.places[name]) if name in view.places else view.subject.name


def enum_schema(e: EnumType, title: str | None = None) -> Schema:
    """An enum as Microsoft writes one; a flags enum takes a pattern for member lists instead
    of ``enum``, since ``a,b`` is a valid value of a flags enum but not a member name."""
    names = unique_member_names(e)
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


def _enum_value(member: EnumMember) -> Schema:
    value: Schema = {"value": member.name, "name": member.name}
    description = one_line(member.description)
    if description:
        value["description"] = description
    return value
