"""`demo`: create a demo workspace full of generated data."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CommandError, add_db_argument, create_new
from app.demo.generator import SIZES, create_demo_workspace
from app.i18n import LANGUAGES, _
from app.models.orm.enums import WorkspaceRole


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo", help="create a demo workspace with generated data")
    add_db_argument(parser)
    parser.add_argument("--role", choices=[r.value for r in WorkspaceRole], default="coordinator")
    parser.add_argument("--country", default="KZ")
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lang", choices=list(LANGUAGES), default="en")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return create_new(args, _run)


def _run(args: argparse.Namespace, path: Path) -> int:
    if path.exists():
        raise CommandError(_("{path} exists already; the demo needs a new file.").format(path=path))
    db = create_demo_workspace(
        path, role=WorkspaceRole(args.role), country=args.country.upper(), size=args.size,
        seed=args.seed, language=args.lang,
    )
    db.close()
    print(_("Demo workspace created: {path}").format(path=path))
    return 0
