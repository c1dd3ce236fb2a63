"""`key`: the workspace's signing key: its fingerprint, the keys it trusts, and moving it.

`key export FILE` writes the key protected by a passphrase (for a new laptop); `key import FILE`
makes the key in FILE this workspace's, so the secretariat keeps recognising its files. The
passphrase is read from --passphrase-file, or asked for without echo.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from app.cli.common import CommandError, add_db_argument, held_workspace
from app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "key", help="show, export or import the workspace's signing key")
    add_db_argument(parser)
    parser.add_argument("action", choices=["show", "export", "import"])
    parser.add_argument("file", nargs="?", type=Path, help="key file to write or read")
    parser.add_argument("--passphrase-file", type=Path,
                        help="read the passphrase from this file's first line")
    parser.set_defaults(run=run)


def _passphrase(args: argparse.Namespace, twice: bool) -> str:
    if args.passphrase_file is not None:
        try:
            return args.passphrase_file.read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError) as exc:
            raise CommandError(_("The passphrase file could not be read.")) from exc
    first = getpass.getpass(_("Passphrase: "))
    if twice and getpass.getpass(_("The same passphrase again: ")) != first:
        raise CommandError(_("The two passphrases differ."))
    return first


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: every start of the app imports app.cli.
    from app.models.services.keys.fingerprint import fingerprint
    from app.models.services.keys.key_file import export_key, import_key
    from app.models.services.keys.own import own_fingerprint
    from app.models.services.keys.pins import pinned_keys

    if args.action != "show" and args.file is None:
        raise CommandError(_("Name the key file."))
    with held_workspace(args) as db:
        if args.action == "export":
            with db.reading() as session:
                path = export_key(session, args.file, _passphrase(args, twice=True))
            print(_("Key written to {path}. Keep it and its passphrase apart.").format(
                path=path))
        elif args.action == "import":
            passphrase = _passphrase(args, twice=False)
            with db.transaction() as session:
                import_key(session, args.file, passphrase)
        with db.transaction() as session:
            print(_("This workspace signs with the key {fingerprint}.").format(
                fingerprint=own_fingerprint(session)))
            for pinned in pinned_keys(session):
                print(_("Trusted for {party}: {fingerprint}").format(
                    party=pinned.party, fingerprint=fingerprint(pinned.public_key)))
    return 0
