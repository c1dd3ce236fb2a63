"""The tables of a workspace, as typed SQLAlchemy models (imported together so metadata is whole). No Qt."""

from app.models.orm.base import Base
from app.models.orm.decisions import Decision, DecisionFollowUp, Meeting
from app.models.orm.keys import PinnedKey, SigningKey
from app.models.orm.plan import Action, Indicator, Objective, Plan, PlanCodeMapping
from app.models.orm.reference import ChairTerm, Country, Membership
from app.models.orm.reporting import (
    Commitment,
    EvidenceReference,
    IndicatorValue,
    ProgressUpdate,
    ReportingPeriod,
    Submission,
)
from app.models.orm.workspace import ChangeLog, WorkspaceProfile

__all__ = [
    "Action",
    "Base",
    "ChairTerm",
    "ChangeLog",
    "Commitment",
    "Country",
    "Decision",
    "DecisionFollowUp",
    "EvidenceReference",
    "Indicator",
    "IndicatorValue",
    "Meeting",
    "Membership",
    "Objective",
    "PinnedKey",
    "Plan",
    "PlanCodeMapping",
    "ProgressUpdate",
    "ReportingPeriod",
    "SigningKey",
    "Submission",
    "WorkspaceProfile",
]
