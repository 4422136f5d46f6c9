from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime


@dataclasses.dataclass(kw_only=True)
class ItemBody(_runtime.GraphObject):
    """Represents properties of the body of an item, such as a message, event or group
    post.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.itemBody"

    content: str | None = _runtime.prop("content", "str")
    """The content of the item."""

    content_type: str | None = _runtime.prop("contentType", "str")
    """The type of the content. Possible values are text and HTML."""
