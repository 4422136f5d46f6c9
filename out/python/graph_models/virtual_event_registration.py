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
    from graph_models.virtual_event_session import VirtualEventSession


@dataclasses.dataclass(kw_only=True)
class VirtualEventRegistration(Entity):
    """Represents an attendee's registration record of a virtualEvent."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.virtualEventRegistration"

    cancelation_date_time: datetime.datetime | None = _runtime.prop(
        "cancelationDateTime", "datetime"
    )
    """Date and time when the registrant cancels their registration for the virtual
    event. Only appears when applicable. The Timestamp type represents date and time
    information using ISO 8601 format and is always in UTC time. For example, midnight
    UTC on Jan 1, 2014 is 2014-01-01T00:00:00Z.
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
    """Date and time when the registrant registers for the virtual event. The Timestamp
    type represents date and time information using ISO 8601 format and is always in UTC
    time. For example, midnight UTC on Jan 1, 2014 is 2014-01-01T00:00:00Z.
    """

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
    """Registration status of the registrant. Read-only. Possible values are:
    registered, canceled, waitlisted, pendingApproval, rejectedByOrganizer,
    unknownFutureValue.
    """

    user_id: str | None = _runtime.prop("userId", "str")
    """The registrant's ID in Azure Active Directory (Azure AD). Only appears when the
    registrant is registered in Azure AD.
    """

    sessions: list[VirtualEventSession] | None = _runtime.prop(
        "sessions", "virtual_event_session:VirtualEventSession", many=True
    )
    """Sessions of the webinar."""
