"""The brief as printed: rendered to PDF in Russian and English, its text extracted with
`pdftotext -layout` (poppler), and every word of the document found whole (none broken across
lines inside a narrow column); tables kept on one page with their heading where they fit."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html import unescape
from html.parser import HTMLParser

import pytest

from app.models.services.regional.report import RegionalFilter
from app.reports.consolidation.brief import brief_html
from app.reports.consolidation.data import gather
from app.ui.files.pdf_renderer import render_pdf
from tests.printed_words import not_printed_whole, tokens

TODAY = dt.date(2026, 11, 26)


class _Words(HTMLParser):
    """Every word the document shows (style and title left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: Counter[str] = Counter()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.words += tokens(unescape(data))


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_word_of_the_brief_prints_whole(secretariat_db, qapp, tmp_path, language):
    with secretariat_db.reading() as s:
        data = gather(s, RegionalFilter(first_period="2023-H1"), today=TODAY, highlights=True)
    html = brief_html(data, language)
    parser = _Words()
    parser.feed(html)
    path = tmp_path / f"brief-{language}.pdf"
    render_pdf(html, path)
    broken = not_printed_whole(parser.words, path)
    assert not broken, f"words not printed whole: {broken[:20]}"


def test_keeping_tables_together_needs_a_page_size(qapp):
    """A document laid out without a page height (the self-test met one) is left as it is."""
    from PySide6.QtGui import QTextDocument

    from app.ui.files.pdf_renderer import keep_tables_together

    document = QTextDocument()
    document.setHtml("<h2>Title</h2><table><tr><td>1</td></tr></table>")
    assert document.pageSize().height() <= 0
    assert keep_tables_together(document) == 0
