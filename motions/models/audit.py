from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from motions.extensions import db
from motions.models.base import UTCDateTime, utcnow
from motions.models.users import User


class AuditEvent(db.Model):
    """Who did what, when: every accepted change leaves one of these behind."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(60))
    subject_id: Mapped[int | None]
    detail: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()
