"""File → My submissions… lists the coordinator's exports."""

from __future__ import annotations

from app.reports.submission.export import export_submission
from app.ui.shell.main_window import MainWindow


def test_my_submissions_dialog_lists_the_export(qtbot, context, tmp_path):
    export_submission(context.db, "KZ", "2026-H2", "en", tmp_path)
    window = MainWindow(context)
    qtbot.addWidget(window)
    actions = window.submission_actions
    assert actions.my_submissions_action.isVisible()
    dialog = actions.show_my_submissions()
    qtbot.addWidget(dialog)
    model = dialog.model
    shown = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert ["2026-H2", 1, "Exported"] in shown
