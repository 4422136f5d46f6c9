"""Small models for operation tests: entities, navigation and structural properties in the
``microsoft.graph`` namespace, located on resource pages named after them."""

from __future__ import annotations

from generator.model import Property, SourceLocation, StructuredType, TypeKind, TypeRef

NS = "microsoft.graph"
RES = "docs/resources"


def entity(name: str, *props: Property, base: str | None = None,
           kind: TypeKind = TypeKind.ENTITY) -> StructuredType:
    return StructuredType(NS, name, kind, base=f"{NS}.{base}" if base else None,
                          key=("id",) if kind == TypeKind.ENTITY and base is None else (),
                          properties=props,
                          location=SourceLocation(f"{RES}/{name.lower()}.md"))


def nav(name: str, target: str, collection: bool = True) -> Property:
    return Property(name, TypeRef(f"{NS}.{target}", collection), navigation=True)


def prop(name: str, type_name: str = "Edm.String", collection: bool = False) -> Property:
    return Property(name, TypeRef(type_name, collection))
