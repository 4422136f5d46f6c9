from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.online_meeting_base import OnlineMeetingBase

if typing.TYPE_CHECKING:
    import datetime

    from graph_models.date_time_time_zone import DateTimeTimeZone


@dataclasses.dataclass(kw_only=True)
class VirtualEventSession(OnlineMeetingBase):
    """Represents a session in a virtualEvent."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.virtualEventSession"

    allow_copying_and_sharing_meeting_content: bool | None = _runtime.prop(
        "allowCopyingAndSharingMeetingContent", "bool"
    )
    """Indicates whether copying and sharing meeting content is enabled for the virtual
    event session. Inherited from onlineMeetingBase.
    """

    end_date_time: DateTimeTimeZone | None = _runtime.prop(
        "endDateTime", "date_time_time_zone:DateTimeTimeZone"
    )
    """The virtual event session end time."""

    expiry_date_time: datetime.datetime | None = _runtime.prop(
        "expiryDateTime", "datetime"
    )
    """Indicates the date and time when the meeting resource expires. The timestamp type
    represents date and time information using ISO 8601 format and is always in UTC. For
    example, midnight UTC on Jan 1, 2014 is 2014-01-01T00:00:00Z. Inherited from
    onlineMeetingBase.
    """

    meeting_options_web_url: str | None = _runtime.prop("meetingOptionsWebUrl", "str")
    """Provides the URL to the Teams meeting options page for the specified meeting.
    This link allows only the organizer to configure meeting settings. Inherited from
    onlineMeetingBase.
    """

    meeting_spoken_language_tag: str | None = _runtime.prop(
        "meetingSpokenLanguageTag", "str"
    )
    """Specifies the spoken language used during the meeting for recording and
    transcription purposes. Inherited from onlineMeetingBase.
    """

    start_date_time: DateTimeTimeZone | None = _runtime.prop(
        "startDateTime", "date_time_time_zone:DateTimeTimeZone"
    )
    """The virtual event session start time."""

    video_on_demand_web_url: str | None = _runtime.prop("videoOnDemandWebUrl", "str")
    """The URL of the video on demand (VOD) for Microsoft Teams events that allows
    webinar and town hall organizers to quickly publish and share event recordings.
    """
