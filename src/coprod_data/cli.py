"""The ``coprod-data`` command: thin commands over the library.

Exit codes: 0 success (and, for ``validate``, a clean package); 1 ``validate`` found
problems; 2 the command could not run (bad arguments, missing or unreadable files).
A user's mistake is one readable message, never a traceback.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from coprod_data.errors import CoprodDataError

app = typer.Typer(
    name="coprod-data",
    help="Figures of 4Children's co-production reports as a validated data package.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def _show_version(value: bool) -> None:
    if value:
        from coprod_data import __version__

        typer.echo(f"coprod-data {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Figures of 4Children's co-production reports as a validated data package."""


class Format(StrEnum):
    text = "text"
    json = "json"


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class AuditFormat(StrEnum):
    text = "text"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class Status(StrEnum):
    reproduced = "reproduced"
    within_rounding = "within_rounding"
    conditional = "conditional"
    involved = "involved"
    discrepancy = "discrepancy"
    not_recomputable = "not_recomputable"


class View(StrEnum):
    figures = "figures"
    checks = "checks"


def _fail(exc: CoprodDataError) -> None:
    from coprod_data.safety import printable

    typer.echo(f"coprod-data: error: {printable(exc)}", err=True)
    raise typer.Exit(EXIT_ERROR)


PathArg = Annotated[
    Path | None,
    typer.Argument(
        help="A datapackage.json, or the folder holding one. Default: the bundled package.",
        show_default=False,
    ),
]


@app.command()
def validate(
    path: PathArg = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.text,
) -> None:
    """Check a data package: the checks every command runs, and Frictionless.

    Exits 0 when clean, 1 when problems are found (each named by resource, row and
    field), 2 when the package cannot be read at all.
    """
    from coprod_data.validation import report_json
    from coprod_data.validation import validate as run

    try:
        report = run(path)
    except CoprodDataError as exc:
        _fail(exc)
    if fmt is Format.json:
        from coprod_data.safety import json_safe

        typer.echo(json_safe(report_json(report)))
    else:
        _print_report(report)
    raise typer.Exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


def _print_report(report) -> None:
    from rich.console import Console
    from rich.table import Table

    from coprod_data.safety import markup_safe as safe

    console = Console(soft_wrap=True)
    head = safe(f"{report.descriptor}: {report.resources} resources, {report.rows} rows")
    if report.ok:
        console.print(f"[green]valid[/green] {head}: no problems found.")
        return
    console.print(f"[red]invalid[/red] {head}: {len(report.problems)} problem(s).")
    table = Table(show_lines=False)
    for col in ("resource", "row", "field", "check", "message"):
        table.add_column(col, overflow="fold")
    for p in report.problems:
        cells = (p.resource, "" if p.row is None else str(p.row), p.field or "", p.check, p.message)
        table.add_row(*(safe(c) for c in cells))
    console.print(table)


@app.command()
def stamp(path: PathArg = None) -> None:
    """Recompute each resource's hash and bytes and rewrite the descriptor atomically."""
    from coprod_data.fileio import stamp as run

    try:
        changed = run(path)
    except CoprodDataError as exc:
        _fail(exc)
    typer.echo(f"stamped; changed: {', '.join(changed) if changed else 'none'}")


@app.command()
def figures(path: PathArg = None) -> None:
    """Rewrite the figure index (resource 'figures') from the fact resources, atomically.

    Run ``coprod-data stamp`` afterwards to record the new file's hash.
    """
    from coprod_data.checkdata import write_figure_index

    try:
        out, n = write_figure_index(path)
    except CoprodDataError as exc:
        _fail(exc)
    typer.echo(f"wrote {out} ({n} figures)")


@app.command()
def audit(
    fmt: Annotated[AuditFormat, typer.Option("--format", "-f", help="Output format.")] = AuditFormat.text,
    status: Annotated[Status | None, typer.Option("--status", help="Keep only this status.")] = None,
    document: Annotated[str | None, typer.Option("--document", help="Keep only this document id.")] = None,
    path: Annotated[Path | None, typer.Option("--package", help="Data package to audit.")] = None,
    view: Annotated[
        View, typer.Option("--view", help="figures: one row per figure and claim; checks: one row per check.")
    ] = View.figures,
) -> None:
    """Recompute every check declared in the package and give each figure and claim its verdict.

    The text report leads with the failed checks (the inconsistencies), then the checks
    that hold only under an assumption, then every figure and claim by status. Exits 0
    whatever the audit finds (finding discrepancies is its job); 2 only when it cannot run.
    """
    from coprod_data.auditing import CHECK_STATUSES, CHECKS, FIGURES, STATUSES, report_rows
    from coprod_data.render import crosstab, render
    from coprod_data.safety import printable

    st = status.value if status else None
    main = CHECKS if view is View.checks else FIGURES
    queries = [(main, st)] + ([(CHECKS, None)] if fmt is AuditFormat.text else [])
    try:
        if st is not None and st not in main[2]:
            raise CoprodDataError(f"unknown status {st!r}; choose from {', '.join(main[2])}", field="status")
        results = report_rows(path, queries=tuple(queries), document=document)
    except CoprodDataError as exc:
        _fail(exc)
    columns, rows = results[0]
    ccols, crows = results[-1]
    if fmt is not AuditFormat.text:
        typer.echo(render(columns, rows, fmt.value))
        return
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    checks = [dict(zip(ccols, row, strict=True)) for row in crows]
    docs = sorted({r["document_id"] for r in checks} | {r["document_id"] for r in records})
    failed = [c for c in checks if c["status"] == "discrepancy"]
    typer.echo(f"Audit: {len(checks)} checks, {len(failed)} failed.\n")
    typer.echo("Checks per document and verdict\n")
    typer.echo(
        crosstab([(c["document_id"], c["status"]) for c in checks], docs, CHECK_STATUSES)
        if checks
        else "(none)"
    )
    if view is View.figures:
        typer.echo("\nFigures and claims per document and status\n")
        typer.echo(
            crosstab([(r["document_id"], r["status"]) for r in records], docs, STATUSES)
            if records
            else "(no rows)"
        )
    for title, part in (
        ("failed checks", failed),
        ("checks that hold only under an assumption", [c for c in checks if c["status"] == "conditional"]),
    ):
        if part:
            typer.echo(f"\n== {title} ({len(part)}) ==")
            for c in part:
                extra = (
                    f" Condition: {c['reading']}." if c["reading"] and c["status"] == "conditional" else ""
                )
                where = f"[{c['document_id']} {c['section']}]"
                typer.echo(printable(f"- {c['check_id']} {where} {c['statement']} {c['detail']}{extra}"))
    if view is View.checks:
        return
    for s in STATUSES:
        part = [r for r in records if r["status"] == s]
        if part:
            typer.echo(f"\n== {s} ({len(part)}) ==")
            for r in part:
                typer.echo(
                    printable(
                        f"- {r['figure_id']} [{r['document_id']} {r['section']}] published {r['published']}; "
                        f"checks: {r['checks'] or 'none'}"
                    )
                )


@app.command()
def sql(
    query: Annotated[
        str,
        typer.Argument(
            help="One read-only SQL statement (SELECT, WITH, DESCRIBE, ...); '-' reads it from stdin."
        ),
    ],
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    path: Annotated[Path | None, typer.Option("--package", help="Data package to query.")] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0, help="Stop the query after this many seconds (0: no limit)."),
    ] = 60.0,
) -> None:
    """Run a read-only query over the tables and views and print the result.

    An error in the query, or a query stopped by --timeout, is one message and exit code 2.
    """
    from coprod_data.db import query_rows
    from coprod_data.render import render

    if query == "-":
        query = sys.stdin.read()
    try:
        columns, rows = query_rows(query, path, timeout=timeout or None)
    except CoprodDataError as exc:
        _fail(exc)
    typer.echo(render(columns, rows, fmt.value))


@app.command()
def export(
    target: Annotated[
        str, typer.Argument(help="A .duckdb file, or a folder (existing, or ending in /) for Parquet.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output.")] = False,
    path: Annotated[Path | None, typer.Option("--package", help="Data package to export.")] = None,
) -> None:
    """Write every table and view to a DuckDB file or a folder of Parquet files (atomically)."""
    from coprod_data.db import export as run

    try:
        out = run(target, force=force, path=path)
    except CoprodDataError as exc:
        _fail(exc)
    from coprod_data.safety import printable

    typer.echo(f"wrote {printable(out)}")


@app.command()
def ddl(
    path: PathArg = None,
    comments: Annotated[
        bool, typer.Option("--comments", help="Print the COMMENT ON script of the views instead.")
    ] = False,
) -> None:
    """Print the SQL script that creates and loads every table (paths relative to the package folder).

    The committed ``src/coprod_data/sql/000_tables.sql`` is this output for the bundled package;
    ``sql/990_comments.sql`` is the output with ``--comments``.
    """
    from coprod_data.ddl import build_tables_sql
    from coprod_data.package import read_package

    try:
        if comments:
            from coprod_data.db import comments_database, comments_script

            con = comments_database(path)
            try:
                typer.echo(comments_script(con, path), nl=False)
            finally:
                con.close()
            return
        typer.echo(build_tables_sql(read_package(path), relative=True), nl=False)
    except CoprodDataError as exc:
        _fail(exc)


@app.command()
def version() -> None:
    """Print the package (and data) version."""
    from coprod_data import __version__

    typer.echo(__version__)


EXIT_INTERRUPTED = 130


def main() -> None:
    """Console-script entry point.

    The command runs in a worker thread while the main thread waits, so that Ctrl-C is
    seen at once even while DuckDB is busy: running queries are interrupted, the worker
    gets a moment to remove its temporary files, and the command ends with one line and
    exit code 130 (a temporary file left by a run stopped harder is removed by the next run).
    """
    import os
    import threading

    outcome: dict[str, object] = {"code": EXIT_OK}

    def run() -> None:
        try:
            app()
        except SystemExit as exc:
            outcome["code"] = exc.code
        except CoprodDataError as exc:  # a last guard: user errors never show a traceback
            from coprod_data.safety import printable

            typer.echo(f"coprod-data: error: {printable(exc)}", err=True)
            outcome["code"] = EXIT_ERROR
        except KeyboardInterrupt:
            outcome["code"] = EXIT_INTERRUPTED
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="coprod-data", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        from coprod_data.db import interrupt_all

        interrupt_all()
        worker.join(2.0)
        sys.stdout.flush()
        typer.echo("coprod-data: interrupted", err=True)
        sys.stderr.flush()
        os._exit(EXIT_INTERRUPTED)
    if "error" in outcome:
        error = outcome["error"]
        assert isinstance(error, BaseException)
        raise error  # a bug of ours: show it
    code = outcome["code"]
    sys.exit(code if isinstance(code, int) else (0 if code is None else EXIT_ERROR))


if __name__ == "__main__":  # python -m coprod_data.cli
    main()
