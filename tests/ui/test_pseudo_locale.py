"""In the pseudo-language every visible text must come through the catalog (no bypass of `_()`)."""

from __future__ import annotations

from app.i18n import available_languages
from app.i18n.formats import country_name, language_name
from app.models.services.reporting.details import item_details
from app.models.services.workspace.countries import reference_country_codes
from app.ui.shell.about import about_text
from app.ui.shell.first_run import FirstRunDialog
from app.ui.shell.main_window import MainWindow

from .pseudo_locale import residue


def _data(context=None) -> list[str]:
    """Texts that are data, not interface: CLDR names, the user's own entries, file paths."""
    names = [country_name(code) for code in reference_country_codes()]
    names += [language_name(code) for code in available_languages()]
    if context is not None:
        names += [context.profile.coordinator_name, str(context.db.path)]
    return names


def test_main_window_speaks_only_through_the_catalog(qtbot, context, pseudo_language,
                                                     untranslated_texts):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    assert "\u27e6" in window.file_menu.title()
    assert untranslated_texts(window, _data(context)) == []
    titles = [f"{node.code}  {title}" for objective in window.navigator.plan_model.outline.objectives
              for node in (objective, *objective.children) for title in node.titles.values()]
    assert untranslated_texts(window, _data(context) + titles, cells=True) == []
    assert untranslated_texts(window, _data(context), cells=True)  # plan titles are data


def test_detail_pane_and_about_box_speak_only_through_the_catalog(qtbot, context, pseudo_language):
    window = MainWindow(context)
    qtbot.addWidget(window)
    action = window.navigator.plan_model.outline.objectives[0].children[0]
    window.navigator.select_item("action", action.id)
    with context.db.reading() as session:
        details = item_details(session, "action", action.id, context.country)
        data = [details.code, *details.titles.values(), *details.parent_titles.values()]
        for indicator in details.indicators:
            data += [indicator.code, *indicator.titles.values(), *indicator.unit.values()]
        for commitment in details.commitments:
            data += [commitment.description, commitment.lead_agency]
            data += [commitment.latest.narrative] if commitment.latest else []
    assert details.commitments and details.indicators
    assert residue(window.detail.toPlainText(), _data(context) + data) == ""
    assert residue(about_text()) == ""


def test_first_run_dialog_speaks_only_through_the_catalog(qtbot, empty_db, language, pseudo_language,
                                                          untranslated_texts):
    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    dialog.show()
    assert untranslated_texts(dialog, _data()) == []


def test_walker_finds_a_string_that_bypassed_the_catalog(qtbot, context, pseudo_language,
                                                         untranslated_texts):
    from PySide6.QtWidgets import QLabel, QPushButton

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.statusBar().addWidget(QLabel("Typed without _()"))
    window.file_menu.addAction("Export everything")
    window.show()
    found = untranslated_texts(window, _data(context))
    assert [text for _where, text in found] == ["Export everything", "Typed without _()"]
    button = QPushButton("Kazakhstan")
    window.statusBar().addWidget(button)
    assert len(untranslated_texts(window, _data(context))) == 2  # a country name is data
