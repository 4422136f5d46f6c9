"""The JSON Schema emitter on a hand-made model: shapes, dispatch on @odata.type, strict mode."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from test_emit_openapi import sample_model

from generator.emit import emit_texts
from generator.emit.jsonschema import jsonschema_documents
from generator.options import Options

MEETING = "microsoft.graph.onlineMeeting.schema.json"
IDENTITY = "microsoft.graph.identity.schema.json"


def documents(*, strict: bool = False) -> dict[str, Any]:
    return jsonschema_documents(sample_model(), strict=strict)


def validator_for(file_name: str, *, strict: bool = False) -> Draft202012Validator:
    docs = documents(strict=strict)
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(doc, default_specification=DRAFT202012))
        for name, doc in docs.items())
    return Draft202012Validator(docs[file_name], registry=registry)


def errors(file_name: str, instance: Any, *, strict: bool = False) -> list[str]:
    return sorted(f"{e.json_path}: {e.message}"
                  for e in validator_for(file_name, strict=strict).iter_errors(instance))


def test_one_file_per_type_and_enum_with_id_and_metaschema() -> None:
    files = emit_texts(sample_model(), Options(), "jsonschema")
    assert len(files) == 8
    for path, text in files.items():
        document = json.loads(text)
        assert path == "jsonschema/" + document["$id"]
        assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(document)
    assert "jsonschema/microsoft.graph.callRecords.session.schema.json" in files


def test_metaschema_check_would_catch_a_bad_schema() -> None:
    bad = dict(documents()[MEETING], type="objekt")
    with pytest.raises(Exception, match="objekt"):
        Draft202012Validator.check_schema(bad)


def test_inheritance_refers_to_the_base_shape_by_relative_file_name() -> None:
    meeting = documents()[MEETING]
    assert meeting["allOf"][0] == {"$ref": "#/$defs/shape"}
    assert meeting["$defs"]["shape"]["allOf"] == [
        {"$ref": "microsoft.graph.entity.schema.json#/$defs/shape"}]
    assert meeting["patternProperties"] == {"@": {}}
    assert "unevaluatedProperties" not in meeting


def test_valid_payload_with_inherited_properties_and_nulls() -> None:
    payload = {"id": "1", "subject": None, "organizer": None, "participants": None,
               "attendeeCount": 3, "score": "NaN", "tags": ["a", None], "role": "presenter",
               "capabilities": "chat, questionAndAnswer", "startDateTime": "2021-01-01T00:00:00Z",
               "mystery": {"anything": 1}, "@odata.context": "x", "future": 1,
               "organizer@odata.type": "x"}
    assert errors(MEETING, payload) == []


def test_inherited_and_own_property_types_are_checked() -> None:
    assert errors(MEETING, {"id": 5, "attendeeCount": "three", "role": "boss"}) == [
        "$.attendeeCount: 'three' is not of type 'integer', 'null'",
        "$.id: 5 is not of type 'string', 'null'",
        "$.role: 'boss' is not valid under any of the given schemas",
    ]


def test_a_derived_object_in_a_base_typed_property_is_checked_as_derived() -> None:
    derived = {"@odata.type": "#microsoft.graph.specialEmailIdentity", "email": "a@b",
               "level": 3, "displayName": "A"}
    assert errors(MEETING, {"organizer": derived}) == []
    assert errors(MEETING, {"organizer": dict(derived, level=300)}) == [
        "$.organizer: {'@odata.type': '#microsoft.graph.specialEmailIdentity', 'email': 'a@b', "
        "'level': 300, 'displayName': 'A'} is not valid under any of the given schemas"]
    without_type = dict(derived)
    del without_type["@odata.type"]
    assert errors(IDENTITY, dict(without_type, level=300)) == []  # not known to be derived


def test_strict_rejects_unknown_properties_but_accepts_derived_and_annotations() -> None:
    derived = {"@odata.type": "#microsoft.graph.emailIdentity", "email": "a@b",
               "displayName": "A", "email@odata.type": "x"}
    assert errors(IDENTITY, derived, strict=True) == []
    assert errors(IDENTITY, {"displayName": "A", "email": "a@b"}, strict=True) == [
        "$: Unevaluated properties are not allowed ('email' was unexpected)"]
    assert errors(MEETING, {"id": "1", "subject": "s", "sessions": []}, strict=True) == []


def test_strict_leaves_open_types_open() -> None:
    session = "microsoft.graph.callRecords.session.schema.json"
    assert "unevaluatedProperties" not in documents(strict=True)[session]
    assert errors(session, {"id": "1", "anything": [1]}, strict=True) == []


def test_enum_and_flags_files() -> None:
    role = documents()["microsoft.graph.onlineMeetingRole.schema.json"]
    assert role["type"] == "string"
    assert role["enum"] == ["attendee", "presenter", "unknownFutureValue"]
    flags = documents()["microsoft.graph.meetingCapabilities.schema.json"]
    assert "enum" not in flags
    assert errors("microsoft.graph.meetingCapabilities.schema.json", "chat,none") == []
    assert errors("microsoft.graph.meetingCapabilities.schema.json", "chat,x") != []


def test_primitive_shapes() -> None:
    properties = documents()[MEETING]["$defs"]["shape"]["properties"]
    assert properties["content"] == {"type": ["string", "null"], "contentEncoding": "base64"}
    assert properties["uid"]["format"] == "uuid"
    assert properties["tags"] == {"type": ["array", "null"], "items": {"type": ["string", "null"]}}
    assert properties["extra"] == {}
    assert errors(MEETING, {"uid": "not-a-guid"}) != []
    assert errors(MEETING, {"startDateTime": "yesterday"}) != []
    assert errors(MEETING, {"score": 1.5, "size": 2**40, "tiny": -128}) == []
    assert errors(MEETING, {"tiny": -129}) != []


def test_deterministic() -> None:
    assert emit_texts(sample_model(), Options(strict=True), "jsonschema") == emit_texts(
        sample_model(), Options(strict=True), "jsonschema")


@pytest.mark.parametrize("strict", [False, True])
def test_every_specs_schema_file_passes_the_metaschema(strict: bool) -> None:
    from test_emit_openapi import specs_model

    files = emit_texts(specs_model(), Options(strict=strict), "jsonschema")
    assert "jsonschema/microsoft.graph.virtualEventSession.schema.json" in files
    for text in files.values():
        Draft202012Validator.check_schema(json.loads(text))


def test_dumps_are_the_standard_librarys_bytes_for_odd_documents() -> None:
    from test_emit_openapi import ODD_TEXT

    from generator.emit.schema_common import dump_json, dump_json_stdlib

    odd = "".join(chr(c) for c in range(0, 0x30)) + "\x7f\u2028\u2029\ufeff😀 é 中 \\ \" /"
    documents: list[object] = [
        {"description": text, text: [text, {}, []]} for text in (*ODD_TEXT, odd)]
    documents += [{}, [], {"a": {"b": {}}, "c": [[], [{}]]}, {"n": -2147483648, "m": 2**53,
                                                            "t": True, "f": False, "z": None}]
    for document in documents:
        assert dump_json(document) == dump_json_stdlib(document)
    lone = {"description": "half a pair \ud800"}
    assert dump_json(lone) == dump_json_stdlib(lone)  # orjson refuses it: the stdlib writes it
