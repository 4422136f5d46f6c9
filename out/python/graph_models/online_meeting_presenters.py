from __future__ import annotations

from graph_models import _runtime


class OnlineMeetingPresenters(_runtime.GraphEnum):
    """The microsoft.graph.onlineMeetingPresenters enumeration."""

    EVERYONE = "everyone"
    """Everyone is a presenter. Default."""

    ORGANIZATION = "organization"
    """Everyone in organizer’s organization is a presenter."""

    ROLE_IS_PRESENTER = "roleIsPresenter"
    """Only the participants whose role is presenter are presenters."""

    ORGANIZER = "organizer"
    """Only the organizer is a presenter."""

    UNKNOWN_FUTURE_VALUE = "unknownFutureValue"
    """Evolvable enumeration sentinel value. Don't use."""
