"""The Memberships tab: who takes part in which role since when; a change of role keeps history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.i18n import _
from app.i18n.formats import country_name, format_date, locale_for
from app.models.orm.enums import MembershipRole, label
from app.models.services.workspace.memberships import MembershipInput, MembershipRow, membership_rows
from app.models.topics import MEMBERSHIPS
from app.ui.common.accessible import set_name, set_view_name
from app.ui.common.context import WorkspaceContext
from app.ui.common.date_field import DateEdit, from_qdate, to_qdate
from app.ui.common.form_parts import captioned_rows, record_table
from app.ui.common.roles import IdRole as CountryRole
from app.ui.common.row_table_model import RowTableModel
from app.ui.secretariat import commands as commands
from app.ui.secretariat.record_editor import RecordEditor

NOTE_COLUMN = 4


class MembershipTableModel(RowTableModel[MembershipRow]):
    def headers(self) -> list[str]:
        return [_("Country"), _("Role"), _("From"), _("To"), _("Note")]

    def display(self, row: MembershipRow, column: int) -> Any:
        d = row.data
        return [country_name(d.country_code), label(d.role), format_date(d.valid_from),
                format_date(d.valid_to) if d.valid_to else _("to date"), d.note][column]

    def other_data(self, row: MembershipRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTE_COLUMN:
            return row.data.note or None
        return row.data.country_code if role == CountryRole else None


class MembershipEditor(RecordEditor):
    def __init__(self, context: WorkspaceContext, undo_stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, undo_stack, parent)
        self.model = MembershipTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(CountryRole)
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("membershipFilter")
        self.table = record_table("membershipTable", self.proxy)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The note takes the room that is left, cut short if need be (whole in the form and the
        # tooltip), so the dates stay in sight without scrolling sideways.
        header.setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.country_combo = QComboBox()
        self.country_combo.setEditable(True)
        # Not as wide as the longest country name: the table beside the form needs the room.
        self.country_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.country_combo.setMinimumContentsLength(16)
        self.country_combo.setObjectName("membershipCountry")
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("membershipRole")
        self.from_edit, self.to_edit = DateEdit(), DateEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
        self.open_check = QCheckBox()
        self.open_check.toggled.connect(lambda checked: self.to_edit.setEnabled(not checked))
        self.note_edit = QLineEdit()
        self.change_button = QPushButton()
        form = QFormLayout()
        self._captions = captioned_rows(form, (self.country_combo, self.role_combo,
                                               self.from_edit, self.to_edit, self.note_edit))
        form.addRow(self.open_check)
        form.addRow(self.error_label)
        # Two rows of buttons keep the form narrow, so the table beside it shows every column.
        buttons = QGridLayout()
        buttons.addWidget(self.new_button, 0, 0)
        buttons.addWidget(self.save_button, 0, 1)
        buttons.addWidget(self.change_button, 1, 0, 1, 2)
        left = QVBoxLayout()
        left.addWidget(self.filter_combo)
        left.addWidget(self.table, 1)
        right = self._form_column(form, buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 1)

        self.filter_combo.currentIndexChanged.connect(self._filter)
        self.change_button.clicked.connect(lambda: self.change_role())
        self._start(MEMBERSHIPS)

    def rows(self, session: Session) -> list[MembershipRow]:
        return membership_rows(session)

    def reloaded(self) -> None:
        self._fill_countries()

    def _fill_countries(self) -> None:
        codes = sorted({row.data.country_code for row in self.model.rows}, key=country_name)
        current_filter = self.filter_combo.currentData()
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        self.filter_combo.addItem(_("All countries"), None)
        for code in codes:
            self.filter_combo.addItem(country_name(code), code)
        self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(current_filter)))
        self.filter_combo.blockSignals(False)
        current = self.country_combo.currentData()
        self.country_combo.clear()
        territories: Mapping[str, str] = locale_for("en").territories  # Babel types it loosely
        for code in sorted((c for c in territories if len(c) == 2 and c.isalpha()), key=country_name):
            self.country_combo.addItem(f"{country_name(code)} ({code})", code)
        self.country_combo.setCurrentIndex(max(0, self.country_combo.findData(current)))

    def _filter(self) -> None:
        code = self.filter_combo.currentData()
        self.proxy.setFilterFixedString(code or "")

    def _load(self, data: MembershipInput) -> None:
        self.country_combo.setCurrentIndex(max(0, self.country_combo.findData(data.country_code)))
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(data.role)))
        self.from_edit.setDate(to_qdate(data.valid_from))
        self.open_check.setChecked(data.valid_to is None)
        self.to_edit.setDate(to_qdate(data.valid_to or data.valid_from))
        self.note_edit.setText(data.note)
        self.error_label.setText("")

    def show_record(self, record: MembershipRow) -> None:
        self._load(record.data)

    def start_new(self) -> None:
        self.editing_id = None
        self.table.clearSelection()
        country = self.filter_combo.currentData() or "KZ"
        self._load(MembershipInput(country, MembershipRole.MEMBER, dt.date.today()))
        self.retranslate()

    def value(self) -> MembershipInput:
        country = self.country_combo.currentData()
        typed = self.country_combo.currentText().strip()
        if country is None or self.country_combo.itemText(self.country_combo.currentIndex()) != typed:
            country = typed.upper()
        valid_to = None if self.open_check.isChecked() else from_qdate(self.to_edit.date())
        return MembershipInput(country, self.role_combo.currentData(), from_qdate(self.from_edit.date()),
                               valid_to, self.note_edit.text())

    def save(self) -> bool:
        """Add the membership, or correct the selected one (a mistake, not a change of role)."""
        data = self.value()
        if self.editing_id is None:
            command = commands.add_membership(self._context, data, self._show)
        else:
            command = commands.correct_membership(self._context, self.editing_id, data, self._show)
        return self._perform(command)

    def change_role(self) -> bool:
        """The country takes the chosen role from the chosen date; its current membership ends."""
        return self._perform(commands.change_role(self._context, self.value(), self._show))


    def retranslate(self, *_args: object) -> None:
        if self.sender() is self._context.language:
            self._fill_countries()
        for caption, text in zip(self._captions, (_("&Country:"), _("&Role:"), _("&From:"), _("&To:"),
                                                  _("N&ote:")), strict=True):
            caption.setText(text)
        current = self.role_combo.currentData()
        self.role_combo.clear()
        for role in MembershipRole:
            self.role_combo.addItem(label(role), role)
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(current)))
        self.open_check.setText(_("Still in this role (no end date)"))
        set_view_name(self.table, _("Memberships"))
        set_name(self.filter_combo, _("Show memberships of"))
        self.heading.setText("<b>" + (_("New membership") if self.editing_id is None
                                      else _("Correct this membership")) + "</b>")
        self.new_button.setText(_("&New"))
        self.save_button.setText(_("&Save"))
        self.change_button.setText(_("C&hange role from this date"))
        self.change_button.setToolTip(_(
            "The country's current membership ends the day before; the new role starts on the "
            "date given. History is kept."))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
