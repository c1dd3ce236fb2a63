"""Parts that every table-beside-a-form screen builds alike: the table of records, the captions of
the form's fields, and the line that says what is wrong with the input."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QFormLayout, QLabel, QTableView, QWidget

from app.ui.common.palette_colours import error_text_style, keep_styled


def error_label(name: str = "errorLabel") -> QLabel:
    """The line under a form that says why its input was refused (empty when all is well)."""
    label = QLabel()
    label.setObjectName(name)
    keep_styled(label, error_text_style)
    label.setWordWrap(True)
    return label


def compact_table(name: str, model: QAbstractItemModel, row_padding: int) -> QTableView:
    """A table with rows a line of text high (plus `row_padding` pixels) and no row numbers."""
    table = QTableView()
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
    table.setObjectName(name)
    table.setModel(model)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + row_padding)
    return table


def record_table(name: str, model: QAbstractItemModel, row_padding: int = 10) -> QTableView:
    """A table of records: whole rows selected one at a time, compact rows, no row numbers."""
    table = compact_table(name, model, row_padding)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    return table


def figures_table(name: str, model: QAbstractItemModel) -> QTableView:
    """A table of figures to read (the secretariat's reports): banded rows, each on one line."""
    table = compact_table(name, model, row_padding=8)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


def captioned_rows(form: QFormLayout, fields: Iterable[QWidget]) -> list[QLabel]:
    """A row per field with a caption that is its buddy (so the caption's access key reaches it);
    the captions' texts are set by the caller's retranslate."""
    captions = []
    for field in fields:
        caption = QLabel()
        caption.setBuddy(field)
        form.addRow(caption, field)
        captions.append(caption)
    return captions
