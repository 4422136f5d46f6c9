from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.virtual_event_registration_configuration import (
    VirtualEventRegistrationConfiguration,
)


@dataclasses.dataclass(kw_only=True)
class VirtualEventWebinarRegistrationConfiguration(
    VirtualEventRegistrationConfiguration
):
    """Contains information about a webinar registration configuration."""

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.virtualEventWebinarRegistrationConfiguration"
    )

    is_manual_approval_enabled: bool | None = _runtime.prop(
        "isManualApprovalEnabled", "bool"
    )
    """Indicates whether registrations require organizer approval before a participant
    is confirmed. Inherited from virtualEventRegistrationConfiguration.
    """

    is_waitlist_enabled: bool | None = _runtime.prop("isWaitlistEnabled", "bool")
    """Indicates whether more registrants are automatically placed on a waitlist when
    capacity is reached. Inherited from virtualEventRegistrationConfiguration.
    """
