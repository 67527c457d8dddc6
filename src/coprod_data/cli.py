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


class Format(StrEnum):
    text = "text"
    json = "json"


def _fail(exc: CoprodDataError) -> None:
    typer.echo(f"coprod-data: error: {exc}", err=True)
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
    """Check a data package: Frictionless, pandera and the cross-table checks.

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
        typer.echo(report_json(report))
    else:
        _print_report(report)
    raise typer.Exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


def _print_report(report) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=True)
    head = f"{report.descriptor}: {report.resources} resources, {report.rows} rows"
    if report.ok:
        console.print(f"[green]valid[/green] {head}: no problems found.")
        return
    console.print(f"[red]invalid[/red] {head}: {len(report.problems)} problem(s).")
    table = Table(show_lines=False)
    for col in ("resource", "row", "field", "check", "message"):
        table.add_column(col, overflow="fold")
    for p in report.problems:
        table.add_row(p.resource, "" if p.row is None else str(p.row), p.field or "", p.check, p.message)
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
def version() -> None:
    """Print the package (and data) version."""
    from coprod_data import __version__

    typer.echo(__version__)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except CoprodDataError as exc:  # a last guard: user errors never show a traceback
        typer.echo(f"coprod-data: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":  # python -m coprod_data.cli
    main()
