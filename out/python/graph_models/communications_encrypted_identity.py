from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.identity import Identity


@dataclasses.dataclass(kw_only=True)
class CommunicationsEncryptedIdentity(Identity):
    """Represents the identity of a user whose underlying identity is not available to
    the application due to privacy restrictions. For example, in a group call,
    participants other than the one who invited a Skype Consumer user will not have
    access to the identity of that user in the call roster.
    """

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.communicationsEncryptedIdentity"
    )
