"""Models of the microsoft.graph namespace; classes are imported on first use (PEP 562)."""

from __future__ import annotations

import importlib
import typing

if typing.TYPE_CHECKING:
    from graph_models.allowed_lobby_admitter_roles import (
        AllowedLobbyAdmitterRoles as AllowedLobbyAdmitterRoles,
    )
    from graph_models.attendance_interval import (
        AttendanceInterval as AttendanceInterval,
    )
    from graph_models.attendance_record import AttendanceRecord as AttendanceRecord
    from graph_models.audio_conferencing import AudioConferencing as AudioConferencing
    from graph_models.azure_communication_services_user_identity import (
        AzureCommunicationServicesUserIdentity as AzureCommunicationServicesUserIdentity,
    )
    from graph_models.chat_info import ChatInfo as ChatInfo
    from graph_models.chat_restrictions import ChatRestrictions as ChatRestrictions
    from graph_models.communications_application_identity import (
        CommunicationsApplicationIdentity as CommunicationsApplicationIdentity,
    )
    from graph_models.communications_application_instance_identity import (
        CommunicationsApplicationInstanceIdentity as CommunicationsApplicationInstanceIdentity,
    )
    from graph_models.communications_encrypted_identity import (
        CommunicationsEncryptedIdentity as CommunicationsEncryptedIdentity,
    )
    from graph_models.communications_guest_identity import (
        CommunicationsGuestIdentity as CommunicationsGuestIdentity,
    )
    from graph_models.communications_identity_set import (
        CommunicationsIdentitySet as CommunicationsIdentitySet,
    )
    from graph_models.communications_phone_identity import (
        CommunicationsPhoneIdentity as CommunicationsPhoneIdentity,
    )
    from graph_models.communications_user_identity import (
        CommunicationsUserIdentity as CommunicationsUserIdentity,
    )
    from graph_models.date_time_time_zone import DateTimeTimeZone as DateTimeTimeZone
    from graph_models.endpoint_type import EndpointType as EndpointType
    from graph_models.entity import Entity as Entity
    from graph_models.identity import Identity as Identity
    from graph_models.identity_set import IdentitySet as IdentitySet
    from graph_models.item_body import ItemBody as ItemBody
    from graph_models.join_meeting_id_settings import (
        JoinMeetingIdSettings as JoinMeetingIdSettings,
    )
    from graph_models.lobby_bypass_scope import LobbyBypassScope as LobbyBypassScope
    from graph_models.lobby_bypass_settings import (
        LobbyBypassSettings as LobbyBypassSettings,
    )
    from graph_models.meeting_attendance_report import (
        MeetingAttendanceReport as MeetingAttendanceReport,
    )
    from graph_models.meeting_audience import MeetingAudience as MeetingAudience
    from graph_models.meeting_chat_history_default_mode import (
        MeetingChatHistoryDefaultMode as MeetingChatHistoryDefaultMode,
    )
    from graph_models.meeting_chat_mode import MeetingChatMode as MeetingChatMode
    from graph_models.meeting_live_share_options import (
        MeetingLiveShareOptions as MeetingLiveShareOptions,
    )
    from graph_models.online_meeting_base import OnlineMeetingBase as OnlineMeetingBase
    from graph_models.online_meeting_presenters import (
        OnlineMeetingPresenters as OnlineMeetingPresenters,
    )
    from graph_models.online_meeting_role import OnlineMeetingRole as OnlineMeetingRole
    from graph_models.thumbnail import Thumbnail as Thumbnail
    from graph_models.thumbnail_set import ThumbnailSet as ThumbnailSet
    from graph_models.virtual_event import VirtualEvent as VirtualEvent
    from graph_models.virtual_event_attendee_registration_status import (
        VirtualEventAttendeeRegistrationStatus as VirtualEventAttendeeRegistrationStatus,
    )
    from graph_models.virtual_event_external_information import (
        VirtualEventExternalInformation as VirtualEventExternalInformation,
    )
    from graph_models.virtual_event_external_registration_information import (
        VirtualEventExternalRegistrationInformation as VirtualEventExternalRegistrationInformation,
    )
    from graph_models.virtual_event_presenter import (
        VirtualEventPresenter as VirtualEventPresenter,
    )
    from graph_models.virtual_event_presenter_details import (
        VirtualEventPresenterDetails as VirtualEventPresenterDetails,
    )
    from graph_models.virtual_event_registrant import (
        VirtualEventRegistrant as VirtualEventRegistrant,
    )
    from graph_models.virtual_event_registration import (
        VirtualEventRegistration as VirtualEventRegistration,
    )
    from graph_models.virtual_event_registration_configuration import (
        VirtualEventRegistrationConfiguration as VirtualEventRegistrationConfiguration,
    )
    from graph_models.virtual_event_registration_custom_question import (
        VirtualEventRegistrationCustomQuestion as VirtualEventRegistrationCustomQuestion,
    )
    from graph_models.virtual_event_registration_predefined_question import (
        VirtualEventRegistrationPredefinedQuestion as VirtualEventRegistrationPredefinedQuestion,
    )
    from graph_models.virtual_event_registration_question import (
        VirtualEventRegistrationQuestion as VirtualEventRegistrationQuestion,
    )
    from graph_models.virtual_event_registration_question_answer import (
        VirtualEventRegistrationQuestionAnswer as VirtualEventRegistrationQuestionAnswer,
    )
    from graph_models.virtual_event_registration_question_answer_input_type import (
        VirtualEventRegistrationQuestionAnswerInputType as VirtualEventRegistrationQuestionAnswerInputType,
    )
    from graph_models.virtual_event_registration_question_base import (
        VirtualEventRegistrationQuestionBase as VirtualEventRegistrationQuestionBase,
    )
    from graph_models.virtual_event_session import (
        VirtualEventSession as VirtualEventSession,
    )
    from graph_models.virtual_event_settings import (
        VirtualEventSettings as VirtualEventSettings,
    )
    from graph_models.virtual_event_status import (
        VirtualEventStatus as VirtualEventStatus,
    )
    from graph_models.virtual_event_townhall import (
        VirtualEventTownhall as VirtualEventTownhall,
    )
    from graph_models.virtual_event_webinar import (
        VirtualEventWebinar as VirtualEventWebinar,
    )
    from graph_models.virtual_event_webinar_registration_configuration import (
        VirtualEventWebinarRegistrationConfiguration as VirtualEventWebinarRegistrationConfiguration,
    )
    from graph_models.watermark_protection_values import (
        WatermarkProtectionValues as WatermarkProtectionValues,
    )

__all__ = [
    "AllowedLobbyAdmitterRoles",
    "AttendanceInterval",
    "AttendanceRecord",
    "AudioConferencing",
    "AzureCommunicationServicesUserIdentity",
    "ChatInfo",
    "ChatRestrictions",
    "CommunicationsApplicationIdentity",
    "CommunicationsApplicationInstanceIdentity",
    "CommunicationsEncryptedIdentity",
    "CommunicationsGuestIdentity",
    "CommunicationsIdentitySet",
    "CommunicationsPhoneIdentity",
    "CommunicationsUserIdentity",
    "DateTimeTimeZone",
    "EndpointType",
    "Entity",
    "Identity",
    "IdentitySet",
    "ItemBody",
    "JoinMeetingIdSettings",
    "LobbyBypassScope",
    "LobbyBypassSettings",
    "MeetingAttendanceReport",
    "MeetingAudience",
    "MeetingChatHistoryDefaultMode",
    "MeetingChatMode",
    "MeetingLiveShareOptions",
    "OnlineMeetingBase",
    "OnlineMeetingPresenters",
    "OnlineMeetingRole",
    "Thumbnail",
    "ThumbnailSet",
    "VirtualEvent",
    "VirtualEventAttendeeRegistrationStatus",
    "VirtualEventExternalInformation",
    "VirtualEventExternalRegistrationInformation",
    "VirtualEventPresenter",
    "VirtualEventPresenterDetails",
    "VirtualEventRegistrant",
    "VirtualEventRegistration",
    "VirtualEventRegistrationConfiguration",
    "VirtualEventRegistrationCustomQuestion",
    "VirtualEventRegistrationPredefinedQuestion",
    "VirtualEventRegistrationQuestion",
    "VirtualEventRegistrationQuestionAnswer",
    "VirtualEventRegistrationQuestionAnswerInputType",
    "VirtualEventRegistrationQuestionBase",
    "VirtualEventSession",
    "VirtualEventSettings",
    "VirtualEventStatus",
    "VirtualEventTownhall",
    "VirtualEventWebinar",
    "VirtualEventWebinarRegistrationConfiguration",
    "WatermarkProtectionValues",
]

_CLASS_MODULES: dict[str, str] = {
    "AllowedLobbyAdmitterRoles": "allowed_lobby_admitter_roles",
    "AttendanceInterval": "attendance_interval",
    "AttendanceRecord": "attendance_record",
    "AudioConferencing": "audio_conferencing",
    "AzureCommunicationServicesUserIdentity": "azure_communication_services_user_identity",
    "ChatInfo": "chat_info",
    "ChatRestrictions": "chat_restrictions",
    "CommunicationsApplicationIdentity": "communications_application_identity",
    "CommunicationsApplicationInstanceIdentity": "communications_application_instance_identity",
    "CommunicationsEncryptedIdentity": "communications_encrypted_identity",
    "CommunicationsGuestIdentity": "communications_guest_identity",
    "CommunicationsIdentitySet": "communications_identity_set",
    "CommunicationsPhoneIdentity": "communications_phone_identity",
    "CommunicationsUserIdentity": "communications_user_identity",
    "DateTimeTimeZone": "date_time_time_zone",
    "EndpointType": "endpoint_type",
    "Entity": "entity",
    "Identity": "identity",
    "IdentitySet": "identity_set",
    "ItemBody": "item_body",
    "JoinMeetingIdSettings": "join_meeting_id_settings",
    "LobbyBypassScope": "lobby_bypass_scope",
    "LobbyBypassSettings": "lobby_bypass_settings",
    "MeetingAttendanceReport": "meeting_attendance_report",
    "MeetingAudience": "meeting_audience",
    "MeetingChatHistoryDefaultMode": "meeting_chat_history_default_mode",
    "MeetingChatMode": "meeting_chat_mode",
    "MeetingLiveShareOptions": "meeting_live_share_options",
    "OnlineMeetingBase": "online_meeting_base",
    "OnlineMeetingPresenters": "online_meeting_presenters",
    "OnlineMeetingRole": "online_meeting_role",
    "Thumbnail": "thumbnail",
    "ThumbnailSet": "thumbnail_set",
    "VirtualEvent": "virtual_event",
    "VirtualEventAttendeeRegistrationStatus": "virtual_event_attendee_registration_status",
    "VirtualEventExternalInformation": "virtual_event_external_information",
    "VirtualEventExternalRegistrationInformation": "virtual_event_external_registration_information",
    "VirtualEventPresenter": "virtual_event_presenter",
    "VirtualEventPresenterDetails": "virtual_event_presenter_details",
    "VirtualEventRegistrant": "virtual_event_registrant",
    "VirtualEventRegistration": "virtual_event_registration",
    "VirtualEventRegistrationConfiguration": "virtual_event_registration_configuration",
    "VirtualEventRegistrationCustomQuestion": "virtual_event_registration_custom_question",
    "VirtualEventRegistrationPredefinedQuestion": "virtual_event_registration_predefined_question",
    "VirtualEventRegistrationQuestion": "virtual_event_registration_question",
    "VirtualEventRegistrationQuestionAnswer": "virtual_event_registration_question_answer",
    "VirtualEventRegistrationQuestionAnswerInputType": "virtual_event_registration_question_answer_input_type",
    "VirtualEventRegistrationQuestionBase": "virtual_event_registration_question_base",
    "VirtualEventSession": "virtual_event_session",
    "VirtualEventSettings": "virtual_event_settings",
    "VirtualEventStatus": "virtual_event_status",
    "VirtualEventTownhall": "virtual_event_townhall",
    "VirtualEventWebinar": "virtual_event_webinar",
    "VirtualEventWebinarRegistrationConfiguration": "virtual_event_webinar_registration_configuration",
    "WatermarkProtectionValues": "watermark_protection_values",
}
_SUBPACKAGES: frozenset[str] = frozenset()


def __getattr__(name: str) -> typing.Any:
    module = _CLASS_MODULES.get(name)
    if module is not None:
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    elif name in _SUBPACKAGES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
