"""resolve_operations: request lines checked against a model, path templates, merging."""

from __future__ import annotations

import random
from dataclasses import replace

from model_builders import NS, entity, nav, prop

from generator.model import (
    ApiPageFacts,
    Model,
    Operation,
    TypeKind,
    TypeRef,
)
from generator.operations import resolve_operations
from generator.parse import parse_page
from generator.read import SourceFile

MODEL = Model(types=tuple(sorted([
    entity("entity", prop("id")),
    entity("directoryObject", base="entity"),
    entity("user", prop("displayName"), nav("events", "event"), nav("mailFolders", "mailFolder"),
           nav("manager", "directoryObject", False), prop("businessPhones", collection=True),
           prop("mailboxSettings", f"{NS}.mailboxSettings"), base="directoryObject"),
    entity("group", nav("members", "directoryObject"), base="directoryObject"),
    entity("event", prop("subject"), nav("attachments", "attachment"), base="entity"),
    entity("attachment", prop("name"), base="entity"),
    entity("fileAttachment", prop("contentBytes", "Edm.Binary"), base="attachment"),
    entity("mailFolder", nav("childFolders", "mailFolder"), nav("messages", "message"),
           base="entity"),
    entity("message", prop("subject"), base="entity"),
    entity("mailTips", prop("emailAddress"), kind=TypeKind.COMPLEX),
    entity("mailboxSettings", prop("timeZone"), kind=TypeKind.COMPLEX),
], key=lambda t: t.qualified_name)))


def api(name: str, title: str, lines: str, response: str = "", body: str = "") -> tuple[
        str, ApiPageFacts]:
    """An API page with ``lines`` in its HTTP request section, parsed for real."""
    text = (f"---\ndoc_type: apiPageType\n---\n# {title}\n\nDoes things.\n\n## HTTP request\n\n"
            f"```http\n{lines}\n```\n\n## Request body\n\n{body}\n\n## Response\n\n{response}\n")
    path = f"docs/api/{name}"
    facts = parse_page(SourceFile(path, text, "0"))
    assert facts.api is not None
    return path, facts.api


RETURNS_USER = ("If successful, this method returns a `200 OK` response code and a "
                "[user](../resources/user.md) object.")
RETURNS_USERS = ("If successful, this method returns a `200 OK` response code and a collection of "
                 "[user](../resources/user.md) objects.")
RETURNS_GROUP = "If successful, returns `200 OK` and a [group](../resources/group.md) object."
PAGES = [
    api("user-list.md", "List users", "GET /users", RETURNS_USERS),
    api("user-get.md", "Get user", "GET /users/{id | userPrincipalName}\nGET /me", RETURNS_USER),
    api("group-get.md", "Get group", "GET /groups/{id}", RETURNS_GROUP),
    api("user-list-events.md", "List events",
        "GET /users/{id}/events\nGET /me/EVENTS\nGET /users/{id}/event",
        "Returns `200 OK` and a collection of [event](../resources/event.md) objects."),
    api("user-getmailtips.md", "user: getMailTips",
        "POST /users/{id}/getMailTips\nPOST /me/getMailTips",
        "Returns `200 OK` and a collection of [mailTips](../resources/mailtips.md) objects.",
        "| Parameter | Type | Description |\n|---|---|---|\n"
        "| EmailAddresses | String collection | Addresses. |\n"
        "| MailTipsOptions | String | Which tips. |\n"),
    api("group-list-members.md", "List members",
        "GET /groups/{id}/members\nGET /groups/{id}/members/microsoft.graph.user\n"
        "GET /groups/{id}/members/microsoft.graph.event\nPOST /groups/{id}/members/$ref\n"
        "GET /groups/{id}/members/$count\nGET /users/{id}/displayName/$ref",
        "Returns `200 OK` and a collection of [directoryObject](../resources/directoryobject.md)."),
    api("mailfolder-list-childfolders.md", "List childFolders",
        "GET /me/mailFolders/{id}/childFolders/{id}/messages\nGET /me/mailboxSettings/{id}",
        "Returns `200 OK` and a collection of [message](../resources/message.md) objects."),
    api("user-list-photos.md", "List photos",
        "GET /users/{id}/photos\nGET /users/{id}/eventz",
        "Returns `200 OK` and a collection of [attachment](../resources/attachment.md)."),
    api("user-update.md", "Update user", "PATCH /users/{id}",
        "Returns `204 No Content`.",
        "Supply a JSON representation of the [user](../resources/user.md) properties."),
    api("event-delete.md", "Delete event", "DELETE /me/events/{id}", "Returns `204 No Content`."),
]


def resolved(pages: list[tuple[str, ApiPageFacts]] = PAGES) -> tuple[dict[tuple[str, str],
                                                                           Operation], list]:
    operations, diagnostics = resolve_operations(MODEL, pages)
    return {(o.method, o.path): o for o in operations}, list(diagnostics)


def test_roots_are_inferred_from_the_pages_and_paths_named_after_keyed_types() -> None:
    ops, _ = resolved()
    assert ops["get", "/users"].response == TypeRef(f"{NS}.user", True)
    get_user = ops["get", "/users/{user-id}"]
    assert [p.name for p in get_user.path_parameters] == ["user-id"]
    assert get_user.response == TypeRef(f"{NS}.user")
    assert ops["get", "/me"].response == TypeRef(f"{NS}.user")
    assert ops["get", "/users/{user-id}/events"].response == TypeRef(f"{NS}.event", True)


def test_segments_are_spelled_in_the_models_case() -> None:
    ops, _ = resolved()
    assert ("get", "/me/events") in ops and ("get", "/me/EVENTS") not in ops


def test_a_singular_navigation_property_is_a_diagnostic_at_its_line_and_left_out() -> None:
    ops, diagnostics = resolved()
    (bad,) = [d for d in diagnostics if d.code == "DS503" and "'event'" in d.message]
    assert (bad.path, bad.line) == ("docs/api/user-list-events.md", 13)
    assert f"of {NS}.user" in bad.message
    assert bad.subject is not None and bad.subject.member == "event"
    unresolved = [o for o in ops.values() if not o.resolved]
    assert any(o.path.endswith("/event") and "near miss" in o.unresolved_reason
               for o in unresolved)


def test_the_same_operation_on_two_spellings_is_one_operation() -> None:
    pages = [*PAGES, api("user-get-2.md", "Get a user", "GET /users/{userId}", RETURNS_USER)]
    ops, _ = resolved(pages)
    assert ops["get", "/users/{user-id}"].pages == ("docs/api/user-get-2.md",
                                                    "docs/api/user-get.md")
    assert sum(1 for method, path in ops
               if method == "get" and path.lower() == "/users/{user-id}") == 1


def test_pages_that_disagree_on_one_operation_give_a_diagnostic() -> None:
    pages = [*PAGES, api("user-get-group.md", "Get a user", "GET /users/{userId}/events",
                         "Returns `201 Created` and an [event](../resources/event.md).")]
    _, diagnostics = resolved(pages)
    assert any(d.code == "DS506" and "status" in d.message for d in diagnostics)


def test_bound_action_named_by_its_page_takes_the_parameter_table_as_body() -> None:
    ops, _ = resolved()
    action = ops["post", "/users/{user-id}/getMailTips"]
    assert action.bound == "action"
    assert [(p.name, p.type) for p in action.body_parameters] == [
        ("EmailAddresses", TypeRef("Edm.String", True)), ("MailTipsOptions", TypeRef("Edm.String"))]
    assert action.response == TypeRef(f"{NS}.mailTips", True)
    assert ("post", "/me/getMailTips") in ops


def test_casts_to_derived_types_resolve_and_to_unrelated_types_do_not() -> None:
    ops, diagnostics = resolved()
    assert ("get", "/groups/{group-id}/members/microsoft.graph.user") in ops
    assert ops["get", "/groups/{group-id}/members/microsoft.graph.user"].resolved
    assert any(d.code == "DS503" and "microsoft.graph.event" in d.message for d in diagnostics)


def test_ref_count_and_their_misuse() -> None:
    ops, diagnostics = resolved()
    ref = ops["post", "/groups/{group-id}/members/$ref"]
    assert ref.resolved and ref.body == TypeRef("$ref") and ref.status == 204
    count = ops["get", "/groups/{group-id}/members/$count"]
    assert count.response == TypeRef("Edm.Int32")
    assert any(d.code == "DS503" and "'$ref'" in d.message for d in diagnostics)  # on a string


def test_template_names_are_unique_within_a_path() -> None:
    ops, _ = resolved()
    op = ops["get", "/me/mailFolders/{mailFolder-id}/childFolders/{mailFolder-id1}/messages"]
    assert [p.name for p in op.path_parameters] == ["mailFolder-id", "mailFolder-id1"]


def test_a_key_after_a_structural_single_value_does_not_resolve() -> None:
    _, diagnostics = resolved()
    assert any(d.code == "DS503" and "mailboxSettings" in d.message for d in diagnostics)


def test_a_member_no_resource_page_declares_is_implied_by_its_page_unless_a_near_miss() -> None:
    ops, diagnostics = resolved()
    assert ops["get", "/users/{user-id}/photos"].response == TypeRef(f"{NS}.attachment", True)
    assert any(d.code == "DS508" and "'photos'" in d.message for d in diagnostics)
    # eventz is no near miss of events (stems differ) but singular 'event' above is one
    assert not any(d.code == "DS508" and "'event'" in d.message for d in diagnostics)


def test_patch_and_delete_responses() -> None:
    ops, _ = resolved()
    patch = ops["patch", "/users/{user-id}"]
    assert (patch.status, patch.response, patch.body) == (204, TypeRef(f"{NS}.user"),
                                                          TypeRef(f"{NS}.user"))
    delete = ops["delete", "/me/events/{event-id}"]
    assert (delete.status, delete.response, delete.body) == (204, None, None)


def test_operation_ids_are_unique_readable_and_independent_of_page_order() -> None:
    ops, _ = resolved()
    ids = [o.operation_id for o in ops.values()]
    assert len(ids) == len(set(ids))
    assert ops["get", "/users/{user-id}"].operation_id == "users.GetUser"
    assert ops["get", "/users"].operation_id == "users.ListUsers"
    shuffled = list(PAGES)
    random.Random(7).shuffle(shuffled)
    again, _ = resolved(shuffled)
    assert [replace(o, location=o.location) for o in again.values()] == list(ops.values())


def test_the_page_named_after_the_operations_type_is_the_primary_one() -> None:
    pages = [*PAGES, api("intune-devices-user-get.md", "Get user (Intune)", "GET /users/{userId}",
                         RETURNS_USER)]
    ops, _ = resolved(pages)
    merged = ops["get", "/users/{user-id}"]
    assert merged.source == "docs/api/user-get.md" and merged.summary == "Get user"
    assert merged.pages == ("docs/api/user-get.md", "docs/api/intune-devices-user-get.md")


def test_the_property_owner_index_lists_every_type_with_the_name_in_model_order() -> None:
    """Root inference counts, for each candidate type, the names of a root's second segments
    it has: through this index, which must name every type having the property (inherited
    ones included: every entity has ``id``), each once, in the model's order (ties between
    candidates keep that order)."""
    from generator.operations import TypeIndex

    index = TypeIndex(MODEL)
    names = {name for t in MODEL.types for name in index.properties(t.qualified_name)}
    expected = {name: [p for p, t in enumerate(MODEL.types)
                       if name in index.properties(t.qualified_name)] for name in names}
    assert index.owners == expected
    assert len(index.owners["id"]) == sum(1 for t in MODEL.types if t.kind == TypeKind.ENTITY)
    assert index.owners["childfolders"] == [
        p for p, t in enumerate(MODEL.types) if t.name == "mailFolder"]
