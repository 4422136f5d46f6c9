"""Structural checks of an OpenAPI document's paths that openapi-spec-validator does not make
(it is blind to templated twins and undeclared path parameters)."""

from __future__ import annotations

import re
from typing import Any

METHODS = ("get", "put", "post", "delete", "patch")


def problems(document: dict[str, Any]) -> list[str]:
    found: list[str] = []
    components = document.get("components", {})
    seen_ids: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for path, item in document.get("paths", {}).items():
        twin = re.sub(r"\{[^{}]*\}", "{}", path).lower()
        if twin in canonical:
            found.append(f"templated twins: {canonical[twin]} and {path}")
        canonical[twin] = path
        names = re.findall(r"\{([^{}]*)\}", path)
        if len(names) != len(set(names)):
            found.append(f"{path}: a template name repeats")
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            declared = [p["name"] for p in item.get("parameters", []) + operation.get(
                "parameters", []) if "$ref" not in p and p.get("in") == "path"]
            if sorted(declared) != sorted(names):
                found.append(f"{method} {path}: template names {names}, declared {declared}")
            operation_id = operation.get("operationId", "")
            if not re.fullmatch(r"[A-Za-z0-9_.\-]+", operation_id):
                found.append(f"{method} {path}: operationId {operation_id!r} not url-safe")
            if operation_id in seen_ids:
                found.append(f"operationId {operation_id} twice: {seen_ids[operation_id]}, {path}")
            seen_ids[operation_id] = path
            if "204" in operation["responses"] and "content" in operation["responses"]["204"]:
                found.append(f"{method} {path}: 204 with a body")
    for reference in sorted(set(_refs(document))):
        kind, _, name = reference.removeprefix("#/components/").partition("/")
        if name not in components.get(kind, {}):
            found.append(f"dangling $ref {reference}")
    titles: dict[str, str] = {}
    for name, schema in components.get("schemas", {}).items():
        title = _title(schema)
        if title is not None and title in titles:
            found.append(f"title {title!r} of {name} and {titles[title]}")
        if title is not None:
            titles[title] = name
    return found


def _title(schema: dict[str, Any]) -> str | None:
    if "title" in schema:
        return str(schema["title"])
    for part in schema.get("allOf", []):
        if "title" in part:
            return str(part["title"])
    return None


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        for value in node.values():
            found.extend(_refs(value))
        return found
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []
