"""`init`: create a workspace without the first-run dialog."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CommandError, add_db_argument, create_new
from app.i18n import LANGUAGES, _
from app.models.orm.enums import WorkspaceRole
from app.models.services.workspace.profile import ProfileInput, create_workspace, profile_of
from app.models.storage.database import open_database


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("init", help="create a workspace")
    add_db_argument(parser)
    parser.add_argument("--role", choices=[r.value for r in WorkspaceRole], required=True)
    parser.add_argument("--country", help="ISO code of the coordinator's country (e.g. KZ)")
    parser.add_argument("--lang", choices=list(LANGUAGES), default="en")
    parser.add_argument("--name", required=True, help="name of the person keeping the workspace")
    parser.add_argument("--ministry", default="")
    parser.add_argument("--email", default="")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return create_new(args, _run)


def _run(args: argparse.Namespace, path: Path) -> int:
    role = WorkspaceRole(args.role)
    if role == WorkspaceRole.COORDINATOR and not args.country:
        raise CommandError(_("A coordinator workspace needs --country (e.g. --country KZ)."))
    if path.exists():
        existing = open_database(path)
        try:
            if profile_of(existing) is not None:
                raise CommandError(_("{path} already holds a workspace; choose another --db.").format(
                    path=path))
        finally:
            existing.close()
    db = create_workspace(path, ProfileInput(
        role=role, country_code=(args.country or "").upper() or None, coordinator_name=args.name,
        ministry=args.ministry, email=args.email, language=args.lang,
    ))
    db.close()
    print(_("Workspace created: {path}").format(path=path))
    return 0
