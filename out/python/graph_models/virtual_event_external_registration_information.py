from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime

if typing.TYPE_CHECKING:
    from graph_models.virtual_event_registration import VirtualEventRegistration


@dataclasses.dataclass(kw_only=True)
class VirtualEventExternalRegistrationInformation(_runtime.GraphObject):
    """Represents the external information for a virtual event registration."""

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.virtualEventExternalRegistrationInformation"
    )

    referrer: str | None = _runtime.prop("referrer", "str")
    """A URL or string that represents the location from which the registrant
    registered. Optional.
    """

    registration_id: str | None = _runtime.prop("registrationId", "str")
    """The identifier for a virtualEventExternalRegistrationInformation object.
    Optional.
    """

    virtual_event_registrations: VirtualEventRegistration | None = _runtime.prop(
        "virtualEventRegistrations",
        "virtual_event_registration:VirtualEventRegistration",
    )
    """Registrations for a virtual event."""
