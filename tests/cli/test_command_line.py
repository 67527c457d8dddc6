"""The command line itself: help, version, usage errors, and a reader that stops early."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from coprod_data import __version__
from coprod_data.cli import build_parser, run
from tests.clirunner import CliRunner
from tests.conftest import edit_cell

runner = CliRunner()
COMMANDS = ["validate", "stamp", "figures", "audit", "sql", "export", "ddl", "version"]


def test_help_lists_every_command_and_the_exit_codes():
    result = runner.invoke(run, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert f"\n    {command} " in result.stdout
    assert "Exit codes:" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_its_help(command):
    result = runner.invoke(run, [command, "--help"])
    assert result.exit_code == 0 and result.stdout.startswith(f"usage: coprod-data {command}")


def test_version_two_ways():
    assert runner.invoke(run, ["--version"]).stdout == f"coprod-data {__version__}\n"
    assert runner.invoke(run, ["version"]).stdout == f"{__version__}\n"


def test_no_command_prints_the_help_to_stderr_and_exits_2():
    result = runner.invoke(run, [])
    assert result.exit_code == 2 and result.stdout == "" and "COMMAND" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sql", "SELECT 1", "--timeout", "-1"], "argument --timeout: '-1' is below 0"),
        (["sql", "SELECT 1", "--timeout", "soon"], "argument --timeout: 'soon' is not a number"),
        (["sql", "SELECT 1", "--timeout", "nan"], "argument --timeout: 'nan' is below 0"),
        (["audit", "--view", "rows"], "argument --view: invalid choice: 'rows'"),
        (["audit", "--status", "great"], "argument --status: invalid choice: 'great'"),
        (["sql", "SELECT 1", "--timeout", "inf"], "argument --timeout: 'inf' is above 1e+06 seconds"),
        # a shortened option is not taken for the long one (typer refused them too)
        (["audit", "--pack", "x"], "unrecognized arguments: --pack x"),
        (["export", "out.duckdb", "--f"], "unrecognized arguments: --f"),
        (["audit", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_a_bad_option_value_is_named_with_the_option(args, message):
    result = runner.invoke(run, args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"usage: coprod-data {args[0]}") and message in result.stderr


def test_the_checks_view_refuses_a_status_only_figures_have():
    result = runner.invoke(run, ["audit", "--view", "checks", "--status", "involved"])
    assert result.exit_code == 2 and "unknown status 'involved'" in result.stderr


def test_every_subcommand_is_a_function_of_the_same_name():
    """The parser maps each command to the function that runs it, so a new command cannot be
    listed without a body."""
    parser = build_parser()
    for command in COMMANDS:
        args = [command, "x"] if command in {"sql", "export"} else [command]
        assert parser.parse_args(args).func.__name__ == command


def test_a_reader_that_stops_early_ends_the_command_quietly():
    """``coprod-data audit | head -1``: the reader is gone before the command writes (the read
    end of its standard output is closed first); the command stops with the shell's SIGPIPE
    status and writes nothing to standard error."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "coprod_data.cli", "audit", "--format", "json"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=300,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == 141 and proc.stderr == b""


@pytest.mark.parametrize(
    "args", [["audit", "--format", "csv"], ["validate"], ["--help"], ["sql", "SELECT 1"], ["version"]]
)
def test_output_to_a_full_disk_is_one_message_and_exit_2(args):
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "coprod_data.cli", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    assert proc.returncode == 2
    assert proc.stderr == "coprod-data: error: cannot write to standard output: No space left on device\n"


def test_a_query_on_stdin_that_is_not_utf8_is_one_message():
    proc = subprocess.run(
        [sys.executable, "-m", "coprod_data.cli", "sql", "-"],
        input=b"SELECT '\xff'",
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == 2 and proc.stderr.count(b"\n") == 1
    assert proc.stderr.startswith(b"coprod-data: error: the query") and b"not valid UTF-8" in proc.stderr


def test_sql_dash_without_stdin_is_one_message():
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.stdin = None; from coprod_data.cli import run; print(run(['sql', '-']))",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.stdout == "2\n" and "no standard input to read the query from" in proc.stderr


def test_validate_text_report_keeps_the_terminal_width(pkg_copy):
    """The report is rendered into a string before it is written; its table still takes the
    terminal's width (COLUMNS here), folding long messages to fit."""
    edit_cell(pkg_copy, "counts", "cnt-att-respondents-pre", "qualifier", "roughly")
    for width in (60, 200):
        result = runner.invoke(run, ["validate", str(pkg_copy)], env={"COLUMNS": str(width)})
        assert result.exit_code == 1 and "roughly" in result.stdout
        table = [line for line in result.stdout.splitlines() if line[:1] in "┏┃┡│└"]
        assert table and max(len(line) for line in table) <= width
