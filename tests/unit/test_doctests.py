"""The examples in the docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "coprod_data",
    "coprod_data.paths",
    "coprod_data.errors",
    "coprod_data.package",
    "coprod_data.schemas",
    "coprod_data.checks",
    "coprod_data.loading",
    "coprod_data.validation",
    "coprod_data.rounding",
    "coprod_data.auditing",
    "coprod_data.db",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
