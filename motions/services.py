"""Shared service helpers: audit records and the error that business rules raise."""

from flask_login import current_user

from motions.extensions import db
from motions.models import AuditEvent


class RuleError(Exception):
    """A business rule refused the request; the message is shown to the user as it is."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


def record(action: str, subject: str, subject_id: int | None, detail: str = "") -> None:
    user_id = current_user.id if current_user and current_user.is_authenticated else None
    db.session.add(
        AuditEvent(user_id=user_id, action=action, subject=subject, subject_id=subject_id,
                   detail=detail)
    )
