"""The change log of a commitment or progress record: who changed what, when, from what to what."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.i18n import N_, _
from app.i18n.formats import format_datetime, format_period
from app.models.services.reporting.history import HistoryEntry, display_value, field_label
from app.ui.common.accessible import set_view_name
from app.ui.common.language import LanguageController
from app.ui.common.row_table_model import RowTableModel
from app.ui.common.window_state import WindowStateMixin

HEADERS = [N_("When"), N_("Who"), N_("Period"), N_("What"), N_("Before"), N_("After")]
OPERATIONS = {"insert": N_("added"), "delete": N_("removed"), "update": ""}


class HistoryModel(RowTableModel[HistoryEntry]):
    def __init__(self, entries: list[HistoryEntry], action_codes: dict[str, str],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = entries
        self._codes = action_codes

    def headers(self) -> list[str]:
        return [_(header) for header in HEADERS]

    def display(self, entry: HistoryEntry, column: int) -> Any:
        if column == 0:
            return format_datetime(entry.changed_at)
        if column == 1:
            return entry.actor
        if column == 2:
            return format_period(entry.period_code) if entry.period_code else ""
        if column == 3:
            what = field_label(entry.field)
            operation = OPERATIONS[entry.operation]
            if not operation:
                return what
            return _("{field} ({operation})").format(field=what, operation=_(operation))
        raw = entry.old_value if column == 4 else entry.new_value
        return display_value(entry.field, raw, self._codes)

    def other_data(self, entry: HistoryEntry, column: int, role: int) -> Any:
        return self.display(entry, column) if role == Qt.ItemDataRole.ToolTipRole else None


class HistoryDialog(WindowStateMixin, QDialog):
    """One view of the change log wherever it opens; its title and filter line say what it lists
    (a commitment's whole history, or its progress in one period), which was the same title for
    both before."""

    def __init__(self, title: str, entries: list[HistoryEntry], action_codes: dict[str, str],
                 parent: QWidget | None = None, language: LanguageController | None = None,
                 period_code: str | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._period_code = period_code
        self.scope_label = QLabel()
        self.scope_label.setObjectName("historyScope")
        self.scope_label.setWordWrap(True)
        self.model = HistoryModel(entries, action_codes, self)
        self.view = QTableView()
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel()
        self.empty.setVisible(not entries)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(900, 480)
        self.retranslate()
        if language is not None:  # a language switched while the dialog is open applies at once
            language.language_changed.connect(self.retranslate)
        self.restore_window_state()

    def retranslate(self, *_args: object) -> None:
        if self._period_code is None:
            self.setWindowTitle(_("Commitment history: {title}").format(title=self._title))
            self.scope_label.setText(_(
                "Shows every change to this commitment and to its progress in all periods."))
        else:
            period = format_period(self._period_code)
            self.setWindowTitle(_("Progress history, {period}: {title}").format(
                period=period, title=self._title))
            self.scope_label.setText(_(
                "Shows the changes to this commitment's progress in the {period} only; the "
                "History of the Commitments tab shows everything.").format(period=period))
        self.empty.setText(_("No changes have been recorded yet."))
        set_view_name(self.view, _("Changes"))
        self.model.retranslate()

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)
