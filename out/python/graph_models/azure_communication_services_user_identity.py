from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.identity import Identity


@dataclasses.dataclass(kw_only=True)
class AzureCommunicationServicesUserIdentity(Identity):
    """Represents the identity of a participant who joined the communication via Azure
    Communication Services.
    """

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.azureCommunicationServicesUserIdentity"
    )

    azure_communication_services_resource_id: str | None = _runtime.prop(
        "azureCommunicationServicesResourceId", "str"
    )
    """The Azure Communication Services resource ID associated with the user."""
