"""WCAG 2.2 contrast, written once for the window, the workbooks, the brief and their tests.

Colours are hex strings ("1F4E79" or "#1f4e79"), the form openpyxl, HTML and `QColor.name()` share.
Success criterion 1.4.3 asks 4.5:1 for text, 1.4.11 asks 3:1 for graphics that carry meaning.
"""

from __future__ import annotations

from functools import lru_cache

#: Text against its background (WCAG AA, 1.4.3).
TEXT_RATIO = 4.5
#: Bars, swatches, outlines and icons against what is next to them (WCAG AA, 1.4.11).
GRAPHIC_RATIO = 3.0
BLACK, WHITE = "000000", "FFFFFF"


def rgb(colour: str) -> tuple[int, int, int]:
    """(red, green, blue), 0-255, of "RRGGBB", "#RRGGBB" or "AARRGGBB" (openpyxl's form)."""
    digits = colour.lstrip("#")
    digits = digits[-6:] if len(digits) == 8 else digits
    if len(digits) != 6:
        raise ValueError(f"not a colour: {colour!r}")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_colour(red: float, green: float, blue: float) -> str:
    return "".join(f"{max(0, min(255, round(c))):02X}" for c in (red, green, blue))


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG's relative luminance: 0 for black, 1 for white."""
    r, g, b = (_linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@lru_cache(maxsize=1024)
def contrast_ratio(first: str, second: str) -> float:
    """From 1 (the same) to 21 (black on white), whichever of the two is lighter."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0-1) of `other` blended in."""
    a, b = rgb(colour), rgb(other)
    return hex_colour(*(x + (y - x) * share for x, y in zip(a, b, strict=True)))


@lru_cache(maxsize=256)
def readable(colour: str, background: str, ratio: float = TEXT_RATIO) -> str:
    """`colour` if it stands out enough from `background`; else the nearest colour that does,
    blended towards black or white (whichever is further from the background): a dark red
    becomes a light red on a dark window, and keeps its hue."""
    if contrast_ratio(colour, background) >= ratio:
        return colour.lstrip("#").upper()
    target = BLACK if contrast_ratio(BLACK, background) >= contrast_ratio(WHITE, background) \
        else WHITE
    for step in range(1, 21):
        candidate = mix(colour, target, step / 20)
        if contrast_ratio(candidate, background) >= ratio:
            return candidate
    return target


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on `fill`."""
    return BLACK if contrast_ratio(BLACK, fill) >= contrast_ratio(WHITE, fill) else WHITE
