"""Properties of the workbook's cells, over generated values (Hypothesis).

1. Whatever the exporter's cell writer (`RowWriter`) writes, the importer's cell reader gives back:
   any text (formula-like prefixes, control characters, right-to-left and mixed scripts, up to a
   cell's 32,767 characters), numbers and dates.
2. A round-tripped workbook with random edits to progress rows previews as exactly those changes.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from app.models.orm.enums import Priority, ProgressStatus
from app.reports.language import labels, translator
from app.reports.submission.format import PROGRESS
from app.reports.submission.pipeline import preview, read_submission
from app.reports.submission.preview_items import ChangeKind
from app.reports.xlsx.cell_values import Vocabulary, read_cell
from app.reports.xlsx.cells import RowWriter, build_styles
from app.reports.xlsx.columns import Column, Kind, Role
from app.reports.xlsx.digest import MAX_CELL_TEXT, clean_text, normalize_number
from tests.hypothesis_budget import examples

TEXT = Column("text", "Text", Kind.LONG_TEXT, Role.DATA)
NUMBER = Column("number", "Number", Kind.NUMBER, Role.DATA)
PERCENT = Column("percent", "Percent", Kind.PERCENT, Role.DATA)
DATE = Column("date", "Date", Kind.DATE, Role.DATA)
STYLES = {TEXT: "edit_text", NUMBER: "edit_number", PERCENT: "edit_integer", DATE: "edit_date"}

PREFIXES = st.sampled_from(["", "=", "+", "-", "@", "#", "'", " ", "\t", "=HYPERLINK(", "#N/A"])
RIGHT_TO_LEFT = st.sampled_from(["", "افغانستان", "پښتو ژبه", "اردو", "\u200fد ۱۴۰۵ کال\u200f",
                                 "\u202eevil\u202c", "עברית"])
#: Any characters (control characters too), and some the process's languages use.
SPECIAL = ("Қазақстан Тоҷикистон O‘zbekiston İı\r\n\x00\x07\x1b\x85\ufeff\ufffe\uffff\ud800"
           "中文👩🏽\u200d💼")
ANY_TEXT = st.builds(lambda prefix, rtl, body, tail: prefix + rtl + body + tail, PREFIXES,
                     RIGHT_TO_LEFT, st.text(max_size=60), st.text(alphabet=SPECIAL, max_size=20))
#: Texts as long as a cell can hold (and longer: the writer and reader agree on where to cut).
LONG_TEXT = st.builds(lambda unit, times: (unit * times)[:MAX_CELL_TEXT + 10],
                      st.text(min_size=1, max_size=12), st.integers(1, MAX_CELL_TEXT + 10))
NUMBERS = st.one_of(st.integers(-10**15, 10**15),
                    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300))
DATES = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31))


def _round_trip(tmp: Path, cells: list[tuple[Column, object]]) -> list[object]:
    """Write each value with the export's cell writer into one workbook, then read it as the import."""
    workbook = Workbook(write_only=True)
    styles = build_styles(workbook, workbook.create_sheet("scratch"))
    workbook.remove(workbook.worksheets[0])
    out = RowWriter(workbook.create_sheet("Cells"), styles)
    for column, value in cells:
        out.append([out.cell(value, STYLES[column])])
    path = tmp / "cells.xlsx"
    workbook.save(path)
    vocabulary = Vocabulary.for_language("en", translator("en"), [ProgressStatus, Priority])
    read = load_workbook(path, read_only=True)
    try:
        rows = list(read["Cells"].iter_rows(max_col=1))
        return [read_cell(column, row[0].value, row[0].data_type, vocabulary)
                for (column, _value), row in zip(cells, rows, strict=True)]
    finally:
        read.close()


def _canonical(column: Column, value: object) -> object:
    """The value as the export holds it (texts cleaned, numbers to 12 significant digits)."""
    if column is TEXT:
        return clean_text(value)  # type: ignore[arg-type]
    if column in (NUMBER, PERCENT):
        return normalize_number(value)  # type: ignore[arg-type]
    return value


CELLS = st.lists(st.one_of(
    st.tuples(st.just(TEXT), ANY_TEXT), st.tuples(st.just(TEXT), LONG_TEXT),
    st.tuples(st.just(NUMBER), NUMBERS), st.tuples(st.just(PERCENT), st.integers(0, 100)),
    st.tuples(st.just(DATE), DATES)), min_size=1, max_size=12)


@settings(max_examples=examples(60), deadline=None)
@given(cells=CELLS)
def test_what_the_cell_writer_writes_the_reader_reads_back(tmp_path_factory, cells):
    tmp = tmp_path_factory.mktemp("cells")
    canonical = [(column, _canonical(column, value)) for column, value in cells]
    read = _round_trip(tmp, canonical)
    for (column, value), back in zip(canonical, read, strict=True):
        if isinstance(value, float) and isinstance(back, float):
            assert math.isclose(back, value, rel_tol=1e-12), (column.key, value, back)
        else:
            assert back == value, (column.key, value, back)


# --- random edits to progress rows of an exported workbook --------------------------------------
EDITABLE = ("status", "percent", "narrative", "challenges", "support_requested", "support_from")
#: Statuses an edit may set (completed would also force the percent to 100).
STATUSES = [s for s in ProgressStatus if s != ProgressStatus.COMPLETED]
EDIT_TEXT = st.builds(lambda prefix, body: clean_text(prefix + body), PREFIXES,
                      st.text(min_size=1, max_size=80)).filter(bool)


@st.composite
def progress_edits(draw: st.DrawFn, rows: int) -> dict[int, dict[str, object]]:
    """Row offset → {column key: new value} for a few rows and fields."""
    chosen = draw(st.lists(st.integers(0, rows - 1), min_size=1, max_size=6, unique=True))
    edits = {}
    for offset in chosen:
        fields = draw(st.lists(st.sampled_from(EDITABLE), min_size=1, max_size=4, unique=True))
        values: dict[str, object] = {}
        for key in fields:
            if key == "status":
                values[key] = draw(st.sampled_from(STATUSES)).value
            elif key == "percent":
                values[key] = draw(st.integers(0, 100))
            else:
                values[key] = draw(EDIT_TEXT)
        edits[offset] = values
    return edits


@settings(max_examples=examples(20), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_edits_to_progress_rows_preview_as_exactly_those_changes(demo_db, exported,
                                                                        tmp_path_factory, data):
    """The workspace is only read (a preview), so one exported workbook serves every example."""
    workbook = load_workbook(exported.path)
    sheet = workbook.worksheets[2]
    columns = {cell.value: cell.column for cell in sheet[1] if cell.value}
    english = {s.value: text for s, text in labels(ProgressStatus, "en").items()}
    original = read_submission(exported.path)
    rows = [row for row in original.sheets["progress"].rows
            if row.values.get("status") not in (None, ProgressStatus.COMPLETED.value)]
    edits = data.draw(progress_edits(len(rows)))
    expected: dict[tuple, dict[str, object]] = {}
    for offset, values in edits.items():
        row = rows[offset]
        changed = {key: value for key, value in values.items() if row.values.get(key) != value}
        for key, value in changed.items():
            cell = sheet.cell(row.number, columns[key])
            cell.value = english[value] if key == "status" else value
            if isinstance(value, str):
                cell.data_type = "s"  # typed as text, as the sheet's "@" format makes Excel do
        if changed:
            expected[(row.values["commitment_id"], row.values["period"])] = changed
    assume(expected)
    path = tmp_path_factory.mktemp("edited") / "edited.xlsx"
    workbook.save(path)

    shown = preview(demo_db, read_submission(path))
    assert shown.errors == []
    assert shown.of_kind(ChangeKind.NEW) == []
    changed_items = {item.key: item for item in shown.of_kind(ChangeKind.CHANGED)
                     if item.sheet == PROGRESS.key}
    assert set(changed_items) == set(expected)
    assert [item for item in shown.of_kind(ChangeKind.CHANGED) if item.sheet != PROGRESS.key] == []
    for key, values in expected.items():
        assert {change.key: change.new for change in changed_items[key].changes} == values
