from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime


@dataclasses.dataclass(kw_only=True)
class JoinMeetingIdSettings(_runtime.GraphObject):
    """Specifies the joinMeetingId, the meeting passcode, and the requirement for the
    passcode for an online meeting.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.joinMeetingIdSettings"

    is_passcode_required: bool | None = _runtime.prop("isPasscodeRequired", "bool")
    """Indicates whether a passcode is required to join a meeting when using
    joinMeetingId. Optional.
    """

    join_meeting_id: str | None = _runtime.prop("joinMeetingId", "str")
    """The meeting ID to be used to join a meeting. Optional. Read-only."""

    passcode: str | None = _runtime.prop("passcode", "str")
    """The passcode to join a meeting. Optional. Read-only."""
