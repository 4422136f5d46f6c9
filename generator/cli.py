"""``docschema``: a thin command line over ``generator.pipeline``.

It turns flags and ``[tool.docschema]`` into one Options value, calls the library, prints what
the library returns and picks the exit code: 0 success, 1 findings (lint errors, stale output),
2 bad usage, bad configuration or unreadable input, 130 interrupted. Errors are one line on
stderr, never a traceback (set DOCSCHEMA_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from generator import __version__
from generator.diagnostics import is_about_the_tool, worth_printing
from generator.model import Severity
from generator.options import OPENAPI_VERSIONS, TARGETS, ConfigError, Options

if TYPE_CHECKING:
    from generator.lintpolicy import LintPolicy

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit 2), like every other error."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message} (see '{self.prog} --help')")


def entry() -> NoReturn:
    """The ``docschema`` command (and ``python -m generator``): ``main``, then a hard exit.

    A run builds some 10⁶ long-lived objects (page facts, the model, every output text). The
    library pauses the cyclic garbage collector while it does and turns it back on at the
    end, when the collector's first full pass over them is costly; the interpreter's
    teardown would then free them one by one. A command that ends right after the run needs
    neither: the collector stays off (what little cyclic garbage a command makes goes back to
    the system with the process) and the process ends once its output is flushed, as mypy's
    does. ``main`` itself leaves the collector alone and returns, for tests and library users.
    """
    gc.disable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing left to say
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("docschema: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`docschema lint | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FINDINGS
    except Exception as error:  # the one place that turns any error into one line
        if os.environ.get("DOCSCHEMA_DEBUG"):
            raise
        print(f"docschema: error: {_describe(error)}", file=sys.stderr)
        return EXIT_ERROR


def _describe(error: Exception) -> str:
    from generator.pipeline import InternalError

    if isinstance(error, (_UsageError, ConfigError)):
        return str(error)
    if isinstance(error, LookupError):
        return str(error.args[0]) if error.args else str(error)
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    if isinstance(error, InternalError):
        return f"{error} (this is a bug in docschema; please report it)"
    return f"{type(error).__name__}: {error} (this is a bug in docschema; please report it)"


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------


def _generate(args: argparse.Namespace) -> int:
    from generator import pipeline, report

    options = _options(args)
    bar = report.ProgressBar() if not args.quiet else None
    try:
        result = pipeline.generate(options, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    sys.stderr.write(report.render_text([d for d in result.diagnostics if worth_printing(d)]))
    if not args.quiet:
        s = result.stats
        print(report.generate_summary(s.pages, s.types, s.enums, s.written, s.unchanged,
                                      s.removed, s.errors, s.warnings, s.infos, s.seconds,
                                      s.skipped))
    if args.exit_nonzero_on_change and (result.written or result.removed):
        return EXIT_FINDINGS
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from generator import pipeline, report

    options = _options(args)
    bar = report.ProgressBar() if not args.quiet else None
    try:
        result = pipeline.check(options, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    sys.stderr.write(report.render_text([d for d in result.diagnostics
                                         if is_about_the_tool(d.code)]))
    if result.ok:
        if not args.quiet:
            print(f"docschema: {options.out} is up to date ({result.stats.seconds:.2f} s)")
        return EXIT_OK
    out = options.out.as_posix()
    for label, paths in (("stale", result.stale), ("missing", result.missing),
                         ("extra", result.extra)):
        for path in paths:
            print(f"{label}: {out}/{path}")
    total = len(result.stale) + len(result.missing) + len(result.extra)
    print(f"docschema: {out} is not what 'docschema generate' would write ({total} "
          f"file{'' if total == 1 else 's'}: {len(result.stale)} stale, "
          f"{len(result.missing)} missing, {len(result.extra)} extra); run docschema generate",
          file=sys.stderr)
    return EXIT_FINDINGS


def _lint(args: argparse.Namespace) -> int:
    from generator import lintrun, pipeline, report

    options = _options(args)
    policy = _lint_policy(args)
    api_dir = Path(args.examples) if args.examples else None
    if api_dir is not None and not api_dir.is_dir():
        raise ConfigError(f"--examples {args.examples}: not a directory")
    entries = lintrun.baseline_entries(policy, update=args.update_baseline)  # fail fast
    bar = report.ProgressBar()
    try:
        result = pipeline.lint(options, examples=api_dir, progress=bar)
    finally:
        bar.close()
    review = lintrun.review(result.diagnostics, result.model, result.texts, policy,
                            Severity(args.min_severity), entries)
    if args.update_baseline:
        print(lintrun.record_baseline(policy, review), file=sys.stderr)
        return EXIT_OK
    summary = report.lint_summary(result.stats, review, result.examples)
    sys.stdout.write(report.render_review(review, args.format, summary))
    if args.format == "text":
        print(report.lint_status(result.stats.pages, review, result.examples), file=sys.stderr)
    return EXIT_FINDINGS if review.fails() else EXIT_OK


def _lint_policy(args: argparse.Namespace) -> LintPolicy:
    from generator.lintpolicy import policy_from_config, with_flags
    from generator.options import load_config

    table = load_config(Path()).get("lint", {})
    return with_flags(policy_from_config(table), select=args.select,
                      extend_select=args.extend_select or (), ignore=args.ignore or (),
                      per_file_ignores=args.per_file_ignores or (),
                      severity=args.severity or (),
                      baseline=Path(args.baseline) if args.baseline else None)


def _add_lint_rules(lint: _Parser) -> None:
    """ruff's flags, over [tool.docschema.lint]; values are comma-separated and repeatable."""
    lint.add_argument("--select", action="append", metavar="CODES",
                      help="report only these codes or prefixes (replaces the configured "
                           "select; ALL for every code)")
    lint.add_argument("--extend-select", action="append", metavar="CODES",
                      help="report these codes too")
    lint.add_argument("--ignore", action="append", metavar="CODES",
                      help="do not report these codes or prefixes")
    lint.add_argument("--per-file-ignores", action="append", metavar="GLOB:CODES",
                      help="do not report these codes in files matching GLOB")
    lint.add_argument("--severity", action="append", metavar="CODE=LEVEL",
                      help="report CODE (or a prefix) as error, warning or info, or off")
    lint.add_argument("--baseline", metavar="FILE",
                      help="report and fail on findings not in this baseline file only; "
                           "baseline entries no longer found are reported as fixed")
    lint.add_argument("--update-baseline", action="store_true",
                      help="write every finding into the baseline file and exit 0")


def _show(args: argparse.Namespace) -> int:
    from generator import pipeline

    sys.stdout.write(pipeline.show(_options(args), args.name))
    return EXIT_OK


def _templates(args: argparse.Namespace) -> int:
    from generator import templating
    from generator.options import load_config, options_from_config

    if args.copy is not None or args.to is not None:
        if args.copy is None or args.to is None:
            raise ConfigError("--copy NAME and --to DIR go together")
        print(templating.copy_builtin(args.copy, Path(args.to)).as_posix())
        return EXIT_OK
    overrides = {"template_dir": Path(args.template_dir) if args.template_dir else None}
    options = options_from_config(load_config(Path()), Path(), **overrides)
    sys.stdout.write(templating.listing(options))
    return EXIT_OK


def _codes(args: argparse.Namespace) -> int:
    from generator import codehelp, report

    if args.code:
        sys.stdout.write(codehelp.describe(args.code))
    elif args.docs:
        sys.stdout.write(codehelp.codes_markdown())
    else:
        sys.stdout.write(report.codes_table(markdown=args.markdown))
    return EXIT_OK


def _options(args: argparse.Namespace) -> Options:
    """[tool.docschema] of ./pyproject.toml, overridden by whatever flags were given."""
    from generator.options import load_config, options_from_config

    overrides: dict[str, Any] = {}
    if args.sources:
        overrides["sources"] = tuple(Path(s) for s in args.sources)
    if getattr(args, "out", None):
        overrides["out"] = Path(args.out)
    if getattr(args, "target", None):
        overrides["targets"] = tuple(dict.fromkeys(args.target))
    if getattr(args, "openapi_version", None):
        overrides["openapi_version"] = args.openapi_version
    if getattr(args, "against", None):
        overrides["against"] = Path(args.against)
    if getattr(args, "strict", False):
        overrides["strict"] = True
    if args.no_cache:
        overrides["use_cache"] = False
    if getattr(args, "template_dir", None):
        overrides["template_dir"] = Path(args.template_dir)
    if args.jobs is not None:
        if args.jobs < 0:
            raise ConfigError("--jobs must be 0 (automatic) or more")
        overrides["jobs"] = args.jobs
    return options_from_config(load_config(Path()), Path(), **overrides)


# --------------------------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------------------------


def _parser() -> _Parser:
    parser = _Parser(prog="docschema", description="Generate Python dataclasses, JSON Schema "
                     "and OpenAPI from Microsoft Graph-style markdown resource docs.")
    parser.add_argument("--version", action="version", version=f"docschema {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=_Parser)

    def command(name: str, handler: Any, help_text: str) -> _Parser:
        sub: _Parser = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    generate = command("generate", _generate, "Write the outputs for the sources into --out.")
    _add_sources(generate)
    _add_output(generate)
    generate.add_argument("--quiet", action="store_true", help="print nothing but errors")
    generate.add_argument("--exit-nonzero-on-change", action="store_true",
                          help="exit 1 when files were written or removed (for pre-commit, "
                               "which notices changed files but not new ones)")

    check = command("check", _check,
                    "Exit 1, listing the files, when --out is not what generate would write.")
    _add_sources(check)
    _add_output(check)
    check.add_argument("--quiet", action="store_true", help="print nothing but the findings")

    lint = command("lint", _lint, "Print every diagnostic; exit 1 when there is an error.")
    _add_sources(lint)
    _add_lint_rules(lint)
    lint.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    lint.add_argument("--min-severity", choices=[s.value for s in Severity], default="info",
                      help="hide diagnostics below this severity (default: info)")
    _add_template_dir(lint)
    lint.add_argument("--examples", metavar="API_DIR",
                      help="also validate the example responses in these API pages")
    lint.add_argument("--against", metavar="METADATA",
                      help="also report drift (DS7xx) from this service metadata: OData CSDL "
                           "XML or OpenAPI YAML/JSON (config: against)")

    show = command("show", _show,
                   "Print the model of one type, enum or operation as YAML.")
    show.add_argument("name", metavar="NAME",
                      help="a type's qualified or short name, an operationId, or "
                           "'METHOD /path' (any template names)")
    _add_sources(show)

    templates = command("templates", _templates,
                        "List the effective templates and where each comes from.")
    templates.add_argument("--template-dir", metavar="DIR",
                           help="the user's templates (default: [tool.docschema] template_dir)")
    templates.add_argument("--copy", metavar="NAME",
                           help="copy this built-in (a name the listing shows) into --to")
    templates.add_argument("--to", metavar="DIR", help="where --copy puts it (its template_dir)")

    codes = command("codes", _codes, "Print the table of diagnostic codes.")
    codes.add_argument("--markdown", action="store_true", help="as a markdown table")
    codes.add_argument("code", nargs="?", metavar="CODE", help="explain this code (DS101)")
    codes.add_argument("--docs", action="store_true",
                       help="the help of every code as markdown (docs/codes.md)")
    return parser


def _add_sources(parser: _Parser) -> None:
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="markdown file or directory (default: [tool.docschema] sources)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument("--jobs", type=int, metavar="N",
                        help="processes to parse (and, cold, to emit) with (default 0: one "
                             "per core when it pays; 1: a single process)")


def _add_template_dir(parser: _Parser) -> None:
    parser.add_argument("--template-dir", metavar="DIR",
                        help="templates that override the built-ins file by file (default: "
                             "[tool.docschema] template_dir)")


def _add_output(parser: _Parser) -> None:
    _add_template_dir(parser)
    parser.add_argument("--out", metavar="DIR", help="output directory (default: out)")
    parser.add_argument("--target", action="append", choices=TARGETS, metavar="T",
                        help=f"one of {', '.join(TARGETS)}; repeat for several (default: all)")
    parser.add_argument("--strict", action="store_true",
                        help="JSON Schema rejects properties a type does not define")
    parser.add_argument("--openapi-version", choices=OPENAPI_VERSIONS, metavar="V",
                        help=f"one of {', '.join(OPENAPI_VERSIONS)}")
