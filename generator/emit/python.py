"""Python target: the Model → a package of black-formatted dataclass and enum modules.

Layout (docs/conventions.md §6): namespace ``microsoft.graph`` is the package root, deeper
namespaces are subpackages, one module per type or enum, a lazy ``__init__.py`` per package, and
two support modules: ``_runtime.py`` (serialisation, standard library only) and ``_registry.py``
(``@odata.type`` → class, for dispatch). Names are computed here, in Python; the templates in
``templates/python/`` only lay the text out.

A type's module is made from its ``TypeView`` alone (``TypeModule``); the places the view
holds are the ``Layout`` locations of the types it names.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from generator.emit import Document, TypeView, view_of
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
from generator.emit.pyformat import _CONTROL, LAYOUT, docstring, format_sources
from generator.model import EnumType, Model, Property, StructuredType, TypeRef, split_qualified
from generator.names import WINDOWS_DEVICE_NAMES
from generator.options import Options
from generator.templating import (
    Templates,
    builtin_files,
    static_documents,
    static_text,
    template_key,
    templates_for,
    templates_of,
)

ROOT_NAMESPACE = "microsoft.graph"
RUNTIME_MODULE = "_runtime"
CLASS_TEMPLATE = "python/class_module.py.jinja"
ENUM_TEMPLATE = "python/enum_module.py.jinja"
HEADER_TEMPLATE = "python/_header.py.jinja"
RUNTIME_FILE = "python/_runtime.py"
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
    def restored(cls, model: Model, locations: Mapping[str, Location]) -> Layout:
        """The layout whose ``locations`` were computed already (``_name_members``)."""
        layout = cls.__new__(cls)
        layout.model = model
        layout.packages = {}
        layout.locations = dict(locations)
        layout._name_packages()
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


class TypeModule:
    """The module of one type or enum, from its ``TypeView`` (places: ``Layout.locations``)."""

    def __init__(self, view: TypeView, package: str, templates: Templates | None = None) -> None:
        self.view = view
        self.package = package
        self.templates = templates if templates is not None else Templates()
        self._field_names: dict[str, dict[str, str]] = {}

    def absolute_module(self, location: Location) -> str:
        return f"{self.package}.{location.module_path}"

    def base_of(self, name: str) -> str | None:
        """The base class to derive from; None for no base, an unknown one or a cycle.

        Resolve cuts inheritance cycles (DS103); should one remain, the type whose base chain
        leads back to itself derives from the runtime's GraphObject instead.
        """
        base = self.view.outline(name).base
        if base is None or base == name or not self._in_chain(base):
            return None
        if any(a.qualified_name == name for a in self.view.ancestors(base)):
            return None
        return base

    def _in_chain(self, name: str) -> bool:
        return any(o.qualified_name == name for o in self.view.neighbourhood.chain)

    def field_names(self, name: str) -> dict[str, str]:
        """Wire name → Python field name for the type's own fields (inherited ones excluded).

        Names are assigned over the whole chain, base first, so a derived type never reuses a
        name its bases hold (``isRead`` on the base, ``is_read`` on the derived type).
        """
        cached = self._field_names.get(name)
        if cached is not None:
            return cached
        inherited: set[str] = set()
        inherited_wire: set[str] = set(RUNTIME_WIRE_NAMES)
        ancestor = self.base_of(name)
        while ancestor is not None:
            inherited.update(self.field_names(ancestor).values())
            inherited_wire.update(self.field_names(ancestor))
            ancestor = self.base_of(ancestor)
        own = [wire for wire in _unique_wire_names(self.view.outline(name).property_names)
               if wire not in inherited_wire]
        names = unique_names(
            [field_name(wire) for wire in own], reserved=FIELD_NAMES_RESERVED, taken=inherited
        )
        result = dict(zip(own, names, strict=True))
        self._field_names[name] = result
        return result

    # -- structured types ------------------------------------------------------------------

    def class_module(self, t: StructuredType) -> ClassModule:
        location: Location = self.view.place(t.qualified_name)
        base = self.base_of(t.qualified_name)
        names = self.field_names(t.qualified_name)
        props = [p for p in _unique_by_wire(t.properties) if p.name in names]
        used = {p.type.name for p in props
                if not p.type.is_primitive and self.view.exists(p.type.name)}
        if base is not None:
            used.add(base)
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
            target: Location = self.view.place(qualified)
            statement = Import(
                self.absolute_module(target), target.class_name, local[qualified]
            )
            if qualified == base:
                runtime_imports.append(statement)
            else:
                type_imports.append(statement)
        return ClassModule(
            class_name=location.class_name,
            base=local[base] if base else "_runtime.GraphObject",
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
            location: Location = self.view.place(qualified)
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
        elif self.view.exists(ref.name):
            target: Location = self.view.place(ref.name)
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
        location: Location = self.view.place(e.qualified_name)
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

    def source(self) -> str:
        """The module's unformatted source."""
        subject = self.view.subject
        location = typing.cast(Location, self.view.place(subject.qualified_name))
        path = module_file(location)
        where = f"{subject.qualified_name} in {self.package}/{path}"
        if isinstance(subject, EnumType):
            context: dict[str, object] = {"m": self.enum_module(subject), "layout": LAYOUT}
            return module_text(self.templates, ENUM_TEMPLATE, path, self.package, context, where)
        context = {"m": self.class_module(subject), "layout": LAYOUT}
        return module_text(self.templates, CLASS_TEMPLATE, path, self.package, context, where)


def module_file(location: Location) -> str:
    return "/".join((*location.package, f"{location.module}.py"))


class _Python:
    """``python/<package>/...``: one module per type and enum, a lazy ``__init__.py`` per
    package, ``_runtime.py``, ``_registry.py`` and the empty ``py.typed`` marker."""

    def places(self, model: Model, options: Options) -> Mapping[str, object]:
        return Layout(model).locations

    def type_files(self, model: Model, options: Options,
                   places: Mapping[str, object]) -> dict[str, str]:
        prefix = f"python/{options.python_package}"
        return {f"{prefix}/{module_file(typing.cast(Location, location))}": name
                for name, location in places.items()}

    def render_types(self, views: Sequence[TypeView], options: Options) -> list[str]:
        templates = templates_for(options)
        sources = {str(i): TypeModule(view, options.python_package, templates).source()
                   for i, view in enumerate(views)}
        try:
            formatted = format_sources(sources, options.jobs)
        except Exception:
            for i, view in enumerate(views):  # which module black rejects (on the way to an error)
                name = view.subject.qualified_name
                template = ENUM_TEMPLATE if isinstance(view.subject, EnumType) else CLASS_TEMPLATE
                _formatted_or_error(templates, template, sources[str(i)], name)
            raise
        return [formatted[str(i)] for i in range(len(views))]

    def documents(self, model: Model, options: Options,
                  places: Mapping[str, object]) -> list[Document]:
        layout = Layout.restored(model, typing.cast(Mapping[str, Location], places))
        prefix = f"python/{options.python_package}"
        key = template_key(options)
        documents = [Document(f"{prefix}/{path}",
                              (template, context, path, options.python_package, *key),
                              _formatted)
                     for path, (template, context) in package_modules(model, layout,
                                                                       options.python_package)]
        generated = [*self.type_files(model, options, places), *[d.path for d in documents]]
        static = static_documents(templates_for(options), "python", prefix, generated)
        return [*documents, *[Document(path, text, static_text) for path, text in static]]


PYTHON = _Python()


def package_modules(model: Model, layout: Layout, package_name: str
                    ) -> list[tuple[str, tuple[str, dict[str, object]]]]:
    """(path below the package, (template, context)) of each module that is not a type's:
    a lazy ``__init__.py`` per package, ``_runtime.py``, ``_registry.py``, and ``py.typed``
    (template "": empty)."""
    found: list[tuple[str, tuple[str, dict[str, object]]]] = []
    for segments, package in sorted(layout.packages.items()):
        context: dict[str, object] = {
            "package": ".".join((package_name, *package)),
            "namespace": layout.namespace_of(segments),
            "classes": [
                (loc.class_name, loc.module) for _, loc in layout.package_members(package)
            ],
            "subpackages": layout.subpackages(package),
        }
        found.append(("/".join((*package, "__init__.py")), ("package_init", context)))
    found.append((f"{RUNTIME_MODULE}.py", ("_runtime", {})))
    types = [
        (py_string(t.qualified_name), f"{loc.module_path}:{loc.class_name}")
        for t in sorted(model.types, key=lambda t: t.qualified_name)
        for loc in (layout.locations[t.qualified_name],)
    ]
    found.append((f"{REGISTRY_MODULE}.py", ("_registry", {"types": types})))
    found.append(("py.typed", ("", {})))
    return sorted(found, key=lambda item: item[0])


def sources(model: Model, package: str, templates: Templates | None = None) -> dict[str, str]:
    """Path below the package directory → unformatted source, for every module."""
    templates = templates if templates is not None else Templates()
    layout = Layout(model)
    found = {module_file(location): TypeModule(view_of(model, name, layout.locations),
                                               package, templates).source()
             for name, location in layout.locations.items()}
    for path, (template, context) in package_modules(model, layout, package):
        if template:
            found[path] = _source(templates, template, context, path, package)
    return dict(sorted(found.items()))


def module_text(templates: Templates, template: str, path: str, package: str,
                context: dict[str, object], where: str = "") -> str:
    """The module at ``path`` (below the package): the header template's text, then
    ``template`` rendered with ``context`` (errors name ``where``: the type and module)."""
    return header(templates, path, package) + templates.render(
        template, where or f"{package}/{path}", context)


def header(templates: Templates, path: str, package: str) -> str:
    """What tops every generated ``.py`` file (``python/_header.py.jinja``; empty built-in)."""
    if templates.is_builtin(HEADER_TEMPLATE) and not _builtin_header():
        return ""  # the built-in header is an empty file, which renders ""
    return templates.render(HEADER_TEMPLATE, f"{package}/{path}",
                            {"path": path, "package": package})


@cache
def _builtin_header() -> bytes:
    return builtin_files()[HEADER_TEMPLATE].read_bytes()


def runtime_text(templates: Templates, package: str) -> str:
    """``_runtime.py``: the header, then the runtime file as it is (not rendered, not
    formatted: it is code, checked like docschema's own)."""
    path = f"{RUNTIME_MODULE}.py"
    try:
        runtime = templates.path_of(RUNTIME_FILE).read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise templates.error_for_text(RUNTIME_FILE, f"{package}/{path}",
                                       f"the runtime must be UTF-8 text: {error}") from None
    return header(templates, path, package) + runtime


def _source(templates: Templates, template: str, context: dict[str, object], path: str,
            package: str) -> str:
    if template == RUNTIME_MODULE:
        return runtime_text(templates, package)
    if not template:
        return ""
    return module_text(templates, f"python/{template}.py.jinja", path, package,
                       {**context, "layout": LAYOUT} if template == "package_init" else context)


def _formatted(data: tuple[str, dict[str, object], str, str, str | None, str],
               parts: Sequence[str]) -> str:
    template, context, path, package, user_dir, data_json = data
    templates = templates_of(user_dir, data_json)
    text = _source(templates, template, context, path, package)
    if not text or template == RUNTIME_MODULE:
        return text
    return _formatted_or_error(templates, f"python/{template}.py.jinja", text,
                               f"{package}/{path}")


def _formatted_or_error(templates: Templates, template: str, text: str, where: str) -> str:
    """``text`` as black writes it; text black rejects is a ``TemplateError`` naming the
    template it was rendered with."""
    try:
        return format_sources({"": text}, 1)[""]
    except Exception as error:
        raise templates.error_for_text(template, where, "black cannot format the rendered "
                                       f"module: {error}") from None


def render(template: str, **context: object) -> str:
    """Built-in ``templates/python/<template>.py.jinja`` rendered."""
    return Templates().render(f"python/{template}.py.jinja", template, context)


def py_string(text: str) -> str:
    """A double-quoted Python literal for ``text`` (escapes only what must be escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", escaped) + '"'


def _unique_wire_names(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n not in RUNTIME_WIRE_NAMES))


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
