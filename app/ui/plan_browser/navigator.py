"""The plan navigator: a tree of objectives and actions; tells which item is selected."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import QHeaderView, QTreeView, QWidget

from app.i18n import _
from app.models.services.plan.outline import plan_outline
from app.ui.common.accessible import set_view_name
from app.ui.common.context import WorkspaceContext
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.plan_browser.plan_tree_model import IdRole, KindRole, PlanTreeModel


class Navigator(QTreeView):
    #: (kind, id) of the selected objective or action, or None.
    item_selected = Signal(object)

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setObjectName("navigator")
        self.plan_model = PlanTreeModel(self)
        self.setModel(self.plan_model)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(PlanTreeModel.COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PlanTreeModel.COLUMN_COMMITMENTS,
                                    QHeaderView.ResizeMode.ResizeToContents)
        self.selectionModel().selectionChanged.connect(self._selection_changed)
        context.language.language_changed.connect(self._name)
        self._name()
        self.reload()

    @shows_storage_errors
    def reload(self) -> None:
        """Re-read the outline, keeping the selection where the item still exists."""
        selected = self.selected_item()
        with self._context.db.reading() as session:
            outline = plan_outline(session, self._context.country)
        self.plan_model.set_outline(outline)
        self.expandAll()
        if selected is not None:
            self.select_item(*selected)

    def selected_item(self) -> tuple[str, int] | None:
        indexes = self.selectionModel().selectedRows()
        if not indexes:
            return None
        return indexes[0].data(KindRole), indexes[0].data(IdRole)

    def select_item(self, kind: str, item_id: int) -> None:
        index = self.plan_model.find(kind, item_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def select_first_action(self) -> None:
        objectives = self.plan_model.outline.objectives
        if objectives and objectives[0].children:
            self.select_item("action", objectives[0].children[0].id)

    def _name(self, *_args: object) -> None:
        set_view_name(self, _("Plan"), _("Objectives and their actions, with the number of commitments "
                                    "under each; choose one to see its details"))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.item_selected.emit(self.selected_item())
