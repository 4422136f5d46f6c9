from __future__ import annotations

from graph_models import _runtime


class MeetingAudience(_runtime.GraphEnum):
    """The microsoft.graph.meetingAudience enumeration."""

    EVERYONE = "everyone"
    """The town hall is open to anyone. Select this choice to include attendees from
    outside your organization.
    """

    ORGANIZATION = "organization"
    """The town hall is open to people in your organization and guests of your
    organization.
    """

    UNKNOWN_FUTURE_VALUE = "unknownFutureValue"
    """Evolvable enumeration sentinel value. Don't use."""
