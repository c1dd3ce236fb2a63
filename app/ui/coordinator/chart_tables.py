"""The dashboard's charts as tables: the same figures, with named columns, for a screen reader and
for whoever reads numbers more easily than bars (WCAG's text alternative for a chart)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.i18n import N_, _, current_language
from app.i18n.formats import AVERAGE_PLACES, format_number, format_percent
from app.models.orm.base import pick_language
from app.models.orm.enums import ProgressStatus, label
from app.models.services.reporting.dashboard import ObjectiveProgress
from app.ui.common.row_table_model import RowTableModel

OBJECTIVE_HEADERS = [N_("Objective"), N_("Average progress"), N_("Updated"), N_("Commitments")]
STATUS_HEADERS = [N_("Status"), N_("Commitments"), N_("Share")]

#: One row of the status table: the status (None: no update yet), its count, the period's total.
StatusRow = tuple[ProgressStatus | None, int, int]


class ObjectiveTableModel(RowTableModel[ObjectiveProgress]):
    """One row per objective, objective 1 first, as the bars read from the top."""

    def headers(self) -> list[str]:
        return [_(header) for header in OBJECTIVE_HEADERS]

    def display(self, item: ObjectiveProgress, column: int) -> Any:
        if column == 0:
            return f"{item.code}. {pick_language(item.titles, current_language())}"
        if column == 1:
            return (format_percent(item.average_percent, places=AVERAGE_PLACES)
                    or _("no update yet"))
        return format_number(item.updated if column == 2 else item.commitments)

    def other_data(self, item: ObjectiveProgress, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return self.display(item, 0)  # the whole title, where the column cuts it
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
        return None


class StatusTableModel(RowTableModel[StatusRow]):
    """One row per status that has commitments, in the donut's (and the legend's) order."""

    def set_counts(self, counts: dict[ProgressStatus | None, int]) -> None:
        total = sum(counts.values())
        self.set_rows([(status, count, total) for status, count in counts.items() if count])

    def headers(self) -> list[str]:
        return [_(header) for header in STATUS_HEADERS]

    def display(self, row: StatusRow, column: int) -> Any:
        status, count, total = row
        if column == 0:
            return label(status) if status else _("No update")
        if column == 1:
            return format_number(count)
        return format_percent(100 * count / total) if total else ""

    def other_data(self, row: StatusRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
        return None


def figures_table(model: QAbstractItemModel) -> QTableView:
    """A read-only table of a chart's figures: whole rows, arrows to move, Enter to follow a row."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.hide()
    return table
