from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.entity import Entity

if typing.TYPE_CHECKING:
    from graph_models.virtual_event_registration_question import (
        VirtualEventRegistrationQuestion,
    )


@dataclasses.dataclass(kw_only=True)
class VirtualEventRegistrationConfiguration(Entity):
    """Represents the registration configuration of a virtualEventWebinar."""

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.virtualEventRegistrationConfiguration"
    )

    capacity: int | None = _runtime.prop("capacity", "int")
    """Total capacity of the virtual event."""

    registration_web_url: str | None = _runtime.prop("registrationWebUrl", "str")
    """Registration URL of the virtual event."""

    questions: list[VirtualEventRegistrationQuestion] | None = _runtime.prop(
        "questions",
        "virtual_event_registration_question:VirtualEventRegistrationQuestion",
        many=True,
    )
    """Registration questions."""
