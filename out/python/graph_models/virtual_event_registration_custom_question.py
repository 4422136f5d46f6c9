from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.virtual_event_registration_question_base import (
    VirtualEventRegistrationQuestionBase,
)

if typing.TYPE_CHECKING:
    from graph_models.virtual_event_registration_question_answer_input_type import (
        VirtualEventRegistrationQuestionAnswerInputType,
    )


@dataclasses.dataclass(kw_only=True)
class VirtualEventRegistrationCustomQuestion(VirtualEventRegistrationQuestionBase):
    """Represents a custom registration question associated with a
    virtualEventRegistration.
    """

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.virtualEventRegistrationCustomQuestion"
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
