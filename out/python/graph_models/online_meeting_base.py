from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.entity import Entity

if typing.TYPE_CHECKING:
    from graph_models.allowed_lobby_admitter_roles import AllowedLobbyAdmitterRoles
    from graph_models.audio_conferencing import AudioConferencing
    from graph_models.chat_info import ChatInfo
    from graph_models.chat_restrictions import ChatRestrictions
    from graph_models.item_body import ItemBody
    from graph_models.join_meeting_id_settings import JoinMeetingIdSettings
    from graph_models.lobby_bypass_settings import LobbyBypassSettings
    from graph_models.meeting_attendance_report import MeetingAttendanceReport
    from graph_models.meeting_chat_history_default_mode import (
        MeetingChatHistoryDefaultMode,
    )
    from graph_models.meeting_chat_mode import MeetingChatMode
    from graph_models.meeting_live_share_options import MeetingLiveShareOptions
    from graph_models.online_meeting_presenters import OnlineMeetingPresenters
    from graph_models.online_meeting_role import OnlineMeetingRole
    from graph_models.watermark_protection_values import WatermarkProtectionValues


@dataclasses.dataclass(kw_only=True)
class OnlineMeetingBase(Entity):
    """Represents a base online meeting. The base type of onlineMeeting and
    virtualEventSession.
    """

    ODATA_TYPE: typing.ClassVar[str] = "#microsoft.graph.onlineMeetingBase"

    allow_attendee_to_enable_camera: bool | None = _runtime.prop(
        "allowAttendeeToEnableCamera", "bool"
    )
    """Indicates whether attendees can turn on their camera."""

    allow_attendee_to_enable_mic: bool | None = _runtime.prop(
        "allowAttendeeToEnableMic", "bool"
    )
    """Indicates whether attendees can turn on their microphone."""

    allow_breakout_rooms: bool | None = _runtime.prop("allowBreakoutRooms", "bool")
    """Indicates whether breakout rooms are enabled for the meeting."""

    allowed_lobby_admitters: AllowedLobbyAdmitterRoles | None = _runtime.prop(
        "allowedLobbyAdmitters",
        "allowed_lobby_admitter_roles:AllowedLobbyAdmitterRoles",
    )
    """Specifies the users who can admit from the lobby. Possible values are:
    organizerAndCoOrganizersAndPresenters, organizerAndCoOrganizers, unknownFutureValue.
    """

    allowed_presenters: OnlineMeetingPresenters | None = _runtime.prop(
        "allowedPresenters", "online_meeting_presenters:OnlineMeetingPresenters"
    )
    """Specifies who can be a presenter in a meeting. Possible values are: everyone,
    organization, roleIsPresenter, organizer, unknownFutureValue.
    """

    allow_live_share: MeetingLiveShareOptions | None = _runtime.prop(
        "allowLiveShare", "meeting_live_share_options:MeetingLiveShareOptions"
    )
    """Indicates whether live share is enabled for the meeting. Possible values are:
    enabled, disabled, unknownFutureValue.
    """

    allow_meeting_chat: MeetingChatMode | None = _runtime.prop(
        "allowMeetingChat", "meeting_chat_mode:MeetingChatMode"
    )
    """Specifies the mode of meeting chat. Possible values are: enabled, disabled,
    limited, unknownFutureValue.
    """

    allow_participants_to_change_name: bool | None = _runtime.prop(
        "allowParticipantsToChangeName", "bool"
    )
    """Specifies if participants are allowed to rename themselves in an instance of the
    meeting.
    """

    allow_power_point_sharing: bool | None = _runtime.prop(
        "allowPowerPointSharing", "bool"
    )
    """Indicates whether PowerPoint live is enabled for the meeting."""

    allow_recording: bool | None = _runtime.prop("allowRecording", "bool")
    """Indicates whether recording is enabled for the meeting."""

    allow_teamwork_reactions: bool | None = _runtime.prop(
        "allowTeamworkReactions", "bool"
    )
    """Indicates if Teams reactions are enabled for the meeting."""

    allow_transcription: bool | None = _runtime.prop("allowTranscription", "bool")
    """Indicates whether transcription is enabled for the meeting."""

    allow_whiteboard: bool | None = _runtime.prop("allowWhiteboard", "bool")
    """Indicates whether whiteboard is enabled for the meeting."""

    anonymize_identity_for_roles: list[OnlineMeetingRole] | None = _runtime.prop(
        "anonymizeIdentityForRoles", "online_meeting_role:OnlineMeetingRole", many=True
    )
    """Specifies whose identity is anonymized in the meeting. Possible values are:
    attendee. The attendee value can't be removed through a PATCH operation once added.
    """

    audio_conferencing: AudioConferencing | None = _runtime.prop(
        "audioConferencing", "audio_conferencing:AudioConferencing"
    )
    """The phone access (dial-in) information for an online meeting. Read-only."""

    chat_info: ChatInfo | None = _runtime.prop("chatInfo", "chat_info:ChatInfo")
    """The chat information associated with this online meeting."""

    chat_restrictions: ChatRestrictions | None = _runtime.prop(
        "chatRestrictions", "chat_restrictions:ChatRestrictions"
    )
    """Specifies the configuration settings for meeting chat restrictions."""

    is_end_to_end_encryption_enabled: bool | None = _runtime.prop(
        "isEndToEndEncryptionEnabled", "bool"
    )
    """Indicates whether end-to-end encryption (E2EE) is enabled for the online meeting."""

    is_entry_exit_announced: bool | None = _runtime.prop("isEntryExitAnnounced", "bool")
    """Indicates whether to announce when callers join or leave."""

    join_information: ItemBody | None = _runtime.prop(
        "joinInformation", "item_body:ItemBody"
    )
    """The join information in the language and locale variant specified in
    'Accept-Language' request HTTP header. Read-only.
    """

    join_meeting_id_settings: JoinMeetingIdSettings | None = _runtime.prop(
        "joinMeetingIdSettings", "join_meeting_id_settings:JoinMeetingIdSettings"
    )
    """Specifies the joinMeetingId, the meeting passcode, and the requirement for the
    passcode. Once an onlineMeeting is created, the joinMeetingIdSettings can't be
    modified. To make any changes to this property, the meeting needs to be canceled and
    a new one needs to be created.
    """

    join_web_url: str | None = _runtime.prop("joinWebUrl", "str")
    """The join URL of the online meeting. Read-only."""

    lobby_bypass_settings: LobbyBypassSettings | None = _runtime.prop(
        "lobbyBypassSettings", "lobby_bypass_settings:LobbyBypassSettings"
    )
    """Specifies which participants can bypass the meeting lobby."""

    record_automatically: bool | None = _runtime.prop("recordAutomatically", "bool")
    """Indicates whether to record the meeting automatically."""

    share_meeting_chat_history_default: MeetingChatHistoryDefaultMode | None = (
        _runtime.prop(
            "shareMeetingChatHistoryDefault",
            "meeting_chat_history_default_mode:MeetingChatHistoryDefaultMode",
        )
    )
    """Specifies whether meeting chat history is shared with participants. Possible
    values are: all, none, unknownFutureValue.
    """

    subject: str | None = _runtime.prop("subject", "str")
    """The subject of the online meeting."""

    video_teleconference_id: str | None = _runtime.prop("videoTeleconferenceId", "str")
    """The video teleconferencing ID. Read-only."""

    watermark_protection: WatermarkProtectionValues | None = _runtime.prop(
        "watermarkProtection", "watermark_protection_values:WatermarkProtectionValues"
    )
    """Specifies whether the client application should apply a watermark to a content
    type.
    """

    attendance_reports: list[MeetingAttendanceReport] | None = _runtime.prop(
        "attendanceReports",
        "meeting_attendance_report:MeetingAttendanceReport",
        many=True,
    )
    """The attendance reports of an online meeting. Read-only."""
