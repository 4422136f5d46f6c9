from __future__ import annotations

from graph_models import _runtime


class MeetingChatHistoryDefaultMode(_runtime.GraphEnum):
    """The microsoft.graph.meetingChatHistoryDefaultMode enumeration."""

    ALL = "all"
    """All meeting chat history is shared."""

    NONE = "none"
    """No meeting chat history is shared."""

    UNKNOWN_FUTURE_VALUE = "unknownFutureValue"
    """Evolvable enumeration sentinel value. Don't use."""
