"""Operations beyond the OpenAPI: ``show``, the model YAML target, request examples (DS507)."""

from __future__ import annotations

from pathlib import Path

import yaml
from test_emit_openapi import specs_model
from test_operations import MODEL, PAGES, api

from generator import pipeline
from generator.emit import emit_texts
from generator.emit.jsonschema import jsonschema_documents
from generator.model import Model
from generator.operations import resolve_operations
from generator.options import Options
from generator.request_examples import lint_request_examples

SPECS = Path(__file__).resolve().parents[1] / "specs"


def test_show_prints_an_operation_by_method_and_path_or_by_operation_id() -> None:
    options = Options(sources=(SPECS,), use_cache=False)
    shown = yaml.safe_load(pipeline.show(
        options, "GET /solutions/virtualEvents/webinars/{id}/sessions"))
    assert shown["operation_id"] == "solutions.virtualEvents.webinars.ListSessions"
    assert shown["response"] == "Collection(microsoft.graph.virtualEventSession)"
    again = yaml.safe_load(pipeline.show(options, shown["operation_id"]))
    assert again == shown


def test_the_model_target_dumps_operations_by_tag() -> None:
    outputs = emit_texts(specs_model(), Options(), "model")
    text = outputs["model/operations/solutions.yaml"]
    dumped = yaml.safe_load(text)
    assert dumped["tag"] == "solutions"
    assert {o["method"] for o in dumped["operations"]} == {"GET"}
    assert all(o["source"].endswith(".md:" + o["source"].rpartition(":")[2])
               for o in dumped["operations"])


def test_example_request_bodies_are_checked_against_the_body_schema() -> None:
    example = ("<!-- { \"blockType\": \"request\", \"name\": \"tips\" } -->\n```http\n"
               "POST https://graph.microsoft.com/v1.0/me/getMailTips\n\n"
               "{\n  \"EmailAddresses\": [\"a@b.c\"],\n  \"Bogus\": 1\n}\n```\n")
    path, facts = api("user-getmailtips.md", "user: getMailTips",
                      "POST /users/{id}/getMailTips", "Returns `200 OK`.",
                      "| Parameter | Type | Description |\n|---|---|---|\n"
                      "| EmailAddresses | String collection | Addresses. |\n\n## Example\n\n"
                      + example)
    pages = [p for p in PAGES if not p[0].endswith("user-getmailtips.md")] + [(path, facts)]
    operations, _ = resolve_operations(MODEL, pages)
    model = Model(types=MODEL.types, operations=operations)
    stats, diagnostics = lint_request_examples(model, jsonschema_documents(model, strict=False))
    assert (stats.checked, stats.invalid) == (1, 1)
    (finding,) = diagnostics
    assert finding.code == "DS507" and "'Bogus'" in finding.message
    assert finding.line == next(i for i, line in enumerate(
        facts.examples[0].body.split("\n")) if line.startswith("{")) + facts.examples[0].body_line
