"""The secretariat's undoable edits: plan items, periods, memberships, acknowledgements.

Each builder pairs a service call with its inverse. Ids are remembered on first run, so a redo
after an undo restores the very same row (and later commands on the stack still find it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.i18n import _
from app.models.orm.plan import Action, Indicator, Objective, Plan
from app.models.orm.reference import Membership
from app.models.orm.reporting import ReportingPeriod
from app.models.services.plan import editing as pe
from app.models.services.regional import acknowledgement as ack
from app.models.services.reporting import calendar as cal
from app.models.services.workspace import memberships as ms
from app.models.topics import COMMITMENTS, MEMBERSHIPS, PERIODS, PLAN, SUBMISSIONS
from app.ui.common.context import WorkspaceContext
from app.ui.common.undo_commands import ServiceCommand

ErrorSink = Callable[[str], None]


#: What a command that adds a row remembers: its "id" (and for a plan item its "position"), None
#: until the edit has run; a redo after an undo brings the row back with the same values.
Created = dict[str, int | None]


def _command(context: WorkspaceContext, text: str, do: Callable[[Session], Any],
             undo: Callable[[Session], Any], topics: tuple[str, ...],
             on_error: ErrorSink) -> ServiceCommand:
    return ServiceCommand(context, text, do, undo, topics, on_error)


class AddCommand(ServiceCommand):
    """An edit that adds a row; `created["id"]` is that row's id once it has run (the form that
    made it selects the new row)."""

    def __init__(self, context: WorkspaceContext, text: str, do: Callable[[Session], Any],
                 undo: Callable[[Session], Any], topics: tuple[str, ...], on_error: ErrorSink,
                 created: Created) -> None:
        super().__init__(context, text, do, undo, topics, on_error)
        self.created = created

    @property
    def created_id(self) -> int:
        """The new row's id, once the edit has run (`perform` runs it)."""
        return _added_id(self.created)


def _added_id(state: Created) -> int:
    """The id of the row the edit added: undo runs only after the edit, which sets it."""
    ident = state["id"]
    assert ident is not None
    return ident


# --- plan items ----------------------------------------------------------------------------
# By the kind of item: each level's service takes that level's input type (hence `...`).
_ADD: dict[str, Callable[..., Action | Indicator]] = {
    "action": pe.add_action, "indicator": pe.add_indicator}
_UPDATE: dict[str, Callable[..., object]] = {
    "objective": pe.update_objective, "action": pe.update_action, "indicator": pe.update_indicator}
_DELETE: dict[str, Callable[[Session, int], object]] = {
    "objective": pe.delete_objective, "action": pe.delete_action, "indicator": pe.delete_indicator}
_INPUT: dict[str, Callable[..., Any]] = {
    "objective": pe.objective_input, "action": pe.action_input, "indicator": pe.indicator_input}


def _item(session: Session, kind: str, item_id: int) -> Objective | Action | Indicator:
    if kind == "objective":
        return session.get_one(Objective, item_id)
    if kind == "action":
        return session.get_one(Action, item_id)
    return session.get_one(Indicator, item_id)


def _add(session: Session, kind: str, plan_id: int, data: Any, item_id: int | None,
         position: int | None) -> Objective | Action | Indicator:
    if kind == "objective":
        return pe.add_objective(session, plan_id, data, item_id=item_id, position=position)
    return _ADD[kind](session, data, item_id=item_id, position=position)


def add_item(context: WorkspaceContext, kind: str, plan_id: int, data: Any,
             on_error: ErrorSink) -> AddCommand:
    state: Created = {"id": None, "position": None}

    def do(session: Session) -> None:
        item = _add(session, kind, plan_id, data, state["id"], state["position"])
        state["id"], state["position"] = item.id, item.position

    def undo(session: Session) -> None:
        _DELETE[kind](session, _added_id(state))

    return AddCommand(context, _("Add {code}").format(code=data.code), do, undo, (PLAN,), on_error,
                      state)


def edit_item(context: WorkspaceContext, kind: str, item_id: int, data: Any,
              on_error: ErrorSink) -> ServiceCommand:
    before: list[Any] = []

    def do(session: Session) -> None:
        if not before:
            before.append(_INPUT[kind](_item(session, kind, item_id)))
        _UPDATE[kind](session, item_id, data)

    def undo(session: Session) -> None:
        _UPDATE[kind](session, item_id, before[0])

    return _command(context, _("Edit {code}").format(code=data.code), do, undo,
                    (PLAN, COMMITMENTS), on_error)


def delete_item(context: WorkspaceContext, kind: str, item_id: int,
                on_error: ErrorSink) -> ServiceCommand:
    saved: dict[str, Any] = {}

    def do(session: Session) -> None:
        item = _item(session, kind, item_id)
        saved.update(data=_INPUT[kind](item), position=item.position,
                     plan=getattr(item, "plan_id", None))
        _DELETE[kind](session, item_id)

    def undo(session: Session) -> None:
        _add(session, kind, saved["plan"], saved["data"], item_id, saved["position"])

    return _command(context, _("Delete an item of the plan"), do, undo, (PLAN,), on_error)


def edit_plan_header(context: WorkspaceContext, plan_id: int, data: pe.PlanHeaderInput,
                     on_error: ErrorSink) -> ServiceCommand:
    before: list[pe.PlanHeaderInput] = []

    def do(session: Session) -> None:
        if not before:
            before.append(pe.plan_header_input(session.get_one(Plan, plan_id)))
        pe.update_plan_header(session, plan_id, data)

    def undo(session: Session) -> None:
        pe.update_plan_header(session, plan_id, before[0])

    return _command(context, _("Edit the plan"), do, undo, (PLAN,), on_error)


# --- reporting calendar --------------------------------------------------------------------
def add_period(context: WorkspaceContext, data: cal.PeriodInput,
               on_error: ErrorSink) -> AddCommand:
    state: Created = {"id": None}

    def do(session: Session) -> None:
        state["id"] = cal.add_period(session, data, item_id=state["id"]).id

    def undo(session: Session) -> None:
        cal.delete_period(session, _added_id(state))

    return AddCommand(context, _("Add period {code}").format(code=data.code), do, undo,
                      (PERIODS,), on_error, state)


def edit_period(context: WorkspaceContext, period_id: int, data: cal.PeriodInput,
                on_error: ErrorSink) -> ServiceCommand:
    before: list[cal.PeriodInput] = []

    def do(session: Session) -> None:
        if not before:
            before.append(cal.period_input(session.get_one(ReportingPeriod, period_id)))
        cal.update_period(session, period_id, data)

    def undo(session: Session) -> None:
        cal.update_period(session, period_id, before[0])

    return _command(context, _("Edit period {code}").format(code=data.code), do, undo,
                    (PERIODS,), on_error)


def delete_period(context: WorkspaceContext, period_id: int, on_error: ErrorSink) -> ServiceCommand:
    saved: list[cal.PeriodInput] = []

    def do(session: Session) -> None:
        saved[:] = [cal.period_input(session.get_one(ReportingPeriod, period_id))]
        cal.delete_period(session, period_id)

    def undo(session: Session) -> None:
        cal.add_period(session, saved[0], item_id=period_id)

    return _command(context, _("Delete a period"), do, undo, (PERIODS,), on_error)


# --- memberships ---------------------------------------------------------------------------
def add_membership(context: WorkspaceContext, data: ms.MembershipInput,
                   on_error: ErrorSink) -> ServiceCommand:
    state: Created = {"id": None}

    def do(session: Session) -> None:
        state["id"] = ms.add_membership(session, data, item_id=state["id"]).id

    def undo(session: Session) -> None:
        ms.delete_membership(session, _added_id(state))

    return _command(context, _("Add a membership"), do, undo, (MEMBERSHIPS,), on_error)


def correct_membership(context: WorkspaceContext, membership_id: int, data: ms.MembershipInput,
                       on_error: ErrorSink) -> ServiceCommand:
    before: list[ms.MembershipInput] = []

    def do(session: Session) -> None:
        if not before:
            before.append(ms.membership_input(session.get_one(Membership, membership_id)))
        ms.update_membership(session, membership_id, data)

    def undo(session: Session) -> None:
        ms.update_membership(session, membership_id, before[0])

    return _command(context, _("Correct a membership"), do, undo, (MEMBERSHIPS,), on_error)


def change_role(context: WorkspaceContext, data: ms.MembershipInput,
                on_error: ErrorSink) -> ServiceCommand:
    """A new role from a date: the current membership ends the day before (history is kept)."""
    state: dict[str, Any] = {}

    def do(session: Session) -> None:
        new, closed, previous_end = ms.change_role(session, data.country_code, data.role,
                                                   data.valid_from, data.note)
        state.update(new=new.id, closed=closed.id if closed else None, end=previous_end)

    def undo(session: Session) -> None:
        ms.delete_membership(session, state["new"])
        if state["closed"] is not None:
            closed = session.get_one(Membership, state["closed"])
            ms.update_membership(session, closed.id, ms.MembershipInput(
                closed.country_code, closed.role, closed.valid_from, state["end"], closed.note))

    return _command(context, _("Change a country's role"), do, undo, (MEMBERSHIPS,), on_error)


# --- submissions ---------------------------------------------------------------------------
def acknowledge(context: WorkspaceContext, submission_id: int, note: str,
                on_error: ErrorSink, now: dt.datetime | None = None) -> ServiceCommand:
    before: list[ack.AcknowledgementState] = []

    def do(session: Session) -> None:
        previous = ack.acknowledge(session, submission_id, note, now)
        if not before:
            before.append(previous)

    def undo(session: Session) -> None:
        ack.restore_acknowledgement(session, submission_id, before[0])

    return _command(context, _("Acknowledge a submission"), do, undo, (SUBMISSIONS,), on_error)
