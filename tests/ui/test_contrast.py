"""Every text of both workspaces' windows and dialogs reads at WCAG AA (4.5:1), in the default
palette and in a dark and a high-contrast one set on the application (tests/ui/contrast_walker.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from app.reports.contrast import TEXT_RATIO, contrast_ratio, relative_luminance
from app.ui.shell.application import follow_palette
from app.ui.shell.first_run import FirstRunDialog

from .contrast_walker import PALETTES, Pair, Walker, low_contrast
from .tour import Stop, coordinator_tour, open_window, secretariat_tour, settle

Role = QPalette.ColorRole


@pytest.fixture(params=list(PALETTES))
def palette(request, qapp: QApplication) -> Iterator[str]:
    """The application in the default, the dark or the high-contrast palette."""
    before = QPalette(qapp.palette())
    make = PALETTES[request.param]
    follow_palette_of(qapp, make() if make is not None else qapp.palette())
    yield request.param
    qapp.setPalette(before)


def follow_palette_of(qapp: QApplication, palette: QPalette) -> None:
    """What the app does at start (`follow_palette`), from a system palette set here."""
    qapp.setPalette(palette)
    follow_palette(qapp)


def _report(found: list[Pair]) -> str:
    return "texts under 4.5:1:\n" + "\n".join(str(pair) for pair in found)


def test_the_palettes_themselves_meet_the_ratio(qapp):
    """What the checks stand on: each test palette's own pairs read at 4.5:1."""
    for name, make in PALETTES.items():
        if make is None:  # the platform's own: what the app repairs (see below)
            continue
        palette = make()
        for text, background in ((Role.WindowText, Role.Window), (Role.Text, Role.Base),
                                 (Role.Text, Role.AlternateBase), (Role.ButtonText, Role.Button),
                                 (Role.HighlightedText, Role.Highlight), (Role.Link, Role.Base)):
            ratio = contrast_ratio(palette.color(text).name(), palette.color(background).name())
            assert ratio >= TEXT_RATIO, (name, text, background, ratio)


def _walk(stops: Iterator[Stop], qapp: QApplication) -> None:
    """Every stop of a tour read in each palette in turn, switched while it is shown (the app
    follows a switch live; one walk, not one a palette); fails listing the texts under the ratio."""
    system = QPalette(qapp.palette())
    found: list[Pair] = []
    checked = dict.fromkeys(PALETTES, 0)
    try:
        for stop in stops:
            for name, make in PALETTES.items():
                follow_palette_of(qapp, make() if make is not None else system)
                settle()
                low, texts = low_contrast(stop.widget, f"{name}: {stop.name}")
                found += low
                checked[name] += len(texts)
    finally:
        qapp.setPalette(system)
    assert min(checked.values()) > 800, checked
    assert found == [], _report(found)


def test_the_coordinators_texts_read_in_every_palette(qtbot, context, tmp_path, qapp):
    _walk(coordinator_tour(qtbot, context, tmp_path), qapp)


def test_the_secretariats_texts_read_in_every_palette(qtbot, secretariat_context, tmp_path, qapp):
    _walk(secretariat_tour(qtbot, secretariat_context, tmp_path), qapp)


def test_the_first_run_dialog_reads_in_every_palette(qtbot, empty_db, language, palette):
    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    dialog.show()
    found, checked = low_contrast(dialog, f"{palette}: first-run dialog")
    assert len(checked) > 10
    assert found == [], _report(found)


def _bad_pairs(qtbot, context) -> list[Pair]:
    """The window with three texts added to its status bar: grey on white, a pale cell of a
    model, and a light fill that leaves the text colour to the palette."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    window = open_window(qtbot, context)
    grey = QLabel("Faint grey words")
    grey.setStyleSheet("color: #999999; background: #ffffff;")
    model = QStandardItemModel(1, 1, window)
    item = QStandardItem("Pale cell")
    item.setData(QColor("#c0c0c0"), Qt.ItemDataRole.ForegroundRole)
    item.setData(QColor("#ffffff"), Qt.ItemDataRole.BackgroundRole)
    model.setItem(0, 0, item)
    table = QTableView()
    table.setModel(model)
    fixed = QLabel("Light fill, palette text")
    fixed.setStyleSheet("background: #fff4ce;")
    for widget in (grey, table, fixed):
        window.statusBar().addWidget(widget)
    window.statusBar().setMinimumHeight(120)
    qtbot.waitUntil(lambda: table.isVisible() and not fixed.visibleRegion().isEmpty())
    return low_contrast(window, "test")[0]


def test_the_walker_catches_a_bad_pair(qtbot, context):
    texts = {pair.text for pair in _bad_pairs(qtbot, context)}
    assert {"Faint grey words", "Pale cell"} <= texts and "Light fill, palette text" not in texts


def test_the_walker_catches_a_fixed_fill_under_a_dark_palette(qtbot, context, qapp):
    from .contrast_walker import dark_palette

    before = QPalette(qapp.palette())
    qapp.setPalette(dark_palette())
    try:
        found = _bad_pairs(qtbot, context)
    finally:
        qapp.setPalette(before)
    ratios = {pair.text: pair.ratio for pair in found}
    assert ratios["Light fill, palette text"] < 1.5 and ratios["Faint grey words"] < 3


def test_notes_and_refusals_read_in_every_palette(qtbot, context, palette):
    """What the tour does not show: a message bar's refusal and notice, a form's refusals."""
    window = open_window(qtbot, context)
    tabs = window.coordinator_tabs
    assert tabs is not None
    window.tabs.setCurrentWidget(tabs.dashboard)
    found, checked = [], []
    message = "The period could not be submitted: two commitments have no status."
    for show in (tabs.dashboard.messages.show_error, tabs.dashboard.messages.show_info):
        show(message)
        qtbot.waitUntil(tabs.dashboard.messages.isVisible)
        low, texts = low_contrast(window, f"{palette}: dashboard message")
        found, checked = found + low, checked + texts
    form = tabs.commitments._form(None)
    qtbot.addWidget(form)
    form.show()
    for label in form.errors.values():
        label.setText("Required: the commitment's end date.")
        label.show()
    low, texts = low_contrast(form, f"{palette}: commitment form refusals")
    assert checked.count(message) == 2 and "Required: the commitment's end date." in texts
    assert found + low == [], _report(found + low)


def test_colours_worked_out_from_the_palette_meet_the_ratios(qapp, palette):
    """Accent texts on a view's rows and on a dialog, muted text, note fills, outlines, the
    chart's bars: each against what it is drawn on, in the palette under test."""
    from app.reports.contrast import GRAPHIC_RATIO
    from app.ui.common import palette_colours as pc
    from app.ui.coordinator.objective_chart import chart_colours

    p = qapp.palette()

    def ratio(colour, role) -> float:
        return contrast_ratio(colour.name(), p.color(role).name())

    for accent in (pc.ERROR, pc.WARNING, pc.INFO, pc.SUCCESS):
        for role in (Role.Base, Role.AlternateBase):
            assert ratio(pc.text_colour(accent), role) >= TEXT_RATIO, (accent, role)
        assert ratio(pc.text_colour(accent, on=(Role.Window,)), Role.Window) >= TEXT_RATIO
        for coloured in (False, True):
            style = pc.note_style("QLabel", accent, coloured_text=coloured)
            fill, text, border = (re.search(rf"{key} #(\w{{6}})", style).group(1)
                                  for key in ("background:", "color:", "solid"))
            assert contrast_ratio(text, fill) >= TEXT_RATIO, style
            assert contrast_ratio(border, fill) >= GRAPHIC_RATIO, style
    assert ratio(pc.muted_text(), Role.AlternateBase) >= TEXT_RATIO
    assert ratio(pc.muted_text(on=(Role.Button,)), Role.Button) >= TEXT_RATIO
    assert ratio(p.color(Role.Text), Role.Base) / 1.2 < contrast_ratio(
        p.color(Role.Text).name(), pc.shaded().name())  # a read-only cell's fill, a shade off
    assert ratio(pc.outline(), Role.Window) >= GRAPHIC_RATIO
    bar, text = chart_colours(p)
    assert ratio(bar, Role.Window) >= GRAPHIC_RATIO and ratio(text, Role.Window) >= TEXT_RATIO


def test_the_app_repairs_a_system_selection_under_the_ratio(qapp):
    """Qt's own Fusion palette writes white on a light blue selection (3.7:1); the app darkens
    the blue just enough, and leaves a palette that reads as it is."""
    from PySide6.QtGui import QColor

    from app.ui.common.palette_colours import readable_palette

    fusion = QPalette(qapp.palette())
    fusion.setColor(Role.Highlight, QColor("#308cc6"))  # Fusion's, as Qt ships it
    fusion.setColor(Role.HighlightedText, QColor("#ffffff"))
    assert contrast_ratio(fusion.color(Role.HighlightedText).name(),
                          fusion.color(Role.Highlight).name()) < TEXT_RATIO
    fixed = readable_palette(fusion)
    ratio = contrast_ratio(fixed.color(Role.HighlightedText).name(),
                           fixed.color(Role.Highlight).name())
    assert TEXT_RATIO <= ratio < 6
    for make in (PALETTES["dark"], PALETTES["high contrast"]):
        assert make is not None
        assert readable_palette(make()) == make()


@pytest.mark.parametrize("switch_to", ["dark", "high contrast"])
def test_a_palette_switched_while_the_window_is_open_is_followed(qtbot, context, qapp, switch_to):
    """The system turns dark (or high contrast) while the app runs: style sheets set from the
    old palette (the checklist, banners, refusals) and the charts' colours follow."""
    window = open_window(qtbot, context)
    tabs = window.coordinator_tabs
    assert tabs is not None
    tabs.dashboard.messages.show_error("The period could not be submitted.")
    before = QPalette(qapp.palette())
    make = PALETTES[switch_to]
    assert make is not None
    try:
        follow_palette_of(qapp, make())
        qtbot.wait(20)
        found, texts = low_contrast(window, f"switched to {switch_to}")
        walker = Walker(window, switch_to)
        notes = [walker.background(widget) for widget in (
            tabs.dashboard.checklist, tabs.dashboard.messages, window.template_banner)]
        window.tabs.setCurrentWidget(tabs.progress)  # its form was built before the switch
        qtbot.wait(20)
        progress_found, _texts = low_contrast(window, f"progress, switched to {switch_to}")
        found += progress_found
    finally:
        qapp.setPalette(before)
    assert "The period could not be submitted." in texts
    assert found == [], _report(found)
    assert all(relative_luminance(fill or "FFFFFF") < 0.1 for fill in notes), notes  # now dark
