"""Table models over one country's report for one period: progress rows and indicator values."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.i18n import _, current_language
from app.i18n.formats import format_number, format_percent
from app.models.orm.base import pick_language
from app.models.orm.enums import label
from app.models.services.regional.country_period import UpdateRow, ValueRow
from app.ui.common.row_table_model import RowTableModel


class UpdatesModel(RowTableModel[UpdateRow]):
    def headers(self) -> list[str]:
        return [_("Action"), _("Commitment"), _("Status"), _("Percent"), _("Narrative"),
                _("Challenges"), _("Support requested")]

    def display(self, row: UpdateRow, column: int) -> Any:
        action = row.action_code + (" †" if row.action_retired else "")
        return [action, row.description, label(row.status), format_percent(row.percent),
                row.narrative, row.challenges, row.support_requested][column]

    def other_data(self, row: UpdateRow, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.ToolTipRole:
            return None
        if column == 0 and row.action_retired:
            return _("Retired in a newer plan version")
        return [None, row.lead_agency, None, None, row.narrative, row.challenges,
                row.support_requested][column] or None


class ValuesModel(RowTableModel[ValueRow]):
    def headers(self) -> list[str]:
        return [_("Code"), _("Indicator"), _("Value"), _("Baseline"), _("Target"), _("Unit")]

    def display(self, row: ValueRow, column: int) -> Any:
        lang = current_language()
        value = row.value if isinstance(row.value, str) else format_number(row.value)
        return [row.code, pick_language(row.titles, lang), value, format_number(row.baseline),
                format_number(row.target), pick_language(row.unit, lang)][column]
