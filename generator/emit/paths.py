"""Operations → OpenAPI ``paths`` and the components they use (GUIDE §8).

Shaped like Microsoft's published Graph OpenAPI: path parameters named after the type they key,
shared ``components/parameters`` for the OData options ``$top $skip $search $filter $count``
(``$select $expand $orderby`` per operation), an OData collection-response schema per
collection type (``value`` array plus ``@odata.nextLink``), one shared error response, and
``ReferenceCreate`` for ``$ref`` bodies. Every ``$ref`` made here points at a component made
here or at a type of the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator.emit.schema_common import (
    ANY_PRIMITIVES,
    Dialect,
    Schema,
    nullable,
    one_line,
    primitive_schema,
)
from generator.model import Model, Operation, OperationParameter, TypeRef
from generator.names import component_key

COMPONENT_PREFIX = "#/components/schemas/"
PARAMETER_PREFIX = "#/components/parameters/"
ERROR_RESPONSE = "error"
ERROR_SCHEMA = "microsoft.graph.ODataErrors.ODataError"
REFERENCE_SCHEMA = "ReferenceCreate"
SHARED_OPTIONS: dict[str, tuple[str, str, Schema]] = {
    "$top": ("top", "Show only the first n items", {"type": "integer", "minimum": 0}),
    "$skip": ("skip", "Skip the first n items", {"type": "integer", "minimum": 0}),
    "$search": ("search", "Search items by search phrases", {"type": "string"}),
    "$filter": ("filter", "Filter items by property values", {"type": "string"}),
    "$count": ("count", "Include count of items", {"type": "boolean"}),
}
OWN_OPTIONS = {
    "$select": "Select properties to be returned",
    "$expand": "Expand related entities",
    "$orderby": "Order items by property values",
}
_STREAM = TypeRef("Edm.Stream")
_STATUS_TEXT = {200: "Success", 201: "Created", 202: "Accepted", 204: "No Content",
                206: "Partial Content", 302: "Found", 303: "See Other"}


class PathsBuilder:
    def __init__(self, model: Model, dialect: Dialect, keep_unresolved: bool = False,
                 sources: Sequence[str] = ()) -> None:
        self.model = model
        self.sources = tuple(source.rstrip("/") + "/" for source in sources)
        self.dialect = dialect
        self.keep_unresolved = keep_unresolved
        self.collections: dict[str, Schema] = {}
        self.used_options: set[str] = set()
        self.uses_reference = False

    def operations(self) -> list[Operation]:
        return [o for o in self.model.operations if o.resolved or self.keep_unresolved]

    def paths(self) -> Schema:
        paths: Schema = {}
        for operation in self.operations():
            item = paths.setdefault(operation.path, {})
            if operation.path_parameters and "parameters" not in item:
                item["parameters"] = [self.path_parameter(p) for p in operation.path_parameters]
            item[operation.method] = self.operation(operation)
        return {path: _ordered_item(paths[path]) for path in sorted(paths)}

    def components(self) -> tuple[Schema, Schema, Schema]:
        """(extra schemas, parameters, responses) the paths refer to."""
        schemas: Schema = dict(sorted(self.collections.items()))
        schemas[ERROR_SCHEMA] = self.error_schema()
        if self.uses_reference:
            schemas[REFERENCE_SCHEMA] = {
                "title": REFERENCE_SCHEMA, "type": "object",
                "properties": {"@odata.id": {"type": "string"}},
                "required": ["@odata.id"]}
        parameters: Schema = {}
        for option in sorted(self.used_options, key=lambda o: SHARED_OPTIONS[o][0]):
            name, description, schema = SHARED_OPTIONS[option]
            parameter: Schema = {"name": option, "in": "query", "description": description,
                                 "style": "form", "explode": False, "schema": dict(schema)}
            parameters[name] = parameter
        responses: Schema = {ERROR_RESPONSE: {
            "description": "error",
            "content": {"application/json": {"schema": {"$ref": COMPONENT_PREFIX +
                                                                ERROR_SCHEMA}}}}}
        return schemas, parameters, responses

    # -- one operation ----------------------------------------------------------------------

    def operation(self, operation: Operation) -> Schema:
        result: Schema = {"tags": [operation.tag]}
        if operation.summary:
            result["summary"] = one_line(operation.summary)
        if operation.description:
            result["description"] = one_line(operation.description)
        result["operationId"] = operation.operation_id
        result["externalDocs"] = {"description": "Find more info here",
                                  "url": self.page_url(operation.source)}
        parameters = self.parameters(operation)
        if parameters:
            result["parameters"] = parameters
        body = self.request_body(operation)
        if body is not None:
            result["requestBody"] = body
        result["responses"] = self.responses(operation)
        if not operation.resolved:
            result["x-docschema-unresolved"] = operation.unresolved_reason
        if len(operation.pages) > 1:
            result["x-docschema-pages"] = list(operation.pages)
        return result

    def page_url(self, page: str) -> str:
        """The source page relative to the source folder it was read from, so the document is
        the same wherever the docs are checked out."""
        for source in self.sources:
            if page.startswith(source):
                return page[len(source):]
        return page

    def path_parameter(self, parameter: OperationParameter) -> Schema:
        schema: Schema = {"name": parameter.name, "in": "path", "required": True}
        if parameter.description:
            schema["description"] = parameter.description
        schema["schema"] = self.plain_type(parameter.type)
        if parameter.description.startswith("The unique identifier of "):
            schema["x-ms-docs-key-type"] = parameter.description.rpartition(" ")[2]
        return schema

    def parameters(self, operation: Operation) -> list[Schema]:
        found: list[Schema] = []
        for option in operation.odata_options:
            if option in SHARED_OPTIONS:
                self.used_options.add(option)
                found.append({"$ref": PARAMETER_PREFIX + SHARED_OPTIONS[option][0]})
            else:
                found.append({"name": option, "in": "query", "description": OWN_OPTIONS[option],
                              "style": "form", "explode": False,
                              "schema": {"uniqueItems": True, "type": "array",
                                         "items": {"type": "string"}}})
        taken = {("path", p.name.lower()) for p in operation.path_parameters}
        taken.update(("query", o) for o in operation.odata_options)
        for where, parameters in (("query", operation.query_parameters),
                                  ("header", operation.headers)):
            for parameter in parameters:
                if (where, parameter.name.lower()) not in taken and \
                        ("path", parameter.name.lower()) not in taken:
                    taken.add((where, parameter.name.lower()))
                    found.append(self.simple_parameter(parameter, where))
        return found

    def simple_parameter(self, parameter: OperationParameter, where: str) -> Schema:
        schema: Schema = {"name": parameter.name, "in": where}
        if parameter.description:
            schema["description"] = one_line(parameter.description)
        if parameter.required:
            schema["required"] = True
        schema["schema"] = self.plain_type(parameter.type)
        return schema

    def plain_type(self, ref: TypeRef) -> Schema:
        """A parameter's schema: primitives as such, anything else as a string."""
        single = primitive_schema(ref.name, self.dialect) if ref.is_primitive else {}
        if not single or "anyOf" in single:
            single = {"type": "string"}
        return {"type": "array", "items": single} if ref.collection else single

    def request_body(self, operation: Operation) -> Schema | None:
        if operation.media_body:
            return {"description": "New media content.", "required": True,
                    "content": {"application/octet-stream": {
                        "schema": {"type": "string", "format": "binary"}}}}
        if operation.body is not None and operation.body.name == "$ref":
            self.uses_reference = True
            return {"description": "New navigation property ref value", "required": True,
                    "content": {"application/json": {"schema": {
                        "$ref": COMPONENT_PREFIX + REFERENCE_SCHEMA}}}}
        if operation.body is not None:
            return {"description": "New property values", "required": True,
                    "content": {"application/json": {"schema": self.type_schema(
                        operation.body)}}}
        if operation.body_parameters:
            properties: Schema = {}
            for parameter in operation.body_parameters:
                properties.setdefault(parameter.name, self.body_parameter_schema(parameter.type))
            return {"description": "Action parameters", "required": True,
                    "content": {"application/json": {"schema": {
                        "type": "object", "properties": properties,
                        "additionalProperties": {"type": "object"}}}}}
        return None

    def body_parameter_schema(self, ref: TypeRef) -> Schema:
        """An action parameter's schema: as a property's (``Json``/``Untyped`` any value, as
        the components give them, not a string)."""
        if ref.name in ANY_PRIMITIVES:
            return {"type": "array", "items": {}} if ref.collection else {}
        return self.value_schema(ref)

    def responses(self, operation: Operation) -> Schema:
        status = str(operation.status)
        response: Schema = {"description": _STATUS_TEXT.get(operation.status, "Success")}
        special = operation.path.rpartition("/")[2]
        if operation.status != 204 and operation.status < 300:
            if special == "$count":
                response["content"] = {"text/plain": {"schema": {"type": "integer",
                                                                  "format": "int32"}}}
            elif special == "$value" and operation.method == "get":
                response["content"] = {"application/octet-stream": {
                    "schema": {"type": "string", "format": "binary"}}}
            elif operation.response == _STREAM and operation.bound is None:
                response["content"] = {"application/octet-stream": {
                    "schema": {"type": "string", "format": "binary"}}}  # a stream property
            elif operation.response is not None:
                response["content"] = {"application/json": {
                    "schema": self.response_schema(operation.response)}}
        responses: Schema = {status: response}
        if 300 <= operation.status < 400:
            response["headers"] = {"Location": {"description": "Where the result is",
                                                "schema": {"type": "string"}}}
            if operation.response == _STREAM:  # the redirect leads to a download
                responses = {"200": {"description": "The downloaded content", "content": {
                    "application/octet-stream": {"schema": {"type": "string",
                                                            "format": "binary"}}}},
                             status: response}
        if operation.status == 204 and operation.response is not None:
            # PATCH/PUT: no content, or the entity when asked for it (Prefer header)
            responses = {"200": {"description": "Success", "content": {"application/json": {
                "schema": self.response_schema(operation.response)}}}, status: response}
        responses["4XX"] = {"$ref": "#/components/responses/" + ERROR_RESPONSE}
        responses["5XX"] = {"$ref": "#/components/responses/" + ERROR_RESPONSE}
        return responses

    # -- schemas ----------------------------------------------------------------------------

    def response_schema(self, ref: TypeRef) -> Schema:
        if not ref.collection and (ref.is_primitive or self.model.enum(ref.name) is not None):
            # OData wraps a single primitive or enum result: {"value": ...}; a stream as binary
            value = {"type": "string", "format": "binary"} if ref == _STREAM else \
                self.type_schema(ref)
            return {"type": "object", "properties": {"value": value}}
        if not ref.collection:
            return self.type_schema(ref)
        name = f"{component_key(ref.name.removeprefix('Edm.'))}CollectionResponse"
        if name not in self.collections:
            self.collections[name] = {
                "title": f"Collection of {ref.name}",
                "type": "object",
                "properties": {
                    "value": {"type": "array", "items": self.type_schema(TypeRef(ref.name))},
                    "@odata.nextLink": nullable({"type": "string"}, self.dialect),
                },
            }
        return {"$ref": COMPONENT_PREFIX + name}

    def type_schema(self, ref: TypeRef) -> Schema:
        if ref.collection:
            return {"type": "array", "items": self.type_schema(TypeRef(ref.name))}
        if ref.is_primitive:
            return primitive_schema(ref.name, self.dialect) or {"type": "string"}
        if self.model.lookup(ref.name) is None:
            return {"type": "object", "x-docschema-unresolved-type": ref.name}
        return {"$ref": COMPONENT_PREFIX + component_key(ref.name)}

    def value_schema(self, ref: TypeRef) -> Schema:
        schema = self.type_schema(ref)
        return schema if ref.collection or "$ref" not in schema else \
            {"anyOf": [schema], "nullable": True} if self.dialect.is_openapi_30 else \
            {"anyOf": [schema, {"type": "null"}]}

    def error_schema(self) -> Schema:
        text = {"type": "string"}
        return {
            "title": "ODataError",
            "required": ["error"],
            "type": "object",
            "properties": {"error": {
                "title": "MainError",
                "required": ["code", "message"],
                "type": "object",
                "properties": {"code": dict(text), "message": dict(text),
                               "target": nullable(dict(text), self.dialect)},
            }},
        }


def _ordered_item(item: dict[str, Any]) -> Schema:
    order = ("parameters", "get", "put", "post", "delete", "patch")
    return {key: item[key] for key in order if key in item}
