"""Extracting example responses from real API pages and validating them against JSON Schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.emit.jsonschema import jsonschema_documents
from generator.examples import (
    Example,
    ExampleStats,
    extract_examples,
    http_body,
    lint_examples,
    loads_lenient,
    validate_examples,
    value_offsets,
)
from generator.model import (
    Model,
    Property,
    SourceLocation,
    StructuredType,
    TypeKind,
    TypeRef,
)
from generator.options import Options
from generator.read import SourceFile

API = Path(__file__).resolve().parent / "fixtures" / "api"
GRAPH = "microsoft.graph"


def source(name: str) -> SourceFile:
    return SourceFile(f"api/{name}", (API / name).read_text(encoding="utf-8"), "")


def examples(name: str) -> list[Example]:
    return extract_examples(source(name))


def prop(name: str, type_name: str, collection: bool = False) -> Property:
    return Property(name, TypeRef(type_name, collection))


def model(mail_enabled: str = "Edm.Boolean", size: str = "Edm.Int32") -> Model:
    entity = StructuredType(GRAPH, "entity", TypeKind.ENTITY,
                            properties=(prop("id", "Edm.String"),))
    group = StructuredType(GRAPH, "group", TypeKind.ENTITY, base=f"{GRAPH}.entity", properties=(
        prop("displayName", "Edm.String"), prop("mailEnabled", mail_enabled),
        prop("groupTypes", "Edm.String", collection=True),
        prop("createdDateTime", "Edm.DateTimeOffset")))
    attachment = StructuredType(GRAPH, "attachment", TypeKind.ENTITY, base=f"{GRAPH}.entity",
                                properties=(prop("name", "Edm.String"), prop("size", size)))
    file_attachment = StructuredType(GRAPH, "fileAttachment", TypeKind.ENTITY,
                                     base=f"{GRAPH}.attachment",
                                     properties=(prop("contentBytes", "Edm.Binary"),))
    return Model(types=(attachment, entity, file_attachment, group))


def test_extracts_typed_collection_examples_with_body_lines() -> None:
    found = examples("group-list.md")
    assert [e.location.line for e in found] == [111, 213, 255, 289, 332, 376]
    typed = [e for e in found if e.type_name is not None]
    assert {e.type_name for e in typed} == {"microsoft.graph.group"}
    assert all(e.is_collection and e.truncated for e in typed)
    assert (API / "group-list.md").read_text().splitlines()[110] == "{"


def test_lenient_annotations_and_collection_spelling() -> None:
    (tips,) = examples("user-getmailtips.md")  # isCollection: true, key unquoted
    assert (tips.type_name, tips.is_collection) == ("microsoft.graph.mailTips", True)
    (connector,) = examples("identityapiconnector-get.md")  # trailing comma
    assert connector.type_name == "microsoft.graph.identityApiConnector"
    (permissions,) = examples("driveitem-list-permissions.md")  # Collection(...)
    assert (permissions.type_name, permissions.is_collection) == ("microsoft.graph.permission",
                                                                   True)


def test_status_line_variants_split_fences_and_empty_bodies() -> None:
    first, _ = examples("event-post-attachments.md")  # "HTTP 201 Created"
    assert first.body.startswith("{") and first.location.line == 127
    (search,) = examples("search-query.md")  # headers in one fence, JSON in the next
    assert search.body.startswith("{") and search.location.line == 98
    (report,) = examples("reportroot-getyammeractivitycounts.md")  # 302, no body
    assert report.body == ""


def test_http_body_without_status_line_is_the_whole_fence() -> None:
    assert http_body('\n{"a": 1}\n') == ('{"a": 1}', 1)
    assert http_body("HTTP/1.1 204 No Content\n") == ("", 2)


def test_loads_lenient_repairs_docs_json() -> None:
    text = '{\n  "a": 1, // note\n  ...\n  "b": [1, ...],\n  c: "x // not a comment",\n}'
    assert loads_lenient(text) == {"a": 1, "b": [1], "c": "x // not a comment"}
    with pytest.raises(ValueError):
        loads_lenient("POST https://graph.microsoft.com/v1.0/me")


def validate(*names: str, m: Model | None = None,
             strict: bool = False) -> tuple[ExampleStats, list[str]]:
    found = [e for name in names for e in examples(name)]
    stats, diagnostics = validate_examples(found, jsonschema_documents(m or model(),
                                                                      strict=strict))
    return stats, [f"{d.path}:{d.line}: {d.code} {d.message}" for d in diagnostics]


def test_collection_items_validate() -> None:
    stats, diagnostics = validate("group-list.md")
    assert diagnostics == []
    assert (stats.typed, stats.with_schema, stats.valid, stats.untyped) == (5, 5, 5, 1)
    assert stats.items > 5


def test_failure_names_page_line_and_json_path() -> None:
    stats, diagnostics = validate("group-list.md", m=model(mail_enabled="Edm.Int32"))
    assert (stats.invalid, stats.valid) == (1, 4)  # the others $select other properties
    assert diagnostics[0] == (
        "api/group-list.md:127: DS201 microsoft.graph.group example invalid at "
        "$.value[0].mailEnabled: True is not of type 'integer', 'null'")


def test_derived_payload_is_checked_by_its_odata_type() -> None:
    _, diagnostics = validate("event-post-attachments.md")
    assert diagnostics == []
    bad_size = model(size="Edm.Boolean")
    _, diagnostics = validate("event-post-attachments.md", m=bad_size)
    assert len(diagnostics) == 2
    assert "$.size" in diagnostics[0]


def test_strict_mode_reports_undocumented_properties() -> None:
    _, diagnostics = validate("event-post-attachments.md", strict=True)
    assert len(diagnostics) == 2
    assert "Unevaluated properties are not allowed" in diagnostics[0]
    assert "'contentType'" in diagnostics[0]


def test_no_schema_unparseable_and_empty_are_counted_apart() -> None:
    stats, diagnostics = validate("user-getmailtips.md", "channel-post-messagereply.md",
                                  "reportroot-getyammeractivitycounts.md")
    assert (stats.typed, stats.no_schema, stats.empty) == (5, 5, 0)
    assert [d.split(" ")[1] for d in diagnostics] == ["DS202"] * 5
    report = StructuredType(GRAPH, "report", TypeKind.COMPLEX)
    stats, diagnostics = validate("reportroot-getyammeractivitycounts.md",
                                  m=Model(types=(report,)))
    assert (stats.with_schema, stats.empty, stats.checked, diagnostics) == (1, 1, 0, [])
    assert (stats.schema_rate, stats.valid_rate) == (1.0, 1.0)
    chat = StructuredType(GRAPH, "chatMessage", TypeKind.ENTITY, properties=(
        prop("id", "Edm.String"),))
    stats, diagnostics = validate("channel-post-messagereply.md", m=Model(types=(chat,)))
    assert (stats.with_schema, stats.unparseable, stats.valid) == (3, 1, 2)
    assert diagnostics == [
        "api/channel-post-messagereply.md:156: DS203 microsoft.graph.chatMessage example body "
        "is not JSON: Expecting value: line 1 column 1 (char 0)"]


def test_lint_examples_is_the_cli_entry_point() -> None:
    sources = [source(name) for name in ("group-list.md", "event-post-attachments.md")]
    stats, diagnostics = lint_examples(model(), sources, Options())
    assert (stats.pages, stats.checked, stats.valid) == (2, 7, 7)
    assert stats.schema_rate == 1.0 and stats.valid_rate == 1.0
    assert diagnostics == []
    assert "7 valid (100.0%)" in stats.summary()
    assert all(isinstance(e, Example) for e in examples("group-list.md"))
    assert SourceLocation("api/group-list.md", 111) == examples("group-list.md")[0].location


def inline_example(body: str, type_name: str = "microsoft.graph.group") -> Example:
    return Example(SourceLocation("api/inline.md", 7), type_name, False, False, body)


@pytest.mark.parametrize("value", ['"datetime-value"', '"String"', '"DateTimeOffset"', '""',
                                   '"String (timestamp)"', '"@odata.type: microsoft.graph.x"'])
def test_placeholder_values_pass_value_checks_and_are_counted(value: str) -> None:
    body = f'{{"createdDateTime": {value}, "mailEnabled": true}}'
    stats, diagnostics = validate_examples([inline_example(body)],
                                           jsonschema_documents(model(), strict=False))
    assert diagnostics == []
    assert (stats.valid, stats.placeholders) == (1, 1)


@pytest.mark.parametrize("body", ['{"createdDateTime": "2021-13-01"}',
                                  '{"createdDateTime": "1974-07-22"}',
                                  '{"mailEnabled": "yes"}',
                                  '{"createdDateTime": "datetime-value", "mailEnabled": 1}',
                                  '{"groupTypes": "String"}'])
def test_real_values_and_structure_are_still_checked(body: str) -> None:
    stats, diagnostics = validate_examples([inline_example(body)],
                                           jsonschema_documents(model(), strict=False))
    assert stats.invalid == 1
    assert [d.code for d in diagnostics] == ["DS201"]


def test_value_offsets_follow_keys_and_indexes() -> None:
    text = '{\n "a": [1,\n  {"b": "x, y"}],\n "c": {"d": null}\n}'
    offsets = value_offsets(text)
    assert text[offsets[("a", 1, "b")]:].startswith('"x, y"')
    assert text[offsets[("c", "d")]:].startswith("null")
    assert offsets[()] == 0
    assert value_offsets("{not json") == {}


def test_strict_placeholders_do_not_leave_their_object_unevaluated() -> None:
    body = '{"createdDateTime": "datetime-value", "displayName": "A", "id": "1"}'
    stats, diagnostics = validate_examples([inline_example(body)],
                                           jsonschema_documents(model(), strict=True))
    assert diagnostics == []
    assert (stats.valid, stats.placeholders) == (1, 1)


def test_strict_reports_the_bad_value_before_the_unevaluated_cascade() -> None:
    body = '{"mailEnabled": "yes", "displayName": "A", "id": "1"}'
    _, diagnostics = validate_examples([inline_example(body)],
                                       jsonschema_documents(model(), strict=True))
    assert len(diagnostics) == 1
    assert "$.mailEnabled: 'yes' is not of type 'boolean', 'null'" in diagnostics[0].message
