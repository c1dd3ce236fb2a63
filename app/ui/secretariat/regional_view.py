"""The Regional progress tab: progress across countries by objective and action, by status, and
indicators beside their targets, for the chosen countries, role and periods; and the reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, available_languages, current_language
from app.models.progress import Progress, checkpoint
from app.models.services.regional.report import (
    RegionalFilter,
    indicator_values,
    progress_by_item,
    resolve_scope,
    status_by_country,
)
from app.models.topics import COMMITMENTS, INDICATOR_VALUES, MEMBERSHIPS, PERIODS, PLAN, PROGRESS
from app.reports.consolidation.data import gather
from app.reports.language import ReportLanguage
from app.ui.common.background import BackgroundTask, run_in_background
from app.ui.common.column_widths import fit_to_headers
from app.ui.common.context import WorkspaceContext
from app.ui.common.language_combo import LanguageCombo
from app.ui.common.status_bar_delegate import StatusBarDelegate
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.secretariat.regional_filter_bar import RegionalFilterBar
from app.ui.secretariat.regional_models import IndicatorModel, ItemProgressModel, StatusModel

_TOPICS = {COMMITMENTS, PROGRESS, INDICATOR_VALUES, PLAN, PERIODS, MEMBERSHIPS}


def _table(model: ItemProgressModel | StatusModel | IndicatorModel, name: str) -> QTableView:
    view = QTableView()
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
    view.setObjectName(name)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class RegionalView(QWidget):
    #: A report was written (its path).
    written = Signal(object)

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._context, self._today = context, today
        self.last_written: Path | None = None
        self.filter_bar = RegionalFilterBar(context, today=today)
        self.items_model = ItemProgressModel(self)
        self.status_model = StatusModel(self)
        self.indicator_model = IndicatorModel(self)
        self.items_view = _table(self.items_model, "progressByItem")
        self.status_view = _table(self.status_model, "statusByCountry")
        self.status_view.setItemDelegateForColumn(StatusModel.COLUMN_BAR, StatusBarDelegate(self))
        self.indicator_view = _table(self.indicator_model, "indicatorValues")
        self.views = QTabWidget()
        for view in (self.items_view, self.status_view, self.indicator_view):
            self.views.addTab(view, "")
        self.language_label = QLabel()
        self.language_combo = LanguageCombo(available_languages())
        self.language_combo.setObjectName("reportLanguage")
        # Reports in the interface language until the user picks another for them.
        self._report_language_chosen = False
        self.language_combo.select(current_language())
        self.language_combo.activated.connect(self._report_language_picked)
        self.language_label.setBuddy(self.language_combo)
        self.workbook_button = QPushButton()
        self.workbook_button.setObjectName("exportWorkbook")
        self.brief_button = QPushButton()
        self.brief_button.setObjectName("exportBrief")
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.language_label)
        actions.addWidget(self.language_combo)
        actions.addWidget(self.workbook_button)
        actions.addWidget(self.brief_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.views, 1)
        layout.addLayout(actions)

        self._stale: set[int] = set()
        self.filter_bar.filter_changed.connect(lambda _flt: self.reload())
        self.views.currentChanged.connect(self._refresh_current)
        self.workbook_button.clicked.connect(lambda: self.export_workbook())
        self.brief_button.clicked.connect(lambda: self.export_brief())
        context.bus.changed.connect(self._data_changed)
        context.language.language_changed.connect(self.retranslate)
        self.reload()
        self.retranslate()

    def current_filter(self) -> RegionalFilter:
        return self.filter_bar.current_filter()

    def report_language(self) -> str:
        return str(self.language_combo.currentData() or current_language())

    def reload(self) -> None:
        """Recompute the view in sight now; the others when they are shown (each is a query)."""
        self._stale = {0, 1, 2}
        self._refresh_current()

    @shows_storage_errors
    def _refresh_current(self, *_args: object) -> None:
        tab = self.views.currentIndex()
        if tab not in self._stale:
            return
        self._stale.discard(tab)
        with self._context.db.reading() as session:
            scope = resolve_scope(session, self.current_filter(), self._today)
            if tab == 2:
                self.indicator_model.set_rows(indicator_values(session, scope), scope.countries)
            elif tab == 1:
                self.status_model.set_tallies(status_by_country(session, scope), scope.countries,
                                              scope.roles)
            else:
                self.items_model.set_rows(progress_by_item(session, scope), scope.countries)
        self._size_columns()

    def _size_columns(self) -> None:
        """The titles and bars at their usual widths; every other column as wide as its header needs
        (in Russian "Обязательства с новыми сведениями" was cut to "…овыми сведени")."""
        usual = {self.items_view: {0: 60, 1: 300},
                 self.status_view: {0: 140, StatusModel.COLUMN_BAR: 220},
                 self.indicator_view: {0: 70, 1: 300}}
        for view, widths in usual.items():
            fit_to_headers(view, widths, others=True)

    def _data_changed(self, topics: frozenset[str]) -> None:
        if topics & {PERIODS, MEMBERSHIPS}:
            self.filter_bar.reload()
        if topics & _TOPICS:
            self.reload()

    # --- reports ------------------------------------------------------------------------------
    def _ask_path(self, suggested: str, pattern: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save report"), str(Path.home() / suggested), pattern)
        return Path(path) if path else None

    def _suggested_name(self, kind: str, suffix: str) -> str:
        with self._context.db.reading() as session:
            periods = resolve_scope(session, self.current_filter(), self._today).periods
        from app.reports.consolidation.workbook import report_file_name

        return report_file_name(periods, kind, suffix)

    @shows_storage_errors
    def export_workbook(self, path: Path | None = None) -> BackgroundTask | None:
        """Write the regional report workbook for the current filter (asking where, unless told).

        Gathering and writing run off the GUI thread; returns the task (None if no path chosen).
        """
        path = path or self._ask_path(self._suggested_name("REGIONAL", ".xlsx"),
                                      _("Excel workbooks (*.xlsx)"))
        if path is None:
            return None
        # The workbook code (openpyxl) loads when a report is written, not with the window.
        from app.reports.consolidation.workbook import write_consolidation_workbook

        db, flt, today, language = self._context.db, self.current_filter(), self._today, \
            self.report_language()

        def work(progress: Progress) -> Path:
            checkpoint(progress, 0, 2, _("Reading the regional picture"))
            with db.reading() as session:
                data = gather(session, flt, today=today)
            checkpoint(progress, 1, 2, _("Writing the workbook"))
            return write_consolidation_workbook(data, path, language)

        return self._run(_("Export workbook"), work)

    @shows_storage_errors
    def export_brief(self, path: Path | None = None) -> BackgroundTask | None:
        """Write the printable brief (PDF) for the current filter, off the GUI thread."""
        from app.reports.consolidation.brief import brief_html
        from app.ui.files.pdf_renderer import render_pdf

        path = path or self._ask_path(self._suggested_name("BRIEF", ".pdf"),
                                      _("PDF documents (*.pdf)"))
        if path is None:
            return None
        db, flt, today = self._context.db, self.current_filter(), self._today
        language = ReportLanguage(self.report_language())

        def work(progress: Progress) -> Path:
            checkpoint(progress, 0, 2, _("Reading the regional picture"))
            with db.reading() as session:
                data = gather(session, flt, today=today, details=False, highlights=True)
            checkpoint(progress, 1, 2, _("Writing the brief"))
            render_pdf(brief_html(data, language.code), path,
                       title=language.t(N_("Regional progress brief")))
            return path

        return self._run(_("Print brief"), work)

    def _run(self, title: str, work: Callable[[Progress], Path]) -> BackgroundTask:
        """A report is written to a temporary file and moved into place: a cancel leaves none."""
        self.workbook_button.setEnabled(False)
        self.brief_button.setEnabled(False)
        task = run_in_background(self, title, work, on_success=self._written)
        task.finished.connect(self._enable_reports)
        return task

    def _enable_reports(self) -> None:
        self.workbook_button.setEnabled(True)
        self.brief_button.setEnabled(True)

    def _written(self, path: Path) -> None:
        self.last_written = path
        self.written.emit(path)

    def _report_language_picked(self, _index: int) -> None:
        self._report_language_chosen = True

    def retranslate(self, *_args: object) -> None:
        self.filter_bar.retranslate()
        if not self._report_language_chosen:
            self.language_combo.select(current_language())
        self.views.setTabText(0, _("By objective and action"))
        self.views.setTabText(1, _("By status"))
        self.views.setTabText(2, _("Indicators and targets"))
        self.language_label.setText(_("Report &language:"))
        self.workbook_button.setText(_("Export &workbook…"))
        self.brief_button.setText(_("Print &brief (PDF)…"))
        for model in (self.items_model, self.status_model, self.indicator_model):
            model.retranslate()
        self._size_columns()
