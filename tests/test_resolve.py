"""The resolve stage, one rule at a time, on hand-made page facts."""

from __future__ import annotations

import random

import pytest

from generator.model import (
    EnumFact,
    EnumMemberFact,
    JsonPropertyFact,
    Model,
    PageFacts,
    PropertyFact,
    PropertyOrigin,
    SourceLocation,
    StructuredType,
    TypeExpr,
    TypeFact,
    TypeKind,
    TypeRef,
)
from generator.resolve import is_read_only, resolve, title_type_name
from generator.resolve_names import canonical_namespaces, qualify

DIR = "docs/resources"


def at(page: str, line: int = 1) -> SourceLocation:
    return SourceLocation(f"{DIR}/{page}", line)


def prop(name: str, expr: TypeExpr | None, *, page: str = "x.md", line: int = 10,
         description: str = "", navigation: bool = False,
         possible_values: tuple[str, ...] = ()) -> PropertyFact:
    return PropertyFact(name, expr, expr.name if expr else "?", description, at(page, line),
                        navigation=navigation, possible_values=possible_values)


def json_prop(name: str, expr: TypeExpr | None, *, page: str = "x.md",
              line: int = 40) -> JsonPropertyFact:
    return JsonPropertyFact(name, expr, "", at(page, line))


def link(name: str, target: str, anchor: str | None = None, *,
         collection: bool = False) -> TypeExpr:
    return TypeExpr(name, collection=collection, link=f"{DIR}/{target}", anchor=anchor)


def named(name: str, *, collection: bool = False, enum_hint: bool = False) -> TypeExpr:
    return TypeExpr(name, collection=collection, enum_hint=enum_hint)


def edm(name: str, *, collection: bool = False) -> TypeExpr:
    return TypeExpr(f"Edm.{name}", collection=collection)


def page(file: str, *types: TypeFact, namespace: str | None = "microsoft.graph",
         enums: tuple[EnumFact, ...] = ()) -> PageFacts:
    return PageFacts(f"{DIR}/{file}", sha256=file, title=file, namespace=namespace,
                     types=types, enums=enums)


def type_fact(name: str, *properties: PropertyFact, file: str | None = None,
              odata_type: str | None = None, base_type: str | None = None,
              inherits_from: TypeExpr | None = None, key: str | None = None,
              json: tuple[JsonPropertyFact, ...] = (), abstract: bool = False,
              open_type: bool = False) -> TypeFact:
    return TypeFact(name, at(file or f"{name.lower()}.md", 1), odata_type=odata_type,
                    base_type=base_type, inherits_from=inherits_from, abstract=abstract,
                    open_type=open_type, key_property=key, properties=properties,
                    json_properties=json, has_json_block=bool(json))


def type_page(name: str, *properties: PropertyFact, namespace: str | None = "microsoft.graph",
              file: str | None = None, enums: tuple[EnumFact, ...] = (),
              **fields: object) -> PageFacts:
    file = file or f"{name.lower()}.md"
    fact = type_fact(name, *properties, file=file, **fields)  # type: ignore[arg-type]
    return page(file, fact, namespace=namespace, enums=enums)


def enum_fact(name: str, *members: str, page_file: str, anchor: str = "",
              namespace: str | None = None, line: int = 20) -> EnumFact:
    return EnumFact(name, tuple(EnumMemberFact(m, None, "", at(page_file, line + i))
                                for i, m in enumerate(members)),
                    at(page_file, line), anchor=anchor, namespace=namespace)


def enum_page(name: str, *members: str, namespace: str = "microsoft.graph") -> PageFacts:
    file = f"{name.lower()}.md"
    return page(file, namespace=namespace, enums=(enum_fact(name, *members, page_file=file),))


def structured(model: Model, qualified: str) -> StructuredType:
    found = model.structured(qualified)
    assert found is not None, f"{qualified} not in {[t.qualified_name for t in model.types]}"
    return found


def prop_type(model: Model, qualified: str, name: str) -> TypeRef:
    return {p.name: p.type for p in structured(model, qualified).properties}[name]


def codes(model: Model) -> list[str]:
    return [d.code for d in model.diagnostics]


# -- qualified names ----------------------------------------------------------------------------


def test_annotation_names_the_type_and_its_casing_wins_over_the_title() -> None:
    model = resolve([type_page("DateTimeTimeZOne", odata_type="#microsoft.graph.dateTimeTimeZone",
                               file="datetimetimezone.md")])
    assert [t.qualified_name for t in model.types] == ["microsoft.graph.dateTimeTimeZone"]
    assert "DS107" not in codes(model)


def test_title_that_differs_beyond_case_is_reported_and_stays_an_alias() -> None:
    chart = type_page("Chart", odata_type="microsoft.graph.workbookChart", file="chart.md")
    user = type_page("user", prop("chart", named("Chart")), file="user.md",
                     json=(json_prop("chart", named("microsoft.graph.workbookChart")),))
    model = resolve([chart, user])
    assert structured(model, "microsoft.graph.workbookChart").name == "workbookChart"
    assert [d.code for d in model.diagnostics] == ["DS107"]
    assert prop_type(model, "microsoft.graph.user", "chart") == TypeRef(
        "microsoft.graph.workbookChart")


def test_an_annotation_differing_from_the_title_loses_when_pages_use_the_title_name() -> None:
    restrictions = PageFacts(f"{DIR}/chatrestrictions.md", "1",
                             title="chatRestrictions resource type",
                             namespace="microsoft.graph",
                             types=(type_fact("chatrRestrictions", file="chatrestrictions.md",
                                              odata_type="microsoft.graph.chatrRestrictions"),))
    chart = PageFacts(f"{DIR}/chart.md", "2", title="Chart resource type",
                      types=(type_fact("workbookChart", file="chart.md",
                                       odata_type="microsoft.graph.workbookChart"),))
    meeting = type_page("meeting", prop("chat", link("chatRestrictions", "chatrestrictions.md")),
                        prop("chart", link("Chart", "chart.md")),
                        json=(json_prop("chat", named("microsoft.graph.chatRestrictions")),
                              json_prop("chart", named("microsoft.graph.workbookChart"))))
    model = resolve([restrictions, chart, meeting])
    assert prop_type(model, "microsoft.graph.meeting", "chat") == TypeRef(
        "microsoft.graph.chatRestrictions")
    assert prop_type(model, "microsoft.graph.meeting", "chart") == TypeRef(
        "microsoft.graph.workbookChart")
    assert codes(model) == ["DS107", "DS107"]


def test_without_annotation_the_page_namespace_or_microsoft_graph_qualifies_the_title() -> None:
    model = resolve([type_page("session", namespace="microsoft.graph.callRecords"),
                     type_page("thing", namespace=None)])
    assert model.lookup("microsoft.graph.callRecords.session") is not None
    assert model.lookup("microsoft.graph.thing") is not None


def test_annotation_without_namespace_takes_the_page_namespace() -> None:
    model = resolve([type_page("session", odata_type="session",
                               namespace="microsoft.graph.callRecords")])
    assert model.lookup("microsoft.graph.callRecords.session") is not None


def test_a_page_without_namespace_takes_the_sub_namespace_its_file_name_names() -> None:
    enums = (enum_fact("managementCategory", "custom", page_file="enums-managedtenants.md",
                       anchor="managementcategory-values"),)
    pages = [page("enums-managedtenants.md", namespace=None, enums=enums),
             page("enums-other.md", namespace=None, enums=(
                 enum_fact("colour", "red", page_file="enums-other.md", anchor="c"),)),
             type_page("managementAction", prop("category", named("managementCategory")),
                       namespace="microsoft.graph.managedTenants",
                       file="managedtenants-managementaction.md")]
    model = resolve(pages)
    assert [e.qualified_name for e in model.enums] == [
        "microsoft.graph.colour", "microsoft.graph.managedTenants.managementCategory"]
    assert prop_type(model, "microsoft.graph.managedTenants.managementAction",
                     "category") == TypeRef("microsoft.graph.managedTenants.managementCategory")
    assert codes(model) == ["DS118"]


def test_namespace_spelling_is_the_most_frequent_one() -> None:
    pages = [type_page("a", namespace="microsoft.graph.callRecords"),
             type_page("b", namespace="microsoft.graph.callRecords"),
             type_page("c", namespace="microsoft.graph.callrecords")]
    assert resolve(pages).namespaces == ("microsoft.graph.callRecords",)


# -- references ---------------------------------------------------------------------------------


def test_plain_names_resolve_case_insensitively() -> None:
    model = resolve([type_page("alertFeedback"),
                     type_page("alert", prop("feedback", named("AlertFeedback")),
                               prop("all", named("alertfeedback", collection=True)))])
    assert prop_type(model, "microsoft.graph.alert", "feedback") == TypeRef(
        "microsoft.graph.alertFeedback")
    assert prop_type(model, "microsoft.graph.alert", "all") == TypeRef(
        "microsoft.graph.alertFeedback", collection=True)


def test_plain_names_prefer_the_page_namespace_then_microsoft_graph() -> None:
    pages = [
        type_page("session", namespace="microsoft.graph.callRecords", file="cr-session.md"),
        type_page("session", namespace="microsoft.graph", file="session.md"),
        type_page("segment", namespace="microsoft.graph.callRecords", file="cr-segment.md"),
        type_page("callRecord", prop("sessions", named("session", collection=True)),
                  prop("segment", named("segment")), namespace="microsoft.graph.callRecords"),
        type_page("meeting", prop("session", named("session")),
                  prop("segment", named("segment"))),
    ]
    model = resolve(pages)
    assert prop_type(model, "microsoft.graph.callRecords.callRecord", "sessions") == TypeRef(
        "microsoft.graph.callRecords.session", collection=True)
    assert prop_type(model, "microsoft.graph.meeting", "session") == TypeRef(
        "microsoft.graph.session")
    assert prop_type(model, "microsoft.graph.meeting", "segment") == TypeRef(
        "microsoft.graph.callRecords.segment")
    assert "DS108" not in codes(model)


def test_partly_and_fully_qualified_names_resolve() -> None:
    pages = [type_page("session", namespace="microsoft.graph.callRecords"),
             type_page("meeting", prop("a", named("callRecords.session")),
                       prop("b", named("microsoft.graph.callRecords.Session")))]
    model = resolve(pages)
    for name in ("a", "b"):
        assert prop_type(model, "microsoft.graph.meeting", name) == TypeRef(
            "microsoft.graph.callRecords.session")


def test_ambiguous_plain_name_is_reported_and_resolved_deterministically() -> None:
    pages = [type_page("item", namespace="microsoft.graph.a", file="a-item.md"),
             type_page("item", namespace="microsoft.graph.b", file="b-item.md"),
             type_page("holder", prop("item", named("item")))]
    model = resolve(pages)
    assert prop_type(model, "microsoft.graph.holder", "item") == TypeRef("microsoft.graph.a.item")
    assert codes(model) == ["DS108"]


def test_links_resolve_to_the_page_they_point_at_case_insensitively() -> None:
    pages = [type_page("lobbyBypassSettings", file="lobbybypasssettings.md"),
             type_page("meeting", prop("lobby", link("whatever", "lobbyBypassSettings.md")))]
    model = resolve(pages)
    assert prop_type(model, "microsoft.graph.meeting", "lobby") == TypeRef(
        "microsoft.graph.lobbyBypassSettings")
    assert codes(model) == ["DS112"]  # the link text names another type


def test_link_text_naming_another_known_type_wins_unless_it_repeats_the_property() -> None:
    pages = [type_page("participantInfo"), type_page("invitationParticipantInfo"),
             type_page("profilePhoto"),
             type_page("call", prop("targets", link("invitationParticipantInfo",
                                                    "participantinfo.md", collection=True)),
                       prop("photo", link("photo", "profilephoto.md")))]
    pages.append(type_page("photo"))
    model = resolve(pages)
    assert prop_type(model, "microsoft.graph.call", "targets") == TypeRef(
        "microsoft.graph.invitationParticipantInfo", collection=True)
    assert prop_type(model, "microsoft.graph.call", "photo") == TypeRef(
        "microsoft.graph.profilePhoto")
    assert codes(model) == ["DS112", "DS112"]


def test_link_anchor_names_an_inline_enum_on_the_target_page() -> None:
    roles = enum_fact("allowedLobbyAdmitterRoles", "organizer", "unknownFutureValue",
                      page_file="onlinemeetingbase.md", anchor="allowedlobbyadmitterroles-values")
    base = type_page("onlineMeetingBase", enums=(roles,))
    session = type_page("virtualEventSession", prop(
        "admitters", link("allowedLobbyAdmitterRoles", "onlinemeetingbase.md",
                          "allowedLobbyAdmitterRoles-values")))
    model = resolve([base, session])
    assert prop_type(model, "microsoft.graph.virtualEventSession", "admitters") == TypeRef(
        "microsoft.graph.allowedLobbyAdmitterRoles")
    assert codes(model) == []


def test_anchor_without_link_names_an_inline_enum_on_the_same_page() -> None:
    mode = enum_fact("meetingChatMode", "enabled", "disabled", page_file="meeting.md",
                     anchor="meetingchatmode-values")
    model = resolve([type_page("meeting", prop("chat", TypeExpr("meetingChatMode",
                                                                anchor="meetingchatmode-values")),
                               enums=(mode,))])
    assert prop_type(model, "microsoft.graph.meeting", "chat") == TypeRef(
        "microsoft.graph.meetingChatMode")


def test_link_to_a_page_of_several_types_resolves_by_its_text() -> None:
    complex_types = page("complextypes.md", type_fact("postalAddress", file="complextypes.md"),
                         type_fact("dimensionValue", file="complextypes.md"))
    pages = [complex_types, type_page("unitOfMeasure"),
             type_page("item", prop("unit", link("unitOfMeasure", "complextypes.md")),
                       prop("missing", link("currency", "complextypes.md")),
                       prop("address", link("PostalAddress", "complextypes.md")))]
    model = resolve(pages)
    item = "microsoft.graph.item"
    assert prop_type(model, item, "unit") == TypeRef("microsoft.graph.unitOfMeasure")
    assert prop_type(model, item, "missing") == TypeRef("Edm.Untyped")  # not postalAddress
    assert prop_type(model, item, "address") == TypeRef("microsoft.graph.postalAddress")
    found = sorted((d.code, d.message) for d in model.diagnostics)
    assert [code for code, _ in found] == ["DS101", "DS112", "DS112"]
    assert "'currency' names none of the types its target complextypes.md documents " \
           "(microsoft.graph.dimensionValue, microsoft.graph.postalAddress); no type has that " \
           "name" in found[1][1]
    assert "microsoft.graph.unitOfMeasure is used" in found[2][1]


def test_qualified_link_text_names_its_own_type_not_the_pages_only_one() -> None:
    pages = [type_page("postalAddress", file="complextypes.md"),
             type_page("item", prop("unit", link("NAV.UnitOfMeasure", "complextypes.md")),
                       prop("photo", link("photo", "complextypes.md")))]
    model = resolve(pages)
    assert prop_type(model, "microsoft.graph.item", "unit") == TypeRef("Edm.Untyped")
    # Plain text that names nothing still means the page's only type.
    assert prop_type(model, "microsoft.graph.item", "photo") == TypeRef(
        "microsoft.graph.postalAddress")
    assert sorted(codes(model)) == ["DS101", "DS112", "DS112"]
    with_unit = resolve([*pages, type_page("UnitOfMeasure", file="unit.md",
                                           namespace="microsoft.graph.NAV")])
    assert prop_type(with_unit, "microsoft.graph.item", "unit") == TypeRef(
        "microsoft.graph.NAV.UnitOfMeasure")


def test_link_to_an_unknown_page_falls_back_to_the_name() -> None:
    pages = [type_page("identitySet", file="identity-set.md"),
             type_page("alert", prop("by", link("identitySet", "identityset.md")))]
    model = resolve(pages)
    assert prop_type(model, "microsoft.graph.alert", "by") == TypeRef("microsoft.graph.identitySet")


def test_enum_hint_prefers_an_enum_over_a_type_of_the_same_name() -> None:
    pages = [type_page("status", namespace="microsoft.graph.a", file="a-status.md"),
             enum_page("status", "on", "off"),
             type_page("job", prop("state", named("status", enum_hint=True)),
                       prop("detail", named("status")), namespace="microsoft.graph.b")]
    model = resolve(pages)
    assert prop_type(model, "microsoft.graph.b.job", "state") == TypeRef("microsoft.graph.status")
    assert prop_type(model, "microsoft.graph.b.job", "detail") == TypeRef(
        "microsoft.graph.a.status")


def test_unresolvable_name_becomes_untyped_with_a_warning() -> None:
    model = resolve([type_page("alert", prop("x", named("noSuchThing", collection=True), line=7))])
    assert prop_type(model, "microsoft.graph.alert", "x") == TypeRef("Edm.Untyped",
                                                                     collection=True)
    [diagnostic] = model.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.severity.value) == ("DS101", 7, "warning")
    assert "noSuchThing" in diagnostic.message and "Edm.Untyped" in diagnostic.message


def test_primitives_pass_through() -> None:
    model = resolve([type_page("alert", prop("n", edm("Int32")),
                               prop("tags", edm("String", collection=True)))])
    assert prop_type(model, "microsoft.graph.alert", "n") == TypeRef("Edm.Int32")
    assert prop_type(model, "microsoft.graph.alert", "tags") == TypeRef("Edm.String", True)


# -- enums --------------------------------------------------------------------------------------


def test_enum_from_possible_values_when_no_enum_exists() -> None:
    values = ("attendee", "presenter")
    pages = [type_page("meeting", prop("roles", named("onlineMeetingRole", collection=True),
                                       possible_values=values),
                       prop("mode", edm("String"), possible_values=("a", "b")),
                       namespace="microsoft.graph.x")]
    model = resolve(pages)
    enum = model.enum("microsoft.graph.x.onlineMeetingRole")
    assert enum is not None and [m.name for m in enum.members] == list(values)
    assert prop_type(model, "microsoft.graph.x.meeting", "roles") == TypeRef(
        "microsoft.graph.x.onlineMeetingRole", collection=True)
    assert prop_type(model, "microsoft.graph.x.meeting", "mode") == TypeRef("Edm.String")
    assert codes(model) == ["DS109"]


def test_no_enum_from_possible_values_when_the_enum_exists_elsewhere() -> None:
    pages = [enum_page("onlineMeetingRole", "attendee", "presenter", "producer"),
             type_page("meeting", prop("roles", named("onlineMeetingRole"),
                                       possible_values=("attendee",)))]
    model = resolve(pages)
    assert [e.qualified_name for e in model.enums] == ["microsoft.graph.onlineMeetingRole"]
    assert len(model.enums[0].members) == 3
    assert codes(model) == []


def test_same_enum_inline_and_on_its_own_page_merges_silently() -> None:
    inline = enum_fact("chatMode", "enabled", "disabled", page_file="meeting.md",
                       anchor="chatmode-values")
    pages = [type_page("meeting", enums=(inline,)), enum_page("chatMode", "enabled", "disabled")]
    model = resolve(pages)
    [enum] = model.enums
    assert enum.location.path == f"{DIR}/chatmode.md"  # the enum page beats the inline table
    assert codes(model) == []


def test_enums_with_different_members_keep_the_richer_list_and_say_so() -> None:
    inline = enum_fact("chatMode", "enabled", "disabled", "limited", page_file="meeting.md",
                       anchor="chatmode-values")
    pages = [type_page("meeting", enums=(inline,)), enum_page("chatMode", "enabled", "disabled")]
    model = resolve(pages)
    [enum] = model.enums
    assert [m.name for m in enum.members] == ["enabled", "disabled", "limited"]
    [diagnostic] = model.diagnostics
    assert diagnostic.code == "DS104" and "chatmode.md" in diagnostic.message


def test_enum_namespace_from_the_fact_or_the_page() -> None:
    enums = (enum_fact("callType", "unknown", page_file="enums-callrecords.md", anchor="calltype"),
             enum_fact("other", "x", page_file="enums-callrecords.md", anchor="other",
                       namespace="microsoft.graph.ediscovery"))
    model = resolve([page("enums-callrecords.md", namespace="microsoft.graph.callRecords",
                          enums=enums)])
    assert [e.qualified_name for e in model.enums] == ["microsoft.graph.callRecords.callType",
                                                       "microsoft.graph.ediscovery.other"]


# -- inheritance --------------------------------------------------------------------------------


def test_base_from_annotation_or_prose() -> None:
    pages = [type_page("entity", key="id"),
             type_page("a", base_type="microsoft.graph.entity"),
             type_page("b", inherits_from=link("entity", "entity.md")),
             type_page("c", base_type="entity")]
    model = resolve(pages)
    for name in "abc":
        assert structured(model, f"microsoft.graph.{name}").base == "microsoft.graph.entity"


def test_annotation_base_wins_over_conflicting_prose() -> None:
    pages = [type_page("entity"), type_page("directoryObject", base_type="entity"),
             type_page("user", base_type="microsoft.graph.directoryObject",
                       inherits_from=named("entity"))]
    model = resolve(pages)
    assert structured(model, "microsoft.graph.user").base == "microsoft.graph.directoryObject"
    assert codes(model) == ["DS113"]


def test_a_more_derived_prose_base_wins_over_an_annotated_ancestor() -> None:
    pages = [type_page("entity"), type_page("directoryObject", base_type="entity"),
             type_page("orgContact", base_type="microsoft.graph.entity",
                       inherits_from=link("directoryObject", "directoryobject.md"))]
    model = resolve(pages)
    assert structured(model, "microsoft.graph.orgContact").base == (
        "microsoft.graph.directoryObject")
    assert codes(model) == ["DS113"]


def test_a_type_keyed_by_id_with_no_stated_base_derives_from_entity() -> None:
    pages = [type_page("entity", prop("id", edm("String")), key="id"),
             type_page("call", prop("id", edm("String")), prop("state", edm("String")), key="id"),
             type_page("odd", key="name"), type_page("plain"),
             type_page("orphan", base_type="onlineMeeting", key="id")]
    model = resolve(pages)
    call = structured(model, "microsoft.graph.call")
    assert (call.base, [p.name for p in call.properties]) == ("microsoft.graph.entity", ["state"])
    assert structured(model, "microsoft.graph.entity").base is None
    assert structured(model, "microsoft.graph.odd").base is None
    assert structured(model, "microsoft.graph.plain").base is None
    assert structured(model, "microsoft.graph.orphan").base is None  # stated, unknown: DS102
    assert sorted(codes(model)) == ["DS102", "DS111", "DS117"]


def test_no_implicit_entity_base_without_an_entity_page() -> None:
    model = resolve([type_page("call", key="id")])
    assert structured(model, "microsoft.graph.call").base is None
    assert codes(model) == []


def test_unknown_base_is_reported_and_dropped() -> None:
    model = resolve([type_page("virtualEventSession", base_type="microsoft.graph.onlineMeeting",
                               inherits_from=link("onlineMeeting", "onlinemeeting.md"))])
    assert structured(model, "microsoft.graph.virtualEventSession").base is None
    assert codes(model) == ["DS102"]


def test_base_that_is_an_enum_is_unknown() -> None:
    model = resolve([enum_page("colour", "red"), type_page("a", base_type="colour")])
    assert structured(model, "microsoft.graph.a").base is None
    assert codes(model) == ["DS102"]


def test_inheritance_cycles_are_cut_deterministically() -> None:
    pages = [type_page("a", base_type="c"), type_page("b", base_type="a"),
             type_page("c", base_type="b"), type_page("d", base_type="d"),
             type_page("e", base_type="a")]
    model = resolve(pages)
    assert structured(model, "microsoft.graph.a").base is None
    assert structured(model, "microsoft.graph.b").base == "microsoft.graph.a"
    assert structured(model, "microsoft.graph.c").base == "microsoft.graph.b"
    assert structured(model, "microsoft.graph.d").base is None
    assert structured(model, "microsoft.graph.e").base == "microsoft.graph.a"
    assert codes(model) == ["DS103", "DS103"]


# -- kinds and keys -----------------------------------------------------------------------------


def test_kind_and_key() -> None:
    pages = [type_page("entity"),
             type_page("keyed", key="name"),
             type_page("derived", base_type="keyed"),
             type_page("deep", base_type="derived", key="other"),
             type_page("navigating", prop("items", named("keyed"), navigation=True)),
             type_page("plain", prop("n", edm("Int32")))]
    model = resolve(pages)
    kinds = {t.name: (t.kind, t.key) for t in model.types}
    assert kinds == {
        "entity": (TypeKind.ENTITY, ()),
        "keyed": (TypeKind.ENTITY, ("name",)),
        "derived": (TypeKind.ENTITY, ("name",)),
        "deep": (TypeKind.ENTITY, ("other",)),
        "navigating": (TypeKind.ENTITY, ()),
        "plain": (TypeKind.COMPLEX, ()),
    }


def test_abstract_and_open_from_the_annotation() -> None:
    model = resolve([type_page("a", abstract=True, open_type=True), type_page("b")])
    a, b = model.types
    assert (a.abstract, a.open_type, b.abstract, b.open_type) == (True, True, False, False)


# -- properties ---------------------------------------------------------------------------------


def test_properties_in_table_order_with_duplicates_reported() -> None:
    model = resolve([type_page("a", prop("z", edm("String"), line=3),
                               prop("y", edm("Int32"), line=4),
                               prop("Z", edm("Boolean"), line=5))])
    assert [(p.name, p.type.name) for p in structured(model, "microsoft.graph.a").properties] == [
        ("z", "Edm.String"), ("y", "Edm.Int32")]
    assert [(d.code, d.line) for d in model.diagnostics] == [("DS110", 5)]


def test_instance_annotation_rows_are_not_properties() -> None:
    model = resolve([type_page("driveItem", prop("@microsoft.graph.downloadUrl", edm("String")),
                               prop("name", edm("String")))])
    assert [p.name for p in structured(model, "microsoft.graph.driveItem").properties] == ["name"]
    assert codes(model) == ["DS119"]


def test_inherited_rows_are_not_redeclared_unless_the_base_is_unknown() -> None:
    base = type_page("onlineMeetingBase", prop("subject", edm("String")), key="id")
    derived = type_page("virtualEventSession",
                        prop("subject", edm("String"), description="Inherited from base."),
                        prop("startDateTime", edm("DateTimeOffset")),
                        base_type="onlineMeetingBase")
    orphan = type_page("orphan", prop("subject", edm("String")), base_type="missing")
    model = resolve([base, derived, orphan])
    names = [p.name for p in structured(model, "microsoft.graph.virtualEventSession").properties]
    assert names == ["startDateTime"]
    assert [p.name for p in structured(model, "microsoft.graph.orphan").properties] == ["subject"]
    assert sorted(codes(model)) == ["DS102", "DS111"]


def test_properties_inherited_from_further_up_are_not_redeclared() -> None:
    pages = [type_page("entity", prop("id", edm("String"))),
             type_page("a", prop("name", edm("String")), base_type="entity"),
             type_page("b", prop("id", edm("String")), prop("name", edm("String")),
                       prop("own", edm("String")), base_type="a")]
    model = resolve(pages)
    assert [p.name for p in structured(model, "microsoft.graph.b").properties] == ["own"]


@pytest.mark.parametrize(("description", "expected"), [
    ("The id. Read-only.", True), ("read only, set by the service", True),
    ("This property is READ-ONLY", True), ("Readonly.", True), ("Ready to go.", False),
    ("The only reader.", False),
])
def test_read_only_from_the_description(description: str, expected: bool) -> None:
    assert is_read_only(description) is expected


def test_navigation_properties_come_from_the_relationships_table() -> None:
    model = resolve([type_page("a", prop("items", named("a", collection=True), navigation=True,
                                         description="Read-only. Nullable."))])
    [items] = structured(model, "microsoft.graph.a").properties
    assert (items.navigation, items.read_only) == (True, True)


# -- table vs JSON ------------------------------------------------------------------------------


def test_json_only_properties_are_added_with_their_json_type() -> None:
    json = (json_prop("@odata.type", edm("String")), json_prop("subject", edm("String")),
            json_prop("created", edm("DateTimeOffset"), line=41),
            json_prop("photo@odata.mediaReadLink", edm("String")),
            json_prop("who", named("microsoft.graph.identitySet"), line=42),
            json_prop("blob", None, line=43))
    pages = [type_page("identitySet"),
             type_page("a", prop("subject", edm("String")), json=json)]
    model = resolve(pages)
    a = structured(model, "microsoft.graph.a")
    assert [(p.name, str(p.type), p.origin) for p in a.properties] == [
        ("subject", "Edm.String", PropertyOrigin.TABLE),
        ("created", "Edm.DateTimeOffset", PropertyOrigin.JSON),
        ("who", "microsoft.graph.identitySet", PropertyOrigin.JSON),
        ("blob", "Edm.Untyped", PropertyOrigin.JSON),
    ]
    assert [(d.code, d.line) for d in model.diagnostics] == [("DS105", 41), ("DS105", 42),
                                                             ("DS105", 43)]


def test_json_keys_of_open_types_and_non_identifiers_are_not_properties() -> None:
    pages = [type_page("plannerAssignments", open_type=True,
                       json=(json_prop("ca2a1df2-e36b", named("microsoft.graph.x")),
                             json_prop("Author", edm("String")))),
             type_page("closed", json=(json_prop("String-value", edm("Boolean")),
                                       json_prop("real", edm("Boolean"))))]
    model = resolve(pages)
    assert structured(model, "microsoft.graph.plannerAssignments").properties == ()
    assert [p.name for p in structured(model, "microsoft.graph.closed").properties] == ["real"]
    assert sorted(codes(model)) == ["DS105", "DS116", "DS116", "DS116"]


def test_json_keys_declared_by_the_base_are_not_json_only() -> None:
    pages = [type_page("base", prop("id", edm("String"))),
             type_page("a", base_type="base", json=(json_prop("id", edm("String")),))]
    model = resolve(pages)
    assert structured(model, "microsoft.graph.a").properties == ()
    assert codes(model) == []


def test_json_only_property_with_an_unknown_type_is_untyped() -> None:
    model = resolve([type_page("a", json=(json_prop("x", named("microsoft.graph.nope")),))])
    assert prop_type(model, "microsoft.graph.a", "x") == TypeRef("Edm.Untyped")
    assert codes(model) == ["DS101", "DS105"]


def test_table_and_json_disagreeing_is_reported_and_the_table_wins() -> None:
    json = (json_prop("n", edm("String")), json_prop("tags", edm("String")))
    model = resolve([type_page("a", prop("n", edm("Int32")),
                               prop("tags", edm("String", collection=True)), json=json)])
    assert prop_type(model, "microsoft.graph.a", "n") == TypeRef("Edm.Int32")
    assert prop_type(model, "microsoft.graph.a", "tags") == TypeRef("Edm.String", True)
    assert codes(model) == ["DS106", "DS106"]


def test_equivalent_spellings_are_not_conflicts() -> None:
    json = (json_prop("when", edm("String")), json_prop("mode", edm("String")),
            json_prop("id", edm("Guid")),
            json_prop("whoever", named("microsoft.graph.identitySet")),
            json_prop("anything", edm("Untyped")))
    pages = [enum_page("chatMode", "a", "b"), type_page("identity"),
             type_page("identitySet", base_type="identity"),
             type_page("a", prop("when", edm("DateTimeOffset")), prop("mode", named("chatMode")),
                       prop("id", edm("Guid")), prop("whoever", named("identity")),
                       prop("anything", edm("Int64")), json=json)]
    assert codes(resolve(pages)) == []


def test_example_numbers_in_the_json_block_agree_with_every_numeric_type() -> None:
    json = (JsonPropertyFact("size", edm("Int32"), "1024", at("a.md", 40)),
            JsonPropertyFact("ratio", edm("String"), '"4.2"', at("a.md", 41)),
            JsonPropertyFact("count", edm("Int32"), '"Int32"', at("a.md", 42)))
    model = resolve([type_page("a", prop("size", edm("Int64")), prop("ratio", edm("Double")),
                               prop("count", edm("Int64")), json=json)])
    assert [(d.code, d.line) for d in model.diagnostics] == [("DS106", 10)]
    assert "'count'" in model.diagnostics[0].message


def test_json_type_used_when_the_table_cell_was_not_understood() -> None:
    json = (json_prop("when", edm("DateTimeOffset")), json_prop("who", named("identitySet")))
    pages = [type_page("identitySet"),
             type_page("a", prop("when", None), prop("who", named("identitySett")),
                       prop("what", None), json=json)]
    model = resolve(pages)
    assert prop_type(model, "microsoft.graph.a", "when") == TypeRef("Edm.DateTimeOffset")
    assert prop_type(model, "microsoft.graph.a", "who") == TypeRef("microsoft.graph.identitySet")
    assert prop_type(model, "microsoft.graph.a", "what") == TypeRef("Edm.Untyped")
    assert codes(model) == ["DS114", "DS114"]


# -- several pages for one type -----------------------------------------------------------------


def test_pages_documenting_one_type_merge_with_the_named_page_first() -> None:
    pages = [type_page("user", prop("managedDevices", named("user", collection=True),
                                    navigation=True), file="intune-devices-user.md"),
             type_page("user", prop("id", edm("String")), prop("displayName", edm("String")),
                       file="user.md", key="id")]
    model = resolve(pages)
    user = structured(model, "microsoft.graph.user")
    assert [p.name for p in user.properties] == ["id", "displayName", "managedDevices"]
    assert user.location.path == f"{DIR}/user.md"
    assert codes(model) == ["DS115"]


def test_enum_and_type_with_one_name_keep_the_type() -> None:
    model = resolve([type_page("colour"), enum_page("Colour", "red")])
    assert model.enums == () and model.structured("microsoft.graph.colour") is not None
    assert codes(model) == ["DS104"]


# -- determinism and robustness -----------------------------------------------------------------


def _mixed_pages() -> list[PageFacts]:
    inline = enum_fact("chatMode", "enabled", "disabled", "limited", page_file="meeting.md",
                       anchor="chatmode-values")
    return [
        type_page("entity", prop("id", edm("String")), key="id"),
        type_page("meeting", prop("chat", TypeExpr("chatMode", anchor="chatmode-values")),
                  prop("roles", named("role"), possible_values=("a", "b")),
                  prop("x", named("nothing")), base_type="entity", enums=(inline,),
                  json=(json_prop("extra", edm("Int32")),)),
        enum_page("chatMode", "enabled", "disabled"),
        type_page("item", namespace="microsoft.graph.a", file="a-item.md"),
        type_page("item", namespace="microsoft.graph.b", file="b-item.md"),
        type_page("holder", prop("item", named("item")), base_type="holder"),
        type_page("user", prop("p", edm("String")), file="intune-user.md"),
        type_page("user", prop("q", edm("String")), file="user.md"),
    ]


def test_order_of_pages_does_not_matter() -> None:
    pages = _mixed_pages()
    expected = resolve(sorted(pages, key=lambda p: p.path))
    for seed in range(5):
        shuffled = list(pages)
        random.Random(seed).shuffle(shuffled)
        assert resolve(shuffled) == expected


def test_output_is_sorted() -> None:
    model = resolve(_mixed_pages())
    assert [t.qualified_name for t in model.types] == sorted(t.qualified_name
                                                               for t in model.types)
    assert [e.qualified_name for e in model.enums] == sorted(e.qualified_name
                                                               for e in model.enums)
    assert list(model.diagnostics) == sorted(model.diagnostics,
                                             key=lambda d: (d.path, d.line, d.col, d.code))


def test_empty_and_degenerate_input_does_not_raise() -> None:
    assert resolve([]) == Model()
    odd = [page("blank.md", TypeFact("", at("blank.md"))),
           page("hash.md", TypeFact("x", at("hash.md"), odata_type="#", base_type="#")),
           page("e.md", enums=(EnumFact("", (), at("e.md")),)),
           type_page("a", prop("", named("")), prop("b", named("#")))]
    model = resolve(odd)
    assert [t.qualified_name for t in model.types] == ["microsoft.graph.a", "microsoft.graph.x"]


# -- name helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "page_namespace", "expected"), [
    ("user", "microsoft.graph", ("microsoft.graph", "user")),
    ("session", "microsoft.graph.callRecords", ("microsoft.graph.callRecords", "session")),
    ("#microsoft.graph.callRecords.session", "microsoft.graph", ("microsoft.graph.callRecords",
                                                                 "session")),
    ("callRecords.session", "microsoft.graph.x", ("microsoft.graph.callRecords", "session")),
    (" Microsoft.Graph.User ", "microsoft.graph.x", ("Microsoft.Graph", "User")),
])
def test_qualify(name: str, page_namespace: str, expected: tuple[str, str]) -> None:
    assert qualify(name, page_namespace) == expected


def test_canonical_namespace_is_the_most_frequent_spelling_then_the_first_sorted() -> None:
    spellings = ["microsoft.graph.termStore", "microsoft.graph.termstore",
                 "microsoft.graph.termStore", "microsoft.graph.A", "microsoft.graph.a"]
    assert canonical_namespaces(spellings) == {"microsoft.graph.termstore":
                                               "microsoft.graph.termStore",
                                               "microsoft.graph.a": "microsoft.graph.A"}


@pytest.mark.parametrize(("title", "expected"), [
    ("chatRestrictions resource type", "chatRestrictions"), ("Chart resource type", "Chart"),
    ("dateTimeColumn complex type", "dateTimeColumn"), ("callType enum type", "callType"),
    ("Configuring the invitation message", None), ("Enum values", None), (None, None),
])
def test_title_type_name(title: str | None, expected: str | None) -> None:
    assert title_type_name(title) == expected


# -- flags from the properties an enum types ---------------------------------------------------


def valued_enum(name: str, *members: tuple[str, int | None]) -> PageFacts:
    file = f"{name.lower()}.md"
    fact = EnumFact(name, tuple(EnumMemberFact(m, v, "", at(file, 20 + i))
                                for i, (m, v) in enumerate(members)), at(file, 10))
    return page(file, enums=(fact,))


PARTS = (("apps", 1), ("tabs", 2), ("settings", 4), ("channels", 8), ("members", 16))


def flags_of(model: Model, qualified: str) -> bool:
    found = model.enum(qualified)
    assert found is not None
    return found.is_flags


@pytest.mark.parametrize("description", [
    "A comma-separated list of the parts to clone.",
    "One or more of the parts.",
    "Any combination of the parts.",
    "The parts; multiple values are allowed.",
    "Flags naming the parts.",
    'Legal parts are "apps, tabs, settings, channels, members".',
])
def test_a_property_description_makes_its_enum_flags(description: str) -> None:
    pages = [valued_enum("clonableTeamParts", *PARTS),
             type_page("clone", prop("parts", named("clonableTeamParts"),
                                     description=description, page="clone.md", line=7))]
    model = resolve(pages)
    assert flags_of(model, "microsoft.graph.clonableTeamParts")
    [found] = model.diagnostics
    assert found.code == "DS120" and found.path.endswith("clonableteamparts.md")
    assert found.message.startswith("enum microsoft.graph.clonableTeamParts is marked flags: ")
    assert found.message.endswith(f" at {DIR}/clone.md:7")


def test_a_json_value_joining_members_makes_its_enum_flags() -> None:
    json = (JsonPropertyFact("parts", named("String"), '"apps,tabs,settings"', at("clone.md", 40)),)
    pages = [valued_enum("clonableTeamParts", *PARTS),
             type_page("clone", prop("parts", named("clonableTeamParts")), json=json)]
    model = resolve(pages)
    assert flags_of(model, "microsoft.graph.clonableTeamParts")
    assert "the value '\"apps,tabs,settings\"' joins members with commas" in \
        model.diagnostics[0].message


@pytest.mark.parametrize("members", [
    (("apps", 1), ("tabs", 2), ("settings", 3)),  # 3 is no power of two
    (("apps", 1), ("tabs", 1)),  # not distinct
    (("apps", 1), ("tabs", None)),  # a value missing
    (("none", 0), ("apps", 1)),  # nothing to combine
])
def test_values_that_do_not_allow_flags_are_not_made_flags(
        members: tuple[tuple[str, int | None], ...]) -> None:
    pages = [valued_enum("parts", *members),
             type_page("clone", prop("parts", named("parts"),
                                     description="A comma-separated list."))]
    model = resolve(pages)
    assert not flags_of(model, "microsoft.graph.parts")
    assert "DS120" not in codes(model)


def test_words_on_a_collection_or_unrelated_text_are_no_flags_evidence() -> None:
    pages = [valued_enum("clonableTeamParts", *PARTS),
             type_page("clone", prop("many", named("clonableTeamParts", collection=True),
                                     description="One or more parts, comma-separated."),
                       prop("one", named("clonableTeamParts"),
                            description='The part. Possible values are: `apps`, `tabs`. '
                                        'Example: "apps, other".'))]
    model = resolve(pages)
    assert not flags_of(model, "microsoft.graph.clonableTeamParts")
    assert codes(model) == []


def test_flags_evidence_is_reported_once_from_the_first_property_in_order() -> None:
    uses = [type_page(name, prop("parts", named("clonableTeamParts"),
                                 description="A comma-separated list.", page=f"{name}.md"))
            for name in ("b", "a")]
    pages = [valued_enum("clonableTeamParts", *PARTS), *uses]
    model = resolve(pages)
    assert codes(model) == ["DS120"]
    assert model.diagnostics[0].message.endswith(f"at {DIR}/a.md:10")
    assert resolve(list(reversed(pages))) == model
