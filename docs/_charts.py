"""Charts for the docs, drawn with matplotlib from the package at build time (SVG, no web fonts)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

matplotlib.rcParams.update(
    {
        "svg.fonttype": "path",  # glyphs as paths: the SVG needs no font
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "coprod-data",  # stable ids: the same data gives the same file
    }
)

PRE, POST = "#9bb7d4", "#1f4e79"
STATUS_COLOURS = {
    "discrepancy": "#c0392b",
    "not_recomputable": "#9e9e9e",
    "within_rounding": "#f0ad4e",
    "reproduced": "#2e7d32",
}


@dataclass
class Chart:
    """One chart: file name, SVG text, caption, alt text and the data shown."""

    name: str
    svg: str
    title: str
    caption: str
    alt: str
    data: pd.DataFrame


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()


def pre_post_bars(df: pd.DataFrame, label_col: str, title: str) -> str:
    """Horizontal paired bars, pre and post, items in the order given."""
    items = list(df[label_col])
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(items) + 1.0))
    ys = range(len(items))
    # the axis is inverted below, so the smaller offset is drawn on top: before above after
    ax.barh([y - 0.2 for y in ys], df["pre_value"], height=0.4, color=PRE, label="before")
    ax.barh([y + 0.2 for y in ys], df["post_value"], height=0.4, color=POST, label="after")
    for y, (a, b) in enumerate(zip(df["pre_value"], df["post_value"], strict=True)):
        ax.text(a + 0.5, y - 0.2, f"{a:g}%", va="center", fontsize=7)
        ax.text(b + 0.5, y + 0.2, f"{b:g}%", va="center", fontsize=7)
    ax.set_yticks(list(ys), items)
    ax.invert_yaxis()
    ax.set_xlim(0, max(100, df[["pre_value", "post_value"]].to_numpy().max() + 10))
    ax.set_xlabel("% of respondents")
    ax.set_title(title, loc="left")
    ax.legend(loc="lower right", frameon=False)
    return _svg(fig)


def change_dots(df: pd.DataFrame, title: str) -> str:
    """Pre -> post arrows per item and group, sorted by change."""
    df = df.sort_values(["group", "change"], ascending=[True, False]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7, 0.32 * len(df) + 1.2))
    for y, row in df.iterrows():
        colour = POST if row["change"] > 0 else ("#c0392b" if row["change"] < 0 else "#777777")
        ax.annotate(
            "",
            xy=(row["post_value"], y),
            xytext=(row["pre_value"], y),
            arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5},
        )
        ax.plot([row["pre_value"]], [y], "o", color=PRE, ms=4)
        ax.text(
            max(row["pre_value"], row["post_value"]) + 1, y, f"{row['change']:+g}", va="center", fontsize=7
        )
    ax.set_yticks(range(len(df)), [f"{g}: {i}" for g, i in zip(df["group"], df["item"], strict=True)])
    ax.invert_yaxis()
    ax.set_xlabel("% of respondents (dot: before, arrow head: after)")
    ax.set_title(title, loc="left")
    return _svg(fig)


def resource_panels(df: pd.DataFrame, title: str) -> str:
    """Share rating each resource important, one panel per challenge (chart values)."""
    panels = list(dict.fromkeys(df["panel"]))
    fig, axes = plt.subplots(
        len(panels), 1, figsize=(7, 1.5 * len(panels) + 0.6), sharex=True, gridspec_kw={"hspace": 0.55}
    )
    for ax, panel in zip(axes, panels, strict=True):
        part = df[df["panel"] == panel]
        ax.barh(part["resource"], part["value"], color=POST)
        for y, v in enumerate(part["value"]):
            ax.text(v + 0.8, y, f"{v:g}%", va="center", fontsize=7)
        ax.invert_yaxis()
        ax.set_title(panel, loc="left", fontsize=8)
        ax.set_xlim(0, 100)
        ax.tick_params(axis="y", labelsize=7)
    axes[-1].set_xlabel("% of responding authorities rating it important")
    fig.suptitle(title, x=0.02, ha="left")
    return _svg(fig)


def region_rates(df: pd.DataFrame, title: str) -> str:
    """Published adjusted response rate per region, with the rate if every authority were eligible."""
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ys = range(len(df))
    ax.barh(list(ys), df["value"], color=POST, label="published adjusted rate")
    ax.plot(
        df["all_eligible_low"],
        list(ys),
        "|",
        color="#c0392b",
        ms=12,
        mew=2,
        label="closest rate at or below it if every authority were eligible",
    )
    for y, (v, n) in enumerate(zip(df["value"], df["n_authorities"], strict=True)):
        ax.text(v + 0.8, y, f"{v:g}% of {n}", va="center", fontsize=7)
    ax.set_yticks(list(ys), df["region"])
    ax.invert_yaxis()
    ax.set_xlim(0, 70)
    ax.set_xlabel("% of authorities")
    ax.set_title(title, loc="left")
    ax.legend(loc="lower right", frameon=False, fontsize=7)
    return _svg(fig)


def status_bars(df: pd.DataFrame, title: str) -> str:
    """Stacked bars: figures and claims per audit status, per document."""
    fig, ax = plt.subplots(figsize=(7, 2.2))
    docs = list(df.index)
    left = [0] * len(docs)
    for status, colour in STATUS_COLOURS.items():
        vals = list(df[status]) if status in df.columns else [0] * len(docs)
        ax.barh(docs, vals, left=left, color=colour, label=status.replace("_", " "))
        for y, (x0, v) in enumerate(zip(left, vals, strict=True)):
            if v:
                ax.text(x0 + v / 2, y, str(v), ha="center", va="center", fontsize=7, color="white")
        left = [a + b for a, b in zip(left, vals, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel("figures and claims")
    ax.set_title(title, loc="left")
    ax.legend(ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.35), frameon=False, fontsize=7)
    return _svg(fig)
