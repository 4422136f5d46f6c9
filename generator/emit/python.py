"""Python target: the Model → a package of black-formatted dataclass and enum modules.

Layout (GUIDE.md §6): namespace ``microsoft.graph`` is the package root, deeper namespaces are
subpackages, one module per type or enum, a lazy ``__init__.py`` per package, and two support
modules: ``_runtime.py`` (serialisation, standard library only) and ``_registry.py``
(``@odata.type`` → class, for dispatch). Names are computed here, in Python; the templates in
``templates/python/`` only lay the text out.

Incremental: each module's final text is kept in the pipeline's ``memo`` under a hash of its
rendering context (the values its template receives, the names and locations of the types it
refers to, the template, emitter and black fingerprint), so a run renders and formats only
the modules whose context changed.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import marshal
import re
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property, partial
from pathlib import Path

from generator import templating
from generator.emit import (
    Memo,
    Output,
    by_quick_key,
    keep,
    naming,
    output_of,
    quick_key,
    remember_quick_key,
)
from generator.emit.naming import (
    FIELD_RESERVED,
    PYTHON_KEYWORDS,
    field_name,
    pascal_case,
    snake_case,
    unique_names,
    upper_snake_case,
    valid_start,
)
from generator.emit.pyformat import (
    LAYOUT,
    docstring,
    format_sources,
    formatter_fingerprint,
)
from generator.model import EnumType, Model, Property, StructuredType, TypeRef, split_qualified
from generator.names import WINDOWS_DEVICE_NAMES
from generator.options import Options
from generator.templating import environment, templates_dir

ROOT_NAMESPACE = "microsoft.graph"
RUNTIME_MODULE = "_runtime"
REGISTRY_MODULE = "_registry"

# Attributes the runtime's GraphObject defines: generated fields must not shadow them.
RUNTIME_ATTRIBUTES = frozenset(
    {"to_dict", "from_dict", "additional_data", "odata_type", "ODATA_TYPE", "_original"}
)
# Wire names the runtime reads and writes itself.
RUNTIME_WIRE_NAMES = frozenset({"@odata.type"})
# Names a package ``__init__.py`` uses itself; a submodule of that name would shadow them.
INIT_MODULE_NAMES = frozenset({"importlib", "typing", "sorted", "globals", "getattr"})


@dataclass(frozen=True)
class Primitive:
    kind: str  # the runtime's name for the wire format
    annotation: str  # the Python type
    module: str | None = None  # the stdlib module the annotation needs


_ANY = Primitive("any", "typing.Any")
_PRIMITIVES: dict[str, Primitive] = {
    "Edm.String": Primitive("str", "str"),
    "Edm.Boolean": Primitive("bool", "bool"),
    "Edm.Int16": Primitive("int", "int"),
    "Edm.Int32": Primitive("int", "int"),
    "Edm.Int64": Primitive("int", "int"),
    "Edm.Byte": Primitive("int", "int"),
    "Edm.SByte": Primitive("int", "int"),
    "Edm.Double": Primitive("float", "float"),
    "Edm.Single": Primitive("float", "float"),
    "Edm.Decimal": Primitive("decimal", "decimal.Decimal", "decimal"),
    "Edm.DateTimeOffset": Primitive("datetime", "datetime.datetime", "datetime"),
    "Edm.Date": Primitive("date", "datetime.date", "datetime"),
    "Edm.TimeOfDay": Primitive("time", "datetime.time", "datetime"),
    "Edm.Duration": Primitive("duration", "datetime.timedelta", "datetime"),
    "Edm.Guid": Primitive("uuid", "uuid.UUID", "uuid"),
    "Edm.Binary": Primitive("bytes", "bytes"),
    "Edm.Stream": Primitive("bytes", "bytes"),
    "Edm.Untyped": _ANY,
    "Edm.Json": _ANY,
}


def primitive(name: str) -> Primitive:
    """The Python form of an ``Edm.*`` type; unknown primitives are ``typing.Any``."""
    return _PRIMITIVES.get(name, _ANY)


# --------------------------------------------------------------------------------------------
# Layout: where every namespace, type and enum lives, and what its class is called.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Location:
    package: tuple[str, ...]  # subpackage path below the root package
    module: str  # module file name without .py
    class_name: str

    @property
    def module_path(self) -> str:
        """Dotted path relative to the root package (``call_records.session``)."""
        return ".".join((*self.package, self.module))


def namespace_segments(namespace: str) -> tuple[str, ...]:
    """``microsoft.graph.callRecords`` → (``callRecords``,); ``microsoft.graph`` → ()."""
    if namespace == ROOT_NAMESPACE:
        return ()
    if namespace.startswith(ROOT_NAMESPACE + "."):
        return tuple(namespace[len(ROOT_NAMESPACE) + 1 :].split("."))
    return tuple(namespace.split("."))


class Layout:
    """Deterministic names for packages, modules and classes of one model."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.packages: dict[tuple[str, ...], tuple[str, ...]] = {}  # docs segments → python path
        self.locations: dict[str, Location] = {}  # qualified name → location
        self._name_packages()
        self._name_members()

    @classmethod
    def of(cls, model: Model, memo: Memo) -> Layout:
        """The model's layout, kept in ``memo`` under the model's shape (which holds every
        name the layout is made from) and the emitter's code."""
        key = quick_key("python-layout", emitter_fingerprint(), model.shape_digest)
        stored = memo.get(key)
        if stored is not None:
            return cls._restored(model, json.loads(stored))
        layout = cls(model)
        memo[key] = json.dumps({
            "packages": [[list(segments), list(path)] for segments, path in
                         layout.packages.items()],
            "locations": [[name, list(loc.package), loc.module, loc.class_name]
                          for name, loc in layout.locations.items()],
        })
        return layout

    @classmethod
    def _restored(cls, model: Model, stored: dict[str, list[list[typing.Any]]]) -> Layout:
        layout = cls.__new__(cls)
        layout.model = model
        layout.packages = {tuple(segments): tuple(path) for segments, path in stored["packages"]}
        layout.locations = {name: Location(tuple(package), module, class_name)
                            for name, package, module, class_name in stored["locations"]}
        return layout

    def _all_segment_paths(self) -> list[tuple[str, ...]]:
        paths: set[tuple[str, ...]] = {()}
        for namespace in self.model.namespaces:
            segments = namespace_segments(namespace)
            paths.update(segments[:depth] for depth in range(1, len(segments) + 1))
        return sorted(paths)

    def _name_packages(self) -> None:
        self.packages[()] = ()
        children: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for path in self._all_segment_paths():
            if path:
                children.setdefault(path[:-1], []).append(path)
        for parent in sorted(children, key=len):
            kids = sorted(children[parent])
            names = unique_names(
                [valid_start(snake_case(kid[-1]), "ns_") for kid in kids],
                reserved=PACKAGE_RESERVED,
            )
            for kid, name in zip(kids, names, strict=True):
                self.packages[kid] = (*self.packages[parent], name)

    def _name_members(self) -> None:
        """Module and class names, unique per package: two namespaces can share a package
        (``contoso`` and ``microsoft.graph.contoso``), and then their modules share its folder."""
        by_package: dict[tuple[str, ...], list[StructuredType | EnumType]] = {}
        items: list[StructuredType | EnumType] = [*self.model.types, *self.model.enums]
        for item in items:
            package = self.packages[namespace_segments(item.namespace)]
            by_package.setdefault(package, []).append(item)
        for package, members in by_package.items():
            ordered = sorted(members, key=lambda item: (item.name, item.namespace))
            modules = unique_names(
                [valid_start(snake_case(item.name), "type_") for item in ordered],
                reserved=PACKAGE_RESERVED,
                taken=self.subpackages(package),
            )
            classes = unique_names(
                [valid_start(pascal_case(item.name), "Type") for item in ordered],
                reserved=CLASS_RESERVED,
                separator="",
            )
            for item, module, class_name in zip(ordered, modules, classes, strict=True):
                self.locations[item.qualified_name] = Location(package, module, class_name)

    def namespace_of(self, segments: tuple[str, ...]) -> str:
        """The docs namespace a package stands for (``microsoft.graph.callRecords``)."""
        for namespace in self.model.namespaces:
            if namespace_segments(namespace) == segments:
                return namespace
        return ".".join((ROOT_NAMESPACE, *segments))

    def package_members(self, package: tuple[str, ...]) -> list[tuple[str, Location]]:
        """(qualified name, location) of the types and enums directly in ``package``."""
        return sorted(
            ((name, loc) for name, loc in self.locations.items() if loc.package == package),
            key=lambda pair: pair[1].class_name,
        )

    def subpackages(self, package: tuple[str, ...]) -> list[str]:
        return sorted(
            python[-1] for python in self.packages.values()
            if len(python) == len(package) + 1 and python[:-1] == package
        )  # fmt: skip


# Module and package names: keywords cannot be imported; builtins are harmless there.
PACKAGE_RESERVED = (PYTHON_KEYWORDS | INIT_MODULE_NAMES | WINDOWS_DEVICE_NAMES
                    | {RUNTIME_MODULE, REGISTRY_MODULE})
# Class names: the capitalised keywords (None, True, False); the generated modules refer to
# typing, dataclasses and the runtime through their module names, so nothing else clashes.
CLASS_RESERVED = frozenset(name for name in PYTHON_KEYWORDS if name[:1].isupper())
FIELD_NAMES_RESERVED = FIELD_RESERVED | RUNTIME_ATTRIBUTES


# --------------------------------------------------------------------------------------------
# Type modules
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Import:
    module: str  # absolute dotted module
    name: str
    alias: str

    @property
    def imported(self) -> str:
        return self.name if self.alias == self.name else f"{self.name} as {self.alias}"

    @property
    def statement(self) -> str:
        return f"from {self.module} import {self.imported}"


@dataclass(frozen=True)
class PyField:
    name: str
    annotation: str
    wire: str  # a Python string literal
    kind: str
    many: bool
    docstring: str  # rendered, quotes and indentation included; "" for none

    @property
    def prop_arguments(self) -> tuple[str, ...]:
        """The arguments of the field's ``_runtime.prop(...)`` call, as source text."""
        return (self.wire, f'"{self.kind}"', *(("many=True",) if self.many else ()))


@dataclass(frozen=True)
class ClassModule:
    class_name: str
    base: str  # the base class expression
    odata_type: str
    docstring: str
    package: str
    stdlib_imports: tuple[str, ...]  # for annotations only (under TYPE_CHECKING)
    runtime_imports: tuple[Import, ...]  # executed at import time (the base class)
    type_imports: tuple[Import, ...]  # under TYPE_CHECKING only
    fields: tuple[PyField, ...]


@dataclass(frozen=True)
class PyMember:
    name: str
    value: str  # Python literal
    docstring: str


@dataclass(frozen=True)
class EnumModule:
    class_name: str
    base: str
    docstring: str
    package: str
    is_flags: bool
    members: tuple[PyMember, ...]
    wire_names: tuple[tuple[str, str], ...]  # flags only: (member name, wire name)


class PythonEmitter:
    def __init__(self, model: Model, package: str, memo: Memo | None = None) -> None:
        self.model = model
        self.package = package
        self.layout = Layout(model) if memo is None else Layout.of(model, memo)
        self._field_names: dict[str, dict[str, str]] = {}
        self._chains: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
        self._chain_digests: dict[str, str] = {}

    # -- names -------------------------------------------------------------------------

    def absolute_module(self, location: Location) -> str:
        return f"{self.package}.{location.module_path}"

    def module_file(self, location: Location) -> str:
        return "/".join((*location.package, f"{location.module}.py"))

    def base_of(self, t: StructuredType) -> StructuredType | None:
        """The base class to derive from; None for no base, an unknown one or a cycle.

        Resolve cuts inheritance cycles (DS103); should one remain, the type whose base chain
        leads back to itself derives from the runtime's GraphObject instead.
        """
        base = self.model.structured(t.base) if t.base else None
        if base is None or base.qualified_name == t.qualified_name:
            return None
        if any(a.qualified_name == t.qualified_name for a in self.model.ancestors(base)):
            return None
        return base

    def field_names(self, t: StructuredType) -> dict[str, str]:
        """Wire name → Python field name for the type's own fields (inherited ones excluded).

        Names are assigned over the whole chain, base first, so a derived type never reuses a
        name its bases hold (``isRead`` on the base, ``is_read`` on the derived type).
        """
        cached = self._field_names.get(t.qualified_name)
        if cached is not None:
            return cached
        inherited: set[str] = set()
        inherited_wire: set[str] = set(RUNTIME_WIRE_NAMES)
        ancestor = self.base_of(t)
        while ancestor is not None:
            inherited.update(self.field_names(ancestor).values())
            inherited_wire.update(self.field_names(ancestor))
            ancestor = self.base_of(ancestor)
        own = [p for p in _unique_by_wire(t.properties) if p.name not in inherited_wire]
        names = unique_names(
            [field_name(p.name) for p in own], reserved=FIELD_NAMES_RESERVED, taken=inherited
        )
        result = {p.name: name for p, name in zip(own, names, strict=True)}
        self._field_names[t.qualified_name] = result
        return result

    # -- structured types ------------------------------------------------------------------

    def class_module(self, t: StructuredType) -> ClassModule:
        location = self.layout.locations[t.qualified_name]
        base = self.base_of(t)
        names = self.field_names(t)
        props = [p for p in _unique_by_wire(t.properties) if p.name in names]
        used = {p.type.name for p in props if self.model.lookup(p.type.name) is not None}
        if base is not None:
            used.add(base.qualified_name)
        references = sorted(used - {t.qualified_name})
        local = self._local_names(location.class_name, references)
        local[t.qualified_name] = location.class_name
        stdlib: set[str] = set()
        fields: list[PyField] = []
        for prop in props:
            name = names[prop.name]
            kind, annotation, module = self._type_of(prop.type, local)
            if module:
                stdlib.add(module)
            fields.append(
                PyField(
                    name=name,
                    annotation=annotation,
                    wire=py_string(prop.name),
                    kind=kind,
                    many=prop.type.collection,
                    docstring=docstring(prop.description, indent=4),
                )
            )
        runtime_imports: list[Import] = []
        type_imports: list[Import] = []
        for qualified in references:
            target = self.layout.locations[qualified]
            statement = Import(
                self.absolute_module(target), target.class_name, local[qualified]
            )
            if base is not None and qualified == base.qualified_name:
                runtime_imports.append(statement)
            else:
                type_imports.append(statement)
        return ClassModule(
            class_name=location.class_name,
            base=local[base.qualified_name] if base else "_runtime.GraphObject",
            odata_type=f"#{t.qualified_name}",
            docstring=docstring(
                t.description or f"The {t.qualified_name} {t.kind.value} type.", indent=4
            ),
            package=self.package,
            stdlib_imports=tuple(sorted(stdlib)),
            runtime_imports=tuple(runtime_imports),
            type_imports=tuple(sorted(type_imports, key=lambda i: i.statement)),
            fields=tuple(fields),
        )

    def _local_names(self, own_class: str, references: Iterable[str]) -> dict[str, str]:
        """The name each referenced class goes by in a module (aliases settle clashes)."""
        wanted: list[str] = []
        refs = list(references)
        for qualified in refs:
            location = self.layout.locations[qualified]
            wanted.append(location.class_name)
        clashing = {name for name in wanted if wanted.count(name) > 1 or name == own_class}
        candidates = []
        for qualified, name in zip(refs, wanted, strict=True):
            if name in clashing:
                namespace, _ = split_qualified(qualified)
                prefix = "".join(pascal_case(s) for s in namespace_segments(namespace))
                name = f"{prefix or 'Graph'}{name}"
            candidates.append(name)
        names = unique_names(candidates, reserved=CLASS_RESERVED, taken={own_class}, separator="")
        return dict(zip(refs, names, strict=True))

    def _type_of(self, ref: TypeRef, local: dict[str, str]) -> tuple[str, str, str | None]:
        """(runtime kind, annotation, stdlib module needed) of a property type."""
        if ref.is_primitive:
            found = primitive(ref.name)
            kind, annotation, module = found.kind, found.annotation, found.module
        elif self.model.lookup(ref.name) is not None:
            target = self.layout.locations[ref.name]
            kind, annotation, module = (
                f"{target.module_path}:{target.class_name}", local[ref.name], None
            )
        else:
            kind, annotation, module = _ANY.kind, _ANY.annotation, None
        if ref.collection:
            annotation = f"list[{annotation}]"
        return kind, f"{annotation} | None", module

    # -- enums -------------------------------------------------------------------------

    def enum_module(self, e: EnumType) -> EnumModule:
        location = self.layout.locations[e.qualified_name]
        names = unique_names(
            [valid_start(upper_snake_case(m.name), "V_") for m in e.members],
            reserved=(),
        )
        values = flag_values(e) if e.is_flags else [py_string(m.name) for m in e.members]
        members = tuple(
            PyMember(name, value, docstring(m.description, indent=4))
            for m, name, value in zip(e.members, names, values, strict=True)
        )
        return EnumModule(
            class_name=location.class_name,
            base="_runtime.GraphFlag" if e.is_flags else "_runtime.GraphEnum",
            docstring=docstring(e.description or f"The {e.qualified_name} enumeration.", 4),
            package=self.package,
            is_flags=e.is_flags,
            members=members,
            wire_names=(
                tuple((n, py_string(m.name)) for n, m in zip(names, e.members, strict=True))
                if e.is_flags
                else ()
            ),
        )

    # -- whole package -----------------------------------------------------------------

    def module_inputs(self, t: StructuredType) -> tuple[object, ...]:
        """Everything :meth:`class_module` reads about ``t`` and the model, as a plain value.

        The type itself (its ``value_digest``), where it lives, its base (after cycle
        cutting), the property names of every ancestor (they decide the inherited field names)
        and the location of each type its properties name (None for primitives and unknown
        types): two models that agree on these give the module the same text, whatever else
        differs.
        """
        chain = self._chain(t)
        referenced = sorted({p.type.name for p in t.properties} | {name for name, _ in chain})
        return (
            self.model.value_digests[t.qualified_name],
            self._where(t.qualified_name),
            self._chain_digest(t.qualified_name, chain),
            tuple((name, self._where(name)) for name in referenced),
        )

    def _where(self, qualified_name: str) -> str | None:
        """The type's location as one string (None: the model has no such type)."""
        location = self.layout.locations.get(qualified_name)
        if location is None:
            return None
        return f"{'.'.join(location.package)}:{location.module}:{location.class_name}"

    def _chain_digest(self, qualified_name: str,
                      chain: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
        """A digest of ``_chain``'s answer (shared by every type deriving from one base)."""
        found = self._chain_digests.get(qualified_name)
        if found is None:
            found = hashlib.sha256(marshal.dumps(chain, 2)).hexdigest()
            self._chain_digests[qualified_name] = found
        return found

    def _chain(self, t: StructuredType) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(qualified name, property wire names) of each ancestor :meth:`base_of` follows."""
        cached = self._chains.get(t.qualified_name)
        if cached is None:
            base = self.base_of(t)
            cached = () if base is None else (
                (base.qualified_name, tuple(p.name for p in base.properties)), *self._chain(base)
            )  # fmt: skip
            self._chains[t.qualified_name] = cached
        return cached

    def renderings(self) -> list[Rendering]:
        """One :class:`Rendering` per module, keyed by everything its text depends on."""
        result: list[Rendering] = []
        shape, digests = self.model.shape_digest, self.model.value_digests
        for t in self.model.types:
            path = self.module_file(self.layout.locations[t.qualified_name])
            result.append(Rendering(
                path, partial(self._class_inputs, t), partial(self._class_source, t),
                quick=self._quick("class", shape, digests[t.qualified_name]),
            ))  # fmt: skip
        for e in self.model.enums:
            location = self.layout.locations[e.qualified_name]
            result.append(Rendering(
                self.module_file(location),
                ("enum", self.package, digests[e.qualified_name], self._where(e.qualified_name)),
                partial(self._enum_source, e),
            ))  # fmt: skip
        for segments, package in sorted(self.layout.packages.items()):
            context = {
                "package": ".".join((self.package, *package)),
                "namespace": self.layout.namespace_of(segments),
                "classes": [
                    (loc.class_name, loc.module) for _, loc in self.layout.package_members(package)
                ],
                "subpackages": self.layout.subpackages(package),
            }
            result.append(Rendering(
                "/".join((*package, "__init__.py")), ("init", context),
                partial(render, "package_init", **context, layout=LAYOUT),
            ))  # fmt: skip
        result.append(Rendering(f"{RUNTIME_MODULE}.py", ("runtime",), partial(render, "_runtime")))
        types = [
            (py_string(t.qualified_name), f"{loc.module_path}:{loc.class_name}")
            for t in sorted(self.model.types, key=lambda t: t.qualified_name)
            for loc in (self.layout.locations[t.qualified_name],)
        ]
        result.append(Rendering(
            f"{REGISTRY_MODULE}.py", ("registry", types),
            partial(render, "_registry", types=types),
        ))  # fmt: skip
        return result

    def _class_inputs(self, t: StructuredType) -> tuple[object, ...]:
        return ("class", self.package, self.module_inputs(t))

    def _quick(self, kind: str, *parts: str) -> str:
        return quick_key(f"python-{kind}", emitter_fingerprint(), self.package, *parts)

    def _class_source(self, t: StructuredType) -> str:
        return render("class_module", m=self.class_module(t), layout=LAYOUT)

    def _enum_source(self, e: EnumType) -> str:
        return render("enum_module", m=self.enum_module(e), layout=LAYOUT)

    def sources(self) -> dict[str, str]:
        """Relative path (below the package directory) → unformatted source."""
        return {r.path: r.render() for r in self.renderings()}


def render(template: str, **context: object) -> str:
    """``templates/python/<template>.py.jinja`` rendered (compiled on first use only)."""
    return environment().get_template(f"python/{template}.py.jinja").render(**context)


@dataclass(frozen=True)
class Rendering:
    """One module to render: its path, the values its text depends on (or how to gather
    them), how to render it, and a quick key (see ``generator.emit.ALIAS``; "": none)."""

    path: str  # below the package directory
    inputs: tuple[object, ...] | Callable[[], tuple[object, ...]]  # what :func:`plain` takes
    render: Callable[[], str]  # the unformatted source
    quick: str = ""

    @cached_property
    def context(self) -> tuple[object, ...]:
        return self.inputs() if callable(self.inputs) else self.inputs

    def memo_key(self) -> str:
        """The memo key of the module's final text: its context and the emitter's code."""
        digest = hashlib.sha256(emitter_fingerprint().encode())
        # Version 2: later versions write back-references to shared objects, so equal values
        # would hash differently depending on which strings happen to be one object.
        digest.update(marshal.dumps(plain(self.context), 2))
        return "python:" + digest.hexdigest()


_COMPARED_FIELDS: dict[type, tuple[str, ...]] = {}
_ATOMS = frozenset({str, int, float, bool, type(None)})
Plain: typing.TypeAlias = "str | int | float | bool | tuple[Plain, ...] | None"


def plain(value: object) -> Plain:
    """``value`` as nested tuples of str, int, float, bool and None, for a stable hash.

    Dataclasses become (class name, compared fields...): a field declared ``compare=False``
    (a source location) is bookkeeping that no text depends on. Enums become their values.
    """
    cls = type(value)
    if cls in _ATOMS:
        return value  # type: ignore[return-value]
    if cls is tuple or cls is list:
        return tuple([v if type(v) in _ATOMS else plain(v) for v in value])  # type: ignore[attr-defined]
    names = _COMPARED_FIELDS.get(cls)
    if names is None:
        if isinstance(value, enum.Enum):
            return plain(value.value)
        if isinstance(value, dict):
            return tuple((plain(k), plain(v)) for k, v in value.items())
        if not dataclasses.is_dataclass(value):
            raise TypeError(f"no stable form for {cls.__name__}")
        names = _COMPARED_FIELDS[cls] = tuple(
            f.name for f in dataclasses.fields(value) if f.compare
        )
    fields = [getattr(value, name) for name in names]
    return (cls.__name__, *[v if type(v) in _ATOMS else plain(v) for v in fields])


@cache
def emitter_fingerprint() -> str:
    """A hash of what turns a context into text: templates, this code, black and its mode."""
    digest = hashlib.sha256(formatter_fingerprint().encode())
    templates = templates_dir() / "python"
    for path in sorted(templates.rglob("*.jinja")):
        digest.update(path.relative_to(templates).as_posix().encode())
        digest.update(path.read_bytes())
    for module in (__file__, naming.__file__, templating.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def py_string(text: str) -> str:
    """A double-quoted Python literal for ``text`` (escapes only what must be escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", escaped) + '"'


def _unique_by_wire(properties: Iterable[Property]) -> list[Property]:
    seen: set[str] = set()
    unique: list[Property] = []
    for prop in properties:
        if prop.name not in seen and prop.name not in RUNTIME_WIRE_NAMES:
            seen.add(prop.name)
            unique.append(prop)
    return unique


def flag_values(e: EnumType) -> list[str]:
    """The members' own integer values when every member has a distinct one, else 1, 2, 4..."""
    given = [m.value for m in e.members]
    if all(v is not None for v in given) and len(set(given)) == len(given):
        return [str(v) for v in given]
    return [str(1 << index) for index in range(len(e.members))]


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def emit_python(model: Model, options: Options, memo: Memo) -> dict[str, Output]:
    """``python/<package>/...`` → black-formatted text (plus the empty ``py.typed`` marker).

    A module whose rendering context is in ``memo`` is neither rendered nor formatted again:
    the memo keeps its text's digest, and its output is ``Kept`` (made again if need be).
    """
    emitter = PythonEmitter(model, options.python_package, memo)
    outputs: dict[str, Output] = {}
    pending: dict[str, tuple[Rendering, str, str]] = {}  # path → (it, memo key, source)
    for rendering in emitter.renderings():
        make = partial(_formatted, rendering)
        found = by_quick_key(memo, rendering.quick) if rendering.quick else None
        if found is not None:
            outputs[rendering.path] = output_of(found[1], make)
            continue
        key = rendering.memo_key()
        known = memo.get(key)
        if known is not None:
            outputs[rendering.path] = output_of(known, make)
            if rendering.quick:
                remember_quick_key(memo, rendering.quick, key)
        else:
            pending[rendering.path] = (rendering, key, rendering.render())
    formatted = format_sources({path: source for path, (_, _, source) in pending.items()},
                               options.jobs)
    for path, (rendering, key, _) in pending.items():
        outputs[path] = formatted[path]
        keep(memo, key, formatted[path])
        if rendering.quick:
            remember_quick_key(memo, rendering.quick, key)
    prefix = f"python/{options.python_package}"
    files: dict[str, Output] = {f"{prefix}/{path}": out for path, out in outputs.items()}
    files[f"{prefix}/py.typed"] = ""
    return dict(sorted(files.items()))


def _formatted(rendering: Rendering) -> str:
    """One module's final text, made again (a ``Kept`` output's text)."""
    return format_sources({rendering.path: rendering.render()}, 1)[rendering.path]
