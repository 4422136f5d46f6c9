"""Inline suppressions: HTML comments in a page that silence findings, as markdownlint's do.

``<!-- docschema-disable-next-line DS406 -->`` silences the line after the comment,
``<!-- docschema-disable-line DS406 -->`` its own line (the form for a table row, which a
comment line of its own would end), ``<!-- docschema-disable DS109 -->`` …
``<!-- docschema-enable DS109 -->`` the lines between (to the end of the page when no enable
follows) and ``<!-- docschema-disable-file DS109 -->`` the whole page. Without codes a
directive silences every code; a code may be a prefix (``DS1``). Comments inside fenced code
blocks are text, not directives.

``scan`` is a pure function of a page's text (cacheable by it, run on any page whatever stage
made its findings); ``apply`` splits findings into kept and suppressed and reports each
directive that silenced nothing (DS601, like ruff's RUF100) or that it cannot read (DS602).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from generator.diagnostics import CODES
from generator.model import Diagnostic, SourceLocation

MARK = "docschema-"  # in every directive: a page without it has none
KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
#: A directive: its kind, then codes, then optionally ``-- why`` (a reason for people).
_DIRECTIVE = re.compile(r"<!--\s*docschema-(?P<kind>[A-Za-z-]*[A-Za-z])(?P<codes>.*?)"
                        r"(?:\s--\s.*?)?-->")
_OPENING = re.compile(r"<!--\s*docschema-")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
END_OF_PAGE = 1 << 30
ALL = ""  # the code of a directive that names none: every code


@dataclass(frozen=True)
class Suppression:
    """One directive as written: where it is, its form, its codes (empty: all) and the lines
    it silences (``first``..``last``, inclusive)."""

    line: int
    col: int
    kind: str
    codes: tuple[str, ...]
    first: int
    last: int
    end_col: int = 0  # the column just after the comment

    @property
    def comment(self) -> str:
        codes = " ".join(self.codes)
        return f"docschema-{self.kind}{' ' if codes else ''}{codes}"

    def covers(self, diagnostic: Diagnostic) -> str | None:
        """The code (or prefix, or ALL) of this directive that silences ``diagnostic``."""
        if not self.first <= diagnostic.line <= self.last:
            return None
        if not self.codes:
            return ALL
        return next((c for c in self.codes if diagnostic.code.startswith(c)), None)


@dataclass(frozen=True)
class Problem:
    """A directive that cannot be read: an unknown code, an enable with nothing to enable."""

    line: int
    col: int
    message: str


@dataclass(frozen=True)
class PageSuppressions:
    suppressions: tuple[Suppression, ...] = ()
    problems: tuple[Problem, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.suppressions or self.problems)


NONE = PageSuppressions()


def scan(text: str) -> PageSuppressions:
    """Every suppression directive in a page's text (outside fenced code blocks)."""
    if MARK not in text:
        return NONE
    builder = _Builder()
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        if MARK in line:
            matches = list(_DIRECTIVE.finditer(line))
            for match in matches:
                builder.add(number, (match.start() + 1, match.end() + 1),
                            match.group("kind"), match.group("codes"))
            opened = _OPENING.search(line)
            if opened is not None and not matches:
                builder.problems.append(Problem(number, opened.start() + 1,
                                                "a docschema comment must open and close on "
                                                "one line; it is ignored"))
    return builder.finish()


@dataclass
class _Builder:
    done: list[Suppression] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    open: dict[str, tuple[int, tuple[int, int]]] = field(default_factory=dict)

    def add(self, line: int, span: tuple[int, int], kind: str, raw_codes: str) -> None:
        col, end = span
        if kind not in KINDS:
            self.problems.append(Problem(line, col, f"unknown directive 'docschema-{kind}' "
                                                    f"(one of: {', '.join(KINDS)}); ignored"))
            return
        codes = self._codes(line, col, raw_codes)
        if codes is None:
            return
        if kind == "disable-next-line":
            self.done.append(Suppression(line, col, kind, codes, line + 1, line + 1, end))
        elif kind == "disable-line":
            self.done.append(Suppression(line, col, kind, codes, line, line, end))
        elif kind == "disable-file":
            self.done.append(Suppression(line, col, kind, codes, 1, END_OF_PAGE, end))
        elif kind == "disable":
            for code in codes or (ALL,):
                self._close(code, line)  # a second disable of a code restarts its range
                self.open[code] = (line, span)
        else:
            self._enable(line, col, codes)

    def _codes(self, line: int, col: int, raw: str) -> tuple[str, ...] | None:
        codes = tuple(dict.fromkeys(c.upper() for c in re.split(r"[\s,]+", raw) if c))
        unknown = [c for c in codes if not c.isalnum() or not any(k.startswith(c) for k in CODES)]
        if unknown:
            self.problems.append(Problem(line, col, f"unknown code {unknown[0]!r} in a "
                                                    f"suppression comment; it is ignored"))
            return None
        return codes

    def _enable(self, line: int, col: int, codes: tuple[str, ...]) -> None:
        closing = list(self.open) if not codes else [c for c in codes if c in self.open]
        if not closing:
            what = " ".join(codes) or "any code"
            self.problems.append(Problem(line, col, f"docschema-enable of {what} follows no "
                                                    f"docschema-disable of it"))
        for code in closing:
            self._close(code, line)

    def _close(self, code: str, at: int) -> None:
        found = self.open.pop(code, None)
        if found is not None:
            line, (col, end) = found
            self.done.append(Suppression(line, col, "disable", (code,) if code else (),
                                         line + 1, at - 1, end))

    def finish(self) -> PageSuppressions:
        for code in list(self.open):
            self._close(code, END_OF_PAGE + 1)
        ordered = sorted(self.done, key=lambda s: (s.line, s.col, s.codes))
        return PageSuppressions(tuple(ordered), tuple(self.problems))


@dataclass(frozen=True)
class Outcome:
    kept: tuple[Diagnostic, ...]
    suppressed: tuple[tuple[Diagnostic, Suppression], ...]
    reports: tuple[Diagnostic, ...]  # DS601 (silences nothing) and DS602 (unreadable)


def apply(diagnostics: Sequence[Diagnostic],
          pages: Mapping[str, PageSuppressions]) -> Outcome:
    """Split ``diagnostics`` by the directives of their pages; report unused directives."""
    kept: list[Diagnostic] = []
    suppressed: list[tuple[Diagnostic, Suppression]] = []
    used: set[tuple[str, Suppression, str]] = set()
    for diagnostic in diagnostics:
        page = pages.get(diagnostic.path)
        hit = _first_cover(diagnostic, page.suppressions) if page else None
        if hit is None:
            kept.append(diagnostic)
            continue
        suppression, code = hit
        used.add((diagnostic.path, suppression, code))
        suppressed.append((diagnostic, suppression))
    reports = list(_reports(pages, used))
    return Outcome(tuple(kept), tuple(suppressed), tuple(reports))


def _first_cover(diagnostic: Diagnostic, suppressions: Iterable[Suppression]
                 ) -> tuple[Suppression, str] | None:
    for suppression in suppressions:
        code = suppression.covers(diagnostic)
        if code is not None:
            return suppression, code
    return None


def _reports(pages: Mapping[str, PageSuppressions],
             used: set[tuple[str, Suppression, str]]) -> Iterable[Diagnostic]:
    for path in sorted(pages):
        page = pages[path]
        for s in page.suppressions:
            unused = [c for c in (s.codes or (ALL,)) if (path, s, c) not in used]
            if not unused:
                continue
            what = "any finding" if unused == [ALL] else " ".join(unused)
            subject = ("the lines it covers" if s.kind == "disable" else
                       "this page" if s.kind == "disable-file" else f"line {s.first}")
            yield Diagnostic.at(SourceLocation(path, s.line, s.col), "DS601",
                                f"'{s.comment}' suppresses nothing: no {what} on {subject}")
        for problem in page.problems:
            yield Diagnostic.at(SourceLocation(path, problem.line, problem.col), "DS602",
                                problem.message)
