"""The first tab: where the period stands at a glance, with a way into each figure."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
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
from app.ui.common.column_widths import fit_to_headers
from app.ui.common.context import WorkspaceContext
from app.ui.common.lazy_panel import LazyPanel
from app.ui.common.message_bar import MessageBar
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
        self.objective_chart = ObjectiveChart()
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
        QVBoxLayout(self.objective_box).addWidget(self.objective_chart)
        status_layout = QHBoxLayout(self.status_box)
        status_layout.addWidget(self.status_chart, 1)
        status_layout.addWidget(self.status_legend)
        overdue_layout = QVBoxLayout(self.overdue_box)
        self.overdue_hint = QLabel()
        overdue_layout.addWidget(self.overdue_view)
        overdue_layout.addWidget(self.overdue_hint)
        cards = QHBoxLayout()
        for card in (self.completeness, self.due, self.overdue_card):
            cards.addWidget(card, 1)
        grid = QGridLayout()
        grid.addWidget(self.objective_box, 0, 0)
        grid.addWidget(self.status_box, 0, 1)
        grid.addWidget(self.overdue_box, 1, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.period_bar)
        layout.addWidget(self.checklist)
        layout.addLayout(cards)
        layout.addLayout(grid, 1)
        layout.addWidget(self.messages)
        self.objective_chart.objective_clicked.connect(self.objective_activated)
        self.status_chart.status_clicked.connect(self.status_activated)
        self.status_legend.status_clicked.connect(self.status_activated)
        self.overdue_view.activated.connect(self._overdue_activated)
        self.overdue_view.doubleClicked.connect(self._overdue_activated)
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
        self.overdue_model.retranslate()
        self.checklist.retranslate()
        if self.figures is not None:
            self.reload()
