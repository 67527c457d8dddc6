"""What validate checks is what every command reads: the same verdict, the same values,
the same file, one message naming file, row and field; and a bounded report on huge bad input."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

import coprod_data
import coprod_data.table
from coprod_data.cli import run
from coprod_data.fileio import stamp
from tests.clirunner import CliRunner
from tests.conftest import edit_cell

runner = CliRunner()


def cli(*args: str):
    return runner.invoke(run, list(args))


def test_a_decimal_in_an_integer_field_is_refused_by_audit_with_one_message(pkg_copy):
    line = edit_cell(pkg_copy, "response_rates", "rr-london-adjusted", "value_pct", "28.6")
    assert cli("validate", str(pkg_copy)).exit_code == 1
    for args in (("audit",), ("sql", "SELECT 1"), ("export", str(pkg_copy.parent / "out.duckdb"))):
        result = cli(*args, "--package", str(pkg_copy))
        assert result.exit_code == 2, args
        assert f"resources/response_rates.csv, row {line}, field 'value_pct'" in result.output
        assert "'28.6'" in result.output and "Traceback" not in result.output
    assert not (pkg_copy.parent / "out.duckdb").exists()


def test_the_refusal_says_how_many_more_problems_there_are(pkg_copy):
    edit_cell(pkg_copy, "response_rates", "rr-london-adjusted", "value_pct", "28.6", restamp=False)
    edit_cell(pkg_copy, "regions", "london", "gss_code", "X", restamp=False)
    stamp(pkg_copy)
    found = coprod_data.validate(pkg_copy).problems
    result = cli("audit", "--package", str(pkg_copy))
    assert result.exit_code == 2
    assert f"and {len(found) - 1} more problem(s)" in result.output


def test_line_endings_get_one_answer_mixed_or_not(pkg_copy):
    """One CRLF line among LF lines is refused by every command alike (DuckDB's CLI reading
    the committed 000_tables.sql could not read it); CRLF throughout is read as LF."""
    path = pkg_copy.parent / "resources" / "claims.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] += b"\r"
    path.write_bytes(b"\n".join(lines))
    stamp(pkg_copy)
    report = coprod_data.validate(pkg_copy)
    assert [(p.resource, p.row, p.check) for p in report.problems] == [("claims", 4, "line-ending")]
    result = cli("audit", "--package", str(pkg_copy))
    assert result.exit_code == 2 and "line ending" in result.output
    assert "state machine" not in result.output

    path.write_bytes(b"\n".join(lines).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    stamp(pkg_copy)
    assert coprod_data.validate(pkg_copy).ok
    assert cli("sql", "SELECT count(*) FROM claims", "--package", str(pkg_copy)).exit_code == 0
    assert coprod_data.load("claims", pkg_copy).equals(coprod_data.load("claims"))


def test_the_database_holds_the_file_that_was_checked_even_with_glob_characters(pkg_copy):
    folder = pkg_copy.parent / "resources"
    shutil.copy(folder / "regions.csv", folder / "[r]egions.csv")
    edit_cell(pkg_copy, "regions", "london", "label", "Not the checked file")  # resources/regions.csv
    d = json.loads(pkg_copy.read_text(encoding="utf-8"))
    (entry,) = [r for r in d["resources"] if r["name"] == "regions"]
    entry["path"] = "resources/[r]egions.csv"
    pkg_copy.write_text(json.dumps(d), encoding="utf-8")
    stamp(pkg_copy)
    assert coprod_data.validate(pkg_copy).ok
    result = cli(
        "sql", "SELECT label FROM regions WHERE region_id = 'london'", "--package", str(pkg_copy), "-f", "csv"
    )
    assert result.exit_code == 0 and result.output.splitlines()[1] == "London"


def test_a_dangling_foreign_key_is_refused_by_load_and_connect_too(pkg_copy):
    edit_cell(pkg_copy, "impact_ratings", "imp-cc-post-culture_thrive", "impact_id", "culture_thrives")
    assert not coprod_data.validate(pkg_copy).ok
    for call in (lambda: coprod_data.load("impacts", pkg_copy), lambda: coprod_data.connect(path=pkg_copy)):
        try:
            call()
        except coprod_data.CoprodDataError as exc:
            assert "impact_ratings.csv" in str(exc) and "foreign-key" in str(exc)
        else:
            raise AssertionError("accepted a package validate refuses")


def _bad_counts(pkg_copy, n: int) -> None:
    """Replace counts.csv with n rows, each with a bad integer and a bad enum value."""
    path = pkg_copy.parent / "resources" / "counts.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header, template = rows[0], rows[1]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for i in range(n):
        row = list(template)
        row[header.index("figure_id")] = f"bad-{i}"
        row[header.index("value")] = f"{i}.5"
        row[header.index("phase")] = "during"
        writer.writerow(row)
    path.write_text(buf.getvalue(), encoding="utf-8")
    stamp(pkg_copy)


def test_millions_of_bad_rows_give_a_capped_report_that_counts_the_rest(pkg_copy):
    n, cap = 30_000, 20  # the cap: coprod_data.table.LIMIT per resource, field and check
    _bad_counts(pkg_copy, n)
    report = coprod_data.validate(pkg_copy)
    counts = [p for p in report.problems if p.resource == "counts"]
    kinds: dict[tuple, int] = {}
    for p in counts:
        kinds[(p.field, p.check)] = kinds.get((p.field, p.check), 0) + 1
    assert kinds[("value", "type")] == cap and kinds[("phase", "constraint:enum")] == cap
    (summary,) = [p for p in counts if p.check == "limit"]
    assert f"{n - cap:,} type in field 'value'" in summary.message
    assert f"{n - cap:,} constraint:enum in field 'phase'" in summary.message
    assert report.omitted >= 2 * (n - cap)
    assert len(report.problems) < 200
    result = cli("validate", str(pkg_copy), "--format", "json")
    assert result.exit_code == 1 and len(result.output) < 100_000
    assert json.loads(result.output)["omitted"] == report.omitted
    assert cap == coprod_data.table.LIMIT


def _no_frictionless(*_args, **_kwargs):
    raise AssertionError("Frictionless was run")


def test_frictionless_is_not_run_on_a_package_the_core_refuses(pkg_copy, monkeypatch):
    import frictionless

    edit_cell(pkg_copy, "counts", "cnt-att-respondents-pre", "value", "many")
    monkeypatch.setattr(frictionless, "validate", _no_frictionless)
    report = coprod_data.validate(pkg_copy)
    assert [(p.check, p.field) for p in report.problems] == [("type", "value")]


def test_frictionless_is_asked_once_per_content(pkg_copy, monkeypatch, tmp_path):
    import frictionless

    asked = []
    real = frictionless.validate

    def counting(*args, **kwargs):
        asked.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(frictionless, "validate", counting)
    monkeypatch.setenv("COPROD_DATA_CACHE", str(tmp_path / "cache"))
    assert coprod_data.validate(pkg_copy).ok and len(asked) == 1  # Frictionless finds nothing
    assert coprod_data.validate(pkg_copy).ok and len(asked) == 1  # the same bytes: remembered
    edit_cell(pkg_copy, "proposals", "change_management", "summary", "Another summary")
    assert coprod_data.validate(pkg_copy).ok and len(asked) == 2  # new content: asked again
    monkeypatch.setenv("COPROD_DATA_CACHE", "off")
    assert coprod_data.validate(pkg_copy).ok and len(asked) == 3  # no cache folder, no memo


DESCRIPTOR_EDITS = {
    "created is not a date": lambda d: d.update(created="not-a-date"),
    "a license name is not text": lambda d: d["licenses"][0].update(name=5),
    "a file is said to be semicolon-separated": lambda d: d["resources"][0].update(
        dialect={"delimiter": ";"}
    ),
    "a file is said to be Latin-1": lambda d: d["resources"][0].update(encoding="latin-1"),
    "a field's true values differ": lambda d: next(
        f for r in d["resources"] for f in r["schema"]["fields"] if f["type"] == "boolean"
    ).update(trueValues=["yes"]),
}


@pytest.mark.parametrize("edit", list(DESCRIPTOR_EDITS))
def test_what_frictionless_finds_in_a_descriptor_every_command_refuses(pkg_copy, edit):
    d = json.loads(pkg_copy.read_text(encoding="utf-8"))
    DESCRIPTOR_EDITS[edit](d)
    pkg_copy.write_text(json.dumps(d), encoding="utf-8")
    report = coprod_data.validate(pkg_copy)
    assert not report.ok and report.problems[0].check == "descriptor", report.to_text()
    result = cli("audit", "--package", str(pkg_copy))
    assert result.exit_code == 2 and "[descriptor]" in result.output
