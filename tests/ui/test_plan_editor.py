"""Editing the plan through the Edit plan tab: every edit lands in the database and can be undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from sqlalchemy import func, select

from app.models.orm import Action, Commitment, Indicator, Objective, Plan, PlanCodeMapping
from app.models.services.workspace.profile import profile_of
from app.ui.common.change_bus import ChangeBus
from app.ui.common.context import WorkspaceContext
from app.ui.common.localized_text_editor import LocalizedTextModel
from app.ui.files.plan_import_dialog import PlanImportDialog
from app.ui.plan_browser.plan_tree_model import NodeRole
from app.ui.shell.main_window import MainWindow


@pytest.fixture
def said(monkeypatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: messages.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return messages


@pytest.fixture
def editor_window(qtbot, secretariat_context):
    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.secretariat_tabs.pages["plan"])
    window.show()
    return window


def _type_title(qtbot, editor, language: str, text: str) -> None:
    """Type into the title cell of a language, as a user would (double-click, type, Enter)."""
    titles = editor.form.titles_editor
    if language not in titles.model.languages():
        titles.language_combo.setEditText(language)
        qtbot.mouseClick(titles.add_button, Qt.MouseButton.LeftButton)
    row = titles.model.languages().index(language)
    index = titles.model.index(row, LocalizedTextModel.COLUMN_TEXT)
    titles.view.setCurrentIndex(index)  # any edit trigger: the cell editor opens
    editor_widget = next(w for w in titles.view.viewport().findChildren(QLineEdit) if w.isVisible())
    editor_widget.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor_widget, text)
    else:  # QTest types ASCII only; other scripts arrive as committed input-method text
        editor_widget.insert(text)
    qtbot.keyClick(editor_widget, Qt.Key.Key_Return)


def _select(editor, kind: str, code: str) -> None:
    for objective in editor.model.outline.objectives:
        for node in [objective, *objective.children, *(i for a in objective.children for i in a.children)]:
            if node.kind == kind and node.code == code:
                editor.select(kind, node.id)
                return
    raise AssertionError(code)


def test_add_an_action_with_titles_in_three_languages_then_undo_and_redo(
        qtbot, editor_window, secretariat_context, said):
    editor = editor_window.secretariat_tabs.plan
    _select(editor, "objective", "2")
    assert editor.buttons["action"].isEnabled()
    qtbot.mouseClick(editor.buttons["action"], Qt.MouseButton.LeftButton)
    assert editor.form.code_edit.text() == "2.4"
    _type_title(qtbot, editor, "en", "Publish a regional statistical yearbook")
    _type_title(qtbot, editor, "ru", "Публиковать региональный статистический ежегодник")
    _type_title(qtbot, editor, "kk", "Өңірлік статистикалық жылнаманы жариялау")
    qtbot.mouseClick(editor.buttons["apply"], Qt.MouseButton.LeftButton)

    def action() -> Action | None:
        with secretariat_context.db.reading() as s:
            return s.scalar(select(Action).where(Action.code == "2.4"))

    created = action()
    assert created is not None and said == []
    assert created.titles == {"en": "Publish a regional statistical yearbook",
                              "kk": "Өңірлік статистикалық жылнаманы жариялау",
                              "ru": "Публиковать региональный статистический ежегодник"}
    assert editor.selected_node().code == "2.4"
    editor_window.undo_stack.undo()
    assert action() is None and editor.model.find("action", created.id).isValid() is False
    editor_window.undo_stack.redo()
    assert action().id == created.id


def test_a_refused_edit_shows_its_message_and_changes_nothing(qtbot, editor_window,
                                                             secretariat_context, said):
    editor = editor_window.secretariat_tabs.plan
    _select(editor, "indicator", "1.1.b")
    assert editor.form.kind == "indicator"
    editor.form.target_edit.clear()
    qtbot.keyClicks(editor.form.target_edit, "many")
    assert not editor.apply()
    assert "Enter a number" in editor.form.error_label.text()
    editor.form.target_edit.clear()
    qtbot.keyClicks(editor.form.target_edit, "6")
    editor.form.code_edit.clear()
    qtbot.keyClicks(editor.form.code_edit, "1.1.a")  # taken by a sibling
    assert not editor.apply()
    assert "already used" in editor.form.error_label.text()
    editor.form.code_edit.clear()
    qtbot.keyClicks(editor.form.code_edit, "1.1.b")
    assert editor.apply()
    with secretariat_context.db.reading() as s:
        assert s.scalar(select(Indicator.target).where(Indicator.code == "1.1.b")) == 6
    editor_window.undo_stack.undo()
    with secretariat_context.db.reading() as s:
        assert s.scalar(select(Indicator.target).where(Indicator.code == "1.1.b")) == 4


def test_retire_instead_of_delete_keeps_commitments(qtbot, editor_window, secretariat_context, said):
    editor = editor_window.secretariat_tabs.plan
    _select(editor, "action", "3.2")
    assert not editor.delete_selected()
    assert "retire it instead" in said[0]
    editor.form.retired_check.setChecked(True)
    assert editor.apply()
    with secretariat_context.db.reading() as s:
        action = s.scalar(select(Action).where(Action.code == "3.2"))
        assert action.retired
        assert s.scalar(select(func.count()).select_from(Commitment)
                        .where(Commitment.action_id == action.id)) > 0
    assert "(retired)" in editor.tree.currentIndex().data()


def test_new_version_then_rename_maps_the_old_code(qtbot, editor_window, secretariat_context, said):

    editor = editor_window.secretariat_tabs.plan
    assert editor.make_new_version(confirm=True) is not None
    qtbot.waitUntil(lambda: editor.buttons["version"].isEnabled(), timeout=30000)  # made off the GUI thread
    assert list((secretariat_context.db.path.parent / "backups").glob("*before-plan-update*"))
    with secretariat_context.db.reading() as s:
        current = s.scalar(select(Plan).where(Plan.is_current.is_(True)))
        assert current.version == 2
    _select(editor, "action", "2.1")
    editor.form.code_edit.clear()
    qtbot.keyClicks(editor.form.code_edit, "2.1a")
    objective_index = editor.form.parent_combo.findText("3 ", Qt.MatchFlag.MatchStartsWith)
    editor.form.parent_combo.setCurrentIndex(objective_index)
    assert editor.apply()
    with secretariat_context.db.reading() as s:
        mapping = s.scalar(select(PlanCodeMapping).where(PlanCodeMapping.old_code == "2.1",
                                                         PlanCodeMapping.level == "action"))
        assert (mapping.new_code, mapping.to_plan_id) == ("2.1a", current.id)
        moved = s.scalar(select(Action).where(Action.code == "2.1a"))
        assert s.get(Objective, moved.objective_id).code == "3"
    assert editor.selected_node().code == "2.1a"
    assert editor.tree.currentIndex().parent().data(NodeRole).code == "3"


def test_publish_and_import_on_a_coordinator_workspace(qtbot, editor_window, secretariat_context,
                                                       tmp_path, language, said, today,
                                                       workspace_templates):
    editor = editor_window.secretariat_tabs.plan
    assert editor.make_new_version() is not None
    qtbot.waitUntil(lambda: editor.buttons["version"].isEnabled(), timeout=30000)
    _select(editor, "action", "2.1")
    editor.form.code_edit.clear()
    qtbot.keyClicks(editor.form.code_edit, "2.1-new")
    assert editor.apply()
    _select(editor, "action", "5.2")
    editor.form.retired_check.setChecked(True)
    assert editor.apply()
    path = editor.export_plan(tmp_path)
    assert path.name == "AP_PLAN_RAP-TEMPLATE_v2.xlsx"

    coordinator = workspace_templates.demo_at(tmp_path / "kz.sqlite", seed=3, today=today)
    context = WorkspaceContext(db=coordinator, profile=profile_of(coordinator), bus=ChangeBus(),
                               language=language)
    with coordinator.reading() as s:
        before = dict(s.execute(select(Commitment.id, Action.code).join(Action)).all())
    dialog = PlanImportDialog(context, path)
    qtbot.addWidget(dialog)
    assert dialog.can_apply and "1 renamed" in dialog.summary.text()
    assert "2.1 → 2.1-new" in dialog.details.toPlainText()
    dialog.apply()
    qtbot.waitUntil(lambda: dialog.adopted is not None, timeout=30000)
    with coordinator.reading() as s:
        after = dict(s.execute(select(Commitment.id, Action.code).join(Action)).all())
        plan = s.scalar(select(Plan).where(Plan.is_current.is_(True)))
        retired = s.scalar(select(Action.retired).where(Action.code == "5.2",
                                                        Action.objective.has(plan_id=plan.id)))
    assert plan.version == 2 and retired
    assert after == {cid: "2.1-new" if code == "2.1" else code for cid, code in before.items()}
    assert list((tmp_path / "backups").glob("*before-plan-update*"))
    coordinator.close()


def test_language_switch_retranslates_the_tabs(qtbot, editor_window, language):
    language.set_language("ru")
    completeness = editor_window.secretariat_tabs.completeness
    header = completeness.model.headerData(0, Qt.Orientation.Vertical)
    assert any(name in header for name in ("Афганистан", "Азербайджан", "Кыргызстан"))
    language.set_language("en")


def test_title_editor_stays_in_one_piece_on_a_tall_screen(qtbot, editor_window):
    """Spare height goes below the form, not between the titles table, its caption and its
    "Add language" row (the table sat half a screen below "Title:")."""
    editor_window.resize(1280, 1000)
    qtbot.waitUntil(lambda: editor_window.secretariat_tabs.plan.form.isVisible())
    form = editor_window.secretariat_tabs.plan.form
    titles = form.titles_editor
    caption = form._captions["titles"]
    top = titles.view.mapTo(form, titles.view.rect().topLeft()).y()
    assert abs(top - caption.mapTo(form, caption.rect().topLeft()).y()) < 12
    gap = titles.add_button.mapTo(titles, titles.add_button.rect().topLeft()).y() - (
        titles.view.mapTo(titles, titles.view.rect().bottomLeft()).y())
    assert gap < 16
