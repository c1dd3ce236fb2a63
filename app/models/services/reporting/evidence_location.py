"""Whether the app may open an evidence location, and how: the decision, without Qt.

An evidence location is text a person typed or a received workbook carried, so it is untrusted:
handed to the desktop shell as it is, `file:///usr/bin/xterm`, `javascript:…`, `C:\\…\\cmd.exe` or
a UNC path to an .exe on someone's server would be launched. Here a web address opens (after the
user has seen it in full), a local document opens only if its type is a document's (after the user
has seen its full path), and everything else is never opened: the user is shown the location to
copy. Windows paths are judged as Windows would read them, on any system.
"""

from __future__ import annotations

import enum
import re
import sys
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from urllib.parse import unquote, urlsplit

from app.i18n import _

#: Documents, spreadsheets, presentations, pictures and plain text: what evidence is.
DOCUMENT_SUFFIXES = frozenset({
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".csv",
    ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp",
    ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp",
})
#: Characters that reorder or hide text: `report\u202efdp.exe` shows as `reportexe.pdf`.
HIDDEN = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_WEB_SCHEMES = ("http", "https")


class Action(enum.StrEnum):
    WEB = "web"  # open the address in the browser, after showing it
    DOCUMENT = "document"  # open the local file with its program, after showing its path
    REFUSED = "refused"  # never opened: the location is shown to copy


class Refusal(enum.StrEnum):
    EMPTY = "empty"
    HIDDEN_CHARACTERS = "hidden_characters"
    NETWORK = "network"
    SCHEME = "scheme"
    FILE_TYPE = "file_type"
    RELATIVE = "relative"


@dataclass(frozen=True)
class Decision:
    action: Action
    #: The address (WEB) or the full local path (DOCUMENT); the location as given when refused.
    target: str
    refusal: Refusal | None = None

    def explanation(self) -> str:
        """Why the app does not open it, in the user's language ("" when it does)."""
        texts = {
            Refusal.EMPTY: _("No file or link is given."),
            Refusal.HIDDEN_CHARACTERS: _(
                "The location contains invisible characters that can disguise a program as a "
                "document, so the app does not open it."),
            Refusal.NETWORK: _("The location is on another computer of the network; the app does "
                               "not open files from there."),
            Refusal.SCHEME: _("The app opens only web addresses (http, https) and documents on "
                              "this computer."),
            Refusal.FILE_TYPE: _("This is not a document (PDF, office file, picture or text): "
                                 "the app never opens programs, scripts or shortcuts."),
            Refusal.RELATIVE: _("The location is not a full path, so it cannot be told which file "
                                "it means."),
        }
        return texts[self.refusal] if self.refusal else ""


def _refused(location: str, why: Refusal) -> Decision:
    return Decision(Action.REFUSED, location, why)


def decide(location: str, *, windows: bool | None = None) -> Decision:
    """What to do with an evidence location; `windows` judges paths as Windows does (default: here).

    A refusal carries the location exactly as given, for the user to copy.
    """
    decision = _decide(location, sys.platform == "win32" if windows is None else windows)
    if decision.action == Action.REFUSED:
        return Decision(Action.REFUSED, location, decision.refusal)
    return decision


def _decide(location: str, windows: bool) -> Decision:
    text = location.strip()
    if not text:
        return _refused(location, Refusal.EMPTY)
    if HIDDEN.search(text) or any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in text):
        return _refused(location, Refusal.HIDDEN_CHARACTERS)
    if text.startswith(("\\\\", "//")) or (windows and text.startswith(("\\/", "/\\"))):
        return _refused(location, Refusal.NETWORK)
    scheme = _SCHEME.match(text)
    is_drive = scheme is not None and len(scheme.group(1)) == 1  # C:\… or C:/…
    if scheme is not None and not is_drive:
        return _url(text, scheme.group(1).lower(), windows)
    return _local(text, windows or is_drive or "\\" in text)


def _url(text: str, scheme: str, windows: bool) -> Decision:
    if scheme in _WEB_SCHEMES:
        parts = urlsplit(text)
        if not parts.hostname:
            return _refused(text, Refusal.SCHEME)
        return Decision(Action.WEB, text)
    if scheme != "file":
        return _refused(text, Refusal.SCHEME)
    parts = urlsplit(text)
    if parts.netloc and parts.netloc.lower() != "localhost":
        return _refused(text, Refusal.NETWORK)
    path = unquote(parts.path)
    if re.match(r"^/[A-Za-z]:[/\\]", path):  # file:///C:/…
        path = path[1:]
    if HIDDEN.search(path) or "\0" in path:
        return _refused(text, Refusal.HIDDEN_CHARACTERS)
    if path.startswith(("//", "\\\\")):
        return _refused(text, Refusal.NETWORK)
    return _local(path, windows or re.match(r"^[A-Za-z]:", path) is not None)


def _local(text: str, windows: bool) -> Decision:
    path: PurePath = PureWindowsPath(text) if windows else PurePosixPath(text)
    if isinstance(path, PureWindowsPath):
        if path.anchor.startswith("\\\\"):
            return _refused(text, Refusal.NETWORK)
        if not path.drive or not path.root:
            return _refused(text, Refusal.RELATIVE)
        if ":" in path.as_posix()[2:]:  # an alternate data stream: report.pdf:payload.exe
            return _refused(text, Refusal.FILE_TYPE)
        # Windows drops trailing dots and spaces: "report.exe. " opens report.exe.
        name = path.name.rstrip(". ")
    else:
        if not path.is_absolute():
            return _refused(text, Refusal.RELATIVE)
        name = path.name
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES or name != path.name:
        return _refused(text, Refusal.FILE_TYPE)
    return Decision(Action.DOCUMENT, str(path))
