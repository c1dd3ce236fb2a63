"""The rows of a read-only worksheet, read leaner than openpyxl's own row iterator, same values.

openpyxl's read-only `iter_rows` builds a dict and a cell object per cell, pads every row, and
parses each inline string through its rich-text object model; the submission workbook writes its
texts inline, so that was over half the time of reading one (more than the XML parsing itself).
This reads the same part with the same parser (defusedxml's iterparse, which refuses any DTD or
entity declaration), takes inline strings and plain numbers directly, and hands every other cell
(shared strings, dates, booleans, errors, formulas) to openpyxl's own `WorkSheetParser.parse_cell`,
so each value and type is exactly what openpyxl gives. openpyxl is pinned (requirements.txt): the
parser class and the worksheet's private attributes used here are checked by the import tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from defusedxml.ElementTree import iterparse
from openpyxl.utils.cell import column_index_from_string
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import (
    CELL_TAG,
    FORMULA_TAG,
    INLINE_STRING,
    ROW_TAG,
    VALUE_TAG,
    WorkSheetParser,
)
from openpyxl.xml.constants import SHEET_MAIN_NS

_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
_RUN_TAG = f"{{{SHEET_MAIN_NS}}}r"
#: What a row holds and must stay whole until the row ends; anything else is dropped once read.
_ROW_PARTS = frozenset({CELL_TAG, VALUE_TAG, FORMULA_TAG, INLINE_STRING, _TEXT_TAG, _RUN_TAG})
_DIGITS = "0123456789"


class Cell(NamedTuple):
    """A cell's value and openpyxl data type ("s", "n", "d", "b", "e", "f")."""

    value: Any
    data_type: str


def sheet_rows(worksheet: ReadOnlyWorksheet, max_col: int) -> Iterator[tuple[int, list[Cell | None]]]:
    """(row number, cells of columns 1 to `max_col`, None where empty) of each row in the sheet.

    Rows come in order, as openpyxl yields them: a row numbered at or before one already read is
    skipped. Rows the sheet does not hold are not yielded (openpyxl yields them empty).
    """
    workbook = worksheet.parent
    parser = WorkSheetParser(None, worksheet._shared_strings, data_only=workbook.data_only,
                             epoch=workbook.epoch, date_formats=workbook._date_formats,
                             timedelta_formats=workbook._timedelta_formats)
    dates = workbook._date_formats
    last = 0
    with worksheet._get_source() as source:
        for _event, element in iterparse(source):
            tag = element.tag
            if tag != ROW_TAG:
                if tag not in _ROW_PARTS:
                    element.clear()
                continue
            number = _row_number(element.get("r"), last)
            if number <= last:
                element.clear()
                continue
            last = number
            cells: list[Cell | None] = [None] * max_col
            column = 0
            for cell in element:
                if cell.tag != CELL_TAG:
                    continue
                coordinate = cell.get("r")
                column = _column(coordinate) if coordinate else column + 1
                if column <= max_col:
                    parser.row_counter, parser.col_counter = number, column - 1
                    cells[column - 1] = _cell(parser, cell, dates)
            element.clear()
            yield number, cells


def _row_number(text: str | None, previous: int) -> int:
    """The row's `r` attribute as openpyxl reads it (the next row if absent)."""
    if text is None:
        return previous + 1
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise ValueError(f"{text} is not a valid row number") from None
        return int(number)


def _column(coordinate: str) -> int:
    return column_index_from_string(coordinate.rstrip(_DIGITS))


def _cell(parser: WorkSheetParser, element: Any, dates: set[int]) -> Cell:
    kind = element.get("t", "n")
    if element.find(FORMULA_TAG) is None:
        if kind == "inlineStr":
            return Cell(_inline_text(element), "s")
        if kind == "n":
            style = element.get("s")
            if not style or int(style) not in dates:
                text = element.findtext(VALUE_TAG)
                return Cell(_number(text) if text else None, "n")
    parsed = parser.parse_cell(element)
    return Cell(parsed["value"], parsed["data_type"])


def _inline_text(element: Any) -> str | None:
    """openpyxl's `Text.from_tree(<is>).content`: the plain text, then each run's text."""
    holder = element.find(INLINE_STRING)
    if holder is None:
        return None
    plain, runs = None, []
    for part in holder:
        if part.tag == _TEXT_TAG:
            plain = part.text
        elif part.tag == _RUN_TAG:
            text = part.findtext(_TEXT_TAG)
            if text:
                runs.append(text)
    return "".join(runs) if plain is None else plain + "".join(runs)


def _number(text: str) -> int | float:
    """openpyxl's reading of a number cell's text."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)
