from datetime import UTC, datetime

from sqlalchemy import DateTime, select, update
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on SQLite (which drops the zone) and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def lock_rows(session, model, *conditions) -> None:
    """Hold the rows of `model` matching `conditions` until the transaction ends.

    A rule that counts rows and then inserts one (a submitter's limit, an organisation's last
    delegate place) is only safe if two requests cannot both count before either inserts: each
    takes this lock first, so the second waits for the first to commit and then counts its row.
    PostgreSQL locks the rows (SELECT ... FOR UPDATE); SQLite has no row locks, so a no-op
    UPDATE takes its database write lock, which serialises writers the same way.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(model.id).where(*conditions).with_for_update())
    else:
        session.execute(update(model).where(*conditions).values(id=model.id)
                        .execution_options(synchronize_session=False))
