"""Writes that fail part-way (a full disk, a refused write) leave nothing behind and say so.

Running as root, permissions cannot be relied on to refuse a write, so the failures are
injected where the operating system would raise them.
"""

from __future__ import annotations

import errno
import json
import os

import pytest

from coprod_data import fileio
from coprod_data.cli import run
from tests.clirunner import CliRunner

runner = CliRunner()


def cli(*args: str):
    return runner.invoke(run, list(args))


def full_disk(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_stamp_on_a_full_disk_keeps_the_old_descriptor(pkg_copy, monkeypatch):
    before = pkg_copy.read_bytes()
    monkeypatch.setattr(fileio.os, "fsync", full_disk)
    result = cli("stamp", str(pkg_copy))
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert pkg_copy.read_bytes() == before
    assert sorted(p.name for p in pkg_copy.parent.iterdir()) == ["datapackage.json", "resources"]


def test_refused_rename_keeps_the_old_file(pkg_copy, monkeypatch):
    before = pkg_copy.read_bytes()
    monkeypatch.setattr(
        fileio.os,
        "replace",
        lambda *a: (_ for _ in ()).throw(OSError(errno.EACCES, os.strerror(errno.EACCES))),
    )
    result = cli("stamp", str(pkg_copy))
    assert result.exit_code == 2 and "Permission denied" in result.output
    assert pkg_copy.read_bytes() == before
    assert not [p for p in pkg_copy.parent.iterdir() if p.name.endswith(".tmp")]


def test_export_failing_part_way_leaves_nothing(tmp_path, monkeypatch):
    from coprod_data import db

    real = db._build

    def failing_build(con, path=None):
        real(con, path)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(db, "_build", failing_build)
    result = cli("export", str(tmp_path / "out.duckdb"))
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert list(tmp_path.iterdir()) == []


def test_export_under_a_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = cli("export", str(blocker / "out.duckdb"))
    assert result.exit_code == 2 and "is not a folder" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["validate", "--colour"],
        ["sql"],
        ["audit", "--format"],
        ["export"],
        ["audit", "--status", "maybe"],
        ["validate", "a", "b"],
    ],
)
def test_bad_arguments_are_a_usage_message_and_exit_2(args):
    result = cli(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.startswith("usage: coprod-data") and "error: " in result.output


def test_validate_json_is_valid_json_even_for_a_broken_copy(pkg_copy):
    (pkg_copy.parent / "resources" / "regions.csv").write_bytes(b"\xff\xfe broken")
    result = cli("validate", str(pkg_copy), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.output)["valid"] is False
