import contextlib
from pathlib import Path

from flask import Flask, current_app, flash, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.middleware.proxy_fix import ProxyFix

from motions import config
from motions.edge import CleanRequest
from motions.extensions import csrf, db, login_manager, migrate
from motions.rendering import render_markdown

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None):
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.request_class = CleanRequest  # control characters out of every field (motions.edge)
    app.config.update(config.load(app.instance_path))
    if test_config:
        app.config.update(test_config)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    register_sessions(app)

    register_blueprints(app)
    register_security_headers(app)
    register_commands(app)
    register_template_helpers(app)
    register_error_handlers(app)
    return app


def register_sessions(app: Flask) -> None:
    """Logins are rows that end (motions.auth.sessions); cookies are Secure over HTTPS; behind
    TRUSTED_PROXIES reverse proxies, the client's address and scheme are the ones they forward
    (the login limits count per client address)."""
    from motions.auth import sessions

    app.session_interface = sessions.SessionCookie()
    login_manager.request_loader(sessions.load_user)
    if proxies := app.config["TRUSTED_PROXIES"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)


def register_blueprints(app: Flask) -> None:
    from motions.admin.routes import bp as admin_bp
    from motions.agenda.routes import bp as agenda_bp
    from motions.auth.routes import bp as auth_bp
    from motions.cac.routes import bp as cac_bp
    from motions.composites.routes import bp as composites_bp
    from motions.documents.routes import bp as documents_bp
    from motions.submit.routes import bp as submit_bp
    from motions.voting.routes import bp as voting_bp

    for bp in (auth_bp, agenda_bp, submit_bp, cac_bp, composites_bp, admin_bp, voting_bp):
        app.register_blueprint(bp)
    app.register_blueprint(documents_bp)


# Scripts and styles come only from this app (no CDN, no inline script): injected markup that got
# past the Markdown renderer still could not run. Inline style attributes indent numbered lines.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
HSTS = "max-age=31536000"  # a year; not includeSubDomains: other sites may share the domain


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def add_security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.endpoint != "static":
            # Every page but the stylesheets is someone's: a shared computer's cache, or a
            # proxy's, must not hand it to the next person.
            response.headers["Cache-Control"] = "no-store"
        if app.config["HTTPS"] or request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response


def register_commands(app: Flask) -> None:
    from motions.cli_procedure import procedure_cli
    from motions.demo.cli import demo_command

    app.cli.add_command(demo_command)
    app.cli.add_command(procedure_cli)


def register_template_helpers(app: Flask) -> None:
    from compositing.text import numbered_lines
    from motions.models import Role

    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.globals.update(Role=Role, numbered=numbered_lines)

    @app.template_filter("when")
    def format_when(value, zone=None):
        if value is None:
            return "—"
        if zone is not None:
            value = value.astimezone(zone)
        return value.strftime("%a %d %b %Y, %H:%M %Z").strip()


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_template(
            "errors/error.html", code=400, title="Form expired or forged",
            message="The form was missing its security token. Reload the page and try again.",
        ), 400

    for code, (title, message) in ERROR_PAGES.items():
        app.register_error_handler(code, _error_page(code, title, message))
    for unavailable in DATABASE_UNAVAILABLE:
        app.register_error_handler(unavailable, database_unavailable)

    @login_manager.unauthorized_handler
    def unauthorized():
        if request.method == "GET":
            flash("Please log in to see that page.", "info")
            return redirect(url_for("auth.login", next=request.full_path))
        return render_template(
            "errors/error.html", code=401, title="Log in first",
            message="Your session has ended. Log in and try again.",
        ), 401


# The app's page for each error: its title, and what it says when the error brings no message
# of its own (an abort(404, "...") or a FieldTooLong says more, and is shown instead).
ERROR_PAGES = {
    400: ("Not understood", "The request was incomplete or altered, so nothing was changed. Go "
                            "back, reload the page and try again."),
    403: ("Not allowed", "Your account may not see or do this."),
    404: ("Not found", "There is nothing at this address: it may have been withdrawn or never "
                       "existed."),
    405: ("Not allowed", "This address does not take that kind of request."),
    409: ("Changed meanwhile", "Someone recorded something here meanwhile; look again."),
    413: ("Too large", "What was sent is larger than this site takes, so nothing was saved: "
                       "shorten it and send it again."),
    422: ("Not accepted", "What was sent could not be used, so nothing was saved."),
    429: ("Too many attempts", "Too many attempts in a short time. Wait a few minutes and try "
                               "again."),
    500: ("Something went wrong", "Something went wrong on our side and nothing was saved. Try "
                                  "again; if it happens again, tell the conference secretary "
                                  "(the error has been logged)."),
}
DATABASE_DOWN = ("The conference database is not answering just now, so this page cannot be "
                 "shown and nothing can be saved. Try again in a minute.")
# The database cannot be reached or did not answer (a lost connection, a server restarting, a
# full connection pool): the page says so, 503, rather than a 500 as if a bug.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeout)


def _error_page(code: int, title: str, default_message: str):
    def handler(error):
        message = getattr(error, "description", None)
        if not message or message == getattr(type(error), "description", None):
            message = default_message  # Werkzeug's generic wording: say it the app's way
        if code == 500:
            return _server_error(error, title, message)
        return render_template("errors/error.html", code=code, title=title, message=message), code

    return handler


def _server_error(error, title: str, message: str):
    """The 500 page, drawn without the database if need be: it may be why the request failed."""
    original = getattr(error, "original_exception", None)
    if isinstance(original, DATABASE_UNAVAILABLE):
        return database_unavailable(original)
    with contextlib.suppress(Exception):
        db.session.rollback()
    try:
        page = render_template("errors/error.html", code=500, title=title, message=message)
    except Exception:  # noqa: BLE001 - the page itself failed: the plain one needs nothing
        page = _plain_page(title, message)
    return page, 500


def database_unavailable(_error):
    """503 with a page that needs no database (errors/plain.html), and when to try again."""
    with contextlib.suppress(Exception):
        db.session.rollback()
    return _plain_page("Database unavailable", DATABASE_DOWN), 503, {"Retry-After": "30"}


def _plain_page(title: str, message: str) -> str:
    # Straight from the template, without the context processors render_template runs: one
    # of them looks up the logged-in user, in the database.
    template = current_app.jinja_env.get_template("errors/plain.html")
    return template.render(title=title, message=message)
