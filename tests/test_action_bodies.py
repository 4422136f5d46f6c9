"""Action request bodies: the Request body section's parameter table (real pages in
tests/fixtures/api), the shapes authors give it, and the body schema built from it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from test_emit_paths import document
from test_operations import MODEL, PAGES, api, entity, prop
from test_parse_api import api_page

from generator.model import Model, TypeKind, TypeRef
from generator.operations import resolve_operations
from generator.parse import parse_page
from generator.read import SourceFile

NS = "microsoft.graph"


def names(fixture: str) -> list[str]:
    _, facts = api_page(fixture)
    return [p.name for p in facts.body_parameters]


def test_tables_without_a_type_column_in_the_request_body_are_no_parameters() -> None:
    # an enum's Member | Description table and an "activityDomain value" table follow the
    # parameter table in the same section
    assert names("user-translateexchangeids.md") == ["inputIds", "sourceIdType", "targetIdType"]
    found = names("user-findmeetingtimes.md")
    assert len(found) == 8 and "timeConstraint" in found
    assert not {"work", "personal", "unrestricted", "unknown"} & set(found)


def test_an_unnamed_first_column_with_a_type_column_is_read_but_enum_members_are_not() -> None:
    body = ("| Parameters | Type | Description |\n|---|---|---|\n| keepData | Boolean | Keep. |\n\n"
            "### wipeKind values\n\n| Member | Value | Description |\n|---|---|---|\n"
            "| full | 0 | All. |\n")
    _, facts = api("user-wipe.md", "user: wipe", "POST /users/{id}/wipe", "", body)
    assert [p.name for p in facts.body_parameters] == ["keepData"]


def test_a_table_of_an_object_the_prose_names_is_one_object_parameter() -> None:
    # "provide an optional `passwordCredential` object with the following properties"
    _, facts = api_page("application-addpassword.md")
    (wrapper,) = facts.body_parameters
    assert wrapper.name == "passwordCredential"
    assert wrapper.type is not None and wrapper.type.name == "passwordCredential"
    assert not wrapper.type.collection


def test_a_json_object_table_is_not_a_wrapper() -> None:
    # "provide a JSON object with the following parameters": the rows are the parameters
    for spelling in ("JSON", "`JSON`", "`json`"):
        page = api("user-getmailtips.md", "user: getMailTips", "POST /me/getMailTips", "",
                   f"In the request body, provide a {spelling} object with the following "
                   "parameters.\n\n| Parameter | Type | Description |\n|---|---|---|\n"
                   "| EmailAddresses | String collection | Addresses. |\n")[1]
        assert [p.name for p in page.body_parameters] == ["EmailAddresses"], spelling


def test_a_json_block_in_the_request_body_section_gives_the_parameters() -> None:
    _, facts = api_page("team-archive.md")
    assert (facts.body_kind, facts.body_from) == ("parameters", "section")
    (parameter,) = facts.body_parameters
    assert parameter.name == "shouldSetSpoSiteReadOnlyForMembers"
    assert parameter.type is not None and parameter.type.name == "Edm.Boolean"


def test_an_action_built_from_json_not_a_table_is_ds509_once_per_page() -> None:
    # team-archive.md's own Request body section, on a model where /teams/{id}/archive resolves
    _, facts = api_page("team-archive.md")
    model = Model(types=tuple(sorted([*MODEL.types, entity("team", prop("displayName"))],
                                     key=lambda t: t.qualified_name)))
    pages = [*PAGES, api("team-get.md", "Get team", "GET /teams/{id}",
                         "Returns `200 OK` and a [team](../resources/team.md) object."),
             ("docs/api/team-archive.md", facts)]
    operations, diagnostics = resolve_operations(model, pages)
    (archive,) = [o for o in operations if o.path.endswith("/archive")]
    assert [p.name for p in archive.body_parameters] == ["shouldSetSpoSiteReadOnlyForMembers"]
    (missing,) = [d for d in diagnostics if d.code == "DS509"]
    assert facts.body_location is not None and missing.line == facts.body_location.line
    assert "Request body section" in missing.message


def test_a_create_whose_example_gives_keys_is_no_ds509() -> None:
    # a POST to a collection takes the entity: the example's keys are not its body
    example = ("\n\n## Example\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"c\"\n"
               "}-->\n```http\nPOST /users/1/events\n\n{\n  \"subject\": \"x\"\n}\n```\n")
    pages = [*PAGES, api("user-post-events.md", "Create event", "POST /users/{id}/events",
                         "Returns `201 Created`." + example, "")]
    operations, diagnostics = resolve_operations(MODEL, pages)
    (create,) = [o for o in operations if o.method == "post" and o.path.endswith("/events")]
    assert create.body == TypeRef(f"{NS}.event") and not create.body_parameters
    assert not [d for d in diagnostics if d.code == "DS509"]


def test_no_table_and_no_block_reads_the_example_request_and_says_so() -> None:
    _, facts = api("user-wipe.md", "user: wipe", "POST /users/{id}/wipe", "", "")
    assert facts.body_parameters == ()  # no table, no block, no example: no body
    example = ("\n\n## Example\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"wipe\"\n"
               "}-->\n```http\nPOST https://graph.microsoft.com/v1.0/users/1/wipe\n"
               "Content-type: application/json\n\n{\n  \"keepData\": true,\n  \"reason\": \"x\"\n}"
               "\n```\n")
    _, facts = api("user-wipe.md", "user: wipe", "POST /users/{id}/wipe", example, "")
    assert [(p.name, p.type.name if p.type else None) for p in facts.body_parameters] == [
        ("keepData", "Edm.Boolean"), ("reason", "Edm.String")]


SESSION_MODEL = Model(types=tuple(sorted([
    *MODEL.types,
    entity("workbookSessionInfo", prop("id"), prop("persistChanges", "Edm.Boolean"),
           kind=TypeKind.COMPLEX),
], key=lambda t: t.qualified_name)))


def test_an_action_supplied_an_entity_takes_its_examples_keys_typed_by_the_entity() -> None:
    # workbook-createsession.md: "supply a JSON representation of [workbookSessionInfo]";
    # the example request sends {"persistChanges": true}, not the session's id
    _, facts = api_page("workbook-createsession.md")
    assert facts.body_kind == "entity"
    pages = [*PAGES, api("user-createsession.md", "user: createSession",
                         "POST /users/{id}/createSession", "Returns `201 Created`.",
                         "Supply a JSON representation of "
                         "[workbookSessionInfo](../resources/workbooksessioninfo.md) object.\n\n"
                         "## Example\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"s\"\n"
                         "}-->\n```http\nPOST /users/1/createSession\n\n"
                         "{\n  \"persistChanges\": true\n}\n```\n")]
    operations, _ = resolve_operations(SESSION_MODEL, pages)
    (action,) = [o for o in operations if o.path.endswith("/createSession")]
    assert action.bound == "action"
    assert [(p.name, p.type) for p in action.body_parameters] == [
        ("persistChanges", TypeRef("Edm.Boolean"))]


def test_a_parameter_table_on_a_post_the_walk_ends_at_a_primitive_is_a_body_not_media() -> None:
    # search-query.md: the walk took `query` for a string member; its table is still a body
    model = Model(types=tuple(sorted([*MODEL.types, entity("searchHub", prop("query"))],
                                     key=lambda t: t.qualified_name)))
    pages = [*PAGES,
             api("searchhub-get.md", "Get searchHub", "GET /searchHubs/{id}",
                 "Returns `200 OK` and a [searchHub](../resources/searchhub.md) object."),
             api("searchhub-run.md", "searchHub: run", "POST /searchHubs/{id}/query",
                 "Returns `200 OK`.",
                 "| Parameter | Type | Description |\n|---|---|---|\n"
                 "| requests | String collection | What to search. |\n")]
    operations, _ = resolve_operations(model, pages)
    (post,) = [o for o in operations if o.method == "post" and o.path.endswith("/query")]
    assert not post.media_body
    assert [p.name for p in post.body_parameters] == ["requests"]


def test_pages_that_disagree_on_an_actions_parameters_give_a_diagnostic() -> None:
    other = api("user-getmailtips-2.md", "user: getMailTips", "POST /users/{id}/getMailTips",
                "Returns `200 OK` and a collection of [mailTips](../resources/mailtips.md).",
                "| Parameter | Type | Description |\n|---|---|---|\n"
                "| EmailAddresses | String collection | Addresses. |\n")
    _, diagnostics = resolve_operations(MODEL, [*PAGES, other])
    (found,) = [d for d in diagnostics if d.code == "DS506" and "body parameters" in d.message]
    assert "emailaddresses, mailtipsoptions" in found.message


def test_the_body_schema_has_exactly_the_actions_parameters() -> None:
    model = Model(types=tuple(sorted([
        *MODEL.types, entity("passwordCredential", prop("displayName"),
                             kind=TypeKind.COMPLEX)], key=lambda t: t.qualified_name)))
    pages = [*PAGES, api("user-addpassword.md", "user: addPassword",
                         "POST /users/{id}/addPassword", "Returns `200 OK`.",
                         "In the request body, provide an optional\n`passwordCredential` object "
                         "with the following properties.\n\n"
                         "| Property | Type | Description |\n|---|---|---|\n"
                         "| displayName | String | Name. |\n")]
    operations, diagnostics = resolve_operations(model, pages)
    doc = document(Model(types=model.types, operations=operations, diagnostics=diagnostics))
    body: dict[str, Any] = doc["paths"]["/users/{user-id}/addPassword"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    assert list(schema["properties"]) == ["passwordCredential"]
    assert {"$ref": f"#/components/schemas/{NS}.passwordCredential"} in schema["properties"][
        "passwordCredential"]["anyOf"]


def test_a_json_typed_parameter_takes_any_value_not_a_string() -> None:
    # tablecolumncollection-add.md: |values|Json|Optional. A 2-dimensional array ...|
    pages = [*PAGES, api("user-addvalues.md", "user: addValues", "POST /users/{id}/addValues",
                         "Returns `200 OK`.",
                         "| Parameter | Type | Description |\n|---|---|---|\n"
                         "| values | Json | A 2-dimensional array of values. |\n"
                         "| index | Int32 | Where. |\n")]
    operations, diagnostics = resolve_operations(MODEL, pages)
    doc = document(Model(types=MODEL.types, operations=operations, diagnostics=diagnostics))
    body = doc["paths"]["/users/{user-id}/addValues"]["post"]["requestBody"]
    properties = body["content"]["application/json"]["schema"]["properties"]
    assert properties["values"] == {}
    assert properties["index"]["type"] == "integer"


def test_an_example_only_parameter_with_an_object_value_takes_any_value() -> None:
    example = ("\n\n## Example\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"wipe\"\n"
               "}-->\n```http\nPOST https://graph.microsoft.com/v1.0/users/1/wipe\n"
               "Content-type: application/json\n\n"
               "{\n  \"keepData\": true,\n  \"options\": {\"depth\": 2}\n}\n```\n")
    pages = [*PAGES, api("user-wipe.md", "user: wipe", "POST /users/{id}/wipe",
                         "Returns `204 No Content`." + example, "")]
    operations, diagnostics = resolve_operations(MODEL, pages)
    doc = document(Model(types=MODEL.types, operations=operations, diagnostics=diagnostics))
    body = doc["paths"]["/users/{user-id}/wipe"]["post"]["requestBody"]
    properties = body["content"]["application/json"]["schema"]["properties"]
    assert properties == {"keepData": {"type": "boolean"}, "options": {}}


def test_an_action_supplied_an_entity_without_an_example_takes_the_entitys_properties() -> None:
    pages = [*PAGES, api("user-createsession.md", "user: createSession",
                         "POST /users/{id}/createSession", "Returns `201 Created`.",
                         "Supply a JSON representation of "
                         "[workbookSessionInfo](../resources/workbooksessioninfo.md) object.")]
    operations, _ = resolve_operations(SESSION_MODEL, pages)
    (action,) = [o for o in operations if o.path.endswith("/createSession")]
    assert [(p.name, p.type) for p in action.body_parameters] == [
        ("id", TypeRef("Edm.String")), ("persistChanges", TypeRef("Edm.Boolean"))]


@pytest.mark.corpus
def test_every_v1_post_page_with_a_typed_body_table_reads_its_parameters(
        shared_dir: Path) -> None:
    """No parameter table of a POST page's Request body section is lost (a filter too strict
    for a header spelling would drop it), and what is read from tables are names, one each."""
    api_dir = shared_dir / "corpus" / "graph-docs-2021" / "api-reference" / "v1.0" / "api"
    lost, malformed, posts = [], [], 0
    for page in sorted(api_dir.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        facts = parse_page(SourceFile(page.as_posix(), text, "0")).api
        if facts is None or not facts.request_lines or facts.request_lines[0].method != "POST":
            continue
        posts += 1
        section = re.search(r"^#+\s*request body\s*$(.*?)^#+\s", text, re.M | re.S | re.I)
        typed = section is not None and re.search(
            r"^\|\s*\**(?:name|parameter|property)\**\s*\|\s*\**type\**\s*\|", section[1],
            re.M | re.I)
        if typed and facts.body_kind != "parameters":
            lost.append(page.name)
        names = [p.name for p in facts.body_parameters]
        if len(set(n.lower() for n in names)) != len(names) or any(" " in n for n in names):
            malformed.append(page.name)
    assert posts > 500
    assert lost == [] and malformed == []
