"""Indicator values: a grid of indicators × periods, edited in place by the indicator's kind."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QHideEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, coded, current_language
from app.i18n.formats import format_period
from app.models.errors import ValidationError
from app.models.orm.base import pick_language
from app.models.orm.enums import IndicatorKind
from app.models.services.plan.outline import plan_outline
from app.models.services.reporting.indicator_values import (
    IndicatorValueInput,
    indicator_grid,
    value_from_text,
)
from app.models.topics import INDICATOR_VALUES, PLAN, SUBMISSIONS
from app.ui.common.accessible import set_name, set_view_name
from app.ui.common.column_widths import fit_to_headers
from app.ui.common.context import WorkspaceContext
from app.ui.common.lazy_panel import LazyPanel
from app.ui.common.message_bar import MessageBar
from app.ui.common.plain_text import visible_marks
from app.ui.common.roles import Index
from app.ui.coordinator.delegates import ProgressBarDelegate
from app.ui.coordinator.indicator_model import (
    FIXED,
    TITLE,
    TO_TARGET,
    IndicatorFilterProxy,
    IndicatorGridModel,
    KindRole,
)
from app.ui.coordinator.record_commands import EditIndicatorValue


class IndicatorValueDelegate(QStyledItemDelegate):
    """Yes/no as a choice; numbers, percents and texts typed (numbers as written in the language)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.data(KindRole) == IndicatorKind.YES_NO.value:
            combo = QComboBox(parent)
            combo.addItem("—", "")
            combo.addItem(_("Yes"), "1")
            combo.addItem(_("No"), "0")
            return combo
        return QLineEdit(parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):  # the two editors `createEditor` makes
            editor.setText(value)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class IndicatorPanel(LazyPanel):
    def __init__(self, context: WorkspaceContext, stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self._stack = context, stack
        self.model = IndicatorGridModel(self)
        self.proxy = IndicatorFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.objective_combo = QComboBox()
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.setItemDelegate(IndicatorValueDelegate(self.view))
        self.view.setItemDelegateForColumn(TO_TARGET, ProgressBarDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers
                                  & ~QAbstractItemView.EditTrigger.CurrentChanged)
        self.cell_label = QLabel()
        self.cell_label.setWordWrap(True)
        self.source_edit = QLineEdit()
        self.note_edit = QLineEdit()
        self.source_label, self.note_label = QLabel(), QLabel()
        self.source_label.setBuddy(self.source_edit)
        self.note_label.setBuddy(self.note_edit)
        self.messages = MessageBar()
        self.messages.clear_errors_on(context.bus.edit_saved)
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.objective_combo, 2)
        details = QFormLayout()
        details.addRow(self.cell_label)
        details.addRow(self.source_label, self.source_edit)
        details.addRow(self.note_label, self.note_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(details)
        layout.addWidget(self.messages)
        self.search.textChanged.connect(lambda _t: self._apply_filter())
        self.objective_combo.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.model.value_edit_requested.connect(self._value_edited)
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._show_cell())
        self.source_edit.editingFinished.connect(lambda: self._details_edited("source"))
        self.note_edit.editingFinished.connect(lambda: self._details_edited("note"))
        context.bus.changed.connect(self._data_changed)
        context.language.language_changed.connect(self.retranslate)
        self.retranslate()

    # --- loading --------------------------------------------------------------------------
    def load(self, keep_shown: bool = False) -> None:
        country = self._context.country
        if not country:
            return
        with self._context.db.reading() as session:
            grid = indicator_grid(session, country, self._context.today())
            outline = plan_outline(session, country)
        first_load = not self.model.grid.indicators
        self.model.set_grid(grid)
        self._fill_objectives(outline)
        if first_load:
            header = self.view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.fit_columns()
        self._show_cell()

    def fit_columns(self, *_args: object) -> None:
        """Usual widths, or wider where a header needs it ("Исходное значение" was cut to
        "одное значе"); the headers are whole in their tooltips too."""
        usual = {TITLE: 340, TO_TARGET: 110} | {column: 80 for column in range(TITLE + 1, TO_TARGET)}
        usual |= {column: 84 for column in range(FIXED, self.model.columnCount())}
        fit_to_headers(self.view, usual)

    def _fill_objectives(self, outline: Any) -> None:
        chosen = self.objective_combo.currentData()
        self.objective_combo.blockSignals(True)
        self.objective_combo.clear()
        self.objective_combo.addItem(_("All objectives"), None)
        for objective in outline.objectives:
            self.objective_combo.addItem(
                visible_marks(coded(objective.code,
                                    pick_language(objective.titles, current_language()))),
                objective.id)
        self.objective_combo.setCurrentIndex(max(0, self.objective_combo.findData(chosen)))
        self.objective_combo.blockSignals(False)

    def _apply_filter(self) -> None:
        self.proxy.set_filter(self.search.text(), self.objective_combo.currentData())

    def _data_changed(self, topics: frozenset[str]) -> None:
        if topics & {INDICATOR_VALUES, PLAN, SUBMISSIONS}:
            self.refresh()

    # --- editing --------------------------------------------------------------------------
    def _current(self) -> tuple[Any, Any, IndicatorValueInput | None]:
        index = self.proxy.mapToSource(self.view.currentIndex())
        if not index.isValid():
            return None, None, None
        row = self.model.grid.indicators[index.row()]
        return row, self.model.period_at(index.column()), self.model.value_at(index)

    def _value_edited(self, indicator_id: int, period_id: int, text: str) -> None:
        row = next(r for r in self.model.grid.indicators if r.id == indicator_id)
        old = self.model.grid.values.get((indicator_id, period_id))
        try:
            new = value_from_text(row.kind, text, old, current_language())
        except ValidationError as exc:
            self.messages.show_error(_("{indicator}: {problem}").format(
                indicator=row.code, problem=exc.message()))
            return
        self.messages.clear_message()
        self._stack.push(EditIndicatorValue(self._context, indicator_id, period_id, old, new,
                                            self.messages.show_error))

    def _details_edited(self, field: str) -> None:
        row, period, value = self._current()
        if row is None or period is None or value is None or period.locked:
            return
        text = (self.source_edit if field == "source" else self.note_edit).text().strip()
        if getattr(value, field) != text:
            changes: dict[str, Any] = {field: text}  # source or note, named at run time
            self._stack.push(EditIndicatorValue(self._context, row.id, period.id, value,
                                                replace(value, **changes),
                                                self.messages.show_error))

    def flush(self) -> None:
        """Save a source or note typed and not yet confirmed (leaving the tab, closing)."""
        self._details_edited("source")
        self._details_edited("note")

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def _show_cell(self) -> None:
        row, period, value = self._current()
        editable = period is not None and value is not None and not period.locked
        for edit in (self.source_edit, self.note_edit):
            edit.setEnabled(editable)
        self.source_edit.setText(value.source if value else "")
        self.note_edit.setText(value.note if value else "")
        if row is None or period is None:
            self.cell_label.setText(_("Choose a value in the grid to see its source and note."))
        else:
            self.cell_label.setText(_("{indicator} in {period}").format(
                indicator=coded(row.code, pick_language(row.titles, current_language())),
                period=format_period(period.code)))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def step(self, delta: int) -> None:
        current = self.view.currentIndex()
        row = max(0, min(self.proxy.rowCount() - 1, (current.row() if current.isValid() else -1)
                         + delta))
        self.view.setCurrentIndex(self.proxy.index(row, max(FIXED, current.column())))

    def retranslate(self, *_args: object) -> None:
        self.search.setPlaceholderText(_("Search indicators (Ctrl+F)"))
        self.source_label.setText(_("&Source:"))
        self.note_label.setText(_("N&ote:"))
        self.source_edit.setPlaceholderText(_("Where the figure comes from"))
        set_name(self.search, _("Search indicators"))
        set_name(self.objective_combo, _("Objective"))
        set_view_name(self.view, _("Indicator values"),
                  _("One row an indicator, one column a period; type a value in a cell"))
        self.model.retranslate()
        if self.model.grid.indicators:
            self.fit_columns()
        if not self._stale:
            self.refresh()  # a hidden tab re-reads when shown, not at every switch
