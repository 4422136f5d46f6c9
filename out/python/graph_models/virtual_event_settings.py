from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime

if typing.TYPE_CHECKING:
    from graph_models.virtual_event import VirtualEvent


@dataclasses.dataclass(kw_only=True)
class VirtualEventSettings(_runtime.GraphObject):
    """Represents the settings for a virtual event."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.virtualEventSettings"

    is_attendee_email_notification_enabled: bool | None = _runtime.prop(
        "isAttendeeEmailNotificationEnabled", "bool"
    )
    """Indicates whether virtual event attendees receive email notifications."""

    virtual_events: VirtualEvent | None = _runtime.prop(
        "virtualEvents", "virtual_event:VirtualEvent"
    )
    """Provides configuration settings for a virtual event."""
