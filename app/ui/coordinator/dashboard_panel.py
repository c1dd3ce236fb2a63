"""The first tab: where the period stands at a glance, with a way into each figure."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.i18n.formats import format_date, format_number, format_percent, format_period
from app.models.services.plan.outline import PlanOutline, plan_outline
from app.models.services.reporting.checklist import period_checklist
from app.models.services.reporting.dashboard import DashboardFigures, dashboard_figures
from app.models.topics import COMMITMENTS, PLAN, PROFILE, PROGRESS, SUBMISSIONS
from app.ui.common.accessible import set_name, set_view_name
from app.ui.common.column_widths import fit_to_headers
from app.ui.common.context import WorkspaceContext
from app.ui.common.lazy_panel import LazyPanel
from app.ui.common.message_bar import MessageBar
from app.ui.common.screen_fit import scrolling
from app.ui.common.settings import app_settings
from app.ui.coordinator.chart_tables import ObjectiveTableModel, StatusTableModel, figures_table
from app.ui.coordinator.checklist_bar import ChecklistBar
from app.ui.coordinator.objective_chart import ObjectiveChart
from app.ui.coordinator.overdue_model import IdRole, OverdueModel
from app.ui.coordinator.period_bar import PeriodBar
from app.ui.coordinator.period_rows import PeriodRowsCache
from app.ui.coordinator.period_selection import PeriodSelection
from app.ui.coordinator.status_chart import StatusChart, StatusLegend
from app.ui.files.sent_record import sent_digests

CARD_STYLE = ("QFrame#figureCard { background: palette(base); border: 1px solid palette(mid);"
              " border-radius: 4px; }")


#: Usual widths of the overdue table's columns (the commitment, column 1, stretches).
OVERDUE_WIDTHS = {0: 64, 2: 110, 3: 96, 4: 110}
#: Whether the charts show as tables (kept: whoever needs the tables needs them at every start).
TABLES_KEY = "dashboard/charts_as_tables"

class FigureCard(QFrame):
    """A big figure with a caption under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.setStyleSheet(CARD_STYLE)
        self.title = QLabel()
        self.figure = QLabel()
        font = self.figure.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.figure.setFont(font)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.layout_ = QVBoxLayout(self)
        for widget in (self.title, self.figure, self.caption):
            self.layout_.addWidget(widget)
        self.layout_.addStretch(1)


class DashboardPanel(LazyPanel):
    objective_activated = Signal(int)
    commitment_activated = Signal(int)
    status_activated = Signal(object)
    #: A step of the period's checklist was clicked (see checklist.STEPS).
    step_activated = Signal(str)

    def __init__(self, context: WorkspaceContext, selection: PeriodSelection, stack: QUndoStack,
                 parent: QWidget | None = None, rows: PeriodRowsCache | None = None) -> None:
        super().__init__(parent)
        self._context, self._selection = context, selection
        # Made (and so following the change bus) before this panel follows it.
        self._rows = rows or PeriodRowsCache(context)
        self._outline: PlanOutline | None = None  # the plan's objectives, read again on PLAN
        self.figures: DashboardFigures | None = None
        self.messages = MessageBar()
        self.messages.clear_errors_on(context.bus.edit_saved)
        self.period_bar = PeriodBar(context, selection, stack, self.messages.show_error)
        self.checklist = ChecklistBar()
        self.checklist.step_activated.connect(self.step_activated)
        self.completeness = FigureCard()
        self.completeness_bar = QProgressBar()
        self.completeness_bar.setTextVisible(False)
        self.completeness_bar.setMaximumHeight(8)
        self.completeness.layout_.insertWidget(2, self.completeness_bar)
        self.due = FigureCard()
        self.overdue_card = FigureCard()
        self.tables_check = QCheckBox()
        self.tables_check.setObjectName("chartsAsTables")
        self.objective_chart = ObjectiveChart()
        self.objective_model = ObjectiveTableModel(self)
        self.objective_table = figures_table(self.objective_model)
        self.status_model = StatusTableModel(self)
        self.status_table = figures_table(self.status_model)
        self.status_chart = StatusChart()
        self.status_legend = StatusLegend()
        self.overdue_model = OverdueModel(self)
        self.overdue_view = QTableView()
        self.overdue_view.setModel(self.overdue_model)
        self.overdue_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.overdue_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.overdue_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overdue_view.setAlternatingRowColors(True)
        self.overdue_view.setWordWrap(False)
        self.overdue_view.setTabKeyNavigation(False)
        self.overdue_view.verticalHeader().hide()
        self.overdue_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.overdue_view.horizontalHeader()
        self._fit_overdue_headers()
        self.overdue_model.headerDataChanged.connect(self._fit_overdue_headers)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.objective_box, self.status_box, self.overdue_box = QGroupBox(), QGroupBox(), QGroupBox()
        objective_layout = QVBoxLayout(self.objective_box)
        objective_layout.addWidget(self.objective_chart)
        objective_layout.addWidget(self.objective_table)
        status_layout = QHBoxLayout()
        status_layout.addWidget(self.status_chart, 1)
        status_layout.addWidget(self.status_legend)
        status_layout.addWidget(self.status_table)
        # The toggle under the donut, where the box has room to spare: a row of its own would
        # make the dashboard taller than a 1280×800 laptop's screen.
        status_column = QVBoxLayout(self.status_box)
        status_column.addLayout(status_layout, 1)
        status_column.addWidget(self.tables_check, 0, Qt.AlignmentFlag.AlignRight)
        overdue_layout = QVBoxLayout(self.overdue_box)
        self.overdue_hint = QLabel()
        overdue_layout.addWidget(self.overdue_view)
        overdue_layout.addWidget(self.overdue_hint)
        cards = QHBoxLayout()
        for card in (self.completeness, self.due, self.overdue_card):
            cards.addWidget(card, 1)
        self.charts = grid = QGridLayout()
        grid.addWidget(self.objective_box, 0, 0)
        self._charts_beside: bool | None = None
        self.arrange_charts(beside=True)
        grid.setColumnStretch(0, 3)
        grid.setRowStretch(0, 3)
        body = QWidget()  # scrolls on a small screen with large text (the period bar stays)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.checklist)
        body_layout.addLayout(cards)
        body_layout.addLayout(grid, 1)
        self.scroll_area = scrolling(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.period_bar)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.messages)
        self.objective_chart.objective_clicked.connect(self.objective_activated)
        self.status_chart.status_clicked.connect(self.status_activated)
        self.status_legend.status_clicked.connect(self.status_activated)
        self.overdue_view.activated.connect(self._overdue_activated)  # a double-click, or Enter
        self.objective_table.activated.connect(lambda index: self.objective_activated.emit(
            self.objective_model.rows[index.row()].objective_id))
        self.status_table.activated.connect(lambda index: self.status_activated.emit(
            self.status_model.rows[index.row()][0]))
        self.tables_check.setChecked(bool(app_settings().value(TABLES_KEY, False, type=bool)))
        self.show_tables(self.tables_check.isChecked())
        self.tables_check.toggled.connect(self._tables_toggled)
        selection.changed.connect(lambda _id: self.refresh())
        context.bus.changed.connect(self._data_changed)
        context.language.language_changed.connect(self.retranslate)
        self.retranslate()

    def load(self, keep_shown: bool = False) -> None:
        period_id = self._selection.period_id
        if period_id is None:
            return
        rows = self._rows.get(period_id).rows
        with self._context.db.reading() as session:
            if self._outline is None:
                self._outline = plan_outline(session, self._context.country)
            self.figures = dashboard_figures(session, self._context.country, period_id,
                                             self._context.today(), rows, self._outline)
            if self._context.country:
                self.checklist.set_checklist(period_checklist(
                    session, self._context.profile, self._context.country, period_id,
                    self.figures.updated, self.figures.total, sent_digests()))
        self._show(self.figures)

    def _show(self, figures: DashboardFigures) -> None:
        share = figures.completeness
        self.completeness.figure.setText(format_percent(share * 100) if share is not None else "—")
        self.completeness_bar.setValue(round((share or 0) * 100))
        self.completeness.caption.setText(_("{updated} of {total} commitments have an update "
                                            "for {period}").format(
            updated=format_number(figures.updated), total=format_number(figures.total),
            period=format_period(figures.period.code)))
        days = figures.days_to_due
        if figures.period.locked:
            self.due.figure.setText(_("Submitted"))
            self.due.caption.setText(_("Revision {revision}; due {date}").format(
                revision=figures.period.revision, date=format_date(figures.period.due_date)))
        else:
            self.due.figure.setText(format_number(abs(days)))
            text = (ngettext("day to the due date, {date}", "days to the due date, {date}", days)
                    if days >= 0 else
                    ngettext("day past the due date, {date}", "days past the due date, {date}",
                             -days))
            self.due.caption.setText(text.format(date=format_date(figures.period.due_date)))
        self.overdue_card.figure.setText(format_number(len(figures.overdue)))
        self.overdue_card.caption.setText(ngettext(
            "commitment past its end date and not done", "commitments past their end date and "
            "not done", len(figures.overdue)))
        self.objective_chart.set_items(figures.by_objective)
        self.status_chart.set_counts(figures.status_counts)
        self.status_legend.set_counts(figures.status_counts)
        self.overdue_model.set_items(figures.overdue)
        self.objective_model.set_rows(list(figures.by_objective))
        self.status_model.set_counts(figures.status_counts)
        self._chain_focus()

    def _chain_focus(self) -> None:
        """Tab goes through the dashboard as it reads: the legend's buttons (made as statuses
        appear) right after the donut, not after the overdue table."""
        chain = [self.objective_chart, self.objective_table, self.status_chart,
                 *self.status_legend.buttons, self.status_table, self.tables_check, self.overdue_view]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def show_tables(self, tables: bool) -> None:
        """The figures as tables in place of the charts (and their legend), or the charts."""
        for chart in (self.objective_chart, self.status_chart, self.status_legend):
            chart.setVisible(not tables)
        self.objective_table.setVisible(tables)
        self.status_table.setVisible(tables)

    def _tables_toggled(self, tables: bool) -> None:
        self.show_tables(tables)
        app_settings().setValue(TABLES_KEY, tables)

    def arrange_charts(self, beside: bool | None = None) -> None:
        """The status chart beside the objectives' where both fit the pane, else under it (large
        text on a small screen), so the dashboard never scrolls sideways."""
        if beside is None:
            room = (self.scroll_area.width()
                    - self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent))
            beside = room >= (self.objective_box.minimumSizeHint().width()
                              + self.charts.horizontalSpacing()
                              + self.status_box.minimumSizeHint().width())
        if beside == self._charts_beside:
            return
        self._charts_beside = beside
        grid = self.charts
        for box in (self.status_box, self.overdue_box):
            grid.removeWidget(box)
        if beside:
            grid.addWidget(self.status_box, 0, 1)
            grid.addWidget(self.overdue_box, 1, 0, 1, 2)
        else:
            grid.addWidget(self.status_box, 1, 0)
            grid.addWidget(self.overdue_box, 2, 0)
        grid.setColumnStretch(1, 2 if beside else 0)
        grid.setRowStretch(1, 2 if beside else 3)
        grid.setRowStretch(2, 0 if beside else 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange_charts()

    def _overdue_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.commitment_activated.emit(index.data(IdRole))

    def _data_changed(self, topics: frozenset[str]) -> None:
        if PLAN in topics:
            self._outline = None
        if topics & {COMMITMENTS, PROGRESS, PLAN, SUBMISSIONS, PROFILE}:
            self.refresh()

    def _fit_overdue_headers(self, *_args: object) -> None:
        fit_to_headers(self.overdue_view, OVERDUE_WIDTHS)

    def retranslate(self, *_args: object) -> None:
        self.completeness.title.setText(_("Completeness"))
        self.due.title.setText(_("Due date"))
        self.overdue_card.title.setText(_("Overdue"))
        self.objective_box.setTitle(_("Progress by objective (click a bar to see its commitments)"))
        self.status_box.setTitle(_("Status in this period"))
        self.overdue_box.setTitle(_("Overdue commitments"))
        self.overdue_hint.setText(_("Double-click or press Enter to open a commitment."))
        self.overdue_hint.setAlignment(Qt.AlignmentFlag.AlignRight)
        set_view_name(self.overdue_view, _("Overdue commitments"))
        set_name(self.objective_chart, _("Progress by objective"))
        set_name(self.status_chart, _("Status in this period"))
        self.overdue_model.retranslate()
        self.tables_check.setText(_("Show the charts as &tables"))
        self.objective_model.retranslate()
        self.status_model.retranslate()
        self.checklist.retranslate()
        self.arrange_charts()  # the titles' widths changed
        if self.figures is not None:
            self.refresh()  # a hidden tab re-reads when shown, not at every switch
