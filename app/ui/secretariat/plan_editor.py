"""The Plan tab of the secretariat: edit the plan, make a new version, publish it as a workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, coded, current_language
from app.models.errors import UserFacingError, ValidationError
from app.models.orm.base import pick_language
from app.models.services.keys.own import signer
from app.models.services.plan import editing as pe
from app.models.services.plan.document import IndicatorDoc
from app.models.services.plan.outline import PlanNode
from app.models.services.plan.tree import PlanSummary, list_plans, plan_tree
from app.models.services.plan.versions import new_version_with_backup, published_document
from app.models.topics import COMMITMENTS, INDICATOR_VALUES, PLAN
from app.ui.common.accessible import set_view_name
from app.ui.common.background import BackgroundTask, run_in_background
from app.ui.common.context import WorkspaceContext
from app.ui.common.plain_text import shown
from app.ui.common.screen_fit import scrolling
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.common.undo_commands import perform
from app.ui.plan_browser.plan_tree_model import NodeRole
from app.ui.secretariat import commands as commands
from app.ui.secretariat.plan_edit_model import PlanEditTreeModel
from app.ui.secretariat.plan_item_form import PlanItemForm

if TYPE_CHECKING:
    from app.ui.files.plan_import_dialog import PlanImportDialog


class PlanEditor(QWidget):
    def __init__(self, context: WorkspaceContext, undo_stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self._undo_stack = context, undo_stack
        self.plan_id: int | None = None
        self._plan_summary: PlanSummary | None = None
        self.plan_label = QLabel()
        self.plan_label.setObjectName("planLabel")
        self.plan_label.setWordWrap(True)
        self.model = PlanEditTreeModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("planEditTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.form = PlanItemForm()
        #: What the form edits: (kind, id or None for a new item, parent id for a new item).
        self.editing: tuple[str, int | None, int | None] = ("plan", None, None)
        self.buttons: dict[str, QPushButton] = {}
        for key in ("plan", "objective", "action", "indicator", "delete", "apply", "revert",
                    "version", "export", "import"):
            self.buttons[key] = QPushButton()
            self.buttons[key].setObjectName(f"{key}Button")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.plan_label)
        left_layout.addWidget(self.tree, 1)
        adders = QGridLayout()  # two a row: one row is wider than a small screen with large text
        for index, key in enumerate(("plan", "objective", "action", "indicator", "delete")):
            adders.addWidget(self.buttons[key], index // 2, index % 2)
        left_layout.addLayout(adders)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scrolling(self.form, sideways=False), 1)
        apply_row = QHBoxLayout()
        apply_row.addStretch(1)
        apply_row.addWidget(self.buttons["revert"])
        apply_row.addWidget(self.buttons["apply"])
        right_layout.addLayout(apply_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("planEditorSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([420, 480])
        publish = QHBoxLayout()
        publish.addWidget(self.buttons["version"])
        publish.addStretch(1)
        publish.addWidget(self.buttons["import"])
        publish.addWidget(self.buttons["export"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(publish)

        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.buttons["plan"].clicked.connect(lambda: self.edit_item("plan", self.plan_id))
        for kind in ("objective", "action", "indicator"):
            self.buttons[kind].clicked.connect(lambda _c=False, k=kind: self.start_new(k))
        self.buttons["delete"].clicked.connect(lambda: self.delete_selected())
        self.buttons["apply"].clicked.connect(lambda: self.apply())
        self.buttons["revert"].clicked.connect(lambda: self.edit_item(*self.editing[:2])
                                               if self.editing[1] is not None else None)
        self.buttons["version"].clicked.connect(lambda: self.make_new_version())
        self.buttons["export"].clicked.connect(lambda: self.export_plan())
        self.buttons["import"].clicked.connect(lambda: self.import_plan())
        context.bus.changed.connect(self._data_changed)
        context.language.language_changed.connect(self.retranslate)
        self.reload()
        self.retranslate()
        self.edit_item("plan", self.plan_id)

    # --- reading ------------------------------------------------------------------------------
    @shows_storage_errors
    def reload(self) -> None:
        selected = self.selected_node()
        with self._context.db.reading() as session:
            plans = list_plans(session)
            current = next((p for p in plans if p.is_current), None)
            self.plan_id = current.id if current else None
            nodes = plan_tree(session, self.plan_id) if self.plan_id else []
            self._plan_summary = current
        self.model.set_tree(self.plan_id or 0, nodes)
        self.tree.expandToDepth(0)
        if selected is not None:
            self.select(selected.kind, selected.id)
        self._update_label()

    def _update_label(self) -> None:
        plan = self._plan_summary
        if plan is None:
            self.plan_label.setText(_("There is no plan in this workspace."))
            return
        state = _("template") if plan.is_template else _("official")
        self.plan_label.setText(_("<b>{code}</b> version {version} ({state}): {title}").format(
            code=plan.code, version=plan.version, state=state,
            title=pick_language(plan.titles, current_language())))

    def selected_node(self) -> PlanNode | None:
        indexes = self.tree.selectionModel().selectedRows()
        return indexes[0].data(NodeRole) if indexes else None

    def select(self, kind: str, item_id: int) -> None:
        index = self.model.find(kind, item_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _parents(self, kind: str) -> list[tuple[int, str]]:
        """Where an action (objectives) or an indicator (actions) may be placed."""
        lang = current_language()
        nodes = self.model.outline.objectives
        if kind == "indicator":
            nodes = [a for o in nodes for a in o.children]
        return [(n.id, coded(n.code, pick_language(n.titles, lang))) for n in nodes] \
            if kind in ("action", "indicator") else []

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        node = self.selected_node()
        if node is not None:
            self.edit_item(node.kind, node.id)

    @shows_storage_errors
    def edit_item(self, kind: str, item_id: int | None) -> None:
        if item_id is None:
            return
        with self._context.db.reading() as session:
            data = pe.item_input(session, kind, item_id)
        self.editing = (kind, item_id, None)
        self.form.load(kind, data, self._parents(kind))
        self._update_buttons()

    @shows_storage_errors
    def start_new(self, kind: str) -> None:
        """Fill the form for a new item under the selected (or enclosing) objective or action."""
        parent_kind = {"objective": "plan", "action": "objective", "indicator": "action"}[kind]
        parent_id = self._enclosing(parent_kind)
        if parent_id is None:
            return
        with self._context.db.reading() as session:
            code = pe.suggest_code(session, kind, parent_id)
        data: pe.PlanInput
        if kind == "objective":
            data = pe.ObjectiveInput(code, {})
        elif kind == "action":
            data = pe.ActionInput(parent_id, code, {})
        else:
            data = pe.IndicatorInput(parent_id, IndicatorDoc(code, {}))
        self.editing = (kind, None, parent_id)
        self.form.load(kind, data, self._parents(kind))
        self.form.titles_editor.view.setFocus()
        self._update_buttons()

    def _enclosing(self, kind: str) -> int | None:
        if kind == "plan":
            return self.plan_id
        node = self.selected_node()
        while node is not None and node.kind != kind:
            node = node.parent
        return node.id if node is not None else None

    def _update_buttons(self) -> None:
        has_plan = self.plan_id is not None
        self.buttons["action"].setEnabled(self._enclosing("objective") is not None)
        self.buttons["indicator"].setEnabled(self._enclosing("action") is not None)
        self.buttons["delete"].setEnabled(self.selected_node() is not None)
        for key in ("plan", "objective", "version", "export", "apply", "revert"):
            self.buttons[key].setEnabled(has_plan)

    # --- editing ------------------------------------------------------------------------------
    def apply(self) -> bool:
        """Save the form as one undoable edit; a refused edit shows its message beside the field."""
        kind, item_id, parent_id = self.editing
        try:
            data = self.form.value()
            if item_id is None:
                command = commands.add_item(self._context, kind, parent_id or 0, data, self._error)
            elif isinstance(data, pe.PlanHeaderInput):  # the form holds the plan's header
                command = commands.edit_plan_header(self._context, item_id, data, self._error)
            else:
                command = commands.edit_item(self._context, kind, item_id, data, self._error)
            perform(self._undo_stack, command)
        except ValidationError as error:
            self.form.show_error(error.message(), error.field)
            return False
        except UserFacingError as error:
            self.form.show_error(error.message())
            return False
        if item_id is None:
            created = command.state["id"]
            self.select(kind, created)
            self.edit_item(kind, created)
        else:
            self.form.show_error("")
        return True

    def delete_selected(self) -> bool:
        node = self.selected_node()
        if node is None:
            return False
        try:
            perform(self._undo_stack, commands.delete_item(self._context, node.kind, node.id,
                                                           self._error))
        except UserFacingError as error:
            self._error(error.message())
            return False
        self.edit_item("plan", self.plan_id)
        return True

    def _error(self, message: str) -> None:
        QMessageBox.warning(self, _("Plan"), shown(message))

    def make_new_version(self, confirm: bool = True) -> BackgroundTask | None:
        """Start the next version of the plan (after a backup, off the GUI thread); it cannot be
        undone, so ask first. Returns the running task, or None if the user declined."""
        plan = self._plan_summary
        if plan is None:
            return None
        if confirm and QMessageBox.question(self, _("New plan version"), _(
                "Make version {version} of plan {code}? Edits from then on change the new version; "
                "renamed, moved and retired items are mapped from the current one. Commitments follow "
                "their actions. A backup is made first; this step cannot be undone from the Edit "
                "menu.").format(version=plan.version + 1, code=plan.code)) != \
                QMessageBox.StandardButton.Yes:
            return None
        db = self._context.db
        self.buttons["version"].setEnabled(False)
        task = run_in_background(self, _("New plan version"),
                                 lambda progress: new_version_with_backup(db, progress),
                                 bus=self._context.bus,
                                 topics=(PLAN, COMMITMENTS, INDICATOR_VALUES),
                                 on_success=lambda _result: self._version_made())
        task.finished.connect(self._update_buttons)
        return task

    def _version_made(self) -> None:
        self._undo_stack.clear()
        self.edit_item("plan", self.plan_id)

    @shows_storage_errors
    def export_plan(self, folder: Path | None = None) -> Path | None:
        if self.plan_id is None:
            return None
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, _("Export plan workbook"), str(Path.home()))
            if not chosen:
                return None
            folder = Path(chosen)
        try:
            with self._context.db.transaction() as session:
                document = published_document(session, self.plan_id)
                key = signer(session)  # coordinators pin it from their first plan workbook
            from app.reports.plan_workbook.writer import write_plan_workbook  # openpyxl: when used

            return write_plan_workbook(document, folder, current_language(), key)
        except UserFacingError as error:  # the folder cannot be written, the database is locked…
            self._error(error.message())
            return None

    def import_plan(self, path: Path | None = None) -> PlanImportDialog | None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Import plan workbook"), str(Path.home()),
                _("Plan workbooks (AP_PLAN_*.xlsx);;Excel workbooks (*.xlsx)"))
            if not chosen:
                return None
            path = Path(chosen)
        from app.ui.files.plan_import_dialog import PlanImportDialog  # openpyxl: when used

        try:
            dialog = PlanImportDialog(self._context, path, self)
        except UserFacingError as error:
            self._error(error.message())
            return None
        dialog.applied.connect(self._undo_stack.clear)
        dialog.open()
        return dialog

    def _data_changed(self, topics: frozenset[str]) -> None:
        if PLAN in topics or COMMITMENTS in topics:
            self.reload()
            self._update_buttons()

    def retranslate(self, *_args: object) -> None:
        texts = {"plan": _("&Plan details"), "objective": _("Add &objective"),
                 "action": _("Add &action"), "indicator": _("Add &indicator"),
                 "delete": _("&Delete"), "apply": _("&Save"), "revert": _("Re&vert"),
                 "version": _("Ne&w plan version…"), "export": _("&Export plan workbook…"),
                 "import": _("I&mport plan workbook…")}
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self.buttons["delete"].setToolTip(_(
            "Only empty items can be deleted; retire an action that has commitments instead."))
        set_view_name(self.tree, _("Plan being edited"))
        self.form.retranslate()
        self.model.retranslate()
        self._update_label()
        self._update_buttons()
