from __future__ import annotations

from graph_models import _runtime


class AllowedLobbyAdmitterRoles(_runtime.GraphEnum):
    """The microsoft.graph.allowedLobbyAdmitterRoles enumeration."""

    ORGANIZER_AND_CO_ORGANIZERS_AND_PRESENTERS = "organizerAndCoOrganizersAndPresenters"
    """Meeting organizer, co-organizers, and presenters."""

    ORGANIZER_AND_CO_ORGANIZERS = "organizerAndCoOrganizers"
    """Meeting organizer and co-organizers."""

    UNKNOWN_FUTURE_VALUE = "unknownFutureValue"
    """Evolvable enumeration sentinel value. Don't use."""
