from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.entity import Entity

if typing.TYPE_CHECKING:
    import datetime

    from graph_models.virtual_event_attendee_registration_status import (
        VirtualEventAttendeeRegistrationStatus,
    )
    from graph_models.virtual_event_registration_question_answer import (
        VirtualEventRegistrationQuestionAnswer,
    )


@dataclasses.dataclass(kw_only=True)
class VirtualEventRegistrant(Entity):
    """Represents an attendee who has registered for a virtual event."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.virtualEventRegistrant"

    cancelation_date_time: datetime.datetime | None = _runtime.prop(
        "cancelationDateTime", "datetime"
    )
    """Time in UTC when the registrant cancels their registration for the virtual event.
    Only appears when applicable.
    """

    email: str | None = _runtime.prop("email", "str")
    """Email address of the registrant."""

    first_name: str | None = _runtime.prop("firstName", "str")
    """First name of the registrant."""

    last_name: str | None = _runtime.prop("lastName", "str")
    """Last name of the registrant."""

    registration_date_time: datetime.datetime | None = _runtime.prop(
        "registrationDateTime", "datetime"
    )
    """Time in UTC when the registrant registers for the virtual event."""

    registration_question_answers: (
        list[VirtualEventRegistrationQuestionAnswer] | None
    ) = _runtime.prop(
        "registrationQuestionAnswers",
        "virtual_event_registration_question_answer:VirtualEventRegistrationQuestionAnswer",
        many=True,
    )
    """The registrant's answer to the registration questions."""

    status: VirtualEventAttendeeRegistrationStatus | None = _runtime.prop(
        "status",
        "virtual_event_attendee_registration_status:VirtualEventAttendeeRegistrationStatus",
    )
    """Registration status of the registrant. Read-only."""

    user_id: str | None = _runtime.prop("userId", "str")
    """The registrant's AAD user ID. Only appears when the registrant is registered in
    AAD.
    """
