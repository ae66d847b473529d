from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from motions.extensions import db
from motions.models.base import UTCDateTime, utcnow

if TYPE_CHECKING:
    from motions.models.submissions import Submission
    from motions.models.users import User


class VotingRule(enum.StrEnum):
    SIMPLE = "simple"
    TWO_THIRDS = "two_thirds"
    ABSOLUTE = "absolute"
    DUAL = "dual"

    @property
    def label(self) -> str:
        return {
            VotingRule.SIMPLE: "Simple majority of votes cast (abstentions not counted)",
            VotingRule.TWO_THIRDS: "Two-thirds of votes cast",
            VotingRule.ABSOLUTE: "Absolute majority of those entitled to vote",
            VotingRule.DUAL: "Dual majority (individual members and affiliated groups)",
        }[self]


class OrganisationKind(enum.StrEnum):
    LOCAL_GROUP = "local_group"
    AFFILIATE = "affiliate"
    TRADE_UNION = "trade_union"
    NATIONAL = "national"

    @property
    def label(self) -> str:
        return {
            OrganisationKind.LOCAL_GROUP: "Local group / branch",
            OrganisationKind.AFFILIATE: "Affiliate",
            OrganisationKind.TRADE_UNION: "Trade union",
            OrganisationKind.NATIONAL: "National organisation",
        }[self]


class Conference(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    timezone: Mapped[str] = mapped_column(String(60), default="Europe/London")
    motions_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    amendments_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    motions_per_submitter: Mapped[int] = mapped_column(default=1)
    amendments_per_submitter: Mapped[int] = mapped_column(default=1)
    min_individual_submitters: Mapped[int] = mapped_column(default=10)
    voting_rule: Mapped[str] = mapped_column(String(20), default=VotingRule.SIMPLE.value)
    # Card votes: each organisation's delegation votes with the weight of its membership.
    card_votes: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    headings: Mapped[list[Heading]] = relationship(
        back_populates="conference", order_by="Heading.position", cascade="all, delete-orphan"
    )
    organisations: Mapped[list[Organisation]] = relationship(
        back_populates="conference", order_by="Organisation.name", cascade="all, delete-orphan"
    )
    bands: Mapped[list[DelegateBand]] = relationship(
        back_populates="conference", order_by="DelegateBand.min_members",
        cascade="all, delete-orphan",
    )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def deadline_for(self, kind: str) -> datetime | None:
        return self.motions_deadline if kind == "motion" else self.amendments_deadline

    def is_open_for(self, kind: str, now: datetime | None = None) -> bool:
        deadline = self.deadline_for(kind)
        return deadline is None or (now or utcnow()) <= deadline

    def delegates_for(self, membership: int) -> int:
        """Delegate entitlement from the membership bands (0 below the lowest band)."""
        entitled = 0
        for band in self.bands:
            if membership >= band.min_members:
                entitled = band.delegates
        return entitled


class DelegateBand(db.Model):
    """From `min_members` members up (to the next band) an organisation sends `delegates`."""

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"))
    min_members: Mapped[int]
    delegates: Mapped[int]

    conference: Mapped[Conference] = relationship(back_populates="bands")


class Heading(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    conference: Mapped[Conference] = relationship(back_populates="headings")
    published_by: Mapped[User | None] = relationship()
    submissions: Mapped[list[Submission]] = relationship(
        back_populates="heading", order_by="Submission.id"
    )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def motions(self) -> list[Submission]:
        return [s for s in self.submissions if s.is_motion]


class Organisation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default=OrganisationKind.LOCAL_GROUP.value)
    membership: Mapped[int] = mapped_column(default=0)

    conference: Mapped[Conference] = relationship(back_populates="organisations")
    users: Mapped[list[User]] = relationship(back_populates="organisation")

    @property
    def delegate_entitlement(self) -> int:
        return self.conference.delegates_for(self.membership)

    @property
    def kind_label(self) -> str:
        return OrganisationKind(self.kind).label
