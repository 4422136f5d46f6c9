from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime


@dataclasses.dataclass(kw_only=True)
class Thumbnail(_runtime.GraphObject):
    """The thumbnail resource type represents a thumbnail for an image, video, document,
    or any file or folder on OneDrive that has a graphical representation.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.thumbnail"

    height: int | None = _runtime.prop("height", "int")
    """The height of the thumbnail, in pixels."""

    url: str | None = _runtime.prop("url", "str")
    """The URL used to fetch the thumbnail content."""

    width: int | None = _runtime.prop("width", "int")
    """The width of the thumbnail, in pixels."""

    content: bytes | None = _runtime.prop("content", "bytes")
    """The content stream."""
