from __future__ import annotations

from graph_models import _runtime


class OnlineMeetingRole(_runtime.GraphEnum):
    """The microsoft.graph.onlineMeetingRole enumeration."""

    ATTENDEE = "attendee"
