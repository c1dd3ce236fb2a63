"""Write cells fast and safely: styles built once, and every text written as text, never a formula.

openpyxl turns a string that starts with "=" into a formula (and "#N/A" into an error) when it is
assigned to a cell. A narrative such as "=SUM(A1)" or "+7 701 …" must come back exactly as typed, so
cells are made here with their value and type set directly: strings are always type "s". Editable
text cells also get the "@" (Text) number format, so what a colleague types in Excel stays text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from app.reports.digest import safe_text
from app.reports.submission_format import Kind

DATE_FORMAT = "yyyy-mm-dd"
FONT = "Arial"
HEADER_FILL = "1F4E79"
EDITABLE_FILL = "FFF7D6"
KEY_FILL = "EDF1F7"
_THIN = Side(style="thin", color="B7C3D0")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)


def _style_specs() -> dict[str, dict[str, Any]]:
    """Every style the workbook uses, by name.

    Arial throughout: every Windows has it, and LibreOffice maps it to one metric-compatible
    family, where a missing Calibri falls back to different fonts for bold and regular.
    """
    locked, unlocked = Protection(locked=True), Protection(locked=False)
    plain, bold = Font(name=FONT, size=10), Font(name=FONT, size=10, bold=True)
    editable = {"font": plain, "fill": PatternFill("solid", fgColor=EDITABLE_FILL), "border": _BORDER,
                "alignment": _TOP_WRAP, "protection": unlocked}
    context = {"font": plain, "border": _BORDER, "alignment": _TOP_WRAP, "protection": locked}
    key = {**context, "fill": PatternFill("solid", fgColor=KEY_FILL), "font": bold}
    return {
        "title": {"font": Font(name=FONT, bold=True, size=16, color=HEADER_FILL)},
        "subtitle": {"font": Font(name=FONT, bold=True, size=12)},
        "label": {"font": bold, "alignment": _TOP_WRAP},
        "value": {"font": plain,
                  "alignment": Alignment(vertical="top", horizontal="left", wrap_text=True)},
        "note": {"font": Font(name=FONT, size=10, italic=True, color="404040"),
                 "alignment": _TOP_WRAP},
        "digest": {"font": Font(name="Consolas", size=9), "alignment": _TOP_WRAP},
        "header": {"font": Font(name=FONT, size=10, bold=True, color="FFFFFF"), "border": _BORDER,
                   "fill": PatternFill("solid", fgColor=HEADER_FILL),
                   "alignment": Alignment(vertical="center", wrap_text=True)},
        # Wrapped, so a fingerprint in its hidden column never spills into a visible neighbour.
        "machine": {"font": Font(name=FONT, color="808080", size=8),
                    "alignment": Alignment(vertical="top", wrap_text=True)},
        "key": key,
        "key_date": {**key, "number_format": DATE_FORMAT},
        "context": context,
        "context_date": {**context, "number_format": DATE_FORMAT},
        "context_number": {**context, "number_format": "General"},
        "context_decimal": {**context, "number_format": "0.0"},
        "edit_text": {**editable, "number_format": "@"},
        "edit_date": {**editable, "number_format": DATE_FORMAT},
        "edit_number": {**editable, "number_format": "General"},
        "edit_integer": {**editable, "number_format": "0"},
    }


def _cells_to_row(cells: list[Cell | None], row_index: int) -> Iterator[Cell]:
    for column, cell in enumerate(cells, 1):
        if cell is not None:
            cell.row, cell.column = row_index, column
            yield cell


class CellMaker:
    """Makes cells of one write-only worksheet, each with a precomputed style.

    Rows appended to the worksheet must be lists of these cells (or None): the worksheet's own
    value-to-cell conversion is replaced by one that takes the cells as they are, which is both
    what keeps texts as text and what makes writing fast (pinned openpyxl; see requirements.txt).
    """

    def __init__(self, workbook: Workbook, worksheet: WriteOnlyWorksheet,
                 styles: dict[str, StyleArray]) -> None:
        self.workbook = workbook
        self.ws = worksheet
        self.styles = styles
        worksheet._values_to_row = _cells_to_row  # type: ignore[method-assign]

    def cell(self, value: Any, style: str) -> Cell:
        """A cell holding `value` as the type it is: str → text, int/float → number, date → date."""
        cell = Cell(self.ws, style_array=self.styles[style])
        if value is None or value == "":
            return cell
        if isinstance(value, str):
            cell._value = safe_text(value)
            cell.data_type = "s"
        elif isinstance(value, bool):
            cell._value = value
            cell.data_type = "b"
        elif isinstance(value, int | float):
            cell._value = value
            cell.data_type = "n"
        elif isinstance(value, dt.date):
            cell._value = value
            cell.data_type = "d"
        else:
            cell._value = safe_text(str(value))
            cell.data_type = "s"
        return cell


def build_styles(workbook: Workbook, sample: WriteOnlyWorksheet) -> dict[str, StyleArray]:
    """Register every named style with the workbook once; cells then copy a small array."""
    styles = {}
    for name, spec in _style_specs().items():
        prototype = Cell(sample)
        for attribute, value in spec.items():
            setattr(prototype, attribute, value)
        styles[name] = StyleArray(prototype._style)
    return styles


def data_style(kind: Kind, editable: bool, key: bool = False) -> str:
    """The style of a sheet cell of a column kind: editable (unlocked, shaded) or not."""
    if key:
        return "key_date" if kind == Kind.DATE else "key"
    if not editable:
        if kind == Kind.DATE:
            return "context_date"
        if kind in (Kind.NUMBER, Kind.PERCENT, Kind.INTEGER):
            return "context_number"
        return "context"
    if kind == Kind.DATE:
        return "edit_date"
    if kind in (Kind.PERCENT, Kind.INTEGER):
        return "edit_integer"
    if kind in (Kind.NUMBER, Kind.VALUE):
        return "edit_number"
    return "edit_text"
