"""One country's report for one period, as received: revisions, progress rows, indicator values."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, isolate, ngettext, separator
from app.i18n.formats import country_name, format_date, format_datetime
from app.models.services.regional.country_period import CountryPeriodData, country_period_data
from app.reports.submission.mailto import edited_cell_line
from app.ui.common.accessible import set_view_name
from app.ui.common.context import WorkspaceContext
from app.ui.common.form_parts import figures_table
from app.ui.common.plain_text import shown
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.secretariat.country_period_models import UpdatesModel, ValuesModel

#: Edited cells listed in the report's information (the acknowledgement shows them all).
EDITED_CELLS_SHOWN = 8


class CountryPeriodPanel(QWidget):
    #: The user asks to acknowledge this submission (id).
    acknowledge_requested = Signal(int)
    #: The user asks to send the shown submission's acknowledgement and receipt by e-mail.
    compose_requested = Signal()

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._key: tuple[str, int] | None = None
        self.data: CountryPeriodData | None = None
        self.title_label = QLabel()
        self.title_label.setObjectName("reportTitle")
        self.title_label.setWordWrap(True)  # large text on a small screen
        self.info_label = QLabel()
        self.info_label.setObjectName("reportInfo")
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.acknowledge_button = QPushButton()
        self.acknowledge_button.setObjectName("acknowledgeButton")
        self.acknowledge_button.clicked.connect(self._acknowledge)
        self.compose_button = QPushButton()
        self.compose_button.setObjectName("composeButton")
        self.compose_button.clicked.connect(self.compose_requested)
        self.updates_model = UpdatesModel(self)
        self.values_model = ValuesModel(self)
        self.updates_view = figures_table("countryUpdates", self.updates_model)
        self.values_view = figures_table("countryValues", self.values_model)
        for view in (self.updates_view, self.values_view):
            view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tables = QTabWidget()
        self.tables.addTab(self.updates_view, "")
        self.tables.addTab(self.values_view, "")
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.acknowledge_button)
        top.addWidget(self.compose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info_label)
        layout.addWidget(self.tables, 1)
        self.refresh()

    def show_report(self, country: str, period_id: int) -> None:
        self._key = (country, period_id)
        self.refresh()

    @shows_storage_errors
    def refresh(self) -> None:
        if self._key is None:
            self.data = None
        else:
            with self._context.db.reading() as session:
                self.data = country_period_data(session, *self._key)
        data = self.data
        self.updates_model.set_rows(data.updates if data else [])
        self.values_model.set_rows(data.values if data else [])
        for view in (self.updates_view, self.values_view):
            view.resizeColumnToContents(0)
        self.retranslate()

    def retranslate(self, *_args: object) -> None:
        data = self.data
        self.acknowledge_button.setText(_("&Acknowledge…"))
        set_view_name(self.updates_view, _("Progress in the selected report"))
        set_view_name(self.values_view, _("Indicator values in the selected report"))
        self.tables.setTabText(0, _("Progress ({count})").format(count=len(data.updates) if data else 0))
        self.tables.setTabText(1, _("Indicators ({count})").format(count=len(data.values) if data else 0))
        latest = data.latest if data else None
        self.acknowledge_button.setEnabled(latest is not None and latest.acknowledged_at is None)
        self.compose_button.setText(_("Send by &e-mail…"))
        self.compose_button.setToolTip(_("Send the acknowledgement to the coordinator with the "
                                         "receipt attached, in your mail program"))
        self.compose_button.setEnabled(latest is not None and latest.acknowledged_at is not None)
        if data is None:
            self.title_label.setText(_("Click a cell of the matrix to see that report."))
            self.info_label.setText("")
            return
        self.title_label.setText(f"<b>{escape(country_name(data.country))}{separator()}"
                                 f"{escape(isolate(data.period_code))}</b>")
        self.info_label.setText(shown(self._info(data)))
        for model in (self.updates_model, self.values_model):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)

    @staticmethod
    def _info(data: CountryPeriodData) -> str:
        latest = data.latest
        due = _("Due {date}.").format(date=format_date(data.due_date))
        if latest is None:
            return due + " " + _("Not received.")
        parts = [due, _("Revision {revision}, received {when}.").format(
            revision=latest.revision, when=format_datetime(latest.received_at))]
        if latest.received_at and latest.received_at.date() > data.due_date:
            parts.append(_("Received after the due date."))
        if latest.edited_after_export:
            parts.append(_("Edited after export: the file's digest did not match its content."))
            cells = latest.edited_cells
            if cells:
                shown = "; ".join(edited_cell_line(c) for c in cells[:EDITED_CELLS_SHOWN])
                parts.append(ngettext("The cell that differs: {cells}.",
                                      "The cells that differ: {cells}.", len(cells)).format(
                                          cells=shown))
                if len(cells) > EDITED_CELLS_SHOWN:
                    parts.append(_("({count} more.)").format(count=len(cells) - EDITED_CELLS_SHOWN))
        if latest.acknowledged_at:
            parts.append(_("Acknowledged {when}.").format(when=format_datetime(latest.acknowledged_at)))
            if latest.note:
                parts.append(_("Note: {note}").format(note=latest.note))
        if latest.file_name:
            parts.append(_("File: {name}").format(name=latest.file_name))
        return " ".join(parts)

    def _acknowledge(self) -> None:
        if self.data is not None and self.data.latest is not None:
            self.acknowledge_requested.emit(self.data.latest.id)
