"""The type-cell grammar, one parametrised case per spelling class (real corpus strings;
see docs/type-spellings.md)."""

from __future__ import annotations

import pytest

from generator.model import TypeExpr
from generator.typecell import flatten_cell, parse_type_cell

PAGE = "api-reference/beta/resources/onlinemeeting.md"
HERE = "api-reference/beta/resources"


def expr(name: str, collection: bool = False, link: str | None = None,
         anchor: str | None = None, enum_hint: bool = False) -> TypeExpr:
    return TypeExpr(name, collection, link, anchor, enum_hint)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # canonical primitives
        ("String", expr("Edm.String")),
        ("Boolean", expr("Edm.Boolean")),
        ("Int32", expr("Edm.Int32")),
        ("Int64", expr("Edm.Int64")),
        ("DateTimeOffset", expr("Edm.DateTimeOffset")),
        ("Date", expr("Edm.Date")),
        ("TimeOfDay", expr("Edm.TimeOfDay")),
        ("Duration", expr("Edm.Duration")),
        ("Double", expr("Edm.Double")),
        ("Single", expr("Edm.Single")),
        ("Binary", expr("Edm.Binary")),
        ("Stream", expr("Edm.Stream")),
        ("Guid", expr("Edm.Guid")),
        ("Byte", expr("Edm.Byte")),
        ("Int16", expr("Edm.Int16")),
        # other case, synonyms
        ("string", expr("Edm.String")),
        ("boolean", expr("Edm.Boolean")),
        ("dateTimeOffset", expr("Edm.DateTimeOffset")),
        ("DateTimeOffSet", expr("Edm.DateTimeOffset")),
        ("GUID", expr("Edm.Guid")),
        ("int", expr("Edm.Int32")),
        ("Integer", expr("Edm.Int32")),
        ("Bool", expr("Edm.Boolean")),
        ("DateTime", expr("Edm.DateTimeOffset")),
        ("Timestamp", expr("Edm.DateTimeOffset")),
        ("Url", expr("Edm.String")),
        ("Json", expr("Edm.Json")),
        ("Untyped JSON object", expr("Edm.Untyped")),
        ("Object", expr("Edm.Untyped")),
        ("decimal", expr("Edm.Decimal")),
        ("numeric", expr("Edm.Decimal")),
        # Edm. prefix, backticks, bold
        ("Edm.Int32", expr("Edm.Int32")),
        ("edm.DateTime", expr("Edm.DateTimeOffset")),
        ("`Edm.dateTimeOffset`", expr("Edm.DateTimeOffset")),
        ("`Edm.boolean `", expr("Edm.Boolean")),
        ("`DateTimeOffset`", expr("Edm.DateTimeOffset")),
        ("`string`", expr("Edm.String")),
        ("`bool`", expr("Edm.Boolean")),
        # qualifiers
        ("string (identifier)", expr("Edm.String")),
        ("string (url)", expr("Edm.String")),
        ("string (readonly)", expr("Edm.String")),
        ("String, maximum size 20", expr("Edm.String")),
        ("string, maximum size 250", expr("Edm.String")),
        ("String (timestamp)", expr("Edm.DateTimeOffset")),
        ("String (enum)", expr("Edm.String", enum_hint=True)),
        # primitive collections
        ("String collection", expr("Edm.String", True)),
        ("String Collection", expr("Edm.String", True)),
        ("Guid collection", expr("Edm.Guid", True)),
        ("Collection(String)", expr("Edm.String", True)),
        ("collection(string)", expr("Edm.String", True)),
        ("`collection(string)`", expr("Edm.String", True)),
        ("Collection of String", expr("Edm.String", True)),
        # linked types
        ("[identitySet](identityset.md)", expr("identitySet", link=f"{HERE}/identityset.md")),
        ("[DateTimeTimeZOne](datetimetimezone.md)",
         expr("DateTimeTimeZOne", link=f"{HERE}/datetimetimezone.md")),
        ("[chatrestrictions](../resources/chatrestrictions.md)",
         expr("chatrestrictions", link=f"{HERE}/chatrestrictions.md")),
        ("[meetingAttendanceReport](meetingattendancereport.md) collection",
         expr("meetingAttendanceReport", True, f"{HERE}/meetingattendancereport.md")),
        ("[virtualEventSession](../resources/virtualeventsession.md)  collection",
         expr("virtualEventSession", True, f"{HERE}/virtualeventsession.md")),
        ("Collection([keyValuePair](../resources/keyvaluepair.md))",
         expr("keyValuePair", True, f"{HERE}/keyvaluepair.md")),
        ("collection([changeNotification](changenotification.md))",
         expr("changeNotification", True, f"{HERE}/changenotification.md")),
        ("[microsoft.graph.callRecords.session](callrecords-session.md) collection",
         expr("microsoft.graph.callRecords.session", True, f"{HERE}/callrecords-session.md")),
        ("[fileHashType](filehashtypeenumtype.md) enum",
         expr("fileHashType", link=f"{HERE}/filehashtypeenumtype.md", enum_hint=True)),
        # enum anchors, on this page and on another
        ("[onlineMeetingPresenters](#onlinemeetingpresenters-values)",
         expr("onlineMeetingPresenters", link=PAGE, anchor="onlinemeetingpresenters-values",
              enum_hint=True)),
        ("[allowedLobbyAdmitterRoles](../resources/onlinemeetingbase.md"
         "#allowedlobbyadmitterroles-values)",
         expr("allowedLobbyAdmitterRoles", link=f"{HERE}/onlinemeetingbase.md",
              anchor="allowedlobbyadmitterroles-values", enum_hint=True)),
        # reference links with no definition in scope stay text: the brackets are dropped
        ("[identitySet][]", expr("identitySet")),
        ("[**driveItem**][driveItem]", expr("driveItem")),
        ("[itemAnalytics][] resource", expr("itemAnalytics")),
        ("[driveItem][] collection", expr("driveItem", True)),
        ("Collection([columnDefinition][])", expr("columnDefinition", True)),
        ("[identitySet]", expr("identitySet")),
        ("[educationUser] collection", expr("educationUser", True)),
        # plain names
        ("alertFeedback", expr("alertFeedback")),
        ("modality collection", expr("modality", True)),
        ("dayOfWeek collection collection", expr("dayOfWeek", True)),
        ("microsoft.graph.callRecords.modality", expr("microsoft.graph.callRecords.modality")),
        ("Collection(microsoft.graph.columnDefinition)",
         expr("microsoft.graph.columnDefinition", True)),
        ("`timeCardState`", expr("timeCardState")),
        ("**dateTimeTimeZone**", expr("dateTimeTimeZone")),
        ("`IdentitySet`", expr("IdentitySet")),
        ("error object", expr("error")),
        ("riskLevel enum", expr("riskLevel", enum_hint=True)),
        # HTML and trailing punctuation
        ("String<br>", expr("Edm.String")),
        ("String.", expr("Edm.String")),
    ],
)
def test_understood_spellings(cell: str, expected: TypeExpr) -> None:
    assert parse_type_cell(cell, PAGE) == (expected, None)


@pytest.mark.parametrize(
    ("cell", "expected", "note"),
    [
        ("[appHostedMediaConfig](apphostedmediaconfig.md) or "
         "[serviceHostedMediaConfig](servicehostedmediaconfig.md)",
         expr("appHostedMediaConfig", link=f"{HERE}/apphostedmediaconfig.md"), "alternatives"),
        ("[educationOutcome](educationOutcome.md) collection. Holds grades, feedback and/or "
         "rubrics information the teacher assigns to this submission",
         expr("educationOutcome", True, f"{HERE}/educationOutcome.md"), "ignored"),
    ],
)
def test_understood_with_a_caveat(cell: str, expected: TypeExpr, note: str) -> None:
    found, message = parse_type_cell(cell, PAGE)
    assert found == expected
    assert message is not None and note in message


@pytest.mark.parametrize(
    "cell",
    [
        "",
        "Moment in time when the resource was created.  DateTimeOffset",
        "** Unknown Type `microsoft.management.services.genericWorkloadActivity.models.operation`"
        " ** collection",
        "[invitedUserMessageInfo](invitedusermessageinfo.md",
        "Edm.Something",
        "Distribution groups",
    ],
)
def test_unknown_spellings_are_reported_never_string(cell: str) -> None:
    found, reason = parse_type_cell(cell, PAGE)
    assert found is None
    assert reason


def test_prose_link_text_is_named_by_its_target() -> None:
    found, note = parse_type_cell(
        "[Conditional Access Session Control](conditionalaccesssessioncontrol.md)", PAGE)
    assert found == expr("conditionalaccesssessioncontrol",
                         link=f"{HERE}/conditionalaccesssessioncontrol.md")
    assert note is not None and "not a type name" in note


def test_absolute_links_are_not_page_links() -> None:
    found, _ = parse_type_cell("[x](https://example.com/x.md)", PAGE)
    assert found == expr("x")


def test_flatten_cell_keeps_link_text_and_first_href() -> None:
    flat = flatten_cell("[**a**](a.md) or [b](b.md)<br/>")
    assert flat.text == "a or b"
    assert (flat.link_text, flat.href) == ("a", "a.md")
