"""Hypothesis strategies built from the table schemas: valid rows of any resource."""

from __future__ import annotations

import re
import string

import pandas as pd
from hypothesis import strategies as st

from coprod_data.package import Field, Resource
from coprod_data.schemas import pandas_dtype

SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
    min_size=1,
    max_size=30,
).filter(lambda s: s == s.strip() and s != "")


def value_strategy(field: Field) -> st.SearchStrategy:
    """Values that satisfy a field's type and constraints."""
    c = field.constraints
    if field.enum is not None:
        return st.sampled_from(list(field.enum))
    if field.type == "integer":
        return st.integers(min_value=c.get("minimum", -(10**6)), max_value=c.get("maximum", 10**6))
    if field.type == "number":
        return st.floats(
            min_value=c.get("minimum", -1e6),
            max_value=c.get("maximum", 1e6),
            allow_nan=False,
            allow_infinity=False,
        ).map(lambda x: round(x, 3))
    if field.type == "boolean":
        return st.booleans()
    if "pattern" in c:
        # an empty cell means "missing" in the package's CSV dialect, so text is never empty;
        # patterns are matched by RE2, whose \d, \w and \s are ASCII (Python's re.ASCII)
        return st.from_regex(re.compile(c["pattern"], re.ASCII), fullmatch=True).filter(
            lambda s: s != "" and s == s.strip() and "\n" not in s
        )
    return SAFE_TEXT


def cell_strategy(field: Field, in_pk: bool) -> st.SearchStrategy:
    values = value_strategy(field)
    if field.required or in_pk:
        return values
    return st.one_of(st.none(), values)


def frames(resource: Resource, max_rows: int = 8) -> st.SearchStrategy[pd.DataFrame]:
    """DataFrames of valid rows for a resource, typed as the loader types them."""
    row = st.fixed_dictionaries(
        {f.name: cell_strategy(f, f.name in resource.primary_key) for f in resource.fields}
    )
    unique_cols = [
        f.name for f in resource.fields if f.constraints.get("unique") or (f.name,) == resource.primary_key
    ]
    keys = [lambda r, n=n: r[n] for n in unique_cols]
    keys += [lambda r, k=k: tuple(r[c] for c in k) for k in resource.unique_keys]
    rows = st.lists(row, min_size=1, max_size=max_rows, unique_by=tuple(keys) or None)

    def build(records):
        data = {
            f.name: pd.Series([r[f.name] for r in records], dtype=pandas_dtype(resource, f))
            for f in resource.fields
        }
        frame = pd.DataFrame(data)
        frame.index = pd.RangeIndex(2, len(records) + 2, name="row")
        return frame

    return rows.map(build)


def violation(field: Field) -> object | None:
    """A value that breaks one of the field's declared constraints, or None when there is none to break."""
    c = field.constraints
    if field.enum is not None:
        return "not-in-enum" if field.type == "string" else None
    if "maximum" in c:
        return c["maximum"] + 1
    if "minimum" in c:
        return c["minimum"] - 1
    if "pattern" in c:
        return "!" + string.punctuation
    return None
