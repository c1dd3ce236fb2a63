"""The regional report workbook: one sheet per regional view, the completeness matrix, native charts.

Written with openpyxl's write-only mode (rows streamed to the file), to a temporary file that is
moved into place (`save_atomically`, as every workbook), so a crash never leaves half a report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy.orm import Session

from app import APP_NAME
from app.i18n import N_
from app.models.orm.reporting import ReportingPeriod
from app.models.services.regional.completeness import ROLE_ORDER
from app.models.services.regional.report import RegionalFilter
from app.reports.consolidation import sheets as sheets
from app.reports.consolidation.data import Consolidation, gather
from app.reports.consolidation.trend_sheet import write_trends
from app.reports.language import ReportLanguage
from app.reports.xlsx.atomic import discard, save_atomically
from app.reports.xlsx.styled_cells import CellStyles


def report_file_name(periods: list[ReportingPeriod], kind: str = "REGIONAL",
                     suffix: str = ".xlsx") -> str:
    """`AP_<kind>_<first>_<last><suffix>`: the periods a report covers, in its name."""
    span = f"{periods[0].code}_{periods[-1].code}" if periods else "empty"
    return f"AP_{kind}_{span}{suffix}"


def default_file_name(data: Consolidation) -> str:
    return report_file_name(data.scope.periods)


def ordered_for(data: Consolidation, lang: ReportLanguage) -> Consolidation:
    """The same data with countries in reading order for the language: by role, then by name."""
    def key(code: str) -> tuple[int, str]:
        return ROLE_ORDER.index(data.scope.roles.get(code)), lang.country(code)

    countries = sorted(data.scope.countries, key=key)
    position = {code: index for index, code in enumerate(countries)}
    rows = sorted(data.matrix.rows, key=lambda row: key(row.country))
    commitments = sorted(data.commitments, key=lambda row: position.get(row[0], len(position)))
    return replace(data, scope=replace(data.scope, countries=countries),
                   matrix=replace(data.matrix, rows=rows), commitments=commitments,
                   highlights=sorted(data.highlights, key=lambda h: key(h.country)))


def write_consolidation_workbook(data: Consolidation, path: Path, language: str) -> Path:
    """Write the report for `data` with headers in `language`; returns the path written."""
    lang = ReportLanguage(language)
    data = ordered_for(data, lang)
    styles = CellStyles()
    wb = Workbook(write_only=True)
    wb.properties.title = lang.t(N_("Regional progress report"))
    wb.properties.creator = APP_NAME
    wb.properties.language = language
    try:
        sheets.write_cover(wb, data, lang, styles)
        sheets.write_completeness(wb, data, lang, styles)
        sheets.write_coverage(wb, data, lang, styles)
        sheets.write_items(wb, data, lang, styles, "objective")
        write_trends(wb, data, lang, styles)
        sheets.write_items(wb, data, lang, styles, "action")
        sheets.write_statuses(wb, data, lang, styles)
        sheets.write_indicators(wb, data, lang, styles)
        sheets.write_commitments(wb, data, lang, styles)
    except BaseException:
        discard(wb)
        raise
    path = Path(path)
    save_atomically(wb, path)
    return path


def build_consolidation_workbook(session: Session, path: Path, language: str,
                                 flt: RegionalFilter | None = None,
                                 today: dt.date | None = None) -> Path:
    """Read the regional picture and write it: what the command line and the app both call."""
    return write_consolidation_workbook(gather(session, flt, today=today), path, language)
