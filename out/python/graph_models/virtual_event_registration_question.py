from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.entity import Entity

if typing.TYPE_CHECKING:
    from graph_models.virtual_event_registration_question_answer_input_type import (
        VirtualEventRegistrationQuestionAnswerInputType,
    )


@dataclasses.dataclass(kw_only=True)
class VirtualEventRegistrationQuestion(Entity):
    """Represents a registration question associated with a virtualEventRegistration."""

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.virtualEventRegistrationQuestion"
    )

    answer_choices: list[str] | None = _runtime.prop("answerChoices", "str", many=True)
    """Answer choices when answerInputType is singleChoice or multiChoice."""

    answer_input_type: VirtualEventRegistrationQuestionAnswerInputType | None = (
        _runtime.prop(
            "answerInputType",
            "virtual_event_registration_question_answer_input_type:VirtualEventRegistrationQuestionAnswerInputType",
        )
    )
    """Input type of the registration question answer."""

    display_name: str | None = _runtime.prop("displayName", "str")
    """Display name of the registration question."""

    is_required: bool | None = _runtime.prop("isRequired", "bool")
    """Indicates whether the question is required to answer. Default value is false."""
