"""Edit one text in several languages: a row per language, English and Russian always there,
any other language added by its code (the region's languages offered first)."""

from __future__ import annotations

from typing import Any

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGES, SOURCE_LANGUAGE, _
from app.i18n.formats import language_name
from app.ui.common.accessible import row_sentence, set_name, set_view_name
from app.ui.common.language_combo import LanguageCombo
from app.ui.common.plain_text import plain_data
from app.ui.common.roles import Index

ALWAYS = (SOURCE_LANGUAGE, "ru")


class LocalizedTextModel(QAbstractTableModel):
    COLUMN_LANGUAGE, COLUMN_TEXT = 0, 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = [[code, ""] for code in ALWAYS]

    def set_texts(self, texts: dict[str, str]) -> None:
        self.beginResetModel()
        others = sorted(code for code in texts if code not in ALWAYS)
        self._rows = [[code, texts.get(code, "")] for code in (*ALWAYS, *others)]
        self.endResetModel()

    def texts(self) -> dict[str, str]:
        return {code: text for code, text in self._rows if text.strip()}

    def languages(self) -> list[str]:
        return [code for code, _text in self._rows]

    def add_language(self, code: str) -> QModelIndex:
        if code not in self.languages():
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append([code, ""])
            self.endInsertRows()
        return self.index(self.languages().index(code), self.COLUMN_TEXT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        code, text = self._rows[index.row()]
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == self.COLUMN_LANGUAGE:
            return row_sentence(self, index)
        if index.column() == self.COLUMN_LANGUAGE:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{language_name(code)} ({code})"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole and code == SOURCE_LANGUAGE:
            return _("English is required: reports fall back on it.")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.COLUMN_TEXT or role != Qt.ItemDataRole.EditRole:
            return False
        self._rows[index.row()][1] = str(value)
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == self.COLUMN_TEXT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [_("Language"), _("Text")][section]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))


class _TrackingDelegate(QStyledItemDelegate):
    """Remembers the open cell editor, so what is still being typed can be committed on demand."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.editor: QWidget | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        self.editor = super().createEditor(parent, option, index)
        self.editor.destroyed.connect(self._forget)
        return self.editor

    def _forget(self, *_args: object) -> None:
        self.editor = None

    def commit_open_editor(self) -> None:
        """A closed editor is hidden at once (and deleted later): only a visible one is open."""
        if self.editor is not None and self.editor.isVisible():
            self.commitData.emit(self.editor)


def valid_language(code: str) -> str | None:
    """The code as Babel knows it (e.g. "uz", "fa"), or None for something that is no language."""
    code = code.strip().replace("-", "_")
    if not code:
        return None
    try:
        return str(Locale.parse(code))
    except (UnknownLocaleError, ValueError):
        return None


class LocalizedTextEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, rows_visible: int = 4) -> None:
        super().__init__(parent)
        self.model = LocalizedTextModel(self)
        self.view = QTableView()
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.view.setModel(self.model)
        self.delegate = _TrackingDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(
            LocalizedTextModel.COLUMN_LANGUAGE, QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(
            LocalizedTextModel.COLUMN_TEXT, QHeaderView.ResizeMode.Stretch)
        self.view.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        row = self.view.verticalHeader().defaultSectionSize()
        self.view.setMinimumHeight(row * (rows_visible + 1) + 4)
        self.view.setMaximumHeight(row * (rows_visible * 2 + 1) + 4)
        self.language_combo = LanguageCombo(show_code=True)
        self.language_combo.setEditable(True)
        self.language_combo.setObjectName("addLanguage")
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._add)
        adder = QHBoxLayout()
        adder.addWidget(self.language_combo, 1)
        adder.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(adder)
        # No taller than the table can grow: spare height in a form goes below it, not between
        # the table and its caption or its "Add language" row.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.model.dataChanged.connect(lambda *_a: self.changed.emit())
        self.model.modelReset.connect(self._fill_languages)
        self.retranslate()

    def set_texts(self, texts: dict[str, str]) -> None:
        self.model.set_texts(dict(texts or {}))

    def texts(self) -> dict[str, str]:
        """The texts, including what is still being typed in an open cell editor."""
        self.delegate.commit_open_editor()
        return self.model.texts()

    def add_language(self, code: str) -> bool:
        valid = valid_language(code)
        if valid is None:
            return False
        index = self.model.add_language(valid)
        self.view.setCurrentIndex(index)
        self._fill_languages()
        return True

    def _add(self) -> None:
        code = self.language_combo.currentData() or self.language_combo.currentText()
        if not self.add_language(str(code)):
            self.language_combo.setEditText("")
            self._placeholder(_("Not a language code"))

    def _placeholder(self, text: str) -> None:
        edit = self.language_combo.lineEdit()  # there is one: the combo is editable
        if edit is not None:
            edit.setPlaceholderText(text)

    def _fill_languages(self) -> None:
        present = set(self.model.languages())
        self.language_combo.set_codes(code for code in LANGUAGES if code not in present)
        self.language_combo.setCurrentIndex(-1)

    def retranslate(self, *_args: object) -> None:
        self.add_button.setText(_("Add language"))
        self._placeholder(_("Language, or any language code"))
        set_view_name(self.view, _("Texts by language"), _("One row a language; type the text beside it"))
        set_name(self.language_combo, _("Language to add"))
        self.model.retranslate()
        self._fill_languages()
