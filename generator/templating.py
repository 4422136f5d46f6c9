"""The templates every target is drawn with: docschema's built-ins under ``templates/`` (repo
checkout) or ``generator/templates`` (wheel), overridden file by file by a user's
``template_dir``; rendering with errors that name the template file and line; and what
identifies the code and templates that make docschema's output (fingerprints, black's version).

A user's directory mirrors the built-in one: ``python/class_module.py.jinja`` replaces the
built-in of that name, and may ``{% extends "builtin/python/class_module.py.jinja" %}`` to
override named blocks only. A file there that is not a template (no ``.jinja``) is static: it
replaces the built-in static file of its name (``python/_runtime.py``) or is copied into the
target's output as it is. Every template receives ``template_data`` (``[tool.docschema]
template_data``) and ``template_api`` (the version of the context, ``TEMPLATE_API``).
"""

from __future__ import annotations

import hashlib
import json
import os
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.options import TARGETS, ConfigError

if TYPE_CHECKING:
    import jinja2

    from generator.model import Diagnostic
    from generator.options import Options

_PACKAGE_DIR = Path(__file__).resolve().parent

#: The version of what templates receive (docs/templates.md). It changes when a name is taken
#: away or changes its meaning, so that a user template written against another version can
#: say so (``{% if template_api != 1 %}``) and a changelog entry names what moved.
TEMPLATE_API = 1
#: ``{% extends "builtin/<name>" %}`` names docschema's own template whatever the user overrides.
BUILTIN_PREFIX = "builtin"
TEMPLATE_SUFFIX = ".jinja"


@dataclass(frozen=True)
class Context:
    """What one built-in file receives and makes (docs/templates.md is written from these)."""

    names: Mapping[str, str]  # name → its type, besides GLOBALS
    renders: str  # what its text is: "JSON", "JSON or YAML", "Python source", "copied"
    value: str = ""  # a value template: the name of the data whose value it renders
    about: str = ""


_ITEM = {"name": "str (the qualified name)",
         "type": "generator.model.StructuredType or generator.model.EnumType"}
_LAYOUT = {"layout": "generator.emit.pyformat.LAYOUT (helpers that lay out black's lines)"}

#: Every built-in file, the names it receives and what it makes: template_api 1.
CONTEXTS: dict[str, Context] = {
    "jsonschema/type.schema.json.jinja": Context(
        {"schema": "dict[str, Any] (the JSON Schema document)", **_ITEM}, "JSON", "schema",
        "one file per type and enum; block `schema`"),
    "model/type.yaml.jinja": Context(
        {"data": "dict[str, Any] (the model's data)", **_ITEM}, "JSON or YAML", "data",
        "one file per type and enum; block `data`"),
    "openapi/openapi.yaml.jinja": Context(
        {"document": "dict[str, Any] (components.schemas empty: docschema fills it)",
         "schema_names": "list[str]"}, "JSON or YAML", "document",
        "the document around the schemas; block `document`"),
    "openapi/schema.json.jinja": Context(
        {"schema": "dict[str, Any] (one entry of components.schemas)", **_ITEM},
        "JSON or YAML", "schema", "one entry per type and enum; block `schema`"),
    "python/_header.py.jinja": Context(
        {"path": "str (the module's path below the package)", "package": "str"},
        "Python source", "", "empty; its text tops every generated .py file"),
    "python/_registry.py.jinja": Context(
        {"types": "list[tuple[str, str]] (quoted @odata.type, module:Class)"},
        "Python source", "", "block `module_header`"),
    "python/_runtime.py": Context({}, "copied", "", "the runtime, copied as it is"),
    "python/class_module.py.jinja": Context(
        {"m": "generator.emit.python.ClassModule", **_LAYOUT}, "Python source", "",
        "blocks `module_header`, `class_body_end`"),
    "python/enum_module.py.jinja": Context(
        {"m": "generator.emit.python.EnumModule", **_LAYOUT}, "Python source", "",
        "blocks `module_header`, `enum_body`, `enum_body_end`"),
    "python/package_init.py.jinja": Context(
        {"package": "str", "namespace": "str", "classes": "list[tuple[str, str]]",
         "subpackages": "list[str]", **_LAYOUT}, "Python source", "",
        "block `module_header`"),
}
#: What every template receives besides its own names.
GLOBALS = {"template_data": "dict[str, Any] ([tool.docschema] template_data)",
           "template_api": f"int ({TEMPLATE_API})"}


def context_table() -> str:
    """The markdown table of CONTEXTS that docs/templates.md holds (a test keeps them equal)."""
    rows = ["| File | Receives | Renders | Notes |", "| --- | --- | --- | --- |"]
    for name, context in CONTEXTS.items():
        names = "<br>".join(f"`{key}`: {kind}" for key, kind in context.names.items()) or "-"
        rows.append(f"| `{name}` | {names} | {context.renders} | {context.about} |")
    return "\n".join(rows) + "\n"


class TemplateError(ConfigError):
    """A template that cannot be loaded or rendered, or renders text docschema cannot read:
    the CLI prints it on one line (``template:line: problem``) and exits 2; nothing is written."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))  # one line, whatever a library said


def templates_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "templates", _PACKAGE_DIR.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("docschema's templates/ directory is missing from the installation")


def _files_below(root: Path) -> dict[str, Path]:
    """Relative POSIX name → path of every file below ``root`` (hidden and cache files left
    out), sorted by name."""
    found: dict[str, Path] = {}
    for path in root.rglob("*"):
        name = path.relative_to(root).as_posix()
        if path.is_file() and not any(part.startswith(".") or part == "__pycache__"
                                      for part in name.split("/")):
            found[name] = path
    return dict(sorted(found.items()))


@cache
def builtin_files() -> dict[str, Path]:
    """Every built-in file (templates and static files) by its name below ``templates/``."""
    return _files_below(templates_dir())


def canonical_data(data: Mapping[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Origin:
    """Where one effective file comes from."""

    name: str  # below templates/, e.g. python/class_module.py.jinja
    origin: str  # "builtin", "user" (overrides a built-in) or "static" (a user file of its own)
    path: Path


@dataclass(frozen=True)
class Templates:
    """The effective template set of one run: the built-ins, a user directory over them and
    the ``template_data`` every template receives."""

    user_dir: Path | None = None
    data: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    data_json: str = "{}"
    _fingerprints: dict[str, str] = field(default_factory=dict, hash=False, compare=False,
                                          repr=False)
    _compiled: dict[str, jinja2.Template] = field(default_factory=dict, hash=False,
                                                  compare=False, repr=False)

    @cached_property
    def user_files(self) -> dict[str, Path]:
        return _files_below(self.user_dir) if self.user_dir is not None else {}

    def is_builtin(self, name: str) -> bool:
        """Whether ``name`` is drawn from docschema's own file (the user has none of that name)."""
        return name not in self.user_files

    def path_of(self, name: str) -> Path:
        return self.user_files.get(name) or builtin_files()[name]

    def origins(self) -> list[Origin]:
        """Every effective file and where it comes from, by name."""
        builtins = builtin_files()
        result = [Origin(name, "user" if name in self.user_files else "builtin",
                         self.path_of(name)) for name in builtins]
        result += [Origin(name, "static", path) for name, path in self.user_files.items()
                   if name not in builtins and _is_static(name)]
        return sorted(result, key=lambda o: o.name)

    def unmatched(self) -> list[str]:
        """User files that override no built-in, are no static file of a target and that no
        user template includes, imports or extends (a helper of their own)."""
        builtins = builtin_files()
        candidates = [name for name in self.user_files
                      if name not in builtins and not _is_static(name)]
        if not candidates:
            return []
        referenced = self._referenced()
        return [name for name in candidates if name not in referenced]

    def _referenced(self, names: Iterable[str] | None = None) -> set[str]:
        """The template names that user templates (``names``; all of them when None) name in
        include, import and extends."""
        found: set[str] = set()
        for name in self.user_files if names is None else names:
            found |= self._references(name)
        return found

    def _references(self, name: str) -> set[str]:
        import jinja2
        from jinja2 import meta

        if not name.endswith(TEMPLATE_SUFFIX) or name not in self.user_files:
            return set()
        try:
            parsed = self.environment.parse(
                self.user_files[name].read_text(encoding="utf-8"))
        except (jinja2.TemplateSyntaxError, UnicodeDecodeError):
            return set()  # reported when it is rendered
        return {n for n in meta.find_referenced_templates(parsed) if n}

    def _user_files_of(self, target: str) -> set[str]:
        """The user files ``target``'s texts may depend on: those in its folder, those in no
        target's folder (shared helpers), and whatever these include, import or extend."""
        prefix = target + "/"
        chosen = {name for name in self.user_files
                  if name.startswith(prefix) or name.partition("/")[0] not in TARGETS
                  or "/" not in name}
        pending = list(chosen)
        while pending:
            for referenced in self._references(pending.pop()):
                if referenced in self.user_files and referenced not in chosen:
                    chosen.add(referenced)
                    pending.append(referenced)
        return chosen

    def static_files(self, target: str) -> dict[str, Path]:
        """The user's own static files of ``target``, by their name below ``<target>/``."""
        prefix = target + "/"
        builtins = builtin_files()
        return {name[len(prefix):]: path for name, path in self.user_files.items()
                if name.startswith(prefix) and name not in builtins and _is_static(name)}

    def fingerprint(self, target: str) -> str:
        """A digest of every file ``target`` is drawn with (built-in and user) and of
        ``template_data``: part of every memo key of the target's texts."""
        known = self._fingerprints.get(target)
        if known is not None:
            return known
        digest = hashlib.sha256(f"api{TEMPLATE_API}\0{self.data_json}\0".encode())
        prefix = target + "/"
        for name, path in builtin_files().items():
            if name.startswith(prefix):
                digest.update(f"b\0{name}\0".encode())
                digest.update(path.read_bytes())
        for name in sorted(self._user_files_of(target)):
            digest.update(f"u\0{name}\0".encode())
            digest.update(self.user_files[name].read_bytes())
        self._fingerprints[target] = digest.hexdigest()[:16]
        return self._fingerprints[target]

    # -- rendering -------------------------------------------------------------------------

    @cached_property
    def environment(self) -> jinja2.Environment:
        import jinja2  # only a run that renders needs it (a no-op run or an edit from memo not)

        builtin = jinja2.FileSystemLoader(str(templates_dir()))
        loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({BUILTIN_PREFIX: builtin})]
        if self.user_dir is not None:
            loaders.append(jinja2.FileSystemLoader(str(self.user_dir)))
        loaders.append(builtin)
        env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,  # a set is made again when a user file changes (templates_for)
        )
        env.filters.update(FILTERS)
        env.globals.update(template_data=self.data, template_api=TEMPLATE_API)
        return env

    def template(self, name: str) -> jinja2.Template:
        """``name`` compiled (the user's file if there is one); a syntax error is a
        ``TemplateError`` naming the file and line."""
        import jinja2

        compiled = self._compiled.get(name)
        if compiled is not None:
            return compiled
        try:
            compiled = self._compiled[name] = self.environment.get_template(name)
            return compiled
        except jinja2.TemplateSyntaxError as error:
            where = error.filename or name
            raise TemplateError(f"{self._shown(where)}:{error.lineno}: template syntax error: "
                                f"{error.message}") from None
        except jinja2.TemplateNotFound as error:
            raise TemplateError(f"{self._shown(name)}: template not found: {error}") from None

    def renders_its_value(self, name: str) -> bool:
        """Whether ``name`` is docschema's built-in as shipped, which renders its value
        unchanged (``{{ value | to_json }}`` read back as JSON is the same value: JSON data
        round-trips through orjson exactly, key order included). Then the render and parse
        round trip is skipped: the same value, so the same bytes (tests/test_templates.py
        renders every built-in value template to check). A built-in edited in a checkout is
        rendered again."""
        context = CONTEXTS.get(name)
        if context is None or not context.value or not self.is_builtin(name):
            return False
        return _builtin_source(name) == _identity_source(name, context)

    def render(self, name: str, subject: str, context: Mapping[str, Any]) -> str:
        """``name`` rendered with ``context``; any failure is one ``TemplateError`` naming the
        template file and line (the innermost template frame) and ``subject`` (what was being
        rendered: a type's qualified name, a module path)."""
        template = self.template(name)
        try:
            return template.render(context)
        except TemplateError:
            raise
        except Exception as error:  # an undefined name, a filter's error, a raise in a macro
            file, line = _template_frame(error.__traceback__, name)
            problem = _problem(error)
            raise TemplateError(f"{self._shown(file)}:{line}: {problem} (rendering "
                                f"{subject})") from None

    def render_value(self, name: str, subject: str, context: Mapping[str, Any],
                     syntax: str) -> Any:
        """The value ``name`` renders: its text read as JSON (``syntax`` "json") or as YAML
        (``"yaml"``, of which JSON is a part: JSON is tried first, the quick way)."""
        text = self.render(name, subject, context)
        return self.parse(name, subject, text, syntax)

    def parse(self, name: str, subject: str, text: str, syntax: str) -> Any:
        import orjson

        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass  # text orjson refuses (a lone surrogate, say): the standard library's way
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            json_error = error
        if syntax == "yaml":
            import yaml

            try:
                return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                at = f"line {mark.line + 1}" if mark is not None else "text"
                raise TemplateError(
                    f"{self._shown(name)}:1: rendered text is not YAML ({at} of the text "
                    f"rendered for {subject}): {getattr(error, 'problem', error)}") from None
        raise TemplateError(
            f"{self._shown(name)}:1: rendered text is not JSON (line {json_error.lineno} of "
            f"the text rendered for {subject}): {json_error.msg}") from None

    def error_for_text(self, name: str, subject: str, problem: str) -> TemplateError:
        """A ``TemplateError`` about text ``name`` rendered (black rejected it, say)."""
        return TemplateError(f"{self._shown(name)}:1: {problem} (the text rendered for "
                             f"{subject})")

    def _shown(self, file: str) -> str:
        """A template's file as an error names it: its path (a user file's as the user knows
        it, a built-in's below the installation)."""
        if file.startswith(BUILTIN_PREFIX + "/"):
            file = file[len(BUILTIN_PREFIX) + 1:]
        if os.path.isabs(file):
            return _relative(Path(file))
        return _relative(self.path_of(file)) if file in builtin_files() or \
            file in self.user_files else file


@cache
def _builtin_source(name: str) -> str:
    return builtin_files()[name].read_text(encoding="utf-8")


def _identity_source(name: str, context: Context) -> str:
    """The built-in value template as shipped: its comment, then one block that renders the
    value as JSON (checked against the file, so an edited built-in is rendered again)."""
    comment, _, _ = _builtin_source(name).partition("#}\n")
    block = context.about.split("block `")[1].split("`")[0]
    return (f"{comment}#}}\n{{% block {block} %}}{{{{ {context.value} | to_json }}}}"
            "{% endblock %}\n")


def _is_static(name: str) -> bool:
    """A user file that is copied, not rendered: a non-template file in a target's folder."""
    head, _, rest = name.partition("/")
    return head in TARGETS and bool(rest) and not name.endswith(TEMPLATE_SUFFIX)


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _template_frame(traceback: types.TracebackType | None, fallback: str) -> tuple[str, int]:
    """The innermost traceback frame in a template (Jinja names a template's frames by the
    template's file and line), else ``fallback`` and line 1."""
    found = (fallback, 1)
    while traceback is not None:
        code = traceback.tb_frame.f_code
        if code.co_filename.endswith(TEMPLATE_SUFFIX) or code.co_name in ("top-level template "
                                                                           "code", "template"):
            found = (code.co_filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


def _problem(error: Exception) -> str:
    import jinja2

    if isinstance(error, jinja2.UndefinedError):
        return f"undefined name: {error.message}"
    return f"{type(error).__name__}: {error}"


# -- filters -----------------------------------------------------------------------------------


def to_json(value: Any) -> str:
    """``value`` as JSON, keys in their order, text as it is (Jinja's ``tojson`` sorts keys and
    escapes ``<>&'``, for HTML). An undefined value inside is an undefined-name error."""
    import jinja2
    import orjson

    try:
        return orjson.dumps(value, default=_undefined, option=orjson.OPT_INDENT_2).decode()
    except TypeError as error:
        if isinstance(error.__cause__, jinja2.UndefinedError):  # raised again as it is
            raise error.__cause__ from None
        return json.dumps(value, indent=2, ensure_ascii=False, default=_undefined)


def _undefined(value: Any) -> Any:
    """orjson's and json's ``default``: an undefined value fails as Jinja says it should."""
    import jinja2

    if isinstance(value, jinja2.Undefined):
        value._fail_with_undefined_error()
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON: {value!r}")


def to_yaml(value: Any) -> str:
    """``value`` as docschema's deterministic block YAML."""
    from generator.emit.schema_common import dump_yaml

    return dump_yaml(value).rstrip("\n")


def merge(base: Any, *others: Any) -> Any:
    """``base`` with each of ``others`` laid over it: mappings merge key by key (recursively;
    a new key goes last), anything else is replaced. ``base`` itself is left as it was."""
    result = base
    for other in others:
        result = _merged(result, other)
    return result


def _merged(base: Any, other: Any) -> Any:
    if isinstance(base, Mapping) and isinstance(other, Mapping):
        result = dict(base)
        for key, value in other.items():
            result[key] = _merged(result[key], value) if key in result else value
        return result
    return other


def without(mapping: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    """``mapping`` without ``keys`` (the rest in their order)."""
    return {key: value for key, value in mapping.items() if key not in keys}


FILTERS: dict[str, Callable[..., Any]] = {
    "to_json": to_json, "to_yaml": to_yaml, "merge": merge, "without": without}


# -- the run's set -------------------------------------------------------------------------------


def templates_for(options: Options) -> Templates:
    """The effective template set of ``options`` (the same object while the user's files are
    unchanged, so compiled templates are reused)."""
    directory = options.template_dir
    stamps: tuple[tuple[str, int, int], ...] = ()
    if directory is not None:
        stamps = tuple((name, path.stat().st_mtime_ns, path.stat().st_size)
                       for name, path in _files_below(directory).items())
    return _templates(directory, canonical_data(options.template_data), stamps)


@cache
def _templates(directory: Path | None, data_json: str,
               stamps: tuple[tuple[str, int, int], ...]) -> Templates:
    return Templates(directory, json.loads(data_json), data_json)


def template_fingerprint(target: str, options: Options) -> str:
    """The digest of ``target``'s effective template set and ``template_data``: what a
    target's outputs depend on besides the model, the options and docschema's code. A cache
    key of the target's texts must hold it, so that a template edit is never a no-op and a
    revert is served again."""
    return templates_for(options).fingerprint(target)


def with_static(files: dict[str, Any], templates: Templates, target: str) -> dict[str, Any]:
    """``files`` (names below the target's output folder) and the user's static files of
    ``target``, copied as they are; a static file may not stand where a generated file is."""
    for name, path in templates.static_files(target).items():
        if name in files:
            raise TemplateError(f"{_relative(path)}: a static file where docschema generates "
                                f"{target}/{name}; rename it")
        try:
            files[name] = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            raise TemplateError(f"{_relative(path)}: a static template file must be UTF-8 "
                                f"text: {error}") from None
    return files


def rendered_value(templates: Templates, name: str, value: Any, subject: str, item: object,
                   syntax: str = "json") -> Any:
    """The value template ``name`` renders for ``value`` (the data its context names, e.g.
    ``schema``), the subject's qualified name and model object; the built-in as shipped gives
    ``value`` itself (``Templates.renders_its_value``)."""
    if templates.renders_its_value(name):
        return value
    context = CONTEXTS[name]
    return templates.render_value(name, subject, {context.value: value, "name": subject,
                                                  "type": item}, syntax)


def static_documents(templates: Templates, target: str, prefix: str,
                     generated: Iterable[str]) -> list[tuple[str, str]]:
    """(output path, text) of the user's static files of ``target`` (below ``prefix``);
    one where a generated file stands is an error."""
    taken = {path.removeprefix(prefix + "/") for path in generated}
    files = with_static(dict.fromkeys(taken, ""), templates, target)
    return [(f"{prefix}/{name}", text) for name, text in sorted(files.items())
            if name not in taken]


def static_text(text: str, parts: Sequence[str]) -> str:
    """A static file's document: its text, as it is."""
    return text


def templates_of(user_dir: str | None, data_json: str) -> Templates:
    """``templates_for`` from the plain values a picklable document carries."""
    directory = Path(user_dir) if user_dir is not None else None
    stamps: tuple[tuple[str, int, int], ...] = ()
    if directory is not None:
        stamps = tuple((name, path.stat().st_mtime_ns, path.stat().st_size)
                       for name, path in _files_below(directory).items())
    return _templates(directory, data_json, stamps)


def template_key(options: Options) -> tuple[str | None, str]:
    """What ``templates_of`` takes: the template dir and ``template_data``, as plain values."""
    directory = options.template_dir.as_posix() if options.template_dir is not None else None
    return directory, canonical_data(options.template_data)


def template_diagnostics(options: Options) -> list[Diagnostic]:
    """DS950 for each user file that matches no template and is no static file of a target."""
    from generator.model import Diagnostic, SourceLocation

    templates = templates_for(options)
    return [Diagnostic.at(SourceLocation(_relative(templates.user_files[name])), "DS950",
                          f"{name} matches no built-in template and is no static file of a "
                          f"target ({', '.join(TARGETS)}); it is not used")
            for name in templates.unmatched()]


def listing(options: Options) -> str:
    """``docschema templates``: each effective file, its origin and path; unused user files."""
    templates = templates_for(options)
    lines = [f"{o.name}\t{o.origin}\t{_relative(o.path)}" for o in templates.origins()]
    lines += [f"{name}\tunused\t{_relative(templates.user_files[name])}"
              for name in templates.unmatched()]
    return "".join(line + "\n" for line in lines)


def copy_builtin(name: str, destination: Path) -> Path:
    """Copy built-in ``name`` to ``destination/name`` (the layout a template_dir has); refuses
    to overwrite a file there."""
    source = builtin_files().get(name)
    if source is None:
        raise ConfigError(f"no built-in template {name!r} (see 'docschema templates')")
    target = destination / name
    if target.exists():
        raise ConfigError(f"{target}: already exists; not overwritten")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())
    return target


# -- fingerprints of docschema's own code --------------------------------------------------------


def code_fingerprint() -> str:
    """A hash of docschema's own code and templates, so caches notice an edited checkout."""
    digest = hashlib.sha256()
    for root in (_PACKAGE_DIR, templates_dir()):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


#: The libraries whose versions shape output or page facts: (distribution, top-level module).
OUTPUT_LIBRARIES = (("markdown-it-py", "markdown_it"), ("PyYAML", "yaml"), ("Jinja2", "jinja2"),
                    ("black", "black"), ("orjson", "orjson"))


@cache
def library_versions() -> tuple[tuple[str, str], ...]:
    """(distribution, version) of each of ``OUTPUT_LIBRARIES``: part of every cache key."""
    return tuple((name, distribution_version(name, module)) for name, module in OUTPUT_LIBRARIES)


@cache
def distribution_version(name: str, module: str) -> str:
    """The installed version: from the name of the one ``.dist-info`` directory beside the
    module (no import of importlib.metadata, a tenth of a no-op run), else as
    importlib.metadata reads it ("" when it is not installed)."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin is not None:
        site = Path(spec.origin).parent.parent
        wanted = name.lower().replace("-", "_")
        found = [p for p in site.glob("*.dist-info")
                 if p.name.lower().partition("-")[0] == wanted]
        if len(found) == 1:
            return found[0].name[len(wanted) + 1:].removesuffix(".dist-info")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return ""
