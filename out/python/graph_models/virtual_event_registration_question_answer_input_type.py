from __future__ import annotations

from graph_models import _runtime


class VirtualEventRegistrationQuestionAnswerInputType(_runtime.GraphEnum):
    """The following shows the supported types of answer input for a custom registration
    question.
    """

    TEXT = "text"
    """The registration question accepts single-line text."""

    MULTILINE_TEXT = "multilineText"
    """The registration question accepts multi-line text."""

    SINGLE_CHOICE = "singleChoice"
    """The registration question accepts one answer from a list of options."""

    MULTI_CHOICE = "multiChoice"
    """The registration question accepts more than one answer from a list of options."""

    BOOLEAN = "Boolean"
    """The registration question accepts a yes, or no answer."""

    UNKNOWN_FUTURE_VALUE = "unknownFutureValue"
    """Evolvable enumeration sentinel value. Don't use."""
