"""Build-time pages generated from the data package itself, so they cannot drift from it."""

from __future__ import annotations

from pathlib import Path

import mkdocs_gen_files

from coprod_data.package import read_package
from coprod_data.table import read_table

ROOT = Path(__file__).resolve().parent.parent
pkg = read_package(ROOT / "datapackage.json")


def _md(value: object) -> str:
    text = "" if value is None else str(value)
    if text in {"<NA>", "nan", "None"}:
        text = ""
    return text.replace("|", "\\|").replace("\n", " ")


def _constraints(f) -> str:
    parts = []
    for key, val in f.constraints.items():
        if key == "enum":
            parts.append("one of " + ", ".join(f"`{v}`" for v in val))
        elif val is True:
            parts.append(key)
        else:
            parts.append(f"{key} `{val}`")
    return "; ".join(parts)


index = [
    "# Data dictionary",
    "",
    f"Generated from `datapackage.json` (version {pkg.version}) at build time.",
    "",
    "| resource | kind | rows | description |",
    "| --- | --- | --- | --- |",
]
for res in pkg.resources:
    frame, _ = read_table(res)
    index.append(f"| [{res.name}]({res.name}.md) | {res.kind} | {len(frame)} | {_md(res.description)} |")
    lines = [
        f"# {res.title}",
        "",
        f"`{res.path}` · {res.kind} · {len(frame)} rows",
        "",
        _md(res.description),
        "",
    ]
    if res.primary_key:
        lines.append(f"**Primary key:** {', '.join(f'`{k}`' for k in res.primary_key)}")
        lines.append("")
    if res.foreign_keys:
        lines.append(
            "**Foreign keys:** "
            + "; ".join(
                f"`{', '.join(fk.fields)}` → [{fk.resource}]({fk.resource}.md)" for fk in res.foreign_keys
            )
        )
        lines.append("")
    lines += [
        "## Fields",
        "",
        "| field | type | unit | constraints | description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in res.fields:
        lines.append(
            f"| `{f.name}` | {f.type} | {_md(f.unit)} | {_md(_constraints(f))} | {_md(f.description)} |"
        )
    lines += [
        "",
        "## First rows",
        "",
        "| " + " | ".join(res.field_names) + " |",
        "| " + " | ".join("---" for _ in res.fields) + " |",
    ]
    for rec in frame.head(5).itertuples(index=False):
        lines.append("| " + " | ".join(_md(v) for v in rec) + " |")
    with mkdocs_gen_files.open(f"dictionary/{res.name}.md", "w") as fh:
        fh.write("\n".join(lines) + "\n")
with mkdocs_gen_files.open("dictionary/index.md", "w") as fh:
    fh.write("\n".join(index) + "\n")
with mkdocs_gen_files.open("changelog.md", "w") as fh:
    fh.write((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
