"""One figure, three places: the secretariat's window, the regional workbook and the brief show
an average rounded the same way (half-up, as officials check it in Excel)."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.models.services.regional.report import RegionalFilter
from app.reports.consolidation.brief import brief_html
from app.reports.consolidation.data import gather
from app.reports.consolidation.workbook import write_consolidation_workbook
from app.ui.secretariat.regional_models import ItemProgressModel

TODAY = dt.date(2026, 11, 26)


def test_window_workbook_and_brief_show_the_same_rounded_average(secretariat_db, language,
                                                                 tmp_path):
    with secretariat_db.reading() as s:
        data = gather(s, RegionalFilter(), today=TODAY)
    objective = next(i for i in data.items if i.level == "objective")
    objective.total.percent_sum, objective.total.percent_count = 141.0, 4  # exactly 35.25
    model = ItemProgressModel()
    model.set_rows(data.items, data.scope.countries)
    row = data.items.index(objective)
    shown = model.data(model.index(row, ItemProgressModel.FIXED + 2), Qt.ItemDataRole.DisplayRole)
    assert shown == "35.3%"

    path = write_consolidation_workbook(data, tmp_path / "r.xlsx", "en")
    sheet = load_workbook(path)["By objective"]
    cell = next(r[4] for r in sheet.iter_rows(min_row=2) if r[0].value == objective.code)
    assert (cell.value, cell.number_format) == (35.3, "0.0")

    html = brief_html(data, "en")
    title = objective.titles["en"]
    line = next(line for line in html.splitlines() if title in line and "%" in line)
    assert ">35.3%<" in line
