from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime


@dataclasses.dataclass(kw_only=True)
class WatermarkProtectionValues(_runtime.GraphObject):
    """Indicates whether a watermark is enabled for different content types."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.watermarkProtectionValues"

    is_enabled_for_content_sharing: bool | None = _runtime.prop(
        "isEnabledForContentSharing", "bool"
    )
    """Indicates whether to apply a watermark to any shared content."""

    is_enabled_for_video: bool | None = _runtime.prop("isEnabledForVideo", "bool")
    """Indicates whether to apply a watermark to everyone's video feed."""
