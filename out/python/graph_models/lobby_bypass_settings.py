from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime

if typing.TYPE_CHECKING:
    from graph_models.lobby_bypass_scope import LobbyBypassScope


@dataclasses.dataclass(kw_only=True)
class LobbyBypassSettings(_runtime.GraphObject):
    """Specifies which participants can bypass the meeting lobby."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.lobbyBypassSettings"

    scope: LobbyBypassScope | None = _runtime.prop(
        "scope", "lobby_bypass_scope:LobbyBypassScope"
    )
    """Specifies the type of participants that are automatically admitted into a
    meeting, bypassing the lobby. Optional.
    """

    is_dial_in_bypass_enabled: bool | None = _runtime.prop(
        "isDialInBypassEnabled", "bool"
    )
    """Specifies whether or not to always let dial-in callers bypass the lobby.
    Optional.
    """
