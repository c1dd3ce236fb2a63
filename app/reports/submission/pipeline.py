"""Import a submission workbook: `read_submission` → `preview` → `apply` (or nothing).

The three steps are separate so that a caller shows the preview between them: the desktop app in a
dialog, the command line as text, the secretariat's batch import in its summary.
"""

from __future__ import annotations

from app.reports.submission.apply import ApplyResult, apply
from app.reports.submission.preview import Preview, preview
from app.reports.submission.read import ParsedSubmission, read_submission
from app.reports.xlsx.cell_ref import CellError, CellRef

__all__ = ["ApplyResult", "CellError", "CellRef", "ParsedSubmission", "Preview", "apply", "preview",
           "read_submission"]
