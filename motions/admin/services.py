"""Setting up a conference: settings, delegate bands, headings, organisations, accounts."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from motions.extensions import db
from motions.models import Conference, DelegateBand, Heading, Organisation, Role, User
from motions.models.base import lock_rows
from motions.services import RuleError, record

BAND_LINE = re.compile(r"^\s*(\d+)\s*(?:\+|members?)?\s*[:=]\s*(\d+)\s*(?:delegates?)?\s*$")


def parse_bands(text: str) -> list[tuple[int, int]]:
    """'10: 2' lines -> [(10, 2), ...], increasing; a clear error for the first bad line."""
    bands: list[tuple[int, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = BAND_LINE.match(line)
        if not match:
            raise RuleError(f"Band line {number} ('{line.strip()}') should read like '100: 3' "
                            "(from 100 members, 3 delegates).")
        bands.append((int(match[1]), int(match[2])))
    starts = [start for start, _ in bands]
    if starts != sorted(set(starts)):
        raise RuleError("Bands must be listed from the smallest membership up, each once.")
    return bands


def bands_text(conference: Conference) -> str:
    return "\n".join(f"{b.min_members}: {b.delegates}" for b in conference.bands)


def in_zone(local: datetime | None, zone_name: str) -> datetime | None:
    return None if local is None else local.replace(tzinfo=ZoneInfo(zone_name))


def to_local(moment: datetime | None, zone_name: str) -> datetime | None:
    return None if moment is None else moment.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None)


def save_conference(conference: Conference, data: dict, bands: str) -> None:
    try:
        ZoneInfo(data["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise RuleError(f"Unknown time zone '{data['timezone']}'; use a name like "
                        "'Europe/London'.") from None
    if data["starts_on"] and data["ends_on"] and data["ends_on"] < data["starts_on"]:
        raise RuleError("The last day is before the first day.")
    parsed = parse_bands(bands)
    if conference.id is not None:
        _check_bands_leave_room(conference, parsed)
    for field in ("motions_deadline", "amendments_deadline"):
        data[field] = in_zone(data[field], data["timezone"])
    for key, value in data.items():
        setattr(conference, key, value)
    conference.bands = [DelegateBand(min_members=m, delegates=d) for m, d in parsed]
    db.session.add(conference)
    db.session.flush()
    record("saved", "conference", conference.id, conference.name)


def _check_bands_leave_room(conference: Conference, bands: list[tuple[int, int]]) -> None:
    """New bands may not leave an organisation with more delegates than they entitle it to."""
    lock_rows(db.session, Organisation, Organisation.conference_id == conference.id)
    counts: dict[int, int] = {}
    for user in db.session.execute(
        db.select(User).join(Organisation).where(Organisation.conference_id == conference.id)
    ).scalars():
        if Role.DELEGATE in user.roles:
            counts[user.organisation_id] = counts.get(user.organisation_id, 0) + 1
    over = []
    for organisation in conference.organisations:
        entitled = 0  # as Conference.delegates_for: the highest band the membership reaches
        for start, delegates in bands:
            if organisation.membership >= start:
                entitled = delegates
        if counts.get(organisation.id, 0) > entitled:
            over.append(f"{organisation.name} ({organisation.membership} members) has "
                        f"{counts[organisation.id]} delegate account(s) and would be entitled "
                        f"to {entitled}")
    if over:
        raise RuleError("These bands would leave organisations with more delegates than they "
                        "are entitled to: " + "; ".join(over) + ". Take the delegate role from "
                        "some of their accounts first.", status=409)


def add_heading(conference: Conference, title: str, description: str) -> Heading:
    heading = Heading(conference=conference, title=title.strip(), description=description,
                      position=len(conference.headings) + 1)
    db.session.add(heading)
    db.session.flush()
    record("added", "heading", heading.id, heading.title)
    return heading


def rename_heading(heading: Heading, title: str, description: str) -> None:
    heading.title, heading.description = title.strip(), description
    record("renamed", "heading", heading.id, heading.title)


def move_heading(heading: Heading, step: int) -> None:
    headings = heading.conference.headings
    index = headings.index(heading)
    other = index + step
    if not 0 <= other < len(headings):
        raise RuleError("It is already at that end of the agenda.")
    headings[index].position, headings[other].position = (headings[other].position,
                                                          headings[index].position)
    record("moved", "heading", heading.id, f"{step:+d}")


def delete_heading(heading: Heading) -> None:
    if heading.submissions:
        raise RuleError("Motions have been submitted under this heading; it cannot be deleted.",
                        status=409)
    conference = heading.conference
    conference.headings.remove(heading)
    for position, remaining in enumerate(conference.headings, start=1):
        remaining.position = position
    record("deleted", "heading", heading.id, heading.title)


def delegates_of(organisation_id: int, leaving_out: int | None = None) -> list[User]:
    """The accounts with the delegate role that represent this organisation."""
    query = db.select(User).where(User.organisation_id == organisation_id).order_by(User.email)
    if leaving_out is not None:
        query = query.where(User.id != leaving_out)
    return [u for u in db.session.execute(query).scalars() if Role.DELEGATE in u.roles]


def entitlement_message(organisation: Organisation, entitled: int, delegates: int) -> str:
    return (f"{organisation.name} is entitled to {entitled} delegate(s) and already has "
            f"{delegates}: take the delegate role from one of them first, or raise its "
            "membership.")


def save_organisation(organisation: Organisation, name: str, kind: str, membership: int) -> None:
    if organisation.id is not None:
        lock_rows(db.session, Organisation, Organisation.id == organisation.id)
        entitled = organisation.conference.delegates_for(membership)
        delegates = len(delegates_of(organisation.id))
        if delegates > entitled:
            raise RuleError(f"{organisation.name} has {delegates} delegate account(s); "
                            f"{membership} members would entitle it to only {entitled}. "
                            "Remove the delegate role from some of them first.", status=409)
    organisation.name, organisation.kind, organisation.membership = name.strip(), kind, membership
    db.session.add(organisation)
    db.session.flush()
    record("saved", "organisation", organisation.id, organisation.name)


def save_user(user: User, name: str, email: str, roles: list[str], organisation_id: int | None,
              password: str | None, check_entitlement: bool = True) -> None:
    """Create or change an account; a delegate's organisation must have a delegate place free.

    An import checks the entitlements of its whole file instead (`check_entitlement=False`).
    """
    email = email.strip().lower()
    clash = db.session.execute(
        db.select(User).where(User.email == email, User.id != user.id)
    ).scalar_one_or_none()
    if clash:
        raise RuleError(f"Another account already uses {email}.", status=409)
    # An import sets a new account's hash beforehand; the form gives a password.
    if user.id is None and not password and not user.password_hash:
        raise RuleError("A new account needs a password (at least 8 characters).")
    if Role.DELEGATE.value in roles:
        if not organisation_id:
            raise RuleError("A delegate represents an organisation: choose one.")
        organisation = db.session.get(Organisation, organisation_id)
        if organisation is None:
            raise RuleError("That organisation does not exist.")
        if check_entitlement:
            # Two accounts made at once for the last place: the second waits here, then counts
            # the first (the count below is only safe under this lock).
            lock_rows(db.session, Organisation, Organisation.id == organisation.id)
            entitled = organisation.delegate_entitlement
            delegates = len(delegates_of(organisation.id, leaving_out=user.id))
            if delegates >= entitled:
                raise RuleError(entitlement_message(organisation, entitled, delegates),
                                status=409)
    user.name, user.email, user.roles, user.organisation_id = (name.strip(), email, roles,
                                                               organisation_id or None)
    if password:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record("saved", "user", user.id, f"{email} roles={user.roles_text}")
