"""Name fuzzing: real pages with hostile or mistyped names, and the run's invariants (issue 15).

Each run copies real pages unchanged (their types must all be written) and adds mutated copies
of them: each copy's type is renamed to a fresh name, then one place of it gets a bad name:
the ``@odata.type`` annotation, the title, a link's text or target, a table cell (a property
or member name, a type cell), a base type, the Namespace line, or a row repeated in another
case. The bad names: path traversal, separators, spaces, control and invisible characters,
very long names (too long, and valid but too long for a file name), reserved Python module
names, valid Unicode names. Every run must hold ``name_invariants``: nothing written outside
--out, every path one the write stage accepts (its refusal is unreachable), flat JSON Schema,
valid OpenAPI keys, $refs and document, the Python package importable, no internal error,
nothing declared dropped without a diagnostic.

A bounded run is part of the suite. A longer one: ``DOCSCHEMA_FUZZ_RUNS=80
DOCSCHEMA_FUZZ_PAGES=25 python -m pytest tests/test_fuzz_names.py -q`` (2,000 mutated pages;
``DOCSCHEMA_FUZZ_SEED`` picks another sequence, ``DOCSCHEMA_FUZZ_MYPY_EVERY`` how often the
package also goes through mypy --strict).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from name_invariants import (
    Run,
    assert_members_kept,
    assert_run_invariants,
    declaring_pages,
    files_under,
    parsed_pages,
    python_package_imports,
    python_package_passes_mypy,
    run_generate,
)

FIXTURES = Path(__file__).parent / "fixtures" / "badnames"
# Real pages (see fixtures/badnames/README.md) and the name each declares.
BASES = {
    "identity.md": "identity", "identityset.md": "identitySet", "thumbnail.md": "thumbnail",
    "chatinfo.md": "chatInfo", "intune-apps-runasaccounttype.md": "runAsAccountType",
    "entity.md": "entity",
}
RUNS = int(os.environ.get("DOCSCHEMA_FUZZ_RUNS", "3"))
PAGES = int(os.environ.get("DOCSCHEMA_FUZZ_PAGES", "12"))
SEED = int(os.environ.get("DOCSCHEMA_FUZZ_SEED", "15"))
MYPY_EVERY = int(os.environ.get("DOCSCHEMA_FUZZ_MYPY_EVERY", "0"))  # 0: the first run only

BAD_NAMES: dict[str, tuple[str, ...]] = {
    "traversal": ("../../../outside/x", "..", "../x", "/etc/passwd", "a/../../b", "C:\\x",
                  "x/..", "./x"),
    "separator": ("a/b", "a\\b", "a:b", "a..b", ".a", "a.", "a|b", "a*b", "a?b", 'a"b', "a<b>",
                  "a#b", "a%2fb", "a;b", "a,b", "a-b"),
    "space": ("with space", " lead", "trail ", "a\tb", "a\u00a0b", "a\u3000b"),
    "control": ("a\x00b", "a\x1fb", "a\x7fb", "a\u200bb", "a\u202eb", "a\nb", "a\rb",
                "\ufeffa", "a\x1b[31mb"),
    "long": ("x" * 300, "y" * 129, "z" * 128, "é" * 128, "aB" * 64, "a" * 1000,
             ".".join(["seg"] * 130), "n" * 120 + "." + "m" * 120),
    "reserved": ("_runtime", "_registry", "__init__", "typing", "importlib", "class", "None",
                 "self", "py", "sorted", "globals", "getattr", "datetime", "enum", "to_dict",
                 "__pycache__", "con", "nul", "CON", "aux"),
    "unicode": ("café", "名前", "Ωmega", "a\u0301b", "ŁódźType", "𝔘nicode"),
    "digit": ("1abc", "9", "0x10"),
}
SITES = ("annotation", "title", "link", "cell", "type-cell", "basetype", "namespace", "case")

_ANNOTATION = re.compile(r'("@odata\.type"\s*:\s*")([^"]*)(")')
_H1 = re.compile(r"^# .*$", re.MULTILINE)
_FRONT_TITLE = re.compile(r'^title: .*$', re.MULTILINE)
_NAMESPACE = re.compile(r"^Namespace: .*$", re.MULTILINE)
_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*\.md)\)")
_ROW = re.compile(r"^\|(?!\s*:?-)([^|\n]*)\|([^|\n]*)\|(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Mutation:
    page: str
    base: str
    site: str
    kind: str
    name: str

    def __str__(self) -> str:
        return f"{self.page} ({self.base}) {self.site} {self.kind} {self.name!r}"


def _json_escaped(text: str) -> str:
    return json.dumps(text)[1:-1]


def _cell(text: str) -> str:
    """A bad name as a table cell holds it (a pipe would end the cell: escaped as markdown)."""
    return text.replace("|", "\\|")


def _renamed(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, text, flags=re.IGNORECASE)


def _rows(text: str) -> list[re.Match[str]]:
    return [row for row in _ROW.finditer(text)
            if row.group(1).strip().lower() not in ("property", "member", "name", "value")]


def _sub_at(text: str, match: re.Match[str], group: int, value: str) -> str:
    return text[:match.start(group)] + value + text[match.end(group):]


def _annotation(text: str, bad: str, rng: random.Random) -> str:
    prefix = rng.choice(("microsoft.graph.", "", "#microsoft.graph."))
    found = _ANNOTATION.search(text)
    if found is None:
        return _title(text, bad, rng)
    return _sub_at(text, found, 2, _json_escaped(prefix + bad))


def _title(text: str, bad: str, rng: random.Random) -> str:
    kind = rng.choice(("resource type", "enum type", "complex type"))
    text = _H1.sub(lambda _: f"# {bad} {kind}".replace("\n", " "), text, count=1)
    return _FRONT_TITLE.sub(lambda _: f"title: {json.dumps(f'{bad} {kind}')}", text, count=1)


def _link(text: str, bad: str, rng: random.Random) -> str:
    links = list(_LINK.finditer(text))
    if not links:
        return _cell_name(text, bad, rng)
    chosen = rng.choice(links)
    group = rng.choice((1, 2))
    value = _cell(bad) if group == 1 else bad.replace(")", "%29") + ".md"
    return _sub_at(text, chosen, group, value.replace("\n", " "))


def _cell_name(text: str, bad: str, rng: random.Random) -> str:
    rows = _rows(text)
    if not rows:
        return _annotation(text, bad, rng)
    return _sub_at(text, rng.choice(rows), 1, f" {_cell(bad)} ".replace("\n", " "))


def _type_cell(text: str, bad: str, rng: random.Random) -> str:
    rows = _rows(text)
    if not rows:
        return _annotation(text, bad, rng)
    return _sub_at(text, rng.choice(rows), 2, f" {_cell(bad)} ".replace("\n", " "))


def _basetype(text: str, bad: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        found = _ANNOTATION.search(text)
        if found is not None:
            return text[:found.start()] + f'"baseType": "{_json_escaped(bad)}", ' \
                + text[found.start():]
    line = f"\nInherits from [{_cell(bad)}]({bad.replace(')', '%29')}.md).\n".replace("\n", " ")
    return _NAMESPACE.sub(lambda m: m.group() + "\n\n" + line.strip() + "\n", text, count=1)


def _namespace(text: str, bad: str, rng: random.Random) -> str:
    value = rng.choice(("microsoft.graph.", "")) + bad
    return _NAMESPACE.sub(lambda _: f"Namespace: {value}".replace("\n", " "), text, count=1)


def _case(text: str, bad: str, rng: random.Random) -> str:
    """A row again, its name in another case (an enum member with another value)."""
    rows = _rows(text)
    if not rows:
        return text
    row = rng.choice(rows)
    name = row.group(1).strip()
    swapped = name.swapcase() if rng.random() < 0.7 else name.upper()
    value = row.group(2)
    if value.strip().isdigit():
        value = f" {int(value) + 1000} "
    again = f"|{swapped}|{value}|{row.group(3)}"
    return text[:row.end()] + "\n" + again + text[row.end():]


MUTATORS: dict[str, Callable[[str, str, random.Random], str]] = {
    "annotation": _annotation, "title": _title, "link": _link, "cell": _cell_name,
    "type-cell": _type_cell, "basetype": _basetype, "namespace": _namespace, "case": _case,
}


def mutated_pages(run: int, count: int, seed: int) -> list[tuple[Mutation, str]]:
    rng = random.Random(f"{seed}-{run}")
    pages = []
    for index in range(count):
        base = rng.choice(sorted(BASES))
        site = rng.choice(SITES)
        kind = rng.choice(sorted(BAD_NAMES))
        bad = rng.choice(BAD_NAMES[kind])
        if site == "case" or rng.random() < 0.15:  # a case collision with the original name
            kind, bad = "case", BASES[base].swapcase()
        original = (FIXTURES / base).read_text(encoding="utf-8")
        fresh = f"fuzz{run}x{index}{BASES[base]}"
        text = MUTATORS[site](_renamed(original, BASES[base], fresh), bad, rng)
        name = f"m{run:03d}-{index:03d}.md"
        pages.append((Mutation(name, base, site, kind, bad), text))
    return pages


def _record(run_index: int, mutations: list[tuple[Mutation, str]], run: Run,
            checked_mypy: bool) -> None:
    """With DOCSCHEMA_FUZZ_STATS=<file>: one JSON line per run (what was tried, what came)."""
    target = os.environ.get("DOCSCHEMA_FUZZ_STATS")
    if not target:
        return
    codes = Counter(d.code for d in run.diagnostics if d.code.startswith("DS13")
                    or d.severity.value == "error")
    line = {"run": run_index, "pages": len(mutations), "mypy": checked_mypy,
            "sites": Counter(m.site for m, _ in mutations),
            "kinds": Counter(m.kind for m, _ in mutations), "codes": codes,
            "types": len(run.model.types), "enums": len(run.model.enums),
            "files": len(run.result.hashes)}
    with open(target, "a", encoding="utf-8") as stats:
        stats.write(json.dumps(line, sort_keys=True) + "\n")


@pytest.fixture(scope="module")
def intact_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    root = tmp_path_factory.mktemp("intact")
    for base in BASES:
        shutil.copy(FIXTURES / base, root / base)
    run = run_generate(root, tmp_path_factory.mktemp("intact-out"))
    return {t.qualified_name for t in (*run.model.types, *run.model.enums)}


@pytest.mark.parametrize("run_index", range(RUNS))
def test_name_mutations_keep_every_invariant(run_index: int, tmp_path: Path,
                                             intact_names: set[str]) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for base in BASES:
        shutil.copy(FIXTURES / base, src / base)
    mutations = mutated_pages(run_index, PAGES, SEED)
    for mutation, text in mutations:
        (src / mutation.page).write_text(text, encoding="utf-8")
    before = files_under(tmp_path)
    version = "3.1" if run_index % 2 else "3.0.4"
    applied = "\n".join(str(m) for m, _ in mutations)
    try:
        run = run_generate(src, tmp_path / "out", version)
        created = files_under(tmp_path) - before
        assert all(p == "out" or p.startswith("out/") for p in created), created
        written = {t.qualified_name for t in (*run.model.types, *run.model.enums)}
        assert intact_names <= written, intact_names - written
        pages = parsed_pages(src)
        assert_run_invariants(run, declaring_pages(pages), version)
        assert_members_kept(run, pages)
        python_package_imports(run.out)
        checked_mypy = (run_index == 0 and MYPY_EVERY == 0) \
            or bool(MYPY_EVERY and run_index % MYPY_EVERY == 0)
        if checked_mypy:
            python_package_passes_mypy(run.out)
        _record(run_index, mutations, run, checked_mypy)
    except BaseException as error:
        raise AssertionError(f"run {run_index} (seed {SEED}) failed; mutations:\n{applied}"
                             ) from error
