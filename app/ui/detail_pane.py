"""Read-only view of the selected objective or action: indicators, commitments, latest progress."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.i18n import _, current_language
from app.i18n.formats import country_name, format_number, format_percent
from app.models.base import pick_language
from app.models.enums import label
from app.models.services.details import ItemDetails, item_details
from app.ui.context import WorkspaceContext


class DetailPane(QTextBrowser):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._item: tuple[str, int] | None = None
        self.setOpenLinks(False)
        self.show_item(None)

    def show_item(self, item: tuple[str, int] | None) -> None:
        self._item = item
        self.refresh()

    def refresh(self) -> None:
        if self._item is None:
            self.setHtml(f"<p>{escape(_('Choose an objective or action in the plan.'))}</p>")
            return
        with self._context.db.reading() as session:
            details = item_details(session, *self._item, self._context.country)
            self.setHtml(self._render(details))

    def _render(self, details: ItemDetails) -> str:
        lang = current_language()
        parts = [f"<h2>{escape(details.code)} {escape(pick_language(details.titles, lang))}</h2>"]
        if details.parent_titles:
            parts.append(f"<p><i>{escape(pick_language(details.parent_titles, lang))}</i></p>")
        if details.retired:
            parts.append(f"<p><b>{escape(_('Retired in a newer plan version'))}</b></p>")
        if details.kind == "objective":
            parts.append(f"<h3>{escape(_('Actions'))}</h3><ul>")
            parts += [f"<li>{escape(a.code)} {escape(pick_language(a.titles, lang))}</li>"
                      for a in details.actions]
            parts.append("</ul>")
            return "".join(parts)
        parts.append(f"<h3>{escape(_('Indicators'))}</h3>")
        if details.indicators:
            parts.append("<table cellspacing='0' cellpadding='4' border='1'><tr>"
                         + "".join(f"<th>{escape(h)}</th>" for h in (
                             _("Code"), _("Indicator"), _("Kind"), _("Unit"), _("Baseline"),
                             _("Target")))
                         + "</tr>")
            for ind in details.indicators:
                parts.append(
                    f"<tr><td>{escape(ind.code)}</td><td>{escape(pick_language(ind.titles, lang))}"
                    f"</td><td>{escape(label(ind.kind))}</td>"
                    f"<td>{escape(pick_language(ind.unit, lang))}</td>"
                    f"<td>{escape(format_number(ind.baseline))}</td>"
                    f"<td>{escape(format_number(ind.target))}</td></tr>")
            parts.append("</table>")
        parts.append(f"<h3>{escape(_('Commitments'))}</h3>")
        if not details.commitments:
            parts.append(f"<p>{escape(_('No commitments under this action yet.'))}</p>")
        for c in details.commitments:
            who = "" if self._context.country else f"{escape(country_name(c.country_code))}: "
            parts.append(f"<p><b>{who}{escape(c.description)}</b><br/>"
                         f"{escape(_('Lead agency'))}: {escape(c.lead_agency)}<br/>")
            if c.latest is None:
                parts.append(f"<i>{escape(_('No progress reported yet.'))}</i></p>")
            else:
                parts.append(
                    f"{escape(_('Latest progress'))} ({escape(c.latest_period)}): "
                    f"{escape(label(c.latest.status))}, {escape(format_percent(c.latest.percent))}"
                    f"<br/>{escape(c.latest.narrative)}</p>")
        return "".join(parts)
