from __future__ import annotations

from graph_models import _runtime


class VirtualEventAttendeeRegistrationStatus(_runtime.GraphEnum):
    """The microsoft.graph.virtualEventAttendeeRegistrationStatus enumeration."""

    REGISTERED = "registered"
    """The attendee has successfully registered for the virtual event."""

    CANCELED = "canceled"
    """The attendee has canceled registeration for the virtual event."""

    WAITLISTED = "waitlisted"
    """Waitlist has been enabled and the virtual event is at full capacity. The attendee
    is placed on the waitlist.
    """

    PENDING_APPROVAL = "pendingApproval"
    """Manual approval has been enabled and the attendee is pending approval from the
    organizer.
    """

    REJECTED_BY_ORGANIZER = "rejectedByOrganizer"
    """Manual approval has been enabled and the attendee is rejected by the organizer."""

    UNKNOWN_FUTURE_VALUE = "unknownFutureValue"
    """Evolvable enumeration sentinel value. Do not use."""
