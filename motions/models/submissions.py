from __future__ import annotations

import enum
import json
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from motions.extensions import db
from motions.models.base import UTCDateTime, utcnow
from motions.models.conference import Heading, Organisation
from motions.models.users import User

if TYPE_CHECKING:
    from motions.models.composites import Composite


class SubmissionKind(enum.StrEnum):
    MOTION = "motion"
    AMENDMENT = "amendment"


class Ruling(enum.StrEnum):
    PENDING = "pending"
    IN_ORDER = "in_order"
    OUT_OF_ORDER = "out_of_order"

    @property
    def label(self) -> str:
        return {"pending": "Awaiting ruling", "in_order": "In order",
                "out_of_order": "Out of order"}[self.value]


def motion_letter(seq: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA: how order papers letter motions."""
    letters = ""
    while seq > 0:
        seq, rest = divmod(seq - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _where(condition: str) -> dict:
    """A partial index's condition, for both databases the app runs on."""
    return {"sqlite_where": text(condition), "postgresql_where": text(condition)}


class Submission(db.Model):
    """A motion, or an amendment to one; amendments keep their instruction text as typed."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    heading_id: Mapped[int] = mapped_column(ForeignKey("heading.id"))
    target_id: Mapped[int | None] = mapped_column(ForeignKey("submission.id"))
    # An amendment to a composite instead of a motion: the composite, and the number of the
    # section ("1") whose common ground it amends, as the order paper prints it.
    composite_id: Mapped[int | None] = mapped_column(ForeignKey("composite.id"))
    section: Mapped[str | None] = mapped_column(String(20))
    seq: Mapped[int]
    title: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    mover: Mapped[str] = mapped_column(String(200), default="")
    seconder: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    # Newline-separated names when a submission comes from individual members, not a body.
    individual_names: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ruling: Mapped[str] = mapped_column(String(20), default=Ruling.PENDING.value)
    ruling_reason: Mapped[str] = mapped_column(Text, default="")
    ruled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    ruled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)
    # Amendments: the engine's reading of the instruction (JSON), or why it could not read it.
    parsed: Mapped[str | None] = mapped_column(Text)
    engine_error: Mapped[str] = mapped_column(Text, default="", server_default="")

    # Two saves of the same loaded version: the second fails at flush, never overwrites.
    __mapper_args__ = {"version_id_col": version}
    # One letter per motion under a heading ("A" twice would make the order paper ambiguous),
    # one number per amendment to a motion or to a composite's section: held by the database,
    # whatever two requests read at the same moment.
    __table_args__ = (
        Index("uq_submission_motion_letter", "heading_id", "seq", unique=True,
              **_where("kind = 'motion'")),
        Index("uq_submission_amendment_number", "target_id", "seq", unique=True,
              **_where("target_id IS NOT NULL")),
        Index("uq_submission_section_amendment_number", "composite_id", "section", "seq",
              unique=True, **_where("composite_id IS NOT NULL")),
    )

    heading: Mapped[Heading] = relationship(back_populates="submissions")
    target: Mapped[Submission | None] = relationship(
        remote_side=[id], back_populates="amendments"
    )
    amendments: Mapped[list[Submission]] = relationship(
        back_populates="target", order_by="Submission.seq"
    )
    composite: Mapped[Composite | None] = relationship(back_populates="submitted_amendments")
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    ruled_by: Mapped[User | None] = relationship(foreign_keys=[ruled_by_id])
    organisation: Mapped[Organisation | None] = relationship()
    versions: Mapped[list[SubmissionVersion]] = relationship(
        back_populates="submission", order_by="SubmissionVersion.number",
        cascade="all, delete-orphan",
    )
    rulings: Mapped[list[SubmissionRuling]] = relationship(
        back_populates="submission", order_by="SubmissionRuling.id",
        cascade="all, delete-orphan",
    )
    readings: Mapped[list[AmendmentReading]] = relationship(
        back_populates="submission", order_by="AmendmentReading.id",
        cascade="all, delete-orphan",
    )

    @property
    def is_motion(self) -> bool:
        return self.kind == SubmissionKind.MOTION

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_in_order(self) -> bool:
        return self.ruling == Ruling.IN_ORDER

    @property
    def ruling_label(self) -> str:
        return Ruling(self.ruling).label

    @property
    def amends_composite(self) -> bool:
        return self.composite is not None

    @property
    def label(self) -> str:
        if self.is_motion:
            return motion_letter(self.seq)
        if self.composite is not None:
            return f"{self.section}/{self.seq}"  # the section's n-th submitted amendment
        if self.target is not None and not self.target.is_motion:
            return f"{self.target.label}({motion_letter(self.seq).lower()})"  # "A1(a)"
        return f"{self.target.label}{self.seq}" if self.target else f"?{self.seq}"

    @property
    def amends_amendment(self) -> bool:
        return self.target is not None and not self.target.is_motion

    @property
    def display_name(self) -> str:
        if self.is_motion:
            return f"Motion {self.label}: {self.title}"
        if self.composite is not None:
            return (f"Amendment {self.label} to section {self.section} of "
                    f"‘{self.composite.title}’")
        if self.amends_amendment:
            return f"Amendment {self.label} to amendment {self.target.label}"
        return f"Amendment {self.label} to motion {self.target.label}"

    @property
    def submitted_by(self) -> str:
        """The submitter as the order paper names it."""
        if self.organisation is not None:
            return self.organisation.name
        names = self.names
        if not names:
            return self.created_by.name
        return f"{names[0]} et al" if len(names) > 1 else names[0]

    @property
    def names(self) -> list[str]:
        return [n.strip() for n in self.individual_names.splitlines() if n.strip()]

    @property
    def version_number(self) -> int:
        """The number of its latest saved version (1 for a new submission)."""
        return len(self.versions)

    @property
    def last_ruling(self) -> SubmissionRuling | None:
        return self.rulings[-1] if self.rulings else None

    @property
    def changed_since_ruling(self) -> SubmissionRuling | None:
        """The CAC's last ruling, when the text was edited after it and awaits a new one."""
        last = self.last_ruling
        if self.ruling == Ruling.PENDING and last is not None \
                and last.version_number < self.version_number:
            return last
        return None

    @property
    def settled(self) -> AmendmentReading | None:
        """The CAC's reading of this amendment's effect, made by hand on its present wording
        (None when the engine's own reading stands)."""
        last = self.readings[-1] if self.readings else None
        if last is None or last.cleared or last.version_number != self.version_number:
            return None
        return last

    @property
    def instruction(self) -> str:
        """What the engine applies: the CAC's wording of the effect it settled by hand, or the
        amendment as written."""
        settled = self.settled
        return settled.wording if settled is not None else self.text

    @property
    def explanation(self) -> list[tuple[str, str]]:
        """The words around the instructions the engine kept aside (a reason, a note, a
        preamble), as (kind, text)."""
        if not self.parsed:
            return []
        try:
            parts = json.loads(self.parsed).get("explanation", [])
        except (ValueError, AttributeError):
            return []
        return [(part.get("kind", ""), part.get("text", "")) for part in parts if part.get("text")]

    @property
    def amendments_and_theirs(self) -> list[Submission]:
        """Its amendments, each followed by the amendments to it (as order papers list them)."""
        return [a for amendment in self.amendments for a in (amendment, *amendment.amendments)]

    @property
    def visible_amendments(self) -> list[Submission]:
        return [a for a in self.amendments if a.is_in_order and not a.is_withdrawn]


class SubmissionVersion(db.Model):
    """Each saved state of a submission, kept for ever, with who saved it and when."""

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    mover: Mapped[str] = mapped_column(String(200), default="")
    seconder: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Why a version was made by someone other than its submitter (a CAC correction).
    note: Mapped[str] = mapped_column(Text, default="", server_default="")

    submission: Mapped[Submission] = relationship(back_populates="versions")
    created_by: Mapped[User] = relationship()


class SubmissionRuling(db.Model):
    """Each ruling the CAC made, on which version, by whom and when, kept for ever."""

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    version_number: Mapped[int]
    ruling: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    ruled_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    ruled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="rulings")
    ruled_by: Mapped[User] = relationship()

    @property
    def label(self) -> str:
        return Ruling(self.ruling).label


class AmendmentReading(db.Model):
    """The CAC's settling of an amendment's effect by hand: the text as the amendment intends
    it, the engine's wording of that edit (what the order paper, the chair's console, falls
    and the agreed text then use), by whom and when. Kept for ever; a later row replaces it,
    or clears it to go back to the engine's own reading."""

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    # The amendment's version it reads: an edit of the amendment after it needs a new one.
    version_number: Mapped[int]
    base_text: Mapped[str] = mapped_column(Text)  # the text amended, as it stood
    edited_text: Mapped[str] = mapped_column(Text)  # that text as the amendment intends it
    wording: Mapped[str] = mapped_column(Text)  # the engine's wording of the edit
    reason: Mapped[str] = mapped_column(Text, default="")
    cleared: Mapped[bool] = mapped_column(default=False)
    settled_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    settled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="readings")
    settled_by: Mapped[User] = relationship()
