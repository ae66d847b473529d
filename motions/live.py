"""Live pages by push: Server-Sent Events telling browsers that a heading's vote changed.

On PostgreSQL a change is announced with NOTIFY (delivered when its transaction commits) and
every server process LISTENs, so a hall served by several processes hears it at once. On SQLite
(one machine, the embedded default) the stream looks at the database once a second instead.
The message is only a version number: the page then fetches the state like any other request.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import psycopg
from flask import current_app

from motions.extensions import db

CHANNEL = "motions_live"
KEEP_ALIVE_SECONDS = 15
STREAM_SECONDS = 600  # browsers reconnect by themselves; this bounds a forgotten tab's thread


def announce(topic: str, version: int) -> None:
    """Tell listeners `topic` (e.g. "voting:12") is now at `version`, once this transaction
    commits."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(db.text("SELECT pg_notify(:channel, :payload)"),
                           {"channel": CHANNEL, "payload": f"{topic}={version}"})


def stream(topic: str, current: Callable[[], int]) -> Iterator[str]:
    """Server-Sent Events: the current version at once, then each new one, with keep-alives."""
    seen = current()
    yield event(seen)
    changes = _notified if db.engine.dialect.name == "postgresql" else _polled
    for version in changes(topic, current, seen):
        if version is None:
            yield ": keep-alive\n\n"
        elif version != seen:
            seen = version
            yield event(seen)


def streams_open() -> bool:
    """False once the app is being shut down (LIVE_STREAMS): open streams then end by
    themselves instead of outliving the server."""
    return current_app.config.get("LIVE_STREAMS", True)


def event(version: int) -> str:
    return f"data: {version}\n\n"


def _notified(topic: str, current: Callable[[], int], seen: int) -> Iterator[int | None]:
    url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    deadline = time.monotonic() + STREAM_SECONDS
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"LISTEN {CHANNEL}")
        # Anything committed between the page's render and LISTEN would otherwise be missed.
        yield current()
        db.session.close()
        yield None  # an early keep-alive: the stream is open and listening
        while time.monotonic() < deadline and streams_open():
            heard = [n.payload for n in
                     connection.notifies(timeout=KEEP_ALIVE_SECONDS, stop_after=1)]
            versions = [int(p.split("=", 1)[1]) for p in heard if p.startswith(f"{topic}=")]
            yield max(versions) if versions else None


def _polled(topic: str, current: Callable[[], int], seen: int) -> Iterator[int | None]:
    interval = current_app.config.get("LIVE_POLL_SECONDS", 1.0)
    deadline = time.monotonic() + STREAM_SECONDS
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(interval)
        if not streams_open():
            return
        version = current()
        db.session.close()  # hold no connection (nor SQLite lock) between looks
        if version != seen:
            seen, quiet_since = version, time.monotonic()
            yield version
        elif time.monotonic() - quiet_since >= KEEP_ALIVE_SECONDS:
            quiet_since = time.monotonic()
            yield None
