"""Build-time pages generated from the data package itself, so they cannot drift from it.

Data dictionary, rows, figure audit, sources, SQL cookbook (queries run now) and charts.
"""

from __future__ import annotations

import io
import json
import re
import sys
import tempfile
import zipfile
from pathlib import Path

import mkdocs_gen_files
import pandas as pd
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _charts
import _sqldocs

from coprod_data.auditing import CHECK_STATUSES, STATUS_MEANINGS, STATUSES, audit, checks
from coprod_data.checkdata import INTERNAL_SCHEMA
from coprod_data.db import EXPORT_STORAGE_VERSION, connect, export, view_files
from coprod_data.package import read_package
from coprod_data.paths import sql_dir
from coprod_data.table import read_table

ROOT = Path(__file__).resolve().parent.parent
pkg = read_package(ROOT / "datapackage.json")
frames = {res.name: read_table(res)[0] for res in pkg.resources}
FACTS = [r.name for r in pkg.resources if r.kind == "fact"]
con = connect(path=ROOT / "datapackage.json")
audit_df = audit(ROOT / "datapackage.json")
checks_df = checks(ROOT / "datapackage.json")
failed_df = checks_df[checks_df.status == "discrepancy"]  # the failed checks, listed on the audit page
conditional_df = checks_df[checks_df.status == "conditional"]
DOC_TITLES = dict(zip(frames["documents"]["document_id"], frames["documents"]["title"], strict=True))
resource_of = {fid: name for name in FACTS for fid in frames[name]["figure_id"]}


class Html(str):
    """Markup this script writes itself: put in a table as it is, not escaped."""


def md(value: object) -> str:
    if isinstance(value, Html):
        return str(value)
    if hasattr(value, "tolist") and not isinstance(value, str | float | int):
        value = value.tolist()  # a DuckDB list column arrives as an array
    if isinstance(value, list | tuple):
        return ", ".join(md(v) for v in value)
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 57, not 57.0
    text = str(value)
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\n", " ")
        .replace("<", "&lt;")
        .replace("*", "\\*")
    )


def table(df: pd.DataFrame) -> str:
    head = "| " + " | ".join(md(c) for c in df.columns) + " |"
    rule = "| " + " | ".join("---" for _ in df.columns) + " |"
    body = ["| " + " | ".join(md(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def write(path: str, text: str) -> None:
    with mkdocs_gen_files.open(path, "w") as fh:
        fh.write(text.rstrip() + "\n")


def badge(status: str) -> str:
    return Html(f'<span class="status status-{status}">{status.replace("_", " ")}</span>')


CLAIM_IDS = set(frames["claims"]["claim_id"])


def figure_page(figure_id: str) -> str | None:
    """The page of a figure (its fact resource) or claim (the claims register)."""
    return resource_of.get(figure_id) or ("claims" if figure_id in CLAIM_IDS else None)


def figure_link(figure_id: str, prefix: str = "") -> str:
    page = figure_page(figure_id)
    return f"[{figure_id}]({prefix}figures/{page}.md#{figure_id})" if page else figure_id


def row_link(figure_id: str, prefix: str = "") -> str:
    return figure_link(figure_id, prefix)


CHECK_KIND = dict(zip(checks_df["check_id"], checks_df["kind"], strict=True))


def check_link(check_id: str, prefix: str = "../") -> str:
    """A link to the check's own section on the page of its kind."""
    return f"[{check_id}]({prefix}checks/{CHECK_KIND[check_id]}.md#{check_id})"


def links(ids: object) -> Html:
    if ids is None or (not isinstance(ids, str) and pd.isna(ids)):
        return Html("")
    return Html(", ".join(row_link(x) for x in str(ids).split()))


def code(text: object) -> Html:
    return Html(f"`{text}`")


def anchor(ident: object, shown: object = None) -> Html:
    return Html(f'<a id="{ident}"></a>`{ident if shown is None else shown}`')


# ---------------------------------------------------------------- relations in the database
SQL_FILES = [sql_dir() / "000_tables.sql", *view_files()]
SQL_DOCS = _sqldocs.read_all(SQL_FILES)
RESOURCES = {res.name: res for res in pkg.resources}
# every table and view of the database, in whatever schema it lives: name -> (schema, kind)
RELATIONS: dict[str, tuple[str, str]] = {
    str(n): (str(sch), "view" if t == "VIEW" else "table")
    for sch, n, t in con.execute(
        "SELECT table_schema, table_name, table_type FROM information_schema.tables "
        "WHERE table_catalog = current_database() ORDER BY table_schema = 'main' DESC, table_name"
    ).fetchall()
}


def rel(name: str) -> str:
    """The relation ``name`` as a qualified SQL name, wherever a later version keeps it."""
    schema, _kind = RELATIONS[name]
    return f'"{schema}"."{name}"'


def db_comments() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Comments stored in the database (COMMENT ON), if the build sets any."""
    tables: dict[str, str] = {}
    columns: dict[tuple[str, str], str] = {}
    for q in (
        "SELECT table_name, comment FROM duckdb_tables()",
        "SELECT view_name, comment FROM duckdb_views()",
    ):
        tables.update({str(n): str(c) for n, c in con.execute(q).fetchall() if c})
    rows = con.execute("SELECT table_name, column_name, comment FROM duckdb_columns()").fetchall()
    columns.update({(str(t), str(c)): str(x) for t, c, x in rows if x})
    return tables, columns


TABLE_COMMENTS, COLUMN_COMMENTS = db_comments()


def view_link(name: str, prefix: str = "../") -> str:
    return f"[`{name}`]({prefix}views/{name}.md)" if name in RELATIONS else f"`{name}`"


# ---------------------------------------------------------------- downloads
def write_bytes(path: str, data: bytes) -> None:
    with mkdocs_gen_files.open(path, "wb") as fh:
        fh.write(data)


ZIP_NAME = f"coprod-data-{pkg.version}.zip"
DUCKDB_NAME = f"coprod-data-{pkg.version}.duckdb"
downloads: dict[str, dict[str, int]] = {}
with tempfile.TemporaryDirectory(prefix="coprod-site-") as tmpdir:
    tmp = Path(tmpdir)
    for res in pkg.resources:
        csv_bytes = res.file.read_bytes()
        write_bytes(f"downloads/{res.name}.csv", csv_bytes)
        target = tmp / f"{res.name}.parquet"
        con.execute(f"COPY (SELECT * FROM {rel(res.name)}) TO '{target}' (FORMAT parquet)")
        write_bytes(f"downloads/{res.name}.parquet", target.read_bytes())
        downloads[res.name] = {"csv": len(csv_bytes), "parquet": target.stat().st_size}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(pkg.descriptor, "datapackage.json")
        for res in pkg.resources:
            zf.write(res.file, res.path)
        for extra in ("LICENSE", "CITATION.cff", "README.md"):
            if (ROOT / extra).is_file():
                zf.write(ROOT / extra, extra)
    write_bytes(f"downloads/{ZIP_NAME}", buffer.getvalue())
    db_file = export(tmp / DUCKDB_NAME, path=pkg.descriptor)
    write_bytes(f"downloads/{DUCKDB_NAME}", db_file.read_bytes())
    WHOLE = {"zip": len(buffer.getvalue()), "duckdb": db_file.stat().st_size}


def size(n: int) -> str:
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


write(
    "downloads.md",
    "\n".join(
        [
            "# Downloads",
            "",
            f"Everything below was written by the build of this site from version {pkg.version} of the package.",
            "",
            "## The whole package",
            "",
            f"- [{ZIP_NAME}](downloads/{ZIP_NAME}) ({size(WHOLE['zip'])}): `datapackage.json` and every "
            "resource as CSV, with the licence and citation file; any Frictionless reader opens it.",
            f"- [{DUCKDB_NAME}](downloads/{DUCKDB_NAME}) ({size(WHOLE['duckdb'])}): every table and view in one "
            f"DuckDB database, storage format {EXPORT_STORAGE_VERSION} (opens in DuckDB 1.0 and later: "
            f"`duckdb {DUCKDB_NAME}`).",
            "",
            "## Each resource",
            "",
            '<div class="datatable" markdown>',
            "",
            "| resource | kind | rows | CSV | Parquet |",
            "| --- | --- | --- | --- | --- |",
            *[
                f"| [{r.name}](dictionary/{r.name}.md) | {r.kind} | {len(frames[r.name])} "
                f"| [{r.name}.csv](downloads/{r.name}.csv) ({size(downloads[r.name]['csv'])}) "
                f"| [{r.name}.parquet](downloads/{r.name}.parquet) ({size(downloads[r.name]['parquet'])}) |"
                for r in pkg.resources
            ],
            "",
            "</div>",
        ]
    ),
)


# ---------------------------------------------------------------- data dictionary and rows
def verbatim(value: object) -> Html:
    """``value`` in code, exactly as written: no character is read as Markdown or HTML."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if text == "":
        return Html('<code>""</code> (an empty cell)')
    return Html(
        "<code>" + "".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in text) + "</code>"
    )


def constraints(f, has_categories: bool = False) -> str:
    parts = []
    for key, val in f.constraints.items():
        if key == "enum" and has_categories:
            continue  # the categories list the same values, with their labels
        if key == "enum":
            parts.append("one of " + ", ".join(verbatim(v) for v in val))
        elif val is True:
            parts.append(key)
        else:
            parts.append(f"{key} {verbatim(val)}")
    return "; ".join(parts)


def categories(raw_field: dict) -> str:
    """Data Package v2 ``categories``: values, or objects with a value and a label."""
    cats = raw_field.get("categories")
    if not cats:
        return ""
    shown = []
    for c in cats:
        if isinstance(c, dict):
            shown.append(verbatim(c.get("value")) + (f" ({md(c['label'])})" if c.get("label") else ""))
        else:
            shown.append(verbatim(c))
    ordered = " (ordered)" if raw_field.get("categoriesOrdered") else ""
    return "categories" + ordered + ": " + ", ".join(shown)


def licence_text(lics: list) -> str:
    out = []
    for lic in lics or []:
        name = lic.get("title") or lic.get("name") or lic.get("path", "")
        out.append(f"[{md(lic.get('name') or name)}]({lic['path']})" if lic.get("path") else md(name))
    return ", ".join(out)


def source_text(src: dict) -> str:
    title = md(src.get("title", ""))
    where = src.get("path") or src.get("url")
    if where and str(where).startswith(("http://", "https://")):
        return f"[{title}]({where})"
    return title + (f" (`{where}`)" if where else "")


def sources_of(raw_res: dict) -> list[str]:
    return [source_text(s) for s in raw_res.get("sources", [])]


RAW = {r["name"]: r for r in pkg.raw["resources"]}
PKG_DIALECT = pkg.raw.get("dialect")
PKG_MISSING = pkg.raw.get("missingValues")


def rule_text(rule) -> str:
    """One declared cross-row rule in words: its kind and the parameters given or defaulted."""

    def shown(value) -> str:
        if isinstance(value, dict):
            return " and ".join(
                f"`{k}` is " + " or ".join(verbatim(v) for v in vs) for k, vs in value.items()
            )
        if isinstance(value, tuple):
            return ", ".join(f"`{v}`" for v in value) or "(none: one list)"
        return f"`{value}`"

    params = "; ".join(f"{name} {shown(v)}" for name, v in rule.params.items() if v is not None)
    return f"`{rule.kind}`: {params}"


def value_field(res) -> str | None:
    mapping = RAW[res.name].get("coprod:figure")
    if mapping is None:
        return "published" if "published" in res.field_names else None
    val = mapping.get("value", "value")
    return val if isinstance(val, str) and val in res.field_names else None


def reading_order(res) -> list[str]:
    """Columns with the key first and the value (and its printing) beside it, in view at any width."""
    key = res.primary_key[0] if res.primary_key else res.field_names[0]
    first = [key]
    val = value_field(res)
    for extra in (val, "value" if val == "published" else None, "printed", "unit"):
        if extra and extra in res.field_names and extra not in first:
            first.append(extra)
    return first + [c for c in res.field_names if c not in first]


def datatable(df: pd.DataFrame) -> str:
    return f'<div class="datatable" markdown>\n\n{table(df)}\n\n</div>'


index = [
    "# Data dictionary",
    "",
    f"Generated from `datapackage.json` (version {pkg.version}) when this site was built. "
    f"Every resource can be [downloaded](../downloads.md) as CSV or Parquet, the whole package as a zip "
    f"or a DuckDB database.",
    "",
]
meta = []
if isinstance(PKG_DIALECT, dict):
    meta.append(
        "**CSV dialect (every resource unless it says otherwise):** "
        + "; ".join(f"{k} {verbatim(v)}" for k, v in PKG_DIALECT.items())
    )
if PKG_MISSING is not None:
    meta.append(
        "**Missing values:** "
        + (", ".join(verbatim(v if isinstance(v, str) else v.get("value")) for v in PKG_MISSING) or "none")
    )
if pkg.raw.get("licenses"):
    meta.append("**Licence:** " + licence_text(pkg.raw["licenses"]))
index += [*(m + "\n" for m in meta)]
index += [
    '<div class="datatable" markdown>',
    "",
    "| resource | kind | rows | description |",
    "| --- | --- | --- | --- |",
]
for res in pkg.resources:
    frame = frames[res.name]
    raw = RAW[res.name]
    index.append(f"| [{res.name}]({res.name}.md) | {res.kind} | {len(frame)} | {md(res.description)} |")
    lines = [
        f"# {res.title}",
        "",
        f"`{res.name}` · `{res.path}` · {res.kind} · {len(frame)} rows · [all rows](../rows/{res.name}.md)",
        "",
        md(res.description),
        "",
        f"**Download:** [CSV](../downloads/{res.name}.csv) ({size(downloads[res.name]['csv'])}) · "
        f"[Parquet](../downloads/{res.name}.parquet) ({size(downloads[res.name]['parquet'])}) · "
        f"[whole package, zip](../downloads/{ZIP_NAME}) · [DuckDB database](../downloads/{DUCKDB_NAME}) · "
        f"in SQL: [table `{res.name}`](../views/{res.name}.md)",
        "",
    ]
    if res.primary_key:
        lines += [f"**Primary key:** {', '.join(f'`{k}`' for k in res.primary_key)}", ""]
    if res.foreign_keys:
        refs = "; ".join(
            f"`{', '.join(fk.fields)}` → [{fk.resource}]({fk.resource}.md)" for fk in res.foreign_keys
        )
        lines += [f"**Foreign keys:** {refs}", ""]
    dialect = raw.get("dialect") or PKG_DIALECT
    if isinstance(dialect, dict):
        lines += ["**CSV dialect:** " + "; ".join(f"{k} {verbatim(v)}" for k, v in dialect.items()), ""]
    missing = raw.get("schema", {}).get("missingValues", PKG_MISSING)
    if missing is not None:
        shown = ", ".join(verbatim(v if isinstance(v, str) else v.get("value")) for v in missing) or "none"
        lines += [f"**Missing values:** {shown}", ""]
    if raw.get("licenses") or pkg.raw.get("licenses"):
        lines += ["**Licence:** " + licence_text(raw.get("licenses") or pkg.raw["licenses"]), ""]
    if raw.get("sources"):
        lines += ["**Sources:**", "", *[f"- {s}" for s in sources_of(raw)], ""]
    if "document_id" in frame.columns and "section" in frame.columns:
        prov = frame.groupby(["document_id", "section"], observed=True).size().reset_index(name="rows")
        lines += [
            "## Provenance",
            "",
            "Rows per document and section of the reports.",
            "",
            datatable(prov),
            "",
        ]
    if "source_kind" in frame.columns:
        kinds = frame.groupby("source_kind", observed=True).size().reset_index(name="rows")
        lines += ["Rows per source kind (text, table that lost its grid, chart data):", "", table(kinds), ""]
    if res.rules:
        lines += [
            "## Cross-row rules",
            "",
            "Declared in the resource's `coprod:rules` and checked by `coprod-data validate` "
            "(kinds and parameters: [Audit your own report](../own-report.md#4-cross-row-rules-coprodrules)).",
            "",
            *[f"- {rule_text(rule)}" for rule in res.rules],
            "",
        ]
    kinds = raw.get("coprod:kinds")
    if isinstance(kinds, dict) and kinds:
        rows = [
            f"| `{kind}` | {', '.join(f'`{r}`' for r in spec.get('relations', [])) or 'none'} "
            f"| {', '.join(f'`{t}`' for t in spec.get('terms', []))} |"
            for kind, spec in kinds.items()
        ]
        lines += [
            "## Check kinds",
            "",
            "Declared in the resource's `coprod:kinds`: the relations each kind takes and the member "
            "terms it allows; `coprod-data validate` reports a row that does not fit.",
            "",
            "| kind | relations | member terms |",
            "| --- | --- | --- |",
            *rows,
            "",
        ]
    raw_fields = {f["name"]: f for f in raw.get("schema", {}).get("fields", [])}
    lines += [
        "## Fields",
        "",
        '<div class="datatable" markdown>',
        "",
        "| field | type | unit | constraints | description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in res.fields:
        rf = raw_fields.get(f.name, {})
        extra = [constraints(f, bool(rf.get("categories"))), categories(rf)]
        if rf.get("missingValues") is not None:
            extra.append("missing values: " + (", ".join(verbatim(v) for v in rf["missingValues"]) or "none"))
        if rf.get("format") and rf.get("format") != "default":
            extra.append(f"format {verbatim(rf['format'])}")
        lines.append(
            f"| `{f.name}` | {f.type} | {md(f.unit)} | {'; '.join(e for e in extra if e)} | {md(f.description)} |"
        )
    lines += ["", "</div>", "", "## First rows", "", table(frame.head(5)[reading_order(res)]), ""]
    write(f"dictionary/{res.name}.md", "\n".join(lines))

    key = res.primary_key[0] if res.primary_key else res.field_names[0]
    shown = frame[reading_order(res)].copy()
    if res.kind == "fact" or res.name == "claims":
        shown[key] = [Html(f'<a id="{v}"></a>{figure_link(v, "../")}') for v in shown[key]]
    else:
        shown[key] = [anchor(v) for v in shown[key]]
    write(
        f"rows/{res.name}.md",
        "---\nhide:\n  - navigation\n  - toc\n---\n\n"
        f"# {res.name}: all rows\n\n[Data dictionary](../dictionary/{res.name}.md) · "
        f"`{res.path}` · {len(frame)} rows · [CSV](../downloads/{res.name}.csv) · "
        f"[Parquet](../downloads/{res.name}.parquet)\n\n"
        "Click a column's heading to sort by it; type in the box to keep the rows that contain the text.\n\n"
        + datatable(shown),
    )
index += ["", "</div>"]
write("dictionary/index.md", "\n".join(index))


# ---------------------------------------------------------------- the audit
summary = pd.crosstab(audit_df["document_id"], audit_df["status"])
summary = summary.reindex(columns=[s for s in STATUSES if s in summary.columns], fill_value=0)
status_chart = _charts.status_bars(summary, "Audit status of every published figure and claim")
with mkdocs_gen_files.open("charts/audit_status.svg", "w") as fh:
    fh.write(status_chart)

lines = [
    "# Figure audit",
    "",
    "Every figure the three reports publish, and every claim of the claims register, set beside its "
    "recomputation. Generated from the `figure_audit` view when this site was built.",
    "",
    '<figure markdown="span">',
    '<img src="../charts/audit_status.svg" alt="Stacked bars of audit status per document: '
    + "; ".join(
        f"{DOC_TITLES[d]}: "
        + ", ".join(f"{int(summary.loc[d, s])} {s.replace('_', ' ')}" for s in summary.columns)
        for d in summary.index
    )
    + '" width="700">',
    "<figcaption>Audit status per document. Source: view <code>figure_audit</code>.</figcaption>",
    "</figure>",
    "",
    "| status | meaning |",
    "| --- | --- |",
    *[f"| {badge(st)} | {STATUS_MEANINGS[st]} |" for st in STATUSES],
    "",
    "Every verdict comes from a check declared in the package (resources `checks` and `check_members`): "
    "the table `audit_checks` has one row per check, its verdict, the assumption a conditional verdict rests on, "
    "the recomputed numbers and the check's strength (`pass_chance`: the chance that values drawn at random at "
    "the printed precision would pass; near 1 a pass says nothing). A figure that takes part in a failed check "
    "is *involved*; only what a failed check singles out is a discrepancy.",
    "",
    "In Python, `coprod_data.audit()` returns `figure_audit` and `coprod_data.audit_checks()` returns "
    "`audit_checks`, both with typed columns (an ordered categorical `status`, numbers as numbers, ids as "
    "strings). Beside the text, each figure's row carries the numbers of the check that decides its status: "
    "`n_checks` and `n_failed_checks` (how many checks judge it, how many failed), `deciding_check` (the "
    "first judging check in the order discrepancy, conditional it asserts, reproduced, conditional, within "
    "rounding), and that check's `check_published_value`, `check_recomputed_value`, `check_recomputed_lo` "
    "and `check_recomputed_hi` (the range the printed figures allow), `check_base_lo` and `check_base_hi` "
    "(the bases that fit) and `check_pass_chance`. These are the check's numbers, for the quantity it tests "
    "(a list's total, a change, another printing), not necessarily the figure's own value.",
    "",
    "What the figures support beside the verdicts: [`figure_intervals`](views/figure_intervals.md) gives a "
    "Wilson 95% interval for each percentage whose base a check knows or bounds (the union over every base "
    "and count allowed), and [`change_intervals`](views/change_intervals.md) gives each pre/post change its "
    "Newcombe interval as two independent samples and, where the same people answered twice (design "
    "`repeated`), the range over every pairing the margins permit, with McNemar's z. Their pages give the "
    "formulas; significance checks are judged on both designs.",
    "",
    "## Counts",
    "",
    table(summary.assign(all=summary.sum(axis=1)).reset_index()),
    "",
    "## Failed checks",
    "",
    "The inconsistencies: each failed check once, with the figures and claims it touches.",
    "",
    datatable(
        pd.DataFrame(
            {
                "check": [Html(check_link(c, "")) for c in failed_df.check_id],
                "document": failed_df.document_id,
                "what it tests": failed_df.statement,
                "detail": failed_df.detail,
                "rows": [
                    links(" ".join(list(f) + list(c)))
                    for f, c in zip(
                        failed_df.figure_ids,
                        failed_df.claim_ids,
                        strict=True,
                    )
                ],
            }
        )
    ),
    "",
    "## Checks that hold only under an assumption",
    "",
    datatable(
        pd.DataFrame(
            {
                "check": [Html(check_link(c, "")) for c in conditional_df.check_id],
                "what it tests": conditional_df.statement,
                "condition": conditional_df.reading,
                "strength": conditional_df.strength.fillna(""),
            }
        )
    ),
    "",
    "## Discrepancies",
    "",
    "Every figure or claim a failed check singles out.",
    "",
]
disc = audit_df[audit_df.status == "discrepancy"]
lines.append(
    datatable(
        pd.DataFrame(
            {
                "figure": [anchor(f"d-{f}", f) for f in disc.figure_id],
                "document": disc.document_id,
                "section": disc.section,
                "published": disc.published,
                "detail": disc.detail,
                "rows": [links(ids) for ids in disc.figure_ids],
            }
        )
    )
)
lines.append("")
# sections in reading order: the claims register follows each report from start to end
reading = {sec: i for i, sec in enumerate(dict.fromkeys(frames["claims"]["section"]))}
for doc in frames["documents"]["document_id"]:
    part = audit_df[audit_df.document_id == doc]
    lines += [f"## {DOC_TITLES[doc]}", ""]
    sections = sorted(part["section"].unique(), key=lambda x: (reading.get(x, len(reading)), x))
    for section in sections:
        sec = part[part["section"] == section].sort_values(["kind", "figure_id"])
        heading = f"Section {section}" if section[:1].isdigit() else section
        lines += [f"### {heading}", ""]
        shown = sec[sec.status != "reproduced"]
        if len(shown):
            lines.append(
                table(
                    pd.DataFrame(
                        {
                            "figure": [code(f) for f in shown.figure_id],
                            "status": [badge(st) for st in shown.status],
                            "published": shown.published,
                            "recomputed": shown.recomputed,
                            "why": shown.detail,
                            "rows": [links(ids) for ids in shown.figure_ids],
                        }
                    )
                )
            )
            lines.append("")
        done = sec[sec.status == "reproduced"]
        if len(done):
            lines += [
                f"{badge('reproduced')} "
                + ", ".join(row_link(f) for f in done.figure_id)
                + " (each reproduced by another printing, a count or the report's own tables; see the rows).",
                "",
            ]
write("audit.md", "\n".join(lines))


# ---------------------------------------------------------------- one anchor per figure, claim and check
fa = con.execute(f"SELECT * FROM {rel('figure_audit')}").df().set_index("figure_id", drop=False)
facts = con.execute(f"SELECT * FROM {rel('fact_figures')}").df().set_index("figure_id", drop=False)
ac = con.execute(f"SELECT * FROM {rel('audit_checks')}").df().set_index("check_id", drop=False)
members = frames["check_members"].copy()
members["ref"] = (
    members["figure_id"]
    .astype("object")
    .where(members["figure_id"].notna(), members["claim_id"].astype("object"))
)
members["ref"] = members["ref"].where(members["ref"].notna(), members["count_of"].astype("object"))
QUESTIONS = dict(zip(frames["questions"]["question_id"], frames["questions"]["label"], strict=True))
CHECK_KINDS = sorted(ac["kind"].unique())


def sql_file(name: str) -> str:
    obj = SQL_DOCS.get(name)
    return f" (`{obj.file}`)" if obj else ""


def step(name: str, prefix: str = "../") -> str:
    return view_link(name, prefix) + sql_file(name)


def path_through_views(ref: str, kind: str, source: str, check_kinds: list[str]) -> str:
    """The SQL relations a figure or claim passes through, from its CSV to its verdict."""
    res = RESOURCES[source]
    chain = [f"`{res.path}`", f"table {view_link(source)}"]
    if kind == "figure":
        chain.append(f"view {step('fact_figures')}")
    if check_kinds:
        chain.append(step("check_inputs"))
        chain += [step(f"check_result_{k}") for k in check_kinds if f"check_result_{k}" in RELATIONS]
        chain.append(step("audit_checks"))
    chain.append(step("figure_audit"))
    return " → ".join(chain)


def where_read(row) -> list[str]:
    out = [f"**document:** {DOC_TITLES.get(row.document_id, row.document_id)} (`{row.document_id}`)"]
    out.append(f"**section:** {md(row.section)}")
    q = getattr(row, "question_id", None)
    if isinstance(q, str) and q:
        out.append(f"**question:** `{q}`" + (f": {md(QUESTIONS[q])}" if q in QUESTIONS else ""))
    sk = getattr(row, "source_kind", None)
    if isinstance(sk, str):
        loc = getattr(row, "source_locator", None)
        out.append(f"**source:** {sk}" + (f", titled “{md(loc)}”" if isinstance(loc, str) and loc else ""))
    return out


def number(x: object) -> str:
    """A number without a trailing '.0' (57, not 57.0); empty when missing."""
    if x is None or pd.isna(x):
        return "(none)"
    return f"{float(x):g}" if isinstance(x, float | int) else md(x)


def figure_section(ref: str, source: str) -> list[str]:
    a = fa.loc[ref]
    kind = a["kind"]
    lines = [f"## {ref} {{ #{ref} }}", ""]
    unit = "" if pd.isna(a["unit"]) else f" ({a['unit']})"
    lines += [
        f"{badge(a['status'])} **{md(a['published'])}**{unit} · {md(a['statement'])}",
        "",
    ]
    facts_row = facts.loc[ref] if ref in facts.index else None
    read_row = facts_row if facts_row is not None else frames["claims"].set_index("claim_id").loc[ref]
    if facts_row is None:
        read_row = pd.Series({**read_row.to_dict(), "document_id": a["document_id"], "section": a["section"]})
    items = [
        f"**value:** {number(a['published_value'])}{unit}",
        f"**printed:** {verbatim(a['printed'])}"
        if not pd.isna(a["printed"])
        else "**printed:** (not printed)",
        *where_read(read_row),
        f"**verdict:** {badge(a['status'])} {md(STATUS_MEANINGS.get(a['status'], ''))}",
        f"**precision:** {md(a['precision'])}; tolerance {md(a['tolerance'])}",
    ]
    if not pd.isna(a["recomputed"]):
        items.append(f"**recomputed:** {md(a['recomputed'])}")
    if not pd.isna(a["assumption"]):
        items.append(f"**assumption:** {md(a['assumption'])}")
    items.append(f"**why:** {md(a['detail'])}")
    if kind == "claim" and a["figure_ids"]:
        items.append("**cites:** " + ", ".join(figure_link(x, "../") for x in str(a["figure_ids"]).split()))
    items.append(f"**row:** [{source}](../rows/{source}.md#{ref})")
    lines += [f"- {i}" for i in items] + [""]
    mine = members[members["ref"] == ref]
    if len(mine):
        rows = []
        for m in mine.itertuples(index=False):
            c = ac.loc[m.check_id]
            role = "read (input)" if m.role == "input" else str(m.role)
            singled = ref in list(c["singled_out"])
            rows.append(
                {
                    "check": Html(check_link(m.check_id)),
                    "kind": c["kind"],
                    "as": f"{m.term}, {role}",
                    "verdict": badge(c["status"]),
                    "singles it out": "yes" if singled else "",
                }
            )
        lines += ["Checks that touch it:", "", table(pd.DataFrame(rows)), ""]
        kinds = list(dict.fromkeys(ac.loc[mine.check_id, "kind"]))
    else:
        lines += ["No check touches it.", ""]
        kinds = []
    lines += ["Path through the SQL: " + path_through_views(ref, kind, source, kinds), ""]
    return lines


# the site search ranks these pages first: a search for an id lands on its own section
SEARCH_FIRST = "---\nsearch:\n  boost: 4\n---\n"
figure_pages = [*FACTS, "claims"]
for source in figure_pages:
    ids = list(frames[source]["claim_id" if source == "claims" else "figure_id"])
    res = RESOURCES[source]
    counts_ = fa.loc[ids, "status"].value_counts()
    lines = [
        SEARCH_FIRST,
        f"# {res.title}: every {'claim' if source == 'claims' else 'figure'}",
        "",
        f"One section per {'claim' if source == 'claims' else 'figure'} of [{source}](../dictionary/{source}.md): "
        "its value, where the report prints it, its verdict in the [figure audit](../audit.md), the checks "
        "that touch it and the SQL it passes through. Search the site for an id to land here.",
        "",
        "Verdicts: "
        + ", ".join(f"{int(counts_.get(st, 0))} {st.replace('_', ' ')}" for st in STATUSES)
        + ".",
        "",
    ]
    for ref in ids:
        lines += figure_section(ref, source)
    write(f"figures/{source}.md", "\n".join(lines))

write(
    "figures/index.md",
    "\n".join(
        [
            "# Figures and claims",
            "",
            "Every published figure and every claim has a section of its own, findable by its id in the "
            "site search. One page per resource:",
            "",
            table(
                pd.DataFrame(
                    {
                        "page": [Html(f"[{s}]({s}.md)") for s in figure_pages],
                        "title": [RESOURCES[s].title for s in figure_pages],
                        "entries": [len(frames[s]) for s in figure_pages],
                    }
                )
            ),
        ]
    ),
)


def check_section(cid: str) -> list[str]:
    c = ac.loc[cid]
    lines = [
        f"## {cid} {{ #{cid} }}",
        "",
        f"{badge(c['status'])} `{c['kind']}` · {DOC_TITLES.get(c['document_id'], c['document_id'])} · "
        f"section {md(c['section'])}",
        "",
        md(c["statement"]),
        "",
    ]
    items = []
    if c["recomputed"]:
        items.append(f"**recomputed:** {md(c['recomputed'])}")
    if not pd.isna(c["reading"]):
        items.append(f"**holds only if:** {md(c['reading'])}")
    if not pd.isna(c["pass_chance"]):
        items.append(
            f"**strength:** {md(c['strength'])} (chance that random values at the printed precision pass: "
            f"{c['pass_chance']:.3g})"
        )
    items.append(f"**detail:** {md(c['detail'])}")
    lines += [f"- {i}" for i in items] + [""]
    mine = frames["check_members"][frames["check_members"]["check_id"] == cid]
    rows = []
    singled = set(c["singled_out"])
    for m in mine.itertuples(index=False):
        ref = next((x for x in (m.figure_id, m.claim_id) if isinstance(x, str)), None)
        if ref is not None:
            member = Html(figure_link(ref, "../"))
            value = fa.loc[ref, "published"] if ref in fa.index else ""
            verdict = badge(fa.loc[ref, "status"]) if ref in fa.index else ""
        else:
            member = Html(f"rows counted: {verbatim(m.count_of)}")
            value, verdict = "", ""
        rows.append(
            {
                "#": m.position,
                "term": m.term,
                "role": m.role,
                "series": m.series,
                "member": member,
                "value": value,
                "its verdict": verdict,
                "singled out": "yes" if ref in singled else "",
            }
        )
    lines += ["Members:", "", table(pd.DataFrame(rows)), ""]
    lines += [
        "Path through the SQL: "
        + " → ".join(
            [
                step("check_inputs"),
                step(f"check_result_{c['kind']}"),
                step("audit_checks"),
                step("figure_audit"),
            ]
        ),
        "",
    ]
    return lines


for kind in CHECK_KINDS:
    ids = sorted(ac[ac["kind"] == kind].index)
    obj = SQL_DOCS.get(f"check_result_{kind}")
    counts_ = ac.loc[ids, "status"].value_counts()
    lines = [
        SEARCH_FIRST,
        f"# Checks of kind `{kind}`",
        "",
        (md(re.sub(rf"^kind {kind}:\s*", "", obj.summary)) if obj else ""),
        "",
        f"Computed in {step(f'check_result_{kind}')}; verdicts gathered in {step('audit_checks')}. "
        + "Verdicts: "
        + ", ".join(f"{int(counts_.get(st, 0))} {st.replace('_', ' ')}" for st in CHECK_STATUSES)
        + ".",
        "",
    ]
    for cid in ids:
        lines += check_section(cid)
    write(f"checks/{kind}.md", "\n".join(lines))
write(
    "checks/index.md",
    "\n".join(
        [
            "# Checks",
            "",
            "Every check declared in the package (resources [checks](../dictionary/checks.md) and "
            "[check_members](../dictionary/check_members.md)), one section each, grouped by kind.",
            "",
            table(
                pd.DataFrame(
                    {
                        "kind": [Html(f"[{k}]({k}.md)") for k in CHECK_KINDS],
                        "checks": [int((ac["kind"] == k).sum()) for k in CHECK_KINDS],
                        **{
                            st.replace("_", " "): [
                                int(((ac["kind"] == k) & (ac["status"] == st)).sum()) for k in CHECK_KINDS
                            ]
                            for st in CHECK_STATUSES
                        },
                    }
                )
            ),
        ]
    ),
)


# ---------------------------------------------------------------- one page per table and view
def relation_columns(name: str) -> pd.DataFrame:
    schema, _kind = RELATIONS[name]
    return con.execute(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
        [schema, name],
    ).df()


def header_markdown(obj: _sqldocs.SqlObject) -> list[str]:
    """The SQL file's header comment, as prose and a list (``name: text`` lines)."""
    out: list[str] = []
    para: list[str] = []
    for raw in obj.header:
        m = _sqldocs.COLUMN_LINE.match(raw.rstrip())
        if m:
            if para:
                out += [" ".join(para), ""]
                para = []
            out.append(f"- `{m.group(2)}`: {md(m.group(3))}")
        elif out and out[-1].startswith("- ") and raw.startswith("     ") and raw.strip():
            out[-1] += " " + md(raw.strip())
        elif raw.strip():
            if out and out[-1].startswith("- "):
                out.append("")
            para.append(md(raw.strip()))
    if para:
        out += [" ".join(para)]
    return out


group_of: dict[str, str] = {}
for name, (schema, _kind) in RELATIONS.items():
    if name in RESOURCES:
        group_of[name] = "Package resources"
    elif schema == "main":
        group_of[name] = "Views and tables to query"
    else:
        group_of[name] = f"Intermediate steps (schema `{schema}`)"

for name, (schema, kind) in RELATIONS.items():
    cols = relation_columns(name)
    n_rows = con.execute(f"SELECT count(*) FROM {rel(name)}").fetchone()[0]
    obj = SQL_DOCS.get(name)
    res = RESOURCES.get(name)
    described = {}
    if res is not None:
        described = {f.name: f.description for f in res.fields}
    elif obj is not None:
        described = dict(obj.columns)
    described.update({c: x for (t, c), x in COLUMN_COMMENTS.items() if t == name})
    where = f"`{schema}`.`{name}`" if schema != "main" else f"`{name}`"
    lines = [
        f"# {name}",
        "",
        f"{kind} {where} · {n_rows} rows · {len(cols)} columns"
        + (f" · created in `src/coprod_data/sql/{obj.file}`" if obj else ""),
        "",
    ]
    if name in TABLE_COMMENTS:
        lines += [md(TABLE_COMMENTS[name]), ""]
    if res is not None:
        lines += [
            f"The package resource [{res.title}](../dictionary/{name}.md), loaded as it stands "
            f"from `{res.path}`. Download: [CSV](../downloads/{name}.csv), [Parquet](../downloads/{name}.parquet).",
            "",
            md(res.description),
            "",
        ]
    elif obj is not None and obj.header and name not in TABLE_COMMENTS:
        lines += [*header_markdown(obj), ""]
    lines += [
        "## Columns",
        "",
        '<div class="datatable" markdown>',
        "",
        table(
            pd.DataFrame(
                {
                    "column": [code(c) for c in cols.column_name],
                    "type": [code(t) for t in cols.data_type],
                    "nullable": cols.is_nullable.str.lower(),
                    "description": [described.get(c, "") for c in cols.column_name],
                }
            )
        ),
        "",
        "</div>",
        "",
        "## Query it",
        "",
        "```sql",
        f"SELECT * FROM {name if schema == 'main' else schema + '.' + name} LIMIT 10;",
        "```",
        "",
    ]
    write(f"views/{name}.md", "\n".join(lines))

GROUP_ORDER = ["Views and tables to query", "Package resources"]
groups_seen = sorted(
    set(group_of.values()), key=lambda g: (GROUP_ORDER.index(g) if g in GROUP_ORDER else 9, g)
)
lines = [
    "# Tables and views",
    "",
    "Every table and view of the DuckDB database (`coprod_data.db.connect()`, `coprod-data sql`, or the "
    f"[DuckDB file](../downloads/{DUCKDB_NAME})), with its columns and their types as DuckDB reports them, "
    "and what each holds from the header of the SQL file that creates it. Generated when the site was built. "
    "What users query is in the default schema `main` (`SHOW TABLES` lists it); the intermediate steps of the "
    f"audit are in the schema `{INTERNAL_SCHEMA}` (query them as `{INTERNAL_SCHEMA}.name`).",
    "",
]
for g in groups_seen:
    names = [n for n in RELATIONS if group_of[n] == g]
    lines += [f"## {g}", "", '<div class="datatable" markdown>', ""]
    lines.append(
        table(
            pd.DataFrame(
                {
                    "name": [Html(f"[`{n}`]({n}.md)") for n in names],
                    "kind": [RELATIONS[n][1] for n in names],
                    "what it holds": [
                        TABLE_COMMENTS.get(n)
                        or (
                            RESOURCES[n].title
                            if n in RESOURCES
                            else (SQL_DOCS[n].summary if n in SQL_DOCS else "")
                        )
                        for n in names
                    ],
                }
            )
        )
    )
    lines += ["", "</div>", ""]
macros = [o for o in SQL_DOCS.values() if o.kind == "macro"]
if macros:
    lines += ["## Macros", "", "Functions the views use, also callable in queries.", ""]
    lines.append(
        table(
            pd.DataFrame(
                {
                    "macro": [code(o.name) for o in macros],
                    "file": [code(o.file) for o in macros],
                    "what it does": [o.summary for o in macros],
                }
            )
        )
    )
write("views/index.md", "\n".join(lines))


# ---------------------------------------------------------------- sources
def package_source(title_part: str) -> dict | None:
    """The descriptor's entry in ``sources`` for a report (matched on its title)."""
    for src in pkg.raw.get("sources", []):
        if title_part.lower() in src.get("title", "").lower():
            return src
    return None


lines = [
    "# Sources",
    "",
    "The three reports the figures come from, and what each contributes to the package. Counts are generated "
    "from the data when the site is built.",
    "",
]
for rec in frames["documents"].itertuples(index=False):
    src = package_source(rec.title)
    address = (src or {}).get("path") or (src or {}).get("url")
    lines += [
        f"## {rec.title}",
        "",
        f"Published by {rec.publisher}, covering {rec.period}; a {rec.kind.replace('_', ' ')} (`{rec.document_id}`).",
        "",
    ]
    if isinstance(address, str) and address.startswith(("http://", "https://")):
        lines += [f"Address: <{address}>", ""]
    else:
        lines += [
            "No public address is recorded for this report; the package was transcribed from a plain-text "
            "extract of it.",
            "",
        ]
    lines += [md(rec.description), ""]
    contrib = [
        (name, int((frames[name]["document_id"] == rec.document_id).sum())) for name in [*FACTS, "claims"]
    ]
    contrib = [(n, c) for n, c in contrib if c]
    lines += [
        table(
            pd.DataFrame(contrib, columns=["resource", "rows"]).assign(
                resource=lambda d: [f"[{n}](dictionary/{n}.md)" for n in d.resource]
            )
        ),
        "",
    ]
    st = audit_df[audit_df.document_id == rec.document_id].status.value_counts()
    lines += ["Audit: " + ", ".join(f"{int(st.get(s, 0))} {s.replace('_', ' ')}" for s in STATUSES) + ".", ""]
lines += [
    "## Reference data",
    "",
    "The list of local authorities is not in the reports. It was compiled from:",
    "",
]
for src in RAW["local_authorities"].get("sources", []):
    lines.append(f"- {source_text(src)}")
write("sources.md", "\n".join(lines))


# ---------------------------------------------------------------- SQL cookbook
QUERIES = [
    (
        "Discrepancies per document",
        "Which document contradicts itself most?",
        "SELECT document_id, count(*) AS discrepancies FROM figure_audit WHERE status = 'discrepancy' "
        "GROUP BY ALL ORDER BY discrepancies DESC",
    ),
    (
        "Text against chart",
        "Figures the national survey prints twice with different values.",
        "SELECT check_id, recomputed AS printed_values, figure_ids FROM audit_checks "
        "WHERE kind = 'same_figure' AND status = 'discrepancy' ORDER BY check_id",
    ),
    (
        "Largest rises in expected impact",
        "Pre/post change per impact for children's centres, largest first.",
        "SELECT item_id, pre_value, post_value, change, change_rank FROM pre_post_changes "
        "WHERE resource = 'impact_ratings' AND group_id = 'childrens_centres' ORDER BY change DESC, item_id",
    ),
    (
        "Did every impact improve?",
        "Impacts whose printed value fell after the workshops.",
        "SELECT group_id, item_id, pre_value, post_value, change FROM pre_post_changes "
        "WHERE resource = 'impact_ratings' AND change < 0 ORDER BY group_id",
    ),
    (
        "Failed checks",
        "Every check that fails under every reading the reports allow.",
        "SELECT check_id, kind, statement FROM audit_checks WHERE status = 'discrepancy' ORDER BY check_id",
    ),
    (
        "What the conditional verdicts rest on",
        "Checks that hold only under an assumption, with the assumption and the check's strength.",
        "SELECT check_id, reading, strength FROM audit_checks WHERE status = 'conditional' ORDER BY check_id LIMIT 8",
    ),
    (
        "How strong is a pass?",
        "The chance that random values at the printed precision would pass each GRIM-type check.",
        "SELECT check_id, status, round(pass_chance, 3) AS pass_chance, strength FROM audit_checks "
        "WHERE kind IN ('percent_of_count', 'common_base') ORDER BY pass_chance LIMIT 8",
    ),
    (
        "Involved, not wrong",
        "Figures that take part in a failed check that does not single them out, with the checks.",
        "SELECT figure_id, failed_checks, published FROM figure_audit WHERE status = 'involved' "
        "ORDER BY figure_id LIMIT 8",
    ),
    (
        "A change under both designs",
        "The Q3 rating changes for VCS respondents: the Newcombe interval as two samples, and the range "
        "over every pairing of the same people.",
        "SELECT series, pre_value, post_value, round(unpaired_ci_lo, 1) AS unpaired_lo, "
        "round(unpaired_ci_hi, 1) AS unpaired_hi, round(paired_ci_lo, 1) AS paired_lo, "
        "round(paired_ci_hi, 1) AS paired_hi FROM change_intervals WHERE check_id = 'sg-att19' ORDER BY series",
    ),
    (
        "Closure of comment shares",
        "Does each list of shares of comments sum to 100 within rounding, and with how few comments?",
        "SELECT check_id, status, recomputed_value AS sum_pct, base_lo AS fewest_comments FROM audit_checks "
        "WHERE kind = 'share_list' ORDER BY check_id",
    ),
    (
        "Regional response rates from whole numbers",
        "Returns/eligible that reproduce each published regional rate.",
        "SELECT series AS region_id, published_pct, n_max AS n_authorities, "
        "string_agg(returns || '/' || eligible, ', ' ORDER BY eligible, returns) AS solutions "
        "FROM response_rate_solutions GROUP BY ALL ORDER BY region_id",
    ),
    (
        "Regions against the national raw rate",
        "The joint verdict on the regional table, its total and the raw rate.",
        "SELECT check_id, status, recomputed, reading FROM audit_checks WHERE kind = 'response_rates'",
    ),
    (
        "Significance, unpaired and paired",
        "Significance claims judged as two independent samples and over every pairing.",
        "SELECT check_id, status, round(statistic, 2) AS unpaired_z_min, reading FROM audit_checks "
        "WHERE kind = 'significance'",
    ),
    (
        "Ratio phrases",
        "How the national survey's 'N out of ten' phrases compare with its percentages.",
        "SELECT figure_id, published, recomputed, status FROM figure_audit "
        "WHERE figure_id IN (SELECT claim_id FROM claims WHERE claim_kind = 'ratio_phrase') ORDER BY figure_id",
    ),
    (
        "Authorities per region",
        "The reference list behind the response rates.",
        "SELECT region_id, count(*) AS authorities FROM local_authorities GROUP BY ALL ORDER BY authorities DESC",
    ),
]
lines = [
    "# SQL cookbook",
    "",
    "Every table of the package and every view live in one DuckDB database:",
    "",
    "```python",
    "import coprod_data.db",
    "con = coprod_data.db.connect()          # in memory",
    'con.execute("SELECT * FROM figure_audit").df()',
    "```",
    "",
    "```console",
    'coprod-data sql "SELECT * FROM audit_checks" --format markdown',
    "coprod-data export coprod.duckdb       # then: duckdb coprod.duckdb",
    "```",
    "",
    f"Or download the ready-built [DuckDB file](downloads/{DUCKDB_NAME}) and open it with `duckdb {DUCKDB_NAME}`. "
    "Without Python, from the repository root: `cat src/coprod_data/sql/*.sql | duckdb coprod.duckdb`.",
    "",
    "## What to query",
    "",
    "The [tables and views](views/index.md) reference lists every table and view with its columns. "
    "`SHOW TABLES` lists the ones to query, all in the default schema `main`:",
    "",
    "- [`figure_audit`](views/figure_audit.md): one row per published figure and claim, with its verdict; "
    "[`audit_summary`](views/audit_summary.md) counts them per document and status.",
    "- [`audit_checks`](views/audit_checks.md): one row per check, with its verdict and the numbers recomputed; "
    "[`audit_check_summary`](views/audit_check_summary.md) counts them per document, kind and status.",
    "- [`fact_figures`](views/fact_figures.md): every figure of every fact resource in one long table; "
    "[`ranked_figures`](views/ranked_figures.md) ranks each percentage within its list or chart.",
    "- [`pre_post_changes`](views/pre_post_changes.md): every figure printed before and after the workshops, "
    "with the change.",
    "- [`figure_intervals`](views/figure_intervals.md) and [`change_intervals`](views/change_intervals.md): "
    "95% intervals of the percentages and of the pre/post changes whose bases the checks state or bound.",
    "- [`response_rate_solutions`](views/response_rate_solutions.md): the whole numbers of returns and "
    "eligible authorities that reproduce each published response rate.",
    "- the package resources, one table each (see the [data dictionary](dictionary/index.md)), and "
    "[`package_info`](views/package_info.md), the data version.",
    "",
    f"The steps between the resources and these (the check inputs, one result table per kind of check, "
    f"the grids the intervals are searched over) live in the schema `{INTERNAL_SCHEMA}`: query them by their "
    f"qualified name, for example `SELECT * FROM {INTERNAL_SCHEMA}.check_inputs LIMIT 10`. Each is listed, "
    "with its columns, on the [tables and views](views/index.md) page, and each figure's page shows the path "
    "it takes through them.",
    "",
    "## Worked queries",
    "",
    "Each result below was produced by running the query when this site was built.",
    "",
]
for title, why, q in QUERIES:
    result = con.execute(q).df()
    if result.empty:
        raise SystemExit(f"cookbook query {title!r} returns no rows: choose one that shows something")
    pretty = re.sub(r" (FROM|WHERE|GROUP BY|ORDER BY|JOIN|LIMIT) ", r"\n\1 ", q)
    lines += [f"### {title}", "", why, "", "```sql", pretty, "```", "", table(result), ""]
write("cookbook.md", "\n".join(lines))


# ---------------------------------------------------------------- charts
charts: list[_charts.Chart] = []
labels = dict(zip(frames["impacts"]["impact_id"], frames["impacts"]["normalised_label"], strict=True))
groups = {"vcs": "VCS organisations", "childrens_centres": "Children's centres"}
GROUP_IN_TEXT = {"vcs": "VCS organisations", "childrens_centres": "children's centres"}
ch = con.execute("SELECT * FROM pre_post_changes WHERE resource = 'impact_ratings'").df()
for gid, gname in groups.items():
    part = ch[ch.group_id == gid].sort_values("pre_value", ascending=False)
    part = part.assign(item=part.item_id.map(labels))
    data = part[["item", "pre_value", "post_value", "change"]]
    charts.append(
        _charts.Chart(
            f"q3_{gid}",
            _charts.pre_post_bars(part, "item", f"Q3: {gname} expecting co-production to help"),
            f"Expected impact of co-production, {gname}",
            f"Share of {GROUP_IN_TEXT[gid]} rating co-production helpful on each impact, before and after the workshops "
            "(the attitude survey's Q3 chart). Source table: <code>impact_ratings</code>.",
            f"Paired bars for nine impacts, {gname}: "
            + "; ".join(
                f"{r.item} {r.pre_value:g}% before, {r.post_value:g}% after" for r in data.itertuples()
            ),
            data,
        )
    )
chg = ch.assign(group=ch.group_id.map(groups), item=ch.item_id.map(labels))
data = chg[["group", "item", "pre_value", "post_value", "change"]].sort_values(
    ["group", "change"], ascending=[True, False]
)
charts.append(
    _charts.Chart(
        "q3_change",
        _charts.change_dots(chg, "Q3: change from before to after, in points"),
        "Change in expected impact",
        "Change per impact from before to after the workshops, both groups; red arrows fell. "
        "Source view: <code>pre_post_changes</code> over <code>impact_ratings</code>.",
        "Arrows from before to after per group and impact: "
        + "; ".join(f"{r.group} {r.item} {r.change:+g} points" for r in data.itertuples()),
        data,
    )
)
und = con.execute(
    "SELECT * FROM pre_post_changes WHERE resource = 'understanding' AND source_kind = 'chart'"
).df()
und = und.assign(item=und.source_locator + ": " + und.group_id.map({"all_participants": "overall", **groups}))
data = und[["item", "pre_value", "post_value", "change"]]
charts.append(
    _charts.Chart(
        "q1_understanding",
        _charts.pre_post_bars(und, "item", "Q1: the two charts of understanding co-production"),
        "Understanding of co-production (both Q1 charts)",
        "The attitude survey prints two charts for Q1 with different values; both are shown. "
        "Source table: <code>understanding</code>.",
        "Paired bars: "
        + "; ".join(f"{r.item} {r.pre_value:g}% before, {r.post_value:g}% after" for r in data.itertuples()),
        data,
    )
)
res = frames["resource_ratings"]
res = res[(res.source_kind == "chart")].copy()
chal = dict(zip(frames["challenges"]["challenge_id"], frames["challenges"]["normalised_label"], strict=True))
rtypes = dict(
    zip(
        frames["resource_types"]["resource_type_id"],
        frames["resource_types"]["normalised_label"],
        strict=True,
    )
)
res["panel"] = [
    chal.get(c, "All challenges (overall)") if pd.notna(c) else "All challenges (overall)"
    for c in res.challenge_id.astype("object")
]
res["resource"] = res.resource_type_id.astype(str).map(rtypes)
numbers = dict(zip(frames["challenges"]["challenge_id"], frames["challenges"]["number"], strict=True))
res["order"] = [int(numbers[c]) if pd.notna(c) else 99 for c in res.challenge_id.astype("object")]
type_order = {t: i for i, t in enumerate(frames["resource_types"]["resource_type_id"])}
res["type_order"] = res.resource_type_id.astype(str).map(type_order)
res = res.sort_values(["order", "type_order"])  # the same bar order in every panel
res["value"] = res.value_pct.astype(int)
data = res[["panel", "resource", "value", "item_label"]]
charts.append(
    _charts.Chart(
        "resources",
        _charts.resource_panels(res, "Resources rated important, per challenge"),
        "Resources rated important",
        "Share of responding authorities rating each resource important, per challenge and overall "
        "(the national survey's chart values; some differ from its text, see the audit). "
        "Source table: <code>resource_ratings</code>.",
        "Bars per challenge: " + "; ".join(f"{r.panel}, {r.resource} {r.value}%" for r in data.itertuples()),
        data,
    )
)
rr = con.execute(
    "WITH n AS (SELECT region_id, count(*) AS n_authorities FROM local_authorities GROUP BY ALL), "
    "s AS (SELECT DISTINCT series AS region_id, returns, eligible FROM response_rate_solutions) "
    "SELECT r.region_id, r.value_pct AS published_pct, n.n_authorities, g.normalised_label AS region, "
    "string_agg(s.returns || '/' || s.eligible, ', ' ORDER BY s.eligible, s.returns) AS solutions, "
    "CAST(floor(r.value_pct * n.n_authorities / 100.0) AS BIGINT) || '/' || n.n_authorities AS nearest_with_all_eligible "
    "FROM response_rates r JOIN n USING (region_id) JOIN regions g USING (region_id) "
    "LEFT JOIN s USING (region_id) WHERE r.scope = 'region' GROUP BY ALL ORDER BY published_pct DESC"
).df()
rr["value"] = rr.published_pct
rr["all_eligible_low"] = [
    round(100 * int(s.split("/")[0]) / n)
    for s, n in zip(rr.nearest_with_all_eligible, rr.n_authorities, strict=True)
]
data = rr[["region", "value", "n_authorities", "solutions"]]
charts.append(
    _charts.Chart(
        "regions",
        _charts.region_rates(rr, "Adjusted response rate by region"),
        "Regional response rates",
        "Published adjusted response rate per region, with the number of authorities in the region; the red tick is "
        "the closest rate at or below it if every authority were eligible. Source tables: <code>response_rates</code>, "
        "<code>local_authorities</code>; table <code>response_rate_solutions</code>.",
        "Bars per region: "
        + "; ".join(f"{r.region} {r.value}% of {r.n_authorities} authorities" for r in data.itertuples()),
        data,
    )
)

lines = [
    "# Charts",
    "",
    "Drawn from the data when this site was built (SVG, no web fonts or scripts). Each chart "
    "reproduces one the reports printed, or adds what helps read them; the data behind it is listed below it.",
    "",
]
for c in charts:
    with mkdocs_gen_files.open(f"charts/{c.name}.svg", "w") as fh:
        fh.write(c.svg)
    alt = c.alt.replace('"', "'")
    lines += [
        f"## {c.title}",
        "",
        "<figure>",
        f'<img src="../charts/{c.name}.svg" alt="{md(alt)}">',
        f"<figcaption>{c.caption}</figcaption>",
        "</figure>",
        "",
        "<details><summary>Data behind this chart</summary>",
        "",
        table(c.data),
        "",
        "</details>",
        "",
    ]
lines += [
    "## Audit status at a glance",
    "",
    "<figure>",
    '<img src="../charts/audit_status.svg" alt="Audit status per document, see the figure audit page">',
    "<figcaption>Source view: <code>figure_audit</code>.</figcaption>",
    "</figure>",
    "",
]
write("charts.md", "\n".join(lines))


# ---------------------------------------------------------------- changelog and citation
write("changelog.md", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def cff_names(people: list[dict]) -> list[tuple[str, str]]:
    """(APA form, BibTeX form) of each author: persons as 'Family, G.', entities as named."""
    out = []
    for p in people or []:
        if p.get("family-names"):
            given = p.get("given-names", "")
            initials = " ".join(f"{g[0]}." for g in given.split() if g)
            out.append(
                (f"{p['family-names']}, {initials}".strip(", "), f"{p['family-names']}, {given}".strip(", "))
            )
        else:
            out.append((p.get("name", ""), "{" + p.get("name", "") + "}"))
    return out


def apa_authors(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text)


authors = cff_names(CFF.get("authors", []))
year = str(CFF.get("date-released", ""))[:4] or "n.d."
url = CFF.get("url") or CFF.get("repository-code") or CFF.get("repository")
doi = CFF.get("doi")
apa = (
    f"{apa_authors([a for a, _ in authors])} ({year}). *{md(CFF['title'])}* (Version {CFF.get('version', '')}) "
    f"[Data set]." + (f" https://doi.org/{doi}" if doi else (f" {url}" if url else ""))
)
key = re.sub(r"\W", "", CFF["title"].split(":")[0].lower()) + year
bib = [
    f"@misc{{{key},",
    f"  author    = {{{' and '.join(b for _, b in authors)}}},",
    f"  title     = {{{{{bibtex_escape(CFF['title'])}}}}},",
    f"  year      = {{{year}}},",
    f"  version   = {{{CFF.get('version', '')}}},",
    "  note      = {Data set},",
]
if doi:
    bib.append(f"  doi       = {{{doi}}},")
if url:
    bib.append(f"  url       = {{{url}}},")
bib[-1] = bib[-1].rstrip(",")
bib.append("}")
refs = []
for r in CFF.get("references", []):
    ra = apa_authors([a for a, _ in cff_names(r.get("authors", []))])
    refs.append(
        f"- {md(ra)} ({r.get('year', 'n.d.')}). *{md(r['title'])}*."
        + (f" {r['url']}" if r.get("url") else "")
    )
write(
    "cite.md",
    "\n".join(
        [
            "# How to cite",
            "",
            md(CFF.get("message", "")),
            "",
            "## APA",
            "",
            apa,
            "",
            "## BibTeX",
            "",
            "```bibtex",
            *bib,
            "```",
            "",
            "## The source reports",
            "",
            *refs,
            "",
            "Generated from `CITATION.cff` when the site was built.",
        ]
    ),
)
con.close()
