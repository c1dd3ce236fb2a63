"""The commitments table both the commitments panel and the progress editor show: model, sorting
proxy, delegates, and selection that survives reloads."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from app.i18n.formats import format_date
from app.models.orm.enums import Priority, ProgressStatus
from app.models.services.reporting.commitment_rows import CommitmentRow
from app.ui.common.column_widths import fit_to_headers
from app.ui.coordinator.commitment_model import Column, CommitmentProxy, CommitmentTableModel, IdRole
from app.ui.coordinator.delegates import DateDelegate, EnumDelegate, PercentDelegate

WIDTHS: dict[int, int] = {Column.COUNTRY: 110, Column.CODE: 56, Column.LEAD: 150, Column.PARTNERS: 90,
          Column.START: 96, Column.END: 96, Column.PRIORITY: 66, Column.STATUS: 112,
          Column.PERCENT: 56, Column.NARRATIVE: 260, Column.EVIDENCE: 64}


#: The narrowest a column gets when the commitment text needs the room (its header is elided
#: and shown whole in its tooltip; the cells' texts are in their tooltips).
FLOORS = {Column.COUNTRY: 80, Column.CODE: 44, Column.LEAD: 100, Column.PARTNERS: 70,
          Column.PRIORITY: 66, Column.STATUS: 100, Column.PERCENT: 48, Column.NARRATIVE: 120,
          Column.EVIDENCE: 44}
#: The commitment column keeps at least this share of the table's width.
DESCRIPTION_SHARE = 0.32
DATE_COLUMNS = (Column.START, Column.END)


def date_column_width(view: QTableView) -> int:
    """Wide enough for the longest date of the year in the interface language, with its year
    ("1 сент. 202…" lost the year at the usual width)."""
    metrics = view.fontMetrics()
    widest = max(metrics.horizontalAdvance(format_date(dt.date(2026, month, 28)))
                 for month in range(1, 13))
    return widest + 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8


class CommitmentTable(QTableView):
    #: The id of the commitment under the cursor, or None.
    current_changed = Signal(object)

    def __init__(self, columns: list[Column], show_country: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = CommitmentTableModel(self)
        self.source.show_country = show_country
        self.proxy = CommitmentProxy(self)
        self.proxy.setSourceModel(self.source)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        # A header narrowed to make room ends in "…" (whole in its tooltip), not clipped mid-word.
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSortingEnabled(True)
        shown = set(columns) | ({Column.COUNTRY} if show_country else set())
        for column in Column:
            self.setColumnHidden(column, column not in shown)
        self.fit_headers()
        header.sectionCountChanged.connect(self.fit_headers)
        self.model().headerDataChanged.connect(self.fit_headers)
        header.setSectionResizeMode(Column.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.setItemDelegateForColumn(Column.STATUS, EnumDelegate(list(ProgressStatus), self))
        self.setItemDelegateForColumn(Column.PERCENT, PercentDelegate(self))
        self.setItemDelegateForColumn(Column.PRIORITY, EnumDelegate(list(Priority), self))
        self.setItemDelegateForColumn(Column.START, DateDelegate(self))
        self.setItemDelegateForColumn(Column.END, DateDelegate(self))
        self.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.current_changed.emit(
                current.data(IdRole) if current.isValid() else None))

    def fit_headers(self, *_args: object) -> None:
        """Each column at its usual width, or wider where its header needs it (e.g. in Russian),
        then narrower again where the commitment text would otherwise have no room."""
        fit_to_headers(self, WIDTHS)
        dates = date_column_width(self)
        for column in DATE_COLUMNS:
            self.setColumnWidth(column, dates)
        self.make_room()

    def make_room(self) -> None:
        """Give the commitment column its share: the widest other columns (dates never) give up
        width down to their floors, so Russian headers no longer squeeze it to a word."""
        room = self.viewport().width()
        if room <= 0:
            return
        others = [c for c in Column if c != Column.DESCRIPTION and not self.isColumnHidden(c)]
        excess = (sum(self.columnWidth(c) for c in others)
                  + int(room * DESCRIPTION_SHARE) - room)
        while excess > 0:
            slack = {c: self.columnWidth(c) - FLOORS[c] for c in others
                     if c in FLOORS and self.columnWidth(c) > FLOORS[c]}
            if not slack:
                break
            widest = max(slack, key=lambda c: slack[c])
            give = min(slack[widest], excess, max(4, slack[widest] // 2))
            self.setColumnWidth(widest, self.columnWidth(widest) - give)
            excess -= give

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_headers()

    def set_rows(self, rows: list[CommitmentRow]) -> None:
        """Show these rows, keeping the cursor on the same commitment when it is still there."""
        current = self.current_id()
        self.source.set_rows(rows)
        if current is not None and self.current_id() != current:
            self.select_id(current)

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def current_row(self) -> CommitmentRow | None:
        current = self.current_id()
        position = self.source.row_of(current) if current is not None else -1
        return self.source.rows()[position] if position >= 0 else None

    def select_id(self, commitment_id: int | None) -> bool:
        """Put the cursor on a commitment; False when it is not in the list."""
        position = self.source.row_of(commitment_id) if commitment_id is not None else -1
        if position < 0:
            return False
        self._select(self.proxy.mapFromSource(self.source.index(position, Column.DESCRIPTION)))
        return True

    def step(self, delta: int) -> None:
        """Move the cursor to the next (1) or previous (-1) row, in the order shown."""
        rows = self.proxy.rowCount()
        if not rows:
            return
        current = self.currentIndex()
        row = current.row() + delta if current.isValid() else (0 if delta > 0 else rows - 1)
        self._select(self.proxy.index(max(0, min(rows - 1, row)), Column.DESCRIPTION))

    def _select(self, index: QModelIndex) -> None:
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.scrollTo(index)
