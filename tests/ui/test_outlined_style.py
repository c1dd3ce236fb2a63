"""Fields and check boxes keep a visible boundary (3:1, WCAG 1.4.11) on a high-contrast palette,
where Qt's Fusion style draws them black on black (app/ui/common/outlined_style.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QStyleFactory, QWidget

from app.reports.contrast import GRAPHIC_RATIO, contrast_ratio
from app.ui.common.outlined_style import OutlinedStyle, style_outline_too_faint

from .contrast_walker import dark_palette, high_contrast_palette


def _visible_pixels(widget: QWidget) -> int:
    """Pixels of the widget standing out 3:1 from its window colour."""
    window = widget.palette().color(widget.backgroundRole()).name()
    image = widget.grab().toImage()
    seen: dict[int, bool] = {}
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y)
            if rgb not in seen:
                seen[rgb] = contrast_ratio(f"#{rgb & 0xFFFFFF:06x}", window) >= GRAPHIC_RATIO
            count += seen[rgb]
    return count


@pytest.mark.parametrize("make", [QCheckBox, QLineEdit, QSpinBox, QComboBox])
def test_an_empty_field_or_check_box_is_outlined_on_high_contrast(qtbot, make):
    fusion, outlined = QStyleFactory.create("fusion"), OutlinedStyle("fusion")
    counts = []
    for style in (fusion, outlined):
        widget = make()
        qtbot.addWidget(widget)
        widget.setStyle(style)
        widget.setPalette(high_contrast_palette())
        if isinstance(widget, QSpinBox):
            widget.setSpecialValueText(" ")  # no digits: only the box itself
        widget.resize(120, widget.sizeHint().height())
        counts.append(_visible_pixels(widget))
    # The arrows of spin and combo boxes show either way; the box's outline only with ours.
    assert counts[1] >= counts[0] + 40, (make.__name__, counts)  # a 13-pixel box: 52


def test_the_outline_is_drawn_only_where_the_style_leaves_it_faint(qapp):
    assert style_outline_too_faint(high_contrast_palette())
    assert style_outline_too_faint(dark_palette())
    light = QStyleFactory.create("fusion").standardPalette()
    assert not style_outline_too_faint(light)
