"""The seed page (an older virtualEventSession revision) and specs/, parsed and resolved for real.

The seed's model is asserted in full: alone (every reference to another page unresolved), and
beside the specs/ pages (all but specs' own, newer virtualEventSession page), where the
references resolve by name because the seed's links point at pages that are not beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Model, PageFacts, PropertyOrigin, StructuredType, TypeKind, TypeRef
from generator.parse import parse_page
from generator.read import find_source_paths, read_source
from generator.resolve import resolve

REPO = Path(__file__).resolve().parents[1]
SEED = Path(__file__).resolve().parent / "fixtures" / "seed" / "virtualeventsession.md"
SPECS = REPO / "specs"
SESSION = "microsoft.graph.virtualEventSession"
G = "microsoft.graph."

TABLE_PRIMITIVES = {"id": "Edm.String", "joinWebUrl": "Edm.String", "subject": "Edm.String"}
TABLE_LINKED = {
    "chatInfo": G + "chatInfo",
    "endDateTime": G + "dateTimeTimeZone",
    "joinInformation": G + "itemBody",
    "joinMeetingIdSettings": G + "joinMeetingIdSettings",
    "startDateTime": G + "dateTimeTimeZone",
}
TABLE_ORDER = ["chatInfo", "endDateTime", "id", "joinInformation", "joinMeetingIdSettings",
               "joinWebUrl", "startDateTime", "subject"]
READ_ONLY = {"id", "joinInformation", "joinMeetingIdSettings", "joinWebUrl"}

JSON_PRIMITIVES: dict[str, TypeRef] = {
    "allowAttendeeToEnableCamera": TypeRef("Edm.Boolean"),
    "allowAttendeeToEnableMic": TypeRef("Edm.Boolean"),
    "allowMeetingChat": TypeRef("Edm.String"),
    "allowParticipantsToChangeName": TypeRef("Edm.Boolean"),
    "allowTeamworkReactions": TypeRef("Edm.Boolean"),
    "allowedPresenters": TypeRef("Edm.String"),
    "alternativeRecording": TypeRef("Edm.Stream"),
    "anonymizeIdentityForRoles": TypeRef("Edm.String", collection=True),
    "attendeeReport": TypeRef("Edm.Stream"),
    "capabilities": TypeRef("Edm.String", collection=True),
    "creationDateTime": TypeRef("Edm.DateTimeOffset"),
    "externalId": TypeRef("Edm.String"),
    "isBroadcast": TypeRef("Edm.Boolean"),
    "isEntryExitAnnounced": TypeRef("Edm.Boolean"),
    "joinUrl": TypeRef("Edm.String"),
    "recordAutomatically": TypeRef("Edm.Boolean"),
    "recording": TypeRef("Edm.Stream"),
    "shareMeetingChatHistoryDefault": TypeRef("Edm.String"),
    "videoTeleconferenceId": TypeRef("Edm.String"),
}
#: JSON-only complex properties: the type each names, and whether specs/ documents it.
JSON_COMPLEX = {
    "audioConferencing": (G + "audioConferencing", True),
    "broadcastSettings": (G + "broadcastMeetingSettings", False),
    "lobbyBypassSettings": (G + "lobbyBypassSettings", True),
    "participants": (G + "meetingParticipants", False),
    "watermarkProtection": (G + "watermarkProtectionValues", True),
}
JSON_ORDER = [
    "allowAttendeeToEnableCamera", "allowAttendeeToEnableMic", "allowMeetingChat",
    "allowParticipantsToChangeName", "allowTeamworkReactions", "allowedPresenters",
    "alternativeRecording", "anonymizeIdentityForRoles", "attendeeReport", "audioConferencing",
    "broadcastSettings", "capabilities", "creationDateTime", "externalId", "isBroadcast",
    "isEntryExitAnnounced", "joinUrl", "lobbyBypassSettings", "participants",
    "recordAutomatically", "recording", "shareMeetingChatHistoryDefault",
    "videoTeleconferenceId", "watermarkProtection",
]


def parse(path: Path) -> PageFacts:
    source, diagnostics = read_source(path)
    assert source is not None, diagnostics
    return parse_page(source)


def session_of(model: Model) -> StructuredType:
    found = model.structured(SESSION)
    assert found is not None
    return found


def seed_diagnostics(model: Model, code: str) -> list[str]:
    return [d.message for d in model.diagnostics
            if d.code == code and d.path == SEED.as_posix()]


@pytest.fixture(scope="module")
def seed() -> PageFacts:
    return parse(SEED)


@pytest.fixture(scope="module")
def specs_pages() -> list[PageFacts]:
    return [parse(p) for p in [Path(p) for p in find_source_paths((SPECS,))]]


@pytest.fixture(scope="module")
def alone(seed: PageFacts) -> Model:
    return resolve([seed])


@pytest.fixture(scope="module")
def beside_specs(seed: PageFacts, specs_pages: list[PageFacts]) -> Model:
    others = [p for p in specs_pages if not p.path.endswith("/virtualeventsession.md")]
    return resolve([seed, *others])


def test_the_seed_alone_is_an_entity_with_an_unknown_base(alone: Model) -> None:
    session = session_of(alone)
    assert [t.qualified_name for t in alone.types] == [SESSION]
    assert alone.enums == ()
    assert (session.kind, session.key, session.base) == (TypeKind.ENTITY, ("id",), None)
    assert (session.abstract, session.open_type) == (False, False)
    [base_message] = seed_diagnostics(alone, "DS102")
    assert "onlineMeeting" in base_message


def test_the_seed_alone_keeps_its_table_properties_in_order(alone: Model) -> None:
    session = session_of(alone)
    table = [p for p in session.properties if p.origin is PropertyOrigin.TABLE]
    assert [p.name for p in table if not p.navigation] == TABLE_ORDER
    types = {p.name: p.type for p in table}
    for name, primitive in TABLE_PRIMITIVES.items():
        assert types[name] == TypeRef(primitive)
    for name in TABLE_LINKED:  # no page for them beside the seed
        assert types[name] == TypeRef("Edm.Untyped")
    assert {p.name for p in table if p.read_only} == READ_ONLY


def test_the_seed_alone_keeps_its_inherited_relationship(alone: Model) -> None:
    [navigation] = [p for p in session_of(alone).properties if p.navigation]
    assert (navigation.name, navigation.type) == ("attendanceReports",
                                                  TypeRef("Edm.Untyped", collection=True))


def test_the_seed_alone_adds_its_json_only_properties(alone: Model) -> None:
    json_only = [p for p in session_of(alone).properties if p.origin is PropertyOrigin.JSON]
    assert [p.name for p in json_only] == JSON_ORDER
    types = {p.name: p.type for p in json_only}
    for name, ref in JSON_PRIMITIVES.items():
        assert types[name] == ref, name
    for name in JSON_COMPLEX:
        assert types[name] == TypeRef("Edm.Untyped"), name
    assert len(seed_diagnostics(alone, "DS105")) == len(JSON_ORDER)


def test_the_seed_alone_reports_each_unresolved_reference(alone: Model) -> None:
    unresolved = seed_diagnostics(alone, "DS101")
    named = {name for name in (*TABLE_LINKED, *JSON_COMPLEX, "attendanceReports")
             if any(f"'{name}'" in m for m in unresolved)}
    assert named == {*TABLE_LINKED, *JSON_COMPLEX, "attendanceReports"}
    assert len(unresolved) == len(TABLE_LINKED) + len(JSON_COMPLEX) + 1


def test_the_seed_beside_specs_resolves_its_references(beside_specs: Model) -> None:
    session = session_of(beside_specs)
    types = {p.name: p.type for p in session.properties}
    for name, qualified in TABLE_LINKED.items():
        assert types[name] == TypeRef(qualified), name
    assert types["attendanceReports"] == TypeRef(G + "meetingAttendanceReport", collection=True)
    for name, (qualified, documented) in JSON_COMPLEX.items():
        assert types[name] == TypeRef(qualified if documented else "Edm.Untyped"), name
    assert session.base is None  # specs/ documents onlineMeetingBase, not onlineMeeting
    unresolved = seed_diagnostics(beside_specs, "DS101")
    assert len(unresolved) == sum(1 for _, documented in JSON_COMPLEX.values() if not documented)


def test_specs_resolve_with_only_the_real_docs_gap_unresolved(
        specs_pages: list[PageFacts]) -> None:
    model = resolve(specs_pages)
    unresolved = [(Path(d.path).name, d.code) for d in model.diagnostics
                  if d.code in ("DS101", "DS102", "DS103")]
    # The one name no page, table or "Possible values" defines (see UNRESOLVED.tsv).
    assert unresolved == [("virtualeventregistrationpredefinedquestion.md", "DS101")]
    session = session_of(model)
    assert session.base == G + "onlineMeetingBase"
    types = {p.name: p.type for p in session.properties}
    assert types["startDateTime"] == TypeRef(G + "dateTimeTimeZone")
    assert "subject" not in types  # declared by onlineMeetingBase
    inherited = {p.name: p.type for p in model.all_properties(session)}
    # The chatRestrictions page's annotation misspells its name; the title's spelling wins.
    assert inherited["chatRestrictions"] == TypeRef(G + "chatRestrictions")
    assert inherited["allowedLobbyAdmitters"] == TypeRef(G + "allowedLobbyAdmitterRoles")
    assert inherited["allowMeetingChat"] == TypeRef(G + "meetingChatMode")
    assert inherited["anonymizeIdentityForRoles"] == TypeRef(G + "onlineMeetingRole", True)


def test_specs_inline_enums_resolve_and_merge(specs_pages: list[PageFacts]) -> None:
    model = resolve(specs_pages)
    enums = {e.qualified_name: [m.name for m in e.members] for e in model.enums}
    assert enums[G + "meetingChatMode"] == ["enabled", "disabled", "limited",
                                            "unknownFutureValue"]
    assert enums[G + "onlineMeetingRole"] == ["attendee"]  # from a description (DS109)
    for name in ("allowedLobbyAdmitterRoles", "meetingChatHistoryDefaultMode",
                 "meetingLiveShareOptions", "onlineMeetingPresenters", "lobbyBypassScope",
                 "virtualEventStatus", "meetingAudience",
                 "virtualEventAttendeeRegistrationStatus",
                 "virtualEventRegistrationQuestionAnswerInputType"):
        assert G + name in enums, name
    assert "DS104" not in {d.code for d in model.diagnostics}
