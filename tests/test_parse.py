"""parse_page on real pages (tests/fixtures/pages) and on small damaged inputs for each rule."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator import parse
from generator.model import EnumMemberFact, PageFacts, PropertyFact, SourceLocation, TypeExpr
from generator.parse import looks_like_flags, parse_page, possible_values
from generator.read import SourceFile

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
BETA = "api-reference/beta/resources"
V1 = "api-reference/v1.0/resources"


def source(text: str, path: str = f"{BETA}/page.md") -> SourceFile:
    return SourceFile(path, text, hashlib.sha256(text.encode("utf-8")).hexdigest())


def page(fixture: str, directory: str = BETA) -> PageFacts:
    """A fixture page parsed as if it sat in ``directory`` of the docs tree."""
    text = (PAGES / fixture).read_text(encoding="utf-8")
    return parse_page(source(text, f"{directory}/{Path(fixture).name}"))


def codes(facts: PageFacts) -> list[str]:
    return [d.code for d in facts.diagnostics]


def named(expr_name: str, collection: bool = False, page_name: str | None = None,
          anchor: str | None = None, enum_hint: bool = False, directory: str = BETA
          ) -> TypeExpr:
    link = f"{directory}/{page_name}" if page_name else None
    return TypeExpr(expr_name, collection, link, anchor, enum_hint)


# --------------------------------------------------------------------------------------------
# The seed, in full.
# --------------------------------------------------------------------------------------------

SEED_PATH = f"{BETA}/virtualeventsession.md"


@pytest.fixture(scope="module")
def seed() -> PageFacts:
    return page("seed/virtualeventsession.md")


def test_seed_page_facts(seed: PageFacts) -> None:
    assert seed.path == SEED_PATH
    assert seed.title == "virtualEventSession resource type"
    assert seed.doc_type == "resourcePageType"
    assert seed.namespace == "microsoft.graph"
    assert seed.enums == ()
    assert seed.diagnostics == ()
    text = (PAGES / "seed/virtualeventsession.md").read_bytes()
    assert seed.sha256 == hashlib.sha256(text).hexdigest()


def test_seed_type_and_annotation(seed: PageFacts) -> None:
    (fact,) = seed.types
    assert fact.name == "virtualEventSession"
    assert fact.location == SourceLocation(SEED_PATH, 10)
    assert fact.odata_type == "microsoft.graph.virtualEventSession"
    assert fact.base_type == "microsoft.graph.onlineMeeting"
    assert fact.inherits_from == named("onlineMeeting", page_name="onlinemeeting.md")
    assert fact.key_property == "id"
    assert (fact.abstract, fact.open_type, fact.has_json_block) == (False, False, True)
    assert fact.description == "Represents a session in a virtualEvent"


def test_seed_properties_in_full(seed: PageFacts) -> None:
    (fact,) = seed.types
    dtz = named("DateTimeTimeZOne", page_name="datetimetimezone.md")
    expected = [
        ("chatInfo", named("chatInfo", page_name="chatinfo.md"), 33),
        ("endDateTime", dtz, 34),
        ("id", TypeExpr("Edm.String"), 35),
        ("joinInformation", named("itemBody", page_name="itembody.md"), 36),
        ("joinMeetingIdSettings",
         named("joinMeetingIdSettings", page_name="joinmeetingidsettings.md"), 37),
        ("joinWebUrl", TypeExpr("Edm.String"), 38),
        ("startDateTime", dtz, 39),
        ("subject", TypeExpr("Edm.String"), 40),
    ]
    table = [p for p in fact.properties if not p.navigation]
    assert [(p.name, p.type, p.location.line) for p in table] == expected
    assert {p.location.col for p in table} == {3}  # "| chatInfo   | ..."
    assert table[2].type_text == "String"
    assert table[2].description == "The unique identifier of the virtual event session. Read-only."
    assert table[4].description == \
        "The joinMeetingId of the virtual event session. Read-only."  # bold removed
    (relationship,) = [p for p in fact.properties if p.navigation]
    assert relationship == PropertyFact(
        name="attendanceReports",
        type=named("meetingAttendanceReport", True, "meetingattendancereport.md"),
        type_text="[meetingAttendanceReport](../resources/meetingattendancereport.md) collection",
        description="Attendance reports of this virtual event session. "
                    "Inherited from onlineMeeting.",
        location=SourceLocation(SEED_PATH, 46, 2),
        navigation=True,
    )


def test_seed_json_representation(seed: PageFacts) -> None:
    (fact,) = seed.types
    json = {p.name: p for p in fact.json_properties}
    assert len(fact.json_properties) == 32  # 33 keys, "@odata.type" skipped
    assert "@odata.type" not in json
    assert json["allowAttendeeToEnableCamera"].type == TypeExpr("Edm.Boolean")
    assert json["alternativeRecording"].type == TypeExpr("Edm.Stream")
    assert json["anonymizeIdentityForRoles"].type == TypeExpr("Edm.String", True)
    assert json["audioConferencing"].type == TypeExpr("microsoft.graph.audioConferencing")
    assert json["creationDateTime"].type == TypeExpr("Edm.DateTimeOffset")
    assert json["id"].type == TypeExpr("Edm.String")
    assert json["id"].value_text == '"String (identifier)"'
    assert json["id"].location == SourceLocation(SEED_PATH, 78, 3)
    assert json["watermarkProtection"].type == \
        TypeExpr("microsoft.graph.watermarkProtectionValues")


def test_seed_methods(seed: PageFacts) -> None:
    first, second = seed.methods
    assert first.name == "List virtualEventSessions"
    assert first.link == "api-reference/beta/api/virtualeventsession-list.md"
    assert first.return_type == named("virtualEventSession", True, "virtualeventsession.md")
    assert second.return_type == named("virtualEventSession", False, "virtualeventsession.md")
    assert second.location == SourceLocation(SEED_PATH, 25)


# --------------------------------------------------------------------------------------------
# Resource pages.
# --------------------------------------------------------------------------------------------


def test_online_meeting_2021_with_inline_enums() -> None:
    facts = page("beta/onlinemeeting.md")
    (fact,) = facts.types
    assert fact.odata_type == "microsoft.graph.onlineMeeting"
    assert fact.key_property is None and fact.base_type is None
    properties = {p.name: p for p in fact.properties}
    assert len(properties) == 27
    assert "autoAdmittedUsers" in properties  # "autoAdmittedUsers (deprecated)"
    assert properties["allowedPresenters"].type == named(
        "onlineMeetingPresenters", page_name="onlinemeeting.md",
        anchor="onlinemeetingpresenters-values", enum_hint=True)
    assert properties["capabilities"].type == TypeExpr("meetingCapabilities", True)
    assert properties["creationDateTime"].type == TypeExpr("Edm.DateTimeOffset")
    assert properties["allowedPresenters"].possible_values == (
        "everyone", "organization", "roleIsPresenter", "organizer", "unknownFutureValue")
    assert [(e.name, e.anchor, len(e.members)) for e in facts.enums] == [
        ("onlineMeetingPresenters", "onlinemeetingpresenters-values", 5),
        ("meetingChatMode", "meetingchatmode-values", 4),
    ]
    assert facts.enums[1].members[2] == EnumMemberFact(
        "limited", None, "Meeting chat is enabled but only for the duration of the meeting call.",
        SourceLocation(f"{BETA}/onlinemeeting.md", 86, 3))
    assert len(fact.json_properties) == 19
    assert [m.name for m in facts.methods][-1] == "Create or get onlineMeeting"
    assert facts.methods[3].return_type is None  # "None"
    assert codes(facts) == []


def test_current_online_meeting_base() -> None:
    facts = page("current/onlinemeetingbase.md")
    (fact,) = facts.types
    assert (fact.odata_type, fact.base_type) == (
        "microsoft.graph.onlineMeetingBase", "microsoft.graph.entity")
    assert fact.inherits_from == named("entity", page_name="entity.md")
    # abstract: the page's "> [!TIP] This is an abstract type and can't be used directly."
    assert (fact.open_type, fact.abstract, fact.key_property) == (True, True, "id")
    assert [e.name for e in fact.derived_types] == ["onlineMeeting", "virtualEventSession"]
    properties = {p.name: p for p in fact.properties}
    assert len(properties) == 30  # 29 properties, 1 relationship
    assert properties["allowedLobbyAdmitters"].type == named(
        "allowedLobbyAdmitterRoles", page_name="onlinemeetingbase.md",
        anchor="allowedlobbyadmitterroles-values", enum_hint=True)
    assert properties["anonymizeIdentityForRoles"].type == TypeExpr("onlineMeetingRole", True)
    assert properties["chatRestrictions"].type == named("chatrestrictions",
                                                        page_name="chatrestrictions.md")
    assert properties["attendanceReports"].navigation
    assert [e.anchor for e in facts.enums] == [
        "allowedlobbyadmitterroles-values", "meetingchathistorydefaultmode-values",
        "meetingchatmode-values", "meetingliveshareoptions-values",
        "onlinemeetingpresenters-values"]
    assert codes(facts) == []


def test_call_records_sub_namespace() -> None:
    facts = page("v1.0/callrecords-callrecord.md", V1)
    assert facts.namespace == "microsoft.graph.callRecords"
    (fact,) = facts.types
    assert fact.odata_type == "microsoft.graph.callRecords.callRecord"
    properties = {p.name: p for p in fact.properties}
    assert properties["sessions"].type == named(
        "microsoft.graph.callRecords.session", True, "callrecords-session.md", directory=V1)
    assert properties["sessions"].navigation
    assert properties["modalities"].type == TypeExpr("modality", True)
    assert properties["version"].type == TypeExpr("Edm.Int64")
    assert properties["type"].possible_values == (
        "unknown", "groupCall", "peerToPeer", "unknownFutureValue")


def test_invalid_json_block_keeps_recoverable_keys() -> None:
    facts = page("beta/temporaryaccesspassauthenticationmethodconfiguration.md")
    (diagnostic,) = facts.diagnostics
    assert (diagnostic.code, diagnostic.line) == ("DS405", 54)
    assert "includeTargets" in diagnostic.message
    (fact,) = facts.types
    json = {p.name: p for p in fact.json_properties}
    assert json["isUsableOnce"].type == TypeExpr("Edm.Boolean")
    assert json["defaultLength"].type == TypeExpr("Edm.Int32")  # "Integer"
    assert json["isUsableOnce"].location.line == 52


@pytest.mark.parametrize(
    ("fixture", "directory", "expected"),
    [
        # "Property name" header
        ("beta/album.md", BETA, [("coverImageItemId", "Edm.String", False)]),
        # "Name" header
        ("v1.0/itempreviewinfo.md", V1,
         [("getUrl", "Edm.String", False), ("postUrl", "Edm.String", False),
          ("postParameters", "Edm.String", False)]),
        # "Relationship name" header; bold names; IdentitySet/PublicationFacet spelled upper
        ("beta/driveItemVersion.md", BETA,
         [("id", "Edm.String", False), ("lastModifiedBy", "IdentitySet", False),
          ("lastModifiedDateTime", "Edm.DateTimeOffset", False),
          ("publication", "PublicationFacet", False), ("size", "Edm.Int64", False),
          ("content", "Edm.Stream", True)]),
        # a "Relationship" column under a Properties heading: the heading decides
        ("v1.0/presence.md", V1,
         [("id", "Edm.String", False), ("availability", "Edm.String", False),
          ("activity", "Edm.String", False)]),
    ],
)
def test_odd_table_headers(fixture: str, directory: str,
                           expected: list[tuple[str, str, bool]]) -> None:
    facts = page(fixture, directory)
    (fact,) = facts.types
    found = [(p.name, p.type.name if p.type else "", p.navigation) for p in fact.properties]
    assert found == expected
    assert codes(facts) == []


def test_group_label_rows_are_skipped() -> None:
    facts = page("beta/intune-shared-deviceappmanagement.md")
    names = [p.name for p in facts.types[0].properties]
    assert "Onboarding" not in names and "isEnabledForMicrosoftStoreForBusiness" in names
    assert codes(facts) == []


def test_continuation_lines_join_the_row_above() -> None:
    facts = page("beta/intune-deviceconfig-deliveryoptimizationbandwidthabsolute.md")
    first, second = facts.types[0].properties
    assert first.name == "maximumDownloadBandwidthInKilobytesPerSecond"
    assert first.description.endswith(
        "The value 0 (zero) means that Delivery Optimization dynamically adjusts to use the "
        "available bandwidth for downloads. Valid values 0 to 4294967295")
    assert second.name == "maximumUploadBandwidthInKilobytesPerSecond"
    assert codes(facts) == []


def test_repaired_annotation_and_json_block() -> None:
    facts = page("v1.0/calculatedcolumn.md", V1)
    assert [(d.code, d.line) for d in facts.diagnostics] == [("DS404", 42), ("DS406", 21)]
    assert [p.name for p in facts.types[0].json_properties] == ["format", "formula", "outputType"]


def test_values_tables_under_properties_are_not_property_tables() -> None:
    facts = page("v1.0/folderview.md", V1)
    assert [p.name for p in facts.types[0].properties] == ["sortBy", "sortOrder", "viewType"]
    assert "DS407" not in codes(facts)


def test_values_sections_of_string_properties_are_no_enums() -> None:
    """folderView's "sortBy options" and quota's "State enumeration values" list the values of
    String properties: no enum is invented for them (DS413 says so)."""
    folder_view = page("v1.0/folderview.md", V1)
    assert folder_view.enums == ()
    not_enums = [d for d in folder_view.diagnostics if d.code == "DS413"]
    assert len(not_enums) == 3
    assert "property 'sortBy' (Edm.String)" in not_enums[0].message
    quota = page("beta/quota.md")
    assert quota.enums == ()
    assert [(d.code, d.line) for d in quota.diagnostics] == [("DS413", 52)]


def test_values_section_named_by_the_property_it_types() -> None:
    """phoneAuthenticationMethod: "### smsSignInState values"; the property smsSignInState is
    an authenticationMethodSignInState."""
    facts = page("beta/phoneauthenticationmethod.md")
    (enum,) = facts.enums
    assert (enum.name, enum.anchor) == ("authenticationMethodSignInState",
                                        "smssigninstate-values")


VALUES_SECTIONS = """| mode | [responseModeKind](#mode-values) | The mode. |

### mode values

| Member | Description |
|:---|:---|
| query | In the query. |

### Delivery channel options

| Member | Description |
|:---|:---|
| mail | By mail. |

### tone values

| Member | Description |
|:---|:---|
| low | Low. |
"""


def test_values_sections_linked_unnamed_and_plain() -> None:
    facts = parse_page(source(RESOURCE + VALUES_SECTIONS))
    assert [(e.name, e.anchor) for e in facts.enums] == [("responseModeKind", "mode-values"),
                                                         ("tone", "tone-values")]
    (unnamed,) = [d for d in facts.diagnostics if d.code == "DS413"]
    assert "'Delivery channel options' names no enum type" in unnamed.message


def test_legacy_type_key_and_no_properties() -> None:
    facts = page("v1.0/accessaction.md", V1)
    (fact,) = facts.types
    assert fact.odata_type == "microsoft.graph.accessAction"
    assert fact.properties == () and fact.json_properties == () and fact.has_json_block


def test_properties_under_sub_headings_of_properties() -> None:
    facts = page("beta/tiindicator.md")
    names = [p.name for p in facts.types[0].properties]
    assert len(names) == 59
    assert {"emailSenderAddress", "fileHashValue", "networkIPv4", "userAgent"} <= set(names)
    assert [e.name for e in facts.enums] == ["diamondModel", "killChain", "threatType",
                                             "tlpLevel"]
    assert facts.enums[0].members[-1].value == 127


def test_alternatives_in_a_type_cell_take_the_json_type_and_warn() -> None:
    facts = page("v1.0/call.md", V1)
    warnings = [d for d in facts.diagnostics if d.code == "DS409"]
    assert [d.line for d in warnings] == [69, 71]
    assert "alternatives (appHostedMediaConfig or serviceHostedMediaConfig)" in \
        warnings[0].message
    assert "kept microsoft.graph.mediaConfig, the JSON representation's type" in \
        warnings[0].message
    properties = {p.name: p for p in facts.types[0].properties}
    assert properties["mediaConfig"].type == TypeExpr("microsoft.graph.mediaConfig")
    assert properties["meetingInfo"].type == TypeExpr("microsoft.graph.meetingInfo")


def test_alternatives_without_a_json_type_keep_the_first() -> None:
    text = RESOURCE.replace("| a | String |", "| a | [b](b.md) or [c](c.md) |")
    facts = parse_page(source(text))
    assert facts.types[0].properties[0].type == named("b", page_name="b.md")
    assert "kept b" in facts.diagnostics[0].message


def test_conceptual_page_says_why_it_has_no_type() -> None:
    facts = page("v1.0/users.md", V1)
    assert facts.types == () and facts.enums == ()
    (diagnostic,) = facts.diagnostics
    assert diagnostic.code == "DS401"
    assert "conceptual" in diagnostic.message


# --------------------------------------------------------------------------------------------
# Enum pages.
# --------------------------------------------------------------------------------------------


def test_enum_page_with_value_column() -> None:
    """The page does not say flags, but 1, 2, 4, 8, 16 is a flags numbering: flags, and
    DS414 says it was judged by the values."""
    facts = page("beta/clonableteamparts.md")
    assert facts.types == ()
    (enum,) = facts.enums
    assert (enum.name, enum.anchor, enum.is_flags) == ("clonableTeamParts", "", True)
    assert [(m.name, m.value) for m in enum.members] == [
        ("apps", 1), ("tabs", 2), ("settings", 4), ("channels", 8), ("members", 16)]
    assert enum.description == "Describes which part of a team should be cloned."
    assert codes(facts) == ["DS414"]


def test_flags_numbering_makes_flags() -> None:
    facts = page("beta/intune-deviceconfig-androiddeviceownerwifisecuritytype.md")
    (enum,) = facts.enums
    assert enum.name == "androidDeviceOwnerWiFiSecurityType" and enum.is_flags
    assert codes(facts) == ["DS414"]


@pytest.mark.parametrize(("values", "flags"), [
    ((0, 1, 2, 4), True),
    ((1, 2, 4, 8, 16), True),
    ((0, 1, 2), False),  # counts like a plain enum
    ((0, 1, 2, 3), False),
    ((0, 1, 4, None), False),  # a member without a value
])
def test_flags_numbering(values: tuple[int | None, ...], flags: bool) -> None:
    members = [EnumMemberFact(f"m{i}", v, "", SourceLocation("p.md", i)) for i, v in
               enumerate(values)]
    assert looks_like_flags(members) is flags


def test_flags_said_by_a_member() -> None:
    """windowsArchitecture: "none | 0 | No flags set."."""
    facts = page("beta/intune-apps-windowsarchitecture.md")
    (enum,) = facts.enums
    assert enum.is_flags and codes(facts) == []


def test_flag_enum_said_in_words() -> None:
    (enum,) = page("beta/intune-deviceconfig-macossystemextensiontype.md").enums
    assert enum.is_flags and len(enum.members) == 3


def test_enums_page_holds_many_enums() -> None:
    facts = page("v1.0/enums.md", V1)
    assert facts.types == () and codes(facts) == []
    enums = {e.name: e for e in facts.enums}
    assert len(facts.enums) == len(enums) == 144
    lifecycle = enums["lifecycleEventType"]
    assert lifecycle.anchor == "lifecycleeventtype-values"
    assert [m.name for m in lifecycle.members] == [
        "missed", "subscriptionRemoved", "reauthorizationRequired"]
    assert enums["categoryColor"].members[0].value == -1
    assert not enums["categoryColor"].is_flags
    assert enums["chatMessagePolicyViolationVerdictDetailsType"].is_flags  # 0, 1, 2, 4
    # "### chatMessagePolicyViolationDlpActionType\xa0values"
    assert enums["chatMessagePolicyViolationDlpActionType"].anchor == \
        "chatmessagepolicyviolationdlpactiontype-values"


def test_call_records_enums() -> None:
    facts = page("v1.0/enums-callrecords.md", V1)
    assert facts.namespace == "microsoft.graph.callRecords"
    assert [e.name for e in facts.enums] == [
        "callType", "clientPlatform", "failureStage", "mediaStreamDirection", "modality",
        "networkConnectionType", "productFamily", "serviceRole", "userFeedbackRating",
        "wifiBand", "wifiRadioType"]


# --------------------------------------------------------------------------------------------
# Each rule on small damaged inputs.
# --------------------------------------------------------------------------------------------

RESOURCE = """---
title: "x resource type"
doc_type: resourcePageType
---

# x resource type

Namespace: microsoft.graph

## Properties

| Property | Type | Description |
|:---|:---|:---|
| a | String | A. |
"""


def test_bad_front_matter_is_ds004_and_parsing_goes_on() -> None:
    facts = parse_page(source(RESOURCE.replace('title: "x resource type"', "title: [")))
    assert codes(facts) == ["DS004"]
    assert facts.diagnostics[0].line >= 2
    assert facts.types[0].properties[0].name == "a"


def test_without_annotation_the_title_must_name_a_type() -> None:
    """dynamics-complextypes.md: "# complex types JSON" over several types' tables."""
    facts = parse_page(source(RESOURCE.replace("# x resource type", "# complex types JSON")))
    assert facts.types == ()
    (diagnostic,) = facts.diagnostics
    assert diagnostic.code == "DS401" and "names no type" in diagnostic.message


def test_missing_title_is_ds410() -> None:
    facts = parse_page(source(RESOURCE.replace("# x resource type", "")))
    assert "DS410" in codes(facts)
    assert facts.types[0].name == "x"  # from the front matter title


def test_namespace_with_markup_and_page_annotation() -> None:
    bold = parse_page(source(RESOURCE.replace("Namespace: microsoft.graph",
                                              "**Namespace: `microsoft.graph.termStore`**")))
    assert bold.namespace == "microsoft.graph.termStore"
    annotated = RESOURCE.replace("Namespace: microsoft.graph", "") + \
        '\n<!-- {"type": "#page.annotation", "namespace": "microsoft.graph.ediscovery"} -->\n'
    assert parse_page(source(annotated)).namespace == "microsoft.graph.ediscovery"


def test_missing_namespace_is_ds402_only_for_pages_with_types() -> None:
    facts = parse_page(source(RESOURCE.replace("Namespace: microsoft.graph", "")))
    assert facts.namespace is None and codes(facts) == ["DS402"]
    empty = parse_page(source("# Overview\n\nSome text.\n"))
    assert codes(empty) == ["DS401"]


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("Inherits from [entity](entity.md).", named("entity", page_name="entity.md")),
        ("Derived from [baseItem](../resources/baseitem.md).",
         named("baseItem", page_name="baseitem.md")),
        ("This type inherits from **directoryObject**.", TypeExpr("directoryObject")),
        ("Inherits from the abstract base type [authenticationListener]"
         "(../resources/authenticationlistener.md).",
         named("authenticationListener", page_name="authenticationlistener.md")),
        ("A client user agent. Inherits from\nthe [userAgent](callrecords-useragent.md) type.",
         named("userAgent", page_name="callrecords-useragent.md")),
        ("Inherits from `entity`.", TypeExpr("entity")),
        ("Inherits from [Conditional Access Session Control](conditionalaccesssessioncontrol.md).",
         named("conditionalaccesssessioncontrol",
               page_name="conditionalaccesssessioncontrol.md")),
        ("It inherits from the service, which is not a type.", None),
        ("Inherits from [a](a.md) and implements [b](b.md).", named("a", page_name="a.md")),
        ("Used to create a file threat assessment, derived from [b](b.md).",
         named("b", page_name="b.md")),
        ("The x resource is derived from [b](b.md).", named("b", page_name="b.md")),
        ("It's a singleton that inherits from [b](b.md).", named("b", page_name="b.md")),
        ("The following types are derived from **x**:", None),
        ("The [other](other.md) resource, which is a thing, inherits from [b](b.md).", None),
        ("Other inherits from [b](b.md).", None),
        ("The x property, which is derived from [b](b.md).", None),
    ],
)
def test_inherits_from_variants(prose: str, expected: TypeExpr | None) -> None:
    text = RESOURCE.replace("Namespace: microsoft.graph",
                            f"Namespace: microsoft.graph\n\n{prose}")
    assert parse_page(source(text)).types[0].inherits_from == expected


def test_derived_types_listed_on_a_base_page_are_not_its_base() -> None:
    """activityStatistics lists the types derived from it; that names no base of its own."""
    facts = page("beta/activitystatistics.md")
    (fact,) = facts.types
    assert fact.name == "activityStatistics"
    assert fact.inherits_from is None


def test_open_type_said_in_prose_without_annotation_key() -> None:
    facts = page("beta/plannerfavoriteplanreferencecollection.md")
    (fact,) = facts.types
    assert fact.name == "plannerFavoritePlanReferenceCollection"
    assert fact.open_type is True


@pytest.mark.parametrize(
    ("prose", "open_type"),
    [
        ("This is an open type.", True),
        ("This type is an open type. Each property name is an id.", True),
        ("It is an Open Type.", True),
        ("This resource is an open type and is part of the plannerUser object.", True),
        ("This is an _open type_ that represents the set of feedback tokens.", True),
        ("This is an OData open type that expects to have a property named `value`.", True),
        ("Names can change, hence this is an [open type](/odata/open-types).", True),
        ("An open type that represents a user's preferences.", True),
        ("The x resource is an open type.", True),
        ("This type is used in the open type [plannerAssignments](plannerassignments.md).",
         False),
        ("Properties of an Open Type can be defined by the client.", False),
        ("An abstract type to support the OData v4 open type [o](o.md).", False),
        ("The [other](other.md) resource is an open type.", False),
    ],
)
def test_open_type_prose(prose: str, open_type: bool) -> None:
    text = RESOURCE.replace("Namespace: microsoft.graph",
                            f"Namespace: microsoft.graph\n\n{prose}")
    assert parse_page(source(text)).types[0].open_type is open_type


def test_open_type_in_title_and_annotation_key_wins() -> None:
    titled = RESOURCE.replace("# x resource type", "# x resource type (Open Type)")
    assert parse_page(source(titled)).types[0].open_type is True
    closed = RESOURCE.replace("Namespace: microsoft.graph",
                              "Namespace: microsoft.graph\n\nThis is an open type.") + \
        '\n<!-- {"blockType": "resource", "@odata.type": "microsoft.graph.x", ' \
        '"openType": false} -->\n'
    assert parse_page(source(closed)).types[0].open_type is False


def test_page_with_a_type_per_section() -> None:
    """dynamics-complextypes: "## Postal address" / "### Properties" / table / JSON block."""
    facts = page("beta/dynamics-complextypes.md")
    (fact,) = facts.types
    assert (fact.name, fact.location.line) == ("postalAddress", 20)
    assert [p.name for p in fact.properties] == [
        "street", "city", "state", "countryLetterCode", "postalCode"]
    assert all(p.type == TypeExpr("Edm.String") for p in fact.properties)
    assert fact.has_json_block and len(fact.json_properties) == 5
    assert fact.description.startswith("Represents a Postal Address complex type")
    assert codes(facts) == ["DS412", "DS405"]


SECTIONS = """# shapes

Namespace: microsoft.graph

## circleShape

A circle.

### Properties

| Property | Type | Description |
|:---|:---|:---|
| radius | Double | The radius. |

## Unit of measure

### Properties

| Property | Type | Description |
|:---|:---|:---|
| code | String | The code. |

### JSON representation

```json
{"code": "String"}
```
"""


def test_each_section_naming_a_type_yields_one() -> None:
    facts = parse_page(source(SECTIONS))
    assert [(t.name, [p.name for p in t.properties], len(t.json_properties))
            for t in facts.types] == [("circleShape", ["radius"], 0),
                                      ("unitOfMeasure", ["code"], 1)]
    assert codes(facts) == ["DS412"]


def test_property_groups_under_headings_stay_the_pages_own() -> None:
    """sitePage's "## Page Content" table and tiIndicator's "### Indicator observables" under
    "## Properties" belong to the page's type."""
    text = RESOURCE + "\n## Page Content\n\n| Property | Type | Description |\n" \
        "|:---|:---|:---|\n| title | String | The title. |\n"
    (fact,) = parse_page(source(text)).types
    assert fact.name == "x" and "title" in [p.name for p in fact.properties]
    (fact,) = page("beta/tiindicator.md").types
    assert fact.name == "tiIndicator" and "emailSenderAddress" in [p.name for p in fact.properties]


def test_annotation_fields_strings_and_legacy_keys() -> None:
    text = RESOURCE + """
## JSON representation

<!-- {
  "blockType": "resource",
  "@odata.type": "microsoft.graph.y",
  "baseType": "microsoft.graph.entity",
  "abstract": "true",
  "openType": "false",
  "keyProperty": "a",
}-->

```json
{
  "a": "String",
  "b": {"@odata.type": "#microsoft.graph.z"},
  "c": [{"@odata.type": "microsoft.graph.w"}],
  "d": 1.5,
  "e": 1024,
  "f": {"nested": "String"},
  "g": "microsoft.graph.v"
}
```
"""
    facts = parse_page(source(text))
    (fact,) = facts.types
    assert fact.name == "y"  # the annotation wins over the title
    assert (fact.abstract, fact.open_type, fact.key_property) == (True, False, "a")
    assert codes(facts) == ["DS404"]
    types = {p.name: p.type for p in fact.json_properties}
    assert types == {
        "a": TypeExpr("Edm.String"),
        "b": TypeExpr("microsoft.graph.z"),
        "c": TypeExpr("microsoft.graph.w", True),
        "d": TypeExpr("Edm.Double"),
        "e": TypeExpr("Edm.Int32"),
        "f": None,
        "g": TypeExpr("microsoft.graph.v"),
    }


def test_hopeless_annotation_is_ds403_at_its_line() -> None:
    text = RESOURCE + '\n<!-- {\n  "blockType": "resource",\n  "x": {\n} -->\n'
    facts = parse_page(source(text))
    (diagnostic,) = [d for d in facts.diagnostics if d.code == "DS403"]
    assert diagnostic.line > 15


def test_table_without_name_column_is_ds407() -> None:
    text = RESOURCE.replace("| Property | Type | Description |", "| Setting | Kind | Notes |")
    facts = parse_page(source(text))
    assert "DS407" in codes(facts)


def test_short_or_nameless_rows_are_ds408() -> None:
    text = RESOURCE + "| | String | no name |\n| b |\n"
    facts = parse_page(source(text))
    assert [d.code for d in facts.diagnostics] == ["DS408", "DS408"]
    assert [d.line for d in facts.diagnostics] == [15, 16]


def test_unknown_type_spelling_is_ds409_with_no_type() -> None:
    facts = parse_page(source(RESOURCE.replace("| a | String |", "| a | Some odd thing |")))
    (diagnostic,) = facts.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.col) == ("DS409", 14, 7)
    assert facts.types[0].properties[0].type is None
    assert facts.types[0].properties[0].type_text == "Some odd thing"


@pytest.mark.parametrize(
    ("cell", "name"),
    [("**a**", "a"), ("`a`", "a"), ("a (deprecated)", "a"), ("a*", "a"), ("a¹", "a"),
     ("a   ", "a"), ("[a](#a)", "a")],
)
def test_property_name_cells(cell: str, name: str) -> None:
    facts = parse_page(source(RESOURCE.replace("| a | String |", f"| {cell} | String |")))
    assert facts.types[0].properties[0].name == name


def test_columns_found_by_header_text_with_extra_columns() -> None:
    text = RESOURCE.replace(
        "| Property | Type | Description |\n|:---|:---|:---|\n| a | String | A. |",
        "| Required | Property Name | Notes | TYPE |\n|---|---|---|---|\n| yes | a | A. | Int32 |")
    (prop,) = parse_page(source(text)).types[0].properties
    assert (prop.name, prop.type, prop.description) == ("a", TypeExpr("Edm.Int32"), "A.")


def test_tables_without_outer_pipes() -> None:
    text = RESOURCE.replace(
        "| Property | Type | Description |\n|:---|:---|:---|\n| a | String | A. |",
        "Property | Type | Description\n:---|:---|:---\na | String | A.")
    assert parse_page(source(text)).types[0].properties[0].name == "a"


ENUM_PAGE = """---
title: "e enum type"
doc_type: enumPageType
---

# e enum type

Namespace: microsoft.graph

## Members

| Member
|:---
| one
| two
"""


def test_single_column_members_table_without_closing_pipes() -> None:
    (enum,) = parse_page(source(ENUM_PAGE)).enums
    assert [m.name for m in enum.members] == ["one", "two"]
    assert not enum.is_flags


def test_qualified_enum_names_carry_their_namespace() -> None:
    text = RESOURCE + ("\n### microsoft.graph.callRecords.modality values\n\n"
                       "|Member|\n|:---|\n|audio|\n")
    (enum,) = parse_page(source(text)).enums
    assert (enum.namespace, enum.name, enum.anchor) == (
        "microsoft.graph.callRecords", "modality", "microsoftgraphcallrecordsmodality-values")
    page_enum = ENUM_PAGE.replace("e enum type", "microsoft.graph.x.e enum type")
    (enum,) = parse_page(source(page_enum)).enums
    assert (enum.namespace, enum.name) == ("microsoft.graph.x", "e")


def test_non_integer_enum_value_is_ds411() -> None:
    text = ENUM_PAGE.replace("| Member\n|:---\n| one\n| two\n",
                             "| Member | Value |\n|:---|:---|\n| one | 0 |\n| two | two |\n")
    facts = parse_page(source(text))
    assert codes(facts) == ["DS411"]
    assert [(m.name, m.value) for m in facts.enums[0].members] == [("one", 0), ("two", None)]


@pytest.mark.parametrize(
    ("values", "description", "flags"),
    [([0, 1, 2], "The kinds.", False), ([1, 2, 4, 8], "Flags representing kinds.", True),
     ([0, 1, 2], "Flag enum of kinds.", True), ([0, 1, 2, 3], "Flags representing kinds.", False),
     ([1, 2, 2, 4], "A bitwise combination of kinds.", False),
     ([0, 1, 2, 4], "One or more of the kinds.", True),
     ([0, 1, 2, 4], "A comma-separated list of kinds.", True)],
)
def test_flags_from_words_need_values_that_allow_them(values: list[int], description: str,
                                                     flags: bool) -> None:
    rows = "".join(f"| m{i} | {v} |\n" for i, v in enumerate(values))
    text = ENUM_PAGE.replace("| Member\n|:---\n| one\n| two\n",
                             f"| Member | Value |\n|:---|:---|\n{rows}")
    text = text.replace("## Members", f"{description}\n\n## Members")
    assert parse_page(source(text)).enums[0].is_flags is flags


@pytest.mark.parametrize(
    ("description", "values"),
    [
        ("Possible values are: `a`, `b`, `unknownFutureValue`.", ("a", "b", "unknownFutureValue")),
        ("The possible values are `a`, `b`. More text `c`.", ("a", "b")),
        ("Possible values: a, b, c.", ("a", "b", "c")),
        ("Supported values are: `v1.0`, `beta`.", ("v1.0", "beta")),
        ("Possible values are: a and b.", ("a", "b")),
        ("No values here.", ()),
        ("See the Enum definition for supported values. Possible values are: `a`, `b`.",
         ("a", "b")),
        ("Possible value: low. Does not support $filter.", ("low",)),
        ("The possible value is: message.", ("message",)),
        ("possible value are incoming or outgoing. Read-only.", ("incoming", "outgoing")),
        ("Possible values are listed in the following table.", ()),
        ("with the possible value being DisableStrongPassword, which allows weaker passwords",
         ()),
    ],
)
def test_possible_values(description: str, values: tuple[str, ...]) -> None:
    assert possible_values(description) == values


def test_unexpected_exception_becomes_ds901(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(parse, "build_enums", broken)
    facts = parse_page(source(RESOURCE))
    (diagnostic,) = facts.diagnostics
    assert diagnostic.code == "DS901"
    assert "KeyError" in diagnostic.message and "boom" in diagnostic.message
    assert facts.path == f"{BETA}/page.md"


@pytest.mark.parametrize(
    ("raw", "columns"),
    [("| a | b | c |", (3, 7, 11)), ("|a|b|", (2, 4)), ("a | b", (1, 5)),
     ("  | `x|y` | z |", (5, 13)), ("|**Onboarding**|", (2,))],
)
def test_cell_columns(raw: str, columns: tuple[int, ...]) -> None:
    assert parse.cell_columns(raw) == columns


@pytest.mark.parametrize(
    ("text", "level", "kind"),
    [("Properties", 2, parse.PROPERTIES), ("operationError properties", 2, parse.PROPERTIES),
     ("Instance attributes", 3, parse.PROPERTIES), ("Relationships", 2, parse.RELATIONSHIPS),
     ("Navigation properties", 2, parse.RELATIONSHIPS), ("Methods", 2, parse.METHODS),
     ("Members", 2, parse.MEMBERS), ("JSON representation", 2, parse.JSON_SECTION),
     ("meetingChatMode values", 3, parse.ENUM_VALUES), ("printOrientation values", 2,
                                                        parse.ENUM_VALUES),
     ("Properties of a token lifetime policy definition", 3, parse.OTHER),
     ("Roles property values", 3, parse.ENUM_VALUES), ("Supported property data types", 4, None),
     ("sortBy options", 3, parse.ENUM_VALUES), ("State enumeration values", 3, parse.ENUM_VALUES),
     ("Group visibility options", 3, parse.ENUM_VALUES), ("property resource type", 1, None)],
)
def test_heading_kinds(text: str, level: int, kind: str | None) -> None:
    assert parse.heading_kind(parse.Heading(level, text, 1)) == kind


def test_memoised_link_normalisation_tokenizes_as_markdown_it_does() -> None:
    """parse's parser memoises link normalisation per URL; a page of odd links (spaces,
    unicode, percent escapes, entities, a javascript: link markdown-it refuses, one link twice)
    gives the same tokens as a plain parser, and again on a second parse (from the memo)."""
    from markdown_it import MarkdownIt

    from generator.parse import MARKDOWN

    page = (
        "# Title\n\n[user](../resources/user.md) and [user](../resources/user.md#props)\n\n"
        "[odd](<a b.md>) [ü](ünï.md) [pct](%41%zz.md) [amp](a&amp;b.md) [js](javascript:x)\n\n"
        "| Name | Type |\n|:--|:--|\n| a | [b](b.md) |\n\n<https://example.com/x y>\n\n"
        "[ref]\n\n[ref]: ../resources/ref.md 'title'\n"
    )
    plain = MarkdownIt("commonmark").enable("table")
    assert MARKDOWN.parse(page) == plain.parse(page)
    assert MARKDOWN.parse(page) == plain.parse(page)
