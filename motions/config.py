"""Configuration from the environment; safe embedded defaults for a laptop."""

import os
import secrets
from pathlib import Path

MAX_TEXT_LENGTH = 50_000
# No form field is longer than the largest text taken anywhere (a composite pasted for import,
# motions.composites.services.MAX_TEXT); a field beyond it is refused before a view reads it.
MAX_FIELD_LENGTH = 200_000


def database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{Path(instance_path) / 'motions.sqlite3'}"
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants the driver named.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def secret_key(instance_path: str) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the instance folder."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def number(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    return int(text) if text else default


def sessions() -> dict:
    """Logins, cookies and the login pause (motions.auth). HTTPS=1 when the app is served over
    HTTPS: cookies are then sent over it only, and browsers are told to use nothing else (HSTS;
    both also follow from a request that came over TLS)."""
    https = flag("HTTPS")
    return {
        "HTTPS": https,
        "SESSION_COOKIE_SECURE": https,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "TRUSTED_PROXIES": number("TRUSTED_PROXIES", 0),
        "SESSION_HOURS": number("SESSION_HOURS", 24),
        "KEEP_LOGGED_IN_DAYS": number("KEEP_LOGGED_IN_DAYS", 14),
        "LOGIN_WINDOW_MINUTES": 15,
        "LOGIN_ACCOUNT_LIMIT": number("LOGIN_ACCOUNT_LIMIT", 10),
        "LOGIN_CLIENT_LIMIT": number("LOGIN_CLIENT_LIMIT", 30),
    }


def load(instance_path: str) -> dict:
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    return {
        "SECRET_KEY": secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "MAX_TEXT_LENGTH": MAX_TEXT_LENGTH,
        "MAX_FIELD_LENGTH": MAX_FIELD_LENGTH,
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        **sessions(),
        "WTF_CSRF_TIME_LIMIT": None,
    }
