"""Typed SQLAlchemy 2 models of the application."""

from motions.models.audit import AuditEvent
from motions.models.conference import Conference, DelegateBand, Heading, Organisation
from motions.models.submissions import Ruling, Submission, SubmissionKind, SubmissionVersion
from motions.models.users import Role, User

__all__ = [
    "AuditEvent",
    "Conference",
    "DelegateBand",
    "Heading",
    "Organisation",
    "Role",
    "Ruling",
    "Submission",
    "SubmissionKind",
    "SubmissionVersion",
    "User",
]
