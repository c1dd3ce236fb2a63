"""Write the data sheets of a submission: one row per entity, fillable cells unlocked and validated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from app.i18n import N_
from app.models.orm.enums import FollowUpStatus, IndicatorKind, Priority, ProgressStatus
from app.reports.language import labels
from app.reports.submission.data import SheetRows
from app.reports.submission.format import FINGERPRINT_KEY, LIST_COLUMNS, LISTS_SHEET
from app.reports.xlsx.cells import RowWriter, data_style
from app.reports.xlsx.columns import FIRST_DATA_ROW, NO, YES, Column, Kind, Role, SheetSpec
from app.reports.xlsx.digest import fingerprint
from app.reports.xlsx.sheet_layout import (
    add_validation,
    declare_size,
    protect,
    row_height,
    set_up_page,
    write_table_head,
)

#: Empty, unlocked rows under the commitments, for new commitments a colleague adds.
NEW_COMMITMENT_ROWS = 25
#: Read-only columns of a yes/no indicator that print as words (the baseline and the target).
YES_NO_CONTEXT = ("baseline", "target")
#: Columns repeated on every printed page of a sheet too wide for one: the ones that say which
#: commitment, indicator or decision a row is about.
TITLE_COLUMNS = {"commitments": "A:E", "progress": "A:D", "indicators": "A:E", "decisions": "A:B"}


@dataclass
class Vocabulary:
    """Labels of every choice in the workbook's language, and where their lists live."""

    choices: dict[str, dict[str, str]]  # enum class name -> {code: label}
    yes: str
    no: str

    @classmethod
    def build(cls, language: str, translate: Callable[[str], str]) -> Vocabulary:
        choices = {
            enum_class.__name__: {m.value: text for m, text in labels(enum_class, language).items()}
            for enum_class in (ProgressStatus, Priority, FollowUpStatus)
        }
        return cls(choices, translate(YES), translate(NO))

    def lists(self) -> dict[str, list[str]]:
        return {**{name: list(values.values()) for name, values in self.choices.items()},
                "YesNo": [self.yes, self.no]}

    def list_formula(self, name: str) -> str:
        letter = LIST_COLUMNS[name]
        return f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(self.lists()[name])}"


@dataclass
class SheetContext:
    workbook: Workbook
    styles: dict[str, Any]
    translate: Callable[[str], str]
    vocabulary: Vocabulary
    rtl: bool
    page_header: str


def _display(column: Column, row: dict[str, Any], vocabulary: Vocabulary) -> Any:
    value = row.get(column.key)
    if value is None:
        return None
    if column.kind == Kind.CHOICE and column.choices is not None:
        return vocabulary.choices[column.choices.__name__].get(value, value)
    if (column.kind == Kind.VALUE or column.key in YES_NO_CONTEXT) and (
            row.get("value_kind") == IndicatorKind.YES_NO.value):
        return vocabulary.yes if value else vocabulary.no  # as the app shows it, not 0/1
    return value


def _style(column: Column, row: dict[str, Any], editable: bool) -> str:
    if column.kind == Kind.VALUE and row.get("value_kind") == IndicatorKind.TEXT.value:
        return data_style(Kind.TEXT, editable)
    return data_style(column.kind, editable and column.role == Role.DATA, column.role == Role.KEY)


def write_data_sheet(ctx: SheetContext, spec: SheetSpec, title: str, rows: SheetRows,
                     blank_rows: int = 0) -> int:
    """Write one data sheet; returns the number of data rows (blank rows for new entries excluded)."""
    ws = ctx.workbook.create_sheet(title)
    out = RowWriter(ws, ctx.styles)
    set_up_page(ws, rtl=ctx.rtl, header_rows="2:2", header_text=ctx.page_header,
                width_units=sum(c.width for c in spec.columns if not c.hidden),
                title_columns=TITLE_COLUMNS.get(spec.key))
    declare_size(ws, len(spec.columns) + 1, FIRST_DATA_ROW - 1 + len(rows.rows) + blank_rows)
    write_table_head(ws, out, spec, ctx.translate, extra_keys=(FINGERPRINT_KEY,))
    digested = spec.digested
    editable_rows: list[int] = []
    widths = [c.width for c in spec.columns]
    for offset, (row, editable) in enumerate(zip(rows.rows, rows.editable, strict=True)):
        shown = [_display(c, row, ctx.vocabulary) for c in spec.columns]
        cells = [out.cell(value, _style(c, row, editable))
                 for c, value in zip(spec.columns, shown, strict=True)]
        cells.append(out.cell(fingerprint([row.get(c.key) for c in digested]), "machine"))
        out.append(cells, height=row_height(zip(shown, widths, strict=True)))
        if editable:
            editable_rows.append(FIRST_DATA_ROW + offset)
    first_blank = FIRST_DATA_ROW + len(rows.rows)
    blank = [out.cell(None, data_style(c.kind, c.role == Role.DATA)) for c in spec.columns]
    for _index in range(blank_rows):
        out.append(blank)
    editable_rows.extend(range(first_blank, first_blank + blank_rows))
    _validations(ctx, ws, spec, rows, editable_rows)
    last_row = max(first_blank - 1 + blank_rows, FIRST_DATA_ROW)
    ws.auto_filter.ref = f"A2:{get_column_letter(len(spec.columns))}{last_row}"
    # The empty rows for new entries are for typing, not for paper.
    ws.print_area = f"A1:{get_column_letter(len(spec.columns))}{max(first_blank - 1, 2)}"
    protect(ws)
    return len(rows.rows)


def _validations(ctx: SheetContext, ws: Any, spec: SheetSpec, rows: SheetRows,
                 editable_rows: list[int]) -> None:
    t = ctx.translate
    for index, column in enumerate(spec.columns, 1):
        if column.role != Role.DATA:
            continue
        if column.kind == Kind.CHOICE and column.choices is not None:
            rule = _rule(t, "list", ctx.vocabulary.list_formula(column.choices.__name__),
                         message=t(N_("Choose one of the values in the list.")))
            add_validation(ws, rule, index, editable_rows)
        elif column.kind == Kind.PERCENT:
            rule = _rule(t, "whole", "0", "100", t(N_("Enter a whole number from 0 to 100.")))
            add_validation(ws, rule, index, editable_rows)
        elif column.kind == Kind.DATE:
            rule = _rule(t, "date", "DATE(1990,1,1)", "DATE(2100,12,31)",
                         t(N_("Enter a date, for example 2026-03-31.")))
            add_validation(ws, rule, index, editable_rows)
        elif column.kind == Kind.VALUE:
            _value_validations(ctx, ws, index, rows, editable_rows)


def _value_validations(ctx: SheetContext, ws: Any, index: int, rows: SheetRows,
                       editable_rows: list[int]) -> None:
    t = ctx.translate
    by_kind: dict[str, list[int]] = {}
    editable = set(editable_rows)
    for offset, row in enumerate(rows.rows):
        number = FIRST_DATA_ROW + offset
        if number in editable:
            by_kind.setdefault(row.get("value_kind") or "", []).append(number)
    rules = {
        IndicatorKind.PERCENT.value: _rule(t, "decimal", "0", "100",
                                           t(N_("Enter a number from 0 to 100."))),
        IndicatorKind.NUMBER.value: _rule(t, "decimal", "-1000000000000", "1000000000000",
                                          t(N_("Enter a number."))),
        IndicatorKind.YES_NO.value: _rule(t, "list", ctx.vocabulary.list_formula("YesNo"),
                                          message=t(N_("Choose one of the values in the list."))),
    }
    for kind, rule in rules.items():
        add_validation(ws, rule, index, by_kind.get(kind, []))


def _rule(t: Callable[[str], str], kind: Literal["whole", "decimal", "list", "date"], formula1: str,
          formula2: str | None = None,
          message: str = "") -> DataValidation:
    operator: Literal["between"] | None = "between" if formula2 is not None else None
    return DataValidation(type=kind, formula1=formula1, formula2=formula2, operator=operator,
                          allow_blank=True, showErrorMessage=True, showDropDown=False,
                          errorTitle=t(N_("Value not accepted")), error=message)


def write_lists_sheet(ctx: SheetContext) -> None:
    """The hidden sheet the drop-down lists point at."""
    ws = ctx.workbook.create_sheet(LISTS_SHEET)
    out = RowWriter(ws, ctx.styles)
    columns = [ctx.vocabulary.lists()[name] for name in LIST_COLUMNS]
    declare_size(ws, len(columns), max(len(values) for values in columns))
    for index in range(max(len(values) for values in columns)):
        out.append([out.cell(values[index] if index < len(values) else None, "value")
                    for values in columns])
    ws.sheet_state = "hidden"
    protect(ws)
