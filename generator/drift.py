"""Drift: where the docs' model and the service's own metadata disagree (DS7xx).

``find_drift(model, service)`` compares every type the docs document with the service's type of
that name: the type itself (missing, namespace, entity/complex/enum, base, abstract, open),
each property (missing on either side, name case, element type, collection, nullability where
the docs state it, structural or navigation) and each enum member (missing on either side,
name case, value, flags). Every finding is a Diagnostic at the docs' file and line of the type,
property or member, with a ``Subject`` and a ``Drift(aspect, docs, service)``.

Rules that keep drift to what the docs *say*:

* A property the docs could not type (``Edm.Untyped``: an unresolved name) has no type to
  compare; only its presence is compared.
* Properties are compared where they are declared: a docs type's own properties against all
  the service type's properties (inherited too), and the service type's own properties against
  all the docs type's. A property that the service inherits from a base the docs do not name is
  reported once, as the base drift, not once per inherited property.
* An enum the docs build from a property's "Possible values" (DS109) lists the values that
  property takes, not necessarily every member: its members are checked against the service,
  but the service's other members are not reported missing from the docs.
* Nullability is compared only where a docs description states it ("Nullable." / "Not
  nullable."), and only for single values (a collection's nullability is about its items).
* Types the service has and the docs do not document are reported once per service namespace
  (DS702), at the metadata file's line of that namespace's Schema: a docs folder is usually a
  slice of the service, and one finding per undocumented type would bury the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator.model import (
    Diagnostic,
    Drift,
    EnumMember,
    EnumType,
    Model,
    Property,
    SourceLocation,
    StructuredType,
    Subject,
    TypeKind,
)
from generator.service import ServiceMember, ServiceModel, ServiceProperty, ServiceType

UNTYPED = "Edm.Untyped"
_NOT_NULLABLE = re.compile(r"\bnot\s+nullable\b|\bnon[- ]nullable\b", re.I)
_NULLABLE = re.compile(r"(?<!not )(?<!non-)(?<!non )\bnullable\b", re.I)
_LISTED = 8  # names a DS702 message lists before "and N more"


def find_drift(model: Model, service: ServiceModel) -> list[Diagnostic]:
    """Every disagreement between the docs' ``model`` and the ``service``'s metadata."""
    return list(_Comparison(model, service).run())


def stated_nullability(description: str) -> bool | None:
    """What a docs description says of null: ``False`` for "Not nullable", ``True`` for
    "Nullable", ``None`` when it says neither (or both)."""
    negative = _NOT_NULLABLE.search(description) is not None
    positive = _NULLABLE.search(_NOT_NULLABLE.sub("", description)) is not None
    if negative == positive:
        return None
    return positive


class _Comparison:
    def __init__(self, model: Model, service: ServiceModel) -> None:
        self.model = model
        self.service = service
        self.by_name = service.index()
        self.by_lower = {name.lower(): t for name, t in self.by_name.items()}
        self.by_short: dict[str, list[ServiceType]] = {}
        for t in service.types:
            self.by_short.setdefault(t.name.lower(), []).append(t)
        self.matched: set[str] = set()

    def run(self) -> Iterator[Diagnostic]:
        for structured in self.model.types:
            yield from self._documented(structured.qualified_name, structured.location,
                                        structured)
        for enum in self.model.enums:
            yield from self._documented(enum.qualified_name, enum.location, enum)
        yield from self._undocumented()

    # -- types -------------------------------------------------------------------------------

    def _documented(self, qualified: str, location: SourceLocation,
                    docs: StructuredType | EnumType) -> Iterator[Diagnostic]:
        subject = Subject(qualified)
        found = self.by_name.get(qualified) or self.by_lower.get(qualified.lower())
        if found is None:
            elsewhere = [t for t in self.by_short.get(qualified.rpartition(".")[2].lower(), [])
                         if t.qualified_name not in self.matched and _alike(docs, t)]
            if len(elsewhere) == 1:
                found = elsewhere[0]
                yield _at(location, "DS717", subject, "namespace", qualified,
                          found.qualified_name,
                          f"the docs document {qualified} but the service has "
                          f"{found.qualified_name}")
        if found is None:
            yield _at(location, "DS701", subject, "type-missing", qualified, None,
                      f"the docs document {qualified}, which the service does not have")
            return
        self.matched.add(found.qualified_name)
        if found.qualified_name != qualified and found.qualified_name.lower() == qualified.lower():
            yield _at(location, "DS716", subject, "name-case", qualified, found.qualified_name,
                      f"the docs spell {qualified} as the service spells "
                      f"{found.qualified_name}")
        docs_kind = docs.kind.value
        if found.kind is not None and found.kind != docs_kind \
                and _kind_stated(docs, found, self._base_kinds(docs, found)):
            yield _at(location, "DS704", subject, "type-kind", docs_kind, found.kind,
                      f"{qualified} is {_a(docs_kind)} type in the docs but {_a(found.kind)} "
                      f"type in the service")
            if found.is_enum or isinstance(docs, EnumType):
                return
        if isinstance(docs, EnumType):
            yield from self._enum(docs, found)
        else:
            yield from self._structured(docs, found)

    def _base_kinds(self, docs: StructuredType | EnumType, service: ServiceType
                    ) -> tuple[str, str | None] | None:
        """The kinds of the (shared) base on each side, when both sides know it."""
        if isinstance(docs, EnumType) or docs.base is None or service.base is None:
            return None
        ours = self.model.structured(docs.base)
        theirs = self.by_name.get(service.base)
        if ours is None or theirs is None:
            return None
        return ours.kind.value, theirs.kind

    def _undocumented(self) -> Iterator[Diagnostic]:
        missing: dict[str, list[str]] = {}
        for t in self.service.types:
            if t.qualified_name not in self.matched:
                missing.setdefault(t.namespace, []).append(t.name)
        for namespace, names in sorted(missing.items()):
            names.sort(key=str.lower)
            listed = ", ".join(names[:_LISTED])
            more = f" and {len(names) - _LISTED} more" if len(names) > _LISTED else ""
            where = SourceLocation(self.service.path, self.service.namespace_lines.get(
                namespace, 1))
            yield _at(where, "DS702", Subject(namespace), "type-missing", None,
                      ", ".join(f"{namespace}.{n}" for n in names),
                      f"the service's namespace {namespace} has {len(names)} "
                      f"type{'' if len(names) == 1 else 's'} the docs do not document: "
                      f"{listed}{more}")

    # -- structured types ---------------------------------------------------------------------

    def _structured(self, docs: StructuredType, service: ServiceType) -> Iterator[Diagnostic]:
        qualified = docs.qualified_name
        subject = Subject(qualified)
        if not _same_name(docs.base, service.base) and not self._base_explained(docs, service):
            yield _at(docs.location, "DS703", subject, "base", docs.base, service.base,
                      f"{qualified} derives from {docs.base or 'nothing'} in the docs but from "
                      f"{service.base or 'nothing'} in the service")
        if service.abstract is not None and docs.abstract != service.abstract:
            yield _at(docs.location, "DS705", subject, "abstract", _flag(docs.abstract),
                      _flag(service.abstract),
                      f"{qualified} is {'' if docs.abstract else 'not '}abstract in the docs "
                      f"but {'' if service.abstract else 'not '}abstract in the service")
        if service.open_type is not None and docs.open_type != service.open_type:
            yield _at(docs.location, "DS706", subject, "open", _flag(docs.open_type),
                      _flag(service.open_type),
                      f"{qualified} is {'' if docs.open_type else 'not '}an open type in the "
                      f"docs but {'' if service.open_type else 'not '}in the service")
        yield from self._properties(docs, service)

    def _base_explained(self, docs: StructuredType, service: ServiceType) -> bool:
        """Whether a base drift only restates what the docs say otherwise: the docs name no
        base but declare every property of the service's root base themselves (an ``id``
        where the service derives from ``entity``), or the type-kind drift already reported
        is the whole story (a root entity base on one side, none on the other)."""
        if docs.base is None and service.base is not None:
            base = self.by_name.get(service.base)
            own = {p.name.lower() for p in docs.properties}
            if base is not None and base.base is None and base.properties \
                    and {p.name.lower() for p in base.properties} <= own:
                return True
        kinds_differ = service.kind is not None and service.kind != docs.kind.value
        if kinds_differ and (docs.base is None) != (service.base is None):
            root = docs.base or service.base or ""
            documented = self.model.structured(root)
            theirs = self.by_name.get(root)
            return (documented is None or documented.base is None) and \
                (theirs is None or theirs.base is None)
        return False

    def _service_properties(self, service: ServiceType) -> dict[str, ServiceProperty]:
        """All of a service type's properties, inherited first, by lower name."""
        chain: list[ServiceType] = []
        current: ServiceType | None = service
        seen: set[str] = set()
        while current is not None and current.qualified_name not in seen:
            seen.add(current.qualified_name)
            chain.append(current)
            current = self.by_name.get(current.base) if current.base else None
        return {p.name.lower(): p for t in reversed(chain) for p in t.properties}

    def _properties(self, docs: StructuredType, service: ServiceType) -> Iterator[Diagnostic]:
        qualified = docs.qualified_name
        docs_all = {p.name.lower(): p for p in self.model.all_properties(docs)}
        service_all = self._service_properties(service)
        for prop in docs.properties:
            theirs = service_all.get(prop.name.lower())
            if theirs is None:
                yield _at(prop.location, "DS707", Subject(qualified, prop.name),
                          "property-missing", prop.name, None,
                          f"{qualified} has property {prop.name!r} in the docs, which the "
                          f"service does not have")
            else:
                yield from self._property(qualified, prop, theirs)
        for theirs in service.properties:
            if theirs.name.lower() not in docs_all:
                yield _at(docs.location, "DS708", Subject(qualified, theirs.name),
                          "property-missing", None, theirs.name,
                          f"the service's {qualified} has property {theirs.name!r} "
                          f"({_spell(theirs.type, theirs.collection)}), which the docs do not "
                          f"document")

    def _property(self, qualified: str, prop: Property,
                  theirs: ServiceProperty) -> Iterator[Diagnostic]:
        subject = Subject(qualified, prop.name)
        where = prop.location
        name = f"{qualified}.{prop.name}"
        if prop.name != theirs.name:
            yield _at(where, "DS716", subject, "name-case", prop.name, theirs.name,
                      f"the docs spell property {name} as {prop.name!r}, the service as "
                      f"{theirs.name!r}")
        if prop.type.name != UNTYPED and not _same_name(prop.type.name, theirs.type):
            yield _at(where, "DS709", subject, "property-type", prop.type.name, theirs.type,
                      f"{name} is {prop.type.name} in the docs but {theirs.type} in the service")
        if prop.type.collection != theirs.collection:
            yield _at(where, "DS710", subject, "collection",
                      _spell(prop.type.name, prop.type.collection),
                      _spell(theirs.type, theirs.collection),
                      f"{name} is {_shape(prop.type.collection)} in the docs but "
                      f"{_shape(theirs.collection)} in the service")
        stated = stated_nullability(prop.description)
        if stated is not None and theirs.nullable is not None and not theirs.collection \
                and not prop.type.collection and stated != theirs.nullable:
            yield _at(where, "DS711", subject, "nullable", _flag(stated), _flag(theirs.nullable),
                      f"{name} is {'' if stated else 'not '}nullable in the docs but "
                      f"{'' if theirs.nullable else 'not '}nullable in the service")
        if prop.navigation != theirs.navigation:
            docs_kind, service_kind = _property_kind(prop.navigation), _property_kind(
                theirs.navigation)
            yield _at(where, "DS712", subject, "kind", docs_kind, service_kind,
                      f"{name} is a {docs_kind} property in the docs but a {service_kind} "
                      f"property in the service")

    # -- enums -------------------------------------------------------------------------------

    def _enum(self, docs: EnumType, service: ServiceType) -> Iterator[Diagnostic]:
        qualified = docs.qualified_name
        if docs.is_flags != service.is_flags:
            yield _at(docs.location, "DS715", Subject(qualified), "flags", _flag(docs.is_flags),
                      _flag(service.is_flags),
                      f"{qualified} is {'' if docs.is_flags else 'not '}a flags enum in the docs "
                      f"but {'' if service.is_flags else 'not '}in the service")
        exact = {m.name: m for m in service.members}
        folded = {m.name.lower(): m for m in reversed(service.members)
                  if m.name not in {d.name for d in docs.members}}
        ours = {m.name for m in docs.members}
        ours_folded = {m.name.lower() for m in docs.members}
        for member in docs.members:
            match = exact.get(member.name) or folded.get(member.name.lower())
            yield from self._member(docs, member, match)
        for extra in service.members if docs.members_complete else ():
            if extra.name not in ours and extra.name.lower() not in ours_folded:
                yield _at(docs.location, "DS714", Subject(qualified, extra.name),
                          "enum-member", None, extra.name,
                          f"the service's {qualified} has member {extra.name!r}, which the "
                          f"docs do not document")

    def _member(self, docs: EnumType, member: EnumMember,
                theirs: ServiceMember | None) -> Iterator[Diagnostic]:
        qualified = docs.qualified_name
        where = member.location if member.location.path else docs.location
        subject = Subject(qualified, member.name)
        if theirs is None:
            yield _at(where, "DS713", subject, "enum-member", member.name, None,
                      f"{qualified} has member {member.name!r} in the docs, which the service "
                      f"does not have")
            return
        if theirs.name != member.name:
            yield _at(where, "DS716", subject, "name-case", member.name, theirs.name,
                      f"the docs spell member {qualified}.{theirs.name} as {member.name!r}")
        if member.value is not None and theirs.value is not None and member.value != theirs.value:
            yield _at(where, "DS718", subject, "enum-value", str(member.value), str(theirs.value),
                      f"{qualified}.{member.name} is {member.value} in the docs but "
                      f"{theirs.value} in the service")


def _kind_stated(docs: StructuredType | EnumType, service: ServiceType,
                 base_kinds: tuple[str, str | None] | None) -> bool:
    """Whether an entity/complex difference is the docs' own statement, not a consequence:
    an enum on one side always is; a structured type's kind follows its base (a base drift
    says that), and a type the docs give an ``id`` but no key annotation is no complex type
    the docs assert."""
    if isinstance(docs, EnumType) or service.is_enum:
        return True
    if not _same_name(docs.base, service.base):
        return False
    if base_kinds is not None and base_kinds[0] != base_kinds[1]:
        return False  # the kind is the base's, and differs there already
    has_id = any(p.name.lower() == "id" for p in docs.properties)
    return not (docs.kind is TypeKind.COMPLEX and service.kind == "entity" and has_id)


def _alike(docs: StructuredType | EnumType, service: ServiceType) -> bool:
    """Whether a service type of the same short name in another namespace is the docs' type
    moved (most of the docs' properties or members are there), not an unrelated namesake."""
    if isinstance(docs, EnumType) != service.is_enum:
        return False
    ours = {m.name.lower() for m in docs.members} if isinstance(docs, EnumType) \
        else {p.name.lower() for p in docs.properties}
    theirs = {m.name.lower() for m in service.members} | {p.name.lower()
                                                          for p in service.properties}
    return len(ours & theirs) * 2 > len(ours) if ours else not theirs


def _at(location: SourceLocation, code: str, subject: Subject, aspect: str, docs: str | None,
        service: str | None, message: str) -> Diagnostic:
    found = Diagnostic.at(location, code, message)
    return Diagnostic(found.path, found.line, found.col, found.severity, found.code,
                      found.message, subject=subject, drift=Drift(aspect, docs, service))


def _same_name(docs: str | None, service: str | None) -> bool:
    return (docs or "").lower() == (service or "").lower()


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _spell(name: str, collection: bool) -> str:
    return f"Collection({name})" if collection else name


def _shape(collection: bool) -> str:
    return "a collection" if collection else "a single value"


def _property_kind(navigation: bool) -> str:
    return "navigation" if navigation else "structural"


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def count_by_aspect(diagnostics: Sequence[Diagnostic]) -> dict[str, int]:
    """How many drift findings each aspect has (for summaries and the README's figures)."""
    counts: dict[str, int] = {}
    for d in diagnostics:
        if d.drift is not None:
            counts[d.drift.aspect] = counts.get(d.drift.aspect, 0) + 1
    return dict(sorted(counts.items()))

