"""Run the command line in the test process and keep what it wrote.

``CliRunner().invoke(run, ["audit", "--format", "json"])`` calls :func:`coprod_data.cli.run`
with standard output and error captured (apart, and together in the order written), the
environment changed as ``env`` says for the call only (a value of ``None`` removes a
variable) and ``input`` as standard input. An exception the command does not handle is
kept in the result (exit code 1), as a crash of the real command would end it.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    output: str  # standard output and error, in the order written
    exception: BaseException | None = None
    exc_info: tuple[type[BaseException], BaseException, TracebackType | None] | None = None


class _Stream(io.StringIO):
    """One captured stream that also copies what it gets to the shared ``output``."""

    def __init__(self, both: io.StringIO) -> None:
        super().__init__()
        self.both = both

    def write(self, s: str) -> int:
        self.both.write(s)
        return super().write(s)

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


class CliRunner:
    def invoke(
        self,
        command: Callable[[Sequence[str]], int],
        args: Sequence[str] = (),
        *,
        env: Mapping[str, str | None] | None = None,
        input: str | None = None,
    ) -> Result:
        both = io.StringIO()
        out, err = _Stream(both), _Stream(both)
        saved_env = {k: os.environ.get(k) for k in (env or {})}
        saved = sys.stdin, sys.stdout, sys.stderr
        exception, exc_info, code = None, None, 1
        try:
            for key, value in (env or {}).items():
                _set_env(key, value)
            sys.stdin, sys.stdout, sys.stderr = io.StringIO(input or ""), out, err
            code = command(list(args))
        except Exception as exc:  # a crash: kept for the test to show
            exception, exc_info = exc, sys.exc_info()
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved
            for key, value in saved_env.items():
                _set_env(key, value)
        return Result(code, out.getvalue(), err.getvalue(), both.getvalue(), exception, exc_info)  # type: ignore[arg-type]


def _set_env(key: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(key, None)
    else:
        os.environ[key] = value
