"""The one exception type users see, naming file, row and field where they apply."""

from __future__ import annotations


class CoprodDataError(Exception):
    """A problem with a user's data, descriptor, query or arguments.

    The message is written for people: it names the file, the row (the line
    number in the CSV, header = line 1) and the field where they are known.

    Examples:
        >>> str(CoprodDataError("not an integer: 'x'", file="resources/counts.csv", row=3, field="value"))
        "resources/counts.csv, row 3, field 'value': not an integer: 'x'"
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.field = field
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field {self.field!r}")
        return f"{', '.join(where)}: {self.message}" if where else self.message
