from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.virtual_event import VirtualEvent

if typing.TYPE_CHECKING:
    from graph_models.communications_user_identity import CommunicationsUserIdentity
    from graph_models.meeting_audience import MeetingAudience
    from graph_models.virtual_event_registration import VirtualEventRegistration


@dataclasses.dataclass(kw_only=True)
class VirtualEventWebinar(VirtualEvent):
    """Contains information about a virtual event webinar."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.virtualEventWebinar"

    audience: MeetingAudience | None = _runtime.prop(
        "audience", "meeting_audience:MeetingAudience"
    )
    """To whom the webinar is visible."""

    co_organizers: list[CommunicationsUserIdentity] | None = _runtime.prop(
        "coOrganizers",
        "communications_user_identity:CommunicationsUserIdentity",
        many=True,
    )
    """Identity information of coorganizers of the webinar."""

    registrations: list[VirtualEventRegistration] | None = _runtime.prop(
        "registrations",
        "virtual_event_registration:VirtualEventRegistration",
        many=True,
    )
    """Registration records of the webinar."""
