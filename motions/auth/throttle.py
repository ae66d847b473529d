"""The login pause: a limit of failed attempts per account, per client address and per known
browser, counted in the database by single atomic statements.

An attempt first *reserves* a place under each of its limits (one INSERT ... ON CONFLICT DO
UPDATE ... RETURNING per key, committed at once), and only then is the password checked. So
forty simultaneous guesses cannot all read "9 failures so far" and all go ahead: each gets its own
number back, and those past the limit are refused without a check. A right password gives its
place back; a wrong one keeps it, as the failure. One row per key holds the count: guesses leave
no row each, and the audit log gets one entry when a pause begins.

Flask-Limiter was considered: it counts requests in its own store (memory, Redis), and its
"count only failures" mode tests the limit before the request and adds the failure after it,
which is exactly the check-then-insert race this module exists to avoid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import case, delete, literal, update
from sqlalchemy.dialects import postgresql, sqlite

from motions.auth.models import LoginThrottle
from motions.extensions import db
from motions.models.base import UTCDateTime, utcnow
from motions.services import RuleError, record


@dataclass(frozen=True)
class Limit:
    """At most `most` failed attempts against `key` per window; `paused` says so to the user
    (it may use {minutes})."""

    key: str
    most: int
    paused: str


class Reservation:
    """Places taken under some limits for one check of a password."""

    def __init__(self, limits: list[Limit], taken: dict[str, tuple[int, datetime]]):
        self.limits = limits
        self.taken = taken

    def succeeded(self) -> None:
        """A right password: the places go back (committed with the rest of the request)."""
        _give_back([limit.key for limit in self.limits])

    def failed(self) -> None:
        """A wrong password: the places stay, as failures. A limit that this failure fills
        starts a pause, which the audit log records once (committed now: the request that
        refuses the password rolls back everything else)."""
        for limit in self.limits:
            attempts, since = self.taken[limit.key]
            if attempts == limit.most:
                record("login paused", "login", None,
                       f"{limit.key}: {attempts} failed attempts since {since:%d %b %H:%M} UTC")
        db.session.commit()


def window() -> timedelta:
    return timedelta(minutes=current_app.config["LOGIN_WINDOW_MINUTES"])


def reserve(limits: list[Limit]) -> Reservation:
    """A place under every limit, committed before any password is checked; RuleError 429
    (nothing kept) when one of them is full."""
    now = utcnow()
    taken: dict[str, tuple[int, datetime]] = {}
    for limit in limits:
        attempts, since = _take(limit.key, now)
        taken[limit.key] = (attempts, since)
        if attempts > limit.most:
            _give_back(list(taken))
            db.session.commit()
            minutes = max(1, math.ceil((since + window() - now).total_seconds() / 60))
            raise RuleError(limit.paused.format(minutes=minutes), status=429)
    db.session.commit()
    return Reservation(limits, taken)


def lift(key: str) -> int:
    """Forget the failed attempts against `key` (the secretary's unlock): how many there were."""
    row = db.session.get(LoginThrottle, key)
    if row is None:
        return 0
    db.session.delete(row)
    return row.attempts if row.window_start >= utcnow() - window() else 0


def forget_old() -> None:
    """Rows of windows long over say nothing any more."""
    db.session.execute(delete(LoginThrottle).where(
        LoginThrottle.window_start < utcnow() - 2 * window()))


def _take(key: str, now: datetime) -> tuple[int, datetime]:
    table = LoginThrottle.__table__
    dialect = db.session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    at = literal(now, UTCDateTime())
    over = table.c.window_start < literal(now - window(), UTCDateTime())
    statement = insert.values(key=key, attempts=1, window_start=now, last_at=now)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={
            "attempts": case((over, 1), else_=table.c.attempts + 1),
            "window_start": case((over, at), else_=table.c.window_start),
            "last_at": at,
        },
    ).returning(table.c.attempts, table.c.window_start)
    attempts, since = db.session.execute(statement).one()
    return attempts, since


def _give_back(keys: list[str]) -> None:
    if keys:
        db.session.execute(
            update(LoginThrottle).where(LoginThrottle.key.in_(keys))
            .values(attempts=case((LoginThrottle.attempts > 0, LoginThrottle.attempts - 1),
                                  else_=0))
            .execution_options(synchronize_session=False))
