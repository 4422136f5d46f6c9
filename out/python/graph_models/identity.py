from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime

if typing.TYPE_CHECKING:
    from graph_models.thumbnail_set import ThumbnailSet


@dataclasses.dataclass(kw_only=True)
class Identity(_runtime.GraphObject):
    """Represents an identity of an actor. For example, an actor can be a user, device,
    or application. Multiple Microsoft Graph APIs share this resource and the data they
    return varies depending on the API.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.identity"

    display_name: str | None = _runtime.prop("displayName", "str")
    """The display name of the identity. For drive items, the display name might not
    always be available or up to date. For example, if a user changes their display name
    the API might show the new value in a future response, but the items associated with
    the user don't show up as changed when using delta.
    """

    id_: str | None = _runtime.prop("id", "str")
    """Unique identifier for the identity or actor. For example, in the access reviews
    decisions API, this property might record the id of the principal, that is, the
    group, user, or application that's subject to review.
    """

    tenant_id: str | None = _runtime.prop("tenantId", "str")
    """Unique identity of the tenant. Optional."""

    thumbnails: ThumbnailSet | None = _runtime.prop(
        "thumbnails", "thumbnail_set:ThumbnailSet"
    )
    """Keyed collection of thumbnail resources. Optional. Applies to drive items, for
    example.
    """
