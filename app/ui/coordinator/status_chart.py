"""How the period's commitments split by status, as a donut; clicking a slice asks for that status."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView, QPieSeries, QPieSlice
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.i18n.formats import format_number
from app.models.enums import ProgressStatus, label
from app.ui.coordinator.status_style import STATUS_COLORS


class StatusChart(QChartView):
    #: The status whose slice was clicked (None: the commitments with no update).
    status_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QChartView.Shape.NoFrame)
        self.setStyleSheet("background: transparent;")
        self.setMinimumSize(300, 240)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setBackgroundVisible(False)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setChart(chart)
        self._by_label: dict[str, ProgressStatus | None] = {}

    def set_counts(self, counts: dict[ProgressStatus | None, int]) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        series = QPieSeries()
        series.setHoleSize(0.45)
        self._by_label = {}
        for status, count in counts.items():
            if not count:
                continue
            name = label(status) if status else _("No update")
            text = _("{status}: {count}").format(status=name, count=format_number(count))
            piece = series.append(text, count)
            piece.setColor(QColor(STATUS_COLORS[status]))
            piece.setBorderColor(QColor("white"))
            self._by_label[text] = status
        series.clicked.connect(self._clicked)
        series.hovered.connect(lambda piece, on: piece.setExploded(on))
        chart.addSeries(series)

    def _clicked(self, piece: QPieSlice) -> None:
        if piece.label() in self._by_label:
            self.status_clicked.emit(self._by_label[piece.label()])
