"""Search box and filters over commitments: plan scope, status, overdue, no update this period."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, coded, current_language
from app.models.orm.base import pick_language
from app.models.orm.enums import ProgressStatus, label
from app.models.services.plan.outline import PlanOutline, plan_outline
from app.models.services.reporting.commitment_rows import CommitmentFilter
from app.models.topics import PLAN
from app.ui.common.accessible import set_name
from app.ui.common.context import WorkspaceContext
from app.ui.common.plain_text import visible_marks
from app.ui.common.storage_guard import shows_storage_errors

#: Typing pauses this long (ms) before the list is filtered again.
TYPING_DELAY_MS = 250


class FilterBar(QWidget):
    filter_changed = Signal(object)

    def __init__(self, context: WorkspaceContext, *, with_retired: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._outline = PlanOutline(None, "", 0, {}, False, [])
        self._current = CommitmentFilter()
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.scope_combo = QComboBox()
        self.status_combo = QComboBox()
        # Long translated choices must not widen the window; the open list shows them whole.
        for combo, length in ((self.scope_combo, 14), (self.status_combo, 10)):
            combo.setMinimumContentsLength(length)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.overdue_check = QCheckBox()
        self.no_update_check = QCheckBox()
        self.retired_check = QCheckBox()
        self.retired_check.setVisible(with_retired)
        self.clear_button = QToolButton()
        # Two rows, so translated labels never make the window wider than a laptop screen.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        choices = QHBoxLayout()
        choices.addWidget(self.search, 3)
        choices.addWidget(self.scope_combo, 2)
        choices.addWidget(self.status_combo, 1)
        flags = QHBoxLayout()
        for widget in (self.overdue_check, self.no_update_check, self.retired_check):
            flags.addWidget(widget)
        flags.addStretch(1)
        flags.addWidget(self.clear_button)
        layout.addLayout(choices)
        layout.addLayout(flags)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_DELAY_MS)
        self._typing.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._typing.start())
        self.search.returnPressed.connect(self._emit)
        for combo in (self.scope_combo, self.status_combo):
            combo.currentIndexChanged.connect(lambda _i: self._emit())
        for check in (self.overdue_check, self.no_update_check, self.retired_check):
            check.toggled.connect(lambda _on: self._emit())
        self.clear_button.clicked.connect(self.clear)
        context.bus.changed.connect(lambda topics: self.reload() if PLAN in topics else None)
        context.language.language_changed.connect(self.retranslate)
        self.reload()

    @property
    def current(self) -> CommitmentFilter:
        return self._current

    @shows_storage_errors
    def reload(self) -> None:
        with self._context.db.reading() as session:
            self._outline = plan_outline(session, self._context.country)
        self.retranslate()

    def retranslate(self, *_args: object) -> None:
        language = current_language()
        self.search.setPlaceholderText(_("Search commitments and narratives"))
        set_name(self.search, _("Search commitments and narratives"))
        set_name(self.scope_combo, _("Objective or action"))
        set_name(self.status_combo, _("Status"))
        self.search.setToolTip(_("Words to find in descriptions, agencies, narratives, "
                                 "challenges and support requests; all words must match "
                                 "(Ctrl+F)."))
        scope = self.scope_combo.currentData()
        status = self.status_combo.currentData()
        for combo in (self.scope_combo, self.status_combo):
            combo.blockSignals(True)
            combo.clear()
        self.scope_combo.addItem(_("All objectives and actions"), None)
        for objective in self._outline.objectives:
            self.scope_combo.addItem(
                visible_marks(coded(objective.code, pick_language(objective.titles, language))),
                f"objective:{objective.id}")
            for action in objective.children:
                self.scope_combo.addItem(
                    visible_marks("      " + coded(action.code, pick_language(action.titles, language))),
                    f"action:{action.id}")
        self.status_combo.addItem(_("Any status"), None)
        for member in ProgressStatus:
            self.status_combo.addItem(label(member), member.value)
        self.scope_combo.setCurrentIndex(max(0, self.scope_combo.findData(scope)))
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
        for combo in (self.scope_combo, self.status_combo):
            combo.blockSignals(False)
        self.scope_combo.setToolTip(_("Show the commitments under one objective or action"))
        self.status_combo.setToolTip(_("Show the commitments with this status in the period"))
        self.overdue_check.setText(_("Overdue"))
        self.overdue_check.setToolTip(_("End date passed, and neither completed nor cancelled"))
        self.no_update_check.setText(_("No update this period"))
        self.retired_check.setText(_("Show retired"))
        self.clear_button.setText(_("Clear filters"))

    def set_scope(self, item: tuple[str, int] | None) -> None:
        """Follow the plan navigator: show the selected objective or action only."""
        index = self.scope_combo.findData(f"{item[0]}:{item[1]}") if item else 0
        self.scope_combo.setCurrentIndex(max(0, index))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def clear(self) -> None:
        """Show everything again (keeps the search box's undo history)."""
        widgets = (self.search, self.scope_combo, self.status_combo, self.overdue_check,
                   self.no_update_check, self.retired_check)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        self.scope_combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)
        for check in (self.overdue_check, self.no_update_check, self.retired_check):
            check.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        self._typing.stop()
        kind, _sep, scope_id = str(self.scope_combo.currentData() or "").partition(":")
        flt = CommitmentFilter(
            text=self.search.text().strip(),
            objective_id=int(scope_id) if kind == "objective" else None,
            action_id=int(scope_id) if kind == "action" else None,
            status=ProgressStatus(status) if (status := self.status_combo.currentData()) else None,
            no_update=self.no_update_check.isChecked(),
            overdue=self.overdue_check.isChecked(),
            include_retired=self.retired_check.isChecked(),
        )
        if flt != self._current:
            self._current = flt
            self.filter_changed.emit(flt)
