from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.identity import Identity


@dataclasses.dataclass(kw_only=True)
class CommunicationsPhoneIdentity(Identity):
    """Represents the identity of a participant who joined the communication via phone."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.communicationsPhoneIdentity"
