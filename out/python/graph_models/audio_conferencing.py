from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime


@dataclasses.dataclass(kw_only=True)
class AudioConferencing(_runtime.GraphObject):
    """Represents phone access information for an onlineMeeting."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.audioConferencing"

    dialin_url: str | None = _runtime.prop("dialinUrl", "str")
    """A URL to the externally-accessible web page that contains dial-in information."""

    conference_id: str | None = _runtime.prop("conferenceId", "str")
    """The conference id of the online meeting."""

    toll_free_number: str | None = _runtime.prop("tollFreeNumber", "str")
    """The toll-free number that connects to the Audio Conference Provider."""

    toll_free_numbers: list[str] | None = _runtime.prop(
        "tollFreeNumbers", "str", many=True
    )
    """List of toll-free numbers that are displayed in the meeting invite."""

    toll_number: str | None = _runtime.prop("tollNumber", "str")
    """The toll number that connects to the Audio Conference Provider."""

    toll_numbers: list[str] | None = _runtime.prop("tollNumbers", "str", many=True)
    """List of toll numbers that are displayed in the meeting invite."""
