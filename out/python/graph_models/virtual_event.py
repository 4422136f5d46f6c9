from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.entity import Entity

if typing.TYPE_CHECKING:
    from graph_models.communications_identity_set import CommunicationsIdentitySet
    from graph_models.date_time_time_zone import DateTimeTimeZone
    from graph_models.item_body import ItemBody
    from graph_models.virtual_event_external_information import (
        VirtualEventExternalInformation,
    )
    from graph_models.virtual_event_presenter import VirtualEventPresenter
    from graph_models.virtual_event_session import VirtualEventSession
    from graph_models.virtual_event_settings import VirtualEventSettings
    from graph_models.virtual_event_status import VirtualEventStatus


@dataclasses.dataclass(kw_only=True)
class VirtualEvent(Entity):
    """Represents an abstract base type for a virtual event. Base type of
    virtualEventTownhall and virtualEventWebinar.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.virtualEvent"

    created_by: CommunicationsIdentitySet | None = _runtime.prop(
        "createdBy", "communications_identity_set:CommunicationsIdentitySet"
    )
    """The identity information for the creator of the virtual event. Inherited from
    virtualEvent.
    """

    description: ItemBody | None = _runtime.prop("description", "item_body:ItemBody")
    """A description of the virtual event."""

    display_name: str | None = _runtime.prop("displayName", "str")
    """The display name of the virtual event."""

    end_date_time: DateTimeTimeZone | None = _runtime.prop(
        "endDateTime", "date_time_time_zone:DateTimeTimeZone"
    )
    """The end time of the virtual event. The timeZone property can be set to any of the
    time zones currently supported by Windows. For details on how to get all available
    time zones using PowerShell, see Get-TimeZone.
    """

    external_event_information: list[VirtualEventExternalInformation] | None = (
        _runtime.prop(
            "externalEventInformation",
            "virtual_event_external_information:VirtualEventExternalInformation",
            many=True,
        )
    )
    """The external information of a virtual event. Returned only for event organizers
    or coorganizers.
    """

    settings: VirtualEventSettings | None = _runtime.prop(
        "settings", "virtual_event_settings:VirtualEventSettings"
    )
    """The virtual event settings."""

    start_date_time: DateTimeTimeZone | None = _runtime.prop(
        "startDateTime", "date_time_time_zone:DateTimeTimeZone"
    )
    """Start time of the virtual event. The timeZone property can be set to any of the
    time zones currently supported by Windows. For details on how to get all available
    time zones using PowerShell, see Get-TimeZone.
    """

    status: VirtualEventStatus | None = _runtime.prop(
        "status", "virtual_event_status:VirtualEventStatus"
    )
    """The status of the virtual event. The possible values are: draft, published,
    canceled, unknownFutureValue.
    """

    presenters: list[VirtualEventPresenter] | None = _runtime.prop(
        "presenters", "virtual_event_presenter:VirtualEventPresenter", many=True
    )
    """The virtual event presenters."""

    sessions: list[VirtualEventSession] | None = _runtime.prop(
        "sessions", "virtual_event_session:VirtualEventSession", many=True
    )
    """The sessions for the virtual event."""
