"""Table model of the commitments past their end date and not done, most overdue first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.i18n import N_, _, ngettext
from app.i18n.formats import format_date, format_number
from app.models.orm.enums import label
from app.models.services.reporting.dashboard import OverdueItem
from app.ui.common.roles import IdRole
from app.ui.common.row_table_model import RowTableModel
from app.ui.common.status_style import overdue_colour

HEADERS = [N_("Action"), N_("Commitment"), N_("End date"), N_("Overdue by"), N_("Status")]


class OverdueModel(RowTableModel[OverdueItem]):
    def set_items(self, items: list[OverdueItem]) -> None:
        self.set_rows(list(items))

    def items(self) -> list[OverdueItem]:
        return list(self.rows)

    def headers(self) -> list[str]:
        return [_(header) for header in HEADERS]

    def display(self, item: OverdueItem, column: int) -> Any:
        if column == 0:
            return item.action_code
        if column == 1:
            return item.description
        if column == 2:
            return format_date(item.end_date)
        if column == 3:
            return ngettext("{n} day", "{n} days", item.days_overdue).format(
                n=format_number(item.days_overdue))
        return label(item.status) if item.status else _("No update")

    def other_data(self, item: OverdueItem, column: int, role: int) -> Any:
        if role == IdRole:
            return item.commitment_id
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return overdue_colour()
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return item.description
        return None
