from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime


@dataclasses.dataclass(kw_only=True)
class Entity(_runtime.GraphObject):
    """Represents an entity."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.entity"

    id_: str | None = _runtime.prop("id", "str")
    """The unique identifier for an entity. Read-only."""
