"""The model YAML target and ``model_to_yaml`` (what ``docschema show`` prints)."""

from __future__ import annotations

import pytest
import yaml
from test_emit_openapi import sample_model

from generator.emit import emit_texts
from generator.emit.model_yaml import model_to_yaml
from generator.options import Options


def test_one_file_per_type_and_enum() -> None:
    files = emit_texts(sample_model(), Options(), "model")
    assert sorted(files) == list(files)
    assert "model/microsoft.graph.onlineMeeting.yaml" in files
    assert "model/microsoft.graph.meetingCapabilities.yaml" in files
    assert len(files) == 8


def test_structured_type_in_full() -> None:
    data = yaml.safe_load(model_to_yaml(sample_model(), "microsoft.graph.entity"))
    assert data == {
        "qualified_name": "microsoft.graph.entity",
        "namespace": "microsoft.graph",
        "name": "entity",
        "kind": "entity",
        "base": None,
        "abstract": True,
        "open": False,
        "key": ["id"],
        "description": "The base entity.",
        "source": "entity.md:1",
        "derived": ["microsoft.graph.callRecords.session", "microsoft.graph.onlineMeeting"],
        "properties": [{"name": "id", "type": "Edm.String", "collection": False,
                        "navigation": False, "read_only": True, "origin": "table",
                        "description": "", "source": "p.md:3"}],
    }


def test_navigation_collection_property() -> None:
    data = yaml.safe_load(model_to_yaml(sample_model(), "microsoft.graph.onlineMeeting"))
    sessions = next(p for p in data["properties"] if p["name"] == "sessions")
    assert sessions["type"] == "microsoft.graph.callRecords.session"
    assert sessions["collection"] is True
    assert sessions["navigation"] is True
    assert data["base"] == "microsoft.graph.entity"


def test_enum_members_values_and_flags() -> None:
    data = yaml.safe_load(model_to_yaml(sample_model(), "microsoft.graph.meetingCapabilities"))
    assert data["kind"] == "enum"
    assert data["flags"] is True
    assert data["members"][1] == {"name": "questionAndAnswer", "value": 1, "description": ""}


def test_unknown_name_raises_key_error() -> None:
    with pytest.raises(KeyError):
        model_to_yaml(sample_model(), "microsoft.graph.nothing")


def test_text_is_deterministic_and_starts_with_the_name() -> None:
    text = model_to_yaml(sample_model(), "microsoft.graph.onlineMeeting")
    assert text.startswith("qualified_name: microsoft.graph.onlineMeeting\n")
    assert text == model_to_yaml(sample_model(), "microsoft.graph.onlineMeeting")


