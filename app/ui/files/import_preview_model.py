"""A tree of an import preview: errors, cells edited after export, new, changed, unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from app.i18n import _, ngettext
from app.reports.submission.preview import Preview
from app.reports.submission.preview_diff import changes_html
from app.reports.submission.preview_items import ChangeKind, FieldChange, PreviewItem
from app.reports.submission.preview_text import change_line
from app.ui.common.accessible import row_sentence
from app.ui.common.palette_colours import ERROR, WARNING, text_colour
from app.ui.common.plain_text import plain_data
from app.ui.common.roles import Index, KindRole
from app.ui.common.tree_model import TreeModel

GROUPS = ("error", "edit", "new", "changed", "removed", "unchanged")


@dataclass(eq=False)
class Node:
    kind: str
    text: str
    where: str = ""
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    #: The preview line (and the one field of it) this node shows, for the side-by-side pane.
    item: PreviewItem | None = None
    change: FieldChange | None = None

    def add(self, kind: str, text: str, where: str = "") -> Node:
        child = Node(kind, text, where, self)
        self.children.append(child)
        return child

    def row(self) -> int:
        return 0 if self.parent is None else self.parent.children.index(self)


class ImportPreviewModel(TreeModel):
    COLUMN_WHAT, COLUMN_WHERE = 0, 1

    def __init__(self, preview: Preview, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.root = Node("root", "")
        self.rebuild()

    def rebuild(self) -> None:
        """(Re)make every text in the current language."""
        self.beginResetModel()
        self.root = Node("root", "")
        preview, parsed = self.preview, self.preview.parsed
        groups = {kind: Node("group", "", "", self.root) for kind in GROUPS}
        for error in preview.errors:
            groups["error"].add("error", error.message, str(error.where))
        for ref in parsed.edits:
            groups["edit"].add("edit", ref.header, str(ref))
        for sheet, row in parsed.added_rows:
            groups["edit"].add("edit", _("Row added after export"),
                               _("{sheet}, row {row}").format(sheet=sheet, row=row))
        for sheet, count in parsed.missing_rows.items():
            groups["edit"].add("edit", ngettext("{count} exported row missing",
                                                "{count} exported rows missing", count
                                                ).format(count=count), sheet)
        for item in preview.items:
            node = groups[item.kind.value].add(item.kind.value, item.title, _(
                "{sheet}, row {row}").format(sheet=item.sheet_title, row=item.row))
            node.item = item
            if item.kind != ChangeKind.UNCHANGED:
                for change in item.changes:
                    child = node.add("change", change_line(item, change), str(change.where))
                    child.item, child.change = item, change
        titles = {"error": _("Errors: nothing can be applied until they are corrected ({count})"),
                  "edit": _("Edited after export ({count})"), "new": _("New ({count})"),
                  "changed": _("Changed ({count})"), "removed": _("No longer reported ({count})"),
                  "unchanged": _("Unchanged ({count})")}
        for kind in GROUPS:
            group = groups[kind]
            if group.children:
                group.text = titles[kind].format(count=len(group.children))
                self.root.children.append(group)
        self.endResetModel()

    def detail_html(self, index: QModelIndex | QPersistentModelIndex) -> str:
        """Before and after, side by side, for the line at `index` (empty for other lines)."""
        node = self.node(index)
        if node.item is None:
            return ""
        return changes_html(node.item, None if node.change is None else [node.change])

    def node(self, index: QModelIndex | QPersistentModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self.root

    def index(self, row: int, column: int,
              parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        node = self.node(parent)
        if not 0 <= row < len(node.children) or not 0 <= column < 2:
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent_index(self, index: Index) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        node = self.node(index).parent
        if node is None or node is self.root:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _("What") if section == self.COLUMN_WHAT else _("Where in the workbook")
        return None

    @plain_data
    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == 0:
            return row_sentence(self, index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return node.text if index.column() == self.COLUMN_WHAT else node.where
        if role == KindRole:
            return node.kind
        if role == Qt.ItemDataRole.FontRole and node.kind == "group":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            accents = {"error": ERROR, "edit": WARNING}
            colour = accents.get(node.kind)
            if node.kind == "group" and node.children:
                colour = accents.get(node.children[0].kind)
            return QBrush(text_colour(colour)) if colour else None
        return None
