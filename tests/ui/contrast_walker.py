"""Every text a window or dialog shows, with the colour it is written in and what is under it,
checked against WCAG's 4.5:1 (app/reports/contrast.py).

The text colour is the one Qt draws with: the widget's palette foreground role after its style
sheet was applied (a style sheet's `color` lands there), a link's colour, an inline `color:` of a
rich text, a text document's character formats, an item model's ForegroundRole. The background is
what is really on screen under it: sampled from a grab of the whole window (so a card's, a banner's
or a parent's fill counts), or for view cells the model's BackgroundRole, else the view's base
(and alternate base) colour; a selected cell, the highlight pair.

Three palettes to walk in: the default, a dark one and a high-contrast one, as a user's system
sets them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCharts import QAbstractBarSeries, QChartView
from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QTreeView,
    QWidget,
)

from app.reports.contrast import TEXT_RATIO, contrast_ratio

Role = QPalette.ColorRole


@dataclass(frozen=True)
class Pair:
    """A text under the ratio: where, what it says (shortened), its colour on its background."""

    where: str
    text: str
    colour: str
    background: str
    ratio: float

    def __str__(self) -> str:
        return (f"{self.where}: {self.text!r} {self.colour} on {self.background} "
                f"= {self.ratio:.2f}")


#: The test palettes, role by role: (dark, high contrast). The dark one is of the kind KDE's and
#: Windows' dark modes set (itself AA); the high-contrast one is Windows' "high contrast black":
#: black, white text, yellow links, a cyan selection. The dark button is #333333: at #3a3a3a,
#: Fusion's default button (a gradient mixed with the highlight) left its own text at 4.25:1.
_COLOURS = {
    Role.Window: ("#2b2b2b", "#000000"), Role.WindowText: ("#f0f0f0", "#ffffff"),
    Role.Base: ("#1e1e1e", "#000000"), Role.AlternateBase: ("#262626", "#000000"),
    Role.Text: ("#f0f0f0", "#ffffff"), Role.Button: ("#333333", "#000000"),
    Role.ButtonText: ("#f0f0f0", "#ffffff"), Role.BrightText: ("#ffffff", "#ffff00"),
    Role.Highlight: ("#2f65ca", "#1aebff"), Role.HighlightedText: ("#ffffff", "#000000"),
    Role.Link: ("#8ab4f8", "#ffff00"), Role.LinkVisited: ("#c58af9", "#ffff00"),
    Role.ToolTipBase: ("#3a3a3a", "#000000"), Role.ToolTipText: ("#f0f0f0", "#ffffff"),
    Role.PlaceholderText: ("#a0a0a0", "#ffff00"), Role.Light: ("#505050", "#ffffff"),
    Role.Midlight: ("#404040", "#c0c0c0"), Role.Mid: ("#5a5a5a", "#ffffff"),
    Role.Dark: ("#151515", "#ffffff"), Role.Shadow: ("#000000", "#ffffff"),
}
_DISABLED_TEXT = ("#8a8a8a", "#3ff23f")


def _palette(which: int) -> QPalette:
    palette = QPalette()
    for role, colours in _COLOURS.items():
        palette.setColor(role, QColor(colours[which]))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED_TEXT[which]))
    return palette


def dark_palette() -> QPalette:
    return _palette(0)


def high_contrast_palette() -> QPalette:
    return _palette(1)


PALETTES = {"default": None, "dark": dark_palette, "high contrast": high_contrast_palette}
_INLINE_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{6})")


def _name(widget: QWidget) -> str:
    return widget.objectName() or type(widget).__name__


def _short(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text).replace("\n", " ").strip()
    return text if len(text) <= 40 else text[:39] + "…"


class Walker:
    """Finds the texts of `root` (a shown window or dialog) under `ratio`."""

    def __init__(self, root: QWidget, where: str, ratio: float = TEXT_RATIO) -> None:
        self.root, self.where, self.ratio = root, where, ratio
        self.image: QImage = root.grab().toImage()
        self.found: list[Pair] = []
        self.checked: list[str] = []

    def walk(self) -> list[Pair]:
        for widget in [self.root, *self.root.findChildren(QWidget)]:
            if widget.isVisible() and widget.isEnabled() and not widget.visibleRegion().isEmpty():
                self._widget(widget)
        return self.found

    # --- what is under a text ------------------------------------------------------------

    def _rect(self, widget: QWidget, rect: QRect | None = None) -> QRect:
        """`rect` of `widget` (all of its visible part by default) in the grab's pixels."""
        area = widget.visibleRegion().boundingRect() if rect is None else \
            rect.intersected(widget.visibleRegion().boundingRect())
        top_left = widget.mapTo(self.root, area.topLeft()) if widget is not self.root \
            else area.topLeft()
        ratio = self.image.devicePixelRatio()
        return QRect(round(top_left.x() * ratio), round(top_left.y() * ratio),
                     round(area.width() * ratio), round(area.height() * ratio))

    def background(self, widget: QWidget, rect: QRect | None = None) -> str | None:
        """The commonest colour of a grid of points over the area (text is the minority)."""
        area = self._rect(widget, rect).intersected(self.image.rect()).adjusted(1, 1, -1, -1)
        if area.width() < 2 or area.height() < 2:
            return None
        columns, rows = min(24, area.width()), min(8, area.height())
        colours: Counter[str] = Counter()
        for i in range(columns):
            for j in range(rows):
                x = area.left() + (area.width() - 1) * i // max(1, columns - 1)
                y = area.top() + (area.height() - 1) * j // max(1, rows - 1)
                colours[QColor(self.image.pixel(x, y)).name()] += 1
        return colours.most_common(1)[0][0]

    # --- texts ----------------------------------------------------------------------------

    def check(self, where: str, text: str, colour: QColor | str, background: str | None) -> None:
        if background is None or not text.strip():
            return
        name = colour if isinstance(colour, str) else colour.name()
        self.checked.append(text)
        ratio = contrast_ratio(name, background)
        if ratio < self.ratio:
            self.found.append(Pair(f"{self.where}: {where}", _short(text), name, background, ratio))

    def _rich_colours(self, widget: QWidget, text: str) -> list[QColor | str]:
        colours: list[QColor | str] = list(dict.fromkeys(_INLINE_COLOUR.findall(text)))
        if "<a " in text:
            colours.append(widget.palette().color(Role.Link))
        return colours

    def _widget(self, widget: QWidget) -> None:
        foreground = widget.palette().color(widget.foregroundRole())
        where = _name(widget)
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            background = self.background(widget)
            self.check(where, widget.text(), foreground, background)
            for colour in self._rich_colours(widget, widget.text()):
                self.check(where + " (coloured part)", widget.text(), colour, background)
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                colour = widget.tabTextColor(index)
                self.check(where, widget.tabText(index),
                           colour if colour.isValid() else foreground,
                           self.background(widget, widget.tabRect(index)))
        elif isinstance(widget, QAbstractButton | QLineEdit) and widget.text():
            self.check(where, widget.text(), foreground, self.background(widget))
        elif isinstance(widget, QComboBox) and not widget.isEditable() and widget.currentText():
            self.check(where, widget.currentText(), foreground, self.background(widget))
        elif isinstance(widget, QGroupBox) and widget.title():
            title = QRect(0, 0, widget.width(), widget.fontMetrics().height())
            self.check(where, widget.title(), foreground, self.background(widget, title))
        elif isinstance(widget, QHeaderView):
            self._header(widget)
        elif isinstance(widget, QAbstractItemView):
            self._cells(widget)
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            self._document(widget, widget.document())
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                geometry = widget.actionGeometry(action)
                self.check(where, action.text().replace("&", ""), foreground,
                           self.background(widget, geometry))
        elif isinstance(widget, QStatusBar) and widget.currentMessage():
            self.check(where, widget.currentMessage(), foreground, self.background(widget))
        elif isinstance(widget, QChartView):
            self._chart(widget)

    def _header(self, header: QHeaderView) -> None:
        model = header.model()
        if model is None or header.isHidden():
            return
        foreground = header.palette().color(Role.ButtonText)
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            text = model.headerData(section, header.orientation())
            position = header.sectionViewportPosition(section)
            size = header.sectionSize(section)
            rect = (QRect(position, 0, size, header.height())
                    if header.orientation() == Qt.Orientation.Horizontal
                    else QRect(0, position, header.width(), size))
            if not rect.intersects(header.viewport().rect()):
                continue
            self.check(f"{_name(header)} section {section}", str(text or ""), foreground,
                       self.background(header.viewport(), rect))

    def _visible_rows(self, view: QAbstractItemView) -> Iterator[QModelIndex]:
        viewport = view.viewport().rect()
        index = view.indexAt(QPoint(2, 2))
        model = view.model()
        while index.isValid() and view.visualRect(index).intersects(viewport):
            yield index
            if isinstance(view, QTreeView):
                index = view.indexBelow(index)
            else:
                index = model.index(index.row() + 1, 0, index.parent())

    def _cells(self, view: QAbstractItemView) -> None:
        model, palette = view.model(), view.palette()
        if model is None:
            return
        viewport = view.viewport().rect()
        selection = view.selectionModel()
        for row_start in self._visible_rows(view):
            for column in range(model.columnCount(row_start.parent())):
                index = model.index(row_start.row(), column, row_start.parent())
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if text in (None, "") or not view.visualRect(index).intersects(viewport):
                    continue
                if selection is not None and selection.isSelected(index):
                    pairs = [(palette.color(Role.HighlightedText), palette.color(Role.Highlight))]
                else:
                    foreground = _colour(index.data(Qt.ItemDataRole.ForegroundRole)) \
                        or palette.color(Role.Text)
                    fill = _colour(index.data(Qt.ItemDataRole.BackgroundRole))
                    backgrounds = [fill] if fill is not None else [palette.color(Role.Base)]
                    if fill is None and view.alternatingRowColors():
                        backgrounds.append(palette.color(Role.AlternateBase))
                    pairs = [(foreground, background) for background in backgrounds]
                for foreground, background in pairs:
                    self.check(f"{_name(view)} cell {index.row()},{column}", str(text),
                               foreground, background.name())

    def _document(self, widget: QTextEdit | QPlainTextEdit, document: QTextDocument) -> None:
        palette = widget.palette()
        base = self.background(widget.viewport()) or palette.color(Role.Base).name()
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.isValid() and fragment.text().strip():
                    fmt = fragment.charFormat()
                    colour = (fmt.foreground().color() if fmt.foreground().style()
                              != Qt.BrushStyle.NoBrush else palette.color(Role.Text))
                    if fmt.isAnchor():
                        colour = palette.color(Role.Link) if fmt.foreground().style() \
                            == Qt.BrushStyle.NoBrush else colour
                    background = (fmt.background().color().name() if fmt.background().style()
                                  != Qt.BrushStyle.NoBrush else base)
                    self.check(f"{_name(widget)} text", fragment.text(), colour, background)
                fragments += 1
            block = block.next()

    def _chart(self, view: QChartView) -> None:
        chart = view.chart()
        background = self.background(view)
        for axis in chart.axes():
            labels = getattr(axis, "categories", lambda: ["0"])()
            self.check(f"{_name(view)} axis labels", " ".join(labels) or "0",
                       axis.labelsBrush().color(), background)
        for series in chart.series():
            if isinstance(series, QAbstractBarSeries) and series.isLabelsVisible():
                for bars in series.barSets():
                    self.check(f"{_name(view)} bar labels", bars.label(),
                               bars.labelColor(), background)


def _colour(value: object) -> QColor | None:
    if isinstance(value, QBrush):
        return value.color() if value.style() != Qt.BrushStyle.NoBrush else None
    return value if isinstance(value, QColor) else None


def low_contrast(root: QWidget, where: str,
                 ratio: float = TEXT_RATIO) -> tuple[list[Pair], list[str]]:
    """The texts of `root` under `ratio`, and every text checked."""
    walker = Walker(root, where, ratio)
    return walker.walk(), walker.checked
