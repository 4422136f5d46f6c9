"""OpenAPI paths: the specs/ document, and the emitter on resolved operations."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate
from paths_checks import problems
from test_emit_openapi import specs_model
from test_operations import MODEL, PAGES

from generator.emit import emit_texts
from generator.emit.openapi import OPENAPI_PATH
from generator.model import Model
from generator.operations import resolve_operations
from generator.options import Options


def document(model: Model, **options: Any) -> dict[str, Any]:
    text = emit_texts(model, Options(**options), "openapi")[OPENAPI_PATH]
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def operations_model() -> Model:
    operations, diagnostics = resolve_operations(MODEL, PAGES)
    return Model(types=MODEL.types, operations=operations, diagnostics=diagnostics)


@pytest.mark.parametrize("version", ["3.0.4", "3.1"])
def test_specs_paths_are_checked_validated_and_named_after_keyed_types(version: str) -> None:
    doc = document(specs_model(), openapi_version=version)
    validate(doc)
    assert problems(doc) == []
    session = "/solutions/virtualEvents/webinars/{webinars-id}/sessions/{virtualEventSession-id}"
    get = doc["paths"][session]["get"]
    assert get["summary"] == "Get virtualEventSession"
    assert get["externalDocs"]["url"].endswith("api/virtualeventsession-get.md")
    assert get["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/microsoft.graph.virtualEventSession"}
    listing = doc["paths"]["/solutions/virtualEvents/webinars/{webinars-id}/sessions"]["get"]
    wrapper = listing["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schema = doc["components"]["schemas"][wrapper.rpartition("/")[2]]
    assert schema["properties"]["value"]["items"] == {
        "$ref": "#/components/schemas/microsoft.graph.virtualEventSession"}
    assert "@odata.nextLink" in schema["properties"]


@pytest.mark.parametrize("version", ["3.0.4", "3.1"])
def test_operations_document_validates_and_passes_the_structural_checks(version: str) -> None:
    doc = document(operations_model(), openapi_version=version)
    validate(doc)
    assert problems(doc) == []


def test_unresolved_operations_stay_out_unless_kept() -> None:
    model = operations_model()
    plain = document(model)
    assert not any(path.endswith("/event") for path in plain["paths"])
    kept = document(model, keep_unresolved_paths=True)
    (item,) = [i for p, i in kept["paths"].items() if p.endswith("/event")]
    assert "x-docschema-unresolved" in item["get"]


def test_shared_options_error_response_and_bodies() -> None:
    doc = document(operations_model())
    users = doc["paths"]["/users"]["get"]
    assert {"$ref": "#/components/parameters/top"} not in users["parameters"]  # page names none
    assert users["responses"]["4XX"] == {"$ref": "#/components/responses/error"}
    assert "error" in doc["components"]["responses"]
    tips = doc["paths"]["/users/{user-id}/getMailTips"]["post"]
    body = tips["requestBody"]["content"]["application/json"]["schema"]
    assert list(body["properties"]) == ["EmailAddresses", "MailTipsOptions"]
    assert body["properties"]["EmailAddresses"] == {"type": "array", "items": {"type": "string"}}
    patch = doc["paths"]["/users/{user-id}"]["patch"]
    assert "content" not in patch["responses"]["204"]
    assert patch["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/microsoft.graph.user"}
    ref = doc["paths"]["/groups/{group-id}/members/$ref"]["post"]
    assert ref["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ReferenceCreate"}
    count = doc["paths"]["/groups/{group-id}/members/$count"]["get"]
    assert "text/plain" in count["responses"]["200"]["content"]


def test_component_titles_are_unique_across_namespaces() -> None:
    doc = document(specs_model())
    titles = [s.get("title") or next((p["title"] for p in s.get("allOf", []) if "title" in p),
                                     None)
              for s in doc["components"]["schemas"].values()]
    named = [t for t in titles if t is not None]
    assert len(named) == len(set(named))
