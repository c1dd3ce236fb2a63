"""What the workbook code uses of openpyxl beyond its typed surface, declared once with types.

The stubs (types-openpyxl) leave out the page set-up a write-only sheet shares with `Worksheet`
(openpyxl copies it onto the class), the workbook's custom properties, and the private parts the
fast writer and reader rely on (a cell's style array, the sheet's XML writer and source, the
workbook's style and date tables). Each is a protocol here, and a caller casts to it with one of
the functions below, so the type checker follows every use, and an openpyxl upgrade (pinned in
requirements.txt) has one list to check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import IO, TYPE_CHECKING, Any, Protocol, cast

from openpyxl.utils.datetime import from_excel as _from_excel
from openpyxl.utils.datetime import to_excel as _to_excel

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.chart._chart import ChartBase
    from openpyxl.packaging.custom import CustomPropertyList
    from openpyxl.styles.cell_style import StyleArray
    from openpyxl.utils.indexed_list import IndexedList
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from openpyxl.worksheet.datavalidation import DataValidationList
    from openpyxl.worksheet.dimensions import ColumnDimension, DimensionHolder, RowDimension
    from openpyxl.worksheet.page import PageMargins, PrintOptions, PrintPageSetup
    from openpyxl.worksheet.pagebreak import RowBreak
    from openpyxl.worksheet.properties import WorksheetProperties
    from openpyxl.worksheet.protection import SheetProtection

#: A date as Excel's serial number, and a serial number (1 or more) as a date and time (the stubs
#: leave both functions untyped).
to_excel = cast("Callable[[dt.date], float]", _to_excel)
from_excel = cast("Callable[[float], dt.datetime]", _from_excel)


class SheetSetup(Protocol):
    """A write-only sheet's page, column and validation set-up (the same as a `Worksheet`'s)."""

    page_setup: PrintPageSetup
    print_options: PrintOptions
    page_margins: PageMargins
    sheet_properties: WorksheetProperties
    protection: SheetProtection
    column_dimensions: DimensionHolder[str, ColumnDimension]
    row_dimensions: DimensionHolder[int, RowDimension]
    row_breaks: RowBreak
    data_validations: DataValidationList
    #: Replaced to declare the sheet's size before its rows are written (see `declare_size`).
    calculate_dimension: Callable[[], str]

    def add_chart(self, chart: ChartBase, anchor: str | None = None) -> None: ...


class RowSink(Protocol):
    """The write-only sheet's XML writer: `RowWriter` replaces its row serialiser."""

    write_row: Callable[[Any, Any, int], None]


class FastSheet(Protocol):
    """The write-only sheet's private writer hooks that `RowWriter` takes over."""

    _writer: RowSink
    _values_to_row: Callable[[Any, int], Any]

    def _get_writer(self) -> object: ...


class StyledCell(Protocol):
    """A cell's style array: copied to give a cell a look registered once per workbook."""

    _style: StyleArray


class BookInternals(Protocol):
    """A workbook's custom document properties and its style and date-format tables."""

    custom_doc_props: CustomPropertyList[str]
    _cell_styles: IndexedList[StyleArray]
    #: Ids of the cell styles that show dates and durations (sets once a workbook is loaded).
    _date_formats: set[int]
    _timedelta_formats: set[int]


class SheetSource(Protocol):
    """A read-only sheet's shared strings and its XML, which `sheet_rows` parses itself."""

    _shared_strings: list[str]

    def _get_source(self) -> AbstractContextManager[IO[bytes]]: ...


def sheet_setup(ws: WriteOnlyWorksheet) -> SheetSetup:
    return cast(SheetSetup, ws)


def fast_sheet(ws: WriteOnlyWorksheet) -> FastSheet:
    return cast(FastSheet, ws)


def styled(cell: Cell) -> StyledCell:
    return cast(StyledCell, cell)


def book_internals(workbook: Workbook) -> BookInternals:
    return cast(BookInternals, workbook)


def sheet_source(ws: ReadOnlyWorksheet) -> SheetSource:
    return cast(SheetSource, ws)
