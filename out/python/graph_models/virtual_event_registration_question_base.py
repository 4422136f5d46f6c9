from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.entity import Entity


@dataclasses.dataclass(kw_only=True)
class VirtualEventRegistrationQuestionBase(Entity):
    """The abstract base type for a virtual event registration question."""

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.virtualEventRegistrationQuestionBase"
    )

    display_name: str | None = _runtime.prop("displayName", "str")
    """Display name of the registration question."""

    is_required: bool | None = _runtime.prop("isRequired", "bool")
    """Indicates whether an answer to the question is required. The default value is
    false.
    """
