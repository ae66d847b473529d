from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from motions.extensions import db
from motions.models.base import UTCDateTime, utcnow

if TYPE_CHECKING:
    from motions.models.conference import Organisation


class Role(enum.StrEnum):
    ADMIN = "admin"
    CAC = "cac"
    CHAIR = "chair"
    TELLER = "teller"
    DELEGATE = "delegate"
    SUBMITTER = "submitter"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: "Secretary / admin",
    Role.CAC: "CAC member",
    Role.CHAIR: "Chair",
    Role.TELLER: "Teller",
    Role.DELEGATE: "Delegate",
    Role.SUBMITTER: "Submitter",
}


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    # Space-separated Role values: one person may be, say, a CAC member and a delegate.
    roles_text: Mapped[str] = mapped_column("roles", String(200), default="")
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation | None] = relationship(back_populates="users")

    @property
    def roles(self) -> set[Role]:
        return {Role(r) for r in self.roles_text.split()}

    @roles.setter
    def roles(self, roles) -> None:
        self.roles_text = " ".join(sorted(Role(r).value for r in roles))

    def has_role(self, *roles: Role) -> bool:
        """Admins may do everything; others need one of the roles named."""
        mine = self.roles
        return Role.ADMIN in mine or any(r in mine for r in roles)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email}>"
