"""MkDocs hooks: the navigation lists the generated pages of whatever the package holds.

The data dictionary gets one entry per resource of ``datapackage.json``, the figure pages
one per fact resource and the claims register, the check pages one per kind of check
declared in the ``checks`` resource; a resource or check kind added later appears by itself.
"""

from __future__ import annotations

import csv
from pathlib import Path

from coprod_data.package import read_package

ROOT = Path(__file__).resolve().parent.parent


def _section(nav: list, title: str) -> list | None:
    for entry in nav:
        if isinstance(entry, dict) and title in entry:
            return entry[title]
    return None


def on_config(config):
    pkg = read_package(ROOT / "datapackage.json")
    nav = config["nav"]
    dictionary = _section(nav, "Data dictionary")
    if dictionary is not None:
        dictionary[:] = ["dictionary/index.md", *({r.name: f"dictionary/{r.name}.md"} for r in pkg.resources)]
    figures = _section(nav, "Figures and claims")
    if figures is not None:
        pages = [r.name for r in pkg.resources if r.kind == "fact"] + ["claims"]
        figures[:] = ["figures/index.md", *({p: f"figures/{p}.md"} for p in pages)]
    checks = _section(nav, "Checks")
    if checks is not None:
        with open(pkg.resource("checks").file, encoding="utf-8", newline="") as fh:
            kinds = sorted({row["kind"] for row in csv.DictReader(fh)})
        checks[:] = ["checks/index.md", *({k: f"checks/{k}.md"} for k in kinds)]
    return config
