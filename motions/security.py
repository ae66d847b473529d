"""Role checks for routes: every view names who may use it."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from motions.models import Role


def roles_required(*roles: Role):
    """Logged in with one of `roles` (admins always pass); otherwise 401/403."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


any_user = login_required
