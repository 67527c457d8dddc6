"""What the SQL files say about the tables, views and macros they create.

Each ``CREATE [OR REPLACE] TABLE|VIEW|MACRO name`` in ``src/coprod_data/sql/*.sql`` may be
preceded by a block of ``--`` comment lines: its first sentence(s) say what the relation
holds; lines of the form ``--   column : description`` (several names may share one line,
separated by commas; deeper-indented lines continue the description) document columns.
Comments stored in the database (``COMMENT ON``) take precedence over the headers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

CREATE = re.compile(
    r"((?:^--.*\n)*)CREATE (?:OR REPLACE )?(?:TEMP |TEMPORARY )?(TABLE|VIEW|MACRO) "
    r"(?:IF NOT EXISTS )?\"?(?:(\w+)\"?\.)?\"?(\w+)\"?",
    re.M,
)
COLUMN_LINE = re.compile(r"^(\s{2,})([a-z_][a-z0-9_]*(?:\s*,\s*[a-z_][a-z0-9_]*)*)\s*:\s+(.*)$")


@dataclass
class SqlObject:
    name: str
    kind: str  # table, view or macro
    file: str
    schema: str | None
    summary: str
    columns: dict[str, str] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)  # the comment lines, as written


def _header_lines(block: str) -> list[str]:
    return [line[2:] if line.startswith("--") else line for line in block.splitlines()]


def _strip_name(text: str, name: str) -> str:
    """Drop a leading ``name (table):`` / ``name:`` that repeats the relation's name."""
    return re.sub(rf"^{re.escape(name)}(\s*\((table|view)\))?\s*[:,-]?\s*", "", text).strip()


def _describe(name: str, lines: list[str]) -> tuple[str, dict[str, str]]:
    summary: list[str] = []
    columns: dict[str, str] = {}
    current: list[str] | None = None
    names: list[str] = []
    indent = 0
    for raw in lines:
        line = raw.rstrip()
        stripped = line.strip()
        col = COLUMN_LINE.match(line)
        if col and not (not summary and col.group(2) == name):
            names = [n.strip() for n in col.group(2).split(",")]
            current, indent = [col.group(3).strip()], len(col.group(1))
            columns.update({n: current[0] for n in names})
            continue
        if current is not None and stripped and len(line) - len(line.lstrip()) > indent:
            current.append(stripped)
            columns.update({n: " ".join(current) for n in names})
            continue
        current = None
        if stripped:
            summary.append(stripped)
    return _strip_name(" ".join(summary), name), columns


OWNER = re.compile(r"^\s*(\w+) \((?:table|view)\)")


def parse(text: str, file: str) -> list[SqlObject]:
    found = [
        (m.group(4), m.group(2).lower(), m.group(3), _header_lines(m.group(1))) for m in CREATE.finditer(text)
    ]
    headers = {name: lines for name, _k, _s, lines in found}
    # a header naming another object of the file ("x (table): ...") belongs to that object
    for name, _k, _s, lines in found:
        owner = OWNER.match(lines[0]) if lines else None
        if owner and owner.group(1) != name and owner.group(1) in headers and not headers[owner.group(1)]:
            headers[owner.group(1)], headers[name] = lines, []
    out = []
    for name, kind, schema, _lines in found:
        summary, columns = _describe(name, headers[name])
        out.append(SqlObject(name, kind, file, schema, summary, columns, headers[name]))
    return out


def read_all(files: list[Path]) -> dict[str, SqlObject]:
    """Every relation and macro the files create, by name (the last file to create a name wins)."""
    found: dict[str, SqlObject] = {}
    for f in files:
        for obj in parse(f.read_text(encoding="utf-8"), f.name):
            previous = found.get(obj.name)
            if previous is not None and not obj.summary:
                obj.summary = previous.summary
                obj.columns = {**previous.columns, **obj.columns}
            found[obj.name] = obj
    return found


def _comment(kind: str, target: str, text: str) -> str:
    return f"COMMENT ON {kind} {target} IS '" + " ".join(text.split()).replace("'", "''") + "';"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def comments_sql(docs: dict[str, SqlObject], columns: dict[str, list[str]], fallback: dict[str, str]) -> str:
    """``COMMENT ON`` statements for the tables and views the SQL files create.

    ``columns`` maps each relation to its column names (as the database reports them);
    ``fallback`` gives a description by column name for columns the relation's own header
    does not document (the descriptor's fields and the other headers, see
    :func:`column_fallbacks`). Views get ``COMMENT ON VIEW``, tables ``COMMENT ON TABLE``;
    a relation the SQL file creates in a schema (``internal.name``) is named with it.
    """
    out: list[str] = []
    for name in sorted(columns):
        obj = docs.get(name)
        if obj is None or obj.kind not in ("table", "view") or not obj.summary:
            continue
        target = f"{_ident(obj.schema)}.{_ident(name)}" if obj.schema else _ident(name)
        out.append(_comment(obj.kind.upper(), target, obj.summary))
        for col in columns[name]:
            text = obj.columns.get(col) or fallback.get(col)
            if text:
                out.append(_comment("COLUMN", f"{target}.{_ident(col)}", text))
    return "\n".join(out) + "\n"


def column_fallbacks(docs: dict[str, SqlObject], first: dict[str, str]) -> dict[str, str]:
    """A description per column name: ``first`` (the descriptor's fields), then the first
    header (in file order) that documents a column of that name."""
    out = dict(first)
    for obj in docs.values():
        for col, text in obj.columns.items():
            out.setdefault(col, text)
    return out
