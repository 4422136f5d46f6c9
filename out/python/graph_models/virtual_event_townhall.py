from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.virtual_event import VirtualEvent

if typing.TYPE_CHECKING:
    from graph_models.communications_user_identity import CommunicationsUserIdentity
    from graph_models.identity import Identity
    from graph_models.meeting_audience import MeetingAudience


@dataclasses.dataclass(kw_only=True)
class VirtualEventTownhall(VirtualEvent):
    """Represents information about a virtual event town hall."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.virtualEventTownhall"

    audience: MeetingAudience | None = _runtime.prop(
        "audience", "meeting_audience:MeetingAudience"
    )
    """The audience to whom the town hall is visible. The possible values are: everyone,
    organization, unknownFutureValue.
    """

    co_organizers: list[CommunicationsUserIdentity] | None = _runtime.prop(
        "coOrganizers",
        "communications_user_identity:CommunicationsUserIdentity",
        many=True,
    )
    """Identity information of the coorganizers of the town hall."""

    invited_attendees: list[Identity] | None = _runtime.prop(
        "invitedAttendees", "identity:Identity", many=True
    )
    """The attendees invited to the town hall. The supported identities are:
    communicationsUserIdentity and communicationsGuestIdentity.
    """

    is_invite_only: bool | None = _runtime.prop("isInviteOnly", "bool")
    """Indicates whether the town hall is only open to invited people and groups within
    your organization. The isInviteOnly property can only be true if the value of the
    audience property is set to organization.
    """
