"""Reading what the docs say everywhere they say it (issue 14, deliver 5), on real pages.

Base types in prose other than "Inherits from" ("A subclass of", "Inherits from base class"),
a base page's "Derived types" table, list or sentence (DS121-DS124), abstract types in prose
and notes, narrowed inherited properties (DS125), "Json" cells and "collection of strings".
The pages are copied unchanged into tests/fixtures/pages/evidence (see its README).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.model import Model, PageFacts
from generator.parse import parse_page
from generator.read import SourceFile
from generator.resolve import resolve
from generator.typecell import parse_type_cell

EVIDENCE = Path(__file__).resolve().parent / "fixtures" / "pages" / "evidence"


def parsed(version: str, *names: str) -> list[PageFacts]:
    pages = []
    for name in names:
        text = (EVIDENCE / version / name).read_text(encoding="utf-8")
        path = f"api-reference/{version}/resources/{name}"
        pages.append(parse_page(SourceFile(path, text,
                                           hashlib.sha256(text.encode()).hexdigest())))
    return pages


def model_of(version: str, *names: str) -> Model:
    return resolve(parsed(version, *names))


def one_type(version: str, name: str) -> tuple[str | None, bool, list[str]]:
    (facts,) = parsed(version, name)
    (fact,) = facts.types
    base = fact.inherits_from.name if fact.inherits_from else None
    return base, fact.abstract, [e.name for e in fact.derived_types]


def test_a_subclass_of_names_the_base() -> None:
    assert one_type("v1.0", "educationpowerpointresource.md")[0] == "educationResource"
    model = model_of("v1.0", "educationpowerpointresource.md", "educationresource.md",
                     "entity.md")
    powerpoint = model.structured("microsoft.graph.educationPowerPointResource")
    assert powerpoint is not None and powerpoint.base == "microsoft.graph.educationResource"


def test_creates_a_subclass_from_names_the_base() -> None:
    assert one_type("v1.0", "educationassignmentpointsgrade.md")[0] == "educationAssignmentGrade"


def test_inherits_from_base_class_names_the_base() -> None:
    assert one_type("v1.0", "b2xidentityuserflow.md")[0] == "identityUserFlow"


def test_derived_types_sentence_gives_the_derived_types_their_base() -> None:
    # "This is a base class; the derived types are [a], [b], and [c]."
    assert one_type("v1.0", "educationoutcome.md")[2] == [
        "educationFeedbackOutcome", "educationPointsOutcome", "educationRubricOutcome"]
    model = model_of("v1.0", "educationoutcome.md", "educationfeedbackoutcome.md", "entity.md")
    feedback = model.structured("microsoft.graph.educationFeedbackOutcome")
    assert feedback is not None and feedback.base == "microsoft.graph.educationOutcome"
    assert [d.code for d in model.diagnostics if d.path.endswith("feedbackoutcome.md")
            and d.code in ("DS117", "DS121")] == ["DS121"]


def test_derived_types_table_under_a_heading() -> None:
    assert one_type("v1.0", "meetinginfo.md")[2] == ["organizerMeetingInfo", "tokenMeetingInfo"]
    model = model_of("v1.0", "meetinginfo.md", "organizermeetinginfo.md", "tokenmeetinginfo.md")
    for name in ("organizerMeetingInfo", "tokenMeetingInfo"):
        found = model.structured(f"microsoft.graph.{name}")
        assert found is not None and found.base == "microsoft.graph.meetingInfo"


def test_supported_derived_types_list_after_a_colon() -> None:
    # "Represents a base class for apply actions in the [x] of an [y]. Supported derived
    # types:" and a list: the links of the first sentence are no derived types.
    assert one_type("v1.0", "accessreviewapplyaction.md")[2] == [
        "removeAccessApplyAction", "disableAndDeleteUserApplyAction"]


def test_base_type_for_sentence_about_the_page_itself() -> None:
    # "The eventMessage entity is derived from [message]. eventMessage is the base type for
    # [eventMessageRequest] and [eventMessageResponse]."
    base, _, derived = one_type("v1.0", "eventmessage.md")
    assert (base, derived) == ("message", ["eventMessageRequest", "eventMessageResponse"])


def test_abstract_in_prose() -> None:
    assert one_type("v1.0", "meetinginfo.md")[1]  # "This is an abstract class that ..."
    assert one_type("v1.0", "intune-apps-mobileappassignmentsettings.md")[1]  # "Abstract class"
    assert one_type("v1.0", "educationassignmentrecipient.md")[1]  # "This superclass is abstract"
    assert one_type("v1.0", "policybase.md")[1]  # "Represents an abstract base type for ..."
    assert one_type("v1.0", "educationassignmentgradetype.md")[1]  # "can't be used directly"
    assert not one_type("v1.0", "educationpowerpointresource.md")[1]


def test_a_derived_type_narrowing_an_inherited_property_keeps_it() -> None:
    model = model_of("beta", "chatmessagementionedidentityset.md", "identityset.md",
                     "identity.md", "teamworkconversationidentity.md")
    mentioned = model.structured("microsoft.graph.chatMessageMentionedIdentitySet")
    assert mentioned is not None
    conversation = {p.name: p for p in mentioned.properties}["conversation"]
    assert conversation.type.name == "microsoft.graph.teamworkConversationIdentity"
    assert "DS125" in [d.code for d in model.diagnostics]
    assert "DS111" not in [d.code for d in model.diagnostics
                           if (d.path, d.line) == (conversation.location.path,
                                                   conversation.location.line)]


def test_a_json_cell_is_any_json_unless_the_json_page_gives_structure() -> None:
    # json.md documents microsoft.graph.Json with no properties: "data returned in JSON format"
    for pages in (("range.md", "json.md"), ("range.md",)):
        workbook_range = model_of("v1.0", *pages).structured("microsoft.graph.workbookRange")
        assert workbook_range is not None
        values = {p.name: p for p in workbook_range.properties}["values"]
        assert values.type.name == "Edm.Untyped", pages  # never a made-up Edm.Json
    text = (EVIDENCE / "v1.0" / "json.md").read_text(encoding="utf-8").replace(
        "|:---|:---|:---|", "|:---|:---|:---|\n|kind|String|What the value holds.|")
    json_page = parse_page(SourceFile("api-reference/v1.0/resources/json.md", text, "x"))
    structured = resolve([*parsed("v1.0", "range.md"), json_page])
    workbook_range = structured.structured("microsoft.graph.workbookRange")
    assert workbook_range is not None
    values = {p.name: p for p in workbook_range.properties}["values"]
    assert values.type.name == "microsoft.graph.Json"


def test_collection_of_strings_types_its_items() -> None:
    for spelling in ("collection of strings", "Collection of GUIDs", "array of Int32s"):
        expr, _ = parse_type_cell(spelling, "p.md")
        assert expr is not None and expr.collection and expr.is_primitive, spelling
    expr, _ = parse_type_cell("addresses collection", "p.md")
    assert expr is not None and expr.name == "addresses"  # no primitive: left as written


def test_a_reference_link_cell_takes_the_json_array() -> None:
    # sitepage.md: "| webParts | [webPart][] | ..." and "webParts": [{"@odata.type": ...}]
    model = model_of("beta", "sitepage.md", "webpart.md")
    page = model.structured("microsoft.graph.sitePage")
    assert page is not None
    web_parts = {p.name: p for p in page.properties}["webParts"]
    assert (web_parts.type.name, web_parts.type.collection) == ("microsoft.graph.webPart", True)
    assert "DS126" in [d.code for d in model.diagnostics]


def test_inherited_by_names_the_derived_types() -> None:
    # "It is an abstract type that is inherited by [a], [b] and [c]."
    assert one_type("v1.0", "accessreviewscope.md")[1:] == (True, [
        "accessReviewQueryScope", "principalResourceMembershipsScope",
        "accessReviewReviewerScope"])
