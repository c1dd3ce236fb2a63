"""The secretariat's tabs, installed into the main window by one call; each panel is built the
first time its tab is shown (`LazyTab`), so a start costs only the tab titles."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.ui.common.lazy_tab import LazyTab

if TYPE_CHECKING:
    from app.ui.secretariat.calendar_editor import CalendarEditor
    from app.ui.secretariat.completeness_view import CompletenessView
    from app.ui.secretariat.membership_editor import MembershipEditor
    from app.ui.secretariat.plan_editor import PlanEditor
    from app.ui.secretariat.regional_view import RegionalView
    from app.ui.shell.main_window import MainWindow


class SecretariatTabs:
    """The five tab pages; a panel's attribute builds it when asked before its tab was shown."""

    def __init__(self, pages: dict[str, LazyTab[Any]]) -> None:
        self.pages = pages

    @property
    def completeness(self) -> CompletenessView:
        return self.pages["completeness"].panel()

    @property
    def regional(self) -> RegionalView:
        return self.pages["regional"].panel()

    @property
    def plan(self) -> PlanEditor:
        return self.pages["plan"].panel()

    @property
    def calendar(self) -> CalendarEditor:
        return self.pages["calendar"].panel()

    @property
    def memberships(self) -> MembershipEditor:
        return self.pages["memberships"].panel()


def _builders(window: MainWindow) -> dict[str, tuple[Callable[[], QWidget], Callable[[], str]]]:
    context, stack = window.context, window.undo_stack

    def completeness() -> QWidget:
        from app.ui.secretariat.completeness_view import CompletenessView
        return CompletenessView(context, stack)

    def regional() -> QWidget:
        from app.ui.secretariat.regional_view import RegionalView
        return RegionalView(context)

    def plan() -> QWidget:
        from app.ui.secretariat.plan_editor import PlanEditor
        return PlanEditor(context, stack)

    def calendar() -> QWidget:
        from app.ui.secretariat.calendar_editor import CalendarEditor
        return CalendarEditor(context, stack)

    def memberships() -> QWidget:
        from app.ui.secretariat.membership_editor import MembershipEditor
        return MembershipEditor(context, stack)

    return {
        "completeness": (completeness, lambda: _("Completeness")),
        "regional": (regional, lambda: _("Regional progress")),
        "plan": (plan, lambda: _("Edit plan")),
        "calendar": (calendar, lambda: _("Calendar")),
        "memberships": (memberships, lambda: _("Memberships")),
    }


def install_secretariat_tabs(window: MainWindow) -> SecretariatTabs:
    """Completeness, regional progress, plan, calendar and memberships, on the window's undo stack.

    The window keeps them as `window.secretariat_tabs`; each panel gets only the context and the
    undo stack, and is built when its tab is first shown.
    """
    pages: dict[str, LazyTab[Any]] = {}
    for name, (build, title) in _builders(window).items():
        pages[name] = LazyTab(build)
        window.add_tab(pages[name], title)
    return SecretariatTabs(pages)
