"""pandera schemas derived from the Frictionless table schemas, plus the checks a table schema cannot say.

The converter maps each Frictionless field to a pandera column (one mapping per
rule, each unit-tested):

* ``integer`` -> nullable ``Int64``; ``number`` -> ``Float64``; ``boolean`` -> ``boolean``;
  ``string`` -> ``string``, or ``category`` for identifier columns (see :func:`is_categorical`);
* ``required`` -> not nullable; ``unique`` -> unique;
* ``minimum``/``maximum`` -> ``in_range``/``ge``/``le``; ``pattern`` -> a check named
  ``str_matches`` that matches in full with RE2 (as the reader and DuckDB do: linear
  time, ASCII ``\\d``), not Python's backtracking ``re``;
  ``enum`` -> categorical with the enum as its categories, plus ``isin``;
* ``primaryKey`` -> unique over its columns and not nullable;
* ``uniqueKeys`` (Data Package v2; not checked by Frictionless 5) -> a frame-level check per key.

Cross-row checks live in :mod:`coprod_data.checks`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa

from coprod_data.package import Field, Resource, compile_pattern

PANDAS_DTYPES = {
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "string": "string",
}


def is_categorical(resource: Resource, field: Field) -> bool:
    """Whether a field loads as a pandas categorical.

    Enum fields, single-column foreign keys and the single-column primary key of a
    dimension or reference resource are categoricals; free text and the unique
    ``figure_id``/``claim_id`` of fact rows stay strings.
    """
    if field.type != "string":
        return False
    if field.enum is not None:
        return True
    if resource.primary_key != (field.name,) and any(
        fk.fields == (field.name,) for fk in resource.foreign_keys
    ):
        return True
    return resource.kind in {"dimension", "reference"} and resource.primary_key == (field.name,)


def pandas_dtype(resource: Resource, field: Field) -> Any:
    """The pandas dtype a field loads as."""
    if is_categorical(resource, field):
        if field.enum is not None:
            return pd.CategoricalDtype(categories=list(field.enum), ordered=False)
        return "category"
    try:
        return PANDAS_DTYPES[field.type]
    except KeyError:
        raise ValueError(f"field {field.name!r} has unsupported type {field.type!r}") from None


def checks_for(field: Field) -> list[pa.Check]:
    """pandera checks for a field's Frictionless constraints (other than required/unique)."""
    c = field.constraints
    checks: list[pa.Check] = []
    lo, hi = c.get("minimum"), c.get("maximum")
    if lo is not None and hi is not None:
        checks.append(pa.Check.in_range(lo, hi))
    elif lo is not None:
        checks.append(pa.Check.ge(lo))
    elif hi is not None:
        checks.append(pa.Check.le(hi))
    if "pattern" in c:
        compiled = compile_pattern(c["pattern"])
        checks.append(
            pa.Check(
                lambda s: (
                    s.astype("object").map(lambda v: compiled.fullmatch(str(v)) is not None).astype(bool)
                ),
                name="str_matches",
                error=f"str_matches({c['pattern']!r})",
            )
        )
    if "minLength" in c:
        checks.append(pa.Check.str_length(min_value=c["minLength"]))
    if "maxLength" in c:
        checks.append(pa.Check.str_length(max_value=c["maxLength"]))
    if field.enum is not None:
        checks.append(pa.Check.isin(list(field.enum)))
    return checks


def column_for(resource: Resource, field: Field) -> pa.Column:
    """The pandera column for one field."""
    in_pk = field.name in resource.primary_key
    return pa.Column(
        pandas_dtype(resource, field),
        checks=checks_for(field),
        nullable=not (field.required or in_pk),
        unique=bool(field.constraints.get("unique")) or resource.primary_key == (field.name,),
        required=True,
        coerce=False,
        description=field.description or None,
        title=field.name,
    )


def schema_for(resource: Resource) -> pa.DataFrameSchema:
    """The pandera schema of one resource, derived from its table schema.

    Examples:
        >>> from coprod_data.package import read_package
        >>> s = schema_for(read_package().resource("regions"))
        >>> list(s.columns)[:2]
        ['region_id', 'label']
    """
    columns = {f.name: column_for(resource, f) for f in resource.fields}
    pk = list(resource.primary_key)
    return pa.DataFrameSchema(
        columns,
        checks=[unique_key_check(key) for key in resource.unique_keys],
        strict=True,
        ordered=True,
        unique=pk if len(pk) > 1 else None,
        name=resource.name,
        description=resource.description or None,
    )


def unique_key_check(key: tuple[str, ...]) -> pa.Check:
    """A Data Package v2 ``uniqueKeys`` entry: no two rows share these values (missing counts as a value)."""
    cols = list(key)
    return pa.Check(
        lambda df: ~df[cols].astype("object").duplicated(keep=False), name=f"unique_key({', '.join(cols)})"
    )
