from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime

if typing.TYPE_CHECKING:
    from graph_models.virtual_event import VirtualEvent


@dataclasses.dataclass(kw_only=True)
class VirtualEventExternalInformation(_runtime.GraphObject):
    """Represents the external information for a virtual event."""

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.virtualEventExternalInformation"
    )

    application_id: str | None = _runtime.prop("applicationId", "str")
    """Identifier of the application that hosts the externalEventId. Read-only."""

    external_event_id: str | None = _runtime.prop("externalEventId", "str")
    """The identifier for a virtualEventExternalInformation object associates the
    virtual event with an event ID in an external application. This bundles all the
    information (both supported and not supported in virtualEvent) into one virtual
    event object. Optional. If set, the maximum supported length is 256 characters.
    """

    virtual_events: VirtualEvent | None = _runtime.prop(
        "virtualEvents", "virtual_event:VirtualEvent"
    )
    """Provides external information for a virtual event."""
