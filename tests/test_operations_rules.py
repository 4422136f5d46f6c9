"""Path resolution and response rules on real API pages (tests/fixtures/api, copied unchanged
from the 2021 Graph docs), checked against small models that declare what those pages' resource
pages declare (and omit what they omit): the rules that make valid documented request lines
resolve, and the response each gets."""

from __future__ import annotations

from pathlib import Path

from model_builders import NS, entity, nav, prop

from generator.emit.paths import PathsBuilder
from generator.emit.schema_common import Dialect
from generator.model import (
    ApiPageFacts,
    Diagnostic,
    Model,
    Operation,
    Property,
    SourceLocation,
    StructuredType,
    TypeKind,
    TypeRef,
)
from generator.operations import resolve_operations
from generator.parse import parse_page
from generator.read import SourceFile

API = Path(__file__).resolve().parent / "fixtures" / "api"


def real(name: str) -> tuple[str, ApiPageFacts]:
    """A real API page, parsed as the pipeline parses it (paths as under api/)."""
    path = f"docs/api/{name}"
    facts = parse_page(SourceFile(path, (API / name).read_text(encoding="utf-8"), "0"))
    assert facts.api is not None, name
    return path, facts.api


def root(name: str, lines: str, type_name: str, collection: bool = True) -> tuple[
        str, ApiPageFacts]:
    """A page that types a root (the real corpus has one per root)."""
    said = "a collection of " if collection else "a "
    text = (f"---\ndoc_type: apiPageType\n---\n# Get {name}\n\n## HTTP request\n\n```http\n"
            f"{lines}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` "
            f"response code and {said}[{type_name}](../resources/{type_name.lower()}.md) "
            f"object in the response body.\n")
    path = f"docs/api/{name}"
    facts = parse_page(SourceFile(path, text, "0"))
    assert facts.api is not None
    return path, facts.api


def resolve(types: list[StructuredType], pages: list[tuple[str, ApiPageFacts]]
            ) -> tuple[dict[tuple[str, str], Operation], list[Diagnostic]]:
    model = Model(types=tuple(sorted(types, key=lambda t: t.qualified_name)))
    operations, diagnostics = resolve_operations(model, pages)
    return {(o.method, o.path): o for o in operations if o.resolved}, list(diagnostics)


USERS = root("user-get.md", "GET /users/{id}\nGET /me", "user", collection=False)
USER_TYPES = [entity("entity", prop("id")),
              entity("directoryObject", base="entity")]


# -- segments no resource page declares, in the middle of request lines ---------------------


def test_a_middle_segment_is_typed_by_the_type_named_like_it_that_declares_what_follows() -> None:
    # user.md (2021) has no `teamwork`; userteamwork.md declares installedApps; the tenant-wide
    # `teamwork` type does not, so it is not taken
    types = [*USER_TYPES, entity("user", prop("displayName"), base="directoryObject"),
             entity("teamwork", nav("workforceIntegrations", "entity")),
             entity("userTeamwork", nav("installedApps", "teamsAppInstallation")),
             entity("teamsAppInstallation", base="entity")]
    ops, diagnostics = resolve(types, [USERS, real("userteamwork-list-installedapps.md"),
                                       real("userteamwork-sendactivitynotification.md")])
    listed = ops["get", "/users/{user-id}/teamwork/installedApps"]
    assert listed.response == TypeRef(f"{NS}.teamsAppInstallation", True)
    assert ("post", "/users/{user-id}/teamwork/sendActivityNotification") in ops
    (said,) = [d for d in diagnostics if d.code == "DS508" and "'teamwork'" in d.message]
    assert f"{NS}.userTeamwork" in said.message


def test_a_middle_segment_no_page_types_is_a_member_when_two_pages_go_through_it() -> None:
    # no 2021 resource page declares user.authentication nor types it
    types = [*USER_TYPES, entity("user", prop("displayName"), base="directoryObject"),
             entity("authenticationMethod", base="entity"),
             entity("fido2AuthenticationMethod", base="authenticationMethod")]
    both = [USERS, real("authentication-list-methods.md"),
            real("fido2authenticationmethod-list.md")]
    ops, diagnostics = resolve(types, both)
    assert ops["get", "/me/authentication/methods"].response == TypeRef(
        f"{NS}.authenticationMethod", True)
    assert ops["get", "/users/{user-id}/authentication/fido2Methods"].response == TypeRef(
        f"{NS}.fido2AuthenticationMethod", True)
    assert any(d.code == "DS516" and "'authentication'" in d.message for d in diagnostics)
    # one page alone is no evidence: a typo in the middle of one page's lines stays an error
    ops, diagnostics = resolve(types, both[:2])
    assert ("get", "/me/authentication/methods") not in ops
    assert any(d.code == "DS503" and "'authentication'" in d.message for d in diagnostics)


# -- bound actions and functions by where they stand ----------------------------------------


DRIVE_TYPES = [
    *USER_TYPES, entity("user", nav("drive", "drive", False), nav("followedSites", "site"),
                        base="directoryObject"),
    entity("drive", nav("items", "driveItem"), nav("root", "driveItem", False), base="entity"),
    entity("driveItem", nav("versions", "driveItemVersion"), nav("workbook", "workbook", False),
           base="entity"),
    entity("driveItemVersion", base="entity"),
    entity("workbook", nav("names", "workbookNamedItem"), base="entity"),
    entity("workbookNamedItem", prop("name"), base="entity"),
    entity("site", prop("name"), base="entity"),
]
DRIVE_ROOTS = [USERS, root("drive-get.md", "GET /drives/{id}", "drive"),
               root("group-get.md", "GET /groups/{id}", "user"),
               root("site-get.md", "GET /sites/{id}", "user")]


def test_a_post_after_a_collection_is_an_action_bound_to_it() -> None:
    ops, _ = resolve(DRIVE_TYPES, [*DRIVE_ROOTS, real("site-follow.md"),
                                   real("nameditem-add.md")])
    follow = ops["post", "/users/{user-id}/followedSites/add"]
    assert follow.bound == "action"
    assert follow.response == TypeRef(f"{NS}.site", True)  # its example says "@type"
    assert ops["post", "/me/drive/items/{driveItem-id}/workbook/names/add"].bound == "action"


def test_the_file_names_verb_may_go_on_in_the_operations_name() -> None:
    # driveitemversion-restore.md documents restoreVersion on driveItemVersion
    ops, _ = resolve(DRIVE_TYPES, [*DRIVE_ROOTS, real("driveitemversion-restore.md")])
    assert ops["post", "/drives/{drive-id}/items/{driveItem-id}/versions/"
                       "{driveItemVersion-id}/restoreVersion"].bound == "action"


def test_a_get_after_a_collection_is_a_function_when_the_file_name_names_it() -> None:
    types = [entity("identityProvider", prop("name")),
             entity("subscription", prop("resource"))]
    pages = [root("identityprovider-list.md", "GET /identityProviders\nGET /identityProviders/{id}",
                  "identityProvider"),
             real("identityprovider-list-availableprovidertypes.md")]
    ops, _ = resolve(types, pages)
    function = ops["get", "/identityProviders/availableProviderTypes"]
    assert function.bound == "function"
    assert function.response == TypeRef("Edm.String", True)
    # a GET after a collection whose name the file name does not give is no function
    other = root("identityprovider-get.md", "GET /identityProviders/someOtherName",
                 "identityProvider")
    ops, diagnostics = resolve(types, [*pages, other])
    assert ("get", "/identityProviders/someOtherName") not in ops
    assert any(d.code == "DS503" and "'someOtherName'" in d.message for d in diagnostics)


# -- spellings: plurals, placeholders ----------------------------------------------------------


def test_a_collection_its_resource_page_names_in_the_singular_takes_the_pages_plural() -> None:
    # schedule.md (2021): `timeoffrequest | timeOffRequest collection`; the pages say
    # timeOffRequests
    types = [entity("team", nav("schedule", "schedule", False)),
             entity("schedule", nav("timeoffrequest", "timeOffRequest")),
             entity("timeOffRequest", prop("senderDateTime"))]
    ops, diagnostics = resolve(types, [root("team-get.md", "GET /teams/{id}", "team"),
                                       real("timeoffrequest-list.md")])
    listed = ops["get", "/teams/{team-id}/schedule/timeOffRequests"]
    assert listed.response == TypeRef(f"{NS}.timeOffRequest", True)
    assert any(d.code == "DS517" and "'timeoffrequest'" in d.message for d in diagnostics)


def test_the_plural_of_a_single_valued_member_used_keyed_is_another_member() -> None:
    # user.md (2021) declares photo, not photos; profilephoto-get.md documents
    # /me/photos/{size}. A plural that is never keyed stays a near miss.
    types = [*USER_TYPES, entity("user", nav("photo", "profilePhoto", False),
                                 nav("manager", "directoryObject", False), base="directoryObject"),
             entity("profilePhoto", prop("height", "Edm.Int32"), base="entity")]
    unkeyed = root("user-list-managers.md", "GET /me/managers", "directoryObject")
    ops, diagnostics = resolve(types, [USERS, real("profilephoto-get.md"), unkeyed])
    assert ops["get", "/me/photos/{profilePhoto-id}"].response == TypeRef(f"{NS}.profilePhoto")
    assert ops["get", "/me/photos"].response is not None
    assert ops["get", "/me/photo"].response == TypeRef(f"{NS}.profilePhoto")
    assert ("get", "/me/managers") not in ops
    assert any(d.code == "DS503" and "'managers'" in d.message for d in diagnostics)


def test_a_property_name_placeholder_keys_nothing() -> None:
    # organizationalbrandingproperties-get.md: GET /organization/{tenant id}/branding/{property
    # name}; without the rule, branding (implied by the create page) was a collection and
    # /branding/localizations/{locale} a member of a collection without a key
    types = [entity("organization", prop("displayName")),
             entity("organizationalBrandingProperties",
                    nav("localizations", "organizationalBrandingLocalization")),
             entity("organizationalBrandingLocalization",
                    base="organizationalBrandingProperties")]
    ops, diagnostics = resolve(types, [
        root("organization-get.md", "GET /organization/{id}", "organization"),
        real("organizationalbrandingproperties-create.md"),
        real("organizationalbrandingproperties-get.md"),
        real("organizationalbrandingpropertieslocalization-get.md")])
    assert ops["put", "/organization/{organization-id}/branding"].response == TypeRef(
        f"{NS}.organizationalBrandingProperties")
    assert ("get", "/organization/{organization-id}/branding/localizations/"
                   "{organizationalBrandingLocalization-id}") in ops
    assert any(d.code == "DS503" and "'{propertyname}'" in d.message and "placeholder" in d.message
               for d in diagnostics)


# -- responses ---------------------------------------------------------------------------------


def test_response_prose_primitives_stream_and_boolean() -> None:
    _, stream = real("intune-reporting-devicemanagementreports-getcachedreport.md")
    assert (stream.status, stream.response_primitive) == (200, "Edm.Stream")
    _, boolean = real("grouplifecyclepolicy-addgroup.md")  # "a `true` value is returned"
    assert (boolean.status, boolean.response_primitive) == (200, "Edm.Boolean")


def test_a_202_whose_link_is_in_a_sentence_about_a_location_header_types_no_body() -> None:
    _, archive = real("team-archive.md")
    assert archive.status == 202 and archive.response_type is None
    # "200 OK ... and a Location header with a URI to the [recordOperation]": the service
    # returns the operation in the body too (the page's example shows it)
    _, record = real("call-record.md")
    assert record.status == 200 and record.response_type is not None
    assert record.response_type.name == "recordOperation"


def test_an_example_typed_edm_gives_a_primitive_result_wrapped_as_odata_returns_it() -> None:
    # chart-image.md: "base-64 image string" in prose, "@odata.type": "Edm.String" on its example
    types = [*DRIVE_TYPES[:-4],
             entity("workbook", nav("worksheets", "workbookWorksheet"), base="entity"),
             entity("workbookWorksheet", nav("charts", "workbookChart"), base="entity"),
             entity("workbookChart", prop("name"), base="entity")]
    ops, _ = resolve(types, [*DRIVE_ROOTS, real("chart-image.md")])
    image = ops["get", "/me/drive/items/{driveItem-id}/workbook/worksheets/"
                       "{workbookWorksheet-id}/charts/{workbookChart-id}/image"]
    assert image.bound == "function" and image.response == TypeRef("Edm.String")
    builder = PathsBuilder(Model(types=tuple(types)), Dialect.JSON_2020)
    schema = builder.responses(image)["200"]["content"]["application/json"]["schema"]
    assert schema == {"type": "object", "properties": {"value": {"type": "string"}}}


def test_a_bare_json_response_is_typed_by_the_one_type_declaring_all_its_keys() -> None:
    types = [*DRIVE_TYPES,
             entity("itemPreviewInfo", prop("getUrl"), prop("postParameters"), prop("postUrl"),
                    kind=TypeKind.COMPLEX),
             entity("sharedDriveItem", nav("driveItem", "driveItem", False), base="entity")]
    ops, _ = resolve(types, [*DRIVE_ROOTS, root("shares-get.md", "GET /shares/{id}",
                                                "sharedDriveItem"), real("driveitem-preview.md")])
    preview = ops["post", "/drives/{drive-id}/items/{driveItem-id}/preview"]
    assert preview.response == TypeRef(f"{NS}.itemPreviewInfo")


def test_a_single_valued_navigation_property_is_a_collection_when_the_page_lists_it() -> None:
    # the resource page types hostedContents as single; the page lists a collection and shows
    # one in its example
    types = [entity("chat", nav("messages", "chatMessage")),
             entity("chatMessage", nav("hostedContents", "chatMessageHostedContent", False)),
             entity("chatMessageHostedContent", prop("contentBytes", "Edm.Binary"))]
    ops, _ = resolve(types, [root("chat-get.md", "GET /chats/{id}", "chat"),
                             real("chatmessage-list-hostedcontents.md")])
    listed = ops["get", "/chats/{chat-id}/messages/{chatMessage-id}/hostedContents"]
    assert listed.response == TypeRef(f"{NS}.chatMessageHostedContent", True)


def test_a_stream_property_answers_octet_stream_and_a_stream_result_json() -> None:
    types = [entity("item", Property("content", TypeRef("Edm.Stream")))]
    model = Model(types=tuple(types))
    builder = PathsBuilder(model, Dialect.JSON_2020)
    content = Operation(method="get", path="/items/{item-id}/content", operation_id="x",
                        tag="items", summary="", description="", source="s",
                        location=SourceLocation("s"), response=TypeRef("Edm.Stream"))
    assert list(builder.responses(content)["200"]["content"]) == ["application/octet-stream"]
    result = Operation(method="post", path="/items/getReport", operation_id="y", tag="items",
                       summary="", description="", source="s", location=SourceLocation("s"),
                       response=TypeRef("Edm.Stream"), bound="action")
    schema = builder.responses(result)["200"]["content"]["application/json"]["schema"]
    assert schema["properties"]["value"] == {"type": "string", "format": "binary"}


def test_a_redirect_to_a_download_answers_the_302_and_the_content_it_leads_to() -> None:
    # reportroot-*.md: "returns a `302 Found` response that redirects to a preauthenticated
    # download URL for the report"
    _, report = real("reportroot-getyammeractivitycounts.md")
    assert (report.status, report.response_primitive) == (302, "Edm.Stream")
    types = [entity("reportRoot", prop("id"))]
    ops, _ = resolve(types, [root("reportroot-get.md", "GET /reports", "reportRoot", False),
                             real("reportroot-getyammeractivitycounts.md")])
    (operation,) = [o for (method, path), o in ops.items() if "getYammerActivityCounts" in path]
    assert (operation.status, operation.response) == (302, TypeRef("Edm.Stream"))
    responses = PathsBuilder(Model(types=tuple(types)), Dialect.JSON_2020).responses(operation)
    assert list(responses) == ["200", "302", "4XX", "5XX"]
    assert list(responses["200"]["content"]) == ["application/octet-stream"]
    assert "Location" in responses["302"]["headers"]
    # a redirect the page says nothing more of has no body
    _, team = real("team-archive.md")
    assert team.response_primitive is None


def test_an_example_responses_odata_context_types_a_page_that_says_nothing_else() -> None:
    # outlookuser-supportedlanguages.md, with its Response prose link and its annotation's
    # "@odata.type" taken away: "@odata.context": "...$metadata#Collection(microsoft.graph.
    # localeInfo)" is all that is left to say what the function returns
    text = (API / "outlookuser-supportedlanguages.md").read_text(encoding="utf-8")
    text = text.replace("a collection of [localeInfo](../resources/localeinfo.md) objects", "")
    text = text.replace('"@odata.type": "microsoft.graph.localeInfo",', "")
    path = "docs/api/outlookuser-supportedlanguages.md"
    facts = parse_page(SourceFile(path, text, "0")).api
    assert facts is not None and facts.response_type is None
    assert all(not e.odata_type for e in facts.examples)
    types = [*USER_TYPES, entity("user", nav("outlook", "outlookUser", False),
                                 base="directoryObject"),
             entity("outlookUser", base="entity"),
             entity("localeInfo", prop("locale"), kind=TypeKind.COMPLEX)]
    ops, _ = resolve(types, [USERS, (path, facts)])
    assert ops["get", "/me/outlook/supportedLanguages"].response == TypeRef(
        f"{NS}.localeInfo", True)


def test_a_single_enum_result_is_wrapped_like_a_primitive_and_a_complex_one_is_not() -> None:
    from generator.model import EnumMember, EnumType

    options = EnumType(NS, "deliveryOptions", (EnumMember("sendToDelegateOnly"),),
                       location=SourceLocation("docs/resources/enums.md"))
    settings = entity("mailboxSettings", prop("timeZone"), kind=TypeKind.COMPLEX)
    builder = PathsBuilder(Model(types=(settings,), enums=(options,)), Dialect.JSON_2020)
    enum_schema = builder.response_schema(TypeRef(f"{NS}.deliveryOptions"))
    assert enum_schema["type"] == "object"
    assert enum_schema["properties"]["value"] == {"$ref": f"#/components/schemas/{NS}."
                                                          "deliveryOptions"}
    assert builder.response_schema(TypeRef(f"{NS}.mailboxSettings")) == {
        "$ref": f"#/components/schemas/{NS}.mailboxSettings"}


def test_a_page_saying_no_body_comes_back_gets_none_even_for_a_create() -> None:
    # team-post-installedapps.md: "returns a `200 OK` response code. It does not return anything
    # in the response body." (POST to a collection otherwise answers with the entity)
    _, facts = real("team-post-installedapps.md")
    assert facts.response_empty and facts.status == 200
    types = [entity("team", nav("installedApps", "teamsAppInstallation")),
             entity("teamsAppInstallation", prop("id"))]
    listed = root("team-list-installedapps.md", "GET /teams/{id}/installedApps",
                  "teamsAppInstallation")
    ops, _ = resolve(types, [root("team-get.md", "GET /teams/{id}", "team"), listed,
                             real("team-post-installedapps.md")])
    install = ops["post", "/teams/{team-id}/installedApps"]
    assert (install.status, install.response) == (200, None)
    assert ops["get", "/teams/{team-id}/installedApps"].response == TypeRef(
        f"{NS}.teamsAppInstallation", True)


def test_a_page_listing_a_subtype_does_not_make_a_base_typed_member_a_collection() -> None:
    # insights-list-trending.md lists /me/insights/trending ("a list of [trending] items") and
    # /me/insights/trending/{id}/resource, a single entity: the list speaks of the former
    types = [*USER_TYPES, entity("user", nav("insights", "officeGraphInsights", False),
                                 base="directoryObject"),
             entity("officeGraphInsights", nav("trending", "trending"), base="entity"),
             entity("trending", nav("resource", "entity", False), base="entity")]
    ops, _ = resolve(types, [USERS, real("insights-list-trending.md")])
    assert ops["get", "/me/insights/trending"].response == TypeRef(f"{NS}.trending", True)
    assert ops["get", "/me/insights/trending/{trending-id}/resource"].response == TypeRef(
        f"{NS}.entity")
