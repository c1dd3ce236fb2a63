"""The secretariat's tabs, installed into the main window by one call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.i18n import _
from app.ui.secretariat.calendar_editor import CalendarEditor
from app.ui.secretariat.completeness_view import CompletenessView
from app.ui.secretariat.membership_editor import MembershipEditor
from app.ui.secretariat.plan_editor import PlanEditor
from app.ui.secretariat.regional_view import RegionalView

if TYPE_CHECKING:
    from app.ui.shell.main_window import MainWindow


@dataclass
class SecretariatTabs:
    completeness: CompletenessView
    regional: RegionalView
    plan: PlanEditor
    calendar: CalendarEditor
    memberships: MembershipEditor


def install_secretariat_tabs(window: MainWindow) -> SecretariatTabs:
    """Completeness, regional progress, plan, calendar and memberships, on the window's undo stack.

    The window keeps them as `window.secretariat_tabs`; each gets only the context and the undo
    stack.
    """
    context, stack = window.context, window.undo_stack
    tabs = SecretariatTabs(
        completeness=CompletenessView(context, stack), regional=RegionalView(context),
        plan=PlanEditor(context, stack), calendar=CalendarEditor(context, stack),
        memberships=MembershipEditor(context, stack))
    window.add_tab(tabs.completeness, lambda: _("Completeness"))
    window.add_tab(tabs.regional, lambda: _("Regional progress"))
    window.add_tab(tabs.plan, lambda: _("Edit plan"))
    window.add_tab(tabs.calendar, lambda: _("Calendar"))
    window.add_tab(tabs.memberships, lambda: _("Memberships"))
    return tabs
