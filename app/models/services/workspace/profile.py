"""Create a workspace and read its profile."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import LANGUAGES, _
from app.models.errors import ValidationError
from app.models.orm.enums import WorkspaceRole
from app.models.orm.reference import Country
from app.models.orm.workspace import WorkspaceProfile
from app.models.services.keys.own import own_key
from app.models.services.workspace.refdata import add_shipped_translations, load_reference_data
from app.models.storage.database import Database, open_database

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: The address every demo workspace is kept under: how a window knows it shows invented data.
DEMO_EMAIL = "demo@example.org"


@dataclass(frozen=True)
class ProfileInput:
    role: WorkspaceRole
    country_code: str | None
    coordinator_name: str
    ministry: str = ""
    email: str = ""
    language: str = "en"


def validate_profile(session: Session, data: ProfileInput) -> None:
    """Raise ValidationError naming the field at fault."""
    if data.role == WorkspaceRole.COORDINATOR:
        if not data.country_code:
            raise ValidationError(_("Choose the country you coordinate for."), "country")
        if session.get(Country, data.country_code) is None:
            raise ValidationError(_("Unknown country code: {code}").format(code=data.country_code),
                                  "country")
    if not data.coordinator_name.strip():
        raise ValidationError(_("Enter the name of the person who keeps this workspace."), "name")
    if data.email.strip() and not _EMAIL.match(data.email.strip()):
        raise ValidationError(_("This does not look like an e-mail address."), "email")
    if data.language not in LANGUAGES:
        raise ValidationError(_("Unknown language: {code}").format(code=data.language), "language")


def is_demo(profile: WorkspaceProfile) -> bool:
    """A demo workspace (invented data), which must never pass for a real one."""
    return profile.email == DEMO_EMAIL


def get_profile(session: Session) -> WorkspaceProfile | None:
    return session.scalar(select(WorkspaceProfile))


def initialise(db: Database, data: ProfileInput, today: dt.date | None = None) -> WorkspaceProfile:
    """Load reference data and write the profile, in one transaction."""
    with db.transaction(actor=data.coordinator_name or "system") as session:
        load_reference_data(session, today, data.language)
        validate_profile(session, data)
        profile = get_profile(session) or WorkspaceProfile(id=1)
        profile.role = data.role
        profile.country_code = data.country_code if data.role == WorkspaceRole.COORDINATOR else None
        profile.coordinator_name = data.coordinator_name.strip()
        profile.ministry = data.ministry.strip()
        profile.email = data.email.strip()
        profile.language = data.language
        session.add(profile)
        own_key(session)  # every workspace signs what it exports
    db.actor = profile.coordinator_name
    return profile


def create_workspace(path: Path, data: ProfileInput, today: dt.date | None = None) -> Database:
    """Open or create the database at `path` and set it up as the given workspace."""
    db = open_database(path)
    try:
        initialise(db, data, today)
    except Exception:
        db.close()
        raise
    return db


def profile_of(db: Database) -> WorkspaceProfile | None:
    with db.reading() as session:
        profile = get_profile(session)
    if profile is not None:
        db.actor = profile.coordinator_name
    return profile


def refresh_shipped_translations(db: Database) -> int:
    """Add the languages this version ships to an existing workspace's untouched reference texts
    (`refdata.add_shipped_translations`), in one transaction; how many texts gained languages."""
    with db.transaction(actor="system") as session:
        return add_shipped_translations(session)


@dataclass(frozen=True)
class DetailsInput:
    """What the keeper of a workspace may change after the first run (not its role or country)."""

    coordinator_name: str
    ministry: str = ""
    email: str = ""
    language: str = "en"


def update_details(db: Database, data: DetailsInput) -> WorkspaceProfile:
    """Change the keeper's details in one transaction; the change log records each field.

    The next export prints them on its cover (they are read from the profile at export time).
    """
    with db.transaction() as session:
        profile = get_profile(session)
        if profile is None:
            raise ValidationError(_("This workspace has not been set up yet."), "name")
        validate_profile(session, ProfileInput(
            role=profile.role, country_code=profile.country_code,
            coordinator_name=data.coordinator_name, ministry=data.ministry, email=data.email,
            language=data.language))
        profile.coordinator_name = data.coordinator_name.strip()
        profile.ministry = data.ministry.strip()
        profile.email = data.email.strip()
        profile.language = data.language
    db.actor = profile.coordinator_name
    return profile
