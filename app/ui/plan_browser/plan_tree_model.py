"""Item model of the plan outline: objectives with their actions, and commitment counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from app.i18n import _, coded, current_language, is_rtl, isolate, ngettext
from app.i18n.formats import format_number
from app.models.orm.base import pick_language
from app.models.services.plan.outline import PlanNode, PlanOutline
from app.ui.common.accessible import joined
from app.ui.common.plain_text import plain_data
from app.ui.common.roles import IdRole, Index, KindRole
from app.ui.common.roles import RowRole as NodeRole
from app.ui.common.tree_model import TreeModel


class PlanTreeModel(TreeModel):
    COLUMN_TITLE = 0
    COLUMN_COMMITMENTS = 1
    COLUMN_COUNT = 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._outline = PlanOutline(None, "", 0, {}, False, [])

    def set_outline(self, outline: PlanOutline) -> None:
        self.beginResetModel()
        self._outline = outline
        self.endResetModel()

    @property
    def outline(self) -> PlanOutline:
        return self._outline

    def retranslate(self) -> None:
        """Titles and headers are looked up when shown; tell the views to look again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        self._emit_all_changed(QModelIndex())

    def _emit_all_changed(self, parent: QModelIndex) -> None:
        rows = self.rowCount(parent)
        if rows:
            self.dataChanged.emit(self.index(0, 0, parent),
                 self.index(rows - 1, self.COLUMN_COUNT - 1, parent))
            for row in range(rows):
                self._emit_all_changed(self.index(row, 0, parent))

    def node(self, index: Index) -> PlanNode | None:
        return index.internalPointer() if index.isValid() else None

    def _children(self, parent: Index) -> list[PlanNode]:
        node = self.node(parent)
        return self._outline.objectives if node is None else node.children

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        children = self._children(parent)
        if not (0 <= row < len(children) and 0 <= column < self.COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent_index(self, index: Index) -> QModelIndex:
        node = self.node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        grand = node.parent.parent
        siblings = self._outline.objectives if grand is None else grand.children
        return self.createIndex(siblings.index(node.parent), 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return self.COLUMN_COUNT

    def find(self, kind: str, item_id: int) -> QModelIndex:
        for row, objective in enumerate(self._outline.objectives):
            if kind == "objective" and objective.id == item_id:
                return self.index(row, 0)
            for child_row, action in enumerate(objective.children):
                if kind == "action" and action.id == item_id:
                    return self.index(child_row, 0, self.index(row, 0))
        return QModelIndex()

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COLUMN_TITLE:
                text = coded(node.code, pick_language(node.titles, current_language()))
                # A title in a left-to-right script keeps its order (and its ellipsis) in an RTL tree.
                return isolate(text) if is_rtl() else text
            return format_number(node.commitments)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.COLUMN_TITLE:
            return joined([coded(node.code, pick_language(node.titles, current_language())),
                           _("Retired in a newer plan version") if node.retired else "",
                           self._commitments(node)])
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COLUMN_TITLE:
            tip = pick_language(node.titles, current_language())
            return tip + ("\n" + _("Retired in a newer plan version") if node.retired else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._commitments(node)
        if role == Qt.ItemDataRole.FontRole and node.kind == "objective":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COLUMN_COMMITMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == NodeRole:
            return node
        if role == KindRole:
            return node.kind
        if role == IdRole:
            return node.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [_("Objective / action"), _("Commitments")][section]

    def _commitments(self, node: PlanNode) -> str:
        return ngettext("{count} commitment", "{count} commitments", node.commitments).format(
            count=format_number(node.commitments))

