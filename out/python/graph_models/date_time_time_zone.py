from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime


@dataclasses.dataclass(kw_only=True)
class DateTimeTimeZone(_runtime.GraphObject):
    """Describes the date, time, and time zone of a point in time."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.dateTimeTimeZone"

    date_time: str | None = _runtime.prop("dateTime", "str")
    """A single point of time in a combined date and time representation
    ({date}T{time}). For example, "2019-04-16T09:00:00".
    """

    time_zone: str | None = _runtime.prop("timeZone", "str")
    """Represents a time zone, for example, "Pacific Standard Time". See below for
    possible values.
    """
