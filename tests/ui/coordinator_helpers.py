"""Helpers for the coordinator workspace's widget tests."""

from __future__ import annotations

from sqlalchemy import func, select

from app.models.orm import ChangeLog, Commitment, ProgressUpdate
from app.models.services.reporting import periods as period_service
from app.models.services.reporting.progress import get_update, progress_input
from app.ui.shell.main_window import MainWindow


def open_window(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def period_id(db, code="2026-H2") -> int:
    with db.reading() as s:
        return period_service.period_by_code(s, code).id


def stored_progress(db, commitment_id, period):
    with db.reading() as s:
        return progress_input(get_update(s, commitment_id, period))


def count(db, model, *where) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def commitments(db) -> int:
    return count(db, Commitment)


def updates_in(db, period) -> int:
    return count(db, ProgressUpdate, ProgressUpdate.period_id == period)


def log_rows(db, entity) -> int:
    return count(db, ChangeLog, ChangeLog.entity == entity)
