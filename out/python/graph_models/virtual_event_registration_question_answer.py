from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime


@dataclasses.dataclass(kw_only=True)
class VirtualEventRegistrationQuestionAnswer(_runtime.GraphObject):
    """Represents an answer or answers to either a
    virtualEventRegistrationCustomQuestion or a
    virtualEventRegistrationPredefinedQuestion.
    """

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.virtualEventRegistrationQuestionAnswer"
    )

    boolean_value: bool | None = _runtime.prop("booleanValue", "bool")
    """Boolean answer to the virtualEventRegistrationCustomQuestion. Only appears when
    answerInputType is boolean.
    """

    display_name: str | None = _runtime.prop("displayName", "str")
    """Display name of the registration question."""

    multi_choice_values: list[str] | None = _runtime.prop(
        "multiChoiceValues", "str", many=True
    )
    """A collection of text answers to the virtualEventRegistrationCustomQuestion. Only
    appears when answerInputType is multiChoice.
    """

    question_id: str | None = _runtime.prop("questionId", "str")
    """The identifier of either a virtualEventRegistrationCustomQuestion or a
    virtualEventRegistrationPredefinedQuestion.
    """

    value: str | None = _runtime.prop("value", "str")
    """Text answer to the virtualEventRegistrationCustomQuestion or the
    virtualEventRegistrationPredefinedQuestion. Appears when answerInputType is text,
    multilineText or singleChoice.
    """
