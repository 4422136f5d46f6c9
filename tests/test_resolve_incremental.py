"""resolve_pages with an earlier run's state gives exactly what resolving from scratch gives.

Real pages (specs/, and the beta corpus when ``../shared`` is there) are edited the ways docs
are edited; after each edit the incremental model must equal ``resolve`` of the edited pages,
findings and digests included, and must have read no more than the edit calls for.
"""

from __future__ import annotations

import dataclasses
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import generator.emit
from generator import pipeline, write
from generator.cache import facts_digest
from generator.model import (
    EnumMemberFact,
    Model,
    PageFacts,
    PropertyFact,
    SourceLocation,
    TypeExpr,
    TypeFact,
    stable_digest,
    value_digest,
)
from generator.options import Options
from generator.parse import parse_page
from generator.read import find_source_paths, read_source
from generator.resolve import (
    PageOutline,
    ResolveState,
    page_outline,
    resolve,
    resolve_pages,
)

REPO = Path(__file__).resolve().parents[1]
SPECS = REPO / "specs"
SHARED = REPO.parent / "shared"
BETA = SHARED / "corpus" / "graph-docs-2021" / "api-reference" / "beta" / "resources"


class ListPages:
    """A PageSource over page facts in a list (sorted by path), recording what is read."""

    def __init__(self, pages: list[PageFacts]) -> None:
        self.pages = sorted(pages, key=lambda p: p.path)
        self.facts_read: set[str] = set()
        self.outlines_read = 0

    def __len__(self) -> int:
        return len(self.pages)

    def path(self, position: int) -> str:
        return self.pages[position].path

    def outline_digest(self, position: int) -> str:
        return stable_digest(page_outline(self.pages[position]))

    def facts_digest(self, position: int) -> str:
        return facts_digest(self.pages[position])

    def outline(self, position: int) -> PageOutline:
        self.outlines_read += 1
        return page_outline(self.pages[position])

    def facts(self, position: int) -> PageFacts:
        self.facts_read.add(self.pages[position].path)
        return self.pages[position]


def parse_dir(root: Path) -> list[PageFacts]:
    pages = []
    for path in [Path(p) for p in find_source_paths((root,))]:
        source, _ = read_source(path)
        if source is not None:
            pages.append(parse_page(source))
    return sorted(pages, key=lambda p: p.path)


@pytest.fixture(scope="module")
def specs() -> tuple[list[PageFacts], ResolveState]:
    pages = parse_dir(SPECS)
    return pages, resolve_pages(ListPages(pages))[1]


def assert_same_model(got: Model, expected: Model) -> None:
    assert got.types == expected.types
    assert [t.location for t in got.types] == [t.location for t in expected.types]
    assert [[p.location for p in t.properties] for t in got.types] == \
        [[p.location for p in t.properties] for t in expected.types]
    assert got.enums == expected.enums
    assert [e.location for e in got.enums] == [e.location for e in expected.enums]
    assert got.diagnostics == expected.diagnostics
    assert got.operations == expected.operations
    assert got.value_digests == expected.value_digests
    for item in (*got.types, *got.enums):
        assert got.value_digests[item.qualified_name] == value_digest(item)


Edit = Callable[[list[PageFacts]], list[PageFacts]]


def on_page(stem: str, change: Callable[[PageFacts], PageFacts | None]) -> Edit:
    def edit(pages: list[PageFacts]) -> list[PageFacts]:
        edited = [change(p) if p.path.endswith(f"/{stem}.md") else p for p in pages]
        assert edited != pages, f"the edit changed nothing on {stem}.md"
        return [p for p in edited if p is not None]
    return edit


def on_type(change: Callable[[TypeFact], TypeFact]) -> Callable[[PageFacts], PageFacts]:
    def edit(page: PageFacts) -> PageFacts:
        return dataclasses.replace(page, types=(change(page.types[0]), *page.types[1:]))
    return edit


def on_properties(change: Callable[[list[PropertyFact]], list[PropertyFact]]
                  ) -> Callable[[PageFacts], PageFacts]:
    return on_type(lambda t: dataclasses.replace(t, properties=tuple(change(list(t.properties)))))


def described(props: list[PropertyFact]) -> list[PropertyFact]:
    first = props[0]
    return [dataclasses.replace(first, description=first.description + " Read-only."),
            *props[1:]]


def added(props: list[PropertyFact]) -> list[PropertyFact]:
    location = SourceLocation(props[-1].location.path, props[-1].location.line + 1)
    return [*props, PropertyFact("coHost", TypeExpr("identitySet", link=None), "identitySet",
                                 "Who else hosts it.", location)]


def new_page(pages: list[PageFacts]) -> list[PageFacts]:
    path = pages[0].path.rpartition("/")[0] + "/zzznewtype.md"
    location = SourceLocation(path, 1)
    fact = TypeFact("zzzNewType", location, odata_type="microsoft.graph.zzzNewType",
                    base_type="microsoft.graph.entity",
                    properties=(PropertyFact("owner", TypeExpr("virtualEventPresenter"),
                                             "virtualEventPresenter", "", location),))
    return [*pages, PageFacts(path, "0" * 64, title="zzzNewType resource type",
                              namespace="microsoft.graph", types=(fact,))]


def enum_member_added(page: PageFacts) -> PageFacts:
    enum = page.enums[0]
    member = EnumMemberFact("unknownFutureValue2", None, "", enum.location)
    return dataclasses.replace(page, enums=(dataclasses.replace(
        enum, members=(*enum.members, member)), *page.enums[1:]))


def api_line_edited(page: PageFacts) -> PageFacts:
    assert page.api is not None
    first, *rest = page.api.request_lines
    moved = dataclasses.replace(first, method="DELETE")
    return dataclasses.replace(page, api=dataclasses.replace(
        page.api, request_lines=(moved, *rest)))


EDITS: dict[str, tuple[Edit, bool]] = {  # name → (edit, whether the context is kept)
    "an API page's request line": (on_page("virtualeventsession-get", api_line_edited), False),
    "an API page removed": (on_page("virtualevent-list-sessions", lambda page: None), False),
    "a description": (on_page("virtualeventsession", on_properties(described)), True),
    "a new property row": (on_page("virtualeventsession", on_properties(added)), False),
    "a base type's row removed": (on_page("onlinemeetingbase",
                                          on_properties(lambda props: props[1:])), False),
    "another base type": (on_page("virtualeventwebinar", on_type(
        lambda t: dataclasses.replace(t, base_type="microsoft.graph.entity",
                                      inherits_from=None))), False),
    "a type's description": (on_page("virtualevent", on_type(
        lambda t: dataclasses.replace(t, description="Changed."))), True),
    "a page removed": (on_page("thumbnail", lambda page: None), False),
    "a new page": (new_page, False),
    "an enum member added": (on_page("onlinemeetingbase", enum_member_added), False),
    "a title": (on_page("chatinfo", lambda p: dataclasses.replace(
        p, title="chatInformation resource type")), False),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_resolved_on_the_last_state_equals_resolving_anew(
        name: str, specs: tuple[list[PageFacts], ResolveState]) -> None:
    pages, state = specs
    edit, context_kept = EDITS[name]
    edited = edit(pages)
    source = ListPages(edited)
    got, _ = resolve_pages(source, state)
    assert_same_model(got, resolve(edited))
    assert (source.outlines_read == 0) is context_kept


def test_a_renamed_heading_reaches_a_link_to_it_from_another_page(
        specs: tuple[list[PageFacts], ResolveState]) -> None:
    """Only the name index changes (an inline enum's anchor), and a type on another page,
    whose own facts are the same, links to that anchor with a text naming nothing."""
    pages, _ = specs
    base_page = next(p for p in pages if p.path.endswith("/onlinemeetingbase.md"))
    path = base_page.path.replace("onlinemeetingbase", "zzzlinker")
    expr = TypeExpr("admitter roles", link=base_page.path,
                    anchor="allowedlobbyadmitterroles-values")
    location = SourceLocation(path, 5)
    linker = PageFacts(path, "0" * 64, title="zzzLinker resource type",
                       namespace="microsoft.graph", types=(TypeFact(
                           "zzzLinker", location, properties=(PropertyFact(
                               "admitters", expr, "", "", location),)),))
    before = [*pages, linker]
    _, state = resolve_pages(ListPages(before))

    def renamed(page: PageFacts) -> PageFacts:
        return dataclasses.replace(page, enums=tuple(
            dataclasses.replace(e, anchor="renamed-values") for e in page.enums))

    edited = on_page("onlinemeetingbase", renamed)(before)
    got, _ = resolve_pages(ListPages(edited), state)
    assert_same_model(got, resolve(edited))
    assert got.structured("microsoft.graph.zzzLinker") != resolve(before).structured(
        "microsoft.graph.zzzLinker")


def test_a_description_edit_reads_only_the_edited_page(
        specs: tuple[list[PageFacts], ResolveState]) -> None:
    pages, state = specs
    source = ListPages(on_page("virtualeventsession", on_properties(described))(pages))
    resolve_pages(source, state)
    assert source.outlines_read == 0
    assert [p.rpartition("/")[2] for p in source.facts_read] == ["virtualeventsession.md"]


def test_nothing_changed_reads_no_page(specs: tuple[list[PageFacts], ResolveState]) -> None:
    pages, state = specs
    source = ListPages(pages)
    model, again = resolve_pages(source, state)
    assert (source.facts_read, source.outlines_read) == (set(), 0)
    assert again.results.keys() == state.results.keys()
    assert_same_model(model, resolve(pages))


def test_a_row_removed_from_a_base_resolves_its_derived_types_again(
        specs: tuple[list[PageFacts], ResolveState]) -> None:
    pages, state = specs
    source = ListPages(on_page("identity", on_properties(lambda props: props[1:]))(pages))
    resolve_pages(source, state)
    read = {p.rpartition("/")[2] for p in source.facts_read}
    assert {"identity.md", "communicationsuseridentity.md",
            "azurecommunicationservicesuseridentity.md"} <= read
    assert "virtualeventsession.md" not in read


def test_the_pipeline_after_edits_writes_what_a_cold_run_writes(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    warm = Options(sources=(Path("specs"),), out=Path("warm"), jobs=1)
    pipeline.generate(warm)
    page = tmp_path / "specs/api-reference/beta/resources/virtualeventsession.md"
    text = page.read_text(encoding="utf-8")
    assert "The virtual event session end time." in text
    text = text.replace("The virtual event session end time.", "When the session ends.")
    row = next(line for line in text.splitlines() if line.startswith("| startDateTime"))
    page.write_text(text.replace(row, f"{row}\n| coHost | [identitySet](identityset.md) | Who. |"),
                    encoding="utf-8")
    incremental = pipeline.generate(warm)
    assert incremental.stats.parsed_pages == 1 and incremental.written
    cold = pipeline.generate(Options(sources=(Path("specs"),), out=Path("cold"),
                                     use_cache=False, jobs=1))
    assert incremental.hashes == cold.hashes
    assert incremental.diagnostics == cold.diagnostics
    api_page = tmp_path / "specs/api-reference/beta/api/virtualeventsession-get.md"
    api_text = api_page.read_text(encoding="utf-8")
    api_page.write_text(api_text.replace("GET /solutions/virtualEvents/townhalls/",
                                         "DELETE /solutions/virtualEvents/townhalls/", 1),
                        encoding="utf-8")
    after_api_edit = pipeline.generate(warm)
    assert after_api_edit.stats.parsed_pages == 1 and "openapi/openapi.yaml" in \
        after_api_edit.written
    cold = pipeline.generate(Options(sources=(Path("specs"),), out=Path("cold2"),
                                     use_cache=False, jobs=1))
    assert after_api_edit.hashes == cold.hashes
    assert after_api_edit.diagnostics == cold.diagnostics


@pytest.mark.corpus
def test_random_edits_over_the_beta_corpus_resolve_as_anew() -> None:
    if not BETA.is_dir():
        pytest.skip(f"corpus not found at {BETA}")
    pages = parse_dir(BETA)
    _, state = resolve_pages(ListPages(pages))
    chooser = random.Random(20261201)
    edits = [described, lambda props: props[1:], lambda props: props[::-1]]
    typed = [i for i, p in enumerate(pages) if p.types and p.types[0].properties]
    edited = list(pages)
    for index in chooser.sample(typed, 30):
        change = chooser.choice(edits)
        edited[index] = on_properties(change)(edited[index])
    got, _ = resolve_pages(ListPages(edited), state)
    assert_same_model(got, resolve(edited))


def test_outputs_the_memo_keeps_by_digest_are_made_again_when_out_needs_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo keeps a module's or schema's digest, not its text: a file someone edited in
    out/ is written again from the text made anew."""
    shutil.copytree(SPECS, tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    warm = Options(sources=(Path("specs"),), out=Path("out"), jobs=1)
    first = pipeline.generate(warm)
    damaged = ["python/graph_models/virtual_event_session.py",
               "jsonschema/microsoft.graph.virtualEventSession.schema.json",
               "model/microsoft.graph.virtualEventSession.yaml"]
    for path in damaged:
        (tmp_path / "out" / path).write_text("edited by hand\n", encoding="utf-8")
    made: list[str] = []
    original = generator.emit._one_text

    def counted(target: generator.emit._Target, subject: str) -> str:
        made.append(subject)
        return original(target, subject)

    monkeypatch.setattr(generator.emit, "_one_text", counted)
    again = pipeline.generate(warm)
    assert sorted(again.written) == sorted(damaged)
    assert len(made) == len(damaged)  # only the damaged files' texts were made again
    assert again.hashes == first.hashes
    assert write.compare_tree(tmp_path / "out", first.hashes).ok


@pytest.mark.corpus
@pytest.mark.slow
def test_incremental_runs_over_the_beta_corpus_write_what_a_cold_run_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Edits of every kind at once over a copy of the beta pages: a description, a new row, a
    new page, a page gone, a changed base and an enum page's new member; then the run on the
    last run's cache writes exactly what a run with no cache writes."""
    if not BETA.is_dir():
        pytest.skip(f"corpus not found at {BETA}")
    pages = tmp_path / "resources"
    shutil.copytree(BETA, pages)
    monkeypatch.chdir(tmp_path)
    warm = Options(sources=(Path("resources"),), out=Path("warm"))
    pipeline.generate(warm)

    def edit(name: str, old: str, new: str) -> None:
        page = pages / name
        text = page.read_text(encoding="utf-8")
        assert old in text, (name, old)
        page.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit("itembody.md", "The content of the item.", "What the item holds.")
    edit("itembody.md", "|content|String|", "|language|String|The content's language.|\n"
                                             "|content|String|")
    edit("thumbnailset.md", "# ThumbnailSet resource type",
         "# ThumbnailSet resource type\n\nInherits from [entity](entity.md).")
    edit("enums.md", "| unknownFutureValue", "| anAddedMember\n| unknownFutureValue")
    (pages / "zzznewthing.md").write_text(
        "---\ntitle: zzzNewThing resource type\n---\n\n# zzzNewThing resource type\n\n"
        "Namespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n"
        "|:--|:--|:--|\n| body | [itemBody](itembody.md) | A body. |\n", encoding="utf-8")
    (pages / "thumbnail.md").unlink()
    incremental = pipeline.generate(warm)
    assert 0 < incremental.stats.parsed_pages < 10
    cold = pipeline.generate(Options(sources=(Path("resources"),), out=Path("cold"),
                                     use_cache=False))
    assert incremental.hashes == cold.hashes
    assert incremental.diagnostics == cold.diagnostics
    assert write.compare_tree(tmp_path / "warm", cold.hashes).ok
