"""Every workbook format the app ever wrote stays importable (one fixture file per version)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.reports.submission.format import FORMAT_VERSION, READABLE_VERSIONS
from app.reports.submission.pipeline import preview, read_submission

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
WORKBOOKS = sorted(FIXTURES.glob("submission_v*.xlsx"))


def test_there_is_a_fixture_for_every_format_version():
    versions = {int(re.search(r"_v(\d+)", p.name)[1]) for p in WORKBOOKS}
    assert versions == set(READABLE_VERSIONS) and FORMAT_VERSION in versions


@pytest.mark.parametrize("path", WORKBOOKS, ids=[p.name for p in WORKBOOKS])
def test_fixture_workbook_is_read_verified_and_previewed(path, demo_db):
    parsed = read_submission(path)
    assert parsed.identity.format_version == int(re.search(r"_v(\d+)", path.name)[1])
    assert (parsed.identity.country, parsed.identity.period) == ("KZ", "2026-H2")
    assert not parsed.edited_after_export and parsed.errors == []
    assert sum(len(sheet.rows) for sheet in parsed.sheets.values()) > 100
    shown = preview(demo_db, parsed)
    assert shown.errors == []
