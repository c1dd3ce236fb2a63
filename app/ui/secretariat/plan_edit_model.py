"""The plan editor's tree: objectives → actions → indicators, retired items marked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from app.i18n import _
from app.models.services.plan.outline import PlanNode, PlanOutline
from app.ui.common.plain_text import plain_data
from app.ui.common.tree_model import Index
from app.ui.plan_browser.plan_tree_model import PlanTreeModel


class PlanEditTreeModel(PlanTreeModel):
    """The navigator's tree model, one level deeper (indicators) for editing."""

    def set_tree(self, plan_id: int, nodes: list[PlanNode]) -> None:
        self.set_outline(PlanOutline(plan_id, "", 0, {}, False, nodes))

    def find(self, kind: str, item_id: int) -> QModelIndex:
        def walk(parent: QModelIndex) -> QModelIndex:
            for row in range(self.rowCount(parent)):
                index = self.index(row, 0, parent)
                node = self.node(index)
                if node is not None and node.kind == kind and node.id == item_id:
                    return index
                found = walk(index)
                if found.isValid():
                    return found
            return QModelIndex()

        return walk(QModelIndex())

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if index.column() == self.COLUMN_COMMITMENTS and node.kind == "indicator" and role in (
                Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole and node.kind == "indicator":  # no count
            return self.data(index, Qt.ItemDataRole.DisplayRole) if index.column() == 0 else None
        if role == Qt.ItemDataRole.DisplayRole and index.column() == self.COLUMN_TITLE and node.retired:
            return super().data(index, role) + "  " + _("(retired)")
        if role == Qt.ItemDataRole.FontRole and node.retired:
            font = QFont()
            font.setItalic(True)
            return font
        return super().data(index, role)
