from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime


@dataclasses.dataclass(kw_only=True)
class ChatRestrictions(_runtime.GraphObject):
    """Specifies the configuration for meeting chat restrictions."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.chatRestrictions"

    allow_text_only: bool | None = _runtime.prop("allowTextOnly", "bool")
    """Indicates whether only text is allowed in the meeting chat. Optional."""
