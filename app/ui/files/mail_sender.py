"""Hand an e-mail with its attachment to the user's mail program, the way each system allows.

Windows: Simple MAPI (`MAPISendMailW` through ctypes), which Outlook, Thunderbird and most mail
programs answer with a new message window, the file attached. Linux: `xdg-email --attach`.
macOS: Mail, through `open -a Mail` (the file becomes the new message's attachment). Where none of
these works, a ready `.eml` draft is written beside the file and shown in its folder. Nothing here
talks to a network: the mail program sends, when the user presses Send.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.reports.mail.eml import write_eml
from app.reports.mail.message import OutgoingMail


@dataclass(frozen=True)
class Handoff:
    """How the message left: `via` is "mapi", "xdg-email", "mail-app" or "eml" (then `draft`)."""

    via: str
    draft: Path | None = None


#: A way to open a mail program with the message: returns True when the program took it.
Launcher = Callable[[OutgoingMail], bool]


def send_with_mapi(mail: OutgoingMail) -> bool:  # pragma: no cover - Windows only
    """Simple MAPI's MAPISendMailW with MAPI_DIALOG: the mail program shows the new message."""
    import ctypes
    from ctypes import wintypes

    class Recipient(ctypes.Structure):
        _fields_ = [("ulReserved", wintypes.ULONG), ("ulRecipClass", wintypes.ULONG),
                    ("lpszName", wintypes.LPWSTR), ("lpszAddress", wintypes.LPWSTR),
                    ("ulEIDSize", wintypes.ULONG), ("lpEntryID", ctypes.c_void_p)]

    class FileDesc(ctypes.Structure):
        _fields_ = [("ulReserved", wintypes.ULONG), ("flFlags", wintypes.ULONG),
                    ("nPosition", wintypes.ULONG), ("lpszPathName", wintypes.LPWSTR),
                    ("lpszFileName", wintypes.LPWSTR), ("lpFileType", ctypes.c_void_p)]

    class Message(ctypes.Structure):
        _fields_ = [("ulReserved", wintypes.ULONG), ("lpszSubject", wintypes.LPWSTR),
                    ("lpszNoteText", wintypes.LPWSTR), ("lpszMessageType", wintypes.LPWSTR),
                    ("lpszDateReceived", wintypes.LPWSTR), ("lpszConversationID", wintypes.LPWSTR),
                    ("flFlags", wintypes.ULONG), ("lpOriginator", ctypes.c_void_p),
                    ("nRecipCount", wintypes.ULONG), ("lpRecips", ctypes.POINTER(Recipient)),
                    ("nFileCount", wintypes.ULONG), ("lpFiles", ctypes.POINTER(FileDesc))]

    mapi_to, mapi_logon_ui, mapi_dialog, success, user_abort = 1, 0x1, 0x8, 0, 1
    win_dll = vars(ctypes).get("WinDLL")  # Windows only; looked up so other systems type-check
    if win_dll is None:
        return False
    try:
        library = win_dll("mapi32.dll")
        send = library.MAPISendMailW
    except (OSError, AttributeError):
        return False
    send.restype = wintypes.ULONG
    recipients = (Recipient * 1)()
    count = 0
    if mail.to:
        recipients[0] = Recipient(0, mapi_to, mail.to, f"SMTP:{mail.to}", 0, None)
        count = 1
    files = (FileDesc * len(mail.attachments))()
    for index, path in enumerate(mail.attachments):
        files[index] = FileDesc(0, 0, 0xFFFFFFFF, str(path), path.name, None)
    message = Message(0, mail.subject, mail.body.replace("\n", "\r\n"), None, None, None, 0, None,
                      count, recipients if count else None, len(mail.attachments), files)
    result = send(0, 0, ctypes.byref(message), mapi_dialog | mapi_logon_ui, 0)
    return result in (success, user_abort)  # the user closing the new message is their choice


def send_with_xdg_email(mail: OutgoingMail) -> bool:
    """freedesktop's xdg-email: the desktop's mail program opens a new message."""
    program = shutil.which("xdg-email")
    if program is None:
        return False
    command = [program, "--utf8", "--subject", mail.subject, "--body", mail.body]
    for path in mail.attachments:
        command += ["--attach", str(path)]
    if mail.to:
        command.append(mail.to)
    try:
        return subprocess.run(command, check=False, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def send_with_mail_app(mail: OutgoingMail) -> bool:  # pragma: no cover - macOS only
    """macOS Mail: `open -a Mail <file>` starts a new message with the file attached (the
    subject, body and address are typed there; the message is in the clipboard-free .eml too)."""
    try:
        return subprocess.run(["open", "-a", "Mail", *map(str, mail.attachments)],
                              check=False, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def system_launchers() -> list[tuple[str, Launcher]]:
    if sys.platform == "win32":
        return [("mapi", send_with_mapi)]
    if sys.platform == "darwin":
        return [("mail-app", send_with_mail_app)]
    return [("xdg-email", send_with_xdg_email)]


def hand_to_mail_program(mail: OutgoingMail, sender: str = "",
                         launchers: list[tuple[str, Launcher]] | None = None) -> Handoff:
    """Try the system's mail program; else write a `.eml` draft beside the first attachment."""
    for name, launch in system_launchers() if launchers is None else launchers:
        if launch(mail):
            return Handoff(name)
    folder = mail.attachments[0].parent if mail.attachments else Path.home()
    return Handoff("eml", write_eml(mail, folder, sender))
