"""How states look wherever they are shown (app, workbook, brief): a light colour for the screen
and a text that says the same, so a black-and-white print loses nothing.

Contrast (WCAG AA, `app.reports.contrast`): text on every fill here reads at 4.5:1 in black; the
status colours are for graphics (bars, slices, swatches), each drawn with `STATUS_OUTLINE` (or the
window's text colour) around it, since the light ones alone stand out less than 3:1 from white
paper, and each shown beside its word or figure (`status_word`)."""

from __future__ import annotations

from collections.abc import Callable

from app.i18n import N_, translate_in
from app.models.orm.enums import ProgressStatus, label_in
from app.models.services.regional.completeness import CellState, MatrixCell, state_label_source
from app.reports.contrast import GRAPHIC_RATIO, WHITE, readable

#: Light fills (RGB hex) that keep black text readable.
STATE_FILL = {
    CellState.ACKNOWLEDGED: "C6EFCE",
    CellState.RECEIVED: "DDEBF7",
    CellState.LATE: "FFEB9C",
    CellState.EDITED: "F8CBAD",
    CellState.MISSING: "FFC7CE",
    CellState.NOT_DUE: "F2F2F2",
}

#: Colours of progress statuses, the one palette of the app, its workbooks and the brief: distinct
#: also in greyscale (light to dark). `None`: no progress recorded for the period.
STATUS_COLOURS: dict[ProgressStatus | None, str] = {
    ProgressStatus.NOT_STARTED: "D9D9D9",
    ProgressStatus.ON_TRACK: "70AD47",
    ProgressStatus.DELAYED: "FFC000",
    ProgressStatus.COMPLETED: "2F5597",
    ProgressStatus.CANCELLED: "7F7F7F",
    None: "F2F2F2",
}
#: The outline of a status graphic on paper and in the workbooks' charts (10:1 on white).
STATUS_OUTLINE = "404040"
#: A single-colour bar on paper (the brief's coverage): "on track" green, dark enough for 3:1.
COVERAGE_BAR = readable(STATUS_COLOURS[ProgressStatus.ON_TRACK], WHITE, GRAPHIC_RATIO)
NO_UPDATE = N_("No update")

_FLAG_LATE = N_("late")
_FLAG_EDITED = N_("edited")


def status_word(status: ProgressStatus | None, language: str) -> str:
    """The word that goes with a status colour, in `language`."""
    return translate_in(language, NO_UPDATE) if status is None else label_in(status, language)


def cell_text(cell: MatrixCell, translate: Callable[[str], str]) -> str:
    """E.g. "Acknowledged r2 (late)": the state, the revision, and flags the state does not say."""
    text = translate(state_label_source(cell.state))
    if cell.revision is not None:
        text += f" r{cell.revision}"
    flags = []
    if cell.late and cell.state != CellState.LATE:
        flags.append(translate(_FLAG_LATE))
    if cell.edited and cell.state != CellState.EDITED:
        flags.append(translate(_FLAG_EDITED))
    if flags:
        text += " (" + ", ".join(flags) + ")"
    return text
