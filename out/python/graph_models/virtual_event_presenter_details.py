from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime

if typing.TYPE_CHECKING:
    from graph_models.item_body import ItemBody


@dataclasses.dataclass(kw_only=True)
class VirtualEventPresenterDetails(_runtime.GraphObject):
    """Detail information of a virtual event presenter."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.virtualEventPresenterDetails"

    bio: ItemBody | None = _runtime.prop("bio", "item_body:ItemBody")
    """Bio of the presenter."""

    company: str | None = _runtime.prop("company", "str")
    """The presenter's company name."""

    job_title: str | None = _runtime.prop("jobTitle", "str")
    """The presenter's job title."""

    linked_in_profile_web_url: str | None = _runtime.prop(
        "linkedInProfileWebUrl", "str"
    )
    """The presenter's LinkedIn profile URL."""

    personal_site_web_url: str | None = _runtime.prop("personalSiteWebUrl", "str")
    """The presenter's personal website URL."""

    photo: bytes | None = _runtime.prop("photo", "bytes")
    """The content stream of the presenter's photo."""

    twitter_profile_web_url: str | None = _runtime.prop("twitterProfileWebUrl", "str")
    """The presenter's Twitter profile URL."""
