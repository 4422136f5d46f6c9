"""Resolve the whole 2021 corpus (v1.0 and beta, separately) and check what fidelity rests on.

Marked ``corpus``: reads ``../shared`` and skips when it is absent. The counts are printed
(``pytest -s``) so the README's corpus report can be reproduced.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.model import Model, PageFacts, TypeRef
from generator.parse import parse_page
from generator.read import find_source_paths, read_source
from generator.resolve import resolve

pytestmark = pytest.mark.corpus

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "graph-docs-2021" / "api-reference"
G = "microsoft.graph."

_CACHE: dict[str, tuple[list[PageFacts], Model]] = {}


def corpus(version: str) -> tuple[list[PageFacts], Model]:
    root = CORPUS / version / "resources"
    if not root.is_dir():
        pytest.skip(f"corpus not found at {root}")
    if version not in _CACHE:
        pages = []
        for path in [Path(p) for p in find_source_paths((root,))]:
            source, _ = read_source(path)
            if source is not None:
                pages.append(parse_page(source))
        _CACHE[version] = (pages, resolve(pages))
    return _CACHE[version]


def summary(version: str, pages: list[PageFacts], model: Model) -> str:
    codes = Counter(d.code for d in model.diagnostics)
    properties = sum(len(t.properties) for t in model.types)
    flags = sum(1 for e in model.enums if e.is_flags)
    unresolved = [d.render() for d in model.diagnostics if d.code in ("DS101", "DS102", "DS103")]
    return "\n".join([
        f"{version}: {len(pages)} pages, {len(model.types)} types, {len(model.enums)} enums "
        f"({flags} flags), {properties} properties; DS101 {codes['DS101']}, DS102 "
        f"{codes['DS102']}, DS103 {codes['DS103']}; resolve diagnostics {sorted(codes.items())}",
        *unresolved])


def every_ref(model: Model) -> list[TypeRef]:
    return [p.type for t in model.types for p in t.properties]


@pytest.mark.parametrize("version", ["v1.0", "beta"])
def test_corpus_resolves_with_no_dangling_reference(version: str) -> None:
    pages, model = corpus(version)
    print(summary(version, pages, model))
    assert len(model.types) > 0.7 * len(pages)
    for ref in every_ref(model):
        assert ref.is_primitive or model.lookup(ref.name) is not None, ref
    for t in model.types:
        assert t.base is None or model.structured(t.base) is not None, t.qualified_name
        assert len(list(model.ancestors(t))) < 20, t.qualified_name


@pytest.mark.parametrize("version", ["v1.0", "beta"])
def test_fewer_than_20_unresolved_names(version: str) -> None:
    _, model = corpus(version)
    unresolved = [d.render() for d in model.diagnostics if d.code in ("DS101", "DS102")]
    assert len(unresolved) < 20, "\n".join(unresolved)


@pytest.mark.parametrize("version", ["v1.0", "beta"])
def test_sub_namespaces_are_qualified_and_referenced(version: str) -> None:
    _, model = corpus(version)
    call_record = model.structured(G + "callRecords.callRecord")
    assert call_record is not None and call_record.base == G + "entity"
    refs = {p.name: p.type for p in call_record.properties}
    assert refs["sessions"] == TypeRef(G + "callRecords.session", collection=True)
    assert refs["organizer"] == TypeRef(G + "identitySet")
    assert model.enum(G + "callRecords.callType") is not None
    assert G + "externalConnectors" in model.namespaces


def test_beta_enums_of_a_page_without_namespace_line_join_its_sub_namespace() -> None:
    _, model = corpus("beta")
    action = model.structured(G + "managedTenants.managementAction")
    assert action is not None
    refs = {p.name: p.type for p in action.properties}
    assert refs["category"] == TypeRef(G + "managedTenants.managementCategory")
    assert model.enum(G + "managementCategory") is None


@pytest.mark.parametrize("version", ["v1.0", "beta"])
def test_well_known_types_resolve_faithfully(version: str) -> None:
    _, model = corpus(version)
    user = model.structured(G + "user")
    assert user is not None and user.base == G + "directoryObject"
    directory_object = model.structured(G + "directoryObject")
    assert directory_object is not None and directory_object.base == G + "entity"
    own = {p.name: p.type for p in model.all_properties(user)}
    assert own["id"] == TypeRef("Edm.String")
    assert own["assignedLicenses"] == TypeRef(G + "assignedLicense", collection=True)
    assert own["manager"] == TypeRef(G + "directoryObject")
    assert own["businessPhones"] == TypeRef("Edm.String", collection=True)
    # Merged from the intune-*-user pages.
    assert own["managedDevices"] == TypeRef(G + "managedDevice", collection=True)


@pytest.mark.parametrize("version", ["v1.0", "beta"])
def test_flags_from_usage_only_on_enums_whose_values_allow_flags(version: str) -> None:
    _, model = corpus(version)
    for found in model.diagnostics:
        if found.code == "DS120":
            name = found.message.split()[1]
            enum = model.enum(name)
            assert enum is not None and enum.is_flags, found.render()
            values = [m.value for m in enum.members]
            assert all(v is not None and (v == 0 or v & (v - 1) == 0) for v in values), values


def test_beta_link_text_naming_no_type_of_its_page_is_not_that_pages_type() -> None:
    _, model = corpus("beta")
    items = model.structured(G + "items")
    company = model.structured(G + "companyInformation")
    assert items is not None and company is not None
    # [NAV.UnitOfMeasure](dynamics-complextypes.md): that page documents only postalAddress.
    assert {p.name: p.type for p in items.properties}["baseUnitOfMeasure"] == \
        TypeRef("Edm.Untyped")
    # [NAV.PostalAddress](dynamics-complextypes.md) names it.
    assert {p.name: p.type for p in company.properties}["address"] == TypeRef(
        G + "postalAddress")
