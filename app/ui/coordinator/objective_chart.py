"""Progress by objective as a horizontal bar chart; clicking a bar (or Enter on the bar the arrow
keys moved to) asks to show that objective."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from app.i18n import _, current_language
from app.i18n.formats import AVERAGE_PLACES, format_number, format_percent
from app.models.orm.base import pick_language
from app.models.services.reporting.dashboard import ObjectiveProgress
from app.reports.contrast import GRAPHIC_RATIO, readable
from app.ui.common.palette_colours import outline, palette_changed
from app.ui.common.plain_text import tooltip
from app.ui.coordinator.chart_keys import KeyboardChart

#: QtCharts gives the axes on one side at most this share of the chart's width, and draws longer
#: labels past the chart's left edge, where they are cut off (objective numbers first).
AXIS_SHARE = 0.4
#: What the category axis needs beside its labels: tick marks and padding, in pixels.
AXIS_OVERHEAD = 18
#: The plot's right margin: room for the last value label ("100 %").
MARGINS = QMargins(4, 4, 18, 4)
BAR_COLOUR = "1F5FA8"

def chart_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """The bars' colour (blue, 3:1 on the window: dark on a light one, light on a dark one) and
    the labels' (the palette's text)."""
    window = palette.color(QPalette.ColorRole.Window).name()
    bar = QColor(f"#{readable(BAR_COLOUR, window, GRAPHIC_RATIO)}")
    return bar, palette.color(QPalette.ColorRole.WindowText)


def keyboard_bar(bar: QColor, palette: QPalette) -> QColor:
    """The bar the keyboard is on: further from the window than the others (darker on a light
    window, lighter on a dark one); the focus frame says the chart has focus."""
    light = palette.color(QPalette.ColorRole.Window).lightness() > 127
    return bar.darker(220) if light else bar.lighter(160)

class ObjectiveChart(KeyboardChart):
    #: Id of the objective whose bar was clicked.
    objective_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[ObjectiveProgress] = []
        self._shape: tuple[list[int], str] | None = None
        self._bars: QBarSet | None = None
        self._categories: QBarCategoryAxis | None = None
        self._labels: list[str] = []
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QChartView.Shape.NoFrame)
        self.setStyleSheet("background: transparent;")
        self.setMinimumHeight(260)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().hide()
        chart.setMargins(MARGINS)
        chart.setBackgroundVisible(False)
        self.setChart(chart)
        palette_changed().connect(self._colour)  # the system turned dark, say

    def set_items(self, items: list[ObjectiveProgress]) -> None:
        """Draw one bar per objective, objective 1 at the top; when only the values changed
        (another period, an edit), move the bars rather than rebuild the chart."""
        items = list(reversed(items))
        shape = ([item.objective_id for item in items], current_language())
        self._items = items
        if shape == self._shape and self._bars is not None:
            for index, item in enumerate(items):
                self._bars.replace(index, item.average_percent or 0.0)
            return
        self._shape = shape
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars = QBarSet(_("Average progress"))
        for item in self._items:
            bars.append(item.average_percent or 0.0)
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setBarWidth(0.65)
        chart.addSeries(series)
        language = current_language()
        self._labels = [f"{item.code}. {pick_language(item.titles, language)}"
                        for item in self._items]
        categories = QBarCategoryAxis()
        categories.setTruncateLabels(False)
        categories.append(self._elided_labels(categories))
        values = QCategoryAxis()
        values.setRange(0, 100)
        values.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for tick in range(0, 101, 20):
            values.append(format_percent(tick), tick)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        self._bars, self._categories = bars, categories
        self._colour()
        bars.clicked.connect(self._clicked)
        bars.hovered.connect(self._hovered)
        self.items_changed()

    def _colour(self, *_args: object) -> None:
        """Bars and axes in the palette's colours: the chart's own theme writes dark grey
        whatever the palette, unreadable on a dark window."""
        if self._bars is None:
            return
        palette = QGuiApplication.palette()  # this view's own is frozen by its style sheet
        bar, text = chart_colours(palette)
        self._bars.setColor(bar)
        self._bars.setBorderColor(bar)
        self._bars.setSelectedColor(keyboard_bar(bar, palette))
        self._bars.setLabelColor(text)
        for axis in self.chart().axes():
            axis.setLabelsBrush(text)
            axis.setLinePenColor(outline(palette))
            axis.setGridLineColor(palette.color(QPalette.ColorRole.Mid))

    def label_width(self) -> float:
        """The widest category label may be this wide and still leave the axis its full labels."""
        width = self.chart().size().width() - MARGINS.left() - MARGINS.right()
        return max(0.0, AXIS_SHARE * width - AXIS_OVERHEAD)

    def _elided_labels(self, axis: QBarCategoryAxis) -> list[str]:
        """The labels cut on the right to the room the axis gets, so each keeps its number."""
        metrics = QFontMetricsF(axis.labelsFont())
        room = self.label_width()
        return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
                for text in self._labels]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._categories is not None:
            labels = self._elided_labels(self._categories)
            if labels != self._categories.categories():
                self._categories.setCategories(labels)

    def _clicked(self, index: int) -> None:
        if 0 <= index < len(self._items):
            self.objective_clicked.emit(self._items[index].objective_id)

    # --- the keyboard (positions top to bottom: objective 1 first, the last bar of the set) ---
    def item_count(self) -> int:
        return len(self._items)

    def mark_item(self, position: int | None) -> None:
        if self._bars is None:
            return
        self._bars.deselectAllBars()
        if position is not None:
            self._bars.selectBar(len(self._items) - 1 - position)

    def activate_item(self, position: int) -> None:
        self._clicked(len(self._items) - 1 - position)

    def describe_item(self, position: int) -> str:
        return self._describe(self._items[len(self._items) - 1 - position])

    def _hovered(self, status: bool, index: int) -> None:
        if not status or not 0 <= index < len(self._items):
            QToolTip.hideText()
            return
        QToolTip.showText(QCursor.pos(), tooltip(self._describe(self._items[index])) or "", self)

    def _describe(self, item: ObjectiveProgress) -> str:
        average = (format_percent(item.average_percent, places=AVERAGE_PLACES)
                   or _("no update yet"))
        return _(
            "{code}. {title}\nAverage progress: {average}\nUpdated: {updated} of {total} "
            "commitments\nClick to show these commitments.").format(
                code=item.code, title=pick_language(item.titles, current_language()),
                average=average, updated=format_number(item.updated),
                total=format_number(item.commitments))
