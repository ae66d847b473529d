"""What logging in keeps: each login session (so it can end), and the counts behind the pause."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from motions.extensions import db
from motions.models import User
from motions.models.base import UTCDateTime, utcnow


class LoginSession(db.Model):
    """One login: the browser holds its token (in the session cookie, and in the "keep me
    logged in" cookie when asked for); the server keeps only a hash of it. It ends at logout,
    at its expiry, or when the account's password changes (the stamp no longer matches)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    password_stamp: Mapped[str] = mapped_column(String(64))
    remember: Mapped[bool] = mapped_column(default=False)
    client: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_why: Mapped[str] = mapped_column(String(40), default="")

    user: Mapped[User] = relationship()


class LoginThrottle(db.Model):
    """Attempts against one key ("account:<e-mail>", "client:<address>", "browser:<nonce>",
    "password:<user id>") in the window that began at `window_start`: failures, plus checks
    in flight. One row per key, changed by single atomic statements, never one row per guess."""

    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    attempts: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime)
