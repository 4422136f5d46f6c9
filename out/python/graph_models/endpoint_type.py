from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime


@dataclasses.dataclass(kw_only=True)
class EndpointType(_runtime.GraphObject):
    """Represents the type of endpoint being used by a participant of a communication."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.endpointType"

    id_: str | None = _runtime.prop("id", "str")
    """Inherited from identity. The object ID of the resource account user in Azure
    Active Directory.
    """

    display_name: str | None = _runtime.prop("displayName", "str")
    """Inherited from identity. The display name associated with the resource account."""

    tenant_id: str | None = _runtime.prop("tenantId", "str")
    """The application's tenant ID."""

    hidden: bool | None = _runtime.prop("hidden", "bool")
    """True if the participant would not like to be shown in other participants'
    rosters.
    """
