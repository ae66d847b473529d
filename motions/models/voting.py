from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from motions.extensions import db
from motions.models.base import UTCDateTime, utcnow
from motions.models.conference import Heading
from motions.models.users import User


class VotingSession(db.Model):
    """The live vote on one heading: the order paper as it stood when voting began, and every
    input the chair and tellers recorded since (the engine replays them to the same state)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    heading_id: Mapped[int] = mapped_column(ForeignKey("heading.id"), unique=True)
    order_paper: Mapped[str] = mapped_column(Text)  # procedure.order_paper_to_json, as JSON
    started_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    heading: Mapped[Heading] = relationship()
    started_by: Mapped[User] = relationship()
    actions: Mapped[list[VotingAction]] = relationship(
        back_populates="session", order_by="VotingAction.seq", cascade="all, delete-orphan"
    )

    @property
    def paper_data(self) -> dict[str, Any]:
        return json.loads(self.order_paper)


class VotingAction(db.Model):
    """One input, never changed or deleted: a count entered, a declaration, a correction, a
    withdrawal or remittal. `seq` orders them and guards against two people acting at once."""

    __table_args__ = (UniqueConstraint("session_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("voting_session.id"))
    seq: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))  # count | declare | correct | withdraw | remit
    item: Mapped[str] = mapped_column(String(60))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[VotingSession] = relationship(back_populates="actions")
    recorded_by: Mapped[User] = relationship()

    @property
    def data(self) -> dict[str, Any]:
        return json.loads(self.payload)
