"""The rows of a read-only worksheet, read leaner than openpyxl's own row iterator, same values.

openpyxl's read-only `iter_rows` builds an element tree per row, a dict and a cell object per cell,
pads every row, and parses each inline string through its rich-text object model; the submission
workbook writes its texts inline, so that was most of the time of reading one. This streams the
same part through the same parser class openpyxl uses (defusedxml's, which refuses any DTD, entity
declaration or external reference), with a target that keeps only what a cell holds: inline
strings and plain numbers are taken directly, and every other cell (shared strings, dates,
booleans, errors, formulas) is rebuilt as an element for openpyxl's own
`WorkSheetParser.parse_cell`, so each value and type is exactly what openpyxl gives. One
difference: rows past the sheet's declared dimension are read too (openpyxl stops there; Excel
does not). The row guards stay with the caller and the safety check (`workbook_safety`).
openpyxl is pinned (requirements.txt), as this uses its parser class and a read-only worksheet's
private attributes.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from typing import Any, NamedTuple
from xml.etree.ElementTree import Element, SubElement

from defusedxml.ElementTree import DefusedXMLParser
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

from app.reports.xlsx.openpyxl_api import book_internals, sheet_source

_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
_RUN_TAG = f"{{{SHEET_MAIN_NS}}}r"
_PHONETIC_TAG = f"{{{SHEET_MAIN_NS}}}rPh"
_DIGITS = "0123456789"
_CHUNK = 64 * 1024


class Cell(NamedTuple):
    """A cell's value and openpyxl data type ("s", "n", "d", "b", "e", "f")."""

    value: Any
    data_type: str


def sheet_rows(worksheet: ReadOnlyWorksheet, max_col: int) -> Iterator[tuple[int, list[Cell | None]]]:
    """(row number, cells of columns 1 to `max_col`, None where empty) of each row in the sheet.

    Rows come in order, as openpyxl yields them: a row numbered at or before one already read is
    skipped. Rows the sheet does not hold are not yielded (openpyxl yields them empty).
    """
    workbook, book, sheet = worksheet.parent, book_internals(worksheet.parent), sheet_source(worksheet)
    # The parser only converts cell values here; the XML is fed below, so its source stays empty.
    delegate = WorkSheetParser(BytesIO(), sheet._shared_strings, data_only=workbook.data_only,
                               epoch=workbook.epoch, date_formats=book._date_formats,
                               timedelta_formats=book._timedelta_formats)
    rows = _Rows(delegate, book._date_formats, max_col)
    parser = DefusedXMLParser(target=rows, forbid_dtd=True, forbid_entities=True,
                              forbid_external=True)
    with sheet._get_source() as source:
        while chunk := source.read(_CHUNK):
            parser.feed(chunk)
            yield from rows.done
            rows.done.clear()
    parser.close()
    yield from rows.done


class _Rows:
    """The XML parser's target: each row's cells as the sheet streams past, no element tree."""

    def __init__(self, delegate: WorkSheetParser, dates: set[int], max_col: int) -> None:
        self.delegate, self.dates, self.max_col = delegate, dates, max_col
        self.done: list[tuple[int, list[Cell | None]]] = []
        self.last = self.number = self.column = 0
        self.cells: list[Cell | None] | None = None  # the row being read (None: none, or skipped)
        self.cell: dict[str, str] | None = None  # attributes of the cell being read
        self.value: str | None = None  # its <v>
        self.formula: dict[str, str] | None = None  # attributes of its <f>
        self.formula_text: str | None = None
        self.inline: list[str | None] | None = None  # its inline string: [<t>, runs' <t>...]
        self.place = ""  # where text is collected: "v", "f", "t", "run" ("" : nowhere)
        self.text: list[str] = []
        self.in_inline = self.in_run = self.in_phonetic = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == ROW_TAG:
            self.number = _row_number(attrib.get("r"), self.number)
            self.cells = [None] * self.max_col if self.number > self.last else None
            if self.cells is not None:
                self.last = self.number
            self.column = 0
        elif tag == CELL_TAG:
            if self.cells is None:
                return
            coordinate = attrib.get("r")
            self.column = _column(coordinate) if coordinate else self.column + 1
            if self.column <= self.max_col:
                self.cell, self.value, self.formula, self.inline = attrib, None, None, None
        elif self.cell is not None:
            self._start_in_cell(tag, attrib)

    def _start_in_cell(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == VALUE_TAG:
            self.place, self.text = "v", []
        elif tag == FORMULA_TAG:
            if self.formula is None:  # openpyxl reads the first <f>
                self.formula = attrib
                self.place, self.text = "f", []
        elif tag == INLINE_STRING:
            if self.inline is None:
                self.inline = [None]
            self.in_inline = True
        elif self.in_inline and tag == _RUN_TAG:
            self.in_run = True
        elif self.in_inline and tag == _PHONETIC_TAG:
            self.in_phonetic = True
        elif self.in_inline and tag == _TEXT_TAG and not self.in_phonetic:
            self.place, self.text = ("run" if self.in_run else "t"), []

    def data(self, text: str) -> None:
        if self.place:
            self.text.append(text)

    def end(self, tag: str) -> None:
        if self.place and tag in (VALUE_TAG, FORMULA_TAG, _TEXT_TAG):
            self._text_ended()
        elif tag == CELL_TAG:
            if self.cell is not None and self.cells is not None:
                self.cells[self.column - 1] = self._cell(self.cell)
            self.cell = None
        elif tag == ROW_TAG:
            if self.cells is not None:
                self.done.append((self.number, self.cells))
            self.cells = None
        elif tag == INLINE_STRING:
            self.in_inline = False
        elif tag == _RUN_TAG:
            self.in_run = False
        elif tag == _PHONETIC_TAG:
            self.in_phonetic = False

    def _text_ended(self) -> None:
        text = "".join(self.text) or None  # as ElementTree's .text: None when empty
        if self.place == "v":
            if self.value is None:  # openpyxl reads the first <v>
                self.value = text or ""
        elif self.place == "f":
            self.formula_text = text
        elif self.inline is not None and self.place == "t":
            self.inline[0] = text  # the last <t> wins, as in openpyxl's Text
        elif self.inline is not None and text:
            self.inline.append(text)
        self.place = ""

    def _cell(self, attrib: dict[str, str]) -> Cell:
        kind = attrib.get("t", "n")
        if self.formula is None:
            if kind == "inlineStr":
                if self.inline is None:
                    return Cell(None, "inlineStr")
                plain, *runs = self.inline
                joined = "".join(filter(None, runs))  # runs are never None; only the <t> may be
                return Cell(joined if plain is None else plain + joined, "s")
            if kind == "n":
                style = attrib.get("s")
                if not style or int(style) not in self.dates:
                    return Cell(_number(self.value) if self.value else None, "n")
        return self._delegated(attrib)

    def _delegated(self, attrib: dict[str, str]) -> Cell:
        """Any other cell, rebuilt as an element for openpyxl's own parse_cell."""
        element = Element(CELL_TAG, attrib)
        if self.value is not None:
            SubElement(element, VALUE_TAG).text = self.value
        if self.formula is not None:
            SubElement(element, FORMULA_TAG, self.formula).text = self.formula_text
        self.delegate.row_counter, self.delegate.col_counter = self.number, self.column - 1
        parsed = self.delegate.parse_cell(element)
        return Cell(parsed["value"], parsed["data_type"])


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


def _number(text: str) -> int | float:
    """openpyxl's reading of a number cell's text."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)
