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
from PySide6.QtGui import QColor, QCursor, QFontMetricsF, QPainter, QResizeEvent
from PySide6.QtWidgets import QToolTip, QWidget

from app.i18n import _, current_language
from app.i18n.formats import AVERAGE_PLACES, format_number, format_percent
from app.models.orm.base import pick_language
from app.models.services.reporting.dashboard import ObjectiveProgress
from app.ui.coordinator.chart_keys import KeyboardChart

#: QtCharts gives the axes on one side at most this share of the chart's width, and draws longer
#: labels past the chart's left edge, where they are cut off (objective numbers first).
AXIS_SHARE = 0.4
#: What the category axis needs beside its labels: tick marks and padding, in pixels.
AXIS_OVERHEAD = 18
#: The plot's right margin: room for the last value label ("100 %").
MARGINS = QMargins(4, 4, 18, 4)
#: The bar the keyboard is on: darker than the others (the focus frame says the chart has focus).
KEYBOARD_BAR = "#0b2f57"

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
        bars.setColor(QColor("#1f5fa8"))
        bars.setBorderColor(QColor("#1f5fa8"))
        bars.setLabelColor(QColor("#1b1f24"))
        bars.setSelectedColor(QColor(KEYBOARD_BAR))
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
        bars.clicked.connect(self._clicked)
        bars.hovered.connect(self._hovered)
        self.items_changed()

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
        QToolTip.showText(QCursor.pos(), self._describe(self._items[index]), self)

    def _describe(self, item: ObjectiveProgress) -> str:
        average = (format_percent(item.average_percent, places=AVERAGE_PLACES)
                   or _("no update yet"))
        return _(
            "{code}. {title}\nAverage progress: {average}\nUpdated: {updated} of {total} "
            "commitments\nClick to show these commitments.").format(
                code=item.code, title=pick_language(item.titles, current_language()),
                average=average, updated=format_number(item.updated),
                total=format_number(item.commitments))
