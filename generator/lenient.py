"""Lenient JSON for annotation comments and JSON representation blocks.

The docs' JSON is written by hand: trailing commas, ``//`` and ``/* */`` comments, ``...`` lines,
missing commas between lines, single or typographic quotes, unquoted keys and unquoted
placeholders (``"id": String``). ``parse_lenient`` first tries the standard parser; when that
fails it runs a small tolerant recursive-descent parser that records every repair it made, so
the caller can report "repaired" (info) apart from "hopeless" (warning, with the line).

``recover_top_level_members`` is the last resort for hopeless blocks: it walks the text line by
line and keeps each ``"key": value`` found at the top level of the outermost object.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_SMART_QUOTES = {"\u201c": "\u201d", "\u2018": "\u2019"}
_CLOSE_OF = {'"': '"', "'": "'", **_SMART_QUOTES}
_PUNCTUATION = "{}[]:,"
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_ELLIPSIS = re.compile(r"\.\.\.+|\u2026")


@dataclass(frozen=True)
class Member:
    """One ``key: value`` of the outermost object, with its 1-based line in the parsed text."""

    key: str
    value: Any
    line: int
    value_text: str = ""
    column: int = 1  # 1-based column of the key


@dataclass(frozen=True)
class LenientResult:
    """What parsing found: the value, the repairs it needed, or why it failed."""

    value: Any = None
    members: tuple[Member, ...] = ()  # top-level object members in order (duplicates kept)
    repairs: tuple[str, ...] = ()
    error: str | None = None
    error_line: int | None = None  # 1-based, within the parsed text

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def repaired(self) -> bool:
        return self.ok and bool(self.repairs)


class LenientJsonError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class _Token:
    kind: str  # one of "{}[]:," or "string", "number", "word", "ellipsis", "eof"
    text: str
    line: int
    start: int
    end: int
    value: Any = None


@dataclass
class _Tokenizer:
    text: str
    repairs: list[str] = field(default_factory=list)
    pos: int = 0
    line: int = 1

    def tokens(self) -> list[_Token]:
        found: list[_Token] = []
        while True:
            token = self._next()
            found.append(token)
            if token.kind == "eof":
                return found

    def _repair(self, what: str) -> None:
        if what not in self.repairs:
            self.repairs.append(what)

    def _advance_to(self, end: int) -> None:
        self.line += self.text.count("\n", self.pos, end)
        self.pos = end

    def _next(self) -> _Token:
        self._skip_space_and_comments()
        text, start = self.text, self.pos
        if start >= len(text):
            return _Token("eof", "", self.line, start, start)
        char = text[start]
        line = self.line
        if char in _PUNCTUATION:
            self._advance_to(start + 1)
            return _Token(char, char, line, start, start + 1)
        if char in _CLOSE_OF:
            value = self._string(char)
            return _Token("string", text[start:self.pos], line, start, self.pos, value)
        ellipsis = _ELLIPSIS.match(text, start)
        if ellipsis:
            self._advance_to(ellipsis.end())
            return _Token("ellipsis", ellipsis.group(), line, start, self.pos)
        number = _NUMBER.match(text, start)
        if number and not _continues_word(text, number.end()):
            self._advance_to(number.end())
            value = json.loads(number.group())
            return _Token("number", number.group(), line, start, self.pos, value)
        return self._word(line)

    def _skip_space_and_comments(self) -> None:
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char.isspace():
                self._advance_to(self.pos + 1)
            elif text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self._repair("removed // comments")
                self._advance_to(len(text) if end < 0 else end)
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                self._repair("removed /* */ comments")
                self._advance_to(len(text) if end < 0 else end + 2)
            else:
                return

    def _string(self, quote: str) -> str:
        if quote != '"':
            self._repair("replaced single or typographic quotes")
        close = _CLOSE_OF[quote]
        text, pos, start_line = self.text, self.pos + 1, self.line
        chunks: list[str] = []
        while pos < len(text):
            char = text[pos]
            if char == close or (quote in _SMART_QUOTES and char in "\u201d\u201c\""):
                self._advance_to(pos + 1)
                return "".join(chunks)
            if char == "\\" and pos + 1 < len(text):
                chunks.append(_unescape(text[pos:pos + 6]))
                pos += 6 if text[pos + 1] == "u" else 2
                continue
            if char == "\n":  # a string broken over lines: join with one space
                self._repair("joined strings broken across lines")
                pos += 1
                while pos < len(text) and text[pos] in " \t":
                    pos += 1
                chunks.append(" ")
                continue
            chunks.append(char)
            pos += 1
        raise LenientJsonError("unterminated string", start_line)

    def _word(self, line: int) -> _Token:
        """A bare run of text up to the next structural character or line end."""
        text, start = self.text, self.pos
        end = start
        while end < len(text) and text[end] not in ",:{}[]\n" and not text.startswith("//", end):
            end += 1
        word = text[start:end].rstrip()
        if not word:
            raise LenientJsonError(f"unexpected character {text[start]!r}", line)
        self._advance_to(start + len(word))
        return _Token("word", word, line, start, start + len(word), word)


def _continues_word(text: str, end: int) -> bool:
    return end < len(text) and (text[end].isalnum() or text[end] in "_-")


def _unescape(chunk: str) -> str:
    try:
        decoded: str = json.loads(f'"{chunk[:6] if chunk[1:2] == "u" else chunk[:2]}"')
    except json.JSONDecodeError:
        return chunk[1:2]
    return decoded


class _Parser:
    def __init__(self, text: str) -> None:
        tokenizer = _Tokenizer(text)
        self.tokens = tokenizer.tokens()
        self.repairs = tokenizer.repairs
        self.index = 0
        self.text = text
        self.members: list[Member] = []

    def _repair(self, what: str) -> None:
        if what not in self.repairs:
            self.repairs.append(what)

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def _take(self) -> _Token:
        token = self.tokens[self.index]
        if token.kind != "eof":
            self.index += 1
        return token

    def parse_document(self) -> Any:
        while self.current.kind == "ellipsis":
            self._take()
        value = self._value(depth=0)
        while self.current.kind in ("ellipsis", ","):
            self._take()
            self._repair("ignored text after the value")
        if self.current.kind != "eof":
            raise LenientJsonError(f"unexpected {self.current.text!r} after the value",
                                   self.current.line)
        return value

    def _value(self, depth: int) -> Any:
        token = self.current
        if token.kind == "{":
            return self._object(depth)
        if token.kind == "[":
            return self._array(depth)
        if token.kind in ("string", "number"):
            self._take()
            return token.value
        if token.kind == "word":
            self._take()
            if token.text in _LITERALS:
                return _LITERALS[token.text]
            lowered = token.text.lower()
            if lowered in _LITERALS:
                self._repair("normalised the case of true/false/null")
                return _LITERALS[lowered]
            self._repair("quoted unquoted values")
            return token.text
        if token.kind == "ellipsis":
            self._take()
            self._repair("skipped ... placeholders")
            return None
        raise LenientJsonError(f"expected a value, found {token.text or 'end of text'!r}",
                               token.line)

    def _object(self, depth: int) -> dict[str, Any]:
        self._take()
        result: dict[str, Any] = {}
        self._items("}", "unclosed object", lambda: self._member(result, depth))
        return result

    def _items(self, close: str, unclosed: str, read_item: Callable[[], None]) -> None:
        """The members of an object or the items of an array, up to and including ``close``."""
        expecting_separator = False
        while True:
            token = self.current
            if token.kind == close:
                self._take()
                return
            if token.kind == "eof":
                raise LenientJsonError(unclosed, token.line)
            if token.kind == ",":
                self._take()
                if not expecting_separator:
                    self._repair("removed extra commas")
                elif self.current.kind == close:
                    self._repair("removed trailing commas")
                expecting_separator = False
                continue
            if token.kind == "ellipsis":
                self._take()
                self._repair("skipped ... placeholders")
                continue
            if expecting_separator:
                self._repair("inserted missing commas")
            read_item()
            expecting_separator = True

    def _member(self, result: dict[str, Any], depth: int) -> None:
        key_token = self._take()
        if key_token.kind == "word":
            self._repair("quoted unquoted keys")
        elif key_token.kind != "string":
            raise LenientJsonError(f"expected a property name, found {key_token.text!r}",
                                   key_token.line)
        key = str(key_token.value)
        if self.current.kind != ":":
            raise LenientJsonError(f"expected ':' after {key!r}", self.current.line)
        self._take()
        value_start = self.current.start
        value = self._value(depth + 1)
        result[key] = value
        if depth == 0:
            value_end = self.tokens[self.index - 1].end
            value_text = self.text[value_start:value_end].strip()
            column = key_token.start - self.text.rfind("\n", 0, key_token.start)
            self.members.append(Member(key, value, key_token.line, value_text, column))

    def _array(self, depth: int) -> list[Any]:
        self._take()
        result: list[Any] = []
        self._items("]", "unclosed array", lambda: result.append(self._value(depth + 1)))
        return result


def parse_lenient(text: str, want_members: bool = True) -> LenientResult:
    """Parse ``text`` as JSON, repairing what the docs commonly get wrong.

    Never raises: a hopeless text gives a result with ``error`` and ``error_line`` set.
    ``want_members=False`` skips locating the top-level members (``members`` is then empty),
    which lets valid JSON take the standard parser's fast path.
    """
    if not want_members:
        try:
            return LenientResult(value=json.loads(text))
        except (ValueError, RecursionError):
            pass
    try:
        parser = _Parser(text)
        value = parser.parse_document()
    except LenientJsonError as error:
        return LenientResult(error=str(error), error_line=error.line)
    except RecursionError:
        return LenientResult(error="nested too deeply", error_line=1)
    repairs = tuple(parser.repairs)
    if repairs:
        try:
            json.loads(text)
        except ValueError:
            pass
        else:  # the standard parser agrees; nothing was really repaired
            repairs = ()
    return LenientResult(value=value, members=tuple(parser.members), repairs=repairs)


_MEMBER_LINE = re.compile(
    r"""^\s*["'\u201c]?(?P<key>[^"'\u201d:]+?)["'\u201d]?\s*:\s*(?P<value>.*?)\s*,?\s*$""")


def recover_top_level_members(text: str) -> tuple[Member, ...]:
    """Keys of the outermost object found line by line, for text that does not parse at all.

    A line is a top-level member when it starts at nesting depth 1 (inside the outermost
    braces, outside any nested value). Each value is parsed leniently on its own; a value
    spanning several lines keeps only its first line's text (its value is then ``None``
    unless that line alone parses).
    """
    members: list[Member] = []
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        code = _without_strings_and_comments(line)
        if depth == 1:
            match = _MEMBER_LINE.match(line)
            if match and not match.group("key").strip().startswith(("{", "[")):
                value_text = match.group("value").rstrip(",").strip()
                parsed = parse_lenient(value_text) if value_text else LenientResult()
                column = len(line) - len(line.lstrip()) + 1
                members.append(Member(match.group("key").strip(), parsed.value, number,
                                      value_text, column))
        depth += sum(code.count(c) for c in "{[") - sum(code.count(c) for c in "}]")
        depth = max(depth, 0)
    return tuple(members)


def _without_strings_and_comments(line: str) -> str:
    line = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)
    return line.split("//", 1)[0]
