"""The whole 2021 corpus: the OpenAPI passes openapi-spec-validator (3.0.4 and 3.1) and every
JSON Schema file passes the 2020-12 metaschema, for v1.0 and for beta."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator, validate

from generator.emit.jsonschema import jsonschema_documents
from generator.emit.openapi import openapi_document
from generator.model import Model
from generator.options import Options
from generator.pipeline import load_model

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "graph-docs-2021" / "api-reference"

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@cache
def corpus_model(version: str) -> Model:
    resources = CORPUS / version / "resources"
    if not resources.is_dir():
        pytest.skip(f"corpus not found at {resources}")
    return load_model(Options(sources=(resources,), use_cache=False))


@pytest.mark.parametrize("corpus", ["v1.0", "beta"])
@pytest.mark.parametrize("version", ["3.0.4", "3.1"])
def test_corpus_openapi_passes_the_validator(corpus: str, version: str) -> None:
    model = corpus_model(corpus)
    document: dict[str, Any] = openapi_document(model, version)
    assert len(document["components"]["schemas"]) == len(model.types) + len(model.enums) > 1000
    validator = OpenAPIV30SpecValidator if version == "3.0.4" else OpenAPIV31SpecValidator
    validate(document, cls=validator)


@pytest.mark.parametrize("corpus", ["v1.0", "beta"])
@pytest.mark.parametrize("strict", [False, True])
def test_corpus_json_schemas_pass_the_metaschema(corpus: str, strict: bool) -> None:
    documents = jsonschema_documents(corpus_model(corpus), strict=strict)
    failures = []
    for name, schema in documents.items():
        try:
            Draft202012Validator.check_schema(schema)
        except Exception as error:  # collect them all, then report
            failures.append(f"{name}: {error}")
    assert failures == []


@pytest.mark.parametrize("corpus", ["v1.0", "beta"])
@pytest.mark.parametrize("strict", [False, True])
def test_corpus_json_schemas_dump_as_the_standard_library_dumps_them(corpus: str,
                                                                     strict: bool) -> None:
    from generator.emit.schema_common import dump_json, dump_json_stdlib

    documents = jsonschema_documents(corpus_model(corpus), strict=strict)
    differing = [name for name, schema in documents.items()
                 if dump_json(schema) != dump_json_stdlib(schema)]
    assert differing == []


@pytest.mark.parametrize("corpus", ["v1.0", "beta"])
def test_corpus_yaml_dumps_as_pyyaml_represents_it(corpus: str) -> None:
    from generator.emit.model_yaml import model_data
    from generator.emit.schema_common import HAS_LIBYAML, dump_yaml, dump_yaml_stock

    model = corpus_model(corpus)
    names = [t.qualified_name for t in model.types] + [e.qualified_name for e in model.enums]
    documents = [model_data(model, name) for name in names]
    documents.append(openapi_document(model, "3.1"))
    differing = [i for i, document in enumerate(documents)
                 if dump_yaml(document, use_libyaml=HAS_LIBYAML)
                 != dump_yaml_stock(document, use_libyaml=HAS_LIBYAML)]
    assert len(documents) > 1000
    assert differing == []
