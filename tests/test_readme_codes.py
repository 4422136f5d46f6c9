"""The README's table of diagnostic codes is `docschema codes --markdown`, verbatim."""

from __future__ import annotations

from pathlib import Path

from generator.report import codes_table

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- codes:start -->\n", "<!-- codes:end -->"


def readme_table() -> str:
    text = README.read_text(encoding="utf-8")
    assert START in text and END in text, "the README lost its codes markers"
    return text.split(START, 1)[1].split(END, 1)[0]


def test_readme_codes_table_matches_the_registry() -> None:
    assert readme_table() == codes_table(markdown=True), (
        "README.md's code table is stale: paste `docschema codes --markdown` between the "
        "codes markers")
