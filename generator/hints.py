"""What to do about a finding (``Diagnostic.hint``), and the edit itself (a ``Fix``) where it is
one text replacement at a place the page's text shows.

Each rule reads the finding's message (the stages word them for people, this module knows
their shape) and, for names, the model: an unresolved type name gets the nearest known name
(``difflib``), a link or title that disagrees with the annotation gets the name used.
"""

from __future__ import annotations

import dataclasses
import difflib
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from generator.model import Diagnostic, Model, SchemaType, split_qualified
from generator.suppress import PageSuppressions
from generator.typecell import PRIMITIVES


@dataclass(frozen=True)
class Fix:
    """Replace ``line:col`` … ``end_line:end_col`` (1-based, end exclusive) with ``text``."""

    description: str
    line: int
    col: int
    end_line: int
    end_col: int
    text: str


@dataclass(frozen=True)
class Advice:
    hint: str
    fix: Fix | None = None


class _Context:
    def __init__(self, model: Model | None, texts: Mapping[str, str],
                 suppressions: Mapping[str, PageSuppressions]) -> None:
        self.model = model
        self.texts = texts
        self.suppressions = suppressions
        self._lines: dict[str, list[str]] = {}

    def lines(self, path: str) -> list[str]:
        if path not in self._lines:
            self._lines[path] = self.texts.get(path, "").splitlines()
        return self._lines[path]

    def line(self, path: str, number: int) -> str | None:
        lines = self.lines(path)
        return lines[number - 1] if 0 < number <= len(lines) else None

    @cached_property
    def short_names(self) -> dict[str, str]:
        """Short name (lower) → the name as its type spells it; qualified names too."""
        found: dict[str, str] = {spelling: name for spelling, name in PRIMITIVES.items()
                                 if spelling.lower() == name.lower()}
        if self.model is not None:
            named: list[SchemaType] = [*self.model.types, *self.model.enums]
            for t in named:
                found.setdefault(t.name.lower(), t.name)
                found.setdefault(t.qualified_name.lower(), t.qualified_name)
        return found

    def nearest(self, name: str) -> str | None:
        key = name.lower()
        if key in self.short_names:
            return self.short_names[key]
        # difflib finds the candidates; a typo is at most two edits away (one for short names),
        # so 'agreementFile' does not become 'agreement'
        allowed = 1 if len(key) <= 5 else 2
        close = difflib.get_close_matches(key, self.short_names, n=5, cutoff=0.7)
        found = [c for c in close if _edits(key, c) <= allowed]
        return self.short_names[found[0]] if found else None

    def page_of(self, qualified: str) -> str | None:
        found = self.model.lookup(qualified) if self.model is not None else None
        return found.location.path if found is not None and found.location.path else None


def _replace_word(ctx: _Context, d: Diagnostic, old: str, new: str, description: str,
                  lines: Iterable[int] | None = None, pattern: str | None = None) -> Fix | None:
    """A Fix replacing the whole-word ``old`` (or ``pattern``'s group 1) on the finding's
    line, or on ``lines`` when it is there once only (else the place is not known)."""
    regex = re.compile(pattern or rf"(?<![\w.]){re.escape(old)}(?![\w])")
    found: list[Fix] = []
    for number in lines or (d.line,):
        text = ctx.line(d.path, number)
        match = regex.search(text) if text is not None else None
        if match is not None:
            group = 1 if match.groups() else 0
            found.append(Fix(description, number, match.start(group) + 1, number,
                             match.end(group) + 1, new))
    return found[0] if len(found) == 1 else None


def _unresolved_type(d: Diagnostic, ctx: _Context) -> Advice | None:
    found = re.match(r"(?:type|base type) '([^']+)'", d.message)
    if found is None:
        return None
    name = found.group(1)
    nearest = ctx.nearest(split_qualified(name)[1] if "." in name else name)
    if nearest is None:
        return Advice(f"no known type is spelt like {name!r}: document it, or link the type "
                      f"that is meant")
    shown = split_qualified(nearest)[1] if "." in nearest and "." not in name else nearest
    window = range(d.line, d.line + 25) if d.code == "DS102" else None
    fix = _replace_word(ctx, d, split_qualified(name)[1] if "." in name else name,
                        shown, f"replace {name!r} with {shown!r}", window)
    return Advice(f"did you mean {shown!r}?", fix)


def _base_conflict(d: Diagnostic, ctx: _Context) -> Advice | None:
    found = re.match(r"baseType '([^']+)' names (\S+) but 'Inherits from' names (\S+); (\S+) is "
                     r"used", d.message)
    if found is None:
        return None
    written, _annotated, prose, used = found.groups()
    if used == prose:
        fix = _replace_word(ctx, d, written, used, f"set baseType to {used!r}",
                            range(1, len(ctx.lines(d.path)) + 1),
                            rf'"baseType"\s*:\s*"({re.escape(written)})"')
        return Advice(f'set "baseType" in the annotation to "{used}", as the prose says', fix)
    return Advice(f"make 'Inherits from' name {split_qualified(used)[1]}, as the annotation does")


def _link_mismatch(d: Diagnostic, ctx: _Context) -> Advice | None:
    found = re.match(r"link text '([^']+)' but the link points at (\S+); (\S+) is used",
                     d.message)
    if found is None:
        return None
    text, target, used = found.groups()
    if used == target:
        short = split_qualified(target)[1]
        fix = _replace_word(ctx, d, text, short, f"link text {short!r}",
                            pattern=rf"\[({re.escape(text)})\]\(")
        return Advice(f"make the link text {short!r}, the type the link points at", fix)
    page = ctx.page_of(used)
    if page is None:
        return Advice(f"point the link at the page of {used}")
    relative = posixpath.relpath(page, posixpath.dirname(d.path) or ".")
    fix = _replace_word(ctx, d, "", relative, f"link to {relative}",
                        pattern=rf"\[{re.escape(text)}\]\(([^)#\s]+)")
    return Advice(f"point the link at {relative}, the page of {used}", fix)


def _title_mismatch(d: Diagnostic, ctx: _Context) -> Advice | None:
    found = re.match(r"the title names the type '([^']+)' but the annotation '([^']+)'",
                     d.message)
    if found is None:
        return Advice("make the title and the annotation's @odata.type name the same type")
    title, annotated = found.groups()
    short = split_qualified(annotated)[1]
    fix = _replace_word(ctx, d, title, short, f"title the type {short!r}")
    return Advice(f"title the page with {short!r}, the annotation's name", fix)


def _delete_row(d: Diagnostic, ctx: _Context) -> Advice:
    fix = None
    if ctx.line(d.path, d.line) is not None:
        fix = Fix("delete the repeated row", d.line, 1, d.line + 1, 1, "")
    return Advice("delete the repeated row (the first one is kept)", fix)


def _missing_namespace(d: Diagnostic, ctx: _Context) -> Advice:
    found = re.search(r"; (\S+) assumed", d.message)
    namespace = found.group(1) if found else "microsoft.graph"
    fix = None
    if ctx.line(d.path, d.line + 1) == "":
        fix = Fix(f"add 'Namespace: {namespace}'", d.line + 1, 1, d.line + 1, 1,
                  f"\nNamespace: {namespace}\n")
    return Advice(f"add a line 'Namespace: {namespace}' under the title", fix)


def _unused_suppression(d: Diagnostic, ctx: _Context) -> Advice:
    page = ctx.suppressions.get(d.path)
    found = next((s for s in page.suppressions if (s.line, s.col) == (d.line, d.col)), None) \
        if page else None
    fix = None
    if found is not None and found.kind != "disable" and found.end_col > found.col:
        line = ctx.line(d.path, d.line) or ""
        whole_line = line.strip() == line[found.col - 1:found.end_col - 1].strip()
        fix = (Fix("delete the comment", d.line, 1, d.line + 1, 1, "") if whole_line
               else Fix("delete the comment", d.line, found.col, d.line, found.end_col, ""))
    return Advice("remove the comment, or the codes it names that no longer occur", fix)


def _fixed_text(template: str) -> Callable[[Diagnostic, _Context], Advice]:
    def advise(d: Diagnostic, ctx: _Context) -> Advice:
        quoted = re.findall(r"'([^']+)'", d.message)
        return Advice(template.format(*quoted, message=d.message))
    return advise


def _repaired(d: Diagnostic, ctx: _Context) -> Advice:
    what = d.message.partition(": ")[2] or "the repair"
    return Advice(f"make it strict JSON; docschema repaired it ({what})")


def _case_drift(d: Diagnostic, ctx: _Context) -> Advice | None:
    """The docs spell a name as the service does but for case: the service's spelling."""
    if d.drift is None or not d.drift.docs or not d.drift.service:
        return None
    docs, service = d.drift.docs, d.drift.service
    if "." in docs and "." in service:  # a qualified type name: the page spells the short one
        docs, service = split_qualified(docs)[1], split_qualified(service)[1]
    fix = _replace_word(ctx, d, docs, service, f"spell it {service!r}")
    return Advice(f"spell it {service!r}, as the service does", fix)


def _drift(d: Diagnostic, ctx: _Context) -> Advice | None:
    """Any other disagreement with the service: what the service says."""
    if d.drift is None or d.drift.service is None:
        return None
    return Advice(f"the service has {d.drift.service!r} here (the docs: {d.drift.docs!r}); "
                  f"correct whichever side is wrong")


_RULES: dict[str, Callable[[Diagnostic, _Context], Advice | None]] = {
    "DS101": _unresolved_type,
    "DS102": _unresolved_type,
    "DS105": _fixed_text("add a row for '{0}' to the Properties table"),
    "DS107": _title_mismatch,
    "DS110": _delete_row,
    "DS111": _fixed_text("the base type declares '{0}': the row can go (its declaration "
                         "there is used)"),
    "DS112": _link_mismatch,
    "DS113": _base_conflict,
    "DS117": _fixed_text("name the base type: add \"baseType\" to the resource annotation "
                         "(or an 'Inherits from' line)"),
    "DS402": _missing_namespace,
    "DS404": _repaired,
    "DS406": _repaired,
    "DS601": _unused_suppression,
    # drift against service metadata (lint --against): the Drift record says both sides
    "DS703": _drift,
    "DS704": _drift,
    "DS709": _drift,
    "DS710": _drift,
    "DS712": _drift,
    "DS715": _drift,
    "DS716": _case_drift,
    "DS717": _drift,
    "DS718": _drift,
}


@dataclass(frozen=True)
class Advised:
    diagnostics: tuple[Diagnostic, ...]
    fixes: Mapping[Diagnostic, Fix]


def advise(diagnostics: Iterable[Diagnostic], model: Model | None, texts: Mapping[str, str],
           suppressions: Mapping[str, PageSuppressions] | None = None) -> Advised:
    """Each diagnostic with a hint where a rule knows one (a hint already set is kept), and
    the fixes by diagnostic."""
    ctx = _Context(model, texts, suppressions or {})
    out: list[Diagnostic] = []
    fixes: dict[Diagnostic, Fix] = {}
    for d in diagnostics:
        rule = _RULES.get(d.code)
        advice = rule(d, ctx) if rule is not None else None
        if advice is None:
            out.append(d)
            continue
        if d.hint is None:
            d = dataclasses.replace(d, hint=advice.hint)
        out.append(d)
        if advice.fix is not None:
            fixes[d] = advice.fix
    return Advised(tuple(out), fixes)


def _edits(one: str, other: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    neighbours (``strnig`` → ``string`` is one)."""
    previous2: list[int] = []
    previous = list(range(len(other) + 1))
    for i, a in enumerate(one, start=1):
        current = [i] + [0] * len(other)
        for j, b in enumerate(other, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == other[j - 2] and one[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
