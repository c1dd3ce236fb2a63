"""Country, role and period-range filters shared by the completeness and regional views."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.i18n import _
from app.i18n.formats import country_name
from app.models.orm.enums import MembershipRole, label
from app.models.services.regional.report import RegionalFilter
from app.models.services.reporting.periods import all_periods
from app.models.services.workspace.memberships import workspace_countries
from app.models.topics import MEMBERSHIPS, PERIODS
from app.ui.common.context import WorkspaceContext
from app.ui.common.storage_guard import shows_storage_errors

#: How many periods the views show until the user chooses a range.
DEFAULT_PERIODS = 6
#: The role counted unless the officer chooses another (or all roles).
DEFAULT_ROLE = MembershipRole.MEMBER


class RegionalFilterBar(QWidget):
    filter_changed = Signal(object)  # RegionalFilter

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._today = today or dt.date.today()
        self._loading = False
        self.country_combo = QComboBox()
        self.country_combo.setObjectName("countryFilter")
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("roleFilter")
        self.first_combo = QComboBox()
        self.first_combo.setObjectName("firstPeriod")
        self.last_combo = QComboBox()
        self.last_combo.setObjectName("lastPeriod")
        self._labels = [QLabel(), QLabel(), QLabel(), QLabel()]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for caption, combo in zip(self._labels, (self.country_combo, self.role_combo,
                                                 self.first_combo, self.last_combo), strict=True):
            caption.setBuddy(combo)
            layout.addWidget(caption)
            layout.addWidget(combo)
            combo.currentIndexChanged.connect(self._changed)
        layout.addStretch(1)
        self.reload()
        self.retranslate()

    @shows_storage_errors
    def reload(self) -> None:
        """Re-read countries and periods (after the calendar or memberships changed)."""
        with self._context.db.reading() as session:  # first, so an error leaves the bar as it was
            codes = workspace_countries(session)
            periods = [(p.code, p.start_date) for p in all_periods(session)]
        self._loading = True
        chosen = self.current_filter() if self.first_combo.count() else None
        self.country_combo.clear()
        self.country_combo.addItem("", None)
        for code in sorted(codes, key=country_name):
            self.country_combo.addItem(country_name(code), code)
        self.role_combo.clear()
        self.role_combo.addItem("", None)
        for role in MembershipRole:
            self.role_combo.addItem(label(role), role)
        started = [code for code, start in periods if start <= self._today]
        for combo in (self.first_combo, self.last_combo):
            combo.clear()
            for code, _start in periods:
                combo.addItem(code, code)
        default_first = started[-DEFAULT_PERIODS] if len(started) >= DEFAULT_PERIODS else (
            started[0] if started else None)
        self._select(self.first_combo, chosen.first_period if chosen else default_first)
        self._select(self.last_combo, chosen.last_period if chosen else (started[-1] if started else None))
        # Regional figures count the members unless the officer chooses observers or guests too.
        self._select(self.role_combo, DEFAULT_ROLE)
        if chosen:
            self._select(self.country_combo, chosen.countries[0] if chosen.countries else None)
            self._select(self.role_combo, next(iter(chosen.roles), None))
        self._loading = False
        self.retranslate()

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(0, index))

    def current_filter(self) -> RegionalFilter:
        country = self.country_combo.currentData()
        role = self.role_combo.currentData()
        return RegionalFilter(countries=(country,) if country else (),
                              roles=frozenset({role}) if role else frozenset(),
                              first_period=self.first_combo.currentData(),
                              last_period=self.last_combo.currentData())

    def set_filter(self, flt: RegionalFilter) -> None:
        self._loading = True
        self._select(self.country_combo, flt.countries[0] if flt.countries else None)
        self._select(self.role_combo, next(iter(flt.roles), None))
        self._select(self.first_combo, flt.first_period)
        self._select(self.last_combo, flt.last_period)
        self._loading = False
        self._changed()

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.filter_changed.emit(self.current_filter())

    def retranslate(self, *_args: object) -> None:
        for caption, text in zip(self._labels, (_("Co&untry:"), _("R&ole:"), _("&From:"), _("&To:")),
                                 strict=True):
            caption.setText(text)
        self.country_combo.setItemText(0, _("All countries"))
        self.role_combo.setItemText(0, _("All roles"))
        for index in range(1, self.country_combo.count()):
            self.country_combo.setItemText(index, country_name(self.country_combo.itemData(index)))
        for index in range(1, self.role_combo.count()):
            self.role_combo.setItemText(index, label(self.role_combo.itemData(index)))


class RegionalFilteredView(QWidget):
    """A view of the countries, roles and periods its filter bar chooses (the completeness and
    regional views): read again when the filter changes or the workspace does (`topics`)."""

    #: A change to any of these topics reads the view again.
    topics: frozenset[str] = frozenset()

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._context, self._today = context, today
        self.filter_bar = RegionalFilterBar(context, today=today)

    def reload(self) -> None:
        raise NotImplementedError

    def retranslate(self, *_args: object) -> None:
        raise NotImplementedError

    def _follow_changes(self) -> None:
        """The end of a subclass's `__init__`: follow the filter, the workspace and the language,
        and show the first data."""
        self.filter_bar.filter_changed.connect(lambda _flt: self.reload())
        self._context.bus.changed.connect(self._data_changed)
        self._context.language.language_changed.connect(self.retranslate)
        self.reload()
        self.retranslate()

    def current_filter(self) -> RegionalFilter:
        return self.filter_bar.current_filter()

    def _data_changed(self, topics: frozenset[str]) -> None:
        if topics & {PERIODS, MEMBERSHIPS}:
            self.filter_bar.reload()
        if topics & self.topics:
            self.reload()
