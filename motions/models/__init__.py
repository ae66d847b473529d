"""Typed SQLAlchemy 2 models of the application."""

from motions.models.audit import AuditEvent
from motions.models.composites import (
    Composite,
    CompositeStatus,
    CompositeVersion,
    IfCarried,
    IfLost,
)
from motions.models.conference import Conference, DelegateBand, Heading, Organisation
from motions.models.submissions import (
    AmendmentReading,
    Ruling,
    Submission,
    SubmissionKind,
    SubmissionRuling,
    SubmissionVersion,
)
from motions.models.users import Role, User
from motions.models.voting import VotingAction, VotingSession

__all__ = [
    "AmendmentReading",
    "AuditEvent",
    "Composite",
    "CompositeStatus",
    "CompositeVersion",
    "Conference",
    "DelegateBand",
    "Heading",
    "IfCarried",
    "IfLost",
    "Organisation",
    "Role",
    "Ruling",
    "Submission",
    "SubmissionKind",
    "SubmissionRuling",
    "SubmissionVersion",
    "User",
    "VotingAction",
    "VotingSession",
]
