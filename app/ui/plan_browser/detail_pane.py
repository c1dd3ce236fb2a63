"""Read-only view of the selected objective or action: indicators, commitments, latest progress."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.i18n import _, current_language, is_rtl, isolate
from app.i18n.formats import country_name, format_number, format_percent, format_period
from app.models.orm.base import pick_language
from app.models.orm.enums import label
from app.models.services.reporting.details import ItemDetails, item_details
from app.ui.common.accessible import set_name
from app.ui.common.context import WorkspaceContext
from app.ui.common.storage_guard import shows_storage_errors


class DetailPane(QTextBrowser):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._item: tuple[str, int] | None = None
        self.setOpenLinks(False)
        context.language.language_changed.connect(self._name)
        self._name()
        self.show_item(None)

    def _name(self, *_args: object) -> None:
        set_name(self, _("Details of the chosen plan item"),
             _("Its indicators, commitments and their latest progress"))

    def show_item(self, item: tuple[str, int] | None) -> None:
        self._item = item
        self.refresh()

    @shows_storage_errors
    def refresh(self) -> None:
        if self._item is None:
            self._set_html(_tag("p", _("Choose an objective or action in the plan.")))
            return
        with self._context.db.reading() as session:
            details = item_details(session, *self._item, self._context.country)
            self._set_html(self._render(details))

    def _set_html(self, body: str) -> None:
        """Blocks follow the interface's direction, not the first letter of each (maybe English) one."""
        self.setHtml(f"<div dir='{'rtl' if is_rtl() else 'ltr'}'>{body}</div>")

    def _render(self, details: ItemDetails) -> str:
        # Translated strings stay outside f-strings: Babel cannot see `_()` inside one (Python 3.11).
        lang = current_language()
        parts = [_tag("h2", isolate(f"{details.code} {pick_language(details.titles, lang)}"))]
        if details.parent_titles:
            parts.append(_tag("p", _tag("i", isolate(pick_language(details.parent_titles, lang))),
                              raw=True))
        if details.retired:
            parts.append(_tag("p", _tag("b", _("Retired in a newer plan version")), raw=True))
        if details.kind == "objective":
            parts.append(_tag("h3", _("Actions")))
            items = "".join(_tag("li", isolate(f"{a.code} {pick_language(a.titles, lang)}"))
                            for a in details.actions)
            parts.append(_tag("ul", items, raw=True))
            return "".join(parts)
        parts.append(_tag("h3", _("Indicators")))
        if details.indicators:
            headers = [_("Code"), _("Indicator"), _("Kind"), _("Unit"), _("Baseline"), _("Target")]
            rows = [_row("th", headers)]
            for ind in details.indicators:
                rows.append(_row("td", [
                    isolate(ind.code), isolate(pick_language(ind.titles, lang)), label(ind.kind),
                    isolate(pick_language(ind.unit, lang)), format_number(ind.baseline),
                    format_number(ind.target)]))
            parts.append(f"<table width='100%' cellspacing='0' cellpadding='4' border='1'>"
                         f"{''.join(rows)}</table>")
        parts.append(_tag("h3", _("Commitments")))
        if not details.commitments:
            parts.append(_tag("p", _("No commitments under this action yet.")))
        for c in details.commitments:
            who = "" if self._context.country else f"{country_name(c.country_code)}: "
            lines = [_tag("b", who + isolate(c.description)),
                     escape(_("Lead agency: {agency}").format(agency=isolate(c.lead_agency)))]
            if c.latest is None:
                lines.append(_tag("i", _("No progress reported yet.")))
            else:
                lines.append(escape(_("Latest progress ({period}): {status}, {percent}").format(
                    period=format_period(c.latest_period), status=label(c.latest.status),
                    percent=format_percent(c.latest.percent))))
                lines.append(escape(isolate(c.latest.narrative)))
            parts.append(_tag("p", "<br/>".join(lines), raw=True))
        return "".join(parts)


def _row(cell: str, texts: list[str]) -> str:
    """A table row; mirrored by hand for right-to-left, as Qt's rich text lays tables out
    left-to-right whatever the direction."""
    if not is_rtl():
        return _tag("tr", "".join(_tag(cell, t) for t in texts), raw=True)
    return _tag("tr", "".join(f"<{cell} dir='rtl'>{escape(t)}</{cell}>" for t in reversed(texts)),
                raw=True)


def _tag(name: str, text: str, raw: bool = False) -> str:
    """`text` (escaped unless `raw`) inside an HTML element."""
    return f"<{name}>{text if raw else escape(text)}</{name}>"
