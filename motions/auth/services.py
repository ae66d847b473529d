"""Logging in: password checks, and a pause after repeated failures for one address."""

from datetime import timedelta

from sqlalchemy import func

from motions.extensions import db
from motions.models import AuditEvent, User
from motions.models.base import utcnow
from motions.services import RuleError, record

MAX_FAILURES = 10
FAILURE_WINDOW = timedelta(minutes=15)


def authenticate(email: str, password: str) -> User:
    """The account for these credentials; RuleError (401, or 429 after too many failures)."""
    email = email.strip().lower()
    if _recent_failures(email) >= MAX_FAILURES:
        raise RuleError(f"Too many failed attempts for {email}: wait "
                        f"{FAILURE_WINDOW.seconds // 60} minutes and try again.", status=429)
    user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none()
    if user is None or not user.active or not user.check_password(password):
        # Kept, not rolled back: the failures are what the pause is counted from.
        record("login failed", "user", user.id if user else None, email)
        db.session.commit()
        raise RuleError("That e-mail and password do not match an account.", status=401)
    return user


def _recent_failures(email: str) -> int:
    return db.session.execute(
        db.select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "login failed", AuditEvent.detail == email,
            AuditEvent.at >= utcnow() - FAILURE_WINDOW)
    ).scalar_one()


def change_password(user: User, current: str, new: str, again: str) -> None:
    if not user.check_password(current):
        raise RuleError("The current password is not right; nothing was changed.", status=403)
    if new != again:
        raise RuleError("The two new passwords differ; nothing was changed.")
    user.set_password(new)
    record("changed password", "user", user.id)
