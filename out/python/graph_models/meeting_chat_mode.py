from __future__ import annotations

from graph_models import _runtime


class MeetingChatMode(_runtime.GraphEnum):
    """The microsoft.graph.meetingChatMode enumeration."""

    ENABLED = "enabled"
    """Meeting chat is enabled."""

    DISABLED = "disabled"
    """Meeting chat is disabled."""

    LIMITED = "limited"
    """Meeting chat is enabled but only during the meeting call."""

    UNKNOWN_FUTURE_VALUE = "unknownFutureValue"
    """Evolvable enumeration sentinel value. Don't use."""
