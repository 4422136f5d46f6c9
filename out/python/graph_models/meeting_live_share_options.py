from __future__ import annotations

from graph_models import _runtime


class MeetingLiveShareOptions(_runtime.GraphEnum):
    """The microsoft.graph.meetingLiveShareOptions enumeration."""

    ENABLED = "enabled"
    """Meeting live share is enabled."""

    DISABLED = "disabled"
    """Meeting live share is disabled."""

    UNKNOWN_FUTURE_VALUE = "unknownFutureValue"
    """Evolvable enumeration sentinel value. Don't use."""
