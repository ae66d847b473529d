"""The demo conference: the Labour Left Alliance founding conference of 22 February 2020.

Its three agenda headings, their real motions and the amendments to them come from the Markdown
files in ``texts/`` (see ``texts/README.md``). Rows are created directly, as seed data, but they
look as if the rules had been followed: every submission has a first version saved by the account
that submitted it, was ruled in order by the CAC member, and its heading was published before
any amendment to it was made. The deadlines lie in the future, so the demo submitter can still
submit, edit and withdraw.

``load_demo`` adds to the session and flushes; the caller commits (``flask demo`` does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from werkzeug.security import generate_password_hash

from motions.composites.demo import add_lla_composite
from motions.extensions import db
from motions.models import (
    AuditEvent,
    Conference,
    DelegateBand,
    Heading,
    Organisation,
    Role,
    Ruling,
    Submission,
    SubmissionKind,
    SubmissionVersion,
    User,
)
from motions.models.base import utcnow
from motions.models.conference import OrganisationKind, VotingRule
from motions.models.submissions import motion_letter

TEXTS = Path(__file__).resolve().parent / "texts"
TIMEZONE = "Europe/London"
EMAIL_DOMAIN = "example.org"

DEMO_PASSWORD = "lla-demo-2020"

# One account per role; the delegate and the submitter speak for an organisation.
_ROLE_ACCOUNTS: list[tuple[Role, str, str, str | None]] = [
    (Role.ADMIN, "admin", "Demo Secretary", None),
    (Role.CAC, "cac", "Demo CAC Member", None),
    (Role.CHAIR, "chair", "Demo Chair", None),
    (Role.TELLER, "teller", "Demo Teller", None),
    (Role.DELEGATE, "delegate", "Demo Delegate", "London LLA"),
    (Role.SUBMITTER, "submitter", "Demo Submitter", "Kent LLA"),
]

DEMO_LOGINS: dict = {
    "password": DEMO_PASSWORD,
    "accounts": {role.value: f"{local}@{EMAIL_DOMAIN}" for role, local, _, _ in _ROLE_ACCOUNTS},
}

CONFERENCE_NAME = "Labour Left Alliance founding conference"
CONFERENCE_DAY = date(2020, 2, 22)
MOTIONS_OPEN_FOR = timedelta(days=14)
AMENDMENTS_OPEN_FOR = timedelta(days=30)
DEADLINE_TIME = time(17, 0)  # local time on the deadline day

# Membership bands: from this many members upwards, this many delegates.
BANDS = [(10, 2), (100, 3), (500, 4), (2000, 5)]

# Everyone who submitted a motion or amendment (membership counts are invented, plausibly).
ORGANISATIONS: list[tuple[str, OrganisationKind, int]] = [
    ("Kent LLA", OrganisationKind.LOCAL_GROUP, 85),
    ("York LRC", OrganisationKind.AFFILIATE, 40),
    ("Rotherham Left Momentum", OrganisationKind.LOCAL_GROUP, 120),
    ("Sheffield Labour Left", OrganisationKind.LOCAL_GROUP, 150),
    ("Labour Against the Witchhunt", OrganisationKind.NATIONAL, 1100),
    ("London LLA", OrganisationKind.LOCAL_GROUP, 450),
    ("Tees Valley LLA", OrganisationKind.LOCAL_GROUP, 95),
    ("Dulwich Labour Left", OrganisationKind.LOCAL_GROUP, 60),
    ("Merseyside LLA", OrganisationKind.LOCAL_GROUP, 230),
    ("Swansea and West Wales LLA", OrganisationKind.LOCAL_GROUP, 35),
    ("Lincolnshire LLA", OrganisationKind.LOCAL_GROUP, 45),
    ("Glasgow LLA", OrganisationKind.LOCAL_GROUP, 70),
    ("Medway/North Kent LLA", OrganisationKind.LOCAL_GROUP, 30),
    ("Cheltenham LL", OrganisationKind.LOCAL_GROUP, 25),
    ("Leicester Labour Left", OrganisationKind.LOCAL_GROUP, 40),
]

# (folder under texts/, title, description), in agenda order.
HEADINGS: list[tuple[str, str, str]] = [
    ("1-recruitment", "Recruitment, networking, social media", ""),
    ("2-campaigning", "Political campaigning strategy, goals and priorities",
     "Nine motions were received on this subject."),
    ("3-constitution", "Our structures/constitution",
     "Four full draft constitutions, in order of receipt, and a shorter motion from "
     "Merseyside LLA; two amendments to draft B."),
]

_LIST_FIELDS = {"names", "supporters"}
_FIELDS = {"motion", "amendment", "title", "organisation", "mover", "seconder", "published_as",
           "procedural_note", *_LIST_FIELDS}
_AMENDMENT_LABEL = re.compile(r"^(?P<target>[A-Z]+)(?P<seq>\d+)$")


class DemoAlreadyLoaded(click.ClickException):
    """The demo accounts exist already: loading twice would clash on their e-mail addresses."""


@dataclass(frozen=True)
class DemoText:
    """One motion or amendment file from ``texts/``."""

    path: Path
    label: str
    kind: SubmissionKind
    text: str
    title: str = ""
    organisation: str = ""
    names: list[str] = field(default_factory=list)
    mover: str = ""
    seconder: str = ""

    @property
    def target_label(self) -> str:
        match = _AMENDMENT_LABEL.match(self.label)
        return match.group("target") if match else ""


def read_text(path: Path) -> DemoText:
    """Read one demo file: a ``---`` front matter block (``key: value``, lists as ``  - item``)
    and the Markdown text after it."""
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---\n") or "\n---\n" not in raw[3:]:
        raise ValueError(f"{path}: no front matter block")
    head, text = raw[4:].split("\n---\n", 1)
    fields: dict[str, str | list[str]] = {}
    key = ""
    for line in head.splitlines():
        if line.startswith("  - ") and isinstance(fields.get(key), list):
            fields[key].append(line[4:].strip())
            continue
        key, colon, value = line.partition(":")
        if not colon or key not in _FIELDS:
            raise ValueError(f"{path}: unexpected front matter line {line!r}")
        fields[key] = [] if key in _LIST_FIELDS else value.strip()
    kind = SubmissionKind.MOTION if "motion" in fields else SubmissionKind.AMENDMENT
    text = text.strip() + "\n"
    return DemoText(
        path=path, label=str(fields.get(kind.value, "")), kind=kind, text=text,
        title=str(fields.get("title", "")), organisation=str(fields.get("organisation", "")),
        names=list(fields.get("names", [])), mover=str(fields.get("mover", "")),
        seconder=str(fields.get("seconder", "")),
    )


def heading_texts(folder: str) -> list[DemoText]:
    """The motions and amendments of one heading, in file-name (order paper) order."""
    return [read_text(path) for path in sorted((TEXTS / folder).glob("*.md"))]


def database_is_empty() -> bool:
    """True when no conference exists yet (then `flask demo --if-empty` loads the demo)."""
    return db.session.execute(db.select(Conference.id).limit(1)).first() is None


def load_demo(now: datetime | None = None) -> Conference:
    """Create the demo conference, its organisations, accounts, motions and amendments.

    Adds to the current session and flushes; does not commit.
    """
    now = now or utcnow()
    taken = db.session.execute(
        db.select(User.email).where(User.email.in_(DEMO_LOGINS["accounts"].values()))
    ).scalars().all()
    if taken:
        raise DemoAlreadyLoaded(
            f"The demo is already loaded: the account {taken[0]} exists. Start from an empty "
            "database, or use `flask demo --if-empty`, which loads only into an empty one."
        )
    loader = _Loader(now)
    return add_lla_composite(loader.load())


def _deadline(days_ahead: timedelta, now: datetime) -> datetime:
    zone = ZoneInfo(TIMEZONE)
    day = (now.astimezone(zone) + days_ahead).date()
    return datetime.combine(day, DEADLINE_TIME, tzinfo=zone).astimezone(now.tzinfo)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class _Loader:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.password_hash = generate_password_hash(DEMO_PASSWORD)  # hashed once for all
        self.organisations: dict[str, Organisation] = {}
        self.accounts: dict[str, User] = {}  # submitter key (organisation or first name) -> user
        self.role_users: dict[Role, User] = {}

    def load(self) -> Conference:
        conference = Conference(
            name=CONFERENCE_NAME, starts_on=CONFERENCE_DAY, ends_on=CONFERENCE_DAY,
            timezone=TIMEZONE,
            motions_deadline=_deadline(MOTIONS_OPEN_FOR, self.now),
            amendments_deadline=_deadline(AMENDMENTS_OPEN_FOR, self.now),
            motions_per_submitter=1, amendments_per_submitter=1, min_individual_submitters=10,
            voting_rule=VotingRule.SIMPLE.value, created_at=self.now - timedelta(days=21),
        )
        conference.bands = [DelegateBand(min_members=m, delegates=d) for m, d in BANDS]
        for name, kind, membership in ORGANISATIONS:
            organisation = Organisation(name=name, kind=kind.value, membership=membership)
            conference.organisations.append(organisation)
            self.organisations[name] = organisation
        db.session.add(conference)
        self._role_accounts()
        db.session.flush()

        cac = self.role_users[Role.CAC]
        submitted = self.now - timedelta(days=10)
        ruled = self.now - timedelta(days=3)
        published = self.now - timedelta(days=2)
        amended = self.now - timedelta(days=1)
        for position, (folder, title, description) in enumerate(HEADINGS, start=1):
            heading = Heading(position=position, title=title, description=description)
            conference.headings.append(heading)
            texts = heading_texts(folder)
            motions: dict[str, Submission] = {}
            for n, item in enumerate(t for t in texts if t.kind == SubmissionKind.MOTION):
                motion = self._submission(heading, item, len(motions) + 1, None,
                                          submitted + timedelta(minutes=17 * n))
                motions[item.label] = motion
            db.session.flush()
            for motion in motions.values():
                self._rule(motion, cac, ruled)
            heading.published_at = published
            heading.published_by = cac
            db.session.flush()
            self._audit("published", "heading", heading.id, heading.title, cac, published)
            for n, item in enumerate(t for t in texts if t.kind == SubmissionKind.AMENDMENT):
                target = motions.get(item.target_label)
                if target is None:
                    raise ValueError(f"{item.path}: amends motion {item.target_label!r}, "
                                     "which this heading does not have")
                amendment = self._submission(heading, item, len(target.amendments) + 1, target,
                                             amended + timedelta(minutes=23 * n))
                db.session.flush()
                self._rule(amendment, cac, amended + timedelta(hours=2))
        db.session.flush()
        return conference

    def _role_accounts(self) -> None:
        for role, local, name, organisation in _ROLE_ACCOUNTS:
            user = self._user(f"{local}@{EMAIL_DOMAIN}", name, role, organisation)
            self.role_users[role] = user
            if role == Role.SUBMITTER and organisation:
                self.accounts[organisation] = user

    def _user(self, email: str, name: str, role: Role, organisation: str | None) -> User:
        user = User(email=email, name=name, password_hash=self.password_hash,
                    organisation=self.organisations[organisation] if organisation else None,
                    created_at=self.now - timedelta(days=20))
        user.roles = {role}
        db.session.add(user)
        return user

    def _submitter_account(self, item: DemoText) -> User:
        """The account that filed ``item``: one per organisation, or the first named member."""
        if item.organisation:
            if item.organisation not in self.organisations:
                raise ValueError(f"{item.path}: unknown organisation {item.organisation!r}")
            key, name = item.organisation, f"Secretary, {item.organisation}"
            email = f"{_slug(item.organisation)}@{EMAIL_DOMAIN}"
        else:
            key = name = item.names[0]
            email = f"{_slug(name).replace('-', '.')}@{EMAIL_DOMAIN}"
        if key not in self.accounts:
            self.accounts[key] = self._user(email, name, Role.SUBMITTER, item.organisation or None)
        return self.accounts[key]

    def _submission(self, heading: Heading, item: DemoText, seq: int, target: Submission | None,
                    at: datetime) -> Submission:
        expected = motion_letter(seq) if target is None else f"{motion_letter(target.seq)}{seq}"
        if item.label != expected:
            raise ValueError(f"{item.path}: labelled {item.label!r}, but it comes as {expected}")
        if not item.organisation and len(item.names) < 10:
            raise ValueError(f"{item.path}: needs an organisation or at least 10 names")
        user = self._submitter_account(item)
        submission = Submission(
            kind=item.kind.value, heading=heading, target=target, seq=seq, title=item.title,
            text=item.text, mover=item.mover, seconder=item.seconder, created_by=user,
            organisation=self.organisations[item.organisation] if item.organisation else None,
            individual_names="\n".join(item.names), created_at=at, updated_at=at,
        )
        submission.versions.append(SubmissionVersion(
            number=1, title=item.title, text=item.text, mover=item.mover,
            seconder=item.seconder, created_by=user, created_at=at,
        ))
        db.session.add(submission)
        db.session.flush()
        self._audit("submitted", item.kind.value, submission.id, submission.title, user, at)
        return submission

    def _rule(self, submission: Submission, cac: User, at: datetime) -> None:
        submission.ruling = Ruling.IN_ORDER.value
        submission.ruling_reason = ""
        submission.ruled_by = cac
        submission.ruled_at = at
        self._audit("ruled", submission.kind, submission.id, f"{Ruling.IN_ORDER.value}:", cac, at)

    @staticmethod
    def _audit(action: str, subject: str, subject_id: int | None, detail: str, user: User,
               at: datetime) -> None:
        db.session.add(AuditEvent(at=at, user_id=user.id, action=action, subject=subject,
                                  subject_id=subject_id, detail=detail))
