"""The closed vocabularies of the domain, with their user-visible labels (translated when shown)."""

from __future__ import annotations

import enum

from app.i18n import N_, _, translate_in


class WorkspaceRole(enum.StrEnum):
    COORDINATOR = "coordinator"
    SECRETARIAT = "secretariat"


class MembershipRole(enum.StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"
    GUEST = "guest"
    PARTNER = "partner_organisation"


class IndicatorKind(enum.StrEnum):
    NUMBER = "number"
    PERCENT = "percent"
    YES_NO = "yes_no"
    TEXT = "text"


class Direction(enum.StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"


class Priority(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ProgressStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    DELAYED = "delayed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class SubmissionState(enum.StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    EXPORTED = "exported"
    ACKNOWLEDGED = "acknowledged"


class MeetingKind(enum.StrEnum):
    COORDINATORS = "coordinators"
    SENIOR_OFFICIALS = "senior_officials"
    MINISTERIAL = "ministerial"


class FollowUpStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


_LABELS: dict[enum.Enum, str] = {
    WorkspaceRole.COORDINATOR: N_("National coordinator"),
    WorkspaceRole.SECRETARIAT: N_("Secretariat"),
    MembershipRole.MEMBER: N_("Member"),
    MembershipRole.OBSERVER: N_("Observer"),
    MembershipRole.GUEST: N_("Invited state"),
    MembershipRole.PARTNER: N_("Partner organisation"),
    IndicatorKind.NUMBER: N_("Number"),
    IndicatorKind.PERCENT: N_("Percent"),
    IndicatorKind.YES_NO: N_("Yes/no"),
    IndicatorKind.TEXT: N_("Text"),
    Direction.INCREASE: N_("Increase"),
    Direction.DECREASE: N_("Decrease"),
    Direction.MAINTAIN: N_("Maintain"),
    Priority.HIGH: N_("High"),
    Priority.MEDIUM: N_("Medium"),
    Priority.LOW: N_("Low"),
    ProgressStatus.NOT_STARTED: N_("Not started"),
    ProgressStatus.ON_TRACK: N_("On track"),
    ProgressStatus.DELAYED: N_("Delayed"),
    ProgressStatus.COMPLETED: N_("Completed"),
    ProgressStatus.CANCELLED: N_("Cancelled"),
    SubmissionState.DRAFT: N_("Draft"),
    SubmissionState.APPROVED: N_("Internally approved"),
    SubmissionState.EXPORTED: N_("Exported"),
    SubmissionState.ACKNOWLEDGED: N_("Acknowledged"),
    MeetingKind.COORDINATORS: N_("National coordinators' meeting"),
    MeetingKind.SENIOR_OFFICIALS: N_("Senior officials' meeting"),
    MeetingKind.MINISTERIAL: N_("Ministerial conference"),
    FollowUpStatus.NOT_STARTED: N_("Not started"),
    FollowUpStatus.IN_PROGRESS: N_("In progress"),
    FollowUpStatus.DONE: N_("Done"),
    FollowUpStatus.NOT_APPLICABLE: N_("Not applicable"),
}


def label(member: enum.Enum) -> str:
    """The member's label in the current interface language."""
    return _(_LABELS[member])


def label_in(member: enum.Enum, language: str) -> str:
    """The member's label in a given language (e.g. a workbook's), leaving the interface as it is."""
    return translate_in(language, _LABELS[member])
