"""File → My submissions…: every export of this workspace and what became of it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableView, QVBoxLayout, QWidget

from app.i18n import _
from app.i18n.formats import format_datetime
from app.reports.submission.my_submissions import ExportRow, my_submissions, state_label
from app.ui.common.accessible import set_view_name
from app.ui.common.context import WorkspaceContext
from app.ui.common.row_table_model import RowTableModel
from app.ui.common.screen_fit import OnScreenMixin


def _when(value: Any) -> str:
    return format_datetime(value) if value is not None else ""


class MySubmissionsModel(RowTableModel[ExportRow]):
    def headers(self) -> list[str]:
        return [_("Period"), _("Revision"), _("State"), _("Exported"), _("Received"),
                _("Acknowledged"), _("Note"), _("File")]

    def display(self, row: ExportRow, column: int) -> Any:
        return (row.period, row.revision, state_label(row.state), _when(row.exported_at),
                _when(row.received_at), _when(row.acknowledged_at), row.note,
                row.file_name)[column]


class MySubmissionsDialog(OnScreenMixin, QDialog):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("My submissions"))
        self.model = MySubmissionsModel(self)
        with context.db.reading() as session:
            self.model.set_rows(my_submissions(session, context.profile.country_code or "",
                                               context.db.path))
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        set_view_name(self.table, _("Exported submissions"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 360)
