from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.entity import Entity

if typing.TYPE_CHECKING:
    import datetime

    from graph_models.attendance_record import AttendanceRecord
    from graph_models.virtual_event_external_information import (
        VirtualEventExternalInformation,
    )


@dataclasses.dataclass(kw_only=True)
class MeetingAttendanceReport(Entity):
    """Contains information associated with a meeting attendance report for an
    onlineMeeting or a virtualEvent.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.meetingAttendanceReport"

    external_event_information: list[VirtualEventExternalInformation] | None = (
        _runtime.prop(
            "externalEventInformation",
            "virtual_event_external_information:VirtualEventExternalInformation",
            many=True,
        )
    )
    """The external information of a virtual event. Returned only for event organizers
    or coorganizers. Read-only.
    """

    meeting_end_date_time: datetime.datetime | None = _runtime.prop(
        "meetingEndDateTime", "datetime"
    )
    """UTC time when the meeting ended. Read-only."""

    meeting_start_date_time: datetime.datetime | None = _runtime.prop(
        "meetingStartDateTime", "datetime"
    )
    """UTC time when the meeting started. Read-only."""

    total_participant_count: int | None = _runtime.prop("totalParticipantCount", "int")
    """Total number of participants. Read-only."""

    attendance_records: list[AttendanceRecord] | None = _runtime.prop(
        "attendanceRecords", "attendance_record:AttendanceRecord", many=True
    )
    """List of attendance records of an attendance report. Read-only."""
