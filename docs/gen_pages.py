"""Build-time pages generated from the data package itself, so they cannot drift from it.

Data dictionary, rows, figure audit, sources, SQL cookbook (queries run now) and charts.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import mkdocs_gen_files
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _charts

from coprod_data.auditing import STATUS_MEANINGS, STATUSES, audit, checks
from coprod_data.db import connect, view_files
from coprod_data.package import read_package
from coprod_data.table import read_table

ROOT = Path(__file__).resolve().parent.parent
pkg = read_package(ROOT / "datapackage.json")
frames = {res.name: read_table(res)[0] for res in pkg.resources}
FACTS = [r.name for r in pkg.resources if r.kind == "fact"]
con = connect(path=ROOT / "datapackage.json")
audit_df = audit(ROOT / "datapackage.json")
checks_df = checks(ROOT / "datapackage.json")
DOC_TITLES = dict(zip(frames["documents"]["document_id"], frames["documents"]["title"], strict=True))
resource_of = {fid: name for name in FACTS for fid in frames[name]["figure_id"]}


class Html(str):
    """Markup this script writes itself: put in a table as it is, not escaped."""


def md(value: object) -> str:
    if isinstance(value, Html):
        return str(value)
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
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


def row_link(figure_id: str, prefix: str = "") -> str:
    res = resource_of.get(figure_id)
    if res is None and figure_id in set(frames["claims"]["claim_id"]):
        res = "claims"
    return f"[{figure_id}]({prefix}rows/{res}.md#{figure_id})" if res else figure_id


def links(ids: object) -> Html:
    if ids is None or (not isinstance(ids, str) and pd.isna(ids)):
        return Html("")
    return Html(", ".join(row_link(x) for x in str(ids).split()))


def code(text: object) -> Html:
    return Html(f"`{text}`")


def anchor(ident: object, shown: object = None) -> Html:
    return Html(f'<a id="{ident}"></a>`{ident if shown is None else shown}`')


# ---------------------------------------------------------------- data dictionary and rows
def constraints(f) -> str:
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
    f"Generated from `datapackage.json` (version {pkg.version}) when this site was built.",
    "",
    "| resource | kind | rows | description |",
    "| --- | --- | --- | --- |",
]
for res in pkg.resources:
    frame = frames[res.name]
    index.append(f"| [{res.name}]({res.name}.md) | {res.kind} | {len(frame)} | {md(res.description)} |")
    lines = [
        f"# {res.title}",
        "",
        f"`{res.path}` · {res.kind} · {len(frame)} rows · [all rows](../rows/{res.name}.md)",
        "",
        md(res.description),
        "",
    ]
    if res.primary_key:
        lines += [f"**Primary key:** {', '.join(f'`{k}`' for k in res.primary_key)}", ""]
    if res.foreign_keys:
        refs = "; ".join(
            f"`{', '.join(fk.fields)}` → [{fk.resource}]({fk.resource}.md)" for fk in res.foreign_keys
        )
        lines += [f"**Foreign keys:** {refs}", ""]
    if "document_id" in frame.columns and "section" in frame.columns:
        prov = frame.groupby(["document_id", "section"], observed=True).size().reset_index(name="rows")
        lines += ["## Provenance", "", "Rows per document and section of the reports.", "", table(prov), ""]
    if "source_kind" in frame.columns:
        kinds = frame.groupby("source_kind", observed=True).size().reset_index(name="rows")
        lines += ["Rows per source kind (text, table that lost its grid, chart data):", "", table(kinds), ""]
    lines += [
        "## Fields",
        "",
        "| field | type | unit | constraints | description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in res.fields:
        lines.append(f"| `{f.name}` | {f.type} | {md(f.unit)} | {md(constraints(f))} | {md(f.description)} |")
    lines += ["", "## First rows", "", table(frame.head(5)), ""]
    write(f"dictionary/{res.name}.md", "\n".join(lines))

    key = res.primary_key[0] if res.primary_key else res.field_names[0]
    shown = frame.copy()
    shown[key] = [anchor(v) for v in shown[key]]
    body = table(shown)
    write(
        f"rows/{res.name}.md",
        f"# {res.name}: all rows\n\n[Data dictionary](../dictionary/{res.name}.md) · "
        f"`{res.path}` · {len(frame)} rows\n\n{body}",
    )
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
    "## Counts",
    "",
    table(summary.assign(all=summary.sum(axis=1)).reset_index()),
    "",
    "## Failed checks",
    "",
    "The inconsistencies: each failed check once, with the figures and claims it touches.",
    "",
    table(
        pd.DataFrame(
            {
                "check": [code(c) for c in checks_df[checks_df.status == "discrepancy"].check_id],
                "document": checks_df[checks_df.status == "discrepancy"].document_id,
                "what it tests": checks_df[checks_df.status == "discrepancy"].statement,
                "detail": checks_df[checks_df.status == "discrepancy"].detail,
                "rows": [
                    links(" ".join(list(f) + list(c)))
                    for f, c in zip(
                        checks_df[checks_df.status == "discrepancy"].figure_ids,
                        checks_df[checks_df.status == "discrepancy"].claim_ids,
                        strict=True,
                    )
                ],
            }
        )
    ),
    "",
    "## Checks that hold only under an assumption",
    "",
    table(
        pd.DataFrame(
            {
                "check": [code(c) for c in checks_df[checks_df.status == "conditional"].check_id],
                "what it tests": checks_df[checks_df.status == "conditional"].statement,
                "condition": checks_df[checks_df.status == "conditional"].reading,
                "strength": checks_df[checks_df.status == "conditional"].strength.fillna(""),
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
    table(
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


# ---------------------------------------------------------------- sources
lines = [
    "# Sources",
    "",
    "The three reports, and what each contributes to the package. Counts are generated "
    "from the data when the site is built.",
    "",
]
for rec in frames["documents"].itertuples(index=False):
    lines += [
        f"## {rec.title}",
        "",
        f"`{rec.document_id}` · published by {rec.publisher} · {rec.period} · seed file `{rec.seed_file}`",
        "",
        rec.description,
        "",
    ]
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
lines += ["## Reference data", "", "The list of local authorities is not in the reports. Its sources:", ""]
for src in next(r for r in pkg.raw["resources"] if r["name"] == "local_authorities").get("sources", []):
    lines.append(f"- {src['title']}")
write("sources.md", "\n".join(lines))


# ---------------------------------------------------------------- SQL cookbook
def view_docs() -> list[tuple[str, str, str]]:
    out = []
    for f in view_files():
        text = f.read_text(encoding="utf-8")
        for m in re.finditer(r"((?:^--.*\n)+)CREATE OR REPLACE (VIEW|MACRO) (\w+)", text, re.M):
            comment = " ".join(line[2:].strip() for line in m.group(1).splitlines())
            out.append((f.name, m.group(3), comment))
    return out


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
        "SELECT figure_id, published, recomputed FROM figure_audit "
        "WHERE status = 'discrepancy' AND figure_id LIKE 'res-%-text-%' ORDER BY figure_id",
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
    "Every table of the package and every view below live in one DuckDB database:",
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
    "Without Python, from the repository root: `cat src/coprod_data/sql/*.sql | duckdb coprod.duckdb`.",
    "",
    "## Views and macros",
    "",
    "Each file under `src/coprod_data/sql/` holds one step; files run in the order of their number.",
    "",
    "| file | name | what it recomputes |",
    "| --- | --- | --- |",
]
for fname, name, comment in view_docs():
    lines.append(f"| `{fname}` | `{name}` | {md(comment)} |")
lines += [
    "",
    "## Worked queries",
    "",
    "Each result below was produced by running the query when this site was built.",
    "",
]
for title, why, q in QUERIES:
    result = con.execute(q).df()
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
write(
    "cite.md",
    "# How to cite\n\nCite the dataset with its version, and the source reports of 4Children. "
    "The citation file `CITATION.cff` at the repository root says:\n\n```yaml\n"
    + (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    + "```\n",
)
con.close()
