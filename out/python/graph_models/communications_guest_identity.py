from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.identity import Identity


@dataclasses.dataclass(kw_only=True)
class CommunicationsGuestIdentity(Identity):
    """Represents the identity of a participant who joined the communication without
    authentication.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.communicationsGuestIdentity"
