"""Cell editors: a combo for statuses and priorities, a spin box for percent, a date edit for dates,
and a bar that paints progress to target."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractItemModel, QDate, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QWidget,
)

from app.i18n.formats import format_percent
from app.models.orm.enums import label
from app.ui.common.date_field import DateEdit, from_qdate, to_qdate
from app.ui.common.roles import FractionRole, Index

EditorT = TypeVar("EditorT", bound=QWidget)


def _editor(editor: QWidget, kind: type[EditorT]) -> EditorT:
    """The editor this delegate's `createEditor` made (Qt hands it back typed as a QWidget)."""
    assert isinstance(editor, kind)
    return editor


class EnumDelegate(QStyledItemDelegate):
    """Choose one member of an enum by its label; the choice is committed as soon as it is made."""

    def __init__(self, members: list[enum.Enum], parent: Any = None) -> None:
        super().__init__(parent)
        self._members = members

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for member in self._members:
            combo.addItem(label(member), member.value)
        combo.activated.connect(lambda _i: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        combo = _editor(editor, QComboBox)
        found = combo.findData(value.value if isinstance(value, enum.Enum) else value)
        combo.setCurrentIndex(max(0, found))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        combo = _editor(editor, QComboBox)
        member_type = type(self._members[0])
        model.setData(index, member_type(combo.currentData()), Qt.ItemDataRole.EditRole)


class PercentDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(0, 999)  # over 100 is refused by the service with its message, not cut to 15
        spin.setSingleStep(5)
        spin.setSuffix(" " + spin.locale().percent())
        return spin

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        _editor(editor, QSpinBox).setValue(int(value) if value is not None else 0)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        spin = _editor(editor, QSpinBox)
        spin.interpretText()
        model.setData(index, int(spin.value()), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        return DateEdit(parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(value, dt.date):
            value = to_qdate(value)
        _editor(editor, DateEdit).setDate(value if isinstance(value, QDate) and value.isValid()
                                           else QDate.currentDate())

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        date_edit = _editor(editor, DateEdit)
        date_edit.finish_typing()  # a date typed over the old one, complete or not
        model.setData(index, from_qdate(date_edit.date()), Qt.ItemDataRole.EditRole)




class ProgressBarDelegate(QStyledItemDelegate):
    """Paints the cell's fraction (0-1, under FractionRole) as a bar with its percent."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        fraction = index.data(FractionRole)
        if fraction is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 3, -3, -3)
        bar.minimum, bar.maximum = 0, 100
        bar.progress = round(fraction * 100)
        bar.text = format_percent(fraction * 100)
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        # Qt 6 has no orientation field: without State_Horizontal the bar is drawn vertically
        # (a 50 % bar filled the lower half, full width, its label drawn through).
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)
