"""How every sheet of an exported workbook looks and prints: widths, frozen headers, protection."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from app.reports.xlsx.cells import RowWriter
from app.reports.xlsx.columns import FIRST_DATA_ROW, SheetSpec
from app.reports.xlsx.openpyxl_api import sheet_setup

_BAD_TITLE = re.compile(r"[\\*?:/\[\]]")


def sheet_title(text: str, taken: Iterable[str]) -> str:
    """A valid, unique sheet tab name (31 characters at most, none of \\ * ? : / [ ])."""
    base = _BAD_TITLE.sub(" ", text).strip()[:31] or "Sheet"
    title, number = base, 2
    lowered = {t.lower() for t in taken}
    while title.lower() in lowered:
        suffix = f" ({number})"
        title, number = base[:31 - len(suffix)] + suffix, number + 1
    return title


#: Width of A4 landscape between the margins set below, in points.
PRINTABLE_WIDTH_PT = (297 / 25.4 - 2 * 0.4) * 72
#: Points one unit of column width takes in print (a digit of the default font and its padding).
PT_PER_WIDTH_UNIT = 5.4
#: The smallest print scale: the sheets' 10-point text stays at 8 points or more.
MIN_PRINT_SCALE = 80


def print_scale(width_units: float) -> int:
    """The scale (percent) at which columns `width_units` wide fit one page's width."""
    return int(100 * PRINTABLE_WIDTH_PT / max(1.0, width_units * PT_PER_WIDTH_UNIT))


def set_up_page(ws: WriteOnlyWorksheet, *, rtl: bool, header_rows: str | None,
                header_text: str, width_units: float | None = None,
                title_columns: str | None = None) -> None:
    """Landscape A4, header rows repeated, page numbers in the footer; one page wide where that
    keeps the text at 8 points or more, else at 80 % with the columns that say which row it is
    (`title_columns`, e.g. "A:D") repeated on every page, pages read across then down.

    Fitting every sheet to one page's width printed the wide ones at about 6 points.
    """
    setup = sheet_setup(ws)
    setup.page_setup.orientation = "landscape"
    setup.page_setup.paperSize = "9"  # A4
    if width_units is None or print_scale(width_units) >= MIN_PRINT_SCALE:
        setup.page_setup.fitToWidth = 1
        setup.page_setup.fitToHeight = 0
        setup.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        setup.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
        setup.page_setup.scale = MIN_PRINT_SCALE
        setup.page_setup.pageOrder = "overThenDown"
        if title_columns:
            ws.print_title_cols = title_columns
    setup.page_margins.left = setup.page_margins.right = 0.4
    setup.page_margins.top = setup.page_margins.bottom = 0.7
    setup.page_margins.header = setup.page_margins.footer = 0.3
    setup.print_options.gridLines = False
    if header_rows:
        ws.print_title_rows = header_rows
    header, footer = ws.oddHeader, ws.oddFooter
    assert header is not None and footer is not None  # every sheet is created with both
    header.left.text = "&A"
    header.right.text = header_text.replace("&", "&&")
    footer.center.text = "&P / &N"
    if rtl:
        ws.sheet_view.rightToLeft = True


#: Characters of 10-point Arial per unit of column width (the unit is a digit of the default font);
#: Cyrillic letters run wider than digits, and LibreOffice prints with wider DejaVu Sans where
#: Arial is missing, so this errs on the side of a line too many (1.3 clipped printed rows).
CHARS_PER_UNIT = 1.05
LINE_HEIGHT = 14.0
MAX_ROW_HEIGHT = 409.0


def wrapped_lines(text: str, per_line: int) -> int:
    """How many lines `text` takes when wrapped at word boundaries, `per_line` characters wide."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > per_line:
                lines += 1
                used = 0
            if size > per_line:  # a very long word is broken over lines
                lines += (size - 1) // per_line
                size = size % per_line or per_line
            used += size + (1 if used else 0)
    return lines


def row_height(texts: Iterable[tuple[object, float]]) -> float | None:
    """Height (points) that shows every wrapped text of a row, or None when one line is enough.

    Spreadsheets do not grow rows to fit wrapped text written by a program, and LibreOffice prints
    them clipped; so the height is worked out from each text and its column's width.
    """
    lines = 1
    for value, width in texts:
        if isinstance(value, str) and len(value) > 8:
            per_line = max(1, int(width * CHARS_PER_UNIT) - 1)
            if len(value) > per_line or "\n" in value:
                lines = max(lines, wrapped_lines(value, per_line))
    if lines == 1:
        return None
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 4)


def protect(ws: WriteOnlyWorksheet) -> None:
    """Structure protected, no password: filters, sorting and resizing still work."""
    protection = sheet_setup(ws).protection
    protection.sheet = True
    protection.autoFilter = False
    protection.sort = False
    protection.formatColumns = False
    protection.formatRows = False


def write_table_head(ws: WriteOnlyWorksheet, rows: RowWriter, spec: SheetSpec,
                     translate: Callable[[str], str], extra_keys: tuple[str, ...] = (),
                     freeze: bool = True) -> None:
    """Column widths, the hidden key row and the translated header row; frozen below the header."""
    columns = sheet_setup(ws).column_dimensions
    for index, column in enumerate(spec.columns, 1):
        dimension = columns[get_column_letter(index)]
        dimension.width = column.width
        dimension.hidden = column.hidden
    for offset, _key in enumerate(extra_keys, len(spec.columns) + 1):
        columns[get_column_letter(offset)].hidden = True
    headers = [translate(c.label) for c in spec.columns]
    height = row_height((text, column.width * 0.85) for text, column in zip(headers, spec.columns,
                                                                           strict=True))
    if freeze:
        first_free = next((i for i, c in enumerate(spec.columns, 1) if c.role.value != "key"), 1)
        ws.freeze_panes = f"{get_column_letter(first_free)}{FIRST_DATA_ROW}"
    keys = [c.key for c in spec.columns] + list(extra_keys)
    rows.append([rows.cell(key, "machine") for key in keys], hidden=True)
    rows.append([rows.cell(text, "header") for text in headers], height=max(30.0, (height or 0) + 4))


def declare_size(ws: WriteOnlyWorksheet, columns: int, rows: int) -> None:
    """Write the sheet's size up front, as Excel does: readers (openpyxl's read-only mode among
    them) otherwise parse the whole sheet once just to find out. Call before the first row."""
    ref = f"A1:{get_column_letter(max(columns, 1))}{max(rows, 1)}"
    sheet_setup(ws).calculate_dimension = lambda: ref


def add_validation(ws: WriteOnlyWorksheet, rule: DataValidation, column: int,
                   rows: list[int]) -> None:
    """Apply `rule` to the given rows of one column (contiguous runs become ranges)."""
    if not rows:
        return
    letter = get_column_letter(column)
    ranges, start, previous = [], rows[0], rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row == previous + 1:
            previous = row
            continue
        ranges.append(f"{letter}{start}" if start == previous else f"{letter}{start}:{letter}{previous}")
        if row is not None:
            start = previous = row
    for cell_range in ranges:
        rule.add(cell_range)
    validations = sheet_setup(ws).data_validations
    if rule not in validations.dataValidation:
        validations.append(rule)
