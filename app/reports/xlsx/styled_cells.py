"""Styled cells for the regional report's write-only sheets, built once per workbook.

A style is registered with the workbook once (`_styled`): later cells of the same look copy its
index array instead of hashing fonts, fills and borders again for every cell.

Texts go through `text_cell`: cleaned by the one helper every workbook uses (`digest.safe_text`),
and forced to stay text where openpyxl would otherwise take them for a formula or an error code.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from app.i18n.formats import AVERAGE_PLACES, rounded
from app.reports.xlsx.digest import safe_text
from app.reports.xlsx.openpyxl_api import styled


def _share(fraction: float) -> float:
    """A share (0-1) as a "0%" cell shows it: the percentage rounded half-up, as the window and
    the brief show it (0.345 -> 35 %, where Excel, given 0.345, might show 34 %)."""
    return (rounded(fraction * 100) or 0.0) / 100


def text_cell(ws: WriteOnlyWorksheet, value: str | None) -> Any:
    """A text to append: plain when harmless (fast), a string-typed cell otherwise."""
    if not value:
        return None
    value = safe_text(value)
    if value[:1] == "=" or value in ERROR_CODES:
        cell = WriteOnlyCell(ws, value)
        cell.data_type = "s"
        return cell
    return value


class CellStyles:
    """The few styles a report uses, built once and shared by every cell."""

    def __init__(self) -> None:
        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.header_font = Font(bold=True)
        self.title_font = Font(bold=True, size=14)
        self.header_fill = PatternFill("solid", fgColor="D9D9D9")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.left_middle = Alignment(vertical="center", wrap_text=True)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.top = Alignment(vertical="top")
        self.top_right = Alignment(horizontal="right", vertical="top")
        self.top_left = Alignment(horizontal="left", vertical="top")
        self.rotated = Alignment(horizontal="center", vertical="bottom", wrap_text=True,
                                 text_rotation=90)
        self._fills: dict[str, PatternFill] = {}
        self._book: object = None
        self._arrays: dict[tuple[object, ...], StyleArray] = {}

    def fill(self, rgb: str) -> PatternFill:
        if rgb not in self._fills:
            self._fills[rgb] = PatternFill("solid", fgColor=rgb)
        return self._fills[rgb]

    def _styled(self, ws: WriteOnlyWorksheet, value: Any, key: tuple[object, ...],
                setup: Callable[[Cell], None]) -> Cell:
        """A cell with the look `setup` gives, set up once per workbook and copied after that."""
        cell = WriteOnlyCell(ws, value)
        if self._book is not ws.parent:
            self._book, self._arrays = ws.parent, {}
        array = self._arrays.get(key)
        if array is None:
            setup(cell)
            self._arrays[key] = copy(styled(cell)._style)
        else:
            styled(cell)._style = copy(array)
        return cell

    def title(self, ws: WriteOnlyWorksheet, value: str) -> Cell:
        def setup(cell: Cell) -> None:
            cell.font = self.title_font
        return self._styled(ws, value, ("title",), setup)

    def header(self, ws: WriteOnlyWorksheet, value: Any) -> Cell:
        def setup(cell: Cell) -> None:
            cell.font, cell.fill, cell.alignment = self.header_font, self.header_fill, self.wrap
            cell.border = self.border
        return self._styled(ws, value, ("header",), setup)

    def rotated_header(self, ws: WriteOnlyWorksheet, value: Any) -> Cell:
        """A header written upwards: a narrow figure column under a long name (a country, a
        status) keeps the sheet one page wide and the name whole."""
        def setup(cell: Cell) -> None:
            cell.font, cell.fill, cell.alignment = self.header_font, self.header_fill, self.rotated
            cell.border = self.border
        return self._styled(ws, value, ("rotated",), setup)

    def bold(self, ws: WriteOnlyWorksheet, value: Any) -> Cell:
        def setup(cell: Cell) -> None:
            cell.font = self.header_font
        return self._styled(ws, value, ("bold",), setup)

    def middle(self, ws: WriteOnlyWorksheet, value: Any) -> Cell:
        def setup(cell: Cell) -> None:
            cell.alignment = self.left_middle
        return self._styled(ws, value, ("middle",), setup)

    def percent(self, ws: WriteOnlyWorksheet, fraction: float | None, bold: bool = False) -> Any:
        """A share (0-1) shown as a percentage; empty when there is nothing to share."""
        if fraction is None:
            return None

        def setup(cell: Cell) -> None:
            cell.number_format = "0%"
            if bold:
                cell.font = self.header_font
        return self._styled(ws, _share(fraction), ("percent", bold), setup)

    def average(self, ws: WriteOnlyWorksheet, value: float | None, beside: bool = False) -> Any:
        """An average progress (0-100), rounded half-up and shown with its one decimal, as the
        window and the brief show it (35.3; 35.0, not 35); `beside` a caption, left-aligned."""
        if value is None or isinstance(value, Cell):
            return value

        def setup(cell: Cell) -> None:
            cell.number_format = "0." + "0" * AVERAGE_PLACES
            cell.alignment = self.top_left if beside else self.top
        return self._styled(ws, rounded(value, AVERAGE_PLACES), ("average", beside), setup)

    def beside(self, ws: WriteOnlyWorksheet, value: Any) -> Any:
        """A figure beside its caption (the cover sheet): top left, like the texts there."""
        if value is None or isinstance(value, Cell):
            return value

        def setup(cell: Cell) -> None:
            cell.alignment = self.top_left
        return self._styled(ws, value, ("beside",), setup)

    def number(self, ws: WriteOnlyWorksheet, value: Any, bold: bool = False) -> Cell:
        """A figure (or a short figure-like text, "4 / 5") at the top right of its cell, level
        with the first line of a wrapped title beside it."""
        def setup(cell: Cell) -> None:
            cell.alignment = self.top_right
            if bold:
                cell.font = self.header_font
        return self._styled(ws, value, ("number", bold), setup)

    def filled(self, ws: WriteOnlyWorksheet, value: Any, rgb: str) -> Cell:
        def setup(cell: Cell) -> None:
            cell.fill, cell.alignment, cell.border = self.fill(rgb), self.center, self.border
        return self._styled(ws, value, ("filled", rgb), setup)

    def wrapped(self, ws: WriteOnlyWorksheet, value: str, bold: bool = False) -> Any:
        safe = text_cell(ws, value)
        if safe is None:
            return None
        cell = safe if isinstance(safe, Cell) else WriteOnlyCell(ws, safe)
        cell.alignment = self.wrap
        if bold:
            cell.font = self.header_font
        return cell
