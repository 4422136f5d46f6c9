"""Stage 3: all pages' facts → the Model (names, inheritance, enums, reconciliation).

Resolution runs in rounds, each a small named rule over everything the earlier rounds built
(like openapi-python-client's ``_process_models``):

1. declare   every type and enum under its qualified name (the annotation's, unless pages
             refer to the title's spelling instead), if that name follows the naming rule
             (``generator.names``; else DS130 and the declaration is left out, so no emitter
             ever sees an unchecked name); merge duplicates (DS104, DS115), saying where
             spellings differ in case only (DS134);
2. index     names, page paths and anchors for lookups (``resolve_names``);
3. enums     from "Possible values" for type names that match nothing anywhere (DS109);
4. bases     from the ``baseType`` annotation or the "Inherits from" prose (the more derived
             wins a conflict, DS113); id-keyed types naming none derive from entity (DS117);
             cycles cut (DS103);
5. members   properties from the tables, base first (inherited rows dropped, DS111),
             reconciled with the JSON block (DS105, DS106, DS114, DS116);
6. kinds     entity or complex, and keys, from the base chain;
7. flags     an enum whose values allow flags, not marked flags on its own page, is a flags
             enum when a property typed by it says so: its description's words or a value
             joining members with commas (DS120).

References (``_Lookups.target``): primitives as they are; a link resolves to the page it
points at (its anchor to an inline enum there), unless the link text names another known
type (DS112); a link whose text names none of its page's several types, or is a qualified name
the page lacks, resolves by the text (DS112); otherwise the name, preferring the page's
namespace (DS108 when ambiguous); nothing found is DS101 and ``Edm.Untyped``,
so no emitter ever writes a dangling reference.

The rounds are split where their inputs split, so that a run can keep what an edit leaves
alone (the pipeline caches both parts):

* rounds 1-4 read only each page's *outline* (``page_outline``: names, annotations, bases,
  enums, reference counts; never a property row) and build the ``ResolveContext``;
* round 5 resolves one type from the context, its own pages' facts and its base's property
  names: a ``GroupResult``, which ``group_key`` names by exactly those inputs;
* rounds 6 and 7 and the model's assembly (``finish``) read the context and every result.

``resolve(pages)`` runs all of it. Nothing here raises for bad input: every finding is a
Diagnostic in ``Model.diagnostics``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import Protocol

from generator.diagnostics import sort_diagnostics
from generator.model import (
    ApiPageFacts,
    Diagnostic,
    EnumFact,
    EnumMember,
    EnumMemberFact,
    EnumType,
    JsonPropertyFact,
    Model,
    PageFacts,
    Property,
    PropertyFact,
    PropertyOrigin,
    SourceLocation,
    StructuredType,
    TypeExpr,
    TypeFact,
    TypeKind,
    TypeRef,
    flag_values_allowed,
    properties_digest,
    split_qualified,
    stable_digest,
    value_digest,
)
from generator.names import qualified_problem, shortened_in_file_names, shown_name
from generator.operations import with_operations
from generator.resolve_names import (
    DEFAULT_NAMESPACE,
    NameIndex,
    canonical_namespaces,
    clean_name,
    namespace_key,
    qualify,
)

UNTYPED = "Edm.Untyped"
STRING = "Edm.String"
JSON_SPELLING = "Edm.Json"  # what a "Json" cell reads as: no OData primitive (rule_json_cell)
ENTITY = f"{DEFAULT_NAMESPACE}.entity"
# Primitives the JSON representation spells "String" (with or without a hint in parentheses).
_STRING_LIKE = frozenset({
    "Edm.String", "Edm.DateTimeOffset", "Edm.Date", "Edm.TimeOfDay", "Edm.Duration", "Edm.Guid",
    "Edm.Binary", "Edm.Stream",
})
_TYPE_TITLE = re.compile(
    r"^\s*(?P<name>[A-Za-z_][\w.]*)\s+(?:resource|complex|entity|enum|facet)\b", re.IGNORECASE)
_NUMERIC = frozenset({
    "Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Single", "Edm.Double",
    "Edm.Decimal",
})
_NUMBER_LITERAL = re.compile(r'"?-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"?')
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_READ_ONLY = re.compile(r"\bread[\s-]?only\b", re.IGNORECASE)
#: Words in the description of a property typed by an enum that say it holds several members.
_FLAGS_WORDS = re.compile(
    r"\bcomma[- ]separated\b|\bone\s+or\s+more\b|\bcombinations?\s+of\b"
    r"|\bmultiple\s+values\b|\bflags\b", re.IGNORECASE)
#: A quoted or code-spanned text ("apps,tabs", `a, b`) that may join members with commas.
_QUOTED = re.compile(r'"([^"\n]*)"|`([^`\n]*)`|\'([^\'\n]*)\'')

# Enum sources, strongest first: a page of its own, a page of enums (enums.md), an inline
# "### x values" table on a resource page, a description's "Possible values".
_ENUM_PAGE, _ENUMS_PAGE, _INLINE, _FROM_DESCRIPTION = range(4)


def resolve(pages: Sequence[PageFacts]) -> Model:
    """Deterministic whatever the order of ``pages``."""
    ordered = sorted(pages, key=lambda page: (page.path, page.sha256))
    context = build_context([page_outline(page) for page in ordered])
    results = resolve_members(context, lambda position: ordered[position])
    return with_operations(finish(context, results),
                           api_pages(page_outline(page) for page in ordered))


class PageSource(Protocol):
    """A run's pages, sorted by path, as ``resolve_pages`` asks for them (by position)."""

    def __len__(self) -> int: ...

    def path(self, position: int) -> str: ...

    def outline_digest(self, position: int) -> str: ...

    def facts_digest(self, position: int) -> str: ...

    def outline(self, position: int) -> PageOutline: ...

    def facts(self, position: int) -> PageFacts: ...


@dataclass(frozen=True)
class ResolveState:
    """What ``resolve_pages`` keeps for the next run: the context with the key of the outlines
    it was built from, and every type's round-5 result by its group key."""

    outlines_key: str
    context: ResolveContext
    results: Mapping[str, GroupResult]
    digests: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # finish's memo


def resolve_pages(pages: PageSource, previous: ResolveState | None = None
                  ) -> tuple[Model, ResolveState]:
    """``resolve`` of the pages, reusing what ``previous`` holds of the same inputs: the
    context when every page's outline is the same (and then no outline is read), each type's
    result when its group key is known (and then its pages' facts are not read)."""
    key = stable_digest([(pages.path(i), pages.outline_digest(i)) for i in range(len(pages))])
    if previous is not None and previous.outlines_key == key:
        context = previous.context
    else:
        outlines = [pages.outline(i) for i in range(len(pages))]
        context = build_context(outlines)
        context.api = api_pages(outlines)
    known = previous.results if previous is not None else None
    results = resolve_members(context, pages.facts, pages.facts_digest, known)
    memo = dict(previous.digests) if previous is not None else {}
    model = with_operations(finish(context, results, memo, key), context.api)
    return model, ResolveState(key, context, {r.key: r for r in results.values()},
                               {name: memo[name] for name in model.digests if name in memo})


def api_pages(outlines: Iterable[PageOutline]) -> tuple[tuple[str, ApiPageFacts], ...]:
    """(path, facts) of every API page among the outlines."""
    return tuple((o.path, o.api) for o in outlines if o.api is not None)


def title_type_name(title: str | None) -> str | None:
    """``chatRestrictions`` from "chatRestrictions resource type" (None: not a type title)."""
    match = _TYPE_TITLE.match(title or "")
    return match.group("name") if match else None


def is_read_only(description: str) -> bool:
    return _READ_ONLY.search(description) is not None


# --------------------------------------------------------------------------------------------
# Outlines: what rounds 1-4 read of a page
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DescribedValues:
    """A property typed by a name whose description lists its possible values (round 3)."""

    type: TypeExpr
    values: tuple[str, ...]
    location: SourceLocation


@dataclass(frozen=True)
class TypeOutline:
    """A TypeFact without its rows: what declaring, indexing and basing a type read."""

    name: str
    location: SourceLocation
    odata_type: str | None
    base_type: str | None
    inherits_from: TypeExpr | None
    abstract: bool
    open_type: bool
    key_property: str | None
    property_count: int
    described: tuple[DescribedValues, ...]
    derived_types: tuple[TypeExpr, ...] = ()


@dataclass(frozen=True)
class PageOutline:
    """A page as rounds 1-4 see it. ``references`` counts the short type names (lower case)
    its type cells, JSON placeholders and "Inherits from" lines name."""

    path: str
    title: str | None
    namespace: str | None
    types: tuple[TypeOutline, ...]
    enums: tuple[EnumFact, ...]
    references: tuple[tuple[str, int], ...]
    api: ApiPageFacts | None = None  # an API page's facts: operations resolve from outlines


def page_outline(page: PageFacts) -> PageOutline:
    """The outline of one page (pure; the pipeline computes it beside the page's facts)."""
    references: Counter[str] = Counter()
    for fact in page.types:
        for expr in (*(p.type for p in fact.properties),
                     *(j.type for j in fact.json_properties), fact.inherits_from):
            if expr is not None and not expr.is_primitive:
                references[expr.name.rpartition(".")[2].lower()] += 1
    return PageOutline(page.path, page.title, page.namespace,
                       tuple(_type_outline(fact) for fact in page.types), page.enums,
                       tuple(sorted(references.items())), page.api)


def _type_outline(fact: TypeFact) -> TypeOutline:
    described = tuple(DescribedValues(p.type, p.possible_values, p.location)
                      for p in fact.properties
                      if p.type is not None and not p.type.is_primitive and p.possible_values)
    return TypeOutline(fact.name, fact.location, fact.odata_type, fact.base_type,
                       fact.inherits_from, fact.abstract, fact.open_type, fact.key_property,
                       len(fact.properties), described, fact.derived_types)


# --------------------------------------------------------------------------------------------
# Declarations and the context
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _TypeDecl:
    """One page's declaration of a type: ``page`` is the page's position in the run's sorted
    pages, ``index`` the type's position in that page's ``types``."""

    namespace: str
    name: str
    page: int
    page_path: str
    page_title: str | None
    page_namespace: str
    index: int
    outline: TypeOutline

    @property
    def qualified(self) -> str:
        return f"{self.namespace}.{self.name}"

    @property
    def primary_rank(self) -> tuple[int, int, str, int]:
        """The page named after the type documents it best; then the one with most rows."""
        stem = self.page_path.rpartition("/")[2].lower().removesuffix(".md")
        name = self.name.lower()
        naming = 0 if stem == name else 1 if stem.endswith(f"-{name}") else 2
        return naming, -self.outline.property_count, self.page_path, self.outline.location.line


@dataclass(frozen=True)
class _EnumDecl:
    namespace: str
    name: str
    rank: int
    members: tuple[EnumMember, ...]
    location: SourceLocation
    is_flags: bool = False
    description: str = ""

    @property
    def qualified(self) -> str:
        return f"{self.namespace}.{self.name}"

    @property
    def member_key(self) -> tuple[str, ...]:
        return tuple(sorted(m.name.lower() for m in self.members))

    @property
    def richness(self) -> tuple[int, int, int, str, int]:
        described = sum(1 for m in self.members if m.description or m.value is not None)
        return (-len(self.members), self.rank, -described, self.location.path,
                self.location.line)


@dataclass
class _TypeGroup:
    """One qualified name and every page declaration of it, primary first."""

    decls: list[_TypeDecl]
    base: str | None = None

    @property
    def primary(self) -> _TypeDecl:
        return self.decls[0]

    @property
    def qualified(self) -> str:
        return self.primary.qualified


@dataclass
class Rejected:
    """Declarations left out for an invalid name (DS130): where each was, by its page path and
    by its short name (both lower case), so a reference to one can say why it is unresolved."""

    pages: dict[str, SourceLocation] = field(default_factory=dict)
    names: dict[str, SourceLocation] = field(default_factory=dict)

    def add(self, location: SourceLocation, short_name: str) -> None:
        self.pages.setdefault(location.path.lower(), location)
        if short_name:
            self.names.setdefault(short_name.lower(), location)

    def place_of(self, expr: TypeExpr) -> SourceLocation | None:
        """Where the rejected declaration ``expr`` names (by its link, else its name) was."""
        if expr.link is not None and expr.link.lower() in self.pages:
            return self.pages[expr.link.lower()]
        return self.names.get(split_qualified(clean_name(expr.name))[1].lower())

    def canonical_form(self) -> tuple[object, ...]:
        return tuple(sorted(self.pages.items())), tuple(sorted(self.names.items()))


@dataclass
class ResolveContext:
    """What rounds 1-4 built: every declaration grouped by qualified name (lower case) with
    its base, the enums before round 7, the name index and the rounds' findings.

    ``digest`` covers everything round 5 reads of it (groups, bases, decl places, enum names,
    the index, aliases); enum members and outlines' details, which only rounds 6-7 read, are
    left out, so an edit of those keeps every GroupResult.
    """

    groups: dict[str, _TypeGroup] = field(default_factory=dict)  # lower qualified → group
    enums: dict[str, EnumType] = field(default_factory=dict)  # lower qualified → enum
    names: NameIndex = field(default_factory=NameIndex)
    aliases: dict[str, set[str]] = field(default_factory=dict)  # lower qualified → lower aliases
    rejected: Rejected = field(default_factory=Rejected)
    diagnostics: tuple[Diagnostic, ...] = ()
    digest: str = ""
    api: tuple[tuple[str, ApiPageFacts], ...] = ()  # API pages' facts, from the same outlines

    def base_first(self) -> list[str]:
        """Group keys, every base before the types deriving from it (then by name)."""
        depth: dict[str, int] = {}

        def depth_of(key: str) -> int:
            if key not in depth:
                base = self.groups[key].base
                depth[key] = 0 if base is None else depth_of(base.lower()) + 1
            return depth[key]

        for key in self.groups:
            depth_of(key)
        return sorted(self.groups, key=lambda k: (depth[k], k))

    def compute_digest(self) -> str:
        groups = tuple(
            (key, group.base, tuple((d.namespace, d.name, d.page_path, d.page_namespace, d.index)
                                    for d in group.decls))
            for key, group in sorted(self.groups.items()))
        aliases = tuple(sorted((k, tuple(sorted(v))) for k, v in self.aliases.items()))
        return stable_digest((groups, tuple(sorted(self.enums)), self.names.canonical_form(),
                              aliases, self.rejected.canonical_form()))


def build_context(pages: Sequence[PageOutline]) -> ResolveContext:
    """Rounds 1-4 over every page's outline, in the order given (the caller sorts)."""
    return _ContextBuilder(list(pages)).run()


@dataclass(frozen=True)
class _Target:
    """What a type expression resolves to, and the finding (code, message) to report with it."""

    qualified: str | None
    finding: tuple[str, str] | None = None


_TargetKey = tuple[str, str | None, str | None, bool, str, str]
Report = Callable[[SourceLocation, str, str], None]


class _Lookups:
    """Name lookups over a context (rounds 3-5), memoised until the index changes."""

    def __init__(self, context: ResolveContext, report: Report) -> None:
        self.context = context
        self.names = context.names
        self.report = report
        self.memo: dict[_TargetKey, _Target] = {}

    def target(self, expr: TypeExpr, page_path: str, page_namespace: str,
               location: SourceLocation | None = None, subject: str = "") -> str | None:
        """The qualified name a non-primitive TypeExpr means (None: nothing matches).

        ``subject`` is the property the cell types; ``location`` (None: a silent probe) is
        where findings are reported.
        """
        linked = expr.link is not None or bool(expr.anchor)
        link = expr.link if expr.link is not None or not expr.anchor else page_path
        key = (expr.name, link, expr.anchor, expr.enum_hint, page_namespace,
               subject.lower() if linked else "")
        found = self.memo.get(key)
        if found is None:
            found = self._find(expr, page_path, page_namespace, subject)
            self.memo[key] = found
        if location is not None and found.finding is not None:
            self.report(location, *found.finding)
        return found.qualified

    def _find(self, expr: TypeExpr, page_path: str, page_namespace: str,
              subject: str) -> _Target:
        if expr.link is not None or expr.anchor:
            path = expr.link if expr.link is not None else page_path
            target = self.names.page_target(path, expr.anchor, expr.name)
            if target is not None:
                return self._link_or_text(expr, target, page_namespace, subject)
            documented = self.names.page_types(path)
            if documented and not expr.anchor:
                return self._text_of_link(expr, path, documented, page_namespace)
        found = self.names.lookup(expr.name, page_namespace, prefer_enum=expr.enum_hint)
        if found.rivals:
            matches = ", ".join((found.qualified or "", *found.rivals))
            return _Target(found.qualified,
                           ("DS108", f"{expr.name!r} matches {matches}; {found.qualified} is used"))
        return _Target(found.qualified)

    def _text_of_link(self, expr: TypeExpr, path: str, documented: tuple[str, ...],
                      page_namespace: str) -> _Target:
        """A link to a page whose types the text does not name: the text, as a plain name."""
        found = self.names.lookup(expr.name, page_namespace, prefer_enum=expr.enum_hint)
        outcome = f"{found.qualified} is used" if found.qualified is not None \
            else "no type has that name"
        return _Target(found.qualified, (
            "DS112", f"link text {expr.name!r} names none of the types its target "
                     f"{path.rpartition('/')[2]} documents ({', '.join(documented)}); "
                     f"{outcome}"))

    def _link_or_text(self, expr: TypeExpr, target: str, page_namespace: str,
                      subject: str) -> _Target:
        """A link whose text names another known type: the text wins, unless it merely
        repeats the property's name (``[photo](profilephoto.md)``); otherwise the target."""
        text = split_qualified(clean_name(expr.name).lower())[1]
        if not text or text == split_qualified(target.lower())[1] \
                or text in self.context.aliases.get(target.lower(), set()):
            return _Target(target)
        named = self.names.lookup(expr.name, page_namespace, prefer_enum=expr.enum_hint)
        chosen = target
        if named.qualified is not None and not named.via_alias and text != subject.lower():
            chosen = named.qualified
        return _Target(chosen, ("DS112", f"link text {expr.name!r} but the link points at "
                                         f"{target}; {chosen} is used"))

    def resolve_expr(self, expr: TypeExpr, decl: _TypeDecl, location: SourceLocation | None,
                     subject: str = "") -> TypeRef | None:
        if expr.name == JSON_SPELLING:
            return self.rule_json_cell(expr, decl)
        if expr.is_primitive:
            return TypeRef(expr.name, expr.collection)
        target = self.target(expr, decl.page_path, decl.page_namespace, location, subject)
        return None if target is None else TypeRef(target, expr.collection)

    def rule_json_cell(self, expr: TypeExpr, decl: _TypeDecl) -> TypeRef:
        """A "Json" cell: the docs' own ``Json`` type where a page documents one with
        properties; else ``Edm.Untyped``, never a made-up ``Edm.Json``. Graph's Json page
        ("Represents data returned in JSON format") has no properties: any JSON value, which
        its examples show as strings and arrays, is what it documents."""
        documented = self.names.lookup("Json", decl.page_namespace).qualified
        group = self.context.groups.get(documented.lower()) if documented else None
        structured = group is not None and any(d.outline.property_count for d in group.decls)
        return TypeRef(documented if structured and documented else UNTYPED, expr.collection)

    def lineage(self, qualified: str, skip: str = "") -> set[str]:
        """The lower names of a type and its ancestors (stops at ``skip``, an unknown base or
        a cycle)."""
        groups = self.context.groups
        found: set[str] = set()
        current: str | None = qualified.lower()
        while current is not None and current in groups and current not in found \
                and current != skip.lower():
            found.add(current)
            base = groups[current].base
            current = base.lower() if base is not None else None
        return found


class _ContextBuilder:
    """Rounds 1-4: declarations, the name index, enums from descriptions, base types."""

    def __init__(self, pages: list[PageOutline]) -> None:
        self.pages = pages
        self.context = ResolveContext()
        self.found: list[Diagnostic] = []
        self.lookups = _Lookups(self.context, self.report)
        self.namespaces: dict[str, str] = {}

    def run(self) -> ResolveContext:
        self.namespaces = canonical_namespaces(self._namespace_spellings())
        self._report_inferred_namespaces()
        self._report_namespace_case()
        self._declare_types()
        self._declare_enums(self._enum_decls())
        self._index()
        self._declare_enums_from_descriptions()
        self._resolve_bases()
        self._cut_cycles()
        self.context.diagnostics = tuple(self.found)
        self.context.digest = self.context.compute_digest()
        return self.context

    def report(self, location: SourceLocation, code: str, message: str) -> None:
        self.found.append(Diagnostic.at(location, code, message))

    @property
    def groups(self) -> dict[str, _TypeGroup]:
        return self.context.groups

    @property
    def enums(self) -> dict[str, EnumType]:
        return self.context.enums

    # -- round 1: declarations ---------------------------------------------------------------

    def _namespace_spellings(self) -> Iterable[str]:
        for page in self.pages:
            yield self._stated_namespace(page) or DEFAULT_NAMESPACE
            for fact in page.types:
                if fact.odata_type:
                    yield qualify(fact.odata_type,
                                  self._stated_namespace(page) or DEFAULT_NAMESPACE)[0]
            for enum_fact in page.enums:
                if enum_fact.namespace:
                    yield enum_fact.namespace

    def _stated_namespace(self, page: PageOutline) -> str | None:
        """The page's Namespace line or, without one, the sub-namespace its file name names
        (``enums-managedtenants.md`` → ``microsoft.graph.managedTenants``) when other pages
        state that namespace."""
        if page.namespace:
            return page.namespace
        stem = page.path.rpartition("/")[2].lower().removesuffix(".md")
        named = [self.sub_namespaces[part] for part in stem.split("-")
                 if part in self.sub_namespaces]
        return named[0] if len(named) == 1 else None

    @cached_property
    def sub_namespaces(self) -> dict[str, str]:
        """Last segment (lower case) → spelling, for every namespace below microsoft.graph
        that a page states (the most frequent spelling)."""
        stated = canonical_namespaces(p.namespace for p in self.pages if p.namespace)
        return {split_qualified(key)[1]: spelling for key, spelling in sorted(stated.items())
                if key.startswith(f"{DEFAULT_NAMESPACE}.")}

    def _report_inferred_namespaces(self) -> None:
        for page in self.pages:
            if not page.namespace and (page.types or page.enums):
                inferred = self._stated_namespace(page)
                if inferred is not None:
                    self.report(SourceLocation(page.path), "DS118",
                                f"no Namespace line; the file name names {inferred}, "
                                f"which other pages state, so it is used")

    def _report_namespace_case(self) -> None:
        """DS134 for each spelling a page uses of a namespace that most pages spell otherwise
        (the fold into one namespace is said, never silent)."""
        for page in self.pages:
            stated = self._stated_namespace(page)
            spellings = {clean_name(s) for s in (
                stated, *(qualify(f.odata_type, stated or DEFAULT_NAMESPACE)[0]
                          for f in page.types if f.odata_type),
                *(e.namespace for e in page.enums)) if s}
            for spelling in sorted(spellings):
                usual = self._namespace(spelling)
                if usual != spelling and usual.lower() == spelling.lower():
                    self.report(SourceLocation(page.path), "DS134",
                                f"namespace {spelling!r} is spelt {usual!r} on most pages; "
                                f"taken as one namespace, spelt {usual!r}")

    def _page_namespace(self, page: PageOutline) -> str:
        return self._namespace(self._stated_namespace(page))

    def _namespace(self, spelling: str | None) -> str:
        spelling = clean_name(spelling or DEFAULT_NAMESPACE) or DEFAULT_NAMESPACE
        return self.namespaces.get(namespace_key(spelling), spelling)

    def _declare_types(self) -> None:
        grouped: dict[str, list[_TypeDecl]] = {}
        for position, page in enumerate(self.pages):
            for index, fact in enumerate(page.types):
                decl = self._type_decl(position, page, index, fact)
                if decl is not None:
                    grouped.setdefault(decl.qualified.lower(), []).append(decl)
        for key, decls in grouped.items():
            decls.sort(key=lambda d: d.primary_rank)
            self.groups[key] = _TypeGroup(decls)
            self._report_merge(decls)

    def _type_decl(self, position: int, page: PageOutline, index: int,
                   fact: TypeOutline) -> _TypeDecl | None:
        page_namespace = self._page_namespace(page)
        title_name = title_type_name(page.title) or clean_name(fact.name)
        if fact.odata_type and clean_name(fact.odata_type):
            namespace, name = qualify(fact.odata_type, page_namespace)
            if title_name and title_name.lower() != name.lower():
                name = self._title_or_annotation(fact, title_name, name)
        elif title_name:
            namespace, name = qualify(title_name, page_namespace)
        else:
            return None
        namespace = self._namespace(namespace)
        if not self._valid_name(fact.location, namespace, name, "type"):
            return None
        return _TypeDecl(namespace, name, position, page.path, page.title, page_namespace,
                         index, fact)

    def _valid_name(self, location: SourceLocation, namespace: str, name: str,
                    what: str) -> bool:
        """Whether ``namespace.name`` follows the naming rule; if not, DS130 and the
        declaration is remembered as rejected (its references then say why)."""
        problem = qualified_problem(namespace, name)
        if problem is None:
            if shortened_in_file_names(f"{namespace}.{name}"):
                self.report(location, "DS132",
                            f"{what} name {shown_name(f'{namespace}.{name}')} is too long for a "
                            f"file name; its output files take a shortened name")
            return True
        self.report(location, "DS130",
                    f"{what} name {shown_name(f'{namespace}.{name}')} is not valid: {problem}; "
                    f"the {what} is left out")
        self.context.rejected.add(location, name)
        return False

    def _title_or_annotation(self, fact: TypeOutline, title_name: str, annotated: str) -> str:
        """The annotation names the type, unless other pages refer to the title's spelling
        more often and no other page's annotation claims it (a copied or misspelt
        annotation: ``chatrRestrictions`` on the chatRestrictions page)."""
        title_key = title_name.lower()
        if self.references[title_key] > self.references[annotated.lower()] \
                and title_key not in self.annotated_names:
            self.report(fact.location, "DS107",
                        f"the annotation {fact.odata_type!r} differs from the title's "
                        f"{title_name!r}, the name other pages use; {title_name!r} is used")
            return title_name
        self.report(fact.location, "DS107",
                    f"the title names the type {title_name!r} but the annotation "
                    f"{fact.odata_type!r}; the annotation's name is used")
        return annotated

    @cached_property
    def annotated_names(self) -> frozenset[str]:
        """The short names (lower case) every resource annotation declares."""
        return frozenset(split_qualified(clean_name(fact.odata_type).lower())[1]
                         for page in self.pages for fact in page.types if fact.odata_type)

    @cached_property
    def references(self) -> Counter[str]:
        """How often pages name each short type name (lower case) in type cells and JSON."""
        counts: Counter[str] = Counter()
        for page in self.pages:
            for name, count in page.references:
                counts[name] += count
        return counts

    def _report_merge(self, decls: list[_TypeDecl]) -> None:
        primary = decls[0]
        others = sorted({d.page_path for d in decls[1:]} - {primary.page_path})
        if others:
            self.report(primary.outline.location, "DS115",
                        f"{primary.qualified} is also documented in {', '.join(others)}; "
                        f"properties merged, {primary.page_path} first")
        for decl in decls[1:]:
            if decl.page_path == primary.page_path:
                self.report(decl.outline.location, "DS115",
                            f"{primary.qualified} is documented again on this page (first at "
                            f"line {primary.outline.location.line}); properties merged")
        self._report_case_variants("type", primary.qualified,
                                   [(d.qualified, d.outline.location) for d in decls[1:]])

    def _report_case_variants(self, what: str, kept: str,
                              others: Iterable[tuple[str, SourceLocation]]) -> None:
        """DS134 where a name differs from the kept one in case only: one declaration."""
        for spelling, location in others:
            if spelling != kept:
                self.report(location, "DS134",
                            f"{what} {spelling} differs from {kept} in case only; taken as one "
                            f"{what}, spelt {kept}")

    def _enum_decls(self) -> list[_EnumDecl]:
        decls = []
        for page in self.pages:
            page_namespace = self._page_namespace(page)
            for fact in page.enums:
                rank = _ENUM_PAGE if not fact.anchor else _INLINE if page.types else _ENUMS_PAGE
                decl = self._enum_decl(fact, fact.namespace or page_namespace, rank)
                if decl.name and self._valid_name(fact.location, decl.namespace, decl.name,
                                                  "enum"):
                    decls.append(decl)
        return decls

    def _enum_decl(self, fact: EnumFact, namespace: str | None, rank: int) -> _EnumDecl:
        namespace, name = qualify(fact.name, self._namespace(namespace))
        members: dict[str, EnumMember] = {}
        for member in fact.members:
            member_name = member.name.strip()
            if not member_name:
                continue
            if member_name in members:
                self._report_repeated_member(fact, member_name, member)
                continue
            members[member_name] = EnumMember(member_name, member.value, member.description,
                                               location=member.location)
        return _EnumDecl(self._namespace(namespace), name, rank, tuple(members.values()),
                         fact.location, fact.is_flags, fact.description)

    def _report_repeated_member(self, fact: EnumFact, name: str,
                                member: EnumMemberFact) -> None:
        first = next(m for m in fact.members if m.name.strip() == name)
        self.report(member.location, "DS133",
                    f"enum {shown_name(fact.name)} lists member {shown_name(name)} again "
                    f"(first at line {first.location.line}, value {first.value}); the first "
                    f"is kept")

    def _declare_enums(self, decls: list[_EnumDecl]) -> None:
        grouped: dict[str, list[_EnumDecl]] = {}
        for decl in decls:
            grouped.setdefault(decl.qualified.lower(), []).append(decl)
        for key, group in sorted(grouped.items()):
            if key in self.groups:
                self._report_enum_clash(group, self.groups[key])
                continue
            self.enums[key] = self._merge_enum(group)

    def _merge_enum(self, decls: list[_EnumDecl]) -> EnumType:
        decls = sorted(decls, key=lambda d: (d.rank, d.location.path, d.location.line))
        chosen = decls[0]
        differing = [d for d in decls if d.member_key != chosen.member_key]
        if differing:
            chosen = min(decls, key=lambda d: d.richness)
            rivals = sorted({_place(d.location) for d in decls
                             if d.member_key != chosen.member_key})
            self.report(chosen.location, "DS104",
                        f"enum {chosen.qualified} has other members in {', '.join(rivals)}; "
                        f"the richer list here ({len(chosen.members)} members) is kept")
        description = chosen.description or next((d.description for d in decls
                                                  if d.description), "")
        self._report_case_variants("enum", chosen.qualified,
                                   [(d.qualified, d.location) for d in decls])
        for decl in decls:
            self._report_member_case(decl, chosen)
        return EnumType(chosen.namespace, chosen.name, chosen.members,
                        is_flags=any(d.is_flags for d in decls), description=description,
                        location=chosen.location)

    def _report_member_case(self, decl: _EnumDecl, chosen: _EnumDecl) -> None:
        """DS134 where another list of the same members spells some in another case."""
        if decl.member_key != chosen.member_key:
            return  # another list altogether: DS104 says so
        kept = {m.name for m in chosen.members}
        drifted = [repr(m.name) for m in decl.members if m.name not in kept]
        if drifted:
            self.report(decl.location, "DS134",
                        f"enum {chosen.qualified} spells members {', '.join(drifted)} in "
                        f"another case at {_place(chosen.location)}; taken as the same members, "
                        f"spelt as there")

    def _report_enum_clash(self, decls: list[_EnumDecl], group: _TypeGroup) -> None:
        for decl in decls:
            self.report(decl.location, "DS104",
                        f"enum {decl.qualified} has the qualified name of the type documented "
                        f"in {_place(group.primary.outline.location)}; the type is kept")

    # -- round 2: the name index -------------------------------------------------------------

    def _index(self) -> None:
        names = self.context.names
        for group in self.groups.values():
            names.add(group.qualified, is_enum=False)
        for enum in self.enums.values():
            names.add(enum.qualified_name, is_enum=True)
        for group in self.groups.values():
            for decl in group.decls:
                names.add_page_type(decl.page_path, decl.name, group.qualified)
                self._add_alias(clean_name(decl.outline.name), group.qualified)
                self._add_alias(title_type_name(decl.page_title) or "", group.qualified)
        for page in self.pages:
            for fact in page.enums:
                namespace, name = qualify(fact.name, self._namespace(fact.namespace)
                                          if fact.namespace else self._page_namespace(page))
                target = names.canonical(f"{self._namespace(namespace)}.{name}")
                if target is not None:
                    names.add_page_enum(page.path, name, fact.anchor, target)

    def _add_alias(self, alias: str, qualified: str) -> None:
        if alias:
            self.context.names.add_alias(alias, qualified)
            self.context.aliases.setdefault(qualified.lower(), set()).add(alias.lower())

    # -- round 3: enums from descriptions ----------------------------------------------------

    def _declare_enums_from_descriptions(self) -> None:
        decls = []
        for group in self.groups.values():
            for decl in group.decls:
                for described in decl.outline.described:
                    created = self._enum_from_description(decl, described)
                    if created is not None:
                        decls.append(created)
        grouped: dict[str, list[_EnumDecl]] = {}
        for created in decls:
            grouped.setdefault(created.qualified.lower(), []).append(created)
        for key, candidates in sorted(grouped.items()):
            enum = replace(self._merge_enum(candidates), members_complete=False)
            self.enums[key] = enum
            self.context.names.add(enum.qualified_name, is_enum=True)
            self.lookups.memo.clear()  # the index changed
            self.report(enum.location, "DS109",
                        f"no members table for enum {enum.qualified_name}; built from the "
                        f"description's possible values: "
                        f"{', '.join(m.name for m in enum.members)}")

    def _enum_from_description(self, decl: _TypeDecl,
                               described: DescribedValues) -> _EnumDecl | None:
        expr = described.type
        if self.lookups.target(expr, decl.page_path, decl.page_namespace) is not None:
            return None
        members = tuple(EnumMember(v) for v in described.values)
        namespace, name = qualify(expr.name, decl.page_namespace)
        if qualified_problem(self._namespace(namespace), name) is not None:
            return None  # no enum of a name no file may carry: round 5 reports it unresolved
        return _EnumDecl(self._namespace(namespace), name, _FROM_DESCRIPTION,
                         _unique_members(members), described.location)

    # -- round 4: base types -------------------------------------------------------------------

    def _resolve_bases(self) -> None:
        stated = {key: self._stated_bases(group) for key, group in self.groups.items()}
        for key, group in self.groups.items():
            group.base = stated[key][0] or stated[key][1]
        listed = self._listed_bases()
        for key, group in self.groups.items():
            if key in listed and not self._named_base(group):
                group.base = self._listed_only(group, listed[key])
                continue
            group.base = self._settle_base(group, *stated[key])
            if key in listed:
                group.base = self.rule_listed_base(group, listed[key])

    def _named_base(self, group: _TypeGroup) -> str:
        fact = self._base_decl(group).outline
        return fact.base_type or (fact.inherits_from.name if fact.inherits_from else "")

    def _listed_only(self, group: _TypeGroup, listed: str) -> str | None:
        fact = self._base_decl(group).outline
        if group.qualified.lower() in self.lookups.lineage(listed):
            self.report(fact.location, "DS123",
                        f"{listed} lists {group.qualified} as a derived type but derives from "
                        f"it; the listing is not used")
            return self._implicit_entity_base(group)
        self.report(fact.location, "DS121",
                    f"{group.qualified} names no base type but {listed}'s page lists it as a "
                    f"derived type; {listed} is used")
        return listed

    def _listed_bases(self) -> dict[str, str]:
        """Lower derived name → the base whose page lists it under "Derived types" (DS121-DS124).

        A type listed by several bases takes the most derived of them when they form one
        line of inheritance (a page may list its derived types' derived types too); else none
        (DS124)."""
        listing: dict[str, list[tuple[str, SourceLocation]]] = {}
        for key, group in sorted(self.groups.items()):
            for decl in group.decls:
                for expr in decl.outline.derived_types:
                    target = self._structured_target(expr, decl)
                    if target is not None and target.lower() != key:
                        listing.setdefault(target.lower(), []).append(
                            (group.qualified, decl.outline.location))
        chosen: dict[str, str] = {}
        for derived, bases in sorted(listing.items()):
            names = sorted({b for b, _ in bases})
            deepest = [b for b in names
                       if all(o.lower() in self.lookups.lineage(b) for o in names)]
            if deepest:
                chosen[derived] = deepest[0]
                continue
            self.report(bases[0][1], "DS124",
                        f"{self.groups[derived].qualified} is listed as a derived type of "
                        f"{', '.join(names)}, which are no one line of inheritance; the "
                        f"lists are not used for its base")
        return chosen

    def rule_listed_base(self, group: _TypeGroup, listed: str) -> str | None:
        """A base page's "Derived types" list as evidence for the base of a type whose page
        names one: the listing wins when the page names an ancestor of it (DS122, e.g. a
        placeholder ``entity``); a contradiction keeps the page's own (DS123). A page naming
        none takes the listing (``_listed_only``, DS121)."""
        stated = group.base
        fact = self._base_decl(group).outline
        if stated is None or stated.lower() == listed.lower():
            return stated  # a named base that matches nothing (DS102) stays unknown
        if listed.lower() in self.lookups.lineage(group.qualified):
            return stated  # the page names a type derived from the listing one: consistent
        if group.qualified.lower() in self.lookups.lineage(listed):
            self.report(fact.location, "DS123",
                        f"{listed} lists {group.qualified} as a derived type but derives from "
                        f"it; the listing is not used")
            return stated
        if stated.lower() in self.lookups.lineage(listed):
            self.report(fact.location, "DS122",
                        f"{group.qualified} names {stated} as its base but {listed}, derived "
                        f"from it, lists {group.qualified} as a derived type; {listed} is used")
            return listed
        self.report(fact.location, "DS123",
                    f"{group.qualified} names {stated} as its base but {listed}'s page lists it "
                    f"as a derived type; {stated} (the type's own page) is used")
        return stated

    def _stated_bases(self, group: _TypeGroup) -> tuple[str | None, str | None]:
        """The base the ``baseType`` annotation names and the one the prose names."""
        decl = self._base_decl(group)
        fact = decl.outline
        annotated = self._structured_target(TypeExpr(fact.base_type), decl) \
            if fact.base_type else None
        prose = self._structured_target(fact.inherits_from, decl) \
            if fact.inherits_from else None
        return annotated, prose

    @staticmethod
    def _base_decl(group: _TypeGroup) -> _TypeDecl:
        return next((d for d in group.decls if d.outline.base_type or d.outline.inherits_from),
                    group.primary)

    def _settle_base(self, group: _TypeGroup, annotated: str | None,
                     prose: str | None) -> str | None:
        fact = self._base_decl(group).outline
        base = annotated or prose
        if annotated and prose and annotated != prose:
            # An annotation saying "entity" is often a placeholder for a more derived base.
            if annotated.lower() in self.lookups.lineage(prose, skip=group.qualified):
                base = prose
            self.report(fact.location, "DS113",
                        f"baseType {fact.base_type!r} names {annotated} but 'Inherits from' "
                        f"names {prose}; {base} is used")
        named = fact.base_type or (fact.inherits_from.name if fact.inherits_from else "")
        rejected = self._rejected_base(fact)
        if base is None and rejected is not None:
            self.report(fact.location, "DS131",
                        f"base type {shown_name(named)} of {group.qualified} is the type at "
                        f"{_place(rejected)}, left out for its invalid name; treated as having "
                        f"no base")
        elif base is None and named:
            self.report(fact.location, "DS102",
                        f"base type {named!r} of {group.qualified} matches no type; "
                        f"treated as having no base")
        if base is None and not named:
            return self._implicit_entity_base(group)
        if base is not None and base.lower() == group.qualified.lower():
            self.report(fact.location, "DS103",
                        f"{group.qualified} names itself as its base type; the base is dropped")
            return None
        return base

    def _rejected_base(self, fact: TypeOutline) -> SourceLocation | None:
        rejected = self.context.rejected
        if fact.base_type:
            return rejected.place_of(TypeExpr(fact.base_type))
        return rejected.place_of(fact.inherits_from) if fact.inherits_from else None

    def _implicit_entity_base(self, group: _TypeGroup) -> str | None:
        entity = self.groups.get(ENTITY)
        if entity is None or group is entity or _own_key(group) != ("id",):
            return None
        self.report(group.primary.outline.location, "DS117",
                    f"{group.qualified} is keyed by id and names no base type; "
                    f"{entity.qualified} is assumed")
        return entity.qualified

    def _structured_target(self, expr: TypeExpr, decl: _TypeDecl) -> str | None:
        target = self.lookups.target(expr, decl.page_path, decl.page_namespace)
        if target is None or target.lower() not in self.groups:
            found = self.context.names.lookup(expr.name, decl.page_namespace)
            target = found.qualified
        return target if target is not None and target.lower() in self.groups else None

    def _cut_cycles(self) -> None:
        done: set[str] = set()
        for key in sorted(self.groups):
            path: list[str] = []
            current: str | None = key
            while current is not None and current not in done:
                if current in path:
                    self._cut(path[path.index(current):])
                    break
                path.append(current)
                base = self.groups[current].base
                current = base.lower() if base is not None else None
            done.update(path)

    def _cut(self, cycle: list[str]) -> None:
        victim = self.groups[min(cycle)]
        names = " → ".join(self.groups[k].qualified for k in [*cycle, cycle[0]])
        self.report(victim.primary.outline.location, "DS103",
                    f"inheritance cycle {names}; the base of {victim.qualified} is dropped")
        victim.base = None


def _own_key(group: _TypeGroup) -> tuple[str, ...]:
    text = next((d.outline.key_property for d in group.decls if d.outline.key_property), "")
    return tuple(k.strip().lower() for k in (text or "").split(",") if k.strip())


# --------------------------------------------------------------------------------------------
# Round 5: each type's members
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _EnumUse:
    """A property typed by an enum, with what its page says about it (flags evidence)."""

    location: SourceLocation
    collection: bool
    description: str = ""
    possible_values: tuple[str, ...] = ()
    json_value: str = ""


@dataclass(frozen=True)
class GroupResult:
    """Round 5's answer for one type: its own properties, the lower names of its own and
    inherited properties (what a derived type's round 5 reads), its findings, the enums its
    properties use (round 7's evidence) and its description. ``key`` is its ``group_key``."""

    key: str
    properties: tuple[Property, ...]
    names: frozenset[str]
    diagnostics: tuple[Diagnostic, ...]
    enum_uses: tuple[tuple[str, _EnumUse], ...]  # (lower enum name, use)
    description: str
    properties_digest: str
    # rows naming an inherited property again with a non-primitive type: ``finish`` keeps
    # those that narrow the inherited type (rule_narrowed_properties)
    redeclared: tuple[Property, ...] = ()


def group_key(context: ResolveContext, group_name: str, base_names: frozenset[str],
              page_digests: Sequence[str]) -> str:
    """Everything a type's round 5 reads: the context (its digest), the type, its base's
    property names and the facts (``page_digests``, one per declaration) of its pages."""
    group = context.groups[group_name]
    decls = [(d.page_path, d.index, digest)
             for d, digest in zip(group.decls, page_digests, strict=True)]
    return stable_digest((context.digest, group_name, group.base, sorted(base_names), decls))


def resolve_members(context: ResolveContext, facts: Callable[[int], PageFacts],
                    digests: Callable[[int], str] | None = None,
                    known: Mapping[str, GroupResult] | None = None) -> dict[str, GroupResult]:
    """Round 5 for every group, base first: group key (lower qualified name) → result.

    ``facts(position)`` gives a page's facts. With ``digests`` (a page's facts digest by
    position) and ``known`` (results of an earlier run by their ``group_key``), a type whose
    key is known takes the known result and its pages' facts are never asked for.
    """
    results: dict[str, GroupResult] = {}
    for name in context.base_first():
        group = context.groups[name]
        base = results.get(group.base.lower()) if group.base is not None else None
        inherited = base.names if base is not None else frozenset()
        key = ""
        if digests is not None:
            key = group_key(context, name, inherited,
                            [digests(d.page) for d in group.decls])
            reused = known.get(key) if known is not None else None
            if reused is not None:
                results[name] = reused
                continue
        type_facts = [facts(d.page).types[d.index] for d in group.decls]
        results[name] = _MemberResolver(context, group, type_facts, inherited).run(key)
    return results


class _MemberResolver:
    """Round 5 for one group: properties from its tables (base names dropped), reconciled
    with its JSON blocks."""

    def __init__(self, context: ResolveContext, group: _TypeGroup, facts: list[TypeFact],
                 inherited: frozenset[str]) -> None:
        self.context = context
        self.group = group
        self.facts = facts
        self.inherited = inherited
        self.found: list[Diagnostic] = []
        self.lookups = _Lookups(context, self.report)
        self.enum_uses: list[tuple[str, _EnumUse]] = []
        self.redeclared: list[Property] = []

    def report(self, location: SourceLocation, code: str, message: str) -> None:
        self.found.append(Diagnostic.at(location, code, message))

    def run(self, key: str) -> GroupResult:
        own: dict[str, Property] = {}
        pairs = list(zip(self.group.decls, self.facts, strict=True))
        for decl, fact in pairs:
            self._table_properties(decl, fact, own)
        open_type = self.facts[0].open_type
        for decl, fact in pairs:
            self._json_only_properties(decl, fact, own, open_type)
        properties = tuple(own.values())
        description = self.facts[0].description or next(
            (f.description for f in self.facts if f.description), "")
        return GroupResult(key, properties, self.inherited | frozenset(own), tuple(self.found),
                           tuple(self.enum_uses), description, properties_digest(properties),
                           tuple(self.redeclared))

    def _table_properties(self, decl: _TypeDecl, fact: TypeFact,
                          own: dict[str, Property]) -> None:
        group = self.group
        json = _json_by_name(fact.json_properties)
        seen_here: set[str] = set()
        for prop in fact.properties:
            key = prop.name.lower()
            if not key.strip():
                continue  # the parser reported the nameless row
            if "@" in key:
                self.report(prop.location, "DS119",
                            f"{prop.name!r} is an instance annotation, not a property of "
                            f"{group.qualified}; not added")
                continue
            if key in seen_here:
                self.report(prop.location, "DS110",
                            f"{group.qualified} lists {prop.name!r} again; the first row is kept")
                continue
            seen_here.add(key)
            if key in own:
                self._report_property_case(own[key], prop.name, prop.location)
                continue
            if key in self.inherited:
                self.report(prop.location, "DS111",
                            f"{prop.name!r} is declared by {group.base} already; not redeclared "
                            f"on {group.qualified}")
                self._note_redeclared(decl, prop)
                continue
            ref = self._table_type(decl, prop, json.get(key))
            own[key] = Property(prop.name, ref, prop.description, navigation=prop.navigation,
                                read_only=is_read_only(prop.description),
                                origin=PropertyOrigin.TABLE, location=prop.location)
            json_value = json[key].value_text if key in json else ""
            self._note_enum_use(ref, _EnumUse(prop.location, ref.collection, prop.description,
                                              prop.possible_values, json_value))

    def _note_redeclared(self, decl: _TypeDecl, prop: PropertyFact) -> None:
        """Keep a redeclared row typed by a known non-primitive type (a silent lookup): it may
        narrow the inherited type, which only ``finish`` can tell."""
        if prop.type is None or prop.type.is_primitive:
            return
        ref = self.lookups.resolve_expr(prop.type, decl, None, prop.name)
        if ref is not None:
            self.redeclared.append(Property(prop.name, ref, prop.description,
                                            navigation=prop.navigation,
                                            read_only=is_read_only(prop.description),
                                            origin=PropertyOrigin.TABLE, location=prop.location))

    def _report_property_case(self, kept: Property, spelling: str,
                              location: SourceLocation) -> None:
        if kept.name != spelling:
            self.report(location, "DS134",
                        f"property {spelling!r} of {self.group.qualified} differs from "
                        f"{kept.name!r} ({_place(kept.location)}) in case only; taken as one "
                        f"property, spelt {kept.name!r}")

    def _table_type(self, decl: _TypeDecl, prop: PropertyFact,
                    json: JsonPropertyFact | None) -> TypeRef:
        json_ref = self._json_ref(decl, json)
        if prop.type is None:
            if json_ref is not None and json is not None:
                self.report(prop.location, "DS114",
                            f"type of {prop.name!r} not understood; the JSON representation's "
                            f"{json_ref} (line {json.location.line}) is used")
                return json_ref
            return TypeRef(UNTYPED)
        table_ref = self.lookups.resolve_expr(prop.type, decl, prop.location, prop.name)
        if table_ref is None:
            return self._unresolved_table_type(prop, prop.type, json, json_ref)
        if json_ref is not None and json is not None \
                and _reference_link_only(prop.type_text) and not table_ref.collection \
                and json_ref == TypeRef(table_ref.name, True):
            self.report(prop.location, "DS126",
                        f"{prop.name!r} is a reference-style link {prop.type_text!r}, which says "
                        f"nothing of how many; the JSON representation (line "
                        f"{json.location.line}) shows an array, so {json_ref} is used")
            return json_ref
        if json_ref is not None and json is not None \
                and not self._compatible(table_ref, json_ref, json.value_text):
            self.report(prop.location, "DS106",
                        f"{prop.name!r} is {table_ref} in the table but {json_ref} in the JSON "
                        f"representation (line {json.location.line}); the table's type is used")
        return table_ref

    def _unresolved_table_type(self, prop: PropertyFact, expr: TypeExpr,
                               json: JsonPropertyFact | None, json_ref: TypeRef | None) -> TypeRef:
        if json is not None and json_ref is not None and json_ref.name not in (STRING, UNTYPED):
            self.report(prop.location, "DS114",
                        f"type {expr.name!r} of {prop.name!r} matches no type; the JSON "
                        f"representation's {json_ref} (line {json.location.line}) is used")
            return TypeRef(json_ref.name, expr.collection or json_ref.collection)
        self._report_unresolved(prop.location, expr, f"type {shown_name(expr.name)} of "
                                                     f"{shown_name(prop.name)}")
        return TypeRef(UNTYPED, expr.collection)

    def _report_unresolved(self, location: SourceLocation, expr: TypeExpr, what: str) -> None:
        """DS131 when ``expr`` names a declaration left out for its name (DS130), else DS101."""
        rejected = self.context.rejected.place_of(expr)
        if rejected is not None:
            self.report(location, "DS131",
                        f"{what} refers to the type at {_place(rejected)}, left out for its "
                        f"invalid name; typed {UNTYPED}")
        else:
            self.report(location, "DS101",
                        f"{what} matches no page, enum or type; typed {UNTYPED}")

    def _json_ref(self, decl: _TypeDecl, json: JsonPropertyFact | None) -> TypeRef | None:
        if json is None or json.type is None:
            return None
        return self.lookups.resolve_expr(json.type, decl, None)

    def _compatible(self, table: TypeRef, json: TypeRef, json_value: str = "") -> bool:
        """Whether the JSON block's type agrees with the table's. An example number (``1024``,
        ``"4.2"``) instead of a placeholder agrees with every numeric type."""
        if table == json or json.name == UNTYPED:
            return True
        if table.collection != json.collection:
            return False
        if table.name in _NUMERIC and _NUMBER_LITERAL.fullmatch(json_value.strip()):
            return True
        if json.name == STRING:
            return table.name in _STRING_LIKE or table.name.lower() in self.context.enums
        return self._related(table.name, json.name)

    def _related(self, one: str, other: str) -> bool:
        """Whether one structured type is the other or an ancestor or descendant of it."""
        return other.lower() in self.lookups.lineage(one) \
            or one.lower() in self.lookups.lineage(other)

    def _json_only_properties(self, decl: _TypeDecl, fact: TypeFact, own: dict[str, Property],
                              open_type: bool) -> None:
        for json in fact.json_properties:
            key = json.name.lower()
            if key in own and "@" not in json.name:
                self._report_property_case(own[key], json.name, json.location)
            if "@" in json.name or not json.name.strip() or key in own or key in self.inherited:
                continue  # instance annotations (@odata.type, x@odata.etag) are no properties
            if not _IDENTIFIER.fullmatch(json.name) or open_type:
                why = (f"{decl.qualified} is an open type, so the key shows a dynamic property"
                       if open_type else "the key is no identifier, so it names no property")
                self.report(json.location, "DS116", f"JSON key {json.name!r} not added: {why}")
                continue
            ref = self._json_only_type(decl, json)
            own[key] = Property(json.name, ref, origin=PropertyOrigin.JSON,
                                location=json.location)
            self._note_enum_use(ref, _EnumUse(json.location, ref.collection,
                                              json_value=json.value_text))
            self.report(json.location, "DS105",
                        f"{json.name!r} appears only in the JSON representation of "
                        f"{decl.qualified}; added as {ref}")

    def _json_only_type(self, decl: _TypeDecl, json: JsonPropertyFact) -> TypeRef:
        if json.type is None:
            return TypeRef(UNTYPED)
        ref = self.lookups.resolve_expr(json.type, decl, json.location)
        if ref is not None:
            return ref
        self._report_unresolved(json.location, json.type, f"type {shown_name(json.type.name)} "
                                                          f"of JSON property {json.name!r}")
        return TypeRef(UNTYPED, json.type.collection)

    def _note_enum_use(self, ref: TypeRef, use: _EnumUse) -> None:
        key = ref.name.lower()
        if key in self.context.enums:
            self.enum_uses.append((key, use))


# --------------------------------------------------------------------------------------------
# Rounds 6 and 7, and the model
# --------------------------------------------------------------------------------------------


DigestMemo = dict[str, tuple[str, str]]  # qualified name → (what its value is made of, digest)


def finish(context: ResolveContext, results: Mapping[str, GroupResult],
           memo: DigestMemo | None = None, context_key: str = "") -> Model:
    """Kinds and keys (round 6), flags from enum uses (round 7), and the Model with the
    ``value_digest`` of each type and enum. ``memo`` (updated) keeps those digests by what
    each value is made of: a type's result key, kind, key and base; an enum's context (named
    by ``context_key``, the outlines it was built from) and flags; without keys, nothing."""
    memo = {} if memo is None else memo
    kinds: dict[str, tuple[TypeKind, tuple[str, ...]]] = {}
    for name in context.base_first():
        kinds[name] = _kind_and_key(context, name, results[name], kinds)
    enums, flag_findings = _flags_from_uses(context.enums, results)
    types = []
    digests: dict[str, str] = {}
    narrowed = rule_narrowed_properties(context, results)
    for name in sorted(context.groups, key=lambda k: context.groups[k].qualified):
        result = results[name]
        structured = _structured(context.groups[name], result, *kinds[name])
        if name in narrowed:
            structured = replace(structured, properties=_in_page_order(
                structured.properties, [p for p, _ in narrowed[name]]))
        types.append(structured)
        made_of = "" if name in narrowed else result.key and "\0".join((
            result.key, structured.kind.value, ",".join(structured.key), structured.base or ""))
        digests[structured.qualified_name] = _memo_digest(
            memo, structured.qualified_name, made_of,
            partial(value_digest, structured,
                    None if name in narrowed else result.properties_digest))
    ordered_enums = sorted(enums.values(), key=lambda e: e.qualified_name)
    for e in ordered_enums:
        made_of = context_key and f"{context_key}\0{e.is_flags}"
        digests[e.qualified_name] = _memo_digest(memo, e.qualified_name, made_of,
                                                 partial(value_digest, e))
    kept = {(p.location.path, p.location.line) for found in narrowed.values() for p, _ in found}
    found = [*context.diagnostics,
             *(d for r in results.values() for d in r.diagnostics
               if d.code != "DS111" or (d.path, d.line) not in kept),
             *(d for found in narrowed.values() for _, d in found), *flag_findings]
    return Model(types=tuple(types), enums=tuple(ordered_enums),
                 diagnostics=tuple(sort_diagnostics(found)), digests=digests)


def rule_narrowed_properties(context: ResolveContext, results: Mapping[str, GroupResult]
                             ) -> dict[str, list[tuple[Property, Diagnostic]]]:
    """A derived type that names an inherited property again with a type derived from the
    inherited one (``conversation``: identity → teamworkConversationIdentity) narrows it: the
    property is kept on the derived type, with DS125 instead of DS111."""
    found: dict[str, list[tuple[Property, Diagnostic]]] = {}
    by_name: dict[str, dict[str, Property]] = {}  # group → its properties by lower-case name
    for name, result in sorted(results.items()):
        for prop in result.redeclared:
            inherited = _inherited_property(context, results, name, prop.name.lower(), by_name)
            if inherited is None or inherited.type.collection != prop.type.collection \
                    or inherited.type.name.lower() == prop.type.name.lower() \
                    or inherited.type.name.lower() not in _lineage(context, prop.type.name):
                continue
            finding = Diagnostic.at(prop.location, "DS125",
                                    f"{prop.name!r} narrows the inherited {inherited.type} to "
                                    f"{prop.type} on {context.groups[name].qualified}; kept "
                                    f"there with the narrower type")
            found.setdefault(name, []).append((prop, finding))
    return found


def _in_page_order(own: tuple[Property, ...], added: list[Property]) -> tuple[Property, ...]:
    """``own`` with each of ``added`` placed after the last property of its page above it."""
    ordered = list(own)
    for prop in added:
        place = 0
        for position, other in enumerate(ordered):
            if other.location.path == prop.location.path \
                    and other.location.line < prop.location.line:
                place = position + 1
        ordered.insert(place, prop)
    return tuple(ordered)


def _inherited_property(context: ResolveContext, results: Mapping[str, GroupResult], name: str,
                        key: str, by_name: dict[str, dict[str, Property]]) -> Property | None:
    """The first property named ``key`` (lower case) up the base chain of group ``name``."""
    seen = {name}
    base = context.groups[name].base
    while base is not None and base.lower() in results and base.lower() not in seen:
        group = base.lower()
        seen.add(group)
        named = by_name.get(group)
        if named is None:
            named = by_name[group] = {}
            for prop in results[group].properties:
                named.setdefault(prop.name.lower(), prop)  # the first, as a scan finds it
        if key in named:
            return named[key]
        base = context.groups[group].base
    return None


def _lineage(context: ResolveContext, qualified: str) -> set[str]:
    found: set[str] = set()
    current: str | None = qualified.lower()
    while current is not None and current in context.groups and current not in found:
        found.add(current)
        base = context.groups[current].base
        current = base.lower() if base is not None else None
    return found


def _memo_digest(memo: DigestMemo, name: str, made_of: str, compute: Callable[[], str]) -> str:
    known = memo.get(name)
    if made_of and known is not None and known[0] == made_of:
        return known[1]
    digest = compute()
    if made_of:
        memo[name] = (made_of, digest)
    return digest


def _kind_and_key(context: ResolveContext, name: str, result: GroupResult,
                  done: Mapping[str, tuple[TypeKind, tuple[str, ...]]]
                  ) -> tuple[TypeKind, tuple[str, ...]]:
    group = context.groups[name]
    base = done.get(group.base.lower()) if group.base is not None else None
    key_text = next((d.outline.key_property for d in group.decls if d.outline.key_property), "")
    own_key = tuple(k.strip() for k in (key_text or "").split(",") if k.strip())
    key = own_key or (base[1] if base is not None else ())
    entity = (bool(key) or group.qualified.lower() == ENTITY
              or (base is not None and base[0] is TypeKind.ENTITY)
              or any(p.navigation for p in result.properties))
    return (TypeKind.ENTITY if entity else TypeKind.COMPLEX), key


def _flags_from_uses(enums: Mapping[str, EnumType], results: Mapping[str, GroupResult]
                     ) -> tuple[dict[str, EnumType], list[Diagnostic]]:
    uses: dict[str, list[_EnumUse]] = {}
    for result in results.values():
        for key, use in result.enum_uses:
            uses.setdefault(key, []).append(use)
    flagged = dict(enums)
    found: list[Diagnostic] = []
    for key in sorted(uses):
        enum = enums[key]
        if enum.is_flags or not _combinable(enum.members):
            continue
        ordered = sorted(uses[key], key=lambda u: u.location)
        evidence = next(((use, why) for use in ordered
                         if (why := _flags_evidence(use, enum.members)) is not None), None)
        if evidence is not None:
            use, why = evidence
            flagged[key] = replace(enum, is_flags=True)
            found.append(Diagnostic.at(enum.location, "DS120",
                                       f"enum {enum.qualified_name} is marked flags: {why} at "
                                       f"{_place(use.location)}"))
    return flagged, found


def _structured(group: _TypeGroup, result: GroupResult, kind: TypeKind,
                key: tuple[str, ...]) -> StructuredType:
    primary = group.primary
    return StructuredType(
        namespace=primary.namespace, name=primary.name, kind=kind, base=group.base,
        abstract=primary.outline.abstract, open_type=primary.outline.open_type, key=key,
        description=result.description, properties=result.properties,
        location=primary.outline.location,
    )


def _combinable(members: Sequence[EnumMember]) -> bool:
    """Every member valued, by ``flag_values_allowed``, and at least two of them powers of two
    (something to combine)."""
    values = [m.value for m in members]
    return None not in values and flag_values_allowed(values) \
        and sum(1 for v in values if v is not None and v > 0) >= 2


def _flags_evidence(use: _EnumUse, members: Sequence[EnumMember]) -> str | None:
    """What says a property holds several members of its enum at once, or None. A
    collection holds several values anyway, so its words are no evidence."""
    if use.collection:
        return None
    names = {m.name.lower() for m in members}
    for text in (use.json_value, *use.possible_values):
        if _joins_members(text.strip().strip('"'), names):
            return f"the value {text.strip()!r} joins members with commas"
    for quoted in _QUOTED.finditer(use.description):
        text = next(part for part in quoted.groups() if part is not None)
        if _joins_members(text, names):
            return f"the description's {quoted.group()!r} joins members with commas"
    words = _FLAGS_WORDS.search(use.description)
    if words is not None:
        return f"the description says {words.group()!r}"
    return None


def _joins_members(text: str, names: set[str]) -> bool:
    parts = [part.strip() for part in text.split(",")]
    return len(parts) >= 2 and all(part.lower() in names for part in parts)


_REFERENCE_LINK = re.compile(r"^\[[^\[\]]+\]\[[^\[\]]*\]$")


def _reference_link_only(type_text: str) -> bool:
    """A type cell that is one reference-style link and nothing else: ``[webPart][]``."""
    return _REFERENCE_LINK.fullmatch(type_text.strip()) is not None


def _json_by_name(facts: Iterable[JsonPropertyFact]) -> dict[str, JsonPropertyFact]:
    found: dict[str, JsonPropertyFact] = {}
    for fact in facts:
        found.setdefault(fact.name.lower(), fact)
    return found


def _unique_members(members: Iterable[EnumMember]) -> tuple[EnumMember, ...]:
    seen: set[str] = set()
    unique = []
    for member in members:
        name = member.name.strip().strip("`").strip()
        if name and name not in seen:  # Red and red are two members: two wire values
            seen.add(name)
            unique.append(EnumMember(name, member.value, member.description,
                                      location=member.location))
    return tuple(unique)


def _place(location: SourceLocation) -> str:
    return f"{location.path}:{location.line}"
