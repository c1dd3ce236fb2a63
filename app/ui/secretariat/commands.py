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
from app.models.orm.plan import Action, Indicator, Objective
from app.models.services.plan import editing as pe
from app.models.services.regional import acknowledgement as ack
from app.models.services.reporting import calendar as cal
from app.models.services.workspace import memberships as ms
from app.models.topics import COMMITMENTS, MEMBERSHIPS, PERIODS, PLAN, SUBMISSIONS
from app.ui.common.context import WorkspaceContext
from app.ui.common.undo_commands import Reporter, StepCommand


def _command(context: WorkspaceContext, text: str, do: Callable[[Session], Any],
             undo: Callable[[Session], Any], topics: tuple[str, ...], on_error: Reporter,
             state: dict[str, Any] | None = None) -> StepCommand:
    return StepCommand(context, text, do, undo, topics, on_error, state)


def _added_id(state: dict[str, int | None]) -> int:
    """The id of the row an add command made: its undo runs only after the edit, which sets it."""
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


def _add(session: Session, kind: str, plan_id: int, data: Any, item_id: int | None,
         position: int | None) -> Objective | Action | Indicator:
    if kind == "objective":
        return pe.add_objective(session, plan_id, data, item_id=item_id, position=position)
    return _ADD[kind](session, data, item_id=item_id, position=position)


def add_item(context: WorkspaceContext, kind: str, plan_id: int, data: Any,
             on_error: Reporter) -> StepCommand:
    state: dict[str, int | None] = {"id": None, "position": None}

    def do(session: Session) -> None:
        item = _add(session, kind, plan_id, data, state["id"], state["position"])
        state["id"], state["position"] = item.id, item.position

    def undo(session: Session) -> None:
        _DELETE[kind](session, _added_id(state))

    return _command(context, _("Add {code}").format(code=data.code), do, undo, (PLAN,), on_error,
                    state)


def edit_item(context: WorkspaceContext, kind: str, item_id: int, data: Any,
              on_error: Reporter) -> StepCommand:
    before: list[Any] = []

    def do(session: Session) -> None:
        if not before:
            before.append(pe.item_input(session, kind, item_id))
        _UPDATE[kind](session, item_id, data)

    def undo(session: Session) -> None:
        _UPDATE[kind](session, item_id, before[0])

    return _command(context, _("Edit {code}").format(code=data.code), do, undo,
                    (PLAN, COMMITMENTS), on_error)


def delete_item(context: WorkspaceContext, kind: str, item_id: int,
                on_error: Reporter) -> StepCommand:
    saved: dict[str, Any] = {}

    def do(session: Session) -> None:
        plan, position = pe.item_place(session, kind, item_id)
        saved.update(data=pe.item_input(session, kind, item_id), position=position, plan=plan)
        _DELETE[kind](session, item_id)

    def undo(session: Session) -> None:
        _add(session, kind, saved["plan"], saved["data"], item_id, saved["position"])

    return _command(context, _("Delete an item of the plan"), do, undo, (PLAN,), on_error)


def edit_plan_header(context: WorkspaceContext, plan_id: int, data: pe.PlanHeaderInput,
                     on_error: Reporter) -> StepCommand:
    before: list[pe.PlanHeaderInput] = []

    def do(session: Session) -> None:
        if not before:
            before.append(pe.stored_plan_header(session, plan_id))
        pe.update_plan_header(session, plan_id, data)

    def undo(session: Session) -> None:
        pe.update_plan_header(session, plan_id, before[0])

    return _command(context, _("Edit the plan"), do, undo, (PLAN,), on_error)


# --- reporting calendar --------------------------------------------------------------------
def add_period(context: WorkspaceContext, data: cal.PeriodInput,
               on_error: Reporter) -> StepCommand:
    state: dict[str, int | None] = {"id": None}

    def do(session: Session) -> None:
        state["id"] = cal.add_period(session, data, item_id=state["id"]).id

    def undo(session: Session) -> None:
        cal.delete_period(session, _added_id(state))

    return _command(context, _("Add period {code}").format(code=data.code), do, undo,
                    (PERIODS,), on_error, state)


def edit_period(context: WorkspaceContext, period_id: int, data: cal.PeriodInput,
                on_error: Reporter) -> StepCommand:
    before: list[cal.PeriodInput] = []

    def do(session: Session) -> None:
        if not before:
            before.append(cal.stored_period_input(session, period_id))
        cal.update_period(session, period_id, data)

    def undo(session: Session) -> None:
        cal.update_period(session, period_id, before[0])

    return _command(context, _("Edit period {code}").format(code=data.code), do, undo,
                    (PERIODS,), on_error)


def delete_period(context: WorkspaceContext, period_id: int, on_error: Reporter) -> StepCommand:
    saved: list[cal.PeriodInput] = []

    def do(session: Session) -> None:
        saved[:] = [cal.stored_period_input(session, period_id)]
        cal.delete_period(session, period_id)

    def undo(session: Session) -> None:
        cal.add_period(session, saved[0], item_id=period_id)

    return _command(context, _("Delete a period"), do, undo, (PERIODS,), on_error)


# --- memberships ---------------------------------------------------------------------------
def add_membership(context: WorkspaceContext, data: ms.MembershipInput,
                   on_error: Reporter) -> StepCommand:
    state: dict[str, int | None] = {"id": None}

    def do(session: Session) -> None:
        state["id"] = ms.add_membership(session, data, item_id=state["id"]).id

    def undo(session: Session) -> None:
        ms.delete_membership(session, _added_id(state))

    return _command(context, _("Add a membership"), do, undo, (MEMBERSHIPS,), on_error)


def correct_membership(context: WorkspaceContext, membership_id: int, data: ms.MembershipInput,
                       on_error: Reporter) -> StepCommand:
    before: list[ms.MembershipInput] = []

    def do(session: Session) -> None:
        if not before:
            before.append(ms.stored_membership_input(session, membership_id))
        ms.update_membership(session, membership_id, data)

    def undo(session: Session) -> None:
        ms.update_membership(session, membership_id, before[0])

    return _command(context, _("Correct a membership"), do, undo, (MEMBERSHIPS,), on_error)


def change_role(context: WorkspaceContext, data: ms.MembershipInput,
                on_error: Reporter) -> StepCommand:
    """A new role from a date: the current membership ends the day before (history is kept)."""
    state: dict[str, Any] = {}

    def do(session: Session) -> None:
        new, closed, previous_end = ms.change_role(session, data.country_code, data.role,
                                                   data.valid_from, data.note)
        state.update(new=new.id, closed=closed.id if closed else None, end=previous_end)

    def undo(session: Session) -> None:
        ms.delete_membership(session, state["new"])
        if state["closed"] is not None:
            ms.end_membership(session, state["closed"], state["end"])

    return _command(context, _("Change a country's role"), do, undo, (MEMBERSHIPS,), on_error)


# --- submissions ---------------------------------------------------------------------------
def acknowledge(context: WorkspaceContext, submission_id: int, note: str,
                on_error: Reporter, now: dt.datetime | None = None) -> StepCommand:
    before: list[ack.AcknowledgementState] = []

    def do(session: Session) -> None:
        previous = ack.acknowledge(session, submission_id, note, now)
        if not before:
            before.append(previous)

    def undo(session: Session) -> None:
        ack.restore_acknowledgement(session, submission_id, before[0])

    return _command(context, _("Acknowledge a submission"), do, undo, (SUBMISSIONS,), on_error)
