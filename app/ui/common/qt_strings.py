"""Qt's own strings users meet (dialog and message box buttons, the file dialog, the context menu of
text fields), marked for extraction with their Qt context so the app's catalog translates them.

Qt ships `qtbase_*.qm` only for ru, kk, fa and tr among the app's languages; `CatalogTranslator`
(app/ui/common/language.py) serves these from the app's catalog for every language, before Qt's own
file, so a Turkmen user no longer meets Russian «Да/Нет» and Persian says «لغو» as the app does.
"""

from __future__ import annotations

from app.i18n import NC_

BUTTONS = ("OK", "Save", "Save All", "Open", "&Yes", "Yes to &All", "&No", "N&o to All", "Abort",
           "Retry", "Ignore", "Close", "Cancel", "Discard", "Help", "Apply", "Reset",
           "Restore Defaults")
EDIT_MENU = ("&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All")

#: (Qt context, source text) of every string served from the catalog.
QT_STRINGS: tuple[tuple[str, str], ...] = (
    NC_("QPlatformTheme", "OK"), NC_("QPlatformTheme", "Save"), NC_("QPlatformTheme", "Save All"),
    NC_("QPlatformTheme", "Open"), NC_("QPlatformTheme", "&Yes"),
    NC_("QPlatformTheme", "Yes to &All"), NC_("QPlatformTheme", "&No"),
    NC_("QPlatformTheme", "N&o to All"), NC_("QPlatformTheme", "Abort"),
    NC_("QPlatformTheme", "Retry"), NC_("QPlatformTheme", "Ignore"), NC_("QPlatformTheme", "Close"),
    NC_("QPlatformTheme", "Cancel"), NC_("QPlatformTheme", "Discard"),
    NC_("QPlatformTheme", "Help"), NC_("QPlatformTheme", "Apply"), NC_("QPlatformTheme", "Reset"),
    NC_("QPlatformTheme", "Restore Defaults"),
    NC_("QMessageBox", "Show Details..."), NC_("QMessageBox", "Hide Details..."),
    NC_("QLineEdit", "&Undo"), NC_("QLineEdit", "&Redo"), NC_("QLineEdit", "Cu&t"),
    NC_("QLineEdit", "&Copy"), NC_("QLineEdit", "&Paste"), NC_("QLineEdit", "Delete"),
    NC_("QLineEdit", "Select All"),
    NC_("QWidgetTextControl", "&Undo"), NC_("QWidgetTextControl", "&Redo"),
    NC_("QWidgetTextControl", "Cu&t"), NC_("QWidgetTextControl", "&Copy"),
    NC_("QWidgetTextControl", "&Paste"), NC_("QWidgetTextControl", "Delete"),
    NC_("QWidgetTextControl", "Select All"),
    NC_("QFileDialog", "Look in:"), NC_("QFileDialog", "File &name:"),
    NC_("QFileDialog", "Files of type:"), NC_("QFileDialog", "&Open"), NC_("QFileDialog", "&Save"),
    NC_("QFileDialog", "&Choose"), NC_("QFileDialog", "Back"), NC_("QFileDialog", "Forward"),
    NC_("QFileDialog", "Parent Directory"), NC_("QFileDialog", "Create New Folder"),
    NC_("QFileDialog", "List View"), NC_("QFileDialog", "Detail View"),
    NC_("QFileDialog", "New Folder"), NC_("QFileDialog", "&Rename"), NC_("QFileDialog", "&Delete"),
    NC_("QFileDialog", "Show &hidden files"),
    NC_("QFileSystemModel", "Name"), NC_("QFileSystemModel", "Size"),
    NC_("QFileSystemModel", "Type"), NC_("QFileSystemModel", "Date Modified"),
)
