"""The data contract of docschema: page facts (parse → resolve) and the model (resolve → emit).

Everything here is a frozen dataclass holding tuples, so values are hashable, picklable
(the parse cache stores page facts) and safe to share between stages.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import io
import pickle
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

EDM_PREFIX = "Edm."


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A place in an input file. ``line`` and ``col`` are 1-based."""

    path: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True)
class Subject:
    """What a finding is about: a type by qualified name, and one of its members or none."""

    type: str
    member: str | None = None


@dataclass(frozen=True)
class Drift:
    """A disagreement between the docs and the service: which aspect, and each side's value."""

    aspect: str
    docs: str | None
    service: str | None


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding: ``path:line:col: severity code name: message``.

    ``subject``, ``hint`` and ``drift`` are structured extras for machine output (JSON, SARIF);
    they take no part in ordering or equality, which the location, code and message decide.
    """

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    subject: Subject | None = field(default=None, compare=False)
    hint: str | None = field(default=None, compare=False)
    drift: Drift | None = field(default=None, compare=False)

    @classmethod
    def at(cls, location: SourceLocation, code: str, message: str) -> Diagnostic:
        """A diagnostic at ``location`` with the code's registered default severity."""
        from generator.diagnostics import default_severity

        return cls(location.path, location.line, location.col, default_severity(code), code,
                   message)

    @property
    def name(self) -> str:
        from generator.diagnostics import code_name

        return code_name(self.code)

    def render(self) -> str:
        return (f"{self.path}:{self.line}:{self.col}: {self.severity.value} "
                f"{self.code} {self.name}: {self.message}")


# --------------------------------------------------------------------------------------------
# Page facts: what one page says, with no knowledge of any other page.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TypeExpr:
    """A type as one page spells it, before names are resolved across pages.

    ``name`` is ``Edm.<Primitive>`` for primitives, otherwise the name as written
    (``identitySet``, ``microsoft.graph.callRecords.session``). ``link`` is the link target
    joined with the page's directory and normalised (posix, no anchor), e.g.
    ``specs/identityset.md``; ``anchor`` is the fragment (``allowedlobbyadmitterroles-values``).
    """

    name: str
    collection: bool = False
    link: str | None = None
    anchor: str | None = None
    enum_hint: bool = False

    @property
    def is_primitive(self) -> bool:
        return self.name.startswith(EDM_PREFIX)


@dataclass(frozen=True)
class PropertyFact:
    name: str
    type: TypeExpr | None  # None: the type cell was not understood (a diagnostic says so)
    type_text: str
    description: str  # plain text
    location: SourceLocation
    navigation: bool = False
    possible_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class JsonPropertyFact:
    """A key of the page's JSON representation block and the type its placeholder implies."""

    name: str
    type: TypeExpr | None
    value_text: str
    location: SourceLocation


@dataclass(frozen=True)
class EnumMemberFact:
    name: str
    value: int | None
    description: str
    location: SourceLocation


@dataclass(frozen=True)
class EnumFact:
    name: str
    members: tuple[EnumMemberFact, ...]
    location: SourceLocation
    anchor: str = ""  # slug of the heading that introduced it ("" for a whole enum page)
    is_flags: bool = False
    description: str = ""
    namespace: str | None = None  # explicit namespace when it differs from the page's


@dataclass(frozen=True)
class MethodFact:
    name: str
    link: str | None
    return_type: TypeExpr | None
    description: str
    location: SourceLocation


@dataclass(frozen=True)
class TypeFact:
    """The structured type a resource page documents."""

    name: str  # short name, as the page spells it
    location: SourceLocation
    odata_type: str | None = None  # annotation "@odata.type", qualified
    base_type: str | None = None  # annotation "baseType", qualified or short
    inherits_from: TypeExpr | None = None  # "Inherits from [x](x.md)" prose
    derived_types: tuple[TypeExpr, ...] = ()  # a "Derived types" section names these
    abstract: bool = False
    open_type: bool = False
    key_property: str | None = None
    description: str = ""
    properties: tuple[PropertyFact, ...] = ()
    json_properties: tuple[JsonPropertyFact, ...] = ()
    has_json_block: bool = False


# --------------------------------------------------------------------------------------------
# API page facts: what one API page says about its operations (parse_api), no model knowledge.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PathSegment:
    """One segment of a documented request path, as written.

    ``name`` is a property, root, cast or operation name (``""`` for a key segment); ``key`` the
    key placeholder text (``id | userPrincipalName``) when the segment is a key; ``args`` the
    argument names of a function call (``()`` for ``f()``, None when no parentheses follow);
    ``address`` the OneDrive path-addressing text between ``:`` and ``:``.
    """

    name: str = ""
    key: str | None = None
    args: tuple[str, ...] | None = None
    address: str | None = None


@dataclass(frozen=True)
class RequestLineFact:
    """One request line of an API page's HTTP request section: method and parsed path."""

    method: str
    text: str  # the path as written, host and query string dropped
    segments: tuple[PathSegment, ...]
    query: tuple[str, ...]  # query option names written on the line ($filter, startDateTime)
    location: SourceLocation


@dataclass(frozen=True)
class ParameterFact:
    """A row of a path, query, header or body parameter table."""

    name: str
    type: TypeExpr | None
    type_text: str
    description: str
    required: bool
    location: SourceLocation


@dataclass(frozen=True)
class ExampleFact:
    """An annotated example request or response block."""

    kind: str  # "request" or "response"
    name: str
    location: SourceLocation
    body: str = ""  # the JSON body text ("" when none)
    body_line: int = 0  # line of the body's first line
    odata_type: str | None = None  # the annotation's "@odata.type"
    collection: bool = False  # the annotation's "isCollection"
    status: int | None = None


@dataclass(frozen=True)
class ApiPageFacts:
    """What an API page documents: request lines and everything around them."""

    title: str
    description: str
    location: SourceLocation
    request_lines: tuple[RequestLineFact, ...] = ()
    path_parameters: tuple[ParameterFact, ...] = ()
    query_parameters: tuple[ParameterFact, ...] = ()
    odata_options: tuple[str, ...] = ()  # system query options the page says it supports
    headers: tuple[ParameterFact, ...] = ()
    body_kind: str = "none"  # none | entity | parameters | media
    body_type: TypeExpr | None = None
    body_parameters: tuple[ParameterFact, ...] = ()
    body_location: SourceLocation | None = None
    status: int | None = None
    response_type: TypeExpr | None = None
    response_primitive: str | None = None  # Edm.X when the response is a primitive
    response_location: SourceLocation | None = None
    response_empty: bool = False  # the Response prose says the body is empty
    examples: tuple[ExampleFact, ...] = ()
    links: tuple[str, ...] = ()  # resource pages the page links to, in order
    # where body_parameters come from when the Request body section has no parameter table:
    # "" (the table), "section" (a JSON block in that section) or "example" (the example request)
    body_from: str = ""


@dataclass(frozen=True)
class PageFacts:
    path: str
    sha256: str
    title: str | None = None
    doc_type: str | None = None
    namespace: str | None = None
    types: tuple[TypeFact, ...] = ()
    enums: tuple[EnumFact, ...] = ()
    methods: tuple[MethodFact, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    api: ApiPageFacts | None = None  # an API page's operations (parse_api)


# --------------------------------------------------------------------------------------------
# The model: all pages resolved into named, qualified types.
# --------------------------------------------------------------------------------------------


class TypeKind(str, enum.Enum):
    ENTITY = "entity"
    COMPLEX = "complex"
    ENUM = "enum"


class PropertyOrigin(str, enum.Enum):
    TABLE = "table"  # a Properties or Relationships table
    JSON = "json"  # only the JSON representation block names it


@dataclass(frozen=True, order=True)
class TypeRef:
    """A resolved type: ``Edm.String`` or a qualified type/enum name, plus a collection flag."""

    name: str
    collection: bool = False

    @property
    def is_primitive(self) -> bool:
        return self.name.startswith(EDM_PREFIX)

    def __str__(self) -> str:
        return f"Collection({self.name})" if self.collection else self.name


def split_qualified(qualified_name: str) -> tuple[str, str]:
    """``microsoft.graph.callRecords.session`` → (``microsoft.graph.callRecords``, ``session``)."""
    namespace, _, name = qualified_name.rpartition(".")
    return namespace, name


@dataclass(frozen=True)
class Property:
    name: str  # wire name
    type: TypeRef
    description: str = ""
    navigation: bool = False
    read_only: bool = False
    origin: PropertyOrigin = PropertyOrigin.TABLE
    location: SourceLocation = field(default=SourceLocation(""), compare=False)


@dataclass(frozen=True)
class EnumMember:
    name: str
    value: int | None = None
    description: str = ""
    location: SourceLocation = field(default=SourceLocation(""), compare=False)


@dataclass(frozen=True)
class EnumType:
    namespace: str
    name: str
    members: tuple[EnumMember, ...]
    is_flags: bool = False
    description: str = ""
    location: SourceLocation = field(default=SourceLocation(""), compare=False)
    # False: the members are a property's "Possible values", maybe not all the enum has
    members_complete: bool = field(default=True, compare=False)

    kind = TypeKind.ENUM

    @property
    def qualified_name(self) -> str:
        return f"{self.namespace}.{self.name}"


@dataclass(frozen=True)
class StructuredType:
    namespace: str
    name: str
    kind: TypeKind  # ENTITY or COMPLEX
    base: str | None = None  # qualified name of the base type
    abstract: bool = False
    open_type: bool = False
    key: tuple[str, ...] = ()
    description: str = ""
    properties: tuple[Property, ...] = ()  # declared on this type, not inherited
    location: SourceLocation = field(default=SourceLocation(""), compare=False)

    @property
    def qualified_name(self) -> str:
        return f"{self.namespace}.{self.name}"


SchemaType = StructuredType | EnumType


def flag_values_allowed(values: Iterable[int | None]) -> bool:
    """The flags rule: the given values (None skipped) are distinct, each 0 or a power of two."""
    numbers = [v for v in values if v is not None]
    return len(set(numbers)) == len(numbers) and \
        all(v == 0 or (v > 0 and v & (v - 1) == 0) for v in numbers)


def stable_digest(value: object) -> str:
    """A sha256 of a value that depends on the value only: pickled without a memo ("fast"),
    so which equal strings happen to be one object changes nothing."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def properties_digest(properties: tuple[Property, ...]) -> str:
    return stable_digest(properties)


def value_digest(value: SchemaType, properties: str | None = None) -> str:
    """A digest of a type's or enum's whole value, every field (source locations too). A
    structured type's properties enter by their ``properties_digest``: ``properties`` when the
    caller knows it (resolve keeps it with each type), else computed here."""
    if isinstance(value, EnumType):
        return stable_digest(value)
    own = tuple(getattr(value, f.name) for f in dataclasses.fields(value)
                if f.name != "properties")
    return stable_digest((own, properties or properties_digest(value.properties)))


# --------------------------------------------------------------------------------------------
# Operations: request lines resolved against the types (generator.operations).
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OperationParameter:
    """A path, query, header or body parameter of an operation."""

    name: str
    type: TypeRef
    description: str = ""
    required: bool = False


@dataclass(frozen=True)
class Operation:
    """One documented operation: a method on a path template, with what the pages say of it.

    ``resolved`` is False only for an operation kept (by the ``keep_unresolved_paths`` option)
    though a segment did not resolve; ``bound`` names the bound action or function it calls.
    """

    method: str  # lower case
    path: str  # template, e.g. /users/{user-id}/messages/{message-id}
    operation_id: str
    tag: str
    summary: str
    description: str
    source: str  # the API page
    location: SourceLocation = field(compare=False)
    path_parameters: tuple[OperationParameter, ...] = ()
    query_parameters: tuple[OperationParameter, ...] = ()
    odata_options: tuple[str, ...] = ()
    headers: tuple[OperationParameter, ...] = ()
    body: TypeRef | None = None  # entity body
    body_parameters: tuple[OperationParameter, ...] = ()  # action body
    media_body: bool = False
    status: int = 200
    response: TypeRef | None = None
    bound: str | None = None  # "action" or "function"
    resolved: bool = True
    unresolved_reason: str = ""
    pages: tuple[str, ...] = ()  # every page documenting it (merged)
    request_examples: tuple[ExampleFact, ...] = ()  # the first page's example requests


@dataclass(frozen=True)
class Outline:
    """What an emitter may read of a type in another type's base chain (``Neighbourhood``)."""

    qualified_name: str
    base: str | None
    open_type: bool
    property_names: tuple[str, ...]  # wire names, in table order


@dataclass(frozen=True)
class Neighbourhood:
    """Everything of types other than one subject that any emitter may read while it writes
    the subject's files. ``generator.emit`` keys each file by the subject's value digest and
    this value's digest, and hands emitters a ``TypeView`` that answers from nothing else."""

    chain: tuple[Outline, ...]  # the subject's outline, then ``Model.ancestors`` in order
    derived: tuple[str, ...]  # transitive derived types, sorted
    direct_derived: tuple[str, ...]
    kinds: tuple[tuple[str, str], ...]  # (name, TypeKind value or "" for none), sorted: the
    # subject's base, its property types (not Edm) and its derived types


@dataclass(frozen=True)
class Model:
    """Every type and enum, sorted by qualified name, and what resolving them found.

    ``digests`` holds ``value_digest`` of some or all types and enums by qualified name, as
    resolve computed them (cheaply, from digests it keeps); ``value_digests`` completes it.
    """

    types: tuple[StructuredType, ...] = ()
    enums: tuple[EnumType, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    digests: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    operations: tuple[Operation, ...] = ()

    @cached_property
    def value_digests(self) -> dict[str, str]:
        """Qualified name → ``value_digest`` of every type and enum (emitters key by it)."""
        known = self.digests
        found = {t.qualified_name: known.get(t.qualified_name) or value_digest(t)
                 for t in self.types}
        found.update((e.qualified_name, known.get(e.qualified_name) or value_digest(e))
                     for e in self.enums)
        return found

    @cached_property
    def neighbourhood_digests(self) -> dict[str, str]:
        """Qualified name → a digest of its ``neighbourhood`` (of the very value a view reads:
        its ``repr``, which says every field), computed once per run."""
        return {name: hashlib.sha256(repr(self.neighbourhood(name)).encode(
                    "utf-8", "surrogatepass")).hexdigest()
                for name in self._index}

    def neighbourhood(self, qualified_name: str) -> Neighbourhood:
        found = self._neighbourhoods.get(qualified_name)
        if found is None:
            found = self._neighbourhoods[qualified_name] = self._neighbourhood(qualified_name)
        return found

    @cached_property
    def _neighbourhoods(self) -> dict[str, Neighbourhood]:
        return {}

    def _neighbourhood(self, qualified_name: str) -> Neighbourhood:
        found = self._index[qualified_name]
        if isinstance(found, EnumType):
            return Neighbourhood((), (), (), ())
        outlines = self._outlines
        chain = [outlines[qualified_name]]
        seen = {qualified_name}
        base = found.base
        while base is not None and base not in seen and base in outlines:  # as ``ancestors``
            seen.add(base)
            chain.append(outlines[base])
            base = outlines[base].base
        derived = self.derived(qualified_name)
        referenced = {p.type.name for p in found.properties if not p.type.name.startswith("Edm.")}
        referenced.update(derived)
        if found.base is not None:
            referenced.add(found.base)
        kinds = self._kinds
        return Neighbourhood(
            tuple(chain), derived, self.direct_derived(qualified_name),
            tuple((name, kinds.get(name, "")) for name in sorted(referenced)))

    @cached_property
    def _outlines(self) -> dict[str, Outline]:
        """Every structured type's outline, by qualified name."""
        return {name: Outline(name, t.base, t.open_type, tuple(p.name for p in t.properties))
                for name, t in self._index.items() if isinstance(t, StructuredType)}

    @cached_property
    def _kinds(self) -> dict[str, str]:
        return {name: t.kind.value for name, t in self._index.items()}

    @cached_property
    def _index(self) -> dict[str, SchemaType]:
        index: dict[str, SchemaType] = {t.qualified_name: t for t in self.types}
        index.update((e.qualified_name, e) for e in self.enums)
        return index

    @cached_property
    def _children(self) -> dict[str, tuple[str, ...]]:
        children: dict[str, list[str]] = {}
        for t in self.types:
            if t.base is not None:
                children.setdefault(t.base, []).append(t.qualified_name)
        return {base: tuple(sorted(names)) for base, names in children.items()}

    def lookup(self, qualified_name: str) -> SchemaType | None:
        return self._index.get(qualified_name)

    def structured(self, qualified_name: str) -> StructuredType | None:
        found = self._index.get(qualified_name)
        return found if isinstance(found, StructuredType) else None

    def enum(self, qualified_name: str) -> EnumType | None:
        found = self._index.get(qualified_name)
        return found if isinstance(found, EnumType) else None

    def ancestors(self, t: StructuredType) -> Iterator[StructuredType]:
        """Base, base of base, ... (stops at an unknown base or a cycle)."""
        seen = {t.qualified_name}
        current = t
        while current.base is not None and current.base not in seen:
            base = self.structured(current.base)
            if base is None:
                return
            seen.add(base.qualified_name)
            yield base
            current = base

    def all_properties(self, t: StructuredType) -> tuple[Property, ...]:
        """Inherited properties first (root base first), then the type's own."""
        chain = [*reversed(list(self.ancestors(t))), t]
        return tuple(p for link in chain for p in link.properties)

    def direct_derived(self, qualified_name: str) -> tuple[str, ...]:
        return self._children.get(qualified_name, ())

    def derived(self, qualified_name: str) -> tuple[str, ...]:
        """All transitive derived types, sorted."""
        known = self._derived.get(qualified_name)
        if known is not None:
            return known
        found: set[str] = set()
        pending = list(self.direct_derived(qualified_name))
        while pending:
            name = pending.pop()
            if name not in found:
                found.add(name)
                pending.extend(self.direct_derived(name))
        known = self._derived[qualified_name] = tuple(sorted(found))
        return known

    @cached_property
    def _derived(self) -> dict[str, tuple[str, ...]]:
        return {}

    @property
    def namespaces(self) -> tuple[str, ...]:
        return tuple(sorted({t.namespace for t in self.types} | {e.namespace for e in self.enums}))
