"""Colours worked out from the system's palette, so the window stays readable in a light, a dark or
a high-contrast theme: a red that is dark on white and light on black, a note's fill that is the
window's own colour with a hint of its accent, text that is the palette's.

Contrast is WCAG's (app/reports/contrast.py): 4.5:1 for text, 3:1 for outlines and bars.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QObject, Qt, SignalInstance
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

from app.reports.contrast import GRAPHIC_RATIO, TEXT_RATIO, contrast_ratio, mix, readable

Role = QPalette.ColorRole
#: Accents of the notes and texts the window colours itself (dark enough on white; made light on
#: a dark palette by `text_colour`).
ERROR = "B3261E"
WARNING = "8A5A00"
INFO = "1D5FA8"
SUCCESS = "1E6B30"
#: How much of its accent a note's fill takes over the window colour.
TINT = 0.14


def _hex(colour: QColor) -> str:
    return colour.name()[1:].upper()


def _qt(colour: str) -> QColor:
    return QColor(f"#{colour}")


def current_palette(palette: QPalette | None = None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def text_colour(accent: str, palette: QPalette | None = None,
                on: tuple[Role, ...] = (Role.Base, Role.AlternateBase)) -> QColor:
    """`accent` as a text colour that reads on each of the palette's `on` roles (a view's rows,
    plain and alternate, by default; `(Role.Window,)` for a label on a dialog)."""
    palette = current_palette(palette)
    colour = accent
    for role in on:
        colour = readable(colour, _hex(palette.color(role)))
    return _qt(colour)


#: The text role Qt writes in on each background role.
_TEXT_ON = {Role.Window: Role.WindowText, Role.Button: Role.ButtonText}


def muted_text(palette: QPalette | None = None,
               on: tuple[Role, ...] = (Role.Base, Role.AlternateBase)) -> QColor:
    """A quieter text colour (no update yet, retired, read-only): the palette's text blended a
    third of the way into its background, kept at 4.5:1."""
    palette = current_palette(palette)
    text = _hex(palette.color(_TEXT_ON.get(on[0], Role.Text)))
    return text_colour(mix(text, _hex(palette.color(on[0])), 0.35), palette, on)


def shaded(palette: QPalette | None = None, role: Role = Role.Base, share: float = 0.06) -> QColor:
    """The palette's `role` colour a little towards its text (a read-only cell's fill)."""
    palette = current_palette(palette)
    return _qt(mix(_hex(palette.color(role)), _hex(palette.color(Role.Text)), share))


def outline(palette: QPalette | None = None, role: Role = Role.Window) -> QColor:
    """A line around a status swatch, slice or bar that stands out 3:1 from the `role` colour,
    whatever the swatch's own colour is."""
    palette = current_palette(palette)
    background = _hex(palette.color(role))
    line = mix(_hex(palette.color(Role.WindowText)), background, 0.3)
    return _qt(readable(line, background, GRAPHIC_RATIO))


def note_style(selector: str, accent: str, palette: QPalette | None = None,
               padding: str = "4px 8px", coloured_text: bool = False) -> str:
    """A style sheet for a note (message bar, banner): the window colour with a hint of `accent`,
    a border of it, and the palette's text (or, `coloured_text`, the accent made readable);
    for the widget it is set on when `selector` is empty."""
    palette = current_palette(palette)
    window = _hex(palette.color(Role.Window))
    fill = mix(window, accent, TINT)
    text = _hex(palette.color(Role.WindowText))
    if coloured_text:
        text = readable(accent, fill)
    elif contrast_ratio(text, fill) < TEXT_RATIO:
        text = readable(text, fill)
    border = readable(mix(window, accent, 0.5), fill, GRAPHIC_RATIO)
    rules = f"background: #{fill}; color: #{text}; border: 1px solid #{border}; padding: {padding};"
    return f"{selector} {{ {rules} }}" if selector else rules


def readable_palette(palette: QPalette) -> QPalette:
    """The palette with the pairs Qt draws text in brought to 4.5:1 where the system left them
    under it (Qt's own Fusion palette writes white on a light blue selection, 3.7:1): the
    selection and the links are moved the least that reads; the rest is left as it is."""
    fixed = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        highlight = _hex(palette.color(group, Role.Highlight))
        text = _hex(palette.color(group, Role.HighlightedText))
        if contrast_ratio(text, highlight) < TEXT_RATIO:
            fixed.setColor(group, Role.Highlight, _qt(readable(highlight, text)))
        for role in (Role.Link, Role.LinkVisited):
            link = _hex(palette.color(group, role))
            for background in (Role.Base, Role.Window):
                link = readable(link, _hex(palette.color(group, background)))
            if link != _hex(palette.color(group, role)):
                fixed.setColor(group, role, _qt(link))
    return fixed


def error_text_style() -> str:
    """The style sheet of a refusal's text beside a form (on the window's colour)."""
    return f"color: {text_colour(ERROR, on=(Role.Window,)).name()};"


def palette_changed() -> SignalInstance:
    """The application's palette changed (the system turned dark or high contrast while the app
    runs). A signal, not `ApplicationPaletteChange`: Qt sends that event to windows only, and a
    widget with a style sheet gets no `PaletteChange` either (its colours stay as they were)."""
    return cast(QGuiApplication, QGuiApplication.instance()).paletteChanged


class _Restyler(QObject):
    """Sets its widget's style sheet again when the application's palette changes."""

    def __init__(self, widget: QWidget, style: Callable[[], str]) -> None:
        super().__init__(widget)
        self.widget, self.style = widget, style
        palette_changed().connect(self.restyle)  # dropped with this object

    def restyle(self, *_args: object) -> None:
        self.widget.setStyleSheet(self.style())


def keep_styled(widget: QWidget, style: Callable[[], str]) -> None:
    """Give `widget` the style sheet `style()` now, and again whenever the application's palette
    changes (the system turned dark or high contrast while the app runs): a style sheet's
    colours are fixed when it is set."""
    restyler = widget.findChild(_Restyler, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if restyler is None:
        _Restyler(widget, style)
    else:
        restyler.style = style
    widget.setStyleSheet(style())
