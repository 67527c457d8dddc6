"""The command-line runner of the tests: typer's ``CliRunner``, minus a leak.

A usage error (a bad ``--status``) makes typer's value coercion raise through pydantic-core,
whose ``ValidationError`` (not tracked by the garbage collector) holds the validator's
exception, whose traceback's frames lead back to it: a reference cycle the collector cannot
see. The frames stay alive to the end of the interpreter, and with them modules that hold
DuckDB objects, so nanobind prints "leaked instance" messages at exit after the last test.
Dropping that inner exception's traceback once a run is over breaks the cycle (and clearing
the frames of the result's exceptions frees what they held); the exceptions themselves
(type, message, traceback lines) are kept for assertions.
"""

from __future__ import annotations

import traceback
from typing import Any

from typer.testing import CliRunner as _TyperRunner
from typer.testing import Result


def clear_exception_frames(exc: BaseException | None) -> None:
    """Clear the local variables of every frame in ``exc``'s traceback, its cause and context."""
    seen: set[int] = set()
    pending = [exc]
    while pending:
        e = pending.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        traceback.clear_frames(e.__traceback__)
        for inner in _wrapped(e):  # the cycle's own edge: its traceback leads back to e
            traceback.clear_frames(inner.__traceback__)
            inner.__traceback__ = None
        pending += [e.__cause__, e.__context__]


def _wrapped(exc: BaseException) -> list[BaseException]:
    """The exceptions a pydantic ``ValidationError`` holds in its errors' context (where the
    frames of the cycle are), and none for any other exception."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return []
    try:
        details = errors()
    except Exception:  # not pydantic's errors(): nothing to follow
        return []
    found = [(d.get("ctx") or {}).get("error") for d in details if isinstance(d, dict)]
    return [e for e in found if isinstance(e, BaseException)]


class CliRunner(_TyperRunner):
    def invoke(self, *args: Any, **kwargs: Any) -> Result:  # type: ignore[override]
        result = super().invoke(*args, **kwargs)
        if result.exc_info is not None:
            clear_exception_frames(result.exc_info[1])
        return result
