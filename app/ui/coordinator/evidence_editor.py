"""Edit a progress record's evidence: add a document by title and path or link, remove, open."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui.common.accessible import set_name, set_view_name
from app.ui.coordinator.evidence_model import EvidenceModel
from app.ui.coordinator.evidence_opener import open_evidence


class EvidenceEditor(QWidget):
    #: The whole new list of (title, location) pairs.
    evidence_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EvidenceModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setTabKeyNavigation(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setWordWrap(False)
        self.view.setMinimumHeight(self.fontMetrics().height() * 5)
        self.view.setMaximumHeight(self.fontMetrics().height() * 9)
        self.title_edit = QLineEdit()
        self.location_edit = QLineEdit()
        self.browse_button = QPushButton()
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.open_button = QPushButton()
        adding = QHBoxLayout()
        adding.addWidget(self.title_edit, 1)
        adding.addWidget(self.add_button)
        locating = QHBoxLayout()
        locating.addWidget(self.location_edit, 1)
        locating.addWidget(self.browse_button)
        managing = QHBoxLayout()
        managing.addStretch(1)
        managing.addWidget(self.open_button)
        managing.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(managing)
        layout.addLayout(adding)
        layout.addLayout(locating)
        self.model.edit_requested.connect(self.evidence_changed)
        self.add_button.clicked.connect(self._add)
        self.title_edit.returnPressed.connect(self._add)
        self.location_edit.returnPressed.connect(self._add)
        self.title_edit.textChanged.connect(lambda _t: self._update_buttons())
        self.remove_button.clicked.connect(self._remove)
        self.open_button.clicked.connect(self._open)
        self.browse_button.clicked.connect(self._browse)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.retranslate()
        self.set_items([], editable=False)

    def set_items(self, items: list[tuple[str, str]], editable: bool) -> None:
        self.model.set_items(items, editable)
        for widget in (self.title_edit, self.location_edit, self.browse_button):
            widget.setEnabled(editable)
        self._update_buttons()

    def retranslate(self) -> None:
        self.model.retranslate()
        self.title_edit.setPlaceholderText(_("Document title"))
        self.location_edit.setPlaceholderText(_("File path or link"))
        set_view_name(self.view, _("Evidence"))
        set_name(self.title_edit, _("Title of the evidence to add"))
        set_name(self.location_edit, _("File path or link of the evidence to add"))
        self.browse_button.setText(_("Browse…"))
        self.add_button.setText(_("Add evidence"))
        self.remove_button.setText(_("Remove"))
        self.open_button.setText(_("Open"))
        self.open_button.setToolTip(_("Open the document or link (the file stays where it is)"))

    def _selected_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _update_buttons(self) -> None:
        editable = self.title_edit.isEnabled()
        self.add_button.setEnabled(editable and bool(self.title_edit.text().strip()))
        row = self._selected_row()
        self.remove_button.setEnabled(editable and row >= 0)
        self.open_button.setEnabled(row >= 0 and bool(self.model.items()[row][1].strip()))

    def _add(self) -> None:
        title = self.title_edit.text().strip()
        if not title or not self.title_edit.isEnabled():
            return
        self.evidence_changed.emit([*self.model.items(), (title, self.location_edit.text().strip())])
        self.title_edit.clear()
        self.location_edit.clear()
        self.title_edit.setFocus()

    def _remove(self) -> None:
        row = self._selected_row()
        if row >= 0:
            items = self.model.items()
            del items[row]
            self.evidence_changed.emit(items)

    def _open(self) -> None:
        row = self._selected_row()
        if row >= 0:
            open_evidence(self, self.model.items()[row][1])

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose the evidence document"))
        if path:
            self.location_edit.setText(path)
            if not self.title_edit.text().strip():
                self.title_edit.setText(QUrl.fromLocalFile(path).fileName())
