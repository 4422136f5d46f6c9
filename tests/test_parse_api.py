"""parse_api on real API pages (tests/fixtures/api) and on request lines of every variant."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.model import ApiPageFacts, PageFacts, PathSegment, RequestLineFact, SourceLocation
from generator.parse import parse_page
from generator.parse_api import parse_request_line
from generator.read import SourceFile

API = Path(__file__).resolve().parent / "fixtures" / "api"
DIRECTORY = "api-reference/v1.0/api"


def api_page(fixture: str) -> tuple[PageFacts, ApiPageFacts]:
    text = (API / fixture).read_text(encoding="utf-8")
    facts = parse_page(SourceFile(f"{DIRECTORY}/{fixture}", text,
                                  hashlib.sha256(text.encode()).hexdigest()))
    assert facts.api is not None, f"{fixture} not read as an API page"
    return facts, facts.api


def line(method: str, text: str) -> RequestLineFact:
    parsed = parse_request_line(method, text, SourceLocation("p.md", 1))
    assert isinstance(parsed, RequestLineFact), parsed
    return parsed


def shape(parsed: RequestLineFact) -> list[str]:
    """Segments in a compact spelling: name, {key}, name(args), :address:."""
    out = []
    for s in parsed.segments:
        if s.address is not None:
            out.append(f":{s.address}:")
        elif s.key is not None:
            out.append(f"{s.name}={{{s.key}}}" if s.name else f"{{{s.key}}}")
        elif s.args is not None:
            out.append(f"{s.name}({','.join(s.args)})")
        else:
            out.append(s.name)
    return out


@pytest.mark.parametrize(("text", "expected"), [
    ("/users/{id | userPrincipalName}/events", ["users", "{id|userPrincipalName}", "events"]),
    ("/me/messages/<id>/attachments", ["me", "messages", "{id}", "attachments"]),
    ("/groups('{id}')/members", ["groups", "{id}", "members"]),
    ("/groups(id='{id}')/owners", ["groups(id)", "owners"]),
    ("/me/calendar/getSchedule(startDateTime='{x}',endDateTime='{y}')",
     ["me", "calendar", "getSchedule(startDateTime,endDateTime)"]),
    ("/me/drive/root:/{item-path}:/children", ["me", "drive", "root", ":{item-path}:",
                                                 "children"]),
    ("/drive/root:/folder/file.txt:/content", ["drive", "root", ":folder/file.txt:",
                                               "content"]),
    ("https://graph.microsoft.com/v1.0/users/{id}/$ref", ["users", "{id}", "$ref"]),
    ("/beta/users/$count", ["users", "$count"]),
    ("/users/{id}/photo/$value", ["users", "{id}", "photo", "$value"]),
    ("/groups/{id}/members/microsoft.graph.user", ["groups", "{id}", "members",
                                                   "microsoft.graph.user"]),
    ("/directoryRoles/roleTemplateId={roleTemplateId}", ["directoryRoles",
                                                         "roleTemplateId={roleTemplateId}"]),
    ("/reports/getTeamsUserActivityCounts(period='D7')",
     ["reports", "getTeamsUserActivityCounts(period)"]),
    ("/workbook/worksheets/{id|name}/range()", ["workbook", "worksheets", "{id|name}",
                                                "range()"]),
    ("users/{id}/messages", ["users", "{id}", "messages"]),
    ("/domains/6b7f8c3a-5b29-4c3f-9a8e-1234567890ab/records",
     ["domains", "{6b7f8c3a-5b29-4c3f-9a8e-1234567890ab}", "records"]),
])
def test_request_line_variants(text: str, expected: list[str]) -> None:
    assert shape(line("GET", text)) == expected


def test_key_syntax_with_a_named_key_is_a_call_with_arguments() -> None:
    # (id='{id}') names its argument: read as a call (resolve decides key or function)
    assert line("GET", "/groups(id='{id}')").segments == (
        PathSegment(name="groups", args=("id",)),)


def test_query_string_becomes_query_names_not_path_text() -> None:
    parsed = line("GET", "/users/{id}/calendarView?startDateTime={start}&endDateTime={end}")
    assert parsed.text == "/users/{id}/calendarView"
    assert parsed.query == ("startDateTime", "endDateTime")
    assert line("GET", "/groups?$filter=startswith(displayName,'a')").query == ("$filter",)


def test_a_request_line_with_spaces_in_its_path_is_refused() -> None:
    refused = parse_request_line("GET", "/users/{user-id} | user-principal-name/chats",
                                 SourceLocation("p.md", 3))
    assert isinstance(refused, str)


def test_http_request_section_lines_only_not_examples_with_lines() -> None:
    facts, api = api_page("event-post-attachments.md")
    assert [(r.method, r.text) for r in api.request_lines][:2] == [
        ("POST", "/me/events/{id}/attachments"),
        ("POST", "/users/{id|userPrincipalName}/events/{id}/attachments")]
    assert len(api.request_lines) == 8  # the commented-out group lines are not request lines
    assert [r.location.line for r in api.request_lines][:2] == [35, 36]
    assert not facts.types and not any(d.code.startswith("DS4") for d in facts.diagnostics)


def test_entity_body_and_created_response() -> None:
    _, api = api_page("event-post-attachments.md")
    assert api.body_kind == "entity"
    assert api.body_type is not None and api.body_type.name == "attachment"
    assert api.status == 201
    assert api.response_type is not None and api.response_type.name == "attachment"
    assert api.response_location is not None and api.response_location.line == 70
    assert [h.name for h in api.headers] == ["Authorization", "Content-Type"]


def test_action_parameter_table_typed_with_the_type_cell_grammar() -> None:
    _, api = api_page("user-getmailtips.md")
    assert api.body_kind == "parameters"
    params = {p.name: p for p in api.body_parameters}
    assert params["EmailAddresses"].type is not None
    assert (params["EmailAddresses"].type.name, params["EmailAddresses"].type.collection) == (
        "Edm.String", True)
    assert params["EmailAddresses"].location.line == 47
    assert api.response_type is not None and api.response_type.collection  # "a collection of"
    assert api.title == "user: getMailTips"


def test_parameters_section_of_a_post_is_its_body() -> None:
    _, api = api_page("driveitem-createuploadsession.md")
    assert [p.name for p in api.body_parameters] == ["item", "deferCommit"]
    assert api.status == 200  # the 2xx of the Response prose, not a later 507


def test_function_arguments_and_primitive_or_redirect_response() -> None:
    _, api = api_page("reportroot-getyammeractivitycounts.md")
    (request,) = api.request_lines
    assert request.segments[-1] == PathSegment(name="getYammerActivityCounts", args=("period",))
    assert api.status == 302


def test_odata_options_the_page_names() -> None:
    _, api = api_page("group-list.md")
    assert set(api.odata_options) >= {"$filter", "$select", "$top", "$orderby", "$count"}
    assert any(h.name == "ConsistencyLevel" for h in api.headers)


def test_example_annotations_and_bodies() -> None:
    _, api = api_page("group-list.md")
    responses = [e for e in api.examples if e.kind == "response"]
    assert responses[0].odata_type == "microsoft.graph.group" and responses[0].collection
    assert responses[0].status == 200 and responses[0].body.startswith("{")
    _, api = api_page("user-getmailtips.md")
    (request,) = [e for e in api.examples if e.kind == "request"]
    assert '"EmailAddresses"' in request.body and request.body_line == 67


def test_alternate_key_ref_and_casts_in_real_pages() -> None:
    _, api = api_page("directoryrole-post-members.md")
    assert [shape(r) for r in api.request_lines] == [
        ["directoryRoles", "{role-id}", "members", "$ref"],
        ["directoryRoles", "roleTemplateId={roleTemplateId}", "members", "$ref"]]
    _, api = api_page("directory-deleteditems-list.md")
    assert shape(api.request_lines[0])[-1] == "microsoft.graph.application"


def test_onedrive_path_addressing_in_a_real_page() -> None:
    _, api = api_page("driveitem-list-permissions.md")
    assert ["me", "drive", "root", ":{path}:", "permissions"] in [
        shape(r) for r in api.request_lines]


def test_resource_page_with_an_api_doc_type_stays_a_resource_page() -> None:
    text = ("---\ndoc_type: apiPageType\n---\n# thing resource type\n\nNamespace: microsoft.graph"
            "\n\n## Properties\n\n| Property | Type | Description |\n|---|---|---|\n"
            "| id | String | The id. |\n")
    facts = parse_page(SourceFile("api-reference/v1.0/resources/thing.md", text, "0"))
    assert facts.api is None and [t.name for t in facts.types] == ["thing"]


def test_page_classified_by_content_without_front_matter() -> None:
    text = "# Get thing\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n"
    facts = parse_page(SourceFile("x/get-thing.md", text, "0"))
    assert facts.api is not None
    assert [r.text for r in facts.api.request_lines] == ["/things/{id}"]
    assert facts.api.request_lines[0].location.line == 6


def test_api_page_without_request_lines_says_so() -> None:
    text = "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## HTTP request\n\nNone.\n"
    facts = parse_page(SourceFile("x/get-thing.md", text, "0"))
    assert [d.code for d in facts.diagnostics] == ["DS501"]


def test_request_lines_of_a_page_without_an_http_request_section() -> None:
    text = ("---\ndoc_type: apiPageType\n---\n# Get a site\n\n## Get the root site\n\n"
            "```http\nGET /sites/root\n```\n\n## Example\n\n"
            "<!-- { \"blockType\": \"request\", \"name\": \"x\" } -->\n"
            "```http\nGET https://graph.microsoft.com/v1.0/sites/{site-id}\n```\n")
    facts = parse_page(SourceFile("x/site-get.md", text, "0"))
    assert facts.api is not None
    assert [r.text for r in facts.api.request_lines] == ["/sites/root"]
    (said,) = facts.diagnostics
    assert (said.code, said.line) == ("DS501", 9)
