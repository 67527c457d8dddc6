"""The SQL header parser now lives in the package (:mod:`coprod_data.sqldocs`), which also
turns the headers into ``COMMENT ON`` statements; the site imports it from here."""

from coprod_data.sqldocs import COLUMN_LINE, CREATE, SqlObject, parse, read_all

__all__ = ["COLUMN_LINE", "CREATE", "SqlObject", "parse", "read_all"]
