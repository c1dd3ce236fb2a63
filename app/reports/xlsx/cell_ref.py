"""Where a cell is and what is wrong with it: the one form every workbook reader reports a bad cell in."""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import _


@dataclass(frozen=True)
class CellRef:
    """Where something is in the workbook, as a person finds it: sheet tab, row, column letter."""

    sheet: str
    row: int
    column: str
    header: str

    def __str__(self) -> str:
        return _("{sheet}, row {row}, column {column} ({header})").format(
            sheet=self.sheet, row=self.row, column=self.column, header=self.header)


@dataclass(frozen=True)
class CellError:
    """A cell that cannot be taken as it is, with the reason in the user's language."""

    where: CellRef
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"
