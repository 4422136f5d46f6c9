from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime


@dataclasses.dataclass(kw_only=True)
class ChatInfo(_runtime.GraphObject):
    """Contains information associated with Microsoft Teams meetings."""

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.chatInfo"

    message_id: str | None = _runtime.prop("messageId", "str")
    """The unique identifier for a message in a Microsoft Teams channel."""

    reply_chain_message_id: str | None = _runtime.prop("replyChainMessageId", "str")
    """The ID of the reply message."""

    thread_id: str | None = _runtime.prop("threadId", "str")
    """The unique identifier for a thread in Microsoft Teams."""
