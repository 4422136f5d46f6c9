from __future__ import annotations

import dataclasses
import typing

from graph_models import _runtime
from graph_models.virtual_event_registration_question_base import (
    VirtualEventRegistrationQuestionBase,
)


@dataclasses.dataclass(kw_only=True)
class VirtualEventRegistrationPredefinedQuestion(VirtualEventRegistrationQuestionBase):
    """Represents a predefined registration question associated with a
    virtualEventRegistration.
    """

    ODATA_TYPE: typing.ClassVar[str] = (
        "#microsoft.graph.virtualEventRegistrationPredefinedQuestion"
    )

    label: typing.Any | None = _runtime.prop("label", "any")
    """Label of the predefined registration question. The following label values accept
    a single line of text: street, city, state, postalCode, countryOrRegion, industry,
    jobTitle, and organization. unknownFutureValue is an evolvable enumeration sentinel
    value; do not use this label.
    """
