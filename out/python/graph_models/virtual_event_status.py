from __future__ import annotations

from graph_models import _runtime


class VirtualEventStatus(_runtime.GraphEnum):
    """The microsoft.graph.virtualEventStatus enumeration."""

    DRAFT = "draft"
    """The virtual event is in draft and only visible to the organizer."""

    PUBLISHED = "published"
    """The organizer published the virtual event and it's visible to the audience."""

    CANCELED = "canceled"
    """The organizer canceled the virtual event."""

    UNKNOWN_FUTURE_VALUE = "unknownFutureValue"
    """Evolvable enumeration sentinel value. Don't use."""
