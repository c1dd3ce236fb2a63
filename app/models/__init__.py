"""The data layer: SQLAlchemy models, migrations, and the service functions the UI calls. No Qt."""

from app.models.base import Base
from app.models.decisions import Decision, DecisionFollowUp, Meeting
from app.models.plan import Action, Indicator, Objective, Plan, PlanCodeMapping
from app.models.reference import ChairTerm, Country, Membership
from app.models.reporting import (
    Commitment,
    EvidenceReference,
    IndicatorValue,
    ProgressUpdate,
    ReportingPeriod,
    Submission,
)
from app.models.workspace import ChangeLog, WorkspaceProfile

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
    "Plan",
    "PlanCodeMapping",
    "ProgressUpdate",
    "ReportingPeriod",
    "Submission",
    "WorkspaceProfile",
]
