"""Reading a user's files and printing a user's text without surprises.

Two small jobs every command shares:

* :func:`read_regular_file` reads a file only when it is a regular file of bounded
  size: a FIFO would block for ever, ``/dev/zero`` would fill memory, a symbolic-link
  loop would raise an odd error. Each becomes one :class:`CoprodDataError`.
* :func:`printable` turns text taken from data or from a path into text that is safe
  to print on a terminal: control characters (escape sequences among them) are shown
  as ``\\x1b``-style escapes, and :func:`markup_safe` also escapes rich's ``[...]`` markup.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from coprod_data.errors import CoprodDataError

MAX_DESCRIPTOR_BYTES = 10_000_000  # a datapackage.json larger than this is refused

# C0 controls but tab and newline, DEL, and the C1 controls (CSI = \x9b among them).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _why(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    if exc.errno == errno.ENOENT:
        return "no such file"
    return exc.strerror or str(exc)


def check_regular_file(path: Path, *, max_bytes: int, what: str) -> int:
    """Size of ``path`` when it is a regular file no larger than ``max_bytes`` (links followed).

    Raises :class:`CoprodDataError` naming the file otherwise: missing, a loop of
    links, a folder, a FIFO, a device or socket, or too large.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise CoprodDataError(f"no such file (expected a {what})", file=str(path)) from None
    except OSError as exc:
        raise CoprodDataError(f"cannot read the {what}: {_why(exc)}", file=str(path)) from None
    except ValueError:  # an embedded NUL byte
        raise CoprodDataError(
            f"cannot read the {what}: the name holds a NUL byte", file=repr(str(path))
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise CoprodDataError(f"is a folder, not a {what}", file=str(path))
    if not stat.S_ISREG(info.st_mode):
        raise CoprodDataError(
            f"is not a regular file (a FIFO, device or socket); expected a {what}", file=str(path)
        )
    if info.st_size > max_bytes:
        raise CoprodDataError(
            f"is larger than {max_bytes:,} bytes; refusing to read it as a {what}", file=str(path)
        )
    return info.st_size


def read_regular_file(path: Path, *, max_bytes: int = MAX_DESCRIPTOR_BYTES, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, or one :class:`CoprodDataError`.

    The file is opened without blocking, so a file swapped for a FIFO after the check
    cannot hang the read, and at most ``max_bytes + 1`` bytes are read.
    """
    check_regular_file(path, max_bytes=max_bytes, what=what)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise CoprodDataError(f"cannot read the {what}: {_why(exc)}", file=str(path)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise CoprodDataError(f"is not a regular file; expected a {what}", file=str(path))
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise CoprodDataError(f"cannot read the {what}: {_why(exc)}", file=str(path)) from None
    finally:
        os.close(fd)
    if size > max_bytes:
        raise CoprodDataError(
            f"is larger than {max_bytes:,} bytes; refusing to read it as a {what}", file=str(path)
        )
    return b"".join(chunks)


def printable(text: object) -> str:
    """``text`` with every terminal control character shown as an escape (``\\x1b``, ``\\x9b``).

    Examples:
        >>> printable("red\\x1b[31m")
        'red\\\\x1b[31m'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f]")  # json.dumps escapes C0 itself; DEL and C1 too, here


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps``) with DEL and the C1 controls (CSI = ``\\x9b``) written as
    ``\\u`` escapes, so that no terminal control reaches a terminal even with ``ensure_ascii=False``.

    Examples:
        >>> json_safe('"a\\x9b[2J"')
        '"a\\\\u009b[2J"'
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def markup_safe(text: object) -> str:
    """``text`` safe for rich: control characters escaped and ``[...]`` markup shown as typed.

    Examples:
        >>> from rich.text import Text
        >>> Text.from_markup(markup_safe("[red on red]hidden[/red on red]")).plain
        '[red on red]hidden[/red on red]'
    """
    from rich.markup import escape

    return escape(printable(text))
