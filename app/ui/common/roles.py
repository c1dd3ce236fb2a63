"""Item data roles of our own, declared once so that models, proxies and delegates agree on them,
and the index type every model method takes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex

_USER = Qt.ItemDataRole.UserRole
#: What the item stands for: a database id or a code.
IdRole = _USER + 1
#: The value a proxy sorts by, where the shown text would sort wrongly (dates, numbers).
SortRole = _USER + 2
#: The whole row (or tree node, or cell) object behind the item.
RowRole = _USER + 3
#: The kind of the item (an indicator's kind, a plan node's level, a preview line's kind).
KindRole = _USER + 4
#: (count, colour) pairs a delegate draws as a stacked bar.
BarRole = _USER + 10
#: A fraction 0–1 a delegate draws as a bar (an indicator's progress to its target).
FractionRole = _USER + 20
