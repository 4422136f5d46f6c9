from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.identity import Identity


@dataclasses.dataclass(kw_only=True)
class CommunicationsApplicationInstanceIdentity(Identity):
    """Represents the identity of an instance of an application. An application instance
    is a resource account created by New-CsOnlineApplicationInstance. For example, you
    might have multiple Call Queue application instances that are all backed by the same
    Microsoft Entra application. These application instances are represented in
    Microsoft Entra ID by disabled user accounts.
    """

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.communicationsApplicationInstanceIdentity"
    )

    hidden: bool | None = _runtime.prop("hidden", "bool")
    """True if the participant wouldn't like to be shown in other participants' rosters."""
