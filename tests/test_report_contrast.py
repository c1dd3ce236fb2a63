"""Colours of the workbooks and the brief meet WCAG AA (text 4.5:1, graphics 3:1), and no status
is told by its colour alone: every fill a state or status gets comes with its word."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart.bar_chart import BarChart

from app.demo.generator import create_demo_workspace
from app.models.orm.enums import ProgressStatus, WorkspaceRole
from app.models.services.regional.completeness import CellState
from app.models.services.regional.report import RegionalFilter
from app.models.storage.database import Database
from app.reports.consolidation.brief import brief_html
from app.reports.consolidation.data import gather
from app.reports.consolidation.workbook import build_consolidation_workbook
from app.reports.contrast import (
    GRAPHIC_RATIO,
    TEXT_RATIO,
    contrast_ratio,
    readable,
    relative_luminance,
    text_on,
)
from app.reports.style import (
    COVERAGE_BAR,
    STATE_FILL,
    STATUS_COLOURS,
    STATUS_OUTLINE,
    state_label_source,
    status_word,
)
from app.reports.submission.export import export_submission
from app.reports.submission.preview_diff import ADDED_STYLE, REMOVED_STYLE

TODAY = dt.date(2026, 11, 26)
PAPER = "FFFFFF"
LANGUAGES = ["en", "ru", "fa"]


def test_luminance_and_ratio_follow_the_wcag_formula():
    assert relative_luminance("000000") == 0 and relative_luminance("#FFFFFF") == 1
    assert contrast_ratio("000000", "FFFFFF") == pytest.approx(21)
    assert contrast_ratio("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)  # just under AA
    assert contrast_ratio("767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("FF1F4E79", "1F4E79") == 1  # openpyxl's ARGB form
    assert contrast_ratio("B3261E", "2B2B2B") < TEXT_RATIO <= contrast_ratio(
        readable("B3261E", "2B2B2B"), "2B2B2B")  # a dark red made light on a dark window
    assert readable("1D3B63", PAPER) == "1D3B63"  # already readable: kept
    assert text_on("1F4E79") == "FFFFFF" and text_on("FFC000") == "000000"


# --- workbooks ---------------------------------------------------------------------------------

def _font_colour(cell: Cell) -> str:
    colour = cell.font.color if cell.font else None
    if colour is None or colour.type != "rgb":
        return "000000"  # automatic (or the theme's text colour): black
    return str(colour.rgb)


def _fill_colour(cell: Cell) -> str:
    fill = cell.fill
    if fill is None or fill.patternType != "solid":
        return PAPER
    return str(fill.fgColor.rgb)


def _text_pairs(path: Path) -> list[tuple[str, str, str, str]]:
    """(sheet!cell, text, font colour, fill colour) of every cell that shows something."""
    book = load_workbook(path)
    pairs = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value not in (None, ""):
                    pairs.append((f"{ws.title}!{cell.coordinate}", str(cell.value),
                                  _font_colour(cell), _fill_colour(cell)))
    return pairs


def _under_ratio(pairs: list[tuple[str, str, str, str]]) -> list[str]:
    seen, low = set(), []
    for where, _text, font, fill in pairs:
        if (font, fill) not in seen and contrast_ratio(font, fill) < TEXT_RATIO:
            low.append(f"{where}: {font} on {fill} = {contrast_ratio(font, fill):.2f}")
        seen.add((font, fill))
    return low


@pytest.fixture(scope="module")
def regional(tmp_path_factory, workspace_templates) -> Iterator[tuple[Database, Path]]:
    """The small secretariat demo (as tests/conftest.py's), shared by this module's tests."""
    folder = tmp_path_factory.mktemp("contrast")
    db = workspace_templates.open_copy(
        "secretariat",
        lambda path: create_demo_workspace(path, role=WorkspaceRole.SECRETARIAT, size="small",
                                           seed=5, today=TODAY),
        folder / "secretariat.sqlite")
    yield db, folder
    db.close()


@pytest.fixture(scope="module")
def consolidation_workbook(regional) -> Path:
    db, folder = regional
    with db.reading() as session:
        return build_consolidation_workbook(session, folder / "regional.xlsx", "en", today=TODAY)


def test_every_text_of_the_regional_workbook_meets_the_ratio(consolidation_workbook):
    pairs = _text_pairs(consolidation_workbook)
    assert any(fill != PAPER for *_rest, fill in pairs)  # the state fills were seen
    assert _under_ratio(pairs) == []


def test_every_text_of_the_submission_workbook_meets_the_ratio(demo_db, tmp_path):
    exported = export_submission(demo_db, "KZ", "2026-H1", "en", tmp_path)
    pairs = _text_pairs(exported.path)
    assert {font for _w, _t, font, _f in pairs} - {"000000"}  # white headers, grey notes seen
    assert _under_ratio(pairs) == []


def test_every_text_of_the_plan_workbook_meets_the_ratio(demo_db, tmp_path):
    from sqlalchemy import select

    from app.models.orm.plan import Plan
    from app.models.services.plan.versions import published_document
    from app.reports.plan_workbook.writer import write_plan_workbook

    with demo_db.reading() as session:
        document = published_document(session, session.scalar(select(Plan.id).limit(1)))
    pairs = _text_pairs(write_plan_workbook(document, tmp_path, "ru"))
    assert len(pairs) > 50 and _under_ratio(pairs) == []


def test_the_checker_finds_a_pair_under_the_ratio():
    pairs = [("Sheet!A1", "fingerprint", "FF808080", "FFFFFFFF"), ("Sheet!A2", "ok", "000000", PAPER)]
    assert _under_ratio(pairs) == ["Sheet!A1: FF808080 on FFFFFFFF = 3.95"]


def test_every_state_fill_in_the_workbook_carries_its_word(consolidation_workbook):
    """A state's fill is never the only sign: the cell says the state (or the legend does)."""
    book = load_workbook(consolidation_workbook)
    fills = {rgb.upper() for rgb in STATE_FILL.values()}
    filled = [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row
              if _fill_colour(cell)[-6:].upper() in fills]
    assert filled
    assert [cell.coordinate for cell in filled if not str(cell.value or "").strip()] == []


def _rgb(choice: object) -> str | None:
    """The hex colour of a chart's colour choice (a string or an object once read back)."""
    colour = getattr(choice, "srgbClr", None)
    return getattr(colour, "val", colour) if colour is not None else None


def test_the_status_charts_outline_their_bars(consolidation_workbook):
    """The light status colours (grey, amber) stand out from white under 3:1; an outline does."""
    book = load_workbook(consolidation_workbook)
    charts = [chart for ws in book.worksheets for chart in ws._charts
              if isinstance(chart, BarChart)]
    assert charts
    outlined = 0
    for chart in charts:
        for series in chart.series:
            props = series.graphicalProperties
            fill = _rgb(props.solidFill) if props else None
            if fill is None or contrast_ratio(fill, PAPER) >= GRAPHIC_RATIO:
                continue
            outline = _rgb(props.line.solidFill) if props.line else None
            assert outline and contrast_ratio(outline, PAPER) >= GRAPHIC_RATIO, (fill, outline)
            outlined += 1
    assert outlined >= 2  # "not started" and "delayed" at least


# --- palette -----------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_every_status_and_state_colour_has_its_word(language):
    for status in STATUS_COLOURS:
        assert status_word(status, language).strip(), status
    for state in STATE_FILL:
        assert state_label_source(state)
    assert set(STATUS_COLOURS) == {*ProgressStatus, None} and set(STATE_FILL) == set(CellState)


def test_black_text_reads_on_every_state_fill_and_outlines_stand_out():
    for fill in STATE_FILL.values():
        assert contrast_ratio("000000", fill) >= TEXT_RATIO, fill
    for colour in STATUS_COLOURS.values():  # a status's figure may be written on its colour
        assert contrast_ratio(text_on(colour), colour) >= TEXT_RATIO, colour
    assert contrast_ratio(STATUS_OUTLINE, PAPER) >= GRAPHIC_RATIO
    assert contrast_ratio(COVERAGE_BAR, PAPER) >= GRAPHIC_RATIO


# --- the brief ---------------------------------------------------------------------------------

class _Colours(HTMLParser):
    """Each text of an HTML document with the colour it is written in and the fill under it,
    and each filled cell without text (a bar) with the fill around it."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None, str | None, bool]] = []
        self.texts: list[tuple[str, str, str]] = []
        self.graphics: list[tuple[str, str, bool]] = []  # (fill, around it, spaced by table)
        self._skip = 0

    def _current(self, index: int, default: str) -> str:
        for entry in reversed(self.stack):
            if entry[index] is not None:
                return str(entry[index])
        return default

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        style = values.get("style", "")
        colour = re.search(r"(?<!-)color:\s*#?([0-9a-fA-F]{6})", style)
        fill = re.search(r"background-color:\s*#?([0-9a-fA-F]{6})", style) or re.fullmatch(
            r"#?([0-9a-fA-F]{6})", values.get("bgcolor", ""))
        spaced = tag == "table" and values.get("cellspacing", "0") not in ("0", "")
        if tag in ("style", "title"):
            self._skip += 1
        if tag in ("br", "meta"):
            return
        self.stack.append((tag, colour.group(1) if colour else None,
                           fill.group(1) if fill else None, spaced))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._skip or not self.stack:
            return
        fill = self._current(2, PAPER)
        if data.replace("\xa0", "").strip():
            self.texts.append((data.strip(), self._current(1, "000000"), fill))
        elif self.stack[-1][2] is not None:  # a coloured cell or span with no words: a graphic
            tables = [entry for entry in self.stack if entry[0] == "table"]
            around = next((e[2] for e in reversed(self.stack[:-1]) if e[2] is not None), PAPER)
            self.graphics.append((fill, around, bool(tables) and tables[-1][3]))


#: Colours of the brief's style sheet (for th and group rows; texts default to black).
def _style_fills(html: str) -> list[str]:
    return re.findall(r"background-color:\s*#([0-9a-fA-F]{6})", html.split("</style>")[0])


@pytest.fixture(scope="module")
def brief_documents(regional) -> dict[str, str]:
    db, _folder = regional
    with db.reading() as session:
        data = gather(session, RegionalFilter(first_period="2023-H1"), today=TODAY, highlights=True)
    return {language: brief_html(data, language) for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_of_the_brief_meets_the_ratio(brief_documents, language):
    html = brief_documents[language]
    parser = _Colours()
    parser.feed(html)
    assert len(parser.texts) > 100
    assert {fill for _t, _c, fill in parser.texts} >= {STATE_FILL[CellState.MISSING]}
    low = {(colour, fill) for _text, colour, fill in parser.texts
           if contrast_ratio(colour, fill) < TEXT_RATIO}
    assert low == set()
    meta = re.search(r"p\.meta \{ color: #([0-9a-fA-F]{6})", html)
    assert meta and contrast_ratio(meta.group(1), PAPER) >= TEXT_RATIO
    assert all(contrast_ratio("000000", fill) >= TEXT_RATIO for fill in _style_fills(html))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_brief_graphics_stand_out_from_the_paper(brief_documents, language):
    """A bar is dark enough for 3:1 on white, or outlined (its table's colour showing around
    it through the cell spacing)."""
    parser = _Colours()
    parser.feed(brief_documents[language])
    bars = [(fill, around, spaced) for fill, around, spaced in parser.graphics]
    assert any(fill.upper() == STATUS_COLOURS[ProgressStatus.DELAYED] for fill, _a, _s in bars)
    faint = [(fill, around) for fill, around, spaced in bars
             if contrast_ratio(fill, around) < GRAPHIC_RATIO
             and not (spaced and contrast_ratio(around, PAPER) >= GRAPHIC_RATIO)]
    swatches = {fill for fill, _around in faint}
    # Left: the legend's swatches, each written beside its status word.
    assert swatches <= {colour for colour in STATUS_COLOURS.values()}
    html = brief_documents[language]
    for status in ProgressStatus:
        if STATUS_COLOURS[status] in swatches:
            assert re.search(rf"background-color:#{STATUS_COLOURS[status]}'>&nbsp;&nbsp;&nbsp;"
                             rf"</span>&nbsp;\S", html), status


def test_the_preview_marks_carry_their_own_text_colour_and_more_than_colour():
    for style, mark in ((REMOVED_STYLE, "line-through"), (ADDED_STYLE, "bold")):
        fill = re.search(r"background-color:#([0-9a-f]{6})", style)
        text = re.search(r"(?<!-)color:#([0-9a-f]{6})", style)
        assert fill and text and mark in style
        assert contrast_ratio(text.group(1), fill.group(1)) >= TEXT_RATIO
