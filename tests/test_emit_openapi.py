"""The OpenAPI emitter on a hand-made model, and openapi-spec-validator on its output."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator, validate

from generator.emit import emit_texts, schema_common
from generator.emit.openapi import OPENAPI_PATH, openapi_document
from generator.emit.schema_common import dump_yaml
from generator.model import (
    EnumMember,
    EnumType,
    Model,
    Property,
    SourceLocation,
    StructuredType,
    TypeKind,
    TypeRef,
)
from generator.options import Options

GRAPH = "microsoft.graph"
SHARED = Path(__file__).resolve().parents[2] / "shared"
CALL_RECORDS = "microsoft.graph.callRecords"


def prop(name: str, type_name: str, *, collection: bool = False, **extra: Any) -> Property:
    return Property(name, TypeRef(type_name, collection), location=SourceLocation("p.md", 3),
                    **extra)


def sample_model() -> Model:
    """Inheritance three levels deep, a sub-namespace, every primitive, enums and flags."""
    entity = StructuredType(GRAPH, "entity", TypeKind.ENTITY, abstract=True, key=("id",),
                            description="The base entity.",
                            properties=(prop("id", "Edm.String", read_only=True),),
                            location=SourceLocation("entity.md", 1))
    identity = StructuredType(GRAPH, "identity", TypeKind.COMPLEX,
                              properties=(prop("displayName", "Edm.String"),))
    email = StructuredType(GRAPH, "emailIdentity", TypeKind.COMPLEX,
                           base=f"{GRAPH}.identity",
                           properties=(prop("email", "Edm.String"),))
    special = StructuredType(GRAPH, "specialEmailIdentity", TypeKind.COMPLEX,
                             base=f"{GRAPH}.emailIdentity",
                             properties=(prop("level", "Edm.Byte"),))
    meeting = StructuredType(
        GRAPH, "onlineMeeting", TypeKind.ENTITY, base=f"{GRAPH}.entity",
        description="A meeting with links.",
        properties=(
            prop("subject", "Edm.String", description="The subject. Read-only."),
            prop("startDateTime", "Edm.DateTimeOffset"),
            prop("organizer", f"{GRAPH}.identity"),
            prop("participants", f"{GRAPH}.identity", collection=True),
            prop("role", f"{GRAPH}.onlineMeetingRole"),
            prop("capabilities", f"{GRAPH}.meetingCapabilities"),
            prop("attendeeCount", "Edm.Int32"),
            prop("score", "Edm.Double"),
            prop("size", "Edm.Int64"),
            prop("offset", "Edm.Int16"),
            prop("tiny", "Edm.SByte"),
            prop("amount", "Edm.Decimal"),
            prop("day", "Edm.Date"),
            prop("time", "Edm.TimeOfDay"),
            prop("duration", "Edm.Duration"),
            prop("uid", "Edm.Guid"),
            prop("content", "Edm.Binary"),
            prop("extra", "Edm.Untyped"),
            prop("tags", "Edm.String", collection=True),
            prop("mystery", f"{GRAPH}.notDocumented"),
            prop("sessions", f"{CALL_RECORDS}.session", collection=True, navigation=True),
        ),
    )
    session = StructuredType(CALL_RECORDS, "session", TypeKind.ENTITY, base=f"{GRAPH}.entity",
                             open_type=True, properties=(prop("modalities", "Edm.String"),))
    role = EnumType(GRAPH, "onlineMeetingRole",
                    (EnumMember("attendee", 0, "An attendee."), EnumMember("presenter", 1),
                     EnumMember("unknownFutureValue", 2)))
    capabilities = EnumType(GRAPH, "meetingCapabilities",
                            (EnumMember("none", 0), EnumMember("questionAndAnswer", 1),
                             EnumMember("chat", 2)), is_flags=True)
    return Model(types=tuple(sorted((entity, identity, email, special, meeting, session),
                                    key=lambda t: t.qualified_name)),
                 enums=tuple(sorted((role, capabilities), key=lambda e: e.qualified_name)))


def schemas(version: str = "3.0.4") -> dict[str, Any]:
    document: dict[str, Any] = openapi_document(sample_model(), version)
    return document["components"]["schemas"]  # type: ignore[no-any-return]


def emitted(version: str) -> dict[str, Any]:
    files = emit_texts(sample_model(), Options(openapi_version=version), "openapi")
    assert list(files) == [OPENAPI_PATH]
    document: dict[str, Any] = yaml.safe_load(files[OPENAPI_PATH])
    return document


@pytest.mark.parametrize(("version", "field"), [("3.0.4", "3.0.4"), ("3.1", "3.1.0")])
def test_document_passes_openapi_spec_validator(version: str, field: str) -> None:
    document = emitted(version)
    assert document["openapi"] == field
    assert document["paths"] == {}
    validate(document)
    validator = OpenAPIV30SpecValidator if version == "3.0.4" else OpenAPIV31SpecValidator
    validate(document, cls=validator)


def test_validator_would_catch_a_broken_reference() -> None:
    document = emitted("3.0.4")
    document["components"]["schemas"]["microsoft.graph.onlineMeeting"]["allOf"][0]["$ref"] = (
        "#/components/schemas/nowhere")
    with pytest.raises(Exception, match="nowhere"):
        validate(document, cls=OpenAPIV30SpecValidator)


def test_descriptions_keep_text_that_looks_like_markup() -> None:
    """The model's descriptions are plain text (parse flattened the markup): an emitter
    takes nothing more out, only joins the lines."""
    text = "Embeds an <iframe> element; the #<data-id> or `__init__` and **x** stay.\nNext."
    model = dataclasses.replace(sample_model(), types=tuple(
        dataclasses.replace(t, description=text) if t.name == "entity" else t
        for t in sample_model().types))
    document = yaml.safe_load(emit_texts(model, Options(), "openapi")[OPENAPI_PATH])
    assert document["components"]["schemas"]["microsoft.graph.entity"]["description"] == \
        "Embeds an <iframe> element; the #<data-id> or `__init__` and **x** stay. Next."


def test_keys_are_qualified_names_in_order() -> None:
    assert list(schemas()) == sorted(schemas())
    assert "microsoft.graph.callRecords.session" in schemas()


def test_root_type_is_an_object_with_its_description() -> None:
    entity = schemas()["microsoft.graph.entity"]
    assert entity["title"] == "entity"
    assert entity["type"] == "object"
    assert entity["description"] == "The base entity."
    assert entity["properties"]["@odata.type"] == {"type": "string"}
    assert "allOf" not in entity


def test_derived_type_uses_all_of_with_odata_type_default() -> None:
    meeting = schemas()["microsoft.graph.onlineMeeting"]
    base, body = meeting["allOf"]
    assert base == {"$ref": "#/components/schemas/microsoft.graph.entity"}
    assert body["title"] == "onlineMeeting"
    assert body["type"] == "object"
    assert body["description"] == "A meeting with links."
    assert body["properties"]["@odata.type"] == {"type": "string",
                                                  "default": "#microsoft.graph.onlineMeeting"}
    assert meeting["x-ms-discriminator-value"] == "#microsoft.graph.onlineMeeting"


def test_discriminator_maps_all_transitive_derived_types() -> None:
    identity = schemas()["microsoft.graph.identity"]
    assert identity["discriminator"] == {
        "propertyName": "@odata.type",
        "mapping": {
            "#microsoft.graph.emailIdentity": "#/components/schemas/microsoft.graph.emailIdentity",
            "#microsoft.graph.specialEmailIdentity":
                "#/components/schemas/microsoft.graph.specialEmailIdentity",
        },
    }
    middle = schemas()["microsoft.graph.emailIdentity"]
    assert "x-ms-discriminator-value" not in middle  # not a leaf
    assert list(middle["allOf"][1]["discriminator"]["mapping"]) == [
        "#microsoft.graph.specialEmailIdentity"]
    assert schemas()["microsoft.graph.specialEmailIdentity"]["x-ms-discriminator-value"] == (
        "#microsoft.graph.specialEmailIdentity")


def meeting_properties(version: str) -> dict[str, Any]:
    properties: dict[str, Any] = schemas(version)["microsoft.graph.onlineMeeting"]["allOf"][1][
        "properties"]
    return properties


def test_nullable_reference_shape_3_0() -> None:
    properties = meeting_properties("3.0.4")
    assert properties["organizer"] == {"anyOf": [
        {"$ref": "#/components/schemas/microsoft.graph.identity"},
        {"type": "object", "nullable": True}]}
    assert properties["role"]["anyOf"][1] == {"type": "object", "nullable": True}
    assert properties["subject"]["type"] == "string"
    assert properties["subject"]["nullable"] is True
    assert properties["subject"]["description"] == "The subject. Read-only."


def test_nullable_reference_shape_3_1() -> None:
    properties = meeting_properties("3.1")
    assert properties["organizer"] == {"anyOf": [
        {"$ref": "#/components/schemas/microsoft.graph.identity"}, {"type": "null"}]}
    assert properties["subject"]["type"] == ["string", "null"]
    assert "nullable" not in properties["subject"]
    assert properties["content"] == {"type": ["string", "null"], "contentEncoding": "base64"}


def test_collections_are_arrays() -> None:
    properties = meeting_properties("3.0.4")
    assert properties["participants"] == {
        "type": "array", "items": {"$ref": "#/components/schemas/microsoft.graph.identity"}}
    assert properties["tags"] == {"type": "array", "items": {"type": "string", "nullable": True}}


def test_navigation_and_read_only() -> None:
    properties = meeting_properties("3.0.4")
    assert properties["sessions"]["x-ms-navigationProperty"] is True
    assert properties["sessions"]["items"] == {
        "$ref": "#/components/schemas/microsoft.graph.callRecords.session"}
    assert schemas()["microsoft.graph.entity"]["properties"]["id"]["readOnly"] is True
    assert "readOnly" not in properties["subject"]


def test_integer_formats_and_bounds() -> None:
    properties = meeting_properties("3.0.4")
    assert properties["attendeeCount"] == {"type": "integer", "format": "int32",
                                           "minimum": -2147483648, "maximum": 2147483647,
                                           "nullable": True}
    assert properties["size"] == {"type": "integer", "format": "int64", "nullable": True}
    assert properties["offset"]["format"] == "int16"
    assert (properties["offset"]["minimum"], properties["offset"]["maximum"]) == (-32768, 32767)
    assert properties["tiny"]["format"] == "int8"
    level = schemas()["microsoft.graph.specialEmailIdentity"]["allOf"][1]["properties"]["level"]
    assert (level["format"], level["minimum"], level["maximum"]) == ("uint8", 0, 255)


def test_floating_point_accepts_non_finite_strings() -> None:
    score = meeting_properties("3.0.4")["score"]
    assert score == {"anyOf": [
        {"type": "number", "format": "double", "nullable": True},
        {"type": "string", "enum": ["INF", "-INF", "NaN"], "nullable": True}]}
    score31 = meeting_properties("3.1")["score"]
    assert score31["anyOf"][-1] == {"type": "null"}


def test_string_formats() -> None:
    properties = meeting_properties("3.0.4")
    assert properties["startDateTime"]["format"] == "date-time"
    assert "pattern" in properties["startDateTime"]
    assert properties["day"]["format"] == "date"
    assert properties["time"]["format"] == "time"
    assert properties["duration"]["format"] == "duration"
    assert properties["uid"]["format"] == "uuid"
    assert properties["content"] == {"type": "string", "format": "base64url", "nullable": True}
    assert properties["amount"] == {"type": "number", "format": "decimal", "nullable": True}
    assert properties["extra"] == {}


def test_unresolved_type_is_kept_as_any_with_a_marker() -> None:
    assert meeting_properties("3.0.4")["mystery"] == {
        "x-docschema-unresolved-type": "microsoft.graph.notDocumented"}


def test_enum_shape() -> None:
    role = schemas()["microsoft.graph.onlineMeetingRole"]
    assert role["title"] == "onlineMeetingRole"
    assert role["type"] == "string"
    assert role["enum"] == ["attendee", "presenter", "unknownFutureValue"]
    assert role["x-ms-enum"]["name"] == "onlineMeetingRole"
    assert role["x-ms-enum"]["modelAsString"] is False
    assert role["x-ms-enum"]["values"][0] == {"value": "attendee", "name": "attendee",
                                              "description": "An attendee."}
    assert "x-ms-enum-flags" not in role


def test_flags_enum_takes_a_member_list_pattern() -> None:
    import re

    flags = schemas()["microsoft.graph.meetingCapabilities"]
    assert flags["x-ms-enum-flags"] == {"isFlags": True}
    assert "enum" not in flags
    pattern = re.compile(flags["pattern"])
    assert pattern.match("chat")
    assert pattern.match("questionAndAnswer,chat")
    assert pattern.match("questionAndAnswer, chat")
    assert not pattern.match("chat,bogus")
    assert not pattern.match("")


def test_output_is_deterministic_and_has_no_yaml_anchors() -> None:
    first = emit_texts(sample_model(), Options(), "openapi")
    reversed_model = Model(types=tuple(reversed(sample_model().types)),
                           enums=tuple(reversed(sample_model().enums)))
    assert emit_texts(reversed_model, Options(), "openapi") == first
    assert "&id" not in first[OPENAPI_PATH] and "*id" not in first[OPENAPI_PATH]


def specs_model() -> Model:
    """The model of the repository's specs/ pages (the default input)."""
    from generator.pipeline import load_model

    specs = Path(__file__).resolve().parents[1] / "specs"
    return load_model(Options(sources=(specs,), use_cache=False))


@pytest.mark.parametrize("version", ["3.0.4", "3.1"])
def test_specs_document_passes_openapi_spec_validator(version: str) -> None:
    model = specs_model()
    document = yaml.safe_load(emit_texts(model, Options(openapi_version=version), "openapi")[
        OPENAPI_PATH])
    validator = OpenAPIV30SpecValidator if version == "3.0.4" else OpenAPIV31SpecValidator
    validate(document, cls=validator)
    session = document["components"]["schemas"]["microsoft.graph.virtualEventSession"]
    assert session["allOf"][0] == {"$ref": "#/components/schemas/microsoft.graph.onlineMeetingBase"}
    assert session["allOf"][1]["properties"]["@odata.type"]["default"] == (
        "#microsoft.graph.virtualEventSession")


# -- the per-entry dump and the two YAML emitters ------------------------------------------

ODD_TEXT = (
    "A long description " * 30 + "with 'quotes', \"double quotes\", a # hash, a: colon, "
    "- dash, ünïcödé — dashes, 中文, a line\nbreak, two\n\nbreaks, trailing space ",
    "\ttab first", "emoji 😀 beyond the BMP with a\ttab", "line\u2028separator", "\x85next line",
    "bom\ufeff", "  leading spaces", "---", "...", "null", "yes", "0x1F", "1e3", "", " ",
    "@odata.type", "x" * 300, "space \n break", "é" * 200 + "\n" + "à" * 200,
)


def odd_model() -> Model:
    """The sample model with awkward text: long lines, quotes, breaks, odd characters, as
    descriptions (made plain text) and as property and member names (written as they are)."""
    base = sample_model()
    odd = StructuredType(
        GRAPH, "oddText", TypeKind.COMPLEX, description=ODD_TEXT[0],
        properties=tuple(prop(f"p{i}", "Edm.String", description=text)
                         for i, text in enumerate(ODD_TEXT))
        + tuple(prop(text, "Edm.String") for text in ODD_TEXT if text))
    odd_enum = EnumType(GRAPH, "oddEnum", tuple(EnumMember(text, i, text)
                                                for i, text in enumerate(ODD_TEXT)))
    return Model(types=tuple(sorted((*base.types, odd), key=lambda t: t.qualified_name)),
                 enums=tuple(sorted((*base.enums, odd_enum), key=lambda e: e.qualified_name)))


def whole_document_dump(model: Model, version: str) -> str:
    """The reference: the whole document at once, by PyYAML's pure-Python emitter."""
    return dump_yaml(openapi_document(model, version), use_libyaml=False)


@pytest.mark.parametrize("libyaml", [True, False])
@pytest.mark.parametrize("version", ["3.0.4", "3.1"])
def test_entries_dumped_one_by_one_equal_the_whole_document(
        version: str, libyaml: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if libyaml and not schema_common.HAS_LIBYAML:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(schema_common, "HAS_LIBYAML", libyaml)
    for model in (specs_model(), odd_model()):
        text = emit_texts(model, Options(openapi_version=version), "openapi")[OPENAPI_PATH]
        assert text == whole_document_dump(model, version)
    assert "\\U0001F600" in text  # PyYAML's escape, even where libyaml is used
    assert any(len(line) > 500 for line in text.splitlines())  # never folded


def test_odd_text_survives_the_round_trip() -> None:
    text = emit_texts(odd_model(), Options(), "openapi")[OPENAPI_PATH]
    odd = yaml.safe_load(text)["components"]["schemas"]["microsoft.graph.oddText"]
    for i, expected in enumerate(ODD_TEXT):
        description = odd["properties"][f"p{i}"].get("description", "")
        assert description == schema_common.one_line(expected)


def test_libyaml_and_pyyaml_write_the_same_bytes_for_safe_text() -> None:
    if not schema_common.HAS_LIBYAML:
        pytest.skip("PyYAML was built without libyaml")
    safe = {"a": [ODD_TEXT[0], "é" * 200 + "\n" + "à" * 200, "---", "", "null", "x" * 300]}
    assert dump_yaml(safe, use_libyaml=True) == dump_yaml(safe, use_libyaml=False)


@pytest.mark.parametrize("length", [0, 1, 122, 123, 124, 127, 128, 129, 130, 300])
def test_both_emitters_write_a_key_of_any_length_alike(length: int) -> None:
    # PyYAML's own rule writes keys of 123-128 characters in the "? key" form (it counts the
    # key's tag), libyaml's plain: an API path of that length must not make the two differ.
    if not schema_common.HAS_LIBYAML:
        pytest.skip("PyYAML was built without libyaml")
    key = ("/users/{user-id}/" + "x" * length)[:length]
    document = {"paths": {key: {"get": {"summary": key}}}, key: [{key: None}]}
    assert dump_yaml(document, use_libyaml=True) == dump_yaml(document, use_libyaml=False)
    assert yaml.safe_load(dump_yaml(document, use_libyaml=False)) == document


def test_text_libyaml_writes_differently_goes_to_pyyaml() -> None:
    # libyaml double-quotes and escapes characters beyond the BMP, PyYAML writes them as they
    # are; likewise U+0085 and a carriage return.
    document = {"a": "emoji 😀", "b": ["a\x85b", "a\rb"]}
    if schema_common.HAS_LIBYAML:
        assert dump_yaml(document, use_libyaml=True) != dump_yaml(document, use_libyaml=False)
    assert dump_yaml(document) == dump_yaml(document, use_libyaml=False)


def edited_model(model: Model, qualified_name: str) -> Model:
    types = tuple(
        dataclasses.replace(t, description=t.description + " Edited.")
        if t.qualified_name == qualified_name else t for t in model.types)
    return dataclasses.replace(model, types=types)


def corpus_model(corpus: str) -> Model:
    from generator.pipeline import load_model

    resources = SHARED / "corpus" / "graph-docs-2021" / "api-reference" / corpus / "resources"
    if not resources.is_dir():
        pytest.skip(f"corpus not found at {resources}")
    return load_model(Options(sources=(resources,), use_cache=False))


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["v1.0", "beta"])
def test_corpus_yaml_is_the_same_from_both_emitters(corpus: str) -> None:
    """Every YAML document of the corpus (OpenAPI both versions, every model file): libyaml's
    emitter as used, the per-entry OpenAPI dump and PyYAML's emitter write the same bytes."""
    from generator.emit.model_yaml import model_data

    model = corpus_model(corpus)
    for version in ("3.0.4", "3.1"):
        reference = dump_yaml(openapi_document(model, version), use_libyaml=False)
        assert emit_texts(model, Options(openapi_version=version), "openapi")[OPENAPI_PATH] == (
            reference)
    files = emit_texts(model, Options(), "model")
    for name in [t.qualified_name for t in model.types] + [e.qualified_name for e in model.enums]:
        document = model_data(model, name)
        reference = dump_yaml(document, use_libyaml=False)
        assert files[f"model/{name}.yaml"] == reference
        if schema_common.HAS_LIBYAML:
            assert dump_yaml(document, use_libyaml=True) == reference


def test_libyaml_is_used_only_where_it_writes_pyyaml_bytes() -> None:
    """Over every character class that matters, in values, keys and lists: whenever the check
    lets libyaml write a document, libyaml writes PyYAML's bytes."""
    characters = [chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA1), 0x2028, 0x2029,
                                   0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F600,
                                   0x10FFFF]] + ["\\", '"', "'", "\\t"]
    unsafe = 0
    for ch in characters:
        for text in (f"a{ch}b", ch, f"a {ch}", f"{ch} a", f"a\n{ch}b", f"a'{ch}", f"{ch}\n"):
            for document in ({"k": text}, {text: 1}, {"k": [text]}):
                canonical = schema_common.canonical_json(document)
                if not schema_common.libyaml_writes_alike(canonical):
                    unsafe += 1
                elif schema_common.HAS_LIBYAML:
                    assert dump_yaml(document, use_libyaml=True) == dump_yaml(
                        document, use_libyaml=False), repr(text)
    assert not schema_common.libyaml_writes_alike(schema_common.canonical_json(["a\tb"]))
    assert schema_common.libyaml_writes_alike(schema_common.canonical_json(["a\nb", "c\\n"]))
    assert unsafe > 0


def mutated_models() -> list[Model]:
    """The sample model changed in every way a type's text depends on besides its own value:
    a base's description, a new derived type, a referenced enum or base type gone (the
    reference is then unresolved), a base become open, a base type's properties."""
    model = sample_model()

    def replace_type(name: str, **changes: Any) -> Model:
        return dataclasses.replace(model, types=tuple(
            dataclasses.replace(t, **changes) if t.qualified_name == name else t
            for t in model.types))

    extra = StructuredType(GRAPH, "otherEmailIdentity", TypeKind.COMPLEX,
                           base=f"{GRAPH}.emailIdentity")
    return [
        edited_model(model, "microsoft.graph.identity"),
        dataclasses.replace(model, types=tuple(sorted((*model.types, extra),
                                                      key=lambda t: t.qualified_name))),
        dataclasses.replace(model, enums=tuple(e for e in model.enums
                                               if e.name != "onlineMeetingRole")),
        dataclasses.replace(model, types=tuple(t for t in model.types if t.name != "identity")),
        replace_type("microsoft.graph.entity", open_type=True),
        replace_type("microsoft.graph.entity", properties=()),
        model,
    ]


PLAIN_VALUES: list[Any] = [
    {"s": ODD_TEXT, "b": [True, False], "i": [0, -1, 10**30], "n": None, "empty": [{}, [], ""],
     "nested": [[["x"]], {"k": {"k": [1, "1", "true", "null", "~", "0x1F", "1e3", "2021-01-01"]}}],
     True: "bool key", 2: "int key", None: "null key", "": "empty key"},
    [1.5, float("inf"), ("tuple",), "after"],  # a float and a tuple: SafeRepresenter's own way
    "just a string",
    [],
]


@pytest.mark.parametrize("libyaml", [True, False])
@pytest.mark.parametrize("document", PLAIN_VALUES)
def test_plain_nodes_dump_as_pyyaml_represents_them(document: Any, libyaml: bool) -> None:
    if libyaml and not schema_common.HAS_LIBYAML:
        pytest.skip("PyYAML was built without libyaml")
    assert dump_yaml(document, use_libyaml=libyaml) == \
        schema_common.dump_yaml_stock(document, use_libyaml=libyaml)


def test_a_value_no_representer_knows_fails_as_pyyaml_fails() -> None:
    with pytest.raises(yaml.representer.RepresenterError):
        dump_yaml({"a": object()}, use_libyaml=False)
