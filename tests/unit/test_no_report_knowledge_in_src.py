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
