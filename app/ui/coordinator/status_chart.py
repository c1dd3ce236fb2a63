"""How the period's commitments split by status, as a donut; clicking a slice asks for that status.

The legend is a column of buttons beside the donut rather than the chart's own legend: QtCharts
gives its legend at most 40 % of the chart and cuts longer names ("Выполняется..."), while a
button shows its status and count in full, and can be reached with the keyboard. The donut can
be too: the arrow keys go round its slices, Enter asks for the status of the slice.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCharts import QChart, QChartView, QPieSeries, QPieSlice
from PySide6.QtCore import QMargins, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from app.i18n import _
from app.i18n.formats import format_number
from app.models.orm.enums import ProgressStatus, label
from app.ui.common.palette_colours import outline, palette_changed
from app.ui.common.status_style import status_color, status_swatch
from app.ui.coordinator.chart_keys import KeyboardChart

#: One legend entry: the status (None: no update yet), its text with the count, its colour.
Entry = tuple[ProgressStatus | None, str, QColor]


def status_entries(counts: dict[ProgressStatus | None, int]) -> list[Entry]:
    """The statuses that have commitments, each with "{status}: {count}" and its colour."""
    entries = []
    for status, count in counts.items():
        if count:
            name = label(status) if status else _("No update")
            text = _("{status}: {count}").format(status=name, count=format_number(count))
            entries.append((status, text, status_color(status)))
    return entries


class StatusChart(KeyboardChart):
    #: The status whose slice was clicked (None: the commitments with no update).
    status_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QChartView.Shape.NoFrame)
        self.setStyleSheet("background: transparent;")
        self.setMinimumSize(140, 200)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setBackgroundVisible(False)
        chart.legend().hide()
        self.setChart(chart)
        palette_changed().connect(self._outline)
        self._by_label: dict[str, ProgressStatus | None] = {}
        self._slices: list[QPieSlice] = []

    def set_counts(self, counts: dict[ProgressStatus | None, int]) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        series = QPieSeries()
        series.setHoleSize(0.45)
        series.setPieSize(0.9)
        self._by_label = {}
        for status, text, color in status_entries(counts):
            piece = series.append(text, counts[status])
            piece.setColor(color)
            piece.setBorderColor(outline())  # 3:1 round the light slices too
            self._by_label[text] = status
        series.clicked.connect(self._clicked)
        series.hovered.connect(lambda piece, on: piece.setExploded(on))
        chart.addSeries(series)
        self._slices = series.slices()
        self.items_changed()

    def _outline(self, *_args: object) -> None:
        """The slices' outlines in the palette's colours again (the system turned dark, say)."""
        for series in self.chart().series():
            for piece in cast(QPieSeries, series).slices():
                piece.setBorderColor(outline())

    def _clicked(self, piece: QPieSlice) -> None:
        if piece.label() in self._by_label:
            self.status_clicked.emit(self._by_label[piece.label()])

    # --- the keyboard (positions: the slices clockwise, as the legend lists them) ---------------
    def item_count(self) -> int:
        return len(self._slices)

    def mark_item(self, position: int | None) -> None:
        for index, piece in enumerate(self._slices):
            piece.setExploded(index == position)

    def activate_item(self, position: int) -> None:
        self._clicked(self._slices[position])

    def describe_item(self, position: int) -> str:
        return self._slices[position].label()


class StatusLegend(QWidget):
    """The donut's legend: one flat button per status with its count; a click asks for it."""

    status_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: list[QToolButton] = []
        self._statuses: list[ProgressStatus | None] = []
        self._counts: dict[ProgressStatus | None, int] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addStretch(1)
        self._layout.addStretch(1)
        palette_changed().connect(self._outline)

    def set_counts(self, counts: dict[ProgressStatus | None, int]) -> None:
        self._counts = counts
        entries = status_entries(counts)
        while len(self.buttons) < len(entries):
            self._add_button()
        self._statuses = [status for status, _text, _color in entries]
        side = self.fontMetrics().height() - 4
        for button, (status, text, _color) in zip(self.buttons, entries, strict=False):
            button.setIcon(status_swatch(status, side))
            button.setIconSize(QSize(side, side))
            button.setText(text)
        for position, button in enumerate(self.buttons):
            button.setVisible(position < len(entries))

    def _outline(self, *_args: object) -> None:
        """The swatches' outlines in the palette's colours again (the system turned dark, say)."""
        if self._counts:
            self.set_counts(self._counts)

    def _add_button(self) -> None:
        button = QToolButton()
        button.setAutoRaise(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        position = len(self.buttons)
        button.clicked.connect(lambda: self.status_clicked.emit(self._statuses[position]))
        self._layout.insertWidget(1 + position, button, 0, Qt.AlignmentFlag.AlignLeft)
        self.buttons.append(button)
