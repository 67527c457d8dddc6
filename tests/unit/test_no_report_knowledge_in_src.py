"""No file under src/ names a figure, claim, check, document, question or item of the
bundled reports: that knowledge is data. The generated table script is the exception."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import coprod_data
from coprod_data.package import read_package

SRC = Path(coprod_data.__file__).resolve().parent
GENERATED = {"000_tables.sql"}


def report_ids() -> set[str]:
    """Ids of the reports' figures, claims, checks, documents and questions, and the
    dimension items (impacts, themes, regions, ...) their figures refer to; names that are
    also resource or field names (schema, not knowledge) are left out."""
    pkg = read_package()
    out: set[str] = set()
    for res in pkg.resources:
        keys = [f.name for f in res.fields if f.name in res.primary_key and f.type == "string"]
        if res.kind in {"fact", "register", "check", "dimension"} and keys:
            with res.file.open(encoding="utf-8", newline="") as fh:
                for rec in csv.DictReader(fh):
                    out.update(rec[k] for k in keys if rec[k])
    schema_names = {r.name for r in pkg.resources} | {f.name for r in pkg.resources for f in r.fields}
    return {i for i in out if len(i) > 3 and not i.isdigit()} - schema_names


def test_src_names_no_id_of_the_reports():
    ids = report_ids()
    assert {"und-att-text-all-pre", "att-11", "attitude_survey", "cl-proposals", "extend_reach"} <= ids
    pattern = re.compile(
        r"(?<![a-z0-9_.-])("
        + "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
        + r")(?![a-z0-9_-])"
    )
    found = []
    for path in sorted(SRC.rglob("*")):
        if path.suffix not in {".py", ".sql"} or path.name in GENERATED:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            # in Python only string literals can name data; in SQL any token can
            texts = re.findall(r"'[^']*'|\"[^\"]*\"", line) if path.suffix == ".py" else [line]
            for m in (m for t in texts for m in pattern.finditer(t)):
                found.append(f"{path.relative_to(SRC)}:{n}: {m.group(1)}")
    assert not found, "report knowledge in src/:\n" + "\n".join(found)


# The validation rules name no table or column of this package either: each resource declares
# its rules in coprod:rules. What the code may name is the vocabulary every package shares.
def _shared_vocabulary() -> set[str]:
    from coprod_data.package import CORE_FIELDS, CORE_RESOURCES, RULE_PARAMETERS

    core = set(CORE_RESOURCES) | {f for fields in CORE_FIELDS.values() for f in fields}
    parameters = {name for spec in RULE_PARAMETERS.values() for name, _, _ in spec} | {"where"}
    # fact_figures columns read through a resource's coprod:figure mapping; descriptor keys
    return core | parameters | {"value", "printed", "source_kind", "name"}


def _string_literals(source: str) -> list[tuple[int, str]]:
    """The string constants of Python source, docstrings left out."""
    import ast

    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def _schema_names_in(source: str, allowed: set[str]) -> list[tuple[int, str]]:
    pkg = read_package()
    names = {r.name for r in pkg.resources} | {f.name for r in pkg.resources for f in r.fields}
    return sorted((n, s) for n, s in _string_literals(source) if s in names - allowed)


def test_the_scan_finds_a_rule_written_in_code():
    # the way the rules were written before they moved into the descriptor
    old = (
        'SHARE_LISTS = {"best_feature_shares": ["group_id", "phase"]}\nuniques = {"x": ("value_position",)}\n'
    )
    assert _schema_names_in(old, _shared_vocabulary()) == [
        (1, "best_feature_shares"),
        (1, "group_id"),
        (2, "value_position"),
    ]


def test_the_validation_rules_name_no_table_or_column_of_this_package():
    allowed = _shared_vocabulary()
    found = _schema_names_in((SRC / "checks.py").read_text(encoding="utf-8"), allowed)
    assert not found, (
        f"checks.py names tables or columns of this package (declare them in coprod:rules): {found}"
    )
    # checkdata.py also builds the fact_figures view, whose columns are the audit's vocabulary
    from coprod_data.checkdata import FIGURE_COLUMNS, INDEX

    wider = allowed | {c for c, _ in FIGURE_COLUMNS} | {INDEX, "resource"}
    found = _schema_names_in((SRC / "checkdata.py").read_text(encoding="utf-8"), wider)
    assert not found, f"checkdata.py names tables or columns of this package: {found}"
