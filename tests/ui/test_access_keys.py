"""No two entries of one menu, and no two labels or buttons shown together, share an access key
(Alt+letter), in any language, and every menu entry and every label of a field has one: the real
menus, each tab of both windows and the dialogs are walked with each catalog."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTabBar,
    QWidget,
)

from app.i18n import LANGUAGES
from app.ui.shell.main_window import MainWindow

from .tour import open_window, tab_stops

MNEMONIC = re.compile(r"&([^&\s])")


def access_key(text: str) -> str | None:
    """The Alt+letter of a text ('Ex&port' -> 'P'), None without one ('&&' is a literal '&')."""
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def _clashes(where: str, texts: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    problems = []
    for text in texts:
        key = access_key(text)
        if key is None:
            continue
        if key in seen and seen[key] != text:
            problems.append(f"{where}: Alt+{key} in {seen[key]!r} and {text!r}")
        seen.setdefault(key, text)
    return problems


def _without_key(where: str, texts: list[str]) -> list[str]:
    return [f"{where}: no access key in {text!r}" for text in texts if access_key(text) is None]


def menu_clashes(window: MainWindow, language: str) -> list[str]:
    """Clashes in each menu, and entries without an access key (the language menu's entries are
    the languages' own names, the same in every interface language: the arrow keys reach them)."""
    bar = window.menuBar()
    titles = [a.text() for a in bar.actions() if a.isVisible()]
    problems = _clashes(f"{language} menu bar", titles) + _without_key(
        f"{language} menu bar", titles)
    menus = [a.menu() for a in bar.actions() if a.menu() is not None]
    while menus:
        menu = menus.pop()
        assert isinstance(menu, QMenu)
        actions = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        problems += _clashes(f"{language} menu {menu.title()!r}", [a.text() for a in actions])
        if menu is not window.language_menu:
            problems += _without_key(f"{language} menu {menu.title()!r}",
                                     [a.text() for a in actions])
        menus += [a.menu() for a in actions if a.menu() is not None]
    return problems


def _pages(widget: QWidget) -> tuple[int, ...]:
    """The stacked pages (tabs, stacks) a widget sits in, outermost first: it is shown together with
    every widget whose pages are a prefix of its own."""
    chain: list[int] = []
    child, parent = widget, widget.parentWidget()
    while parent is not None and not child.isWindow():
        if isinstance(parent, QStackedWidget):
            chain.append(id(child))
        child, parent = parent, parent.parentWidget()
    return tuple(reversed(chain))


def _hidden(widget: QWidget, root: QWidget) -> bool:
    """Hidden on purpose (a form row for another kind of item, "Reopen" while the period is open):
    Qt ignores a hidden widget's access key. A stack's other pages are scoped by `_pages`."""
    while widget is not root:
        parent = widget.parentWidget()
        if parent is None:
            return False
        if widget.isHidden() and not isinstance(parent, QStackedWidget):
            return True
        widget = parent
    return False


def _labels(root: QWidget) -> list[tuple[tuple[int, ...], str]]:
    found: list[tuple[tuple[int, ...], str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and widget.isWindow():
            continue  # another window (a dialog) has keys of its own
        if _hidden(widget, root):
            continue
        if isinstance(widget, QAbstractButton) or (
                isinstance(widget, QLabel) and widget.buddy() is not None):
            found.append((_pages(widget), widget.text()))
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            found.append((_pages(widget), widget.title()))
        elif isinstance(widget, QTabBar):
            found += [(_pages(widget), widget.tabText(i)) for i in range(widget.count())]
    return found


def unkeyed_labels(root: QWidget, where: str) -> list[str]:
    """Labels of a field (with a buddy) that give no Alt+letter to reach it."""
    return sorted({f"{where}: no access key in {widget.text()!r}"
                   for widget in [root, *root.findChildren(QLabel)]
                   if isinstance(widget, QLabel) and widget.buddy() is not None
                   and widget.window() is root and widget.text()
                   and access_key(widget.text()) is None})


def label_clashes(root: QWidget, where: str) -> list[str]:
    """Clashes among labels and buttons shown together (one page of each stack at a time), and
    labels of fields without an access key."""
    labels = _labels(root)
    scopes = {pages for pages, _text in labels} or {()}
    problems: set[str] = set()
    for scope in scopes:
        texts = [text for pages, text in labels if scope[:len(pages)] == pages]
        problems.update(_clashes(where, texts))
    return sorted(problems) + unkeyed_labels(root, where)


def _walk_languages(language, windows: dict[str, QWidget], menus: MainWindow) -> list[str]:
    problems: list[str] = []
    for code in LANGUAGES:
        language.set_language(code)
        QApplication.processEvents()
        problems += menu_clashes(menus, code)
        for name, widget in windows.items():
            problems += label_clashes(widget, f"{code} {name}")
    return problems


def _every_tab_built(qtbot, workspace) -> MainWindow:
    """The window with each tab shown once (lazy tabs are built when first shown); a tab's labels
    are only compared with the labels shown with them."""
    window = open_window(qtbot, workspace)
    for _stop in tab_stops(window, ""):
        pass
    return window


def test_access_keys_are_unique_in_the_coordinators_window(qtbot, context, language):
    """The window on every tab and the dialogs with fields, in every language."""
    from app.ui.files.backups_dialog import BackupsDialog
    from app.ui.files.submission_export_dialog import ExportSubmissionDialog
    from app.ui.files.workspace_key_dialog import WorkspaceKeyDialog
    from app.ui.shell.workspace_details import WorkspaceDetailsDialog

    window = _every_tab_built(qtbot, context)
    assert window.coordinator_tabs is not None
    windows = {"window": window,
               "commitment form": window.coordinator_tabs.commitments._form(None),
               "backups dialog": BackupsDialog(context, window),
               "export dialog": ExportSubmissionDialog(context, window),
               "workspace details dialog": WorkspaceDetailsDialog(context, window),
               "workspace key dialog": WorkspaceKeyDialog(context, window)}
    problems = sorted(set(_walk_languages(language, windows, window)))
    assert problems == [], "\n".join(problems)


def test_the_coordinators_progress_tab_has_unique_access_keys_in_english(qtbot, context, language):
    window = open_window(qtbot, context)
    assert window.coordinator_tabs is not None
    window.tabs.setCurrentWidget(window.coordinator_tabs.progress)
    QApplication.processEvents()
    assert label_clashes(window, "en window") == []


def test_a_missing_access_key_is_found(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    layout = QFormLayout(window)
    keyed, unkeyed = QLabel("&Name:"), QLabel("Ministry:")
    for text_label in (keyed, unkeyed):
        field = QLineEdit()
        text_label.setBuddy(field)
        layout.addRow(text_label, field)
    assert label_clashes(window, "test") == ["test: no access key in 'Ministry:'"]
    assert _without_key("File", ["&Open…", "Export"]) == ["File: no access key in 'Export'"]


def test_access_keys_are_unique_in_the_secretariats_window(qtbot, secretariat_context, language):
    """The window on every tab and the acknowledgement dialog, in every language."""
    from app.ui.secretariat.acknowledge_dialog import AcknowledgeDialog

    window = _every_tab_built(qtbot, secretariat_context)
    windows = {"window": window, "acknowledge dialog": AcknowledgeDialog("KZ 2026-H1", window)}
    problems = sorted(set(_walk_languages(language, windows, window)))
    assert problems == [], "\n".join(problems)


def test_first_run_dialog_access_keys(qtbot, empty_db, language):
    from app.ui.shell.first_run import FirstRunDialog

    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    problems = []
    for code in LANGUAGES:
        language.set_language(code)
        problems += label_clashes(dialog, f"{code} first-run dialog")
    assert problems == []


def test_a_clash_is_found():
    assert access_key("Çı&kış") == access_key("&Klasörü aç…") == "K"
    assert access_key("Save && close") is None
    assert _clashes("tr File", ["Çı&kış", "&Klasörü aç…", "&Yeni"]) == [
        "tr File: Alt+K in 'Çı&kış' and '&Klasörü aç…'"]
