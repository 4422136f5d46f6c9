"""The model target: one YAML file per type and enum, the model exactly as resolve built it.

``model_to_yaml`` is also what ``docschema show NAME`` prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from generator.emit import Document, TypeView, view_of
from generator.emit.schema_common import dump_yaml
from generator.model import (
    EnumType,
    Model,
    Operation,
    OperationParameter,
    Property,
    SourceLocation,
    StructuredType,
)
from generator.names import fit_file_name
from generator.options import Options
from generator.templating import (
    Templates,
    rendered_value,
    static_documents,
    static_text,
    templates_for,
)

TEMPLATE = "model/type.yaml.jinja"


class _ModelYaml:
    """One YAML file per type and enum: ``type_data`` dumped."""

    def places(self, model: Model, options: Options) -> Mapping[str, object]:
        return {}

    def type_files(self, model: Model, options: Options,
                   places: Mapping[str, object]) -> dict[str, str]:
        names = [t.qualified_name for t in model.types] + [e.qualified_name for e in model.enums]
        return {f"model/{fit_file_name(name, '.yaml')}": name for name in sorted(names)}

    def render_types(self, views: Sequence[TypeView], options: Options) -> list[str]:
        templates = templates_for(options)
        return [_text(type_data(view), view, templates) for view in views]

    def documents(self, model: Model, options: Options,
                  places: Mapping[str, object]) -> list[Document]:
        generated = self.type_files(model, options, places)
        operations = [Document(f"model/operations/{fit_file_name(tag, '.yaml')}",
                               {"tag": tag,
                                "operations": [operation_data(o) for o in found]},
                               _document_text)
                      for tag, found in operations_by_tag(model).items()]
        return [*operations, *[Document(path, text, static_text) for path, text in
                               static_documents(templates_for(options), "model", "model",
                                                generated)]]


MODEL = _ModelYaml()


def _text(data: dict[str, Any], view: TypeView, templates: Templates) -> str:
    return dump_yaml(rendered_value(templates, TEMPLATE, data, view.subject.qualified_name,
                                    view.subject, "yaml"))


def _document_text(data: dict[str, Any], parts: Sequence[str]) -> str:
    return dump_yaml(data)


def operations_by_tag(model: Model) -> dict[str, list[Operation]]:
    """Every operation (kept or not by the path check) by its tag, in the model's order."""
    found: dict[str, list[Operation]] = {}
    for operation in model.operations:
        found.setdefault(operation.tag, []).append(operation)
    return dict(sorted(found.items()))


def operation_to_yaml(operation: Operation) -> str:
    """The YAML model of one operation (``docschema show "GET /users/{id}"``)."""
    return dump_yaml(operation_data(operation))


def operation_data(o: Operation) -> dict[str, Any]:
    """One operation as the model YAML target and ``docschema show`` write it."""
    def parameter(p: OperationParameter) -> dict[str, Any]:
        return {"name": p.name, "type": str(p.type), "required": p.required}

    return {
        "operation_id": o.operation_id,
        "method": o.method.upper(),
        "path": o.path,
        "resolved": o.resolved,
        **({"unresolved": o.unresolved_reason} if not o.resolved else {}),
        "summary": o.summary,
        "bound": o.bound,
        "path_parameters": [parameter(p) for p in o.path_parameters],
        "query_parameters": [parameter(p) for p in o.query_parameters],
        "odata_options": list(o.odata_options),
        "headers": [parameter(p) for p in o.headers],
        "body": str(o.body) if o.body is not None else None,
        "body_parameters": [parameter(p) for p in o.body_parameters],
        "media_body": o.media_body,
        "status": o.status,
        "response": str(o.response) if o.response is not None else None,
        "source": _source(o.location),
        "pages": list(o.pages),
    }


def model_to_yaml(model: Model, qualified_name: str) -> str:
    """The YAML model of one type or enum as resolve built it (the built-in template);
    ``KeyError`` when the model has no such name."""
    view = view_of(model, qualified_name)
    return _text(type_data(view), view, Templates())


def model_data(model: Model, qualified_name: str) -> dict[str, Any]:
    """The data ``model_to_yaml`` dumps; ``KeyError`` when the model has no such name."""
    return type_data(view_of(model, qualified_name))


def type_data(view: TypeView) -> dict[str, Any]:
    found = view.subject
    return enum_data(found) if isinstance(found, EnumType) else structured_data(view, found)


def _source(location: SourceLocation) -> str:
    return f"{location.path}:{location.line}" if location.path else ""


def structured_data(view: TypeView, t: StructuredType) -> dict[str, Any]:
    return {
        "qualified_name": t.qualified_name,
        "namespace": t.namespace,
        "name": t.name,
        "kind": t.kind.value,
        "base": t.base,
        "abstract": t.abstract,
        "open": t.open_type,
        "key": list(t.key),
        "description": t.description,
        "source": _source(t.location),
        "derived": list(view.direct_derived),
        "properties": [property_data(p) for p in t.properties],
    }


def property_data(p: Property) -> dict[str, Any]:
    return {
        "name": p.name,
        "type": p.type.name,
        "collection": p.type.collection,
        "navigation": p.navigation,
        "read_only": p.read_only,
        "origin": p.origin.value,
        "description": p.description,
        "source": _source(p.location),
    }


def enum_data(e: EnumType) -> dict[str, Any]:
    return {
        "qualified_name": e.qualified_name,
        "namespace": e.namespace,
        "name": e.name,
        "kind": e.kind.value,
        "flags": e.is_flags,
        "description": e.description,
        "source": _source(e.location),
        "members": [{"name": m.name, "value": m.value, "description": m.description}
                    for m in e.members],
    }
