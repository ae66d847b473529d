"""Rules for submitting, editing and withdrawing motions and amendments.

An amendment amends a motion, or one section's common ground of a published composite
(:class:`SectionTarget`); the same deadline, limit, submitter, version and ownership rules apply
to both.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from motions import locks
from motions.composites.services import amendable_text, section_by_number
from motions.extensions import db
from motions.models import (
    Composite,
    Heading,
    Role,
    Ruling,
    Submission,
    SubmissionKind,
    SubmissionVersion,
    User,
)
from motions.models.base import lock_rows, utcnow
from motions.services import RuleError, record
from motions.submit import amendments


@dataclass
class Draft:
    """What a submitter typed, before the rules have accepted it."""

    text: str
    title: str = ""
    mover: str = ""
    seconder: str = ""
    on_behalf: str = "organisation"  # or "individuals"
    individual_names: str = ""


@dataclass(frozen=True)
class SectionTarget:
    """What an amendment to a composite amends: the common ground of one of its sections."""

    composite: Composite
    number: str  # the section's number as the order paper prints it ("1")


Target = Submission | SectionTarget

MAX_REASON = 1000  # characters of a CAC correction's reason


def submit(kind: SubmissionKind, heading: Heading, user: User, draft: Draft,
           target: Target | None = None) -> Submission:
    conference = heading.conference
    _check_open(conference, kind)
    locks.check_not_voting(heading)
    _check_text(draft, kind)
    if kind == SubmissionKind.AMENDMENT:
        _check_amendable(target, heading)
    organisation_id, names = _submitter(user, draft, conference.min_individual_submitters)
    # The limit and the next letter are counted under the heading's lock: a second submission
    # sent at the same moment waits here, then counts the first (never two "A"s, never two
    # motions over a limit of one).
    lock_rows(db.session, Heading, Heading.id == heading.id)
    _check_limit(kind, heading, user, organisation_id)
    on_section = isinstance(target, SectionTarget)
    submission = Submission(
        kind=kind.value, heading=heading, target=None if on_section else target,
        composite=target.composite if on_section else None,
        section=target.number if on_section else None, seq=_next_seq(kind, heading, target),
        title=draft.title.strip(), text=draft.text.strip(), mover=draft.mover.strip(),
        seconder=draft.seconder.strip(), created_by=user, organisation_id=organisation_id,
        individual_names="\n".join(names),
    )
    with _written_or_look_again():
        db.session.add(submission)
        _read_amendment(submission)
        _add_version(submission, user)
    record("submitted", kind.value, submission.id, submission.title)
    return submission


def edit(submission: Submission, user: User, draft: Draft, loaded_version: int) -> None:
    """The submitter's new version. After a ruling it goes back to the CAC, which sees what
    changed; once published it cannot be edited (see motions.locks)."""
    check_may_edit(submission, user)
    _check_version(submission, loaded_version)
    _check_text(draft, SubmissionKind(submission.kind))
    with _written_or_look_again():
        _store(submission, user, draft)
    if submission.ruling != Ruling.PENDING:
        was = submission.ruling_label.lower()
        submission.ruling, submission.ruling_reason = Ruling.PENDING.value, ""
        submission.ruled_by, submission.ruled_at = None, None
        record("ruling reopened", submission.kind, submission.id,
               f"was {was}; edited to version {submission.version_number}")
    record("edited", submission.kind, submission.id, f"version {submission.version_number}")


def check_may_withdraw(submission: Submission, user: User) -> None:
    """Refuse, saying why, when its submitter cannot withdraw it now (once voting has started
    the chair withdraws items)."""
    _check_owner(submission, user)
    _check_not_withdrawn(submission)
    locks.check_not_voting(submission.heading)
    _check_open(submission.heading.conference, SubmissionKind(submission.kind))


def check_may_edit(submission: Submission, user: User) -> None:
    """Refuse, saying why, when its submitter cannot edit it now."""
    _check_owner(submission, user)
    _check_not_withdrawn(submission)
    locks.check_not_voting(submission.heading)
    locks.check_submitter_may_edit(submission)
    _check_open(submission.heading.conference, SubmissionKind(submission.kind))


def correct(submission: Submission, user: User, draft: Draft, reason: str,
            loaded_version: int) -> None:
    """A CAC correction of a submission's text, with its reason kept on the new version. The
    ruling stands: the CAC made the change. Refused once voting on the heading has started."""
    _check_not_withdrawn(submission)
    locks.check_not_voting(submission.heading)
    _check_version(submission, loaded_version)
    reason = reason.strip()
    if not reason:
        raise RuleError("Say why the CAC corrects it: the submitter and the record will see it.")
    if len(reason) > MAX_REASON:
        raise RuleError(f"The reason is {len(reason):,} characters long; the limit is "
                        f"{MAX_REASON:,}.")
    _check_text(draft, SubmissionKind(submission.kind))
    if (draft.title.strip(), draft.text.strip()) == (submission.title, submission.text):
        raise RuleError("Nothing changed: nothing was saved.")
    with _written_or_look_again():
        _store(submission, user, draft, note=f"Corrected by the CAC: {reason}")
    record("corrected", submission.kind, submission.id,
           f"version {submission.version_number}: {reason}")


def withdraw(submission: Submission, user: User) -> None:
    check_may_withdraw(submission, user)
    submission.withdrawn_at = utcnow()
    record("withdrawn", submission.kind, submission.id)


def can_change(submission: Submission, user: User) -> bool:
    """Its submitter may edit or withdraw it now."""
    return can_edit(submission, user) or can_withdraw(submission, user)


def can_withdraw(submission: Submission, user: User) -> bool:
    return _passes(check_may_withdraw, submission, user)


def can_edit(submission: Submission, user: User) -> bool:
    return _passes(check_may_edit, submission, user)


def why_not_withdraw(submission: Submission, user: User) -> str:
    """'' when its submitter may withdraw it now, otherwise why not."""
    try:
        check_may_withdraw(submission, user)
    except RuleError as error:
        return error.message
    return ""


def _passes(check, submission: Submission, user: User) -> bool:
    try:
        check(submission, user)
    except RuleError:
        return False
    return True


def _check_version(submission: Submission, loaded_version: int | None) -> None:
    """Refuse a save not made on the version now stored. A form that does not say which
    version it was loaded from (0 or None) is refused too: it could be saving over anything."""
    if not loaded_version:
        raise RuleError(
            "The form did not say which version you were editing, so it was not saved over "
            f"version {submission.version_number}: reload the page and make your changes again.",
            status=409,
        )
    if loaded_version != submission.version:
        last = submission.versions[-1]
        raise RuleError(
            f"{last.created_by.name} saved a newer version at {last.created_at:%H:%M} while you "
            "were editing. Your changes were not saved: reload, look at their version, and "
            "make your changes again.",
            status=409,
        )


@contextmanager
def _written_or_look_again():
    """Write the changes made inside now, so that losing a race is a refusal the form can
    show, not a 500 at commit.

    Two saves of one loaded version pass the version check together; the database lets one
    in (the version column, the unique letter) and the other is told to look again. Loading
    the versions flushes too, hence the block rather than a flush at the end.
    """
    try:
        yield
        db.session.flush()
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        raise RuleError(
            "Someone recorded something here meanwhile, so yours was not saved: look again at "
            "it as it is now. What you typed is still in the form below.",
            status=409,
        ) from None


def _store(submission: Submission, user: User, draft: Draft, note: str = "") -> None:
    submission.title = draft.title.strip()
    submission.text = draft.text.strip()
    submission.mover = draft.mover.strip()
    submission.seconder = draft.seconder.strip()
    submission.updated_at = utcnow()
    _read_amendment(submission)
    _add_version(submission, user, note)


def is_owner(submission: Submission, user: User) -> bool:
    """The person who filed it, or anyone submitting for the same organisation."""
    if submission.created_by_id == user.id:
        return True
    return (
        submission.organisation_id is not None
        and submission.organisation_id == user.organisation_id
        and user.has_role(Role.SUBMITTER)
    )


def amendable_motions(heading: Heading) -> list[Submission]:
    return [m for m in heading.motions if _is_amendable(m)]


def amendable_targets(heading: Heading) -> list[Submission]:
    """The motions and the amendments to them that may be amended now."""
    motions = amendable_motions(heading)
    return motions + [a for m in motions for a in m.amendments if _is_amendable(a)]


def _is_amendable(target: Submission | None) -> bool:
    """A published motion in order, or an amendment in order to one (amendments to
    amendments go one level deep, as order papers print them)."""
    return (
        target is not None
        and (target.is_motion or target.target is not None and target.target.is_motion)
        and target.is_in_order
        and not target.is_withdrawn
        and target.heading.is_published
    )


def _check_amendable(target: Target | None, heading: Heading) -> None:
    if isinstance(target, SectionTarget):
        composite = target.composite
        section = section_by_number(composite.content, target.number)
        if not composite.is_published or composite.heading_id != heading.id:
            raise RuleError("Amendments can only be made to a published composite.")
        if section is None or section.common_ground is None:
            raise RuleError(f"Section {target.number} of ‘{composite.title}’ has no common "
                            "ground to amend.")
        return
    if not _is_amendable(target):
        raise RuleError("Amendments can only be made to published motions in order, and to "
                        "their amendments in order.")


def target_text(submission: Submission) -> str | None:
    """The text an amendment acts on: its motion's, or its composite section's title and common
    ground (as the order paper numbers it); None when that section is no longer there."""
    if submission.target is not None:
        return submission.target.text
    if submission.composite is not None:
        section = section_by_number(submission.composite.content, submission.section)
        if section is not None and section.common_ground is not None:
            return amendable_text(section)
    return None


def effect_of(submission: Submission) -> amendments.Effect:
    """What the amendment does to the text it amends, or why it cannot be shown."""
    text = target_text(submission)
    if text is None:
        return amendments.Effect(error=f"Section {submission.section} is no longer in the "
                                       "composite: the CAC has renumbered or removed it.")
    return amendments.effect(text, submission.instruction)


def _check_open(conference, kind: SubmissionKind) -> None:
    if not conference.is_open_for(kind.value):
        deadline = conference.deadline_for(kind.value).astimezone(conference.zone)
        raise RuleError(
            f"The deadline for {kind.value}s passed on {deadline:%d %B %Y at %H:%M %Z}; "
            "nothing can be submitted, changed or withdrawn now.",
            status=403,
        )


def _check_text(draft: Draft, kind: SubmissionKind) -> None:
    limit = current_app.config["MAX_TEXT_LENGTH"]
    what = "motion" if kind == SubmissionKind.MOTION else "amendment"
    if not draft.text.strip():
        raise RuleError(f"The {what} has no text.")
    if len(draft.text) > limit:
        raise RuleError(
            f"The {what} is {len(draft.text):,} characters long; the limit is {limit:,}."
        )
    if kind == SubmissionKind.MOTION and not draft.title.strip():
        raise RuleError("A motion needs a title.")


def _check_owner(submission: Submission, user: User) -> None:
    if not is_owner(submission, user):
        raise RuleError("Only its submitter can change or withdraw this.", status=403)


def _check_not_withdrawn(submission: Submission) -> None:
    if submission.is_withdrawn:
        raise RuleError("This has been withdrawn; it can no longer be changed.", status=409)


def _submitter(user: User, draft: Draft, minimum: int) -> tuple[int | None, list[str]]:
    if draft.on_behalf == "organisation":
        if user.organisation_id is None:
            raise RuleError(
                "Your account is not linked to an organisation: submit on behalf of named "
                "individual members instead."
            )
        return user.organisation_id, []
    names = list(dict.fromkeys(n.strip() for n in draft.individual_names.splitlines() if n.strip()))
    if len(names) < minimum:
        raise RuleError(
            f"A submission from individual members needs at least {minimum} different names, "
            f"one per line; {len(names)} given."
        )
    return None, names


def _check_limit(kind: SubmissionKind, heading: Heading, user: User,
                 organisation_id: int | None) -> None:
    conference = heading.conference
    limit = (conference.motions_per_submitter if kind == SubmissionKind.MOTION
             else conference.amendments_per_submitter)
    query = db.select(func.count(Submission.id)).where(
        Submission.heading_id == heading.id,
        Submission.kind == kind.value,
        Submission.withdrawn_at.is_(None),
    )
    if organisation_id is not None:
        query = query.where(Submission.organisation_id == organisation_id)
        who = "your organisation has"
    else:
        query = query.where(Submission.organisation_id.is_(None),
                            Submission.created_by_id == user.id)
        who = "you have"
    if db.session.execute(query).scalar_one() >= limit:
        raise RuleError(
            f"Over the limit: {who} already submitted {limit} {kind.value}"
            f"{'s' if limit != 1 else ''} under '{heading.title}' (the limit per submitter)."
        )


def _next_seq(kind: SubmissionKind, heading: Heading, target: Target | None) -> int:
    query = db.select(func.coalesce(func.max(Submission.seq), 0)).where(
        Submission.kind == kind.value
    )
    if isinstance(target, SectionTarget):
        query = query.where(Submission.composite_id == target.composite.id,
                            Submission.section == target.number)
    elif target is None:
        query = query.where(Submission.heading_id == heading.id)
    else:
        query = query.where(Submission.target_id == target.id)
    return db.session.execute(query).scalar_one() + 1


def _read_amendment(submission: Submission) -> None:
    """Keep the engine's reading beside the text as typed; the text itself is never altered."""
    if submission.is_motion:
        return
    text = target_text(submission)
    if text is None:
        submission.parsed, submission.engine_error = None, effect_of(submission).error
    else:
        submission.parsed, submission.engine_error = amendments.reading(text, submission.text)


def _add_version(submission: Submission, user: User, note: str = "") -> None:
    submission.versions.append(
        SubmissionVersion(
            number=len(submission.versions) + 1, title=submission.title, text=submission.text,
            mover=submission.mover, seconder=submission.seconder, created_by=user, note=note,
        )
    )
