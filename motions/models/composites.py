"""Composites the CAC builds from a heading's motions, and every saved state of them.

The composite itself (sections, common ground, option groups, amendments, provenance and the
reasons for clauses left out) is the engine's :class:`compositing.Composite`, stored as JSON
(``compositing.composite_io``): the engine owns its shape, the database keeps it safe, versioned
and attached to its heading and source motions.
"""

from __future__ import annotations

import enum
import json
from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from compositing import Composite as EngineComposite
from compositing.composite_io import composite_from_dict, composite_to_dict
from motions.extensions import db
from motions.models.base import UTCDateTime, utcnow
from motions.models.conference import Heading
from motions.models.submissions import Submission
from motions.models.users import User


class CompositeStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class IfCarried(enum.StrEnum):
    """What the CAC's procedural motion does to the original motions if conference carries it."""

    SUPERSEDE = "supersede"
    ALSO_TAKE_ORIGINALS = "also_take_originals"

    @property
    def label(self) -> str:
        return {
            IfCarried.SUPERSEDE: "The original motions and their amendments are superseded: "
                                 "they are not debated or voted on.",
            IfCarried.ALSO_TAKE_ORIGINALS: "The original motions are still taken after the "
                                           "composite.",
        }[self]


class IfLost(enum.StrEnum):
    """What happens if conference votes the procedural motion down."""

    TAKE_ORIGINALS = "take_originals"
    NOTHING_FURTHER = "nothing_further"

    @property
    def label(self) -> str:
        return {
            IfLost.TAKE_ORIGINALS: "The original motions are moved instead: their amendments "
                                   "first, then the motions as amended.",
            IfLost.NOTHING_FURTHER: "Neither the composite nor the original motions are taken.",
        }[self]


composite_source = Table(
    "composite_source",
    db.metadata,
    Column("composite_id", ForeignKey("composite.id"), primary_key=True),
    Column("submission_id", ForeignKey("submission.id"), primary_key=True),
)


class Composite(db.Model):
    """One composite of a heading's motions: a draft the CAC edits, then the published one."""

    id: Mapped[int] = mapped_column(primary_key=True)
    heading_id: Mapped[int] = mapped_column(ForeignKey("heading.id"))
    title: Mapped[str] = mapped_column(String(200))
    # compositing.composite_io.composite_to_dict, as JSON.
    data: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=CompositeStatus.DRAFT.value)
    # "drafted" by the engine from the motions, or "imported" from a published text.
    origin: Mapped[str] = mapped_column(String(20), default="drafted")
    procedural_motion: Mapped[str] = mapped_column(Text, default="")
    if_carried: Mapped[str] = mapped_column(String(30), default=IfCarried.SUPERSEDE.value)
    if_lost: Mapped[str] = mapped_column(String(30), default=IfLost.TAKE_ORIGINALS.value)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int] = mapped_column(default=1)

    # Two saves of the same loaded version: the second fails at flush, never overwrites.
    __mapper_args__ = {"version_id_col": version}

    heading: Mapped[Heading] = relationship()
    sources: Mapped[list[Submission]] = relationship(
        secondary=composite_source, order_by="Submission.seq"
    )
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])
    # Amendments submitters sent to its sections (kept as submissions: versions, rulings); the
    # order paper adds those ruled in order to the CAC's (motions.composites.services).
    submitted_amendments: Mapped[list[Submission]] = relationship(
        back_populates="composite", order_by="Submission.id"
    )
    versions: Mapped[list[CompositeVersion]] = relationship(
        back_populates="composite", order_by="CompositeVersion.number",
        cascade="all, delete-orphan",
    )

    @property
    def is_published(self) -> bool:
        return self.status == CompositeStatus.PUBLISHED

    @property
    def content(self) -> EngineComposite:
        """A fresh engine composite read from the stored JSON (edit it, then store it back)."""
        return composite_from_dict(json.loads(self.data))

    @content.setter
    def content(self, composite: EngineComposite) -> None:
        self.data = dump(composite)
        self.title = composite.title

    @property
    def carried_label(self) -> str:
        return IfCarried(self.if_carried).label

    @property
    def lost_label(self) -> str:
        return IfLost(self.if_lost).label


class CompositeVersion(db.Model):
    """Each saved state of a composite, kept for ever, with who saved it, when and why."""

    id: Mapped[int] = mapped_column(primary_key=True)
    composite_id: Mapped[int] = mapped_column(ForeignKey("composite.id"))
    number: Mapped[int]
    data: Mapped[str] = mapped_column(Text)
    # The procedural motion as it stood: part of the saved state, though not of the engine's.
    procedural_motion: Mapped[str] = mapped_column(Text, default="", server_default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    composite: Mapped[Composite] = relationship(back_populates="versions")
    created_by: Mapped[User] = relationship()

    @property
    def content(self) -> EngineComposite:
        return composite_from_dict(json.loads(self.data))


def dump(composite: EngineComposite) -> str:
    return json.dumps(composite_to_dict(composite), ensure_ascii=False, indent=1)
