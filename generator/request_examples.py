"""``lint --examples`` for requests: the API pages' example request bodies checked against the
request-body schema of their operation (DS507).

An entity body (POST to a collection, PATCH, PUT) is validated against the entity's JSON Schema,
placeholder values tolerated as for responses (``generator.examples``); an action's body may
hold only the action's parameters (names compared case-insensitively, instance annotations
like ``@odata.type`` allowed). Each example is checked once, with the first operation of its
page that has a body.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema.exceptions import best_match

from generator.examples import Example, SchemaSet, _value_location, item_errors, loads_lenient
from generator.model import Diagnostic, ExampleFact, Model, Operation, SourceLocation


@dataclass
class RequestExampleStats:
    checked: int = 0
    valid: int = 0
    invalid: int = 0
    unparseable: int = 0


def lint_request_examples(model: Model, schemas: Mapping[str, Mapping[str, Any]]
                          ) -> tuple[RequestExampleStats, list[Diagnostic]]:
    schema_set = SchemaSet(schemas)
    stats = RequestExampleStats()
    diagnostics: list[Diagnostic] = []
    seen: set[tuple[str, int]] = set()
    for operation in model.operations:
        if not operation.resolved or (operation.body is None
                                      and not operation.body_parameters):
            continue
        for example in operation.request_examples:
            place = (example.location.path, example.body_line)
            if not example.body.strip() or place in seen:
                continue
            seen.add(place)
            found = _check(operation, example, schema_set, stats)
            if found is not None:
                diagnostics.append(found)
    return stats, diagnostics


def _check(operation: Operation, example: ExampleFact, schemas: SchemaSet,
           stats: RequestExampleStats) -> Diagnostic | None:
    location = SourceLocation(example.location.path, example.body_line)
    try:
        payload = loads_lenient(example.body)
    except ValueError as error:
        stats.unparseable += 1
        return _finding(location, f"the example request body is not JSON: {error}")
    stats.checked += 1
    problem = _problem(operation, example, payload, schemas, location)
    if problem is None:
        stats.valid += 1
        return None
    stats.invalid += 1
    return problem


def _problem(operation: Operation, example: ExampleFact, payload: Any, schemas: SchemaSet,
             location: SourceLocation) -> Diagnostic | None:
    where = f"{operation.method.upper()} {operation.path}"
    if operation.body_parameters:
        if not isinstance(payload, dict):
            return _finding(location, f"{where} takes an object of parameters")
        names = {p.name.lower() for p in operation.body_parameters}
        unknown = [k for k in payload if not str(k).startswith("@") and k.lower() not in names]
        if unknown:
            return _finding(location, f"{where}: {unknown[0]!r} is none of the action's "
                                      f"parameters ({', '.join(sorted(names))})")
        return None
    assert operation.body is not None
    if operation.body.name == "$ref" or operation.body.is_primitive:
        return None
    file_name = schemas.file_for(operation.body.name)
    if file_name is None or not isinstance(payload, dict):
        return None
    errors, _ = item_errors(schemas.validator(file_name), payload)
    failure = best_match(errors)
    if failure is None:
        return None
    shown = Example(location, operation.body.name, False, False, example.body)
    path = [*failure.absolute_path]
    at = _value_location(shown, path)
    pointer = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path) or "body"
    return _finding(at, f"{where}: {operation.body.name} request example: {pointer}: "
                        f"{failure.message}")


def _finding(location: SourceLocation, message: str) -> Diagnostic:
    return Diagnostic.at(location, "DS507", message)
