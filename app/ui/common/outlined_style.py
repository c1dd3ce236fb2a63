"""Field borders and check boxes that stay visible on a dark or high-contrast palette.

Qt's Fusion style (Linux; Windows when the native style steps aside) draws the border of line
edits, spin boxes, combo boxes and the box of check and radio buttons in the window colour made
darker: on a black window that is black, so the fields and the check boxes vanish (WCAG 1.4.11 asks
3:1 for a control's boundary). This proxy style draws the palette's outline over them, only where
the palette is dark and the style's own line falls under 3:1; on a light palette it draws
nothing of its own.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget

from app.reports.contrast import GRAPHIC_RATIO, contrast_ratio
from app.ui.common.palette_colours import outline

PE = QStyle.PrimitiveElement
CC = QStyle.ComplexControl
_BOXES = {PE.PE_FrameLineEdit, PE.PE_IndicatorCheckBox, PE.PE_IndicatorRadioButton}
_FIELDS = {CC.CC_SpinBox, CC.CC_ComboBox}


def style_outline_too_faint(palette: QPalette) -> bool:
    """Whether the palette is dark and the style's own outline (the window colour made darker)
    falls under 3:1 there. (On a light palette the style's look is left as it is.)"""
    return _faint_on(palette.color(QPalette.ColorRole.Window).rgb())


@functools.lru_cache(maxsize=16)
def _faint_on(window_rgb: int) -> bool:
    """Worked out once per window colour: this runs on every repaint of every field."""
    window = QColor.fromRgb(window_rgb)
    return window.lightness() < 128 and (
        contrast_ratio(window.darker(140).name(), window.name()) < GRAPHIC_RATIO)


class OutlinedStyle(QProxyStyle):
    """The platform's style, with a visible outline round fields and check boxes where it has none."""

    def drawPrimitive(self, element: PE, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _BOXES and style_outline_too_faint(option.palette):
            self._outline(painter, option, round_box=element == PE.PE_IndicatorRadioButton)

    def drawComplexControl(self, control: CC, option: QStyleOptionComplex, painter: QPainter,
                           widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _FIELDS and style_outline_too_faint(option.palette):
            self._outline(painter, option)

    @staticmethod
    def _outline(painter: QPainter, option: QStyleOption, round_box: bool = False) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, round_box)
        painter.setPen(QPen(outline(option.palette), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = option.rect.adjusted(0, 0, -1, -1)
        if round_box:
            painter.drawEllipse(rect)
        else:
            painter.drawRect(rect)
        painter.restore()
