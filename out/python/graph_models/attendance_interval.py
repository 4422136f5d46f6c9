from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime

if typing.TYPE_CHECKING:
    import datetime


@dataclasses.dataclass(kw_only=True)
class AttendanceInterval(_runtime.GraphObject):
    """Contains information associated with an attendance interval in an
    attendanceRecord.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.attendanceInterval"

    duration_in_seconds: int | None = _runtime.prop("durationInSeconds", "int")
    """Duration of the meeting interval in seconds; that is, the difference between
    joinDateTime and leaveDateTime.
    """

    join_date_time: datetime.datetime | None = _runtime.prop("joinDateTime", "datetime")
    """The time the attendee joined in UTC."""

    leave_date_time: datetime.datetime | None = _runtime.prop(
        "leaveDateTime", "datetime"
    )
    """The time the attendee left in UTC."""
