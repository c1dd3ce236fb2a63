"""`backup` and `restore`: verified copies of a workspace, and the way back to one."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CommandError, add_db_argument, database_path, hold_workspace
from app.i18n import _
from app.i18n.formats import format_datetime, format_size
from app.models.errors import DatabaseDamagedError
from app.models.services.workspace.backups import back_up as make_backup
from app.models.services.workspace.backups import (
    backups,
    newest_good_backup,
    reason_label,
    restore_closed,
)
from app.models.storage.database import open_database

NEWEST = "newest"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = subparsers.add_parser(
        "backup", help="write a verified backup of a workspace (safe while the app has it open)")
    add_db_argument(backup)
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    backup.set_defaults(run=run_backup)
    restore = subparsers.add_parser(
        "restore", help="replace a workspace with a backup (the current state is backed up first)")
    add_db_argument(restore)
    restore.add_argument("backup", help=f"backup file to restore, or '{NEWEST}' for the newest "
                                        "intact one")
    restore.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    path = database_path(args).resolve()
    if not path.exists():
        raise CommandError(_("There is no workspace at {path}.").format(path=path))
    if args.list:
        for info in backups(path):
            print(f"{format_datetime(info.made_at)}\t{format_size(info.size)}\t"
                  f"{reason_label(info.reason)}\t{info.path}")
        return 0
    info = make_backup(path)
    print(_("Backup written and verified: {file} ({size})").format(
        file=info.path, size=format_size(info.size)))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = database_path(args).resolve()
    with hold_workspace(path):
        if args.backup == NEWEST:
            newest = newest_good_backup(path)
            if newest is None:
                raise CommandError(_("There is no intact backup of {path}.").format(path=path))
            source = newest.path
        else:
            source = Path(args.backup).resolve()
            if not source.is_file():
                raise CommandError(_("There is no backup file {file}.").format(file=source))
        outcome = restore_closed(path, source)
        open_database(path).close()  # brings an older backup's schema up to date, and checks it
    print(_("Restored {path} from {file}.").format(path=path, file=source))
    if outcome.before is not None:
        print(_("The state before the restore is kept in {file}.").format(file=outcome.before.path))
    if outcome.moved_aside is not None:
        print(_("The damaged database was kept as {file}.").format(file=outcome.moved_aside))
    return 0


def damaged_hint(error: DatabaseDamagedError) -> str:
    """What to type next when a command meets a damaged workspace."""
    return _("To put the newest intact backup in its place (the damaged file is kept), run:\n"
             "  main.py restore --db \"{path}\" {newest}").format(path=error.path, newest=NEWEST)
