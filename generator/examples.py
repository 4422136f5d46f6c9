"""Validate the docs' own example responses against the generated JSON Schema (issue #3 item 4).

An *example* is a response block on an API page: an annotation comment
``<!-- {"blockType": "response", "@odata.type": "microsoft.graph.x", ...} -->`` followed by a
code fence holding an HTTP status line, headers, a blank line and a JSON body (or only the
JSON body).

Population and counting (``ExampleStats``):

* *typed*: response blocks whose annotation names a ``microsoft.graph.*`` type (in
  ``@odata.type``, or ``@type`` as a few pages spell it; ``Collection(x)`` means a collection).
  Untyped or primitive-typed responses are counted as ``untyped`` and not validated.
* *with_schema*: typed responses whose type has a schema; the rest are DS202.
* A response with a schema but no body (``204 No Content``, a 302 redirect, an empty fence)
  is ``empty``: there is nothing to check, so it is neither a success nor a failure and is
  left out of the validation rate (``valid / (with_schema - empty)``).
* A body that is not JSON even leniently (after dropping ``...`` placeholder lines, comments
  and trailing commas) is DS203, ``unparseable``; a truncated example (``"truncated": true``,
  or ``...`` in the body) is validated on what it shows, since no property is required.
* Placeholder values (``"datetime-value"``, ``"String"``, ``""``,
  ``"@odata.type: microsoft.graph.x"``) stand for values of the right type: a placeholder
  failing only a value check (pattern, enum, primitive type, format) is not a failure; such
  examples count as valid and also as ``placeholders``. Everything else about them (other
  properties, a string where an object or array belongs) is still checked.
* *checked*: parsed bodies validated; ``valid`` + ``invalid`` = ``checked``. A collection
  (``isCollection`` or ``Collection(x)``) is checked item by item over ``value``; one bad item
  makes the example invalid (DS201, one diagnostic per example, at the line of the failing
  value, naming its JSON path).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from markdown_it import MarkdownIt
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.diagnostics import sort_diagnostics
from generator.emit.jsonschema import jsonschema_documents, schema_file_name
from generator.model import Diagnostic, Model, SourceLocation
from generator.options import Options
from generator.read import SourceFile
from generator.templating import templates_for

GRAPH_PREFIX = "microsoft.graph."
_COLLECTION = re.compile(r"^collection\((?P<name>.+)\)$", re.IGNORECASE)
_ANNOTATION = re.compile(r"<!--\s*(\{.*?\})\s*-->", re.DOTALL)
_HTTP_STATUS = re.compile(r"^HTTP(/\d(\.\d)?)?\s+\d{3}\b")
_MESSAGE_LIMIT = 300

JsonPath = list[str | int]  # keys and indexes from the root of a payload


@dataclass(frozen=True)
class Example:
    """One annotated response block of an API page."""

    location: SourceLocation  # the first line of the JSON body (or of the fence when empty)
    type_name: str | None  # qualified microsoft.graph.* name, None when not annotated so
    is_collection: bool
    truncated: bool
    body: str  # the JSON text ("" when the response has no body)
    annotation: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass
class ExampleStats:
    pages: int = 0
    responses: int = 0  # every response block
    untyped: int = 0  # no microsoft.graph.* type in the annotation
    typed: int = 0
    empty: int = 0  # typed and with a schema, but no body to check
    no_schema: int = 0  # DS202
    with_schema: int = 0
    unparseable: int = 0  # DS203 (counted within with_schema)
    checked: int = 0
    valid: int = 0
    invalid: int = 0  # DS201
    items: int = 0  # objects validated (collection items counted one by one)
    truncated: int = 0  # checked examples marked truncated or holding "..."
    placeholders: int = 0  # valid examples with placeholder values ("datetime-value")

    @property
    def schema_rate(self) -> float:
        """Share of typed responses whose type has a schema."""
        return self.with_schema / self.typed if self.typed else 1.0

    @property
    def valid_rate(self) -> float:
        """Share of non-empty responses with a schema that validate (unparseable ones count
        as failed)."""
        population = self.with_schema - self.empty
        return self.valid / population if population else 1.0

    def summary(self) -> str:
        return (f"{self.pages} pages, {self.responses} response examples, {self.typed} typed; "
                f"schema found for {self.with_schema} ({self.schema_rate:.1%}), {self.empty} "
                f"without a body; {self.valid} valid ({self.valid_rate:.1%}), "
                f"{self.invalid} invalid, {self.unparseable} not JSON, "
                f"{self.no_schema} without schema")


# ------------------------------------------------------------------------------------------
# Extraction
# ------------------------------------------------------------------------------------------

_MARKDOWN = MarkdownIt("commonmark")


def extract_examples(source: SourceFile) -> list[Example]:
    """Every response block of one API page, in page order."""
    tokens = _MARKDOWN.parse(source.text)
    examples: list[Example] = []
    for index, token in enumerate(tokens):
        if token.type != "html_block" or "response" not in token.content:
            continue
        annotation = _response_annotation(token.content)
        if annotation is None:
            continue
        position = _next_fence(tokens, index)
        if position is None:
            continue
        fence = tokens[position]
        body, _ = http_body(fence.content)
        follower = tokens[position + 1] if position + 1 < len(tokens) else None
        if not body and follower is not None and follower.type == "fence":
            fence = follower  # headers in one fence, the JSON body in the next
        line = fence.map[0] + 2 if fence.map else 1
        examples.append(_example(source.path, annotation, fence.content, line))
    return examples


def _next_fence(tokens: Sequence[Any], index: int) -> int | None:
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.type == "fence" and token.map is not None:
            return position
        if token.type in ("html_block", "heading_open"):
            return None
    return None


def _response_annotation(comment: str) -> dict[str, Any] | None:
    match = _ANNOTATION.search(comment)
    if match is None:
        return None
    data = loads_lenient(match.group(1))
    if not isinstance(data, dict) or data.get("blockType") != "response":
        return None
    return data


def _example(path: str, annotation: dict[str, Any], fence_text: str, first_line: int) -> Example:
    type_name, collection = annotated_type(annotation)
    body, offset = http_body(fence_text)
    truncated = annotation.get("truncated") is True
    return Example(SourceLocation(path, first_line + offset), type_name,
                   collection or annotation.get("isCollection") is True, truncated, body,
                   annotation)


def annotated_type(annotation: Mapping[str, Any]) -> tuple[str | None, bool]:
    """The ``microsoft.graph.*`` type an annotation names, and whether it says Collection()."""
    raw = annotation.get("@odata.type", annotation.get("@type"))
    if not isinstance(raw, str):
        return None, False
    name = raw.strip().lstrip("#")
    collection = _COLLECTION.match(name)
    if collection is not None:
        name = collection.group("name").strip()
    if not name.lower().startswith(GRAPH_PREFIX):
        return None, False
    return name, collection is not None


def http_body(fence_text: str) -> tuple[str, int]:
    """The JSON body of an HTTP response fence and its line offset within the fence.

    A status line is followed by headers up to the first blank line; without a status line
    the whole fence is the body.
    """
    lines = fence_text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and _HTTP_STATUS.match(lines[start].strip()):
        start += 1
        while start < len(lines) and lines[start].strip():
            start += 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    return "\n".join(lines[start:]).strip(), start


# ------------------------------------------------------------------------------------------
# Lenient JSON
# ------------------------------------------------------------------------------------------

_PLACEHOLDER_LINE = re.compile(r"^\s*(\.\.\.|…)\s*,?\s*$", re.MULTILINE)
_LINE_COMMENT = re.compile(r'^((?:[^"\n]|"(?:[^"\\\n]|\\.)*")*?)\s*//[^\n]*$', re.MULTILINE)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_INLINE_PLACEHOLDER = re.compile(r"(?<=[\[{,])\s*(\.\.\.|…)\s*(?=[,\]}])")


def loads_lenient(text: str) -> Any:
    """JSON, or JSON after docs-style repairs; raises ``ValueError`` when neither parses."""
    try:
        return json.loads(text, strict=False)  # strict=False: raw line breaks inside strings
    except ValueError:
        pass
    repaired = _PLACEHOLDER_LINE.sub("", text)
    repaired = _LINE_COMMENT.sub(r"\1", repaired)
    repaired = _INLINE_PLACEHOLDER.sub("", repaired)
    repaired = _TRAILING_COMMA.sub(r"\1", repaired)
    repaired = re.sub(r"([{,]\s*)([A-Za-z_@][\w.@]*)(\s*:)", r'\1"\2"\3', repaired)
    repaired = _TRAILING_COMMA.sub(r"\1", repaired)
    return json.loads(repaired, strict=False)


def has_placeholder(body: str) -> bool:
    return bool(_PLACEHOLDER_LINE.search(body) or _INLINE_PLACEHOLDER.search(body))


# ------------------------------------------------------------------------------------------
# Validation
# ------------------------------------------------------------------------------------------


class SchemaSet:
    """In-memory schema files behind one registry, with one validator per root file."""

    def __init__(self, schemas: Mapping[str, Mapping[str, Any]]) -> None:
        self._schemas = schemas
        self._lower = {name.lower(): name for name in schemas}
        self._registry: Registry[Any] = Registry().with_resources(
            (name, Resource.from_contents(schema, default_specification=DRAFT202012))
            for name, schema in schemas.items())
        self._validators: dict[str, Draft202012Validator] = {}

    def file_for(self, type_name: str) -> str | None:
        """The schema file of a type; case-insensitive, as the annotations' casing varies."""
        name = schema_file_name(type_name)
        if name in self._schemas:
            return name
        return self._lower.get(name.lower())

    def validator(self, file_name: str) -> Draft202012Validator:
        if file_name not in self._validators:
            self._validators[file_name] = Draft202012Validator(
                self._schemas[file_name], registry=self._registry)
        return self._validators[file_name]

    def declares(self, file_name: str, property_name: str) -> bool:
        shape = self._schemas[file_name].get("$defs", {}).get("shape", {})
        return property_name in shape.get("properties", {})


def validate_examples(examples: Iterable[Example],
                      schemas: Mapping[str, Mapping[str, Any]]) -> tuple[ExampleStats,
                                                                            list[Diagnostic]]:
    """Validate every typed example against ``schemas`` (file name → JSON Schema)."""
    schema_set = SchemaSet(schemas)
    stats = ExampleStats()
    diagnostics: list[Diagnostic] = []
    for example in examples:
        diagnostic = _check(example, schema_set, stats)
        if diagnostic is not None:
            diagnostics.append(diagnostic)
    return stats, sort_diagnostics(diagnostics)


def _check(example: Example, schemas: SchemaSet, stats: ExampleStats) -> Diagnostic | None:
    stats.responses += 1
    if example.type_name is None:
        stats.untyped += 1
        return None
    stats.typed += 1
    file_name = schemas.file_for(example.type_name)
    if file_name is None:
        stats.no_schema += 1
        return Diagnostic.at(example.location, "DS202",
                             f"no schema for {example.type_name}; the example is not checked")
    stats.with_schema += 1
    if not example.body:
        stats.empty += 1
        return None
    try:
        payload = loads_lenient(example.body)
    except ValueError as error:
        stats.unparseable += 1
        return Diagnostic.at(example.location, "DS203",
                             f"{example.type_name} example body is not JSON: {error}")
    stats.checked += 1
    if example.truncated or has_placeholder(example.body):
        stats.truncated += 1
    items = _items(example, payload, file_name, schemas)
    stats.items += len(items)
    validator = schemas.validator(file_name)
    tolerated = False
    for path, item in items:
        errors, had_placeholders = item_errors(validator, item)
        tolerated = tolerated or had_placeholders
        failure = best_match(errors)
        if failure is not None:
            stats.invalid += 1
            location = _value_location(example, [*path, *failure.absolute_path])
            return Diagnostic.at(location, "DS201", _failure(example, path, failure))
    stats.valid += 1
    stats.placeholders += tolerated
    return None


_PLACEHOLDER_ROUNDS = 8


def item_errors(validator: Draft202012Validator,
                item: Any) -> tuple[list[ValidationError], bool]:
    """The errors that count for one payload, and whether placeholders were set aside.

    Placeholder values are removed (properties dropped, array items nulled) and the item
    validated again, so that they neither fail nor leave their object's other properties
    "unevaluated" under ``strict``. Errors other than ``unevaluatedProperties`` come first
    in line: a failing value makes its whole object count as unevaluated.
    """
    item = copy.deepcopy(item)
    had_placeholders = False
    errors = list(validator.iter_errors(item))
    for _ in range(_PLACEHOLDER_ROUNDS):
        placeholders = [e for e in errors if is_placeholder_error(e)]
        if not placeholders or not all(_remove(item, list(e.absolute_path))
                                       for e in placeholders):
            break
        had_placeholders = True
        errors = list(validator.iter_errors(item))
    real = [e for e in errors if not is_placeholder_error(e)]
    had_placeholders = had_placeholders or len(real) < len(errors)
    values = [e for e in real if e.validator != "unevaluatedProperties"]
    return values or real, had_placeholders


def _remove(item: Any, path: list[str | int]) -> bool:
    """Drop the value at ``path`` (an array item becomes null); False when there is none."""
    if not path:
        return False
    parent = item
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = path[-1]
    if isinstance(parent, dict) and last in parent:
        del parent[last]
        return True
    if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        parent[last] = None
        return True
    return False


_VALUE_PLACEHOLDER = re.compile(r"^[A-Za-z][\w.]*-value$")  # "datetime-value", "skuId-value"
_TYPE_PLACEHOLDER = re.compile(  # a type name where a value belongs: "String", "Boolean"
    r"^(edm\.)?(string|boolean|bool|int16|int32|int64|integer|double|single|float|decimal|"
    r"date|datetime|datetimeoffset|timeofday|time|timestamp|duration|guid|binary)"
    r"(\s*\(.*\))?$", re.IGNORECASE)
_ANNOTATION_PLACEHOLDER = re.compile(r"^@odata\.type\s*:")  # "@odata.type: microsoft.graph.x"
_PLACEHOLDER_CHECKS = frozenset({"pattern", "enum", "type", "format", "const"})


def is_placeholder(value: object) -> bool:
    """A string standing for a value rather than being one: the docs' sample convention."""
    return isinstance(value, str) and bool(
        not value.strip() or _VALUE_PLACEHOLDER.match(value)
        or _TYPE_PLACEHOLDER.match(value.strip()) or _ANNOTATION_PLACEHOLDER.match(value))


def is_placeholder_error(error: ValidationError) -> bool:
    """True when the error is only a placeholder failing a value check (in every branch of
    an ``anyOf``/``oneOf`` that fails for no other reason)."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        branches: dict[object, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        return any(all(is_placeholder_error(sub) for sub in subs)
                   for subs in branches.values())
    if error.validator == "type" and _STRUCTURED & set(_as_list(error.validator_value)):
        return False  # a placeholder string where an object or array belongs is a real error
    return error.validator in _PLACEHOLDER_CHECKS and is_placeholder(error.instance)


_STRUCTURED = frozenset({"array", "object"})


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else [value]


def _items(example: Example, payload: Any, file_name: str,
           schemas: SchemaSet) -> list[tuple[JsonPath, Any]]:
    """(JSON path prefix, object) pairs to validate as the annotated type."""
    if isinstance(payload, list):
        return [([i], item) for i, item in enumerate(payload)]
    values = payload.get("value") if isinstance(payload, dict) else None
    is_page = isinstance(values, list) and not schemas.declares(file_name, "value")
    if (example.is_collection or is_page) and isinstance(values, list):
        return [(["value", i], item) for i, item in enumerate(values)]
    return [([], payload)]


def _failure(example: Example, prefix: JsonPath, error: ValidationError) -> str:
    path = json_path([*prefix, *error.absolute_path])
    message = error.message
    if len(message) > _MESSAGE_LIMIT:
        message = message[:_MESSAGE_LIMIT] + "..."
    return f"{example.type_name} example invalid at {path}: {message}"


def json_path(parts: JsonPath) -> str:
    """``["value", 0, "mailEnabled"]`` → ``$.value[0].mailEnabled``."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


# ------------------------------------------------------------------------------------------
# Where a JSON value sits in the page
# ------------------------------------------------------------------------------------------

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.DOTALL)


def _value_location(example: Example, path: JsonPath) -> SourceLocation:
    """The line of the value at ``path`` in the body; the body's first line when the body
    needed lenient repairs (positions no longer match) or the path is not found."""
    offset = value_offsets(example.body).get(tuple(path))
    if offset is None:
        return example.location
    line = example.location.line + example.body.count("\n", 0, offset)
    return SourceLocation(example.location.path, line)


def value_offsets(text: str) -> dict[tuple[str | int, ...], int]:
    """Character offset of every value in a strict JSON text, by path; ``{}`` if not JSON."""
    try:
        json.loads(text, strict=False)
    except ValueError:
        return {}
    tokens = [(m.group(), m.start()) for m in _JSON_TOKEN.finditer(text)]
    offsets: dict[tuple[str | int, ...], int] = {}
    _walk(tokens, 0, (), offsets)
    return offsets


def _walk(tokens: list[tuple[str, int]], i: int, path: tuple[str | int, ...],
          offsets: dict[tuple[str | int, ...], int]) -> int:
    """Record the value starting at token ``i``; return the index after it."""
    token, start = tokens[i]
    offsets[path] = start
    if token not in ("{", "["):
        return i + 1
    closing = "}" if token == "{" else "]"
    i += 1
    index = 0
    while tokens[i][0] != closing:
        if token == "{":
            key = json.loads(tokens[i][0], strict=False)
            i = _walk(tokens, i + 2, (*path, key), offsets)  # skip the key and ':'
        else:
            i = _walk(tokens, i, (*path, index), offsets)
            index += 1
        if tokens[i][0] == ",":
            i += 1
    return i + 1


def lint_examples(model: Model, api_dir_sources: Sequence[SourceFile],
                  options: Options) -> tuple[ExampleStats, list[Diagnostic]]:
    """The library side of ``docschema lint SOURCE --examples API_DIR``."""
    schemas = jsonschema_documents(model, strict=options.strict,
                                   templates=templates_for(options))
    examples = [e for source in sorted(api_dir_sources, key=lambda s: s.path)
                for e in extract_examples(source)]
    stats, diagnostics = validate_examples(examples, schemas)
    stats.pages = len(api_dir_sources)
    return stats, diagnostics
