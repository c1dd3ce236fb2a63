"""Column widths for tables whose headers are longer in some languages than in English."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QTableView


def fit_to_headers(view: QTableView, usual: Mapping[int, int], others: bool = False) -> None:
    """Each listed column at its usual width, or wider where its header needs it (Russian headers
    run long); with `others`, every other column as wide as its header needs, too.

    Set widths rather than ResizeToContents, which would ask every row on every reload.
    """
    header = view.horizontalHeader()
    for column in range(view.model().columnCount()):
        width = usual.get(column)
        if width is None and not others:
            continue
        base = width if width is not None else header.defaultSectionSize()
        view.setColumnWidth(column, max(base, header.sectionSizeHint(column)))
