"""The dashboard and the progress editor fit the 1280×800 laptop screen we design for, in Russian
(long words) and Persian (right to left): nothing cut off, no sideways scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QFormLayout, QScrollArea, QWidget

from app.i18n import _
from app.i18n.formats import format_number
from app.models.orm.enums import ProgressStatus, label
from app.ui.common.settings import app_settings
from app.ui.coordinator.commitment_model import Column

from .coordinator_helpers import open_window


def settle() -> None:
    for _round in range(3):
        QApplication.processEvents()


def laptop_window(qtbot, context, language, code: str):
    """A main window as it first opens at 1280×800 in `code`, with no remembered window state."""
    settings = app_settings()
    settings.clear()
    settings.sync()
    language.set_language(code)
    window = open_window(qtbot, context)
    window.resize(1280, 800)
    settle()
    return window


def inside(widget: QWidget, area: QWidget) -> bool:
    """Whether the whole of `widget` lies within `area` (so none of it is cut off)."""
    top_left = widget.mapTo(area, QPoint(0, 0))
    return (top_left.x() >= 0 and top_left.x() + widget.width() <= area.width()
            and widget.isVisibleTo(area))


@pytest.mark.parametrize("code", ["ru", "fa", "en"])
def test_objective_labels_keep_their_numbers_and_fit_beside_the_bars(qtbot, context, language,
                                                                     code):
    window = laptop_window(qtbot, context, language, code)
    chart = window.coordinator_tabs.dashboard.objective_chart
    axis = chart.chart().axes()[0]
    labels = axis.categories()
    codes = [item.code for item in chart._items]
    assert len(labels) == len(codes) == 10
    for text, objective in zip(labels, codes, strict=True):
        assert text.startswith(f"{objective}. ")
    # The labels are cut on the right ("…"), and none is wider than the room left of the bars:
    # a wider one would be drawn past the chart's left edge and lose its number.
    assert any(text.endswith("…") for text in labels)
    metrics = QFontMetricsF(axis.labelsFont())
    room = chart.chart().plotArea().left() - chart.chart().margins().left()
    assert max(metrics.horizontalAdvance(text) for text in labels) < room
    window.resize(1024, 700)
    settle()
    narrower = axis.categories()
    assert narrower != labels
    assert all(text.startswith(f"{objective}. ")
               for text, objective in zip(narrower, codes, strict=True))
    room = chart.chart().plotArea().left() - chart.chart().margins().left()
    assert max(metrics.horizontalAdvance(text) for text in narrower) < room


@pytest.mark.parametrize("code", ["ru", "fa"])
def test_status_legend_shows_each_status_and_its_count_in_full(qtbot, context, language, code):
    window = laptop_window(qtbot, context, language, code)
    tabs = window.coordinator_tabs
    dashboard = tabs.dashboard
    counts = {status: n for status, n in dashboard.figures.status_counts.items() if n}
    shown = [button for button in dashboard.status_legend.buttons if button.isVisible()]
    expected = [f"{label(status) if status else _('No update')}: {format_number(n)}"
                for status, n in counts.items()]
    assert len(shown) == len(expected) >= 3
    assert not dashboard.status_chart.chart().legend().isVisible()
    for button, text in zip(shown, expected, strict=True):
        assert button.text() == text
        assert inside(button, dashboard.status_box)
        assert button.width() >= button.sizeHint().width()
    # A legend entry is a way in, like its slice.
    delayed = list(counts).index(ProgressStatus.DELAYED)
    qtbot.mouseClick(shown[delayed], Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is tabs.progress
    assert {row.status for row in tabs.progress.table.source.rows()} == {ProgressStatus.DELAYED}


def progress_tab(qtbot, context, language, code: str):
    window = laptop_window(qtbot, context, language, code)
    tabs = window.coordinator_tabs
    window.tabs.setCurrentWidget(tabs.progress)
    settle()
    return window, tabs.progress


def form_scroll_area(panel) -> QScrollArea:
    return next(area for area in panel.findChildren(QScrollArea) if area.widget() is panel.form)


@pytest.mark.parametrize("code", ["ru", "fa", "en"])
def test_progress_form_fits_its_pane_without_sideways_scrolling(qtbot, context, language, code):
    _window, panel = progress_tab(qtbot, context, language, code)
    form, evidence = panel.form, panel.form.evidence
    area = form_scroll_area(panel)
    assert panel.table.current_id() is not None
    assert not area.horizontalScrollBar().isVisible()
    assert form.minimumSizeHint().width() <= area.viewport().width()
    assert form.width() <= area.viewport().width()
    for widget in (form.status_combo, form.percent_spin, *form.partner_checks.values(),
                   form.others_edit, *form.texts.values(), evidence.view, evidence.open_button,
                   evidence.remove_button, evidence.title_edit, evidence.add_button,
                   evidence.location_edit, evidence.browse_button):
        assert inside(widget, area.viewport()), widget
    for column in range(evidence.model.columnCount()):
        assert evidence.view.columnViewportPosition(column) + evidence.view.columnWidth(column) \
            <= evidence.view.viewport().width()


def test_labels_go_above_their_fields_only_when_the_pane_is_narrow(qtbot, context, language):
    _window, panel = progress_tab(qtbot, context, language, "ru")
    layout = panel.form.form_layout
    assert layout.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapAllRows
    total = sum(panel.splitter.sizes())
    panel.splitter.setSizes([total - 620, 620])
    settle()
    assert layout.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapLongRows
    label_box = panel.form.labels["narrative"].geometry()
    field_box = panel.form.texts["narrative"].geometry()
    assert label_box.top() == field_box.top()  # beside, not above
    assert not form_scroll_area(panel).horizontalScrollBar().isVisible()


@pytest.mark.parametrize("code", ["ru", "en"])
def test_the_commitment_column_gets_the_room_and_the_code_column_stays_narrow(
        qtbot, context, language, code):
    _window, panel = progress_tab(qtbot, context, language, code)
    table = panel.table
    code_width = table.columnWidth(Column.CODE)
    description = table.columnWidth(Column.DESCRIPTION)
    assert code_width <= 80
    assert description > 2.5 * code_width
    assert description >= max(table.columnWidth(column) for column in
                              (Column.STATUS, Column.PERCENT, Column.EVIDENCE))
    assert not table.horizontalScrollBar().isVisible()
    assert sum(panel.splitter.sizes()[:1]) > panel.splitter.sizes()[1]


def test_a_remembered_splitter_wins_over_the_initial_sizes(qtbot, context, language):
    window, panel = progress_tab(qtbot, context, language, "ru")
    total = sum(panel.splitter.sizes())
    panel.splitter.setSizes([total - 640, 640])
    settle()
    remembered = panel.splitter.sizes()
    window.close()
    again = open_window(qtbot, context)
    again.tabs.setCurrentWidget(again.coordinator_tabs.progress)
    settle()
    restored = again.coordinator_tabs.progress.splitter.sizes()
    # The list narrower than the form, as left (the initial sizes give the list the larger share).
    assert restored[0] < restored[1]
    assert restored[0] / sum(restored) == pytest.approx(remembered[0] / sum(remembered), abs=0.03)


@pytest.mark.parametrize("code", ["ru", "en"])
def test_overdue_table_headers_are_whole(qtbot, context, language, code):
    window = laptop_window(qtbot, context, language, code)
    view = window.coordinator_tabs.dashboard.overdue_view
    header = view.horizontalHeader()
    for column in range(view.model().columnCount()):
        assert view.columnWidth(column) >= header.sectionSizeHint(column), (
            view.model().headerData(column, Qt.Orientation.Horizontal))
    language.set_language("ru" if code == "en" else "en")  # and after a live switch
    settle()
    assert all(view.columnWidth(c) >= header.sectionSizeHint(c)
               for c in range(view.model().columnCount()))
