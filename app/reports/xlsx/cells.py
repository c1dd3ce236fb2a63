"""Write cells fast and safely: styles built once, rows rendered straight to XML, texts kept as text.

openpyxl turns a string that starts with "=" into a formula (and "#N/A" into an error) when it is
assigned to a cell. A narrative such as "=SUM(A1)" or "+7 701 …" must come back exactly as typed, so
cells never go through that assignment: a `RowWriter` renders each row's XML itself, strings always
as inline strings (type "s"), numbers and dates as numbers. That is also what makes the export
fast: openpyxl's per-cell element serialisation is most of the cost of writing a sheet. Everything
else (styles, validations, protection, charts, the package) is still openpyxl's. Editable text cells
get the "@" (Text) number format too, so what a colleague types in Excel stays text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from app.reports.xlsx.columns import Kind
from app.reports.xlsx.digest import safe_text
from app.reports.xlsx.number_locale import date_format, localized
from app.reports.xlsx.openpyxl_api import book_internals, fast_sheet, styled, to_excel

FONT = "Arial"
HEADER_FILL = "1F4E79"
EDITABLE_FILL = "FFF7D6"
KEY_FILL = "EDF1F7"
_THIN = Side(style="thin", color="B7C3D0")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)


def _style_specs(language: str | None = None) -> dict[str, dict[str, Any]]:
    """Every style the workbook uses, by name; numbers formatted in `language`'s conventions.

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
        "machine": {"font": Font(name=FONT, color="707070", size=8),  # grey, yet 4.9:1 on white
                    "alignment": Alignment(vertical="top", wrap_text=True)},
        "key": key,
        "key_date": {**key, "number_format": date_format(language)},
        "context": context,
        "context_date": {**context, "number_format": date_format(language)},
        "context_number": {**context, "number_format": localized("General", language)},
        "context_decimal": {**context, "number_format": localized("0.0", language)},
        "edit_text": {**editable, "number_format": "@"},
        "edit_date": {**editable, "number_format": date_format(language)},
        "edit_number": {**editable, "number_format": localized("General", language)},
        "edit_integer": {**editable, "number_format": "0"},
    }


#: A rendered cell: (value as XML text or None, style id, type: "s" text, "n" number).
CellValue = tuple[str | None, int, str]
_LETTERS = [""] + [get_column_letter(i) for i in range(1, 201)]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class RowWriter:
    """Appends rows of rendered cells to one write-only worksheet, with heights and hidden rows.

    Used by the submission's sheets and the regional report's commitments sheet; for cells of
    style 0 (the default look) holding texts or whole numbers it writes the XML openpyxl would.
    Set the sheet up (widths, frozen panes, page) before the first row: openpyxl writes the top of
    the sheet at that moment. Rows are written as XML here, replacing the worksheet writer's
    `write_row` (pinned openpyxl; see requirements.txt).
    """

    def __init__(self, worksheet: WriteOnlyWorksheet, styles: dict[str, int]) -> None:
        self.ws = worksheet
        self.styles = styles
        self._started = False

    def cell(self, value: Any, style: str) -> CellValue:
        """A cell holding `value` as the type it is: str → text, int/float → number, date → date."""
        style_id = self.styles[style]
        if value is None or value == "":
            return None, style_id, "s"
        if isinstance(value, str):
            return _escape(safe_text(value)), style_id, "s"
        if isinstance(value, bool):
            return ("1" if value else "0"), style_id, "b"
        if isinstance(value, int | float):
            return repr(value), style_id, "n"
        if isinstance(value, dt.date):
            return repr(to_excel(value)), style_id, "n"
        return _escape(safe_text(str(value))), style_id, "s"

    def append(self, cells: Iterable[CellValue | None], *, height: float | None = None,
               hidden: bool = False) -> None:
        if not self._started:
            self._started = True
            sheet = fast_sheet(self.ws)
            sheet._get_writer()  # writes the sheet's top part now
            sheet._writer.write_row = _write_row
            sheet._values_to_row = _pass_through
        self.ws.append(_Row(cells, height, hidden))


class _Row(list[CellValue | None]):
    def __init__(self, cells: Iterable[CellValue | None], height: float | None, hidden: bool) -> None:
        super().__init__(cells)
        self.height = height
        self.hidden = hidden


def _pass_through(row: _Row, _row_index: int) -> _Row:
    return row


def _write_row(xf: Any, row: _Row, row_index: int) -> None:
    number = str(row_index)
    parts = [f'<row r="{number}"']
    if row.hidden:
        parts.append(' hidden="1"')
    if row.height is not None:
        parts.append(f' ht="{row.height:g}" customHeight="1"')
    parts.append(">")
    for column, cell in enumerate(row, 1):
        if cell is None:
            continue
        value, style, kind = cell
        ref = _LETTERS[column] + number
        if value is None:
            if style:
                parts.append(f'<c r="{ref}" s="{style}"/>')
            continue
        # Style 0 is the workbook's default look: left out, as openpyxl leaves it out.
        styled = f' s="{style}"' if style else ""
        if kind == "s":
            space = ' xml:space="preserve"' if value != value.strip() else ""
            parts.append(f'<c r="{ref}"{styled} t="inlineStr"><is><t{space}>{value}</t></is></c>')
        else:
            parts.append(f'<c r="{ref}"{styled} t="{kind}"><v>{value}</v></c>')
    parts.append("</row>")
    xf._file("".join(parts))


def build_styles(workbook: Workbook, sample: WriteOnlyWorksheet,
                 language: str | None = None) -> dict[str, int]:
    """Register every named style with the workbook once; cells then carry only its id."""
    styles = {}
    for name, spec in _style_specs(language).items():
        prototype = WriteOnlyCell(sample)
        for attribute, value in spec.items():
            setattr(prototype, attribute, value)
        styles[name] = book_internals(workbook)._cell_styles.add(StyleArray(styled(prototype)._style))
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
