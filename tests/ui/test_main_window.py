"""The main window opens on a demo workspace and shows its plan."""

from __future__ import annotations

from app import __version__
from app.ui.plan_browser.plan_tree_model import KindRole, PlanTreeModel
from app.ui.shell.about import about_text
from app.ui.shell.main_window import MainWindow


def test_navigator_shows_the_plan(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    model = window.navigator.plan_model
    assert model.rowCount() == 10
    first = model.index(0, 0)
    assert first.data(KindRole) == "objective" and first.data().startswith("1  ")
    assert model.rowCount(first) >= 2
    assert model.index(0, 0, first).data(KindRole) == "action"
    total = sum(int(model.index(r, PlanTreeModel.COLUMN_COMMITMENTS).data()) for r in range(10))
    assert total == 40


def test_selecting_an_action_shows_its_commitments(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.navigator.select_item("action", window.navigator.plan_model.outline.objectives[0]
                                 .children[0].id)
    html = window.detail.toPlainText()
    assert "Indicators" in html and "Lead agency" in html and "Latest progress" in html


def test_window_title_status_and_template_banner(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().startswith("Kazakhstan")
    assert str(context.db.path) in window._path_label.text()
    assert window.template_banner.isVisible()
    assert "from the secretariat" in window.template_banner.text()
    assert __version__ in about_text()


def test_the_secretariat_is_told_to_publish_the_plan_not_to_import_it(qtbot, secretariat_context):
    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    text = window.template_banner.text()
    assert "\u201cEdit plan\u201d" in text and "from the secretariat" not in text


def test_geometry_is_remembered(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(760, 540)
    window.close()
    again = MainWindow(context)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (760, 540)


def test_language_menu_names_each_language_in_itself(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.language_menu.popup(window.mapToGlobal(window.rect().center()))
    assert window.language_actions["ru"].text() == "Русский"
    assert window.language_actions["en"].text() == "English"
    window.language_menu.hide()


def test_commitment_counts_follow_the_language(qtbot, context):
    """Counts are formatted once per language (a cache), and again after a switch."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    model = window.navigator.plan_model
    cell = model.index(0, PlanTreeModel.COLUMN_COMMITMENTS)
    english = cell.data()
    assert english.isdigit() and int(english) > 0
    context.language.set_language("fa")
    assert cell.data() == english.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    context.language.set_language("en")
    assert cell.data() == english
