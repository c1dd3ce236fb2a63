"""Texts from files and users stay plain text in every view (issue 14).

Both workspaces are filled with hostile texts (HTML that would fetch a local file, bold markup, a
link, a bidi override, a 32,000-character narrative); every widget of the main window is walked,
each tab and the first row of each view visited, as the pseudo-locale walker does; no label, tool
tip or view tooltip may be one Qt takes for HTML while holding that markup unescaped, and no
tooltip may be unbounded.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTabWidget, QTextEdit, QWidget
from sqlalchemy import text

from app.ui.common.plain_text import TOOLTIP_CHARS, shown, tooltip
from app.ui.shell.main_window import MainWindow

HOSTILE = ('<img src="file:///etc/passwd"><b>bold</b> <a href="http://example.org">link</a> '
           'report\u202efdp.exe')
LONG = ("<b>long</b> " + "x" * 99 + "\n") * 320  # 32,000 characters
#: The hostile texts' own markup (the app's own links, such as a checklist's, are not data).
RAW_MARKUP = ('<img src="file:', "<b>bold</b>", '<a href="http://example.org">', "<b>long</b>")
UPDATES = [
    "UPDATE commitment SET description = :h || ' ' || id, lead_agency = :h, partners = :h",
    "UPDATE progress_update SET narrative = :long, challenges = :h, support_requested = :h, "
    "support_from = :h",
    "UPDATE indicator_value SET source = :h, note = :h",
    "UPDATE decision_follow_up SET note = :h",
    "UPDATE membership SET note = :h",
    "UPDATE evidence_reference SET title = :h, location = :h",
    "UPDATE submission SET file_name = :h, acknowledgement_note = :h, contact_email = :h",
    "UPDATE workspace_profile SET coordinator_name = :h, ministry = :h",
    "UPDATE objective SET titles = json_set(titles, '$.en', :h)",
    "UPDATE action SET titles = json_set(titles, '$.en', :h)",
    "UPDATE indicator SET titles = json_set(titles, '$.en', :h)",
    "UPDATE decision SET texts = json_set(texts, '$.en', :h)",
]


def _fill_with_hostile_texts(db) -> None:
    with db.engine.begin() as connection:
        for statement in UPDATES:
            connection.execute(text(statement), {"h": HOSTILE, "long": LONG})


def _problems(where: str, value: object, rich: bool | None = None) -> list[str]:
    if not isinstance(value, str) or not value:
        return []
    found = []
    is_rich = GuiQt.mightBeRichText(value) if rich is None else rich
    if is_rich and any(markup in value for markup in RAW_MARKUP):
        found.append(f"{where}: rich text with raw markup: {value[:80]!r}")
    if "tooltip" in where and len(value) > 2 * TOOLTIP_CHARS + 200:
        found.append(f"{where}: a tooltip of {len(value)} characters")
    return found


def _model_problems(view: QAbstractItemView, where: str, parent: QModelIndex | None = None
                    ) -> list[str]:
    model = view.model()
    if model is None:
        return []
    parent = parent or QModelIndex()
    found = []
    for row in range(min(model.rowCount(parent), 50)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            found += _problems(f"{where} cell {row},{column} tooltip",
                               index.data(Qt.ItemDataRole.ToolTipRole))
            display = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(display, str) and "\u202e" in display:
                found.append(f"{where} cell {row},{column}: a bidi override shown as it is")
        if parent.isValid() or row < 5:
            found += _model_problems(view, where, model.index(row, 0, parent))
    return found


def _walk(root: QWidget) -> list[str]:
    found = _problems("window title", root.windowTitle())
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__}({widget.objectName()})"
        found += _problems(f"{name} tooltip", widget.toolTip())
        if isinstance(widget, QLabel):
            if widget.textFormat() != Qt.TextFormat.PlainText:
                rich = (widget.textFormat() == Qt.TextFormat.RichText
                        or GuiQt.mightBeRichText(widget.text()))
                found += _problems(name, widget.text(), rich)
        elif isinstance(widget, QTextEdit):
            if '<img src="file:' in widget.toHtml() or "<b>bold" in widget.toHtml():
                found.append(f"{name}: imported markup rendered")
        elif isinstance(widget, QAbstractItemView):
            found += _model_problems(widget, name)
    return found


def _visit_everything(qtbot, window: MainWindow) -> list[str]:
    found = _walk(window)
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            qtbot.wait(1)
            for view in window.findChildren(QAbstractItemView):
                model = view.model()
                if model is not None and model.rowCount() and view.selectionModel() is not None:
                    view.setCurrentIndex(model.index(0, 0))
            qtbot.wait(1)
            found += _walk(window)
    return sorted(set(found))


@pytest.mark.parametrize("workspace", ["context", "secretariat_context"])
def test_no_view_renders_imported_text_as_rich_text(qtbot, request, workspace):
    context = request.getfixturevalue(workspace)
    _fill_with_hostile_texts(context.db)
    with context.db.engine.connect() as connection:  # the texts are really there
        assert connection.execute(text("SELECT count(*) FROM commitment WHERE lead_agency = :h"),
                                  {"h": HOSTILE}).scalar()
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    problems = _visit_everything(qtbot, window)
    assert problems == [], "\n".join(problems)


def test_the_helper_escapes_bounds_and_marks():
    tip = tooltip(LONG)
    assert tip is not None and "<b>long" not in tip and "&lt;b&gt;long" in tip
    assert len(tip) < 2 * TOOLTIP_CHARS and tip.endswith("…</p>")
    assert tooltip(tip) is tip  # never escaped twice
    assert tooltip("  ") is None and tooltip(None) is None
    assert "\u202e" not in tooltip(HOSTILE)
    assert shown("plain words") == "plain words"
    assert "<img" not in shown(HOSTILE) and "&lt;img" in shown(HOSTILE)
    assert json.dumps(shown("a\u202eb")) == json.dumps("a\u2370b")


def test_the_import_preview_shows_a_received_workbooks_texts_plain(qtbot, context, tmp_path):
    """The preview, shown before Apply, with a narrative, a lead agency and an evidence title from
    a hostile workbook."""
    from openpyxl import load_workbook

    from app.reports.submission.export import export_submission

    exported = export_submission(context.db, "KZ", "2026-H2", "en", tmp_path).path
    workbook = load_workbook(exported)
    sheet = workbook["Progress"]
    keys = {cell.value: cell.column for cell in sheet[1]}
    for row in list(sheet.iter_rows(min_row=3))[:3]:
        if row[0].value:
            sheet.cell(row[0].row, keys["narrative"], HOSTILE + " " + LONG[:30000])
            sheet.cell(row[0].row, keys["evidence"], HOSTILE + " | https://example.org/a.pdf")
    hostile = tmp_path / "hostile.xlsx"
    workbook.save(hostile)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.submission_actions.import_paths([hostile])
    importer = window.submission_actions.importer
    qtbot.waitUntil(lambda: importer.dialog is not None, timeout=15000)
    dialog = importer.dialog
    dialog.show()
    views = dialog.findChildren(QAbstractItemView)
    assert any(view.model() is not None and view.model().rowCount() for view in views)
    for view in views:  # open every group, so the rows' texts are there to be walked
        if hasattr(view, "expandAll"):
            view.expandAll()
    problems = _walk(dialog)
    assert problems == [], "\n".join(problems)
    dialog.reject()


def test_chart_and_status_bar_tooltips_show_a_files_text_as_plain_text(qtbot, monkeypatch):
    """An objective's title comes from a plan workbook: the chart's tooltip (mouse or keyboard)
    and an elided status text show markup as written, never as rich text."""
    from PySide6.QtWidgets import QToolTip

    from app.models.services.reporting.dashboard import ObjectiveProgress
    from app.ui.common.elided_label import ElidedLabel
    from app.ui.coordinator.objective_chart import ObjectiveChart

    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _pos, text, *_a: shown.append(text))
    chart = ObjectiveChart()
    qtbot.addWidget(chart)
    hostile = "<img src=x><b>Strengthening</b>"
    chart.set_items([ObjectiveProgress(objective_id=1, code="1", titles={"en": hostile},
                                       commitments=2, updated=1, average_percent=50.0)])
    chart.show()
    chart.move_to(0)  # the keyboard's way
    chart._hovered(True, 0)  # the mouse's
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.set_text(hostile)
    assert len(shown) == 2
    for tip in [*shown, label.toolTip()]:
        assert "<img" not in tip and "&lt;img src=x&gt;" in tip
