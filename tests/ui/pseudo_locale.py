"""Find texts that bypass the catalog: switch to the pseudo-language and walk every visible text.

In the pseudo-language (tools/pseudo_locale.py) every catalog string comes out as `⟦Ŝţŕîñĝ~~~⟧`. Whatever text
is left once the wrapped parts, the data (country and language names, user input, numbers) and
punctuation are taken away was typed somewhere without `_()`. Use it through the fixtures
`pseudo_language` and `untranslated_texts` in tests/ui/conftest.py:

    window = SomePanel(context)
    assert untranslated_texts(window, data=[...]) == []
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QWidget,
)

from app import APP_NAME, i18n
from tools.catalogs import extract
from tools.pseudo_locale import PSEUDO_CLOSE, PSEUDO_LANGUAGE, PSEUDO_OPEN, write_pseudo_catalog

_WRAPPED = re.compile(f"{re.escape(PSEUDO_OPEN)}[^{PSEUDO_OPEN}{PSEUDO_CLOSE}]*{re.escape(PSEUDO_CLOSE)}")
_TAG = re.compile(r"<[^<>]*>|&[a-zA-Z]+;")
_LETTER = re.compile(r"[^\W\d_]")


@functools.cache
def _template() -> Catalog:
    """The sources' strings, read once per test process (~1 s of Babel's extraction each time)."""
    return extract()


def install_pseudo_catalog(folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Compile the pseudo-language into `folder` and make the app look for catalogs there."""
    write_pseudo_catalog(folder, _template())
    monkeypatch.setattr(i18n, "catalog_dir", lambda: str(folder))
    return PSEUDO_LANGUAGE


def residue(text: str, data: Iterable[str] = ()) -> str:
    """What is left of `text` without catalog strings, data, markup, digits and punctuation."""
    rest = text
    while True:
        shorter = _WRAPPED.sub(" ", rest)
        if shorter == rest:
            break
        rest = shorter
    rest = _TAG.sub(" ", rest)
    for item in sorted((d for d in data if d), key=len, reverse=True):
        rest = rest.replace(item, " ")
    return rest if _LETTER.search(rest) else ""


def _menu_texts(actions: Iterable[QAction], where: str) -> Iterator[tuple[str, str]]:
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        yield f"{where} > action", action.text()
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield from _menu_texts(menu.actions(), f"{where} > {action.text()}")


def _model_texts(model: QAbstractItemModel | None, where: str, cells: bool,
                 parent: QModelIndex | None = None) -> Iterator[tuple[str, str]]:
    """Horizontal header texts; with `cells`, also the display text of every cell (first 200 rows
    of each level), for views whose cells hold labels such as statuses."""
    if model is None:
        return
    if parent is None:
        parent = QModelIndex()
        for section in range(model.columnCount()):
            text = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str):
                yield f"{where} header {section}", text
    if not cells:
        return
    for row in range(min(model.rowCount(parent), 200)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str):
                yield f"{where} cell {row},{column}", text
        yield from _model_texts(model, where, cells, model.index(row, 0, parent))


def widget_texts(root: QWidget, cells: bool = False) -> Iterator[tuple[str, str]]:
    """(where, text) of every text a user can see in `root`: titles, labels, buttons, menus, tabs,
    group boxes, view headers (and cells, if asked), placeholders, tool tips and combo box items."""
    yield "window title", root.windowTitle()
    if isinstance(root, QMainWindow):
        yield from _menu_texts(root.menuBar().actions(), "menu bar")
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root) and not isinstance(widget, QMenu):
            continue
        name = f"{type(widget).__name__}({widget.objectName()})"
        if widget.toolTip():
            yield f"{name} tool tip", widget.toolTip()
        if isinstance(widget, QLabel | QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield f"{name} tab {index}", widget.tabText(index)
                yield f"{name} tab {index} tool tip", widget.tabToolTip(index)
        elif isinstance(widget, QAbstractItemView):
            yield from _model_texts(widget.model(), name, cells)
        elif isinstance(widget, QLineEdit | QTextEdit):
            yield f"{name} placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield f"{name} item {index}", widget.itemText(index)
        elif isinstance(widget, QDockWidget):
            yield name, widget.windowTitle()
        elif isinstance(widget, QToolBar):
            yield from _menu_texts(widget.actions(), name)


def untranslated(root: QWidget, data: Iterable[str] = (), cells: bool = False,
                 ) -> list[tuple[str, str]]:
    """Every (where, text) whose text holds words that did not come through the catalog. `data`:
    texts that are not interface (names, user input); `cells`: look into the views' cells too."""
    known = [APP_NAME, *data]
    return [(where, text) for where, text in widget_texts(root, cells)
            if text and residue(text, known)]
