"""What a new plan version changes, item by item: added, renamed, moved, changed, retired.

Pure functions over two `PlanDocument`s, so the preview of a plan workbook and the adoption of a new
version agree on what happens to every code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from app.i18n import SOURCE_LANGUAGE, _
from app.models.orm.enums import IndicatorKind
from app.models.services.plan.document import LEVELS, PlanDocument


@dataclass(frozen=True)
class ItemChange:
    level: str
    old_code: str | None
    new_code: str | None
    titles: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: For moves: the old and new parent codes.
    old_parent: str | None = None
    new_parent: str | None = None


@dataclass
class PlanDiff:
    added: list[ItemChange] = field(default_factory=list)
    renamed: list[ItemChange] = field(default_factory=list)
    moved: list[ItemChange] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    retired: list[ItemChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.renamed or self.moved or self.changed or self.retired)


def resolve_mapping(old: PlanDocument | None, new: PlanDocument, level: str) -> dict[str, str | None]:
    """Each old code's successor: the explicit mapping, else the same code, else None (retired)."""
    if old is None:
        return {}
    explicit = new.mapping(level)
    present = set(new.codes(level))
    return {code: explicit.get(code, code if code in present else None)
            for code in old.codes(level)}


def validate_document(doc: PlanDocument) -> list[str]:
    """Errors that make the document unusable as a plan, in the user's language."""
    errors: list[str] = []
    if not doc.code.strip():
        errors.append(_("The plan has no code."))
    if doc.version < 1:
        errors.append(_("The plan version must be 1 or more."))
    for level in LEVELS:
        codes = doc.codes(level)
        for code, count in Counter(codes).items():
            if count > 1:
                errors.append(_("The code {code} is used {count} times.").format(code=code,
                                                                                count=count))
        known = set(codes)
        for old_code, new_code in doc.mapping(level).items():
            if new_code is not None and new_code not in known:
                errors.append(_("{old} is mapped to {new}, which is not in the plan.").format(
                    old=old_code, new=new_code))
    items = [(o.code, o.titles) for o in doc.objectives]
    items += [(a.code, a.titles) for _o, a in doc.actions()]
    items += [(i.code, i.titles) for _a, i in doc.indicators()]
    for code, titles in items:
        if not titles.get(SOURCE_LANGUAGE, "").strip():
            errors.append(_("{code} has no English title.").format(code=code))
    for _action, indicator in doc.indicators():
        if indicator.kind == IndicatorKind.YES_NO and any(
                v not in (None, 0, 1) for v in (indicator.baseline, indicator.target)):
            errors.append(_("{code}: a yes/no indicator takes 0 or 1.").format(code=indicator.code))
    return errors


def _parents(doc: PlanDocument, level: str) -> dict[str, str]:
    if level == "action":
        return {a.code: o.code for o, a in doc.actions()}
    if level == "indicator":
        return {i.code: a.code for a, i in doc.indicators()}
    return {}


def _items(doc: PlanDocument, level: str) -> dict[str, object]:
    if level == "objective":
        return {o.code: o for o in doc.objectives}
    if level == "action":
        return {a.code: a for _o, a in doc.actions()}
    return {i.code: i for _a, i in doc.indicators()}


def _content(item: object) -> tuple[object, ...]:
    """What counts as a change of an item, apart from its code, parent, children and retirement."""
    fields = ("titles", "kind", "unit", "baseline", "target", "direction")
    return tuple(getattr(item, f, None) for f in fields)


def diff_plans(old: PlanDocument | None, new: PlanDocument) -> PlanDiff:
    diff = PlanDiff()
    for level in LEVELS:
        new_items = _items(new, level)
        if old is None:
            diff.added += [ItemChange(level, None, c, dict(getattr(i, "titles", {})))
                           for c, i in new_items.items()]
            continue
        old_items = _items(old, level)
        mapping = resolve_mapping(old, new, level)
        parent_level = {"action": "objective", "indicator": "action"}.get(level)
        parent_map = resolve_mapping(old, new, parent_level) if parent_level else {}
        old_parents, new_parents = _parents(old, level), _parents(new, level)
        successors = {code for code in mapping.values() if code is not None}
        for code, item in new_items.items():
            if code not in successors:
                diff.added.append(ItemChange(level, None, code, dict(getattr(item, "titles", {}))))
        for old_code, new_code in mapping.items():
            old_item = old_items[old_code]
            if new_code is None:
                diff.retired.append(ItemChange(level, old_code, None,
                                               dict(getattr(old_item, "titles", {}))))
                continue
            new_item = new_items[new_code]
            titles = dict(getattr(new_item, "titles", {}))
            change = ItemChange(level, old_code, new_code, titles)
            touched = False
            if getattr(new_item, "retired", False) and not getattr(old_item, "retired", False):
                diff.retired.append(change)
                touched = True
            if new_code != old_code:
                diff.renamed.append(change)
                touched = True
            old_parent = old_parents.get(old_code)
            if parent_level and parent_map.get(old_parent or "", old_parent) != new_parents.get(new_code):
                diff.moved.append(ItemChange(level, old_code, new_code, titles, old_parent,
                                             new_parents.get(new_code)))
                touched = True
            if _content(old_item) != _content(new_item):
                diff.changed.append(change)
                touched = True
            diff.unchanged += not touched
    return diff
