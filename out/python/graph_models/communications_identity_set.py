from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.identity_set import IdentitySet

if typing.TYPE_CHECKING:
    from graph_models.azure_communication_services_user_identity import (
        AzureCommunicationServicesUserIdentity,
    )
    from graph_models.communications_application_instance_identity import (
        CommunicationsApplicationInstanceIdentity,
    )
    from graph_models.communications_encrypted_identity import (
        CommunicationsEncryptedIdentity,
    )
    from graph_models.communications_guest_identity import CommunicationsGuestIdentity
    from graph_models.communications_user_identity import CommunicationsUserIdentity
    from graph_models.endpoint_type import EndpointType
    from graph_models.identity import Identity


@dataclasses.dataclass(kw_only=True)
class CommunicationsIdentitySet(IdentitySet):
    """Represents a combination of user and application identities that together
    identify a participant in a call or meeting.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.communicationsIdentitySet"

    application_instance: CommunicationsApplicationInstanceIdentity | None = (
        _runtime.prop(
            "applicationInstance",
            "communications_application_instance_identity:CommunicationsApplicationInstanceIdentity",
        )
    )
    """The application instance associated with this action."""

    asserted_identity: Identity | None = _runtime.prop(
        "assertedIdentity", "identity:Identity"
    )
    """An identity the participant would like to present itself as to the other
    participants in the call.
    """

    azure_communication_services_user: AzureCommunicationServicesUserIdentity | None = (
        _runtime.prop(
            "azureCommunicationServicesUser",
            "azure_communication_services_user_identity:AzureCommunicationServicesUserIdentity",
        )
    )
    """The Azure Communication Services user associated with this action."""

    encrypted: CommunicationsEncryptedIdentity | None = _runtime.prop(
        "encrypted", "communications_encrypted_identity:CommunicationsEncryptedIdentity"
    )
    """The encrypted user associated with this action."""

    endpoint_type: EndpointType | None = _runtime.prop(
        "endpointType", "endpoint_type:EndpointType"
    )
    """Type of endpoint the participant uses. Possible values are: default, voicemail,
    skypeForBusiness, skypeForBusinessVoipPhone and unknownFutureValue.
    """

    guest: CommunicationsGuestIdentity | None = _runtime.prop(
        "guest", "communications_guest_identity:CommunicationsGuestIdentity"
    )
    """The guest user associated with this action."""

    on_premises: CommunicationsUserIdentity | None = _runtime.prop(
        "onPremises", "communications_user_identity:CommunicationsUserIdentity"
    )
    """The Skype for Business on-premises user associated with this action."""
