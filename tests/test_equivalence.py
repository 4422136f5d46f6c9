"""Incremental runs write what a cold run writes: random sequences of real edits to a copy of
specs/' resource and API pages, after each of which the cached run's tree must equal a
``--no-cache`` run's tree byte for byte, and ``check`` must agree.

Hypothesis is seeded (``derandomize``): CI runs ``DOCSCHEMA_EQUIV_EXAMPLES`` sequences (default
5); a long run sets it higher, e.g. ``DOCSCHEMA_EQUIV_EXAMPLES=200``.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.options import Options

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "specs" / "api-reference" / "beta"  # resources/ and api/ beside each other
PAGES = SOURCES / "resources"
API_PAGES = SOURCES / "api"
EXAMPLES = int(os.environ.get("DOCSCHEMA_EQUIV_EXAMPLES", "5"))

_ROW = re.compile(r"^\|(?!\s*-)(?!\s*(?:Property|Member|Relationship|Name)\s*\|)[^\n]*\|[ \t]*$",
                  re.MULTILINE | re.IGNORECASE)
_TYPES = ("String", "Int32", "Boolean", "DateTimeOffset", "identitySet", "String collection")

Edit = Callable[[Path, int], None]


def _pages(root: Path) -> list[Path]:
    return sorted(root.glob("*.md"))


def _rows(text: str) -> list[re.Match[str]]:
    return list(_ROW.finditer(text))


def _change_row(page: Path, pick: int, change: Callable[[list[str], int], list[str]]) -> None:
    text = page.read_text(encoding="utf-8")
    rows = _rows(text)
    if not rows:
        return
    row = rows[pick % len(rows)]
    cells = row.group().strip().strip("|").split("|")
    new = change(cells, pick)
    line = "" if not new else "|" + "|".join(new) + "|"
    end = row.end() + (1 if not new and text[row.end():row.end() + 1] == "\n" else 0)
    page.write_text(text[:row.start()] + line + text[end:], encoding="utf-8")


def type_cell(page: Path, pick: int) -> None:
    def change(cells: list[str], n: int) -> list[str]:
        if len(cells) >= 3:
            cells[1] = f" {_TYPES[n % len(_TYPES)]} "
        return cells
    _change_row(page, pick, change)


def rename_row(page: Path, pick: int) -> None:
    _change_row(page, pick, lambda cells, n: [f" renamed{n} ", *cells[1:]])


def drop_row(page: Path, pick: int) -> None:
    _change_row(page, pick, lambda cells, n: [])


def add_row(page: Path, pick: int) -> None:
    text = page.read_text(encoding="utf-8")
    rows = _rows(text)
    if not rows:
        return
    row = rows[pick % len(rows)]
    cells = row.group().strip().strip("|").split("|")
    cells[0] = f" added{pick} "
    page.write_text(text[:row.end()] + "\n|" + "|".join(cells) + "|" + text[row.end():],
                    encoding="utf-8")


def reword(page: Path, pick: int) -> None:
    _change_row(page, pick, lambda cells, n: [*cells[:-1], cells[-1].rstrip() + f" Reworded {n}. "])


def change_base(page: Path, pick: int) -> None:
    bases = ("entity", "identity", "onlineMeetingBase")
    base = bases[pick % len(bases)]
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'"baseType":\s*"[^"]*"', f'"baseType": "microsoft.graph.{base}"', text)
    text = re.sub(r"(Inherits from \[)[^\]]*(\]\()[^)]*(\))",
                  rf"\g<1>{base}\g<2>{base.lower()}.md\g<3>", text)
    page.write_text(text, encoding="utf-8")


def flip_open_type(page: Path, pick: int) -> None:
    text = page.read_text(encoding="utf-8")
    if '"openType": true' in text:
        text = text.replace('"openType": true', '"openType": false', 1)
    else:
        text = text.replace('"openType": false', '"openType": true', 1)
    page.write_text(text, encoding="utf-8")


def add_enum_member(page: Path, pick: int) -> None:
    text = page.read_text(encoding="utf-8")
    found = re.search(r"^\|\s*Member\s*\|[^\n]*\n\|[-| :]*\|\n((?:\|[^\n]*\n)*)", text,
                      re.MULTILINE | re.IGNORECASE)
    if found is None:
        return add_row(page, pick)
    cells = found.group(1).splitlines()[0].strip().strip("|").split("|") if found.group(1) \
        else [" x ", " "]
    cells[0] = f" newMember{pick} "
    page.write_text(text[:found.end()] + "|" + "|".join(cells) + "|\n" + text[found.end():],
                    encoding="utf-8")


def delete_page(page: Path, pick: int) -> None:
    if len(_pages(page.parent)) > 5:
        page.unlink()


def add_page(page: Path, pick: int) -> None:
    text = page.read_text(encoding="utf-8")
    stem = page.stem
    copy = text.replace(stem, f"{stem}copy{pick}")
    copy = re.sub(r"(microsoft\.graph\.)(\w+)", lambda m: f"{m.group(1)}{m.group(2)}Copy{pick}"
                  if m.group(2).lower() == stem else m.group(), copy)
    (page.parent / f"{stem}copy{pick}.md").write_text(copy, encoding="utf-8")


def _api_page(page: Path, pick: int) -> Path | None:
    """An API page beside the resource pages (edits of API pages pick one of their own)."""
    found = sorted((page.parent.parent / "api").glob("*.md"))
    return found[pick % len(found)] if found else None


def api_request_line(page: Path, pick: int) -> None:
    """A request line of an API page changed: a segment added (one the model has, or one it
    lacks: the operation is then left out, with a diagnostic), or the method changed."""
    api = _api_page(page, pick)
    if api is None:
        return
    text = api.read_text(encoding="utf-8")
    lines = list(re.finditer(r"^(GET|POST|PATCH|PUT|DELETE) (/\S+)$", text, re.MULTILINE))
    if not lines:
        return
    line = lines[pick % len(lines)]
    method, path = line.groups()
    change = pick % 3
    if change == 0:
        path += "/presenters"
    elif change == 1:
        path += f"/segment{pick}"
    else:
        method = "PATCH" if method == "GET" else "GET"
    api.write_text(text[:line.start()] + f"{method} {path}" + text[line.end():],
                   encoding="utf-8")


def api_response(page: Path, pick: int) -> None:
    """An API page's Response section says another status code, or another type."""
    api = _api_page(page, pick)
    if api is None:
        return
    whole = api.read_text(encoding="utf-8")
    at = whole.find("## Response")
    if at < 0:
        return
    head, text = whole[:at], whole[at:]
    if pick % 2 and "`200 OK`" in text:
        text = text.replace("`200 OK`", "`201 Created`", 1)
    else:
        text = re.sub(r"\[(\w+)\]\(\.\./resources/(\w+)\.md\)( object| objects| collection)",
                      r"[virtualEventPresenter](../resources/virtualeventpresenter.md)\3", text,
                      count=1)
    api.write_text(head + text, encoding="utf-8")


def revert_page(page: Path, pick: int) -> None:
    """A page, or an API page, as it was before every edit (outputs an earlier run made are
    made again)."""
    api = _api_page(page, pick)
    for edited, original in ((page, PAGES / page.name),
                             *(((api, API_PAGES / api.name),) if api is not None else ())):
        if original.is_file() and pick % 2 == (edited is page):
            edited.write_bytes(original.read_bytes())


EDITS: tuple[Edit, ...] = (type_cell, rename_row, add_row, drop_row, change_base, add_enum_member,
                           delete_page, add_page, reword, flip_open_type, api_request_line,
                           api_response, revert_page)


def _tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _same_trees(a: Path, b: Path) -> None:
    names = _tree(a)
    assert names == _tree(b)
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert (mismatch, errors) == ([], [])


edit_steps = st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 10_000),
                                st.integers(0, 10_000)), min_size=1, max_size=4)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=edit_steps)
def test_incremental_runs_write_what_a_cold_run_writes(
        tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[Edit, int, int]]) -> None:
    work = tmp_path_factory.mktemp("equivalence")
    shutil.copytree(SOURCES, work / "beta")
    pages = work / "beta" / "resources"
    # two jobs: the cache is written by forked processes, as a user's run on two cores does
    warm = Options(sources=(work / "beta",), out=work / "out", cache_dir=work / "cache", jobs=2)
    pipeline.generate(warm)
    for edit, page_pick, pick in steps:
        found = _pages(pages)
        edit(found[page_pick % len(found)], pick)
        pipeline.generate(warm)
        cold_out = work / "cold"
        shutil.rmtree(cold_out, ignore_errors=True)
        pipeline.generate(replace(warm, out=cold_out, use_cache=False))
        _same_trees(work / "out", cold_out)
        assert pipeline.check(warm).ok, (edit.__name__, page_pick, pick)
