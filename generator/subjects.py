"""What each finding is about (``Diagnostic.subject``: a type and one of its members), for
findings whose stage did not say: found from the model by where the finding is.

A finding on a property's row is about that property; any other finding on a page is about the
type whose section it is in (the nearest type or property above it on that page). A finding on
a row the model has no property for (a dropped duplicate, an inherited redeclaration) names the
member its message quotes first. Subjects survive line moves, so baselines key on them.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable

from generator.model import Diagnostic, Model, Subject

#: Codes reported at a property's row (or JSON key): their subject has a member.
MEMBER_CODES = frozenset({"DS101", "DS105", "DS106", "DS110", "DS111", "DS112", "DS114", "DS116",
                          "DS119", "DS408", "DS409"})
_QUALIFIED = re.compile(r"\b[A-Za-z]\w*(?:\.\w+)+")
_QUOTED = re.compile(r"'(@?[A-Za-z_][\w.@-]*)'")


class SubjectIndex:
    def __init__(self, model: Model) -> None:
        self.members: dict[tuple[str, int], Subject] = {}
        anchors: dict[str, dict[int, str]] = {}
        for t in model.types:
            anchors.setdefault(t.location.path, {}).setdefault(t.location.line, t.qualified_name)
            for p in t.properties:
                where = (p.location.path, p.location.line)
                self.members.setdefault(where, Subject(t.qualified_name, p.name))
                anchors.setdefault(p.location.path, {}).setdefault(p.location.line,
                                                                   t.qualified_name)
        for e in model.enums:
            anchors.setdefault(e.location.path, {}).setdefault(e.location.line, e.qualified_name)
        self.known = {t.qualified_name for t in model.types} | {
            e.qualified_name for e in model.enums}
        self.lines = {path: sorted(found) for path, found in anchors.items()}
        self.names = {path: [found[line] for line in self.lines[path]]
                      for path, found in anchors.items()}

    def type_at(self, path: str, line: int) -> str | None:
        lines = self.lines.get(path)
        if not lines:
            return None
        at = bisect.bisect_right(lines, line) - 1
        return self.names[path][max(at, 0)]

    def _last_type_named(self, message: str) -> str | None:
        """For a page the model has no type of (all its rows merged away or dropped): the
        last known type the message names (``... not redeclared on microsoft.graph.x``)."""
        found = [w for w in _QUALIFIED.findall(message) if w in self.known]
        return found[-1] if found else None

    def subject(self, d: Diagnostic) -> Subject | None:
        if d.subject is not None:
            return d.subject
        if d.code in MEMBER_CODES:
            found = self.members.get((d.path, d.line))
            if found is not None:
                return found
        owner = self.type_at(d.path, d.line) or self._last_type_named(d.message)
        if owner is None:
            return None
        member = None
        if d.code in MEMBER_CODES:
            quoted = _QUOTED.search(d.message)
            member = quoted.group(1) if quoted else None
        return Subject(owner, member)


def with_subjects(diagnostics: Iterable[Diagnostic], model: Model | None) -> list[Diagnostic]:
    """The diagnostics, each with its subject filled in where the model can tell."""
    if model is None:
        return list(diagnostics)
    index = SubjectIndex(model)
    out = []
    for d in diagnostics:
        subject = index.subject(d)
        out.append(d if subject is d.subject else dataclasses.replace(d, subject=subject))
    return out
