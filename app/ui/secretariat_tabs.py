"""The secretariat's tabs, installed into the main window by one call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.i18n import _
from app.ui.completeness_view import CompletenessView
from app.ui.regional_view import RegionalView

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def install_secretariat_tabs(window: MainWindow) -> None:
    """Completeness, regional progress, plan, calendar and memberships, on the window's undo stack."""
    context, stack = window.context, window.undo_stack
    window.completeness_view = CompletenessView(context, stack)  # type: ignore[attr-defined]
    window.add_tab(window.completeness_view, lambda: _("Completeness"))  # type: ignore[attr-defined]
    window.regional_view = RegionalView(context)  # type: ignore[attr-defined]
    window.add_tab(window.regional_view, lambda: _("Regional progress"))  # type: ignore[attr-defined]
