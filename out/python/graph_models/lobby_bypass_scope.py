from __future__ import annotations

from graph_models import _runtime


class LobbyBypassScope(_runtime.GraphEnum):
    """The following table lists the members of an evolvable enumeration. You must use
    the Prefer: include-unknown-enum-members request header to get the following values
    in this evolvable enum: invited, organizationExcludingGuests.
    """

    ORGANIZER = "organizer"
    """Only the organizer is admitted into the meeting and bypassing the lobby. All
    other participants are placed in the meeting lobby.
    """

    ORGANIZATION = "organization"
    """Only the participants from the same company and guests are admitted into the
    meeting and bypassing the lobby. All other participants are placed in the meeting
    lobby.
    """

    ORGANIZATION_AND_FEDERATED = "organizationAndFederated"
    """Only the participants from the same company or trusted organization and guests
    are admitted into the meeting and bypassing the lobby. All other participants are
    placed in the meeting lobby.
    """

    EVERYONE = "everyone"
    """Everyone is admitted into the meeting. No participants are placed in the meeting
    lobby.
    """

    INVITED = "invited"
    """Only people the organizer invites are admitted into the meeting and bypassing the
    lobby. All other participants are placed in the meeting lobby.
    """

    ORGANIZATION_EXCLUDING_GUESTS = "organizationExcludingGuests"
    """Only the participants from the same company are admitted into the meeting and
    bypassing the lobby. All other participants are placed in the meeting lobby.
    """

    UNKNOWN_FUTURE_VALUE = "unknownFutureValue"
    """Evolvable enumeration sentinel value. Do not use."""
