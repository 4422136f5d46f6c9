from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime

if typing.TYPE_CHECKING:
    from graph_models.identity import Identity


@dataclasses.dataclass(kw_only=True)
class IdentitySet(_runtime.GraphObject):
    """Represents a keyed collection of identity resources. It is used to represent a
    set of identities associated with various events for an item, such as created by or
    last modified by.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.identitySet"

    application: Identity | None = _runtime.prop("application", "identity:Identity")
    """Optional. The application associated with this action."""

    conversation: Identity | None = _runtime.prop("conversation", "identity:Identity")
    """Optional. The team or channel associated with this action."""

    conversation_identity_type: Identity | None = _runtime.prop(
        "conversationIdentityType", "identity:Identity"
    )
    """Optional. Indicates whether the conversation property identifies a team or
    channel.
    """

    device: Identity | None = _runtime.prop("device", "identity:Identity")
    """Optional. The device associated with this action."""

    phone: Identity | None = _runtime.prop("phone", "identity:Identity")
    """Optional. The phone number associated with this action."""

    user: Identity | None = _runtime.prop("user", "identity:Identity")
    """Optional. The user associated with this action."""
