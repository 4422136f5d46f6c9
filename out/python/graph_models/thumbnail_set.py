from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.entity import Entity

if typing.TYPE_CHECKING:
    from graph_models.thumbnail import Thumbnail


@dataclasses.dataclass(kw_only=True)
class ThumbnailSet(Entity):
    """The ThumbnailSet resource is a keyed collection of thumbnail resources. It is
    used to represent a set of thumbnails associated with a DriveItem.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.thumbnailSet"

    large: Thumbnail | None = _runtime.prop("large", "thumbnail:Thumbnail")
    """A 1920x1920 scaled thumbnail."""

    medium: Thumbnail | None = _runtime.prop("medium", "thumbnail:Thumbnail")
    """A 176x176 scaled thumbnail."""

    small: Thumbnail | None = _runtime.prop("small", "thumbnail:Thumbnail")
    """A 48x48 cropped thumbnail."""

    source: Thumbnail | None = _runtime.prop("source", "thumbnail:Thumbnail")
    """A custom thumbnail image or the original image used to generate other thumbnails."""
