"""DuckDB table definitions derived from the table schemas (nothing restates a type by hand).

``integer`` -> BIGINT, ``number`` -> DOUBLE, ``boolean`` -> BOOLEAN, ``string`` -> VARCHAR;
``required`` -> NOT NULL; ``enum``, ``minimum``/``maximum`` and ``pattern`` -> CHECK;
``primaryKey`` -> PRIMARY KEY; ``uniqueKeys`` -> UNIQUE; ``foreignKeys`` -> FOREIGN KEY
(except a resource referring to itself: DuckDB checks a reference against the rows already in
the table, so a parent and its child inserted by one statement would be refused);
resource and field descriptions -> ``COMMENT ON TABLE/COLUMN``. Tables are created in
dependency order (:func:`in_dependency_order`), so a referenced table always exists first.

The Python build (:func:`coprod_data.db.connect`) creates the tables with
:func:`create_table_sql` and inserts the typed values the package's reader checked
(:func:`coprod_data.reading.insert_tables`); DuckDB never parses the CSV files there. The
committed ``sql/000_tables.sql`` (:func:`build_tables_sql`, for the duckdb CLI without
Python) loads them with ``read_csv`` and explicit column types instead.
"""

from __future__ import annotations

from coprod_data.checkdata import generated_views_sql
from coprod_data.package import Field, Package, Resource

SQL_TYPES = {"integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "string": "VARCHAR"}


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def column_sql(field: Field, in_pk: bool) -> str:
    """One column definition with its NOT NULL and CHECK clauses."""
    parts = [quote_ident(field.name), SQL_TYPES[field.type]]
    if field.required or in_pk:
        parts.append("NOT NULL")
    c = field.constraints
    col = quote_ident(field.name)
    if field.enum is not None:
        parts.append(f"CHECK ({col} IN ({', '.join(quote_literal(v) for v in field.enum)}))")
    if "minimum" in c:
        parts.append(f"CHECK ({col} >= {quote_literal(c['minimum'])})")
    if "maximum" in c:
        parts.append(f"CHECK ({col} <= {quote_literal(c['maximum'])})")
    if "pattern" in c:
        parts.append(f"CHECK (regexp_full_match({col}, {quote_literal(c['pattern'])}))")
    return " ".join(parts)


def create_table_sql(resource: Resource, *, foreign_keys: bool = True) -> str:
    """``CREATE TABLE`` for one resource (without its foreign keys if ``foreign_keys`` is false)."""
    cols = [column_sql(f, f.name in resource.primary_key) for f in resource.fields]
    if resource.primary_key:
        cols.append(f"PRIMARY KEY ({', '.join(quote_ident(k) for k in resource.primary_key)})")
    for key in resource.unique_keys:
        cols.append(f"UNIQUE ({', '.join(quote_ident(k) for k in key)})")
    for fk in resource.foreign_keys if foreign_keys else ():
        if fk.resource == resource.name:
            continue
        cols.append(
            f"FOREIGN KEY ({', '.join(quote_ident(k) for k in fk.fields)}) REFERENCES "
            f"{quote_ident(fk.resource)} ({', '.join(quote_ident(k) for k in fk.reference_fields)})"
        )
    body = ",\n  ".join(cols)
    return f"CREATE TABLE {quote_ident(resource.name)} (\n  {body}\n);"


def comment_sql(kind: str, target: str, text: str) -> str:
    """``COMMENT ON kind target IS 'text'`` (whitespace folded to single spaces)."""
    return f"COMMENT ON {kind} {target} IS {quote_literal(' '.join(text.split()))};"


def table_comments_sql(resource: Resource) -> str:
    """The resource's description on its table, each field's description on its column."""
    name = quote_ident(resource.name)
    out = [comment_sql("TABLE", name, resource.description or resource.title)]
    for f in resource.fields:
        if f.description:
            out.append(comment_sql("COLUMN", f"{name}.{quote_ident(f.name)}", f.description))
    return "\n".join(out)


def in_dependency_order(pkg: Package) -> list[Resource]:
    """The resources, each after every other resource it refers to (descriptor order otherwise).

    Raises ``ValueError`` on a cycle of references (self-references excepted).
    """
    by_name = {r.name: r for r in pkg.resources}
    done: dict[str, Resource] = {}
    visiting: set[str] = set()

    def visit(res: Resource) -> None:
        if res.name in done:
            return
        if res.name in visiting:
            raise ValueError(f"foreign keys form a cycle through {res.name!r}")
        visiting.add(res.name)
        for fk in res.foreign_keys:
            if fk.resource != res.name and fk.resource in by_name:
                visit(by_name[fk.resource])
        visiting.discard(res.name)
        done[res.name] = res

    for res in pkg.resources:
        visit(res)
    return list(done.values())


def drop_tables_sql(pkg: Package) -> str:
    """``DROP TABLE IF EXISTS`` for every table the script creates, referring tables first,
    so the script can run again on the same database file."""
    names = ["package_info"] + [r.name for r in reversed(in_dependency_order(pkg))]
    return "\n".join(f"DROP TABLE IF EXISTS {quote_ident(n)};" for n in names)


def load_table_sql(resource: Resource, csv_path: str) -> str:
    """``INSERT ... SELECT`` reading the resource's CSV with the declared types."""
    columns = ", ".join(
        f"{quote_literal(f.name)}: {quote_literal(SQL_TYPES[f.type])}" for f in resource.fields
    )
    return (
        f"INSERT INTO {quote_ident(resource.name)} SELECT * FROM read_csv({quote_literal(csv_path)}, "
        f"header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
        f"columns = {{{columns}}});"
    )


def package_info_sql(pkg: Package) -> str:
    """A one-row ``package_info`` table stamping the data version into the database."""
    return "\n".join(
        [
            "CREATE TABLE package_info AS SELECT "
            f"{quote_literal(pkg.name)} AS name, {quote_literal(pkg.version)} AS version, "
            f"{quote_literal(str(pkg.raw.get('created', '')))} AS created;",
            comment_sql("TABLE", "package_info", "The data package this database was built from."),
            comment_sql("COLUMN", "package_info.name", "The data package's name."),
            comment_sql("COLUMN", "package_info.version", "The data package's version."),
            comment_sql("COLUMN", "package_info.created", "When the data package was created."),
        ]
    )


def build_tables_sql(pkg: Package, *, relative: bool) -> str:
    """The whole table script for the duckdb CLI: every resource created and loaded with
    ``read_csv``, then ``package_info``.

    With ``relative`` the CSV paths are relative to the repository root (for the
    committed ``sql/000_tables.sql``); otherwise absolute. ``read_csv`` expands glob
    characters in a path and parses the CSV its own way, so the Python build does not use
    this script (see the module docstring); run ``coprod-data validate`` first.
    """
    out = [
        "-- Generated from datapackage.json by coprod_data.ddl: do not edit by hand.",
        "-- Creates and loads one table per resource; run from the repository root.",
        "-- Drops the tables first, so it can run again on the same database file.",
        "",
        drop_tables_sql(pkg),
        "",
    ]
    for res in in_dependency_order(pkg):
        path = res.path if relative else str(res.file)
        out += [create_table_sql(res), table_comments_sql(res), load_table_sql(res, path), ""]
    out.append(package_info_sql(pkg))
    out += ["", generated_views_sql(pkg)]
    return "\n".join(out)
