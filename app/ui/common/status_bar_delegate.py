"""Draws a stacked bar from (count, colour) pairs: the status distribution of a row at a glance."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.ui.common.palette_colours import outline
from app.ui.common.roles import BarRole


class StatusBarDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        parts = index.data(BarRole)
        if not parts:
            super().paint(painter, option, index)
            return
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        total = sum(count for count, _colour in parts)
        if not total:
            return
        area = QRectF(option.rect.adjusted(4, 5, -4, -5))
        painter.save()
        # A whole pixel wide, 3:1 on the row: the light parts (not started, delayed) show too.
        painter.setPen(QPen(outline(option.palette, QPalette.ColorRole.Base), 1))
        x = area.left()
        for count, colour in parts:
            if not count:
                continue
            width = area.width() * count / total
            painter.setBrush(colour)
            painter.drawRect(QRectF(x, area.top(), width, area.height()))
            x += width
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(200, super().sizeHint(option, index).height())
