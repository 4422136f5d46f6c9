"""Every place the model folds two names into one keeps both or says so (issue 15): enum
members, types, enums, namespaces and properties in resolve, and modules in the Python layout;
the naming rule applied to enums and namespaces, and references to what it left out."""

from __future__ import annotations

from test_resolve import (
    DIR,
    at,
    enum_fact,
    enum_page,
    json_prop,
    named,
    page,
    prop,
    type_fact,
    type_page,
)

from generator.emit.python import sources as python_sources
from generator.model import (
    EnumFact,
    EnumMemberFact,
    EnumType,
    Model,
    Severity,
    StructuredType,
    TypeKind,
)
from generator.resolve import resolve


def found(model: Model, code: str) -> list[str]:
    return [d.message for d in model.diagnostics if d.code == code]


def valued_enum_page(name: str, *members: tuple[str, int]) -> EnumFact:
    file = f"{name.lower()}.md"
    return EnumFact(name, tuple(EnumMemberFact(m, v, "", at(file, 20 + i))
                                for i, (m, v) in enumerate(members)), at(file, 19))


def test_members_differing_in_case_are_both_kept() -> None:
    fact = valued_enum_page("colour", ("Red", 4), ("red", 5))
    model = resolve([page("colour.md", enums=(fact,))])
    [enum] = model.enums
    assert [(m.name, m.value) for m in enum.members] == [("Red", 4), ("red", 5)]
    assert model.diagnostics == ()


def test_a_member_listed_again_is_reported_and_the_first_kept() -> None:
    fact = valued_enum_page("colour", ("red", 4), ("blue", 6), ("red", 5))
    model = resolve([page("colour.md", enums=(fact,))])
    [enum] = model.enums
    assert [(m.name, m.value) for m in enum.members] == [("red", 4), ("blue", 6)]
    [d] = [d for d in model.diagnostics if d.code == "DS133"]
    assert d.line == 22 and d.severity is Severity.WARNING and "first at line 20" in d.message


def test_possible_values_differing_in_case_make_two_members() -> None:
    model = resolve([type_page("thing", prop("mode", named("thingMode"),
                                             possible_values=("On", "on", "off")))])
    enum = model.enum("microsoft.graph.thingMode")
    assert enum is not None and [m.name for m in enum.members] == ["On", "on", "off"]


def test_one_enum_listed_in_two_cases_says_so() -> None:
    inline = enum_fact("chatMode", "enabled", "disabled", page_file="meeting.md",
                       anchor="chatmode-values")
    model = resolve([type_page("meeting", enums=(inline,)),
                     enum_page("chatMode", "Enabled", "disabled")])
    [enum] = model.enums
    assert [m.name for m in enum.members] == ["Enabled", "disabled"]
    [message] = found(model, "DS134")
    assert "'enabled'" in message and "chatmode.md" in message


def test_types_differing_in_case_are_one_type_and_say_so() -> None:
    model = resolve([type_page("contract", prop("a", named("Edm.String")), file="contract.md"),
                     type_page("Contract", prop("b", named("Edm.String")), file="other.md")])
    [t] = model.types
    assert {p.name for p in t.properties} == {"a", "b"}
    [message] = found(model, "DS134")
    assert "differs from" in message and "in case only" in message


def test_a_type_documented_twice_on_one_page_says_so() -> None:
    first = type_fact("thing", prop("a", named("Edm.String")), file="thing.md")
    again = type_fact("thing", prop("b", named("Edm.String")), file="thing.md")
    model = resolve([page("thing.md", first, again)])
    assert any("documented again on this page" in m for m in found(model, "DS115"))


def test_a_property_spelt_in_another_case_on_a_merged_page_says_so() -> None:
    model = resolve([
        type_page("video", prop("frameRate", named("Edm.Int32"), page="video.md")),
        type_page("video", prop("framerate", named("Edm.Int32"), page="other.md"),
                  file="other.md"),
    ])
    [t] = model.types
    assert [p.name for p in t.properties] == ["frameRate"]
    [message] = found(model, "DS134")
    assert "'framerate'" in message and "'frameRate'" in message


def test_a_json_key_in_another_case_than_its_row_says_so() -> None:
    model = resolve([type_page("device", prop("hostNames", named("Edm.String")),
                               json=(json_prop("hostnames", named("Edm.String")),))])
    assert any("'hostnames'" in m for m in found(model, "DS134"))


def test_a_namespace_spelt_in_another_case_says_so() -> None:
    pages = [type_page(n, prop("a", named("Edm.String")), namespace="microsoft.graph.termStore")
             for n in ("term", "set")]
    pages.append(type_page("store", prop("a", named("Edm.String")),
                           namespace="microsoft.graph.termstore"))
    model = resolve(pages)
    assert {t.namespace for t in model.types} == {"microsoft.graph.termStore"}
    [d] = [d for d in model.diagnostics if d.code == "DS134"]
    assert d.path == f"{DIR}/store.md" and "'microsoft.graph.termstore'" in d.message


def test_bad_enum_and_namespace_names_are_left_out_with_an_error() -> None:
    model = resolve([enum_page("a/b", "x"),
                     type_page("fine", prop("a", named("Edm.String")), namespace="microsoft..x")])
    assert model.enums == () and model.types == ()
    errors = [d for d in model.diagnostics if d.code == "DS130"]
    assert len(errors) == 2 and all(d.severity is Severity.ERROR for d in errors)


def test_a_base_type_left_out_for_its_name_is_said_by_the_derived_type() -> None:
    model = resolve([type_page("bad", odata_type="microsoft.graph.with space"),
                     type_page("derived", prop("a", named("Edm.String")),
                               base_type="microsoft.graph.with space")])
    [t] = model.types
    assert t.base is None
    [message] = found(model, "DS131")
    assert "base type" in message and "bad.md:1" in message


def test_python_modules_of_two_namespaces_sharing_a_package_stay_apart() -> None:
    """``contoso`` and ``microsoft.graph.contoso`` are one package: one module each."""
    types = tuple(StructuredType(namespace, "widget", TypeKind.COMPLEX)
                  for namespace in ("contoso", "microsoft.graph.contoso"))
    colour = EnumType("contoso", "Widget", ())
    sources = python_sources(Model(types=types, enums=(colour,)), "pkg")
    modules = sorted(path for path in sources if path.startswith("contoso/")
                     and not path.endswith("__init__.py"))
    assert modules == ["contoso/widget.py", "contoso/widget_2.py", "contoso/widget_3.py"]


def test_python_modules_never_take_a_windows_device_name() -> None:
    types = tuple(StructuredType("microsoft.graph", name, TypeKind.COMPLEX)
                  for name in ("con", "Nul", "com1"))
    sources = python_sources(Model(types=types), "pkg")
    assert {"con_.py", "nul_.py", "com1_.py"} <= set(sources)
