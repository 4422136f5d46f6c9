from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.identity import Identity


@dataclasses.dataclass(kw_only=True)
class CommunicationsApplicationIdentity(Identity):
    """Represents the identity of an application used for communications such as
    calling. These should be registered as enterprise applications in Azure Active
    Directory.
    """

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.communicationsApplicationIdentity"
    )

    application_type: str | None = _runtime.prop("applicationType", "str")
    """First party Microsoft application presenting this identity."""

    hidden: bool | None = _runtime.prop("hidden", "bool")
    """True if the participant would not like to be shown in other participants'
    rosters.
    """
