"""DuckDB table definitions derived from the table schemas (nothing restates a type by hand).

``integer`` -> BIGINT, ``number`` -> DOUBLE, ``boolean`` -> BOOLEAN, ``string`` -> VARCHAR;
``required`` -> NOT NULL; ``enum``, ``minimum``/``maximum`` and ``pattern`` -> CHECK;
``primaryKey`` -> PRIMARY KEY; ``uniqueKeys`` -> UNIQUE.

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


def create_table_sql(resource: Resource) -> str:
    """``CREATE TABLE`` for one resource."""
    cols = [column_sql(f, f.name in resource.primary_key) for f in resource.fields]
    if resource.primary_key:
        cols.append(f"PRIMARY KEY ({', '.join(quote_ident(k) for k in resource.primary_key)})")
    for key in resource.unique_keys:
        cols.append(f"UNIQUE ({', '.join(quote_ident(k) for k in key)})")
    body = ",\n  ".join(cols)
    return f"CREATE TABLE {quote_ident(resource.name)} (\n  {body}\n);"


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
    return (
        "CREATE TABLE package_info AS SELECT "
        f"{quote_literal(pkg.name)} AS name, {quote_literal(pkg.version)} AS version, "
        f"{quote_literal(str(pkg.raw.get('created', '')))} AS created;"
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
        "",
    ]
    for res in pkg.resources:
        path = res.path if relative else str(res.file)
        out += [create_table_sql(res), load_table_sql(res, path), ""]
    out.append(package_info_sql(pkg))
    out += ["", generated_views_sql(pkg)]
    return "\n".join(out)
