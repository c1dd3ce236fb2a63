"""Pieces of the brief's HTML, in the subset Qt's rich text lays out: bars made of table cells,
colour chips whose words never part, headings.

Words are never broken inside: texts that must stay on one line join their words with
non-breaking spaces, and figures' columns are left to size themselves to their longest word.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from app.i18n.formats import round_half_up


def whole(text: str) -> str:
    """Escaped text kept on one line (its spaces made non-breaking)."""
    return escape(text).replace(" ", "&nbsp;")


def bar(fraction: float, colour: str = "#2f5597", height: int = 9) -> str:
    """A horizontal bar: a coloured cell `fraction` of the width, then an empty one."""
    filled = max(0, min(100, int(round_half_up(fraction * 100))))
    cells = [(filled, colour), (100 - filled, "")]
    return "<table width='100%' cellspacing='0' cellpadding='0'><tr>" + "".join(
        f"<td width='{width}%'{f' bgcolor={chr(39)}{fill}{chr(39)}' if fill else ''} "
        f"height='{height}'>&nbsp;</td>" for width, fill in cells if width) + "</tr></table>"


def stacked(parts: list[tuple[int, str]], outline: str = "#404040") -> str:
    """One bar in parts, each part's share of the whole in its colour; the table's own colour
    shows between and around the parts (cell spacing) as an outline, so a light part stands
    out from the paper too."""
    total = sum(count for count, _colour in parts)
    if not total:
        return "&nbsp;"
    cells = "".join(f"<td bgcolor='{colour}' width='{max(1, round(100 * count / total))}%' "
                    f"height='9'>&nbsp;</td>" for count, colour in parts if count)
    return (f"<table width='100%' cellspacing='1' cellpadding='0' bgcolor='{outline}'>"
            f"<tr>{cells}</tr></table>")


def chip(label: str, fill: str) -> str:
    """A legend entry: the colour with its label on it, in one piece."""
    return f"<span style='background-color:#{fill}'>&nbsp;{whole(label)}&nbsp;</span>"


def swatch(label: str, fill: str) -> str:
    """A legend entry: a small square of the colour, then its label, in one piece."""
    return (f"<span style='background-color:#{fill}'>&nbsp;&nbsp;&nbsp;</span>&nbsp;"
            f"{whole(label)}")


def legend(entries: list[str]) -> str:
    """Legend entries separated by breakable spaces, so the line wraps between entries only."""
    return "<p class='legend'>" + " &nbsp; ".join(entries) + "</p>"


def heading(level: int, text: str, *, new_page: bool = False) -> str:
    style = " style='page-break-before: always'" if new_page else ""
    return f"<h{level}{style}>{escape(text)}</h{level}>"


def grid_head(level: int, title: str, first: str, periods: Iterable[str],
              period_attributes: str = "") -> list[str]:
    """A heading, then a ruled table (CSS `table.grid`) up to its header's period columns: the
    `first` header cell, one column per period code. The caller adds any further header cells,
    closes the header ("</tr></thead>") and writes the rows."""
    return [heading(level, title),
            "<table class='grid' border='1' cellspacing='0' cellpadding='2' width='100%'>"
            "<thead><tr>" + first] + [
        f"<th class='m'{period_attributes}>{escape(code)}</th>" for code in periods]


#: Periods a table of the brief shows at most (the latest), to stay one page wide, words whole.
PERIODS_SHOWN = 6
