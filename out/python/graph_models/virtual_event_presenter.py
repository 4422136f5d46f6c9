from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.entity import Entity

if typing.TYPE_CHECKING:
    from graph_models.identity import Identity
    from graph_models.virtual_event_presenter_details import (
        VirtualEventPresenterDetails,
    )


@dataclasses.dataclass(kw_only=True)
class VirtualEventPresenter(Entity):
    """Represents information about a presenter of a virtual event."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.virtualEventPresenter"

    email: str | None = _runtime.prop("email", "str")
    """Email address of the presenter."""

    identity: Identity | None = _runtime.prop("identity", "identity:Identity")
    """Identity information of the presenter. The supported identities are:
    communicationsGuestIdentity and communicationsUserIdentity.
    """

    presenter_details: VirtualEventPresenterDetails | None = _runtime.prop(
        "presenterDetails",
        "virtual_event_presenter_details:VirtualEventPresenterDetails",
    )
    """Other detail information of the presenter. This property returns null when the
    virtual event type is virtualEventTownhall.
    """
