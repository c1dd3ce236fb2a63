"""The submission workbook printed on A4 landscape (issue 16): text at 8 points or more, yes/no as
words, numbers in the workbook's language, no empty rows on paper, the cover speaking to the
right reader, periods in words."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.reports.submission.export import export_submission
from app.reports.submission.sheets import NEW_COMMITMENT_ROWS
from app.reports.xlsx.number_locale import date_format
from app.reports.xlsx.sheet_layout import MIN_PRINT_SCALE, print_scale

from .conftest import NOW, PERIOD
from .test_libreoffice import SOFFICE, convert

DATA_SHEETS = ("Обязательства", "Ход выполнения", "Показатели", "Выполнение решений")


@pytest.fixture
def russian_workbook(demo_db, out_dir):
    result = export_submission(demo_db, "KZ", PERIOD, "ru", out_dir, now=NOW)
    return result, load_workbook(result.path)


def _visible_width(ws) -> float:
    widths = 0.0
    for column in range(1, ws.max_column + 1):
        dimension = ws.column_dimensions[ws.cell(1, column).column_letter]
        if not dimension.hidden:
            widths += dimension.width or 13
    return widths


def test_every_sheet_prints_at_eight_points_or_more(russian_workbook):
    _result, workbook = russian_workbook
    for title in DATA_SHEETS:
        ws = workbook[title]
        if ws.sheet_properties.pageSetUpPr.fitToPage:
            assert ws.page_setup.fitToWidth == 1
            assert print_scale(_visible_width(ws)) >= MIN_PRINT_SCALE, title
        else:  # too wide for one page: 80 %, the columns naming the row repeated on each page
            assert ws.page_setup.scale >= MIN_PRINT_SCALE, title
            assert ws.print_title_cols and ws.page_setup.pageOrder == "overThenDown"
    assert not workbook["Ход выполнения"].sheet_properties.pageSetUpPr.fitToPage


def test_empty_rows_for_new_commitments_are_not_printed(russian_workbook):
    _result, workbook = russian_workbook
    ws = workbook["Обязательства"]
    last_data_row = max(row for row in range(3, ws.max_row + 1) if ws.cell(row, 1).value)
    assert ws.max_row == last_data_row + NEW_COMMITMENT_ROWS  # still there, for typing
    assert ws.print_area.endswith(f"$J${last_data_row}")


def test_yes_no_indicators_print_as_words_and_numbers_in_russian(russian_workbook):
    _result, workbook = russian_workbook
    ws = workbook["Показатели"]
    keys = [cell.value for cell in ws[1]]
    kind, baseline, target = (keys.index(k) for k in ("value_kind", "baseline", "target"))
    rows = list(ws.iter_rows(min_row=3))
    yes_no = next(r for r in rows if r[kind].value == "yes_no")
    assert {yes_no[baseline].value, yes_no[target].value} <= {"Да", "Нет"}
    number = next(r for r in rows if r[kind].value == "number")
    assert number[baseline].number_format.startswith("[$-419]")


def test_dates_are_date_cells_printed_in_the_language_order(russian_workbook):
    """Real dates (the importer reads the value, whatever the format), shown as 31.03.2026."""
    _result, workbook = russian_workbook
    ws = workbook["Обязательства"]
    keys = [cell.value for cell in ws[1]]
    start = keys.index("start_date")
    dated = [r[start] for r in ws.iter_rows(min_row=3) if r[start].value is not None]
    assert dated and all(isinstance(c.value, dt.datetime) for c in dated)
    assert {c.number_format for c in dated} == {"[$-419]dd.mm.yyyy"}
    blank = ws.cell(ws.max_row, start + 1)  # a row for a new commitment: typed dates too
    assert blank.number_format == "[$-419]dd.mm.yyyy"


@pytest.mark.parametrize(("language", "expected"), [
    ("ru", "[$-419]dd.mm.yyyy"), ("en", "[$-409]m\\/d\\/yyyy"), ("tr", "[$-41F]d.mm.yyyy"),
    ("fa", "[$-429]yyyy\\/m\\/d"), (None, "yyyy-mm-dd"), ("xx", "yyyy-mm-dd")])
def test_the_date_format_is_the_language_short_date_with_the_whole_year(language, expected):
    assert date_format(language) == expected


def test_the_cover_speaks_to_its_readers_with_the_period_in_words(russian_workbook):
    _result, workbook = russian_workbook
    cover = workbook.worksheets[0]
    texts = " ".join(str(c.value) for row in cover.iter_rows() for c in row if c.value)
    assert "второе полугодие 2026" in texts and "2026-H2:" not in texts
    assert "Секретариат импортирует" in texts
    assert "второе полугодие 2026" in workbook["Ход выполнения"].oddHeader.right.text


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler's pdftotext are needed")
def test_libreoffice_prints_the_progress_sheet_readably(russian_workbook, tmp_path):
    result, _workbook = russian_workbook
    pdf = convert(result.path, "pdf", tmp_path / "pdf", tmp_path / "home")
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    progress = next(i for i, text in enumerate(pages, 1) if text.lstrip().startswith("Ход"))
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", str(progress), "-l", str(progress),
                            str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    heights = [float(b) - float(a) for a, b in
               re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)]
    # DejaVu's line box is about 1.16 em: 8 points of text are boxes of about 9.3 points.
    assert statistics.median(heights) >= 9.3
    assert not any("2026-H2_r" in text for text in pages)  # no file names or codes as titles
    commitments = next(text for text in pages if text.lstrip().startswith("Обязательства"))
    assert re.search(r"\b\d\d\.\d\d\.20\d\d\b", commitments)  # dates as 31.03.2026
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", commitments)  # not ISO
    assert Path(pdf).stat().st_size > 0
