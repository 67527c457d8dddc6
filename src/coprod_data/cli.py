"""The ``coprod-data`` command: thin commands over the library.

Exit codes: 0 success (and, for ``validate``, a clean package); 1 ``validate`` found
problems; 2 the command could not run (bad arguments, missing or unreadable files).
A user's mistake is one readable message, never a traceback.

The parser is the standard library's ``argparse``: it loads in a few milliseconds, where
a parser that validates through pydantic adds about a tenth of a second to every command
(the cached audit's whole budget is about three tenths).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from coprod_data.errors import CoprodDataError

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # what a shell shows for a writer stopped by SIGPIPE

PROG = "coprod-data"
SUMMARY = "Figures of 4Children's co-production reports as a validated data package."

VALIDATE_FORMATS = ("text", "json")
TABLE_FORMATS = ("table", "csv", "json", "markdown")
AUDIT_FORMATS = ("text", "csv", "json", "markdown")
#: Every status ``--status`` takes; the checks view (``--view checks``) has no ``involved``.
AUDIT_STATUSES = (
    "reproduced",
    "within_rounding",
    "conditional",
    "involved",
    "discrepancy",
    "not_recomputable",
)
AUDIT_VIEWS = ("figures", "checks")


class CommandExit(Exception):  # noqa: N818 - an exit, not an error (exit code 0 too)
    """Ends a command with an exit code (its output already written)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class UsageError(Exception):
    """A bad command line: the parser's message, printed with the usage line."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message


class _Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` that raises on a bad command line instead of exiting, so that
    :func:`run` prints one message and returns exit code 2 (in a test as on a terminal)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # '--pack' is not '--package': an option added later cannot break a user's script
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(self, message)

    def _print_message(self, message: str, file: Any = None) -> None:
        # help and version go through echo, so a write that fails is one message (argparse
        # would drop it silently)
        if message:
            echo(message, err=file is sys.stderr, nl=False)


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Write ``text`` (and a newline) to standard output, or standard error with ``err``.

    A stream that cannot take it (a full disk) is a :class:`CoprodDataError`, and what is
    left in the stream's buffer goes nowhere, so that the exit's flush cannot fail again. A
    closed pipe (``BrokenPipeError``) is left to :func:`main`.
    """
    stream = sys.stderr if err else sys.stdout
    try:
        stream.write(text + ("\n" if nl else ""))
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _discard(stream)
        name = "standard error" if err else "standard output"
        raise CoprodDataError(f"cannot write to {name}: {exc.strerror or exc}") from None


def _discard(stream: object) -> None:
    """Point ``stream``'s file descriptor at the null device (nothing to do for a stream
    without one)."""
    import os

    try:
        fd = stream.fileno()  # type: ignore[attr-defined]
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except (AttributeError, OSError, ValueError):
        pass


def _timeout(text: str) -> float:
    from coprod_data.db import MAX_TIMEOUT

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{text!r} is below 0")
    if value > MAX_TIMEOUT:  # also refuses inf
        raise argparse.ArgumentTypeError(f"{text!r} is above {MAX_TIMEOUT:g} seconds (0 means no limit)")
    return value


# --- commands ------------------------------------------------------------------------------


def validate(args: argparse.Namespace) -> None:
    """Check a data package: the checks every command runs, and Frictionless.

    Exits 0 when clean, 1 when problems are found (each named by resource, row and
    field), 2 when the package cannot be read at all.
    """
    from coprod_data.validation import report_json
    from coprod_data.validation import validate as run_validation

    report = run_validation(args.path)
    if args.format == "json":
        from coprod_data.safety import json_safe

        echo(json_safe(report_json(report)))
    else:
        _print_report(report)
    raise CommandExit(EXIT_OK if report.ok else EXIT_PROBLEMS)


def _print_report(report) -> None:
    from rich.console import Console
    from rich.table import Table

    from coprod_data.safety import markup_safe as safe

    # rendered to a string as the terminal would show it (width, colours), then written by
    # echo, which turns a failed write into one message
    terminal = Console(soft_wrap=True)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        soft_wrap=True,
        width=terminal.width,
        force_terminal=terminal.is_terminal,
        color_system=terminal.color_system,  # type: ignore[arg-type]
        no_color=terminal.no_color,
    )
    head = safe(f"{report.descriptor}: {report.resources} resources, {report.rows} rows")
    if report.ok:
        console.print(f"[green]valid[/green] {head}: no problems found.")
    else:
        console.print(f"[red]invalid[/red] {head}: {len(report.problems)} problem(s).")
        table = Table(show_lines=False)
        for col in ("resource", "row", "field", "check", "message"):
            table.add_column(col, overflow="fold")
        for p in report.problems:
            cells = (p.resource, "" if p.row is None else str(p.row), p.field or "", p.check, p.message)
            table.add_row(*(safe(c) for c in cells))
        console.print(table)
    echo(buffer.getvalue(), nl=False)


def stamp(args: argparse.Namespace) -> None:
    """Recompute each resource's hash and bytes and rewrite the descriptor atomically."""
    from coprod_data.fileio import stamp as run_stamp

    changed = run_stamp(args.path)
    echo(f"stamped; changed: {', '.join(changed) if changed else 'none'}")


def figures(args: argparse.Namespace) -> None:
    """Rewrite the figure index (resource 'figures') from the fact resources, atomically.

    Run ``coprod-data stamp`` afterwards to record the new file's hash.
    """
    from coprod_data.checkdata import write_figure_index

    out, n = write_figure_index(args.path)
    echo(f"wrote {out} ({n} figures)")


def audit(args: argparse.Namespace) -> None:
    """Recompute every check declared in the package and give each figure and claim its verdict.

    The text report leads with the failed checks (the inconsistencies), then the checks
    that hold only under an assumption, then every figure and claim by status. Exits 0
    whatever the audit finds (finding discrepancies is its job); 2 only when it cannot run.
    """
    from coprod_data.auditing import CHECK_STATUSES, CHECKS, FIGURES, STATUSES, report_rows
    from coprod_data.render import crosstab, render
    from coprod_data.safety import printable

    st, fmt, checks_view = args.status, args.format, args.view == "checks"
    main = CHECKS if checks_view else FIGURES
    queries = [(main, st)] + ([(CHECKS, None)] if fmt == "text" else [])
    if st is not None and st not in main[2]:
        raise CoprodDataError(f"unknown status {st!r}; choose from {', '.join(main[2])}", field="status")
    results = report_rows(args.package, queries=tuple(queries), document=args.document)
    columns, rows = results[0]
    ccols, crows = results[-1]
    if fmt != "text":
        echo(render(columns, rows, fmt))
        return
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    checks = [dict(zip(ccols, row, strict=True)) for row in crows]
    docs = sorted({r["document_id"] for r in checks} | {r["document_id"] for r in records})
    failed = [c for c in checks if c["status"] == "discrepancy"]
    echo(f"Audit: {len(checks)} checks, {len(failed)} failed.\n")
    echo("Checks per document and verdict\n")
    echo(
        crosstab([(c["document_id"], c["status"]) for c in checks], docs, CHECK_STATUSES)
        if checks
        else "(none)"
    )
    if not checks_view:
        echo("\nFigures and claims per document and status\n")
        echo(
            crosstab([(r["document_id"], r["status"]) for r in records], docs, STATUSES)
            if records
            else "(no rows)"
        )
    for title, part in (
        ("failed checks", failed),
        ("checks that hold only under an assumption", [c for c in checks if c["status"] == "conditional"]),
    ):
        if part:
            echo(f"\n== {title} ({len(part)}) ==")
            for c in part:
                extra = (
                    f" Condition: {c['reading']}." if c["reading"] and c["status"] == "conditional" else ""
                )
                where = f"[{c['document_id']} {c['section']}]"
                echo(printable(f"- {c['check_id']} {where} {c['statement']} {c['detail']}{extra}"))
    if checks_view:
        return
    for s in STATUSES:
        part = [r for r in records if r["status"] == s]
        if part:
            echo(f"\n== {s} ({len(part)}) ==")
            for r in part:
                echo(
                    printable(
                        f"- {r['figure_id']} [{r['document_id']} {r['section']}] published {r['published']}; "
                        f"checks: {r['checks'] or 'none'}"
                    )
                )


def sql(args: argparse.Namespace) -> None:
    """Run a read-only query over the tables and views and print the result.

    An error in the query, or a query stopped by --timeout, is one message and exit code 2.
    """
    from coprod_data.db import query_rows
    from coprod_data.render import render

    query = _read_stdin() if args.query == "-" else args.query
    columns, rows = query_rows(query, args.package, timeout=args.timeout or None)
    echo(render(columns, rows, args.format))


def _read_stdin() -> str:
    if sys.stdin is None:
        raise CoprodDataError("no standard input to read the query from ('-')")
    try:
        return sys.stdin.read()
    except UnicodeDecodeError:
        raise CoprodDataError("the query on standard input is not valid UTF-8") from None


def export(args: argparse.Namespace) -> None:
    """Write every table and view to a DuckDB file or a folder of Parquet files (atomically)."""
    from coprod_data.db import export as run_export
    from coprod_data.safety import printable

    out = run_export(args.target, force=args.force, path=args.package)
    echo(f"wrote {printable(out)}")


def ddl(args: argparse.Namespace) -> None:
    """Print the SQL script that creates and loads every table (paths relative to the package folder).

    The committed ``src/coprod_data/sql/000_tables.sql`` is this output for the bundled package;
    ``sql/990_comments.sql`` is the output with ``--comments``.
    """
    from coprod_data.ddl import build_tables_sql
    from coprod_data.package import read_package

    if args.comments:
        from coprod_data.db import comments_database, comments_script

        con = comments_database(args.path)
        try:
            echo(comments_script(con, args.path), nl=False)
        finally:
            con.close()
        return
    echo(build_tables_sql(read_package(args.path), relative=True), nl=False)


def version(args: argparse.Namespace) -> None:
    """Print the package (and data) version."""
    from coprod_data import __version__

    echo(__version__)


# --- the parser ----------------------------------------------------------------------------

PACKAGE_PATH_HELP = "A datapackage.json, or the folder holding one. Default: the bundled package."


def _command(
    sub: argparse._SubParsersAction, func: Callable[[argparse.Namespace], None]
) -> argparse.ArgumentParser:
    """A subcommand named after ``func``, its help the first line of the docstring, its
    description the whole docstring."""
    import inspect

    doc = inspect.cleandoc(func.__doc__ or "")
    parser = sub.add_parser(
        func.__name__,
        help=doc.splitlines()[0],
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(func=func, command_parser=parser)
    return parser


def _path_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path, default=None, help=PACKAGE_PATH_HELP)


def _format_option(parser: argparse.ArgumentParser, choices: Sequence[str], help_: str) -> None:
    parser.add_argument(
        "--format", "-f", choices=choices, default=choices[0], help=f"{help_} (default: %(default)s)"
    )


def _package_option(parser: argparse.ArgumentParser, help_: str) -> None:
    parser.add_argument("--package", type=Path, default=None, metavar="PATH", help=help_)


def build_parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per function above."""
    from coprod_data import __version__

    parser = _Parser(
        prog=PROG,
        description=SUMMARY,
        epilog="Exit codes: 0 done (validate: the package is clean); 1 validate found problems; "
        "2 the command could not run (a bad argument, a missing or unreadable file, a bad query); "
        "130 interrupted. 'coprod-data COMMAND --help' describes a command.",
    )
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {__version__}", help="Print the version and exit."
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = _command(sub, validate)
    _path_argument(p)
    _format_option(p, VALIDATE_FORMATS, "Report format")

    _path_argument(_command(sub, stamp))
    _path_argument(_command(sub, figures))

    p = _command(sub, audit)
    _format_option(p, AUDIT_FORMATS, "Output format")
    p.add_argument(
        "--status",
        choices=AUDIT_STATUSES,
        default=None,
        metavar="STATUS",
        help=f"Keep only this status: {', '.join(AUDIT_STATUSES)}.",
    )
    p.add_argument("--document", default=None, metavar="ID", help="Keep only this document id.")
    _package_option(p, "Data package to audit.")
    p.add_argument(
        "--view",
        choices=AUDIT_VIEWS,
        default="figures",
        help="figures: one row per figure and claim; checks: one row per check (default: %(default)s)",
    )

    p = _command(sub, sql)
    p.add_argument(
        "query", help="One read-only SQL statement (SELECT, WITH, DESCRIBE, ...); '-' reads it from stdin."
    )
    _format_option(p, TABLE_FORMATS, "Output format")
    _package_option(p, "Data package to query.")
    p.add_argument(
        "--timeout",
        type=_timeout,
        default=60.0,
        metavar="SECONDS",
        help="Stop the query after this many seconds (0: no limit; default: %(default)s).",
    )

    p = _command(sub, export)
    p.add_argument("target", help="A .duckdb file, or a folder (existing, or ending in /) for Parquet.")
    p.add_argument("--force", action="store_true", help="Overwrite an existing output.")
    _package_option(p, "Data package to export.")

    p = _command(sub, ddl)
    _path_argument(p)
    p.add_argument(
        "--comments", action="store_true", help="Print the COMMENT ON script of the views instead."
    )

    _command(sub, version)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command line (``sys.argv[1:]`` by default) and return its exit code.

    A bad command line prints the usage and one message (exit 2); a package or query error
    prints one message (exit 2). Anything else is a bug of ours and is raised.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        if not args_list:
            parser.print_help(sys.stderr)
            return EXIT_ERROR
        args, extra = parser.parse_known_args(args_list)
        if extra:  # named with the command's own usage line
            getattr(args, "command_parser", parser).error(f"unrecognized arguments: {' '.join(extra)}")
        args.func(args)
    except SystemExit as exc:  # --help and --version end here
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_ERROR)
    except UsageError as exc:
        from coprod_data.safety import printable

        _complain(exc.parser.format_usage() + f"{exc.parser.prog}: error: {printable(exc.message)}")
        return EXIT_ERROR
    except CommandExit as exc:
        return exc.code
    except CoprodDataError as exc:  # every command's user error ends here: one line, never a traceback
        from coprod_data.safety import printable

        _complain(f"{PROG}: error: {printable(exc)}")
        return EXIT_ERROR
    return EXIT_OK


def _complain(text: str) -> None:
    """Write an error message to standard error; if even that fails, the exit code says it."""
    with contextlib.suppress(CoprodDataError):
        echo(text, err=True)


def main() -> None:
    """Console-script entry point.

    The command runs in a worker thread while the main thread waits, so that Ctrl-C is
    seen at once even while DuckDB is busy: running queries are interrupted, the worker
    gets a moment to remove its temporary files, and the command ends with one line and
    exit code 130 (a temporary file left by a run stopped harder is removed by the next run).
    A reader that stops early (``coprod-data audit | head``) ends the command quietly.
    """
    import os
    import threading

    outcome: dict[str, object] = {"code": EXIT_OK}

    def work() -> None:
        try:
            outcome["code"] = run()
        except KeyboardInterrupt:
            outcome["code"] = EXIT_INTERRUPTED
        except BrokenPipeError:
            outcome["pipe"] = True
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=work, name=PROG, daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        from coprod_data.db import interrupt_all

        interrupt_all()
        worker.join(2.0)
        with contextlib.suppress(OSError, ValueError):  # the reader has gone, or stdout is closed
            sys.stdout.flush()
        _complain(f"{PROG}: interrupted")
        os._exit(EXIT_INTERRUPTED)
    if "pipe" in outcome:  # the reader has gone: what is left goes nowhere
        _discard(sys.stdout)
        sys.exit(EXIT_BROKEN_PIPE)
    if "error" in outcome:
        error = outcome["error"]
        assert isinstance(error, BaseException)
        raise error  # a bug of ours: show it
    code = outcome["code"]
    sys.exit(code if isinstance(code, int) else EXIT_ERROR)


if __name__ == "__main__":  # python -m coprod_data.cli
    main()
