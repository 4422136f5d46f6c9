"""The model target: one YAML file per type and enum, the model exactly as resolve built it.

``model_to_yaml`` is also what ``docschema show NAME`` prints.
"""

from __future__ import annotations

import functools
from typing import Any

from generator.emit import Memo, Output
from generator.emit.schema_common import (
    DocumentTemplate,
    dependency_key,
    file_fingerprint,
    yaml_text,
)
from generator.model import EnumType, Model, Property, SourceLocation, StructuredType
from generator.names import fit_file_name
from generator.options import Options
from generator.templating import Templates, templates_for, with_static

TEMPLATE = "model/type.yaml.jinja"
VALUE_NAME = "data"  # what the template calls the type's or enum's data


def emit_model(model: Model, options: Options, memo: Memo) -> dict[str, Output]:
    """Each file's text is memoised by what its data is made from: the type's or enum's value
    and, for a type, its direct derived types (``structured_data`` reads nothing else)."""
    templates = templates_for(options)
    template = DocumentTemplate(TEMPLATE, yaml_text, memo, templates, value_name=VALUE_NAME,
                                syntax="yaml")
    digests = model.value_digests
    code = file_fingerprint(__file__)
    items: list[StructuredType | EnumType] = [*model.types, *model.enums]
    files: dict[str, Output] = {
        fit_file_name(item.qualified_name, ".yaml"): template.render_by_dependencies(
            dependency_key(code, digests[item.qualified_name],
                           list(model.direct_derived(item.qualified_name))),
            functools.partial(model_data, model, item.qualified_name), item.qualified_name,
            item)
        for item in items}
    with_static(files, templates, "model")
    return {f"model/{name}": files[name] for name in sorted(files)}


def model_to_yaml(model: Model, qualified_name: str, memo: Memo | None = None,
                  templates: Templates | None = None) -> str:
    """The YAML model of one type or enum; ``KeyError`` when the model has no such name."""
    template = DocumentTemplate(TEMPLATE, yaml_text, {} if memo is None else memo, templates,
                                value_name=VALUE_NAME, syntax="yaml")
    item = model.lookup(qualified_name)
    return template.render(model_data(model, qualified_name), qualified_name, item)


def model_data(model: Model, qualified_name: str) -> dict[str, Any]:
    """The data ``model_to_yaml`` dumps; ``KeyError`` when the model has no such name."""
    found = model.lookup(qualified_name)
    if found is None:
        raise KeyError(qualified_name)
    return enum_data(found) if isinstance(found, EnumType) else structured_data(model, found)


def _source(location: SourceLocation) -> str:
    return f"{location.path}:{location.line}" if location.path else ""


def structured_data(model: Model, t: StructuredType) -> dict[str, Any]:
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
        "derived": list(model.direct_derived(t.qualified_name)),
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
