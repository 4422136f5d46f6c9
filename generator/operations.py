"""Resolve: API pages' request lines → ``Operation``s, every path checked against the types.

Roots (entity sets and singletons) are on no resource page; they are inferred from the API
pages themselves: the candidates for a root's type are the types its short lines
(``/users``, ``/users/{id}``) return or link, its examples' ``@odata.type``, and the types
that declare its second segments; the one under which most of the root's lines resolve wins.

After the root each segment must be a property of the type reached (inherited ones included),
a key of a collection, a cast to a derived type, a bound action or function that an API page
documents (a page documents one when its request line ends in it and its title or file name
names it, or when it is called with arguments), or ``$ref``, ``$value``, ``$count``. A line
that does not resolve is a DS503 at its file:line naming the segment and the type; its
operation is kept with ``resolved=False`` (the emitter leaves it out unless configured).

Path templates are spelled in the model's case with keys named after the type they key
(``/users/{user-id}/messages/{message-id}``), so spellings of one path are one operation.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from generator.model import (
    ApiPageFacts,
    Diagnostic,
    Model,
    Operation,
    OperationParameter,
    ParameterFact,
    PathSegment,
    RequestLineFact,
    SourceLocation,
    StructuredType,
    Subject,
    TypeExpr,
    TypeRef,
)
from generator.parse_api import example_parameters
from generator.typecell import core_type

STRING = TypeRef("Edm.String")
UNTYPED = TypeRef("Edm.Untyped")  # any JSON value
ODATA_OPTIONS = ("$select", "$expand", "$orderby", "$top", "$skip", "$search", "$filter",
                 "$count")
_NOT_HEADERS = ("authorization", "content-type", "content-length", "accept", "host")
_GENERIC_VERBS = {"get", "list", "update", "delete", "post", "create", "add", "remove", "put",
                  "patch", "upsert"}
_ADDRESS_PARAMETER = "item-path"
#: The type of a root no page names, and of nothing else: its members are implied.
IMPLIED_PREFIX = "#root:"


@dataclass(frozen=True)
class Position:
    """Where a walk along a path stands: a type (or primitive), single or a collection."""

    type: str
    collection: bool = False
    terminal: bool = False  # $ref, $value, $count or a primitive: nothing may follow
    navigation: bool = False  # reached by a navigation property (so $ref applies)
    keyable: bool = False  # a single-valued navigation property's value: a key may follow


@dataclass(frozen=True)
class BoundOperation:
    name: str  # as the documenting page spells it
    kind: str  # action | function
    returns: TypeRef | None


@dataclass
class Walk:
    """A resolved request line: the template pieces, its path parameters, where it ends."""

    pieces: list[str] = field(default_factory=list)
    parameters: list[OperationParameter] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # for the operationId
    end: Position | None = None
    before_end: Position | None = None
    bound: BoundOperation | None = None
    keyed_last: bool = False
    special: str | None = None  # $ref, $value or $count
    failure: str | None = None
    failed_segment: str = ""
    failed_type: str = ""
    failed_at: int = -1  # index of the failed segment
    at_last: bool = False  # the segment being walked is the line's last
    provisional: bool = False  # went through a container no page types (may change)
    failed_position: Position | None = None
    #: (type, declared name, name as the line spells it): a singular-named collection member
    respelled: list[tuple[str, str, str]] = field(default_factory=list)


class TypeIndex:
    """The model's types by qualified name, short name and page, case-insensitively."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.qualified = {t.qualified_name.lower(): t for t in model.types}
        self.short: dict[str, list[StructuredType]] = {}
        self.pages: dict[str, list[StructuredType]] = {}
        for t in model.types:
            self.short.setdefault(t.name.lower(), []).append(t)
            self.pages.setdefault(t.location.path.lower(), []).append(t)
        self.enums = {e.qualified_name.lower(): e.qualified_name for e in model.enums}
        self.enums.update((e.name.lower(), e.qualified_name) for e in model.enums)
        self._properties: dict[str, dict[str, tuple[str, TypeRef, bool]]] = {}

    def by_name(self, name: str) -> StructuredType | None:
        name = name.lstrip("#")
        found = self.qualified.get(name.lower())
        if found is not None:
            return found
        candidates = self.short.get(name.rpartition(".")[2].lower(), [])
        preferred = [t for t in candidates if t.namespace == "microsoft.graph"]
        chosen = preferred or candidates
        return chosen[0] if chosen else None

    def expr(self, expr: TypeExpr | None) -> TypeRef | None:
        """A page's type spelling → a model type (or primitive); None when it names none."""
        if expr is None:
            return None
        if expr.is_primitive:
            return TypeRef(expr.name, expr.collection)
        if expr.link is not None:
            on_page = self.pages.get(expr.link.lower(), [])
            stem = posixpath.basename(expr.link)[:-3].lower()
            for t in on_page:
                if t.name.lower() in (expr.name.lower(), stem):
                    return TypeRef(t.qualified_name, expr.collection)
            if on_page:
                return TypeRef(on_page[0].qualified_name, expr.collection)
        found = self.by_name(expr.name)
        if found is not None:
            return TypeRef(found.qualified_name, expr.collection)
        enum = self.enums.get(expr.name.lower())
        return TypeRef(enum, expr.collection) if enum else None

    def properties(self, qualified_name: str) -> dict[str, tuple[str, TypeRef, bool]]:
        """Lower-case name → (wire name, type, navigation), inherited ones included."""
        known = self._properties.get(qualified_name)
        if known is None:
            t = self.model.structured(qualified_name)
            known = {}
            if t is not None:
                for prop in self.model.all_properties(t):
                    known.setdefault(prop.name.lower(), (prop.name, prop.type, prop.navigation))
            self._properties[qualified_name] = known
        return known

    @functools.cached_property
    def owners(self) -> dict[str, list[int]]:
        """Lower-case property name → the positions in ``model.types`` of the types that
        have it (inherited ones included), in order."""
        found: dict[str, list[int]] = {}
        for position, t in enumerate(self.model.types):
            for name in self.properties(t.qualified_name):
                found.setdefault(name, []).append(position)
        return found

    def is_derived_or_same(self, name: str, base: str) -> bool:
        if name == base:
            return True
        t = self.model.structured(name)
        return t is not None and any(a.qualified_name == base for a in self.model.ancestors(t))

    def lineage(self, name: str) -> list[str]:
        t = self.model.structured(name)
        if t is None:
            return [name]
        return [name, *(a.qualified_name for a in self.model.ancestors(t))]

    def key_type(self, name: str) -> TypeRef:
        t = self.model.structured(name)
        if t is not None and t.key:
            found = self.properties(name).get(t.key[0].lower())
            if found is not None and found[1].is_primitive and not found[1].collection:
                return found[1]
        return STRING


@dataclass(frozen=True)
class Page:
    path: str
    facts: ApiPageFacts


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def resolve_operations(model: Model, pages: Iterable[tuple[str, ApiPageFacts]]
                       ) -> tuple[tuple[Operation, ...], tuple[Diagnostic, ...]]:
    """Every request line of every API page as an operation, checked against ``model``."""
    ordered = sorted((Page(path, facts) for path, facts in pages), key=lambda p: p.path)
    if not ordered:
        return (), ()
    index = TypeIndex(model)
    resolver = Resolver(index, ordered)
    return resolver.run()


def with_operations(model: Model, pages: Iterable[tuple[str, ApiPageFacts]]) -> Model:
    """``model`` with the API pages' operations and their diagnostics."""
    operations, diagnostics = resolve_operations(model, pages)
    if not operations and not diagnostics:
        return model
    from generator.diagnostics import sort_diagnostics

    return replace(model, operations=operations,
                   diagnostics=tuple(sort_diagnostics([*model.diagnostics, *diagnostics])))


class Resolver:
    def __init__(self, index: TypeIndex, pages: Sequence[Page]) -> None:
        self.index = index
        self.pages = pages
        self.bound: dict[tuple[str, bool, str], BoundOperation] = {}
        self.roots: dict[str, Position] = {}
        self.root_spelling: dict[str, str] = {}
        self.diagnostics: list[Diagnostic] = []
        #: (owner type, segment lower) → (segment as written, type, page, location): members no
        #: resource page declares, implied by an API page documenting them with their type.
        self.implied: dict[tuple[str, str], tuple[str, TypeRef, str, SourceLocation]] = {}
        self.settled: set[int] = set()  # ids of lines known to resolve
        self.tables_missing: set[str] = set()  # pages DS509 has named
        self._singular_collections: dict[str, dict[str, tuple[str, TypeRef, bool]]] = {}

    def run(self) -> tuple[tuple[Operation, ...], tuple[Diagnostic, ...]]:
        self.keyed_prefixes = {
            _canonical(line.segments[:i + 1])
            for page in self.pages for line in page.facts.request_lines
            for i in range(len(line.segments) - 1)
            if line.segments[i + 1].key is not None and not line.segments[i + 1].name
            and not _PROPERTY_PLACEHOLDER.fullmatch(line.segments[i + 1].key or "")}
        self.infer_roots()
        for _ in range(8):  # what one page documents may be the middle of another's path
            added = self.register_bound_operations()
            if not self.register_implied_navigation() and not added:
                break
        operations: dict[tuple[str, str], Operation] = {}
        for page in self.pages:
            for line in page.facts.request_lines:
                operation = self.operation(page, line)
                if operation is None:
                    continue
                key = (operation.path.lower(), operation.method)
                known = operations.get(key)
                operations[key] = operation if known is None else self.merge(known, operation)
        return (tuple(self.with_unique_ids(operations.values())),
                tuple(sorted(set(self.diagnostics))))

    # -- roots -------------------------------------------------------------------------------

    def infer_roots(self) -> None:
        lines: dict[str, list[tuple[Page, RequestLineFact]]] = {}
        for page in self.pages:
            for line in page.facts.request_lines:
                first = line.segments[0]
                if first.name and first.key is None and first.args is None:
                    lines.setdefault(first.name.lower(), []).append((page, line))
        for root, found in sorted(lines.items()):
            self.root_spelling[root] = Counter(
                line.segments[0].name for _, line in found).most_common(1)[0][0]
            keyed = any(len(line.segments) > 1 and line.segments[1].key is not None
                        and not line.segments[1].name for _, line in found)
            votes = self.root_votes(found)
            top = max(votes.values(), default=0)
            best: tuple[int, int, str] | None = None
            leaders = [c for c, vote in votes.items() if vote == top]
            if top > 0 and len(leaders) == 1:  # the pages agree: no need to count lines
                self.roots[root] = Position(leaders[0], collection=keyed)
                continue
            for candidate, vote in votes.items():
                if vote < top:
                    continue
                position = Position(candidate, collection=keyed)
                resolved = sum(1 for _, line in found
                               if self.walk(line, position, probing=True).failure is None)
                score = (vote, resolved, candidate)
                if best is None or score[:2] > best[:2] or (score[:2] == best[:2]
                                                            and candidate < best[2]):
                    best = score
            if best is not None and (best[0] > 0 or 2 * best[1] > len(found)):
                self.roots[root] = Position(best[2], collection=keyed)
            else:  # no page says what the root is: its members may still be implied
                self.roots[root] = Position(IMPLIED_PREFIX + self.root_spelling[root],
                                            collection=keyed)

    def root_votes(self, found: Sequence[tuple[Page, RequestLineFact]]) -> Counter[str]:
        """Candidate types for a root, with how strongly its short lines point at each."""
        votes: Counter[str] = Counter()
        second: Counter[str] = Counter()
        for page, line in found:
            rest = line.segments[1:]
            short = not rest or (len(rest) == 1 and rest[0].key is not None and not rest[0].name)
            if short:
                response = self.index.expr(page.facts.response_type)
                if response is not None and not response.is_primitive:
                    votes[response.name] += 3
                body = self.index.expr(page.facts.body_type)
                if body is not None and not body.is_primitive:
                    votes[body.name] += 1
                for example in page.facts.examples:
                    if example.kind == "response" and example.odata_type:
                        t = self.index.by_name(_strip_collection(example.odata_type))
                        if t is not None:
                            votes[t.qualified_name] += 2
            else:
                named = rest[1] if rest[0].key is not None and not rest[0].name else rest[0]
                if named.name and not named.name.startswith("$"):
                    second[named.name.lower()] += 1
        if second:
            shared: Counter[int] = Counter()  # type position → how many of the names it has
            for name in second:
                shared.update(self.index.owners.get(name, ()))
            types = self.index.model.types
            overlap = Counter({types[p].qualified_name: shared[p] for p in sorted(shared)})
            for name, _ in overlap.most_common(8):
                votes[name] += 0
        return votes

    # -- members implied by API pages -------------------------------------------------------

    def register_implied_navigation(self) -> bool:
        """A line whose only unresolved segment is its last name (a key may follow) implies that
        member when its page names the type it returns and it is no near miss of a declared
        property (a singular spelling, another case: those stay errors)."""
        added = False
        passing: dict[tuple[str, str], list[tuple[Page, RequestLineFact, str, str]]] = {}
        for page in self.pages:
            documented = page_operation_names(page.path, page.facts.title) | set(
                stem_operation_names(page.path))
            for line in page.facts.request_lines:
                root = self.roots.get(line.segments[0].name.lower())
                if root is None or len(line.segments) < 2 or id(line) in self.settled:
                    continue
                walk = self.walk(line, root, probing=True)
                if walk.failure is None:  # what registering adds never unsettles a line
                    if not walk.provisional:
                        self.settled.add(id(line))
                    continue
                position = walk.failed_position
                if walk.failure != "" or position is None or position.collection:
                    continue
                segment = line.segments[walk.failed_at]
                after = line.segments[walk.failed_at + 1:]
                if _is_member_name(segment) and after and _is_member_name(after[0]) and \
                        after[0].key is None and segment.name.lower() not in documented and \
                        self.index.model.structured(position.type) is not None:
                    passing.setdefault((position.type, segment.name.lower()), []).append(
                        (page, line, segment.name, after[0].name.lower()))
                    continue
                if not _is_member_name(segment) or len(after) > 1 or (
                        after and (after[0].key is None or after[0].name)):
                    continue
                if segment.key is not None or segment.name.lower() in documented:
                    continue  # a page naming its action or function: not a member
                key = (position.type, segment.name.lower())
                if key in self.implied:
                    continue
                keyed = bool(after) or _canonical(
                    line.segments[:walk.failed_at + 1]) in self.keyed_prefixes
                if self.near_miss(position.type, segment.name):
                    single = self.plural_of_single(position.type, segment.name)
                    if single is None or not keyed:
                        continue
                    ref: TypeRef | None = TypeRef(single.name, True)
                else:
                    ref = self.implied_type(page, line, keyed)
                if ref is None:
                    continue
                self.implied[key] = (segment.name, ref, page.path, line.location)
                self.diagnostics.append(_diagnostic(
                    line.location, "DS508",
                    f"{line.method} {line.text}: {segment.name!r} is declared on no resource page "
                    f"of {_type_label(position.type)}; this page implies it, of type {ref}",
                    Subject(position.type, segment.name)))
                added = True
        return self.register_implied_containers(passing) or added

    def register_implied_containers(
            self, passing: dict[tuple[str, str], list[tuple[Page, RequestLineFact, str, str]]]
    ) -> bool:
        """A segment no resource page declares, in the middle of request lines (a name follows
        it), is a single-valued member when it is no near miss of a declared one and either a
        type named like it (``teamwork`` → ``userTeamwork``) declares what follows it, or the
        lines of two pages or more go through it: then its type is untyped, like a root no page
        types, and its members are implied by the pages that document them (DS516)."""
        added = False
        for (owner, lowered), found in sorted(passing.items()):
            spelling = Counter(name for _, _, name, _ in found).most_common(1)[0][0]
            if (owner, lowered) in self.implied or self.near_miss(owner, spelling):
                continue
            typed = self.container_type(lowered, {after for _, _, _, after in found})
            pages = sorted({page.path for page, _, _, _ in found})
            if typed is None and len(pages) < 2:
                continue
            page, line = found[0][0], found[0][1]
            ref = TypeRef(typed or f"{IMPLIED_PREFIX}{owner}/{spelling}")
            self.implied[(owner, lowered)] = (spelling, ref, page.path, line.location)
            if typed is not None:
                self.diagnostics.append(_diagnostic(
                    line.location, "DS508",
                    f"{line.method} {line.text}: {spelling!r} is declared on no resource page "
                    f"of {_type_label(owner)}; the type named like it that declares what "
                    f"follows it, {typed}, is taken", Subject(owner, spelling)))
            else:
                self.diagnostics.append(_diagnostic(
                    line.location, "DS516",
                    f"{line.method} {line.text}: {spelling!r} is declared on no resource page "
                    f"of {_type_label(owner)} and no page says its type; the request lines of "
                    f"{len(pages)} pages go through it, so it is taken as a member whose own "
                    f"members those pages imply", Subject(owner, spelling)))
            added = True
        return added

    def container_type(self, name: str, followers: set[str]) -> str | None:
        """The one type named ``name`` (or ending in it) that declares a segment that follows."""
        found: list[tuple[bool, str]] = []
        for t in self.index.model.types:
            short = t.name.lower()
            if short.endswith(name) and followers & set(self.index.properties(t.qualified_name)):
                found.append((short != name, t.qualified_name))
        found.sort()
        if not found or (len(found) > 1 and found[0][0] == found[1][0]):
            return None
        return found[0][1]

    def implied_type(self, page: Page, line: RequestLineFact, keyed: bool) -> TypeRef | None:
        facts = page.facts
        ref = self.index.expr(facts.response_type) if line.method != "DELETE" else None
        if ref is None or ref.is_primitive:
            ref = self.index.expr(facts.body_type)
        if ref is None or ref.is_primitive:
            ref = self.response_of(facts)
        if ref is None or ref.is_primitive or self.index.model.structured(ref.name) is None:
            return None
        collection = keyed or ref.collection or (line.method == "POST" and not keyed)
        return TypeRef(ref.name, collection)

    def plural_of_single(self, type_name: str, name: str) -> TypeRef | None:
        """The type of the single-valued member ``name`` is the plural of (``photos`` beside
        ``photo``): keyed, the plural is another member, a collection of that type, no near
        miss (``photo`` stays the single one)."""
        declared = [(wire, ref) for wire, ref, _ in self.index.properties(type_name).values()
                    if _stem(wire) == _stem(name)]
        if len(declared) == 1 and not declared[0][1].collection and \
                _stem(name) == declared[0][0].lower() != name.lower() and \
                not declared[0][1].is_primitive:
            return declared[0][1]
        return None

    def plural_spelling(self, type_name: str, name: str) -> tuple[str, TypeRef, bool] | None:
        """The collection-valued member that a resource page names in the singular
        (``timeoffrequest``) and ``name`` spells in the plural (``timeOffRequests``)."""
        singular = self._singular_collections.get(type_name)
        if singular is None:
            singular = {wire.lower(): (wire, ref, navigation)
                        for wire, ref, navigation in self.index.properties(type_name).values()
                        if ref.collection and _stem(wire) == wire.lower()}
            self._singular_collections[type_name] = singular
        if not singular or name.lower() in singular:
            return None
        return singular.get(_stem(name))

    def near_miss(self, type_name: str, name: str) -> bool:
        """``name`` is another spelling of a declared member: case, or singular and plural."""
        wanted = _stem(name)
        return any(_stem(known) == wanted for known in self.index.properties(type_name))

    # -- bound actions and functions --------------------------------------------------------

    def register_bound_operations(self) -> bool:
        """Record every bound action/function a page documents; True when any is new."""
        added = False
        for page in self.pages:
            names = page_operation_names(page.path, page.facts.title)
            words = _stem_words(page.path)
            for line in page.facts.request_lines:
                last = line.segments[-1]
                if id(line) in self.settled or not last.name or last.key is not None or \
                        last.name.startswith("$"):
                    continue
                bare = last.name.rpartition(".")[2] if last.args is not None or "." not in \
                    last.name or self.index.by_name(last.name) is None else last.name
                if last.args is None and bare.lower() not in names and line.method != "POST" \
                        and bare.lower() not in words[1:] and not _prefix_word(words[-1], bare):
                    continue  # nothing names it: no need to walk (see stem_names_bound)
                root = self.roots.get(line.segments[0].name.lower())
                if root is None or len(line.segments) < 2:
                    continue
                walk = self.walk(RequestLineFact(line.method, line.text, line.segments[:-1],
                                                 (), line.location), root, probing=True)
                if walk.failure is not None or walk.end is None or walk.end.terminal:
                    continue
                if bare.lower() in self.index.properties(walk.end.type):
                    continue
                if last.args is None and bare.lower() not in names and \
                        not self.stem_names_bound(page.path, line.method, bare, walk.end):
                    continue
                key = (walk.end.type, walk.end.collection, bare.lower())
                if key in self.bound:
                    continue
                kind = "action" if line.method == "POST" else "function"
                self.bound[key] = BoundOperation(bare, kind, self.response_of(page.facts))
                added = True
        return added

    def stem_names_bound(self, path: str, method: str, name: str, position: Position) -> bool:
        """Whether a request line's last segment ``name``, on ``position``, is a bound action or
        function by the page's file name or by where it stands.

        After a single value: the file name ``...-type-name.md`` names it (``name`` may go on:
        ``driveitemversion-restore`` names ``restoreVersion``) on the type or one it derives
        from. After a collection no member may follow, only a key, a cast or a bound
        operation: a POST there is an action (``/followedSites/add``); a GET is a function when
        a word of the file name after its first is its name (``..-list-availableprovidertypes``).
        A near miss of a member (``/messages/message``) is neither."""
        if self.near_miss(position.type, name):
            return False
        lowered = name.lower()
        parts = _stem_words(path)
        if position.collection:
            return method == "POST" or lowered in parts[1:] or _prefix_word(parts[-1], name)
        stem = stem_operation_names(path)
        stem_name, stem_type = next(iter(stem.items()), ("", ""))
        if not stem_name or not (stem_name == lowered or _prefix_word(stem_name, name)):
            return False
        return any(_short_name(t).endswith(stem_type) for t in self.index.lineage(position.type))

    def find_bound(self, position: Position, name: str) -> BoundOperation | None:
        bare = name.rpartition(".")[2].lower()
        for type_name in self.index.lineage(position.type):
            found = self.bound.get((type_name, position.collection, bare))
            if found is not None:
                return found
        return None

    def response_of(self, facts: ApiPageFacts) -> TypeRef | None:
        if facts.status == 204 or facts.response_empty:
            return None
        listed = any(e.kind == "response" and (e.collection or _COLLECTION_BODY.match(e.body))
                     for e in facts.examples)
        if facts.response_primitive:
            name = _strip_collection(facts.response_primitive)
            return TypeRef(name, name != facts.response_primitive or listed)
        found = self.index.expr(facts.response_type)
        if found is not None:
            return TypeRef(found.name, found.collection or listed)
        for example in facts.examples:
            if example.kind == "response" and example.odata_type:
                name = _strip_collection(example.odata_type)
                collection = example.collection or example.odata_type.startswith("Collection(")
                if name.lower().startswith("edm."):  # "Edm.String" on a function's response
                    primitive = core_type(name)
                    if primitive is not None:
                        return TypeRef(primitive, collection)
                    continue
                t = self.index.by_name(name)
                if t is not None:
                    return TypeRef(t.qualified_name, collection)
        for example in facts.examples:
            context = _ODATA_CONTEXT.search(example.body) if example.kind == "response" else None
            if context is not None:
                found_context = self.context_type(context[1])
                if found_context is not None:
                    return found_context
        for example in facts.examples:
            if example.kind == "response" and not example.odata_type and example.body:
                keyed_by = self.type_of_keys(example.body)
                if keyed_by is not None:
                    return TypeRef(keyed_by)
        return None

    def context_type(self, fragment: str) -> TypeRef | None:
        """The type an example's ``@odata.context`` names after ``$metadata#``:
        ``Collection(microsoft.graph.x)``, ``microsoft.graph.x``, ``Edm.String`` (an entity
        set path, ``users/$entity``, names none here)."""
        name = fragment.removesuffix("/$entity")
        collection = name.startswith("Collection(")
        name = _strip_collection(name)
        if name.lower().startswith("edm."):
            primitive = core_type(name)
            return TypeRef(primitive, collection) if primitive else None
        t = self.index.qualified.get(name.lower()) if "." in name else None
        return TypeRef(t.qualified_name, collection) if t is not None else None

    def type_of_keys(self, body: str) -> str | None:
        """The one type that declares every key (two or more) of a JSON object shown without
        its type (``{"getUrl": .., "postUrl": ..}``): the fewest extra properties wins."""
        try:
            value = json.loads(body)
        except ValueError:
            return None
        if not isinstance(value, dict):
            return None
        keys = {k.lower() for k in value if not k.startswith("@")}
        if len(keys) < 2:
            return None
        fits = sorted((len(self.index.properties(t.qualified_name)), t.qualified_name)
                      for t in self.index.model.types
                      if keys <= set(self.index.properties(t.qualified_name)))
        if not fits or (len(fits) > 1 and fits[0][0] == fits[1][0]):
            return None
        return fits[0][1]

    # -- walking a path ---------------------------------------------------------------------

    def walk(self, line: RequestLineFact, root: Position, probing: bool = False) -> Walk:
        walk = Walk()
        first = line.segments[0]
        walk.pieces.append(self.root_spelling.get(first.name.lower(), first.name))
        walk.words.append(walk.pieces[0])
        position = root
        used: Counter[str] = Counter()
        for at, segment in enumerate(line.segments[1:], 1):
            walk.before_end = position
            walk.failed_at = at
            walk.at_last = at == len(line.segments) - 1
            if position.terminal:
                return _fail(walk, segment, position, "nothing may follow it")
            step = self.step(position, segment, walk, used)
            if step is None:
                if walk.failure is None:
                    _fail(walk, segment, position, "")
                return walk
            position = step
        walk.end = position
        return walk

    def step(self, position: Position, segment: PathSegment, walk: Walk,
             used: Counter[str]) -> Position | None:
        walk.keyed_last = False
        if segment.address is not None:
            if position.collection or self.index.model.structured(position.type) is None:
                return None
            walk.pieces[-1] += ":"
            walk.pieces.append(f"{{{_ADDRESS_PARAMETER}}}:")
            walk.parameters.append(OperationParameter(_ADDRESS_PARAMETER, STRING,
                                                      "The path of the item", True))
            return position
        if not segment.name:
            if _PROPERTY_PLACEHOLDER.fullmatch(segment.key or ""):
                _fail(walk, segment, position, "a placeholder for a property's name, not a key")
                return None
            return self.key_step(position, walk, used)
        if segment.name.startswith("$"):
            return self.special_step(position, segment.name, walk)
        if segment.key is not None and position.collection:  # /directoryRoles/roleTemplateId={id}
            name = _unique(segment.name, used)
            walk.pieces[-1] += f"({segment.name}='{{{name}}}')"
            walk.parameters.append(OperationParameter(name, STRING, f"Alternate key of "
                                                      f"{_type_label(position.type)}", True))
            walk.keyed_last = True
            return Position(position.type, False, navigation=position.navigation)
        if segment.args is None:
            found = self.index.properties(position.type).get(segment.name.lower())
            if found is None and not position.collection:
                plural = self.plural_spelling(position.type, segment.name)
                if plural is not None:
                    walk.respelled.append((position.type, plural[0], segment.name))
                    found = (segment.name, plural[1], plural[2])
            if found is None and not position.collection:
                implied = self.implied_member(position.type, segment.name)
                if implied is not None:
                    found = (implied[0], implied[1], True)
                elif position.type.startswith(IMPLIED_PREFIX) and _is_member_name(segment) \
                        and not walk.at_last:
                    walk.pieces.append(segment.name)
                    walk.words.append(segment.name)
                    walk.provisional = True  # a member implied later takes its place
                    return Position(f"{position.type}/{segment.name}", keyable=True)
            if found is not None and not position.collection:
                wire, ref, navigation = found
                walk.pieces.append(wire)
                walk.words.append(wire)
                next_position = Position(ref.name, ref.collection,
                                         terminal=ref.is_primitive and not ref.collection,
                                         navigation=navigation,
                                         keyable=navigation and not ref.collection)
                if segment.key is not None:
                    return self.key_step(next_position, walk, used)
                return next_position
            cast = self.cast(position, segment.name)
            if cast is not None:
                walk.pieces.append(cast)
                walk.words.append("as" + _upper_first(cast.rpartition(".")[2]))
                return Position(cast, position.collection, navigation=position.navigation,
                                keyable=position.keyable)
        bound = self.find_bound(position, segment.name)
        if bound is None:
            return None
        walk.bound = bound
        piece = bound.name
        if segment.args:
            arguments = []
            for argument in segment.args:
                name = _unique(argument, used)
                arguments.append(f"{argument}='{{{name}}}'")
                walk.parameters.append(OperationParameter(name, STRING,
                                                          f"Usage: {argument}='{{{name}}}'", True))
            piece += "(" + ",".join(arguments) + ")"
        elif segment.args is not None and bound.kind == "function":
            piece += "()"
        walk.pieces.append(piece)
        walk.words.append(bound.name)
        if bound.returns is None:
            return Position(position.type, terminal=True)
        return Position(bound.returns.name, bound.returns.collection,
                        terminal=bound.returns.is_primitive or bound.kind == "action")

    def implied_member(self, type_name: str, name: str) -> tuple[str, TypeRef] | None:
        for owner in self.index.lineage(type_name):
            found = self.implied.get((owner, name.lower()))
            if found is not None:
                return found[0], found[1]
        return None

    def key_step(self, position: Position, walk: Walk, used: Counter[str]) -> Position | None:
        """A key of a collection, or of a navigation property's value that its resource page
        types as single-valued (Relationships tables drop "collection" now and then)."""
        if not (position.collection or position.keyable) or position.type.startswith("Edm."):
            return None
        implied_root = position.type.startswith(IMPLIED_PREFIX)
        if self.index.model.structured(position.type) is None and not implied_root:
            return None
        short = position.type[len(IMPLIED_PREFIX):].rpartition("/")[2] if implied_root \
            else position.type.rpartition(".")[2]
        name = _unique(f"{short}-id", used)
        walk.pieces.append(f"{{{name}}}")
        walk.parameters.append(OperationParameter(name, self.index.key_type(position.type),
                                                  f"The unique identifier of {short}", True))
        walk.keyed_last = True
        return Position(position.type, False, navigation=position.navigation)

    def special_step(self, position: Position, name: str, walk: Walk) -> Position | None:
        lowered = name.lower()
        if lowered == "$count" and position.collection:
            walk.special = "$count"
        elif lowered == "$ref" and position.navigation:
            walk.special = "$ref"
        elif lowered == "$value" and not position.collection:
            walk.special = "$value"
        else:
            return None
        walk.pieces.append(walk.special)
        walk.words.append(walk.special[1:])
        return Position(position.type, position.collection, terminal=True)

    def cast(self, position: Position, name: str) -> str | None:
        """A cast to a derived (or base) type; from a member no page types, to any type."""
        if "." not in name:
            return None
        target = self.index.qualified.get(name.lstrip("#").lower())
        if target is None:
            return None
        qualified = target.qualified_name
        if position.type.startswith(IMPLIED_PREFIX):
            return qualified
        if self.index.is_derived_or_same(qualified, position.type) or \
                self.index.is_derived_or_same(position.type, qualified):
            return qualified
        return None

    # -- one request line → one operation ---------------------------------------------------

    def operation(self, page: Page, line: RequestLineFact) -> Operation | None:
        first = line.segments[0]
        root = self.roots.get(first.name.lower()) if first.name else None
        facts = page.facts
        method = line.method.lower()
        if root is None:
            segment = first.name or first.key or ""
            self.diagnostics.append(_diagnostic(
                line.location, "DS504",
                f"{line.method} {line.text}: the root {segment!r} has no type: no API page "
                f"says what it returns", None))
            return self.unresolved(page, line, f"unknown root {segment!r}")
        walk = self.walk(line, root)
        if walk.failure is not None:
            cause = self.failure_cause(line, walk)
            self.diagnostics.append(_diagnostic(
                line.location, "DS503",
                f"{line.method} {line.text}: segment {walk.failed_segment!r} is no property, "
                f"key, cast or documented action or function of "
                f"{_type_label(walk.failed_type)} ({cause})",
                Subject(walk.failed_type, walk.failed_segment)))
            return self.unresolved(page, line, cause)
        assert walk.end is not None
        for owner, declared, spelled in walk.respelled:
            self.diagnostics.append(_diagnostic(
                line.location, "DS517",
                f"{line.method} {line.text}: {spelled!r} is the plural of {declared!r}, which "
                f"the resource page of {owner} declares as a collection; the page's plural "
                f"spelling is kept", Subject(owner, declared)))
        if walk.bound is not None and walk.pieces[-1].startswith(walk.bound.name) and \
                walk.special is None and (walk.bound.kind == "action") != (method == "post"):
            self.diagnostics.append(_diagnostic(
                line.location, "DS505",
                f"{line.method} {line.text}: {walk.bound.name} is documented as a "
                f"{walk.bound.kind}, which takes "
                f"{'POST' if walk.bound.kind == 'action' else 'GET'}", None))
        path = "/" + "/".join(walk.pieces)
        status, response = self.response(facts, method, walk)
        body, body_parameters, media = self.body(page, method, walk)
        last_is_bound = walk.bound is not None and walk.words[-1] == walk.bound.name
        return Operation(
            method=method,
            path=path,
            operation_id=operation_id(method, walk, last_is_bound),
            tag=walk.pieces[0],
            summary=facts.title,
            description=facts.description,
            source=page.path,
            location=line.location,
            path_parameters=tuple(walk.parameters),
            query_parameters=self.query_parameters(facts, line, walk),
            odata_options=self.odata_options(facts, method, walk),
            headers=tuple(self.parameter(p) for p in facts.headers
                          if p.name.lower() not in _NOT_HEADERS),
            body=body,
            body_parameters=body_parameters,
            media_body=media,
            status=status,
            response=response,
            bound=walk.bound.kind if last_is_bound and walk.bound is not None else None,
            pages=(page.path,),
            request_examples=tuple(e for e in facts.examples if e.kind == "request"),
        )

    def failure_cause(self, line: RequestLineFact, walk: Walk) -> str:
        """Why a line does not resolve, in a few words (the DS503 message and the kept
        operation's ``x-docschema-unresolved`` say it; reports count by it)."""
        segment = line.segments[walk.failed_at]
        position = walk.failed_position
        if walk.failure:
            return walk.failure
        if segment.key is not None and not segment.name:
            return "a key on a single value"
        if segment.name.startswith("$"):
            return f"{segment.name} where it does not apply"
        if segment.address is not None or not re.fullmatch(r"[A-Za-z_][\w.]*", segment.name):
            return "a malformed segment"
        if position is not None and position.collection:
            return "a member of a collection without a key"
        if position is not None and self.near_miss(position.type, segment.name):
            return "a near miss of a declared member"
        return "a segment no resource or API page declares"

    def unresolved(self, page: Page, line: RequestLineFact, reason: str) -> Operation:
        path = "/" + "/".join(_literal_piece(s, i) for i, s in enumerate(line.segments))
        names = re.findall(r"\{([^{}]*)\}", path)
        return Operation(
            method=line.method.lower(), path=path,
            operation_id=".".join(re.findall(r"[A-Za-z]\w*", line.text)) + "." +
            line.method.lower(),
            tag=line.segments[0].name or "unresolved", summary=page.facts.title,
            description=page.facts.description, source=page.path, location=line.location,
            path_parameters=tuple(OperationParameter(n, STRING, "", True) for n in names),
            status=page.facts.status or 200, resolved=False, unresolved_reason=reason,
            pages=(page.path,))

    def response(self, facts: ApiPageFacts, method: str, walk: Walk
                 ) -> tuple[int, TypeRef | None]:
        assert walk.end is not None
        end = walk.end
        if walk.special == "$count":
            return 200, TypeRef("Edm.Int32")
        if walk.special in ("$ref", "$value") or method == "delete":
            return (204 if method != "get" else 200), None
        stated = facts.status
        if facts.response_empty and method in ("get", "post") and (stated is None or stated < 300):
            return stated or (201 if method == "post" and walk.bound is None else 200), None
        if method in ("patch", "put") and not end.type.startswith(("Edm.", IMPLIED_PREFIX)) \
                and walk.bound is None:
            # 204 by default, 200 with the entity when asked to (Prefer: return=representation)
            return stated or 204, TypeRef(end.type, end.collection)
        if stated is not None and 300 <= stated < 400:  # what the redirect leads to, if said
            said = self.response_of(facts)
            return stated, said if said == TypeRef("Edm.Stream") else None
        if stated == 204 or (stated is not None and stated >= 300):
            return stated, None
        if walk.bound is not None and walk.words[-1] == walk.bound.name:
            returns = self.response_of(facts)
            return (stated or 200), returns
        default = 201 if method == "post" else 200
        if end.type.startswith(IMPLIED_PREFIX):  # a member no page types: the page's own type
            return stated or default, self.response_of(facts)
        if method == "post" and end.collection:
            return stated or default, TypeRef(end.type)
        if method == "post":  # POST to a single entity that is no action: rare
            return stated or default, self.response_of(facts)
        return stated or default, TypeRef(end.type, end.collection or (
            end.keyable and not walk.keyed_last and self.lists(facts, end.type)))

    def lists(self, facts: ApiPageFacts, type_name: str) -> bool:
        """The page's Response prose says it returns a collection of ``type_name`` (or of a base
        of it: a cast) and no example response shows one object: a navigation property its
        resource page types as single-valued, or a cast of a member no page types, is then a
        collection (Relationships tables drop "collection")."""
        said = self.index.expr(facts.response_type)
        if said is None or not said.collection or \
                not self.index.is_derived_or_same(type_name, said.name):
            return False  # a list of a subtype (usedInsight) says nothing of its member
        shown = [e for e in facts.examples if e.kind == "response" and e.body.strip()]
        return all(e.collection or _COLLECTION_BODY.match(e.body) for e in shown)

    def body(self, page: Page, method: str, walk: Walk
             ) -> tuple[TypeRef | None, tuple[OperationParameter, ...], bool]:
        facts = page.facts
        assert walk.end is not None
        if method in ("get", "delete") or walk.special == "$count":
            return None, (), False
        if walk.special == "$value" or facts.body_kind == "media":
            return None, (), True
        if walk.special == "$ref":
            return TypeRef("$ref"), (), False
        if walk.bound is not None and walk.words[-1] == walk.bound.name:
            return None, self.action_parameters(facts), False
        if walk.end.type.startswith("Edm."):
            if facts.body_kind == "parameters":
                # a parameter table for a POST to a primitive: an action the path walk took
                # for a member (the page documents what it takes)
                return None, self.action_parameters(facts), False
            return None, (), True
        return TypeRef(walk.end.type), (), False

    def action_parameters(self, facts: ApiPageFacts) -> tuple[OperationParameter, ...]:
        """An action's body parameters: its page's table (or example, see the parser); for a
        page that says "supply a JSON representation of [x]", the keys of its example request,
        typed by x's properties of those names (the action takes part of x: its example shows
        which part), else x's properties."""
        if facts.body_parameters or facts.body_kind != "entity":
            if facts.body_from and facts.body_parameters:
                self.table_missing(facts)
            return tuple(self.body_parameter(p) for p in facts.body_parameters)
        entity = self.index.expr(facts.body_type)
        members = self.index.properties(entity.name) if entity is not None else {}
        shown = example_parameters(facts.location.path, facts.examples)
        if not shown:
            return tuple(OperationParameter(wire, ref) for wire, ref, navigation
                         in members.values() if not navigation)
        return tuple(OperationParameter(p.name, members[p.name.lower()][1])
                     if p.name.lower() in members else self.body_parameter(p) for p in shown)

    def table_missing(self, facts: ApiPageFacts) -> None:
        """DS509, once per page: an action's parameters read from JSON, not from a table."""
        location = facts.body_location or facts.body_parameters[0].location
        if location.path in self.tables_missing:
            return
        self.tables_missing.add(location.path)
        where = ("the JSON block of the Request body section" if facts.body_from == "section"
                 else "the example request")
        self.diagnostics.append(_diagnostic(
            location, "DS509",
            f"the request body has no parameter table; the action's parameters "
            f"({', '.join(p.name for p in facts.body_parameters)}) are read from {where} "
            f"(line {facts.body_parameters[0].location.line})", None))

    def body_parameter(self, fact: ParameterFact) -> OperationParameter:
        """A body parameter; one nothing types (an example's object or null value, an empty
        type cell) takes any value rather than claiming a string."""
        if fact.type is None and not fact.type_text.strip():
            return OperationParameter(fact.name, UNTYPED, fact.description, fact.required)
        return self.parameter(fact)

    def parameter(self, fact: ParameterFact) -> OperationParameter:
        ref = self.index.expr(fact.type) or TypeRef("Edm.String",
                                                    bool(fact.type and fact.type.collection))
        return OperationParameter(fact.name, ref, fact.description, fact.required)

    def query_parameters(self, facts: ApiPageFacts, line: RequestLineFact, walk: Walk
                         ) -> tuple[OperationParameter, ...]:
        taken = {p.name.lower() for p in walk.parameters}
        found: dict[str, OperationParameter] = {}
        for fact in facts.query_parameters:
            if not fact.name.startswith("$") and fact.name.lower() not in taken:
                found.setdefault(fact.name.lower(), self.parameter(fact))
        for name in line.query:
            if name and not name.startswith("$") and name.lower() not in taken and \
                    re.match(r"^[A-Za-z_][\w.\-]*$", name):
                found.setdefault(name.lower(), OperationParameter(name, STRING))
        return tuple(found[k] for k in sorted(found))

    def odata_options(self, facts: ApiPageFacts, method: str, walk: Walk) -> tuple[str, ...]:
        if method != "get" or walk.special is not None or walk.end is None:
            return ()
        written = {o.lower() for o in facts.odata_options}
        written.update(q.lower() for q in (facts.request_lines[0].query if facts.request_lines
                                           else ()) if q.startswith("$"))
        if walk.end.type.startswith("Edm."):
            return ()
        wanted = ["$select", "$expand"]
        if walk.end.collection:
            wanted += ["$orderby", "$top", "$skip", "$search", "$filter", "$count"]
        return tuple(o for o in ODATA_OPTIONS if o in wanted and (o in written or o in
                                                                  ("$select", "$expand")))

    # -- merging ----------------------------------------------------------------------------

    def merge(self, known: Operation, other: Operation) -> Operation:
        """One operation from two pages: the primary page's, with both pages listed. The
        primary page is the one named after the operation's type (``user-get.md`` for
        ``GET /users/{user-id}``), else the first by path."""
        if not known.resolved or not other.resolved:
            return known if known.resolved else other
        if _primary_rank(other) < _primary_rank(known):
            known, other = other, known
        if other.source != known.source:
            for aspect, mine, theirs in (("response", known.response, other.response),
                                         ("body", known.body, other.body),
                                         ("body parameters", _parameter_names(known),
                                          _parameter_names(other)),
                                         ("status", known.status, other.status)):
                if mine != theirs:
                    self.diagnostics.append(_diagnostic(
                        other.location, "DS506",
                        f"{other.method.upper()} {known.path} is documented on {known.source} "
                        f"too; the pages disagree on the {aspect} ({_show(mine)} there, "
                        f"{_show(theirs)} here); the first page's is kept", None))
        pages = tuple(dict.fromkeys(known.pages + other.pages))
        return replace(known, pages=pages,
                       odata_options=tuple(o for o in ODATA_OPTIONS
                                           if o in known.odata_options + other.odata_options),
                       headers=known.headers or other.headers)

    def with_unique_ids(self, operations: Iterable[Operation]) -> list[Operation]:
        ordered = sorted(operations, key=lambda o: (o.path, _METHOD_ORDER.get(o.method, 9)))
        seen: Counter[str] = Counter()
        result = []
        for operation in ordered:
            base = operation.operation_id
            seen[base] += 1
            if seen[base] > 1:
                operation = replace(operation, operation_id=f"{base}-{seen[base] - 1}")
            result.append(operation)
        return result


#: An example response that is an OData collection: ``{"@odata.context": "...", "value": [``.
_ODATA_CONTEXT = re.compile(r'"@odata\.context"\s*:\s*"[^"#]*\$metadata#([^"]+)"')
#: A placeholder standing for a member's name (``/branding/{property name}``), not a key.
_PROPERTY_PLACEHOLDER = re.compile(r"\s*property[\s_-]*name\s*", re.IGNORECASE)
_COLLECTION_BODY = re.compile(
    r'^\s*\{\s*(?:"@odata\.[\w.]+"\s*:\s*"[^"]*"\s*,\s*)*"value"\s*:\s*\[')

def _parameter_names(operation: Operation) -> tuple[str, ...] | None:
    """An action's body parameter names (sorted, lower-case); None for no parameter body."""
    if not operation.body_parameters:
        return None
    return tuple(sorted(p.name.lower() for p in operation.body_parameters))


def _primary_rank(operation: Operation) -> tuple[bool, str]:
    """Pages named ``<type>-...`` after the operation's type come first, then by path."""
    named = operation.response or operation.body
    if named is not None and not named.is_primitive:
        type_name = named.name.rpartition(".")[2].lower()
    elif operation.path_parameters:
        type_name = operation.path_parameters[-1].name.rpartition("-")[0].lower()
    else:
        type_name = ""
    stem = posixpath.basename(operation.source).lower()
    return (not (type_name and stem.startswith(type_name + "-")), operation.source)


_METHOD_ORDER = {"get": 0, "put": 1, "post": 2, "delete": 3, "patch": 4}


_TITLE_OPERATION = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(?:\(\s*\))?\s+(?:action|function)\b",
                              re.IGNORECASE)


def page_operation_names(path: str, title: str) -> set[str]:
    """Lower-case names a page's title gives the bound action or function it documents:
    ``type: name`` or ``name action`` / ``name function``."""
    names: set[str] = set()
    _, colon, tail = title.partition(":")
    if colon:
        word = re.match(r"\s*([A-Za-z_][\w.]*)", tail)
        if word:
            names.add(word[1].rpartition(".")[2].lower())
    named = _TITLE_OPERATION.match(title)
    if named:
        names.add(named[1].rpartition(".")[2].lower())
    return names


def stem_operation_names(path: str) -> dict[str, str]:
    """A file name ``...-type-name.md`` names operation ``name`` bound to ``type``:
    {name: type}, lower case (none when ``name`` is a generic verb)."""
    parts = posixpath.basename(path).rpartition(".")[0].lower().split("-")
    if len(parts) >= 2 and parts[-1] not in _GENERIC_VERBS and parts[-2] not in _GENERIC_VERBS:
        return {parts[-1]: parts[-2]}
    return {}


def operation_id(method: str, walk: Walk, last_is_bound: bool) -> str:
    """``users.messages.GetMessage``: the path's names, then a verb and the last name."""
    words = [_identifier(w) for w in walk.words]
    last = words[-1]
    prefix = ".".join(words[:-1]) or last
    if last_is_bound:
        return f"{prefix}.{last}"
    assert walk.end is not None
    if walk.special is not None:
        verb = {"get": "Get", "put": "Set", "post": "Create", "delete": "Delete",
                "patch": "Update"}[method]
        return f"{prefix}.{verb}{_upper_first(last)}"
    if walk.keyed_last or not walk.end.collection:
        verb = {"get": "Get", "put": "Set", "post": "Post", "delete": "Delete",
                "patch": "Update"}[method]
        name = _identifier(walk.end.type.rpartition("/")[2]) if walk.keyed_last else last
    else:
        verb = {"get": "List", "put": "Set", "post": "Create", "delete": "Delete",
                "patch": "Update"}[method]
        name = last
    return f"{prefix}.{verb}{_upper_first(name)}"


def _stem_words(path: str) -> list[str]:
    """A page's file name in lower-case words: ``driveitem-list-children.md`` → 3 words."""
    return posixpath.basename(path).rpartition(".")[0].lower().split("-")


def _prefix_word(prefix: str, name: str) -> bool:
    """``name`` begins with the lower-case word ``prefix``, then a capital (restoreVersion)."""
    return len(prefix) >= 3 and len(name) > len(prefix) and \
        name.lower().startswith(prefix) and name[len(prefix)].isupper()


def _short_name(type_name: str) -> str:
    """``microsoft.graph.driveItem`` → ``driveitem``; an untyped root ``#root:a/b`` → ``b``."""
    return re.split(r"[./:]", type_name)[-1].lower()


def _identifier(word: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "", word.rpartition(".")[2] if "." in word else word)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _unique(name: str, used: Counter[str]) -> str:
    used[name] += 1
    return name if used[name] == 1 else f"{name}{used[name] - 1}"


def _literal_piece(segment: PathSegment, position: int) -> str:
    if segment.address is not None:
        return f"{{{_ADDRESS_PARAMETER}}}:"
    if segment.key is not None and not segment.name:
        return f"{{key{position}}}"
    text = segment.name
    if segment.args is not None:
        text += "(" + ",".join(f"{a}='{{{a}}}'" for a in segment.args) + ")"
    return text


def _canonical(segments: Sequence[PathSegment]) -> str:
    """Segments as a lower-case path with every key as ``{}`` (which lines share a prefix)."""
    return "/".join("{}" if s.key is not None and not s.name else s.name.lower()
                    for s in segments)


def _is_member_name(segment: PathSegment) -> bool:
    return bool(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", segment.name)) and \
        segment.args is None and segment.address is None


def _stem(name: str) -> str:
    """A member name without case and plural ending: ``Events`` and ``event`` alike."""
    lowered = name.lower()
    for ending, replacement in (("ies", "y"), ("ses", "s"), ("s", "")):
        if lowered.endswith(ending) and len(lowered) > len(ending) + 2:
            return lowered[:-len(ending)] + replacement
    return lowered


def _type_label(name: str) -> str:
    if not name.startswith(IMPLIED_PREFIX):
        return name
    rest = name[len(IMPLIED_PREFIX):]
    return f"the {'container' if '.' in rest.partition('/')[0] else 'root'} {rest}"


def _strip_collection(name: str) -> str:
    match = re.match(r"^Collection\((.*)\)$", name.strip())
    return (match[1] if match else name).lstrip("#")


def _fail(walk: Walk, segment: PathSegment, position: Position, why: str) -> Walk:
    walk.failure = why
    walk.failed_position = position
    walk.failed_segment = segment.name or (f"{{{segment.key}}}" if segment.key is not None
                                           else f"{segment.address}:")
    walk.failed_type = (f"Collection({position.type})" if position.collection
                        else position.type)
    return walk


def _diagnostic(location: SourceLocation, code: str, message: str,
                subject: Subject | None) -> Diagnostic:
    return replace(Diagnostic.at(location, code, message), subject=subject)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return "none" if value is None else str(value)
