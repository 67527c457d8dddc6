"""Every fenced code block of the hand-written pages renders as a code block with the site's
Markdown extensions: a fence the extensions do not read (```csv title="..."``` without
pymdownx.superfences) is left as text and swallows the page's next headings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

markdown = pytest.importorskip("markdown")
yaml = pytest.importorskip("yaml")

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "```" in p.read_text(encoding="utf-8"))


def _extensions() -> tuple[list[str], dict[str, dict]]:
    config = yaml.safe_load((DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = ["toc", "tables", "fenced_code"], {}  # what MkDocs always loads
    for entry in config.get("markdown_extensions", []):
        name, opts = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if opts:
            options[name] = opts
    return names, options


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_fence_is_a_code_block_and_every_heading_a_heading(page):
    names, options = _extensions()
    text = page.read_text(encoding="utf-8")
    html = markdown.markdown(text, extensions=names, extension_configs=options)
    assert "```" not in html, "a fence was left as text"
    # headings outside code blocks: every one must come out as a heading
    outside, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced or line.strip() != "```"  # any fence opens; a bare one closes
        elif not fenced and re.match(r"#{2,3} ", line):
            outside.append(line)
    assert len(re.findall(r"<h[23][ >]", html)) == len(outside), outside
    if page.name == "own-report.md":
        assert 'id="groups"' in html and 'id="questions"' in html
