"""Why a workbook was refused or could not be written, in the user's language."""

from __future__ import annotations

from app.i18n import _, ngettext
from app.models.errors import PathError, UserFacingError


class WorkbookRefusedError(UserFacingError):
    """The file is not read at all (or not further): hostile, damaged, or not meant for this workspace.

    `reason` is a stable machine word (tests and the secretariat's batch summary use it);
    `text` is the message already in the user's language.
    """

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(reason, text)
        self.reason = reason
        self.text = text

    def message(self) -> str:
        return self.text


class ExportFailedError(PathError):
    def message(self) -> str:
        return _("The workbook could not be written to {path} ({detail}). Nothing was changed; check "
                 "that the folder exists, that you may write to it and that the disk is not full."
                 ).format(path=self.path, detail=self.detail)


class StalePreviewError(UserFacingError):
    def message(self) -> str:
        return _("The workspace changed after the preview was made. Nothing was applied; "
                 "import the workbook again to see a fresh preview.")


class PreviewHasErrorsError(UserFacingError):
    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count

    def message(self) -> str:
        return ngettext("The workbook has {count} error; nothing was applied. Correct it in the "
                        "workbook and import it again.",
                        "The workbook has {count} errors; nothing was applied. Correct them in the "
                        "workbook and import it again.", self.count).format(count=self.count)
