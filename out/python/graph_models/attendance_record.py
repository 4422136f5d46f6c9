from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.entity import Entity

if typing.TYPE_CHECKING:
    from graph_models.attendance_interval import AttendanceInterval
    from graph_models.identity import Identity
    from graph_models.virtual_event_external_registration_information import (
        VirtualEventExternalRegistrationInformation,
    )


@dataclasses.dataclass(kw_only=True)
class AttendanceRecord(Entity):
    """Contains information associated with an attendance record in a
    meetingAttendanceReport.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.attendanceRecord"

    attendance_intervals: list[AttendanceInterval] | None = _runtime.prop(
        "attendanceIntervals", "attendance_interval:AttendanceInterval", many=True
    )
    """List of time periods between joining and leaving a meeting."""

    email_address: str | None = _runtime.prop("emailAddress", "str")
    """Email address of the user associated with this attendance record."""

    external_registration_information: (
        VirtualEventExternalRegistrationInformation | None
    ) = _runtime.prop(
        "externalRegistrationInformation",
        "virtual_event_external_registration_information:VirtualEventExternalRegistrationInformation",
    )
    """The external information for a virtual event registration."""

    identity: Identity | None = _runtime.prop("identity", "identity:Identity")
    """Identity of the user associated with this attendance record. The specific type
    will be one of the following derived types of identity, depending on the type of the
    user: communicationsUserIdentity, azureCommunicationServicesUserIdentity.
    """

    role: str | None = _runtime.prop("role", "str")
    """Role of the attendee. Possible values are: None, Attendee, Presenter, and
    Organizer.
    """

    registrant_id: str | None = _runtime.prop("registrantId", "str")
    """Unique identifier of a meetingRegistrant. Presents when the participant has
    registered for the meeting. (deprecated)
    """

    registration_id: str | None = _runtime.prop("registrationId", "str")
    """Unique identifier of a virtualEventRegistration. Presents for all participant who
    has registered for the virtualEventWebinar.
    """

    total_attendance_in_seconds: int | None = _runtime.prop(
        "totalAttendanceInSeconds", "int"
    )
    """Total duration of the attendances in seconds."""
