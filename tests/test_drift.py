"""``lint --against``: drift between the docs' model (specs/) and service metadata (DS7xx).

The service side is a slice of Microsoft Graph's published v1.0 CSDL (tests/fixtures/metadata,
copied unchanged) and a small OpenAPI document in the shape of Microsoft's; the docs side is
the repository's own specs/ pages, read the way ``docschema lint`` reads them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import pipeline
from generator.cli import main
from generator.drift import find_drift, stated_nullability
from generator.model import Diagnostic, Drift, Model, Subject
from generator.options import Options
from generator.service import UnreadableMetadata, read_service

ROOT = Path(__file__).resolve().parents[1]
METADATA = ROOT / "tests" / "fixtures" / "metadata"
CSDL = METADATA / "graph-v1.0-slice.xml"
OPENAPI = METADATA / "openapi-slice.txt"
RESOURCES = "specs/api-reference/beta/resources"


@pytest.fixture(scope="module")
def specs() -> Model:
    return pipeline.load_model(Options(sources=(ROOT / "specs",), use_cache=False, jobs=1))


@pytest.fixture(scope="module")
def csdl_drift(specs: Model) -> list[Diagnostic]:
    return find_drift(specs, read_service(CSDL))


def about(found: list[Diagnostic], type_name: str, member: str | None = None
          ) -> list[Diagnostic]:
    subject = Subject(f"microsoft.graph.{type_name}", member)
    return [d for d in found if d.subject == subject]


def test_the_csdl_reader_expands_aliases_and_keeps_lines() -> None:
    service = read_service(CSDL).index()
    townhall = service["microsoft.graph.virtualEventTownhall"]
    assert townhall.base == "microsoft.graph.virtualEvent"
    assert townhall.kind == "entity" and townhall.line > 1
    registrations = {p.name: p for p in townhall.properties}["registrations"]
    assert (registrations.type, registrations.collection, registrations.navigation) == (
        "microsoft.graph.virtualEventRegistration", True, True)
    role = service["microsoft.graph.onlineMeetingRole"]
    assert role.is_enum and "coorganizer" in [m.name for m in role.members]


def test_each_drift_is_at_the_docs_line_with_subject_and_drift(
        csdl_drift: list[Diagnostic]) -> None:
    for d in csdl_drift:
        assert d.code.startswith("DS7") and d.drift is not None and d.subject is not None
    (abstract,) = about(csdl_drift, "virtualEvent")
    assert (abstract.code, abstract.drift) == ("DS705", Drift("abstract", "true", "false"))
    assert abstract.path.endswith(f"{RESOURCES}/virtualevent.md")
    (email,) = about(csdl_drift, "communicationsGuestIdentity", "email")
    assert (email.code, email.drift) == ("DS708", Drift("property-missing", None, "email"))
    (case,) = about(csdl_drift, "virtualEventRegistrationQuestionAnswerInputType", "Boolean")
    assert (case.code, case.drift) == ("DS716", Drift("name-case", "Boolean", "boolean"))
    assert case.line == 42  # the member's row on virtualeventregistrationcustomquestion.md


def test_property_type_and_kind_drift(csdl_drift: list[Diagnostic]) -> None:
    (guest,) = about(csdl_drift, "communicationsIdentitySet", "guest")
    assert guest.code == "DS709" and guest.drift == Drift(
        "property-type", "microsoft.graph.communicationsGuestIdentity",
        "microsoft.graph.identity")
    (content,) = about(csdl_drift, "thumbnail", "content")
    assert content.drift == Drift("kind", "navigation", "structural")


def test_types_missing_on_either_side(csdl_drift: list[Diagnostic]) -> None:
    (registrant,) = about(csdl_drift, "virtualEventRegistrant")
    assert (registrant.code, registrant.drift) == (
        "DS701", Drift("type-missing", "microsoft.graph.virtualEventRegistrant", None))
    (undocumented,) = [d for d in csdl_drift if d.code == "DS702"]
    assert undocumented.path == str(CSDL) and undocumented.line == 7  # the Schema element
    assert undocumented.drift == Drift("type-missing", None,
                                       "microsoft.graph.accessAction, microsoft.graph.bodyType")


def test_an_enum_from_possible_values_is_not_missing_the_rest(
        csdl_drift: list[Diagnostic]) -> None:
    # onlinemeetingbase.md builds onlineMeetingRole from "Possible values are: `attendee`".
    assert [d for d in about(csdl_drift, "onlineMeetingRole", "presenter")] == []


def test_openapi_is_told_by_content(specs: Model) -> None:
    service = read_service(OPENAPI)
    assert service.format == "openapi"
    found = find_drift(specs, service)
    (email,) = about(found, "communicationsGuestIdentity", "email")
    assert email.code == "DS708"
    width = about(found, "thumbnail", "width")
    assert [d.drift for d in width] == [Drift("property-type", "Edm.Int32", "Edm.Int64")]
    assert about(found, "thumbnail") == []  # OpenAPI says nothing of kind, abstract or open


def test_unreadable_metadata_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "metadata.json"
    bad.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(UnreadableMetadata, match="neither CSDL XML nor"):
        read_service(bad)
    with pytest.raises(UnreadableMetadata, match="no CSDL Schema"):
        (tmp_path / "x.xml").write_text("<root/>", encoding="utf-8")
        read_service(tmp_path / "x.xml")


@pytest.mark.parametrize(("text", "stated"), [
    ("The user's id. Read-only. Not nullable.", False),
    ("Nullable. Supports $filter.", True),
    ("The display name.", None),
])
def test_stated_nullability(text: str, stated: bool | None) -> None:
    assert stated_nullability(text) is stated


@pytest.fixture
def in_repo() -> Iterator[None]:
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(before)


def test_cli_json_has_drift_and_exit_codes(in_repo: None, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    code = main(["lint", "specs", "--no-cache", "--format", "json", "--against", str(CSDL)])
    assert code == 0  # drift is warnings and info
    items = json.loads(capsys.readouterr().out)["diagnostics"]
    drifted = [i for i in items if i["drift"] is not None]
    assert drifted and all(i["code"].startswith("DS7") for i in drifted)
    abstract = next(i for i in drifted if i["code"] == "DS705")
    assert abstract["subject"] == {"type": "microsoft.graph.virtualEvent", "member": None}
    assert abstract["drift"] == {"aspect": "abstract", "docs": "true", "service": "false"}
    assert main(["lint", "specs", "--no-cache", "--against", "tests"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_config_key_against(tmp_path: Path) -> None:
    from generator.options import load_config, options_from_config

    (tmp_path / "pyproject.toml").write_text(
        '[tool.docschema]\nagainst = "meta/graph.xml"\n', encoding="utf-8")
    options = options_from_config(load_config(tmp_path), tmp_path)
    assert options.against == tmp_path / "meta" / "graph.xml"


@pytest.mark.corpus
def test_specs_against_the_whole_v1_metadata(shared_dir: Path) -> None:
    metadata = shared_dir / "metadata" / "graph-v1.0-2026-08.xml"
    model = pipeline.load_model(Options(sources=(ROOT / "specs",), use_cache=False, jobs=1))
    found = find_drift(model, read_service(metadata))
    assert {d.code for d in found} <= {f"DS7{n:02d}" for n in range(1, 19)}
    assert not about(found, "onlineMeetingBase")  # abstract in both: its TIP note is read


def test_a_type_moved_to_another_namespace_is_namespace_drift_not_a_namesake() -> None:
    from generator.model import Property, StructuredType, TypeKind, TypeRef
    from generator.service import ServiceModel, ServiceProperty, ServiceType

    def docs_type(name: str, *props: str) -> StructuredType:
        return StructuredType("microsoft.graph", name, TypeKind.ENTITY, properties=tuple(
            Property(p, TypeRef("Edm.String")) for p in props))

    def service_type(namespace: str, name: str, *props: str) -> ServiceType:
        return ServiceType(namespace, name, "entity", properties=tuple(
            ServiceProperty(p, "Edm.String") for p in props))

    model = Model(types=(docs_type("alert", "title", "severity"),
                         docs_type("search", "query", "size")))
    service = ServiceModel("meta.xml", "csdl", (
        service_type("microsoft.graph.security", "alert", "title", "severity", "status"),
        service_type("microsoft.graph.security", "search", "contentQuery", "description")))
    found = find_drift(model, service)
    (moved,) = [d for d in found if d.code == "DS717"]
    assert moved.drift == Drift("namespace", "microsoft.graph.alert",
                                "microsoft.graph.security.alert")
    assert [d.drift for d in found if d.code == "DS708"] == [
        Drift("property-missing", None, "status")]
    (namesake,) = [d for d in found if d.code == "DS701"]
    assert namesake.subject == Subject("microsoft.graph.search")
