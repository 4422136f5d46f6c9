from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.identity import Identity


@dataclasses.dataclass(kw_only=True)
class CommunicationsUserIdentity(Identity):
    """Represents the identity of a user present in Microsoft Entra ID who participates
    in a communication; for example, as a caller in an audio-video call.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.communicationsUserIdentity"
