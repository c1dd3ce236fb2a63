"""The regional report workbook: its sheets and cells read back, in calamine and in LibreOffice."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from app.i18n import translate_in
from app.models.orm import Commitment, ProgressUpdate
from app.models.services.regional.report import RegionalFilter
from app.reports.consolidation.data import gather
from app.reports.consolidation.workbook import (
    build_consolidation_workbook,
    default_file_name,
    write_consolidation_workbook,
)
from tests.printed_words import not_printed_whole, tokens

TODAY = dt.date(2026, 11, 26)
SHEETS = ["Report", "Completeness", "Coverage", "By objective", "Trends", "By action", "By status",
          "Indicators", "Commitments"]


def _sheets(path: Path) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_workbook_sheets_and_cells(secretariat_db, tmp_path):
    with secretariat_db.transaction() as s:  # texts that a spreadsheet would take for formulas
        commitment = s.scalar(select(Commitment).where(Commitment.country_code == "KZ"))
        commitment.description = "=HYPERLINK(\"http://example.org\")"
        update = s.scalar(select(ProgressUpdate).where(ProgressUpdate.commitment_id == commitment.id)
                          .order_by(ProgressUpdate.period_id.desc()))
        update.challenges = "#N/A\x0b and more"
    path = tmp_path / "regional.xlsx"
    with secretariat_db.reading() as s:
        data = gather(s, RegionalFilter(), today=TODAY)
        build_consolidation_workbook(s, path, "en", today=TODAY)
    assert default_file_name(data) == "AP_REGIONAL_2024-H1_2026-H2.xlsx"
    sheets = _sheets(path)
    assert list(sheets) == SHEETS
    cover = {row[0]: row[1] for row in sheets["Report"] if row and row[0]}
    assert cover["Roles counted"] == "Member, Observer"  # the header says whom the totals count
    matrix = sheets["Completeness"]
    assert matrix[0][:3] == ["Country", "Role", "2024-H1"]
    names = [row[0] for row in matrix[1:] if row[0]]
    assert names[:6] == ["Afghanistan", "Azerbaijan", "Kazakhstan", "Kyrgyzstan", "Tajikistan",
                         "Türkiye"]
    texts = {cell for row in matrix[1:] for cell in row[2:] if isinstance(cell, str)}
    assert {"Not yet due", "Missing"} <= texts
    assert any(t.startswith("Acknowledged r") for t in texts)
    commitments = sheets["Commitments"]
    assert len(commitments) == 161
    assert "=HYPERLINK(\"http://example.org\")" in [row[4] for row in commitments]
    assert "#N/A and more" in [row[10] for row in commitments]
    statuses = sheets["By status"]
    total = next(row for row in statuses if row[0] == "All countries")
    assert total[2] == 160
    book = load_workbook(path)
    cell = next(c for row in book["Commitments"].iter_rows(min_col=5, max_col=5) for c in row
                if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"
    assert len(book["By status"]._charts) == 1 and len(book["Coverage"]._charts) == 1


def test_headers_and_names_in_the_chosen_language(secretariat_db, tmp_path):
    path = tmp_path / "ru.xlsx"
    with secretariat_db.reading() as s:
        write_consolidation_workbook(gather(s, today=TODAY), path, "ru")
    matrix = _sheets(path)[translate_in("ru", "Completeness")[:31]]
    assert "Казахстан" in [row[0] for row in matrix]
    assert not list(tmp_path.glob("*.part"))


def test_report_for_one_country_and_a_period_range(secretariat_db, tmp_path):
    path = tmp_path / "kz.xlsx"
    with secretariat_db.reading() as s:
        build_consolidation_workbook(s, path, "en", RegionalFilter(
            countries=("KZ",), first_period="2025-H1", last_period="2025-H2"), today=TODAY)
    sheets = _sheets(path)
    assert sheets["Completeness"][0][2:4] == ["2025-H1", "2025-H2"]
    assert {row[0] for row in sheets["Commitments"][1:]} == {"Kazakhstan"}


#: Texts a spreadsheet would read as a formula, a sign or an error, or that need escaping.
RISKY_TEXTS = ["=SUM(A1:A3)", "+7 701 555 0101", "-5 agencies", "@home", "#N/A",
               "<b>R&D</b> \"quoted\"", "  indented, twice  "]


@pytest.mark.parametrize("text", RISKY_TEXTS)
def test_commitment_texts_stay_text(secretariat_db, tmp_path, text):
    """The commitments sheet (written as XML, not cell by cell) keeps every text as typed."""
    with secretariat_db.transaction() as s:
        commitment = s.scalar(select(Commitment).where(Commitment.country_code == "KG"))
        commitment.description = text
        commitment.lead_agency = text + " agency"
        update = s.scalar(select(ProgressUpdate).where(ProgressUpdate.commitment_id == commitment.id)
                          .order_by(ProgressUpdate.period_id.desc()))
        update.challenges, update.support_requested = text, "=" + text
    path = tmp_path / "regional.xlsx"
    with secretariat_db.reading() as s:
        build_consolidation_workbook(s, path, "en", RegionalFilter(first_period="2013-H1"),
                                     today=TODAY)
    sheet = load_workbook(path)["Commitments"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[4].value == text)
    shown = {4: text, 5: text + " agency", 10: text, 11: "=" + text}
    for column, expected in shown.items():
        assert (row[column].value, row[column].data_type) == (expected, "s")
        assert not row[column].has_style
    assert row[0].value == "Kyrgyzstan" and row[2].data_type == "s"
    header = sheet["A1"]
    assert header.font.b and header.fill.fgColor.rgb.endswith("D9D9D9") and header.border.left.style
    assert sheet.row_dimensions[1].height >= 45  # worked out from the longest header word
    assert [c.value for c in sheet[1]][:2] == ["Country", "Objective"]
    calamine = _sheets(path)["Commitments"]
    assert [text, text + " agency"] in [row[4:6] for row in calamine]


def soffice_to_pdf(source: Path, out_dir: Path) -> Path:
    """Convert with a LibreOffice profile of its own, so parallel runs do not collide."""
    profile = out_dir / "lo-profile"
    env = {**os.environ, "HOME": str(out_dir)}
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "pdf", "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True, timeout=180, env=env)
    return out_dir / (source.stem + ".pdf")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler are installed by .ci/run")
def test_libreoffice_opens_the_workbook(secretariat_db, tmp_path):
    path = tmp_path / "regional.xlsx"
    with secretariat_db.reading() as s:
        build_consolidation_workbook(s, path, "en", today=TODAY)
    pdf = soffice_to_pdf(path, tmp_path)
    text = subprocess.run(["pdftotext", "-l", "6", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    for name in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Regional progress report"):
        assert name in text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by .ci/run")
@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_word_of_the_printed_workbook_is_whole(secretariat_db, tmp_path, language):
    """LibreOffice prints what a reader sees: every text of the summary sheets, legends and
    headers whole (rows tall enough for wrapped texts, columns wide enough for their longest
    word, country names written upwards); the commitments' own long texts are checked by their
    header only, as are the texts countries gave for an indicator: they are cut at the column's
    edge on paper by design (read whole on screen)."""
    path = tmp_path / f"regional-{language}.xlsx"
    with secretariat_db.reading() as s:
        write_consolidation_workbook(gather(s, today=TODAY), path, language)
    shown: Counter[str] = Counter()
    for name, rows in _sheets(path).items():
        if name == translate_in(language, "Commitments")[:31]:
            rows = rows[:1]
        elif name == translate_in(language, "Indicators")[:31]:  # countries' texts: as above
            rows = rows[:1] + [row[:8] for row in rows[1:]]
        shown += tokens(" \n ".join(str(v) for row in rows for v in row if isinstance(v, str)))
    book = load_workbook(path)
    pdf = soffice_to_pdf(path, tmp_path)
    broken = not_printed_whole(shown, pdf)
    assert not broken, f"words not printed whole: {broken[:20]}"
    for ws in book.worksheets:
        setup = ws.page_setup
        assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1, ws.title
