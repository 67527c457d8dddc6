"""The Frictionless -> pandera converter: one test per mapping rule."""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pytest

from coprod_data.package import Field, ForeignKey, Resource, read_package
from coprod_data.schemas import column_for, is_categorical, pandas_dtype, schema_for


def make_resource(*fields: Field, pk=("id",), fks=(), kind="fact") -> Resource:
    return Resource(
        name="t",
        path="t.csv",
        title="t",
        description="",
        kind=kind,
        fields=(Field("id", "string"), *fields),
        primary_key=tuple(pk),
        foreign_keys=tuple(fks),
        hash=None,
        bytes=None,
        base=None,
    )  # type: ignore[arg-type]


def frame(**cols) -> pd.DataFrame:
    return pd.DataFrame(
        {"id": pd.Series([f"r{i}" for i in range(len(next(iter(cols.values()))))], dtype="string"), **cols}
    )


def test_integer_maps_to_nullable_int64():
    res = make_resource(Field("n", "integer"))
    assert pandas_dtype(res, res.field("n")) == "Int64"
    schema_for(res).validate(frame(n=pd.Series([1, None], dtype="Int64")))


def test_number_maps_to_float64_and_boolean_to_boolean():
    res = make_resource(Field("x", "number"), Field("b", "boolean"))
    assert pandas_dtype(res, res.field("x")) == "Float64"
    assert pandas_dtype(res, res.field("b")) == "boolean"


def test_required_field_is_not_nullable():
    res = make_resource(Field("n", "integer", constraints={"required": True}))
    with pytest.raises(pandera.errors.SchemaError):
        schema_for(res).validate(frame(n=pd.Series([1, None], dtype="Int64")))


def test_minimum_and_maximum_map_to_in_range():
    res = make_resource(Field("p", "integer", constraints={"minimum": 0, "maximum": 100}))
    schema_for(res).validate(frame(p=pd.Series([0, 100], dtype="Int64")))
    with pytest.raises(pandera.errors.SchemaError, match="in_range"):
        schema_for(res).validate(frame(p=pd.Series([0, 101], dtype="Int64")))


def test_minimum_alone_maps_to_greater_or_equal():
    res = make_resource(Field("c", "integer", constraints={"minimum": 0}))
    with pytest.raises(pandera.errors.SchemaError, match="greater_than_or_equal_to"):
        schema_for(res).validate(frame(c=pd.Series([-1], dtype="Int64")))


def test_pattern_maps_to_str_matches():
    res = make_resource(Field("code", "string", constraints={"pattern": r"^E\d{2}$"}))
    schema_for(res).validate(frame(code=pd.Series(["E12"], dtype="string")))
    with pytest.raises(pandera.errors.SchemaError, match="str_matches"):
        schema_for(res).validate(frame(code=pd.Series(["X12"], dtype="string")))


def test_enum_maps_to_categorical_with_declared_categories_and_isin():
    res = make_resource(Field("phase", "string", constraints={"enum": ["pre", "post"]}))
    dtype = pandas_dtype(res, res.field("phase"))
    assert isinstance(dtype, pd.CategoricalDtype) and list(dtype.categories) == ["pre", "post"]
    schema_for(res).validate(frame(phase=pd.Series(["pre", "post"], dtype=dtype)))
    bad = pd.Series(["pre", "during"], dtype="category")
    with pytest.raises(pandera.errors.SchemaError):
        schema_for(res).validate(frame(phase=bad))


def test_unique_constraint_maps_to_unique_column():
    res = make_resource(Field("u", "string", constraints={"unique": True}))
    assert column_for(res, res.field("u")).unique
    with pytest.raises(pandera.errors.SchemaError):
        schema_for(res).validate(frame(u=pd.Series(["a", "a"], dtype="string")))


def test_single_primary_key_is_unique_and_not_nullable():
    res = make_resource()
    col = column_for(res, res.field("id"))
    assert col.unique and not col.nullable
    with pytest.raises(pandera.errors.SchemaError):
        schema_for(res).validate(pd.DataFrame({"id": pd.Series(["a", "a"], dtype="string")}))


def test_compound_primary_key_is_unique_over_its_columns():
    res = make_resource(Field("k", "string"), pk=("id", "k"))
    df = pd.DataFrame(
        {"id": pd.Series(["a", "a"], dtype="string"), "k": pd.Series(["x", "x"], dtype="string")}
    )
    with pytest.raises(pandera.errors.SchemaError):
        schema_for(res).validate(df)


def test_foreign_key_and_dimension_key_columns_are_categorical():
    res = make_resource(Field("g", "string"), fks=[ForeignKey(("g",), "groups", ("g",))])
    assert is_categorical(res, res.field("g"))
    assert not is_categorical(res, res.field("id"))  # a fact's own id stays a string
    dim = make_resource(kind="dimension")
    assert is_categorical(dim, dim.field("id"))


def test_schema_is_strict_about_columns():
    res = make_resource(Field("n", "integer"))
    df = frame(n=pd.Series([1], dtype="Int64")).assign(extra=1)
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        schema_for(res).validate(df)


def test_every_descriptor_field_has_a_column_with_matching_nullability():
    """Drift test: the derived schemas agree with datapackage.json field by field."""
    pkg = read_package()
    for res in pkg.resources:
        schema = schema_for(res)
        assert list(schema.columns) == res.field_names
        for f in res.fields:
            col = schema.columns[f.name]
            assert col.nullable == (not f.required and f.name not in res.primary_key), (res.name, f.name)
