"""Black as a library, and a conservative check that lets black-stable text skip it.

Black is slow per module (for a corpus, far more than the whole run's budget), although the
templates already write black's own layout (``BlackLayout`` below). :func:`black_stable`
recognises text made only of the statement shapes the templates write, each exactly as
``BlackLayout`` / :func:`docstring` lay it out, every code line ASCII and within 88 columns,
joined by the blank lines black itself puts there; such text is returned unchanged, anything
else goes through ``black.format_str`` with the CLI's default mode. The check rejects rather
than guesses: a template change that writes a new shape simply sends its modules to black.
``tests/test_emit_python.py`` proves, for every module of the v1.0 and beta packages, that
the text the check accepts is exactly black's output, and that mutated text is rejected or
black-stable. A process pool alone would not do: black's CPU time for a corpus, split over
two cores, is still over the whole run's budget, while the check is cheap and its output is
black's, verified.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Mapping, Sequence

from generator.parallel import pool_map, workers

# Black is imported only when a text needs it: most runs format nothing.
LINE_LENGTH = 88
# Below this many modules to format, starting worker processes costs more than it saves.
POOL_THRESHOLD = 64


def format_source(source: str) -> str:
    """``source`` as the black CLI would write it (unchanged when already formatted)."""
    import black

    # The black CLI's default: line length 88, target versions inferred per file, magic
    # trailing comma honoured, string normalisation on.
    return black.format_str(source, mode=black.Mode())


def worker_count(jobs: int, pending: int) -> int:
    """Processes to use for ``pending`` modules; ``jobs`` 0 means "as many as pays off"."""
    if pending < POOL_THRESHOLD:
        return 1
    return max(1, min(workers(jobs), pending // POOL_THRESHOLD))


def format_sources(sources: Mapping[str, str], jobs: int = 0) -> dict[str, str]:
    """Every source (path → text) as black writes it; black-stable texts skip black."""
    result = {path: text for path, text in sources.items() if black_stable(text)}
    pending = sorted(path for path in sources if path not in result)
    formatted = pool_map(format_source, [sources[path] for path in pending],
                         worker_count(jobs, len(pending)), 16)
    result.update(zip(pending, formatted, strict=True))
    return {path: result[path] for path in sources}


# --------------------------------------------------------------------------------------------
# Docstrings
# --------------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # escaped in docstrings and string literals


@functools.lru_cache(maxsize=1 << 16)  # the black-stable check asks again for each one
def docstring(text: str, indent: int) -> str:
    """A triple-quoted docstring of plain ``text``, wrapped to black's line length.

    Whitespace runs collapse to one space; backslashes, ``\"\"\"`` and a final quote are
    escaped (black then separates that quote from the closing ones by a space), so any text
    yields a valid literal. Empty text gives "".
    """
    plain = " ".join(_CONTROL.sub(" ", text).split())
    if not plain:
        return ""
    escaped = plain.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if escaped.endswith('"'):
        escaped = escaped[:-1] + '\\" '  # black adds the space itself otherwise
    if escaped.startswith('"'):
        escaped = " " + escaped  # likewise: black keeps a quote off the opening quotes
    pad = " " * indent
    if indent + len(escaped) + 6 <= LINE_LENGTH:
        return f'{pad}"""{escaped}"""'
    lines = textwrap.wrap(
        escaped,
        width=LINE_LENGTH - indent,
        initial_indent='"""',
        break_long_words=False,
        break_on_hyphens=False,
    )
    if len(lines) == 1:  # black keeps a one-line docstring on one line, whatever its length
        return f'{pad}{lines[0]}"""'
    body = "\n".join(f"{pad}{line}" for line in lines)
    return f'{body}\n{pad}"""'


class BlackLayout:
    """Black's own layout for the few statement shapes the Python templates emit.

    Text that is already black-formatted formats about twice as fast, so the templates call
    these (as ``layout.<name>(...)``) instead of writing long lines for black to split. A shape
    they do not cover stays on one line and black splits it; correctness never depends on them.
    Each returns the statement's lines joined by newlines, without a final newline.
    """

    line_length = 88

    def fits(self, line: str) -> bool:
        return len(line) <= self.line_length

    def call(self, head: str, args: Sequence[str], indent: str = "") -> str:
        """``head`` ends with the opening bracket: ``name = f(``."""
        one_line = f"{indent}{head}{', '.join(args)})"
        middle = f"{indent}    {', '.join(args)}"
        if self.fits(one_line) or not self.fits(indent + head):
            return one_line
        if self.fits(middle):
            return f"{indent}{head}\n{middle}\n{indent})"
        exploded = "".join(f"{indent}    {arg},\n" for arg in args)
        return f"{indent}{head}\n{exploded}{indent})"

    def assign_call(
        self, name: str, annotation: str, function: str, args: Sequence[str], indent: str
    ) -> str:
        """``name: annotation = function(args)``.

        When even ``... = function(`` is too long, black wraps the right-hand side in
        parentheses if ``... = (`` fits, and otherwise the annotation.
        """
        target = f"{name}: {annotation}"
        head = f"{target} = {function}("
        if self.fits(f"{indent}{head}{', '.join(args)})") or self.fits(indent + head):
            return self.call(head, args, indent)
        if self.fits(f"{indent}{target} = ("):
            inner = self.call(f"{function}(", args, indent + "    ")
            return f"{indent}{target} = (\n{inner}\n{indent})"
        if self.fits(f"{indent}    {annotation}"):
            rest = self.call(f") = {function}(", args, indent)
            return f"{indent}{name}: (\n{indent}    {annotation}\n{rest}"
        return self.call(head, args, indent)

    def class_header(self, name: str, base: str) -> str:
        one_line = f"class {name}({base}):"
        return one_line if self.fits(one_line) else f"class {name}(\n    {base}\n):"

    def from_import(self, module: str, imported: str, indent: str = "") -> str:
        one_line = f"{indent}from {module} import {imported}"
        if self.fits(one_line):
            return one_line
        return f"{indent}from {module} import (\n{indent}    {imported},\n{indent})"

    def constant(self, target: str, value: str, indent: str = "") -> str:
        """``target = value`` where value is an atom (a string literal).

        Too long, it goes in parentheses on its own line if it fits there, or whatever its
        length when the target holds brackets (black then prefers splitting the right side).
        """
        one_line = f"{indent}{target} = {value}"
        if self.fits(one_line) or not (self.fits(f"{indent}    {value}") or "[" in target):
            return one_line
        return f"{indent}{target} = (\n{indent}    {value}\n{indent})"


LAYOUT = BlackLayout()


# --------------------------------------------------------------------------------------------
# The black-stable check
# --------------------------------------------------------------------------------------------

# Characters that end a line for black or str.splitlines but not for Python, tabs (black
# expands them), backslashes (escapes black may rewrite) and other controls: any → black.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\\\u2028\u2029]")
_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_DOTTED = rf"{_IDENT}(?:\.{_IDENT})*"
_STRING = r'"[^"]*"'  # no backslash anywhere (see _UNSAFE), so no escapes
_STRING_RE = re.compile(_STRING)
_IMPORT = re.compile(rf"(?P<indent>(?:    )?)import (?P<module>{_DOTTED})")
_FROM = re.compile(
    rf"(?P<indent>(?:    )?)from (?P<module>{_DOTTED}) import (?P<name>{_IDENT}(?: as {_IDENT})?)"
)
_CLASS = re.compile(rf"class (?P<name>{_IDENT})\((?P<base>{_DOTTED})\):")
_FIELD = re.compile(
    rf"    (?P<name>{_IDENT}): (?P<annotation>(?:list\[{_DOTTED}\]|{_DOTTED}) \| None)"
    rf" = _runtime\.prop\((?P<args>{_STRING}, {_STRING}(?:, many=True)?)\)"
)
_ARGUMENT = re.compile(rf"{_STRING}|many=True")
_CONSTANT = re.compile(
    rf"(?P<indent>(?:    )?)(?P<target>ODATA_TYPE: typing\.ClassVar\[str\]|{_IDENT})"
    rf" = (?P<value>{_STRING}|-?(?:0|[1-9][0-9]*))"
)
# Dict displays the templates write exploded, one entry per line with a trailing comma (a
# magic trailing comma: black keeps them exploded whatever their length).
_DICT_OPEN = re.compile(
    r"(?P<indent>(?:    )?)"
    r"(?:__wire_names__|(?:TYPES|_CLASS_MODULES): dict\[str, str\]) = (?P<open>\{)"
    r"|(?P<list>__all__) = (?P<open_list>\[)"
)
_DICT_ENTRY = re.compile(rf"(?P<indent>(?:    )?)    {_STRING}: {_STRING},")
_LIST_ENTRY = re.compile(rf"(?P<indent>)    {_STRING},")
# frozenset({...}) exploded by its magic trailing comma: opening and closing lines.
_SET_HEAD = ("_SUBPACKAGES: frozenset[str] = frozenset(", "    {")
_SET_TAIL = ("    }", ")")
_SET_ENTRY = re.compile(rf"        {_STRING},")
_FIXED = {
    "from __future__ import annotations": "future",
    "if typing.TYPE_CHECKING:": "if",
    "    pass": "pass1",
    "@dataclasses.dataclass(kw_only=True)": "decorator",
    "_SUBPACKAGES: frozenset[str] = frozenset()": "dict0",
}
# (previous statement, statement) → the blank lines black puts between them. A pair not listed
# is a shape the check does not know: the text goes to black.
_BLANK_LINES: dict[tuple[str, str], frozenset[int]] = {
    ("start", "future"): frozenset({0}),
    ("start", "doc0"): frozenset({0}),
    ("doc0", "future"): frozenset({1}),
    ("doc0", "dict0"): frozenset({1}),
    ("import1", "dict0"): frozenset({1}),
    ("pass1", "dict0"): frozenset({1}),
    ("dict0", "dict0"): frozenset({0, 1}),
    ("dict0", "def0"): frozenset({2}),
    ("def0", "def0"): frozenset({2}),
    ("future", "import0"): frozenset({1}),
    ("import0", "import0"): frozenset({0, 1}),
    ("import0", "if"): frozenset({1}),
    ("import0", "decorator"): frozenset({2}),
    ("import0", "class"): frozenset({2}),
    ("if", "import1"): frozenset({0}),
    ("if", "pass1"): frozenset({0}),
    ("import1", "import1"): frozenset({0, 1}),
    ("import1", "decorator"): frozenset({2}),
    ("import1", "class"): frozenset({2}),
    ("pass1", "decorator"): frozenset({2}),
    ("decorator", "class"): frozenset({0}),
    ("class", "doc1"): frozenset({0}),
    ("doc1", "constant1"): frozenset({1}),
    ("doc1", "field1"): frozenset({1}),
    ("doc1", "dict1"): frozenset({1}),
    ("constant1", "doc1"): frozenset({0}),
    ("constant1", "constant1"): frozenset({1}),
    ("constant1", "field1"): frozenset({1}),
    ("field1", "doc1"): frozenset({0}),
    ("field1", "field1"): frozenset({1}),
    ("dict1", "constant1"): frozenset({1}),
}
_LAST = frozenset({"doc1", "constant1", "field1", "dict0", "dict1", "def0"})
# A docstring's own kind depends on what it documents: a class's docstring cannot follow one.
_AFTER_CLASS_DOC = frozenset({"constant1", "field1", "dict1"})


class _Reject(Exception):
    """The text holds something the check does not recognise."""


def black_stable(source: str) -> bool:
    """True only when ``black.format_str(source, mode=black.Mode()) == source`` by construction.

    False means "not known", never "black would change it": the caller formats with black.
    """
    if not source.endswith("\n") or source.endswith("\n\n") or _UNSAFE.search(source):
        return False
    try:
        _check_statements(source[:-1].split("\n"))
    except _Reject:
        return False
    return True


def _check_statements(lines: list[str]) -> None:
    previous, blanks, index = "start", 0, 0
    class_doc_seen = True
    while index < len(lines):
        line = lines[index]
        if not line:
            blanks, index = blanks + 1, index + 1
            continue
        kind, end = _statement(lines, index)
        if kind == "doc1" and previous == "class":
            class_doc_seen = False
        elif kind == "doc1" and not class_doc_seen:
            raise _Reject
        if kind in _AFTER_CLASS_DOC:
            class_doc_seen = True
        if blanks not in _BLANK_LINES.get((previous, kind), frozenset()):
            raise _Reject
        previous, blanks, index = kind, 0, end
    if previous not in _LAST or blanks:
        raise _Reject


def _statement(lines: list[str], index: int) -> tuple[str, int]:
    """(kind, index after the statement) of the statement starting at ``lines[index]``."""
    line = lines[index]
    if line in _FIXED:
        return _FIXED[line], index + 1
    stripped = line.lstrip(" ")
    depth = (len(line) - len(stripped)) // 4
    if stripped.startswith('"""'):
        return _docstring(lines, index, depth)
    if (match := _DICT_OPEN.fullmatch(line)) is not None:
        return _dict(lines, index, depth, _LIST_ENTRY if match["list"] else _DICT_ENTRY)
    if tuple(lines[index : index + 2]) == _SET_HEAD:
        return _set(lines, index)
    if line.startswith("def "):
        return _function(lines, index)
    end = _statement_end(lines, index)
    text = "\n".join(lines[index:end])
    # One line must fit; a split statement is BlackLayout's split, where black too leaves an
    # atom that cannot be split (a long string or name) on its own over-long line.
    if not text.isascii() or (end == index + 1 and len(line) > LINE_LENGTH):
        raise _Reject
    joined = _joined(lines[index:end])
    for kind, expected in _layouts(joined):
        if expected == text:
            return kind, end
    raise _Reject


def _statement_end(lines: list[str], index: int) -> int:
    """The index after a statement: brackets opened on its lines are closed again."""
    depth = 0
    for end in range(index, len(lines)):
        code = lines[end]
        if '"' in code:
            code = _STRING_RE.sub("S", code)
            if '"' in code:
                raise _Reject
        depth += code.count("(") + code.count("[") + code.count("{")
        depth -= code.count(")") + code.count("]") + code.count("}")
        if depth < 0:
            raise _Reject
        if depth == 0:
            return end + 1
    raise _Reject


def _joined(lines: list[str]) -> str:
    """A statement split over lines as one line (exploded trailing commas dropped)."""
    if len(lines) == 1:
        return lines[0]
    indent = lines[0][: len(lines[0]) - len(lines[0].lstrip(" "))]
    text = " ".join(line.strip() for line in lines)
    for split, whole in (("( ", "("), (" )", ")"), (",)", ")")):
        text = text.replace(split, whole)
    # Parentheses black adds around a part too long for its line: "import (", " = (", ": (".
    text = re.sub(r"^(from \S+ import )\((.*)\)$", r"\1\2", text)
    text = re.sub(r"^([^=]* = )\((.*)\)$", r"\1\2", text)
    text = re.sub(r"^(\w+: )\(([^()]*)\)( = .*)$", r"\1\2\3", text)
    return indent + text


def _layouts(joined: str) -> list[tuple[str, str]]:
    """(kind, text as BlackLayout lays it out) for each shape ``joined`` has."""
    found: list[tuple[str, str]] = []
    if match := _IMPORT.fullmatch(joined):
        found.append((f"import{len(match['indent']) // 4}", joined))
    if match := _FROM.fullmatch(joined):
        kind = f"import{len(match['indent']) // 4}"
        found.append((kind, LAYOUT.from_import(match["module"], match["name"], match["indent"])))
    if match := _CLASS.fullmatch(joined):
        found.append(("class", LAYOUT.class_header(match["name"], match["base"])))
    if match := _FIELD.fullmatch(joined):
        args = _ARGUMENT.findall(match["args"])
        if ", ".join(args) == match["args"]:
            layout = LAYOUT.assign_call(
                match["name"], match["annotation"], "_runtime.prop", args, "    "
            )
            found.append(("field1", layout))
    if match := _CONSTANT.fullmatch(joined):
        kind = f"constant{len(match['indent']) // 4}"
        found.append((kind, LAYOUT.constant(match["target"], match["value"], match["indent"])))
    return found


def _docstring(lines: list[str], index: int, depth: int) -> tuple[str, int]:
    """A docstring exactly as :func:`docstring` writes it for its own text."""
    pad = " " * (4 * depth)
    end = index
    while not (lines[end].endswith('"""') and (end > index or len(lines[end]) >= len(pad) + 6)):
        end += 1
        if end == len(lines) or not lines[end].startswith(pad):
            raise _Reject
    if end == index and _single_line_docstring(lines[index], pad):
        return f"doc{depth}", end + 1
    body = [line.strip() for line in lines[index : end + 1]]
    text = " ".join(body)[3:-3].strip()
    if not text or text[0] == '"' or text[-1] == '"' or '"""' in text:
        raise _Reject
    written = "\n".join(lines[index : end + 1])
    if docstring(text, 4 * depth) != written:
        raise _Reject
    return f"doc{depth}", end + 1


def _dict(
    lines: list[str], index: int, depth: int, entry: re.Pattern[str]
) -> tuple[str, int]:
    """An exploded dict or list display of strings, every line ASCII and within the limit."""
    pad = " " * (4 * depth)
    closing = pad + ("]" if entry is _LIST_ENTRY else "}")
    end = index + 1
    while end < len(lines) and lines[end] != closing:
        match = entry.fullmatch(lines[end])
        if match is None or match["indent"] != pad:
            raise _Reject
        end += 1
    if end == index + 1 or end == len(lines):
        raise _Reject
    # An entry too long for its line stays as it is: black cannot split two string atoms.
    if len(lines[index]) > LINE_LENGTH or not all(line.isascii() for line in lines[index:end]):
        raise _Reject
    return f"dict{depth}", end + 1


def _set(lines: list[str], index: int) -> tuple[str, int]:
    """``_SUBPACKAGES`` as the package template writes it: frozenset of an exploded set."""
    end = index + 2
    while end < len(lines) and _SET_ENTRY.fullmatch(lines[end]):
        end += 1
    if end == index + 2 or tuple(lines[end : end + 2]) != _SET_TAIL:
        raise _Reject
    if any(len(line) > LINE_LENGTH or not line.isascii() for line in lines[index:end]):
        raise _Reject
    return "dict0", end + 2


def _function(lines: list[str], index: int) -> tuple[str, int]:
    """A top-level function whose text black leaves unchanged when formatted on its own.

    Black lays a top-level ``def`` out independently of the statements around it, apart
    from the two blank lines it puts before it (checked by the caller); the functions are
    the package template's fixed text, so the verdict is cached.
    """
    end = index + 1
    while end < len(lines) and (not lines[end] or lines[end].startswith("    ")):
        end += 1
    while not lines[end - 1]:
        end -= 1
    block = lines[index:end]
    if any(len(line) > LINE_LENGTH or not line.isascii() for line in block):
        raise _Reject
    if not _function_stable("\n".join(block) + "\n"):
        raise _Reject
    return "def0", end


@functools.lru_cache(maxsize=64)
def _function_stable(source: str) -> bool:
    return format_source(source) == source


def _single_line_docstring(line: str, pad: str) -> bool:
    """One line of any length: black strips it and pads a leading or trailing quote only."""
    text = line[len(pad) + 3 : -3]
    return bool(text) and text == text.strip() and '"' not in (text[0], text[-1])
