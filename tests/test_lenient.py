"""Lenient JSON: what the docs' annotations and JSON blocks get wrong, and what stays hopeless."""

from __future__ import annotations

import pytest

from generator.lenient import parse_lenient, recover_top_level_members


def test_strict_json_needs_no_repair() -> None:
    result = parse_lenient('{"a": 1, "b": [true, null], "c": {"d": "x"}}')
    assert result.ok and not result.repaired
    assert result.value == {"a": 1, "b": [True, None], "c": {"d": "x"}}
    assert [(m.key, m.line) for m in result.members] == [("a", 1), ("b", 1), ("c", 1)]


@pytest.mark.parametrize(
    ("text", "value", "repair"),
    [
        ('{"a": 1,}', {"a": 1}, "removed trailing commas"),
        ('{"a": [1, 2,],}', {"a": [1, 2]}, "removed trailing commas"),
        ('{\n "a": 1 // note\n}', {"a": 1}, "removed // comments"),
        ('{"a": /* x */ 1}', {"a": 1}, "removed /* */ comments"),
        ('{\n "a": 1\n "b": 2\n}', {"a": 1, "b": 2}, "inserted missing commas"),
        ("{'a': 'b'}", {"a": "b"}, "replaced single or typographic quotes"),
        ("{\u201ca\u201d: \u201cb\u201d}", {"a": "b"}, "replaced single or typographic quotes"),
        ("{a: 1}", {"a": 1}, "quoted unquoted keys"),
        ('{"id": String (identifier)}', {"id": "String (identifier)"}, "quoted unquoted values"),
        ('{"a": 1,\n ...\n}', {"a": 1}, "skipped ... placeholders"),
        ('{"a": 1,\n \u2026\n}', {"a": 1}, "skipped ... placeholders"),
        ('{"a": True}', {"a": True}, "normalised the case of true/false/null"),
        # calculatedcolumn.md: an annotation string broken over two lines
        ('{"s": ["Warning: x.md:\n      Found enums"]}', {"s": ["Warning: x.md: Found enums"]},
         "joined strings broken across lines"),
    ],
)
def test_repairs(text: str, value: object, repair: str) -> None:
    result = parse_lenient(text)
    assert result.ok, result.error
    assert result.value == value
    assert repair in result.repairs


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{\n "a": 1\n}\n"b": 2\n}', 4),  # closed too early (temporaryaccesspass... page)
        ('{\n "a": 1,\n "b": {\n', 4),  # never closed
        ('{\n "a"\n}', 3),  # key without value
    ],
)
def test_hopeless_text_reports_the_line(text: str, line: int) -> None:
    result = parse_lenient(text)
    assert not result.ok
    assert result.error_line == line


def test_member_lines_and_value_text() -> None:
    text = ('{\n  "id": "String (identifier)",\n  "tags": ["String"],\n'
            '  "x": {"@odata.type": "y"}\n}')
    members = parse_lenient(text).members
    assert [(m.key, m.line, m.column, m.value_text) for m in members] == [
        ("id", 2, 3, '"String (identifier)"'),
        ("tags", 3, 3, '["String"]'),
        ("x", 4, 3, '{"@odata.type": "y"}'),
    ]


def test_nested_members_are_not_top_level() -> None:
    members = parse_lenient('{"a": {"b": 1}, "c": 2}').members
    assert [m.key for m in members] == ["a", "c"]


def test_recover_keeps_top_level_keys_of_hopeless_text() -> None:
    text = '{\n "a": "String",\n "b": {\n   "inner": 1\n },\n "c": [1, 2\n'
    members = recover_top_level_members(text)
    assert [(m.key, m.line) for m in members] == [("a", 2), ("b", 3), ("c", 6)]
    assert members[0].value == "String"
    assert members[1].value is None  # "{" alone: its type is not known from one line
