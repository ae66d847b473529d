"""The app's own error pages, and a short 503 page on every page while the database is down."""

import pytest
from flask import abort

from motions import create_app
from motions.auth.sessions import SESSION_KEY

# Nothing listens there: connecting fails at once, as when the database server is down.
UNREACHABLE = {
    "sqlite": "sqlite:///{tmp}/no-such-folder/motions.sqlite3",
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/motions?connect_timeout=2",
}


@pytest.fixture(params=sorted(UNREACHABLE))
def database_down(request, tmp_path):
    """The app with its database unreachable, and a browser that was logged in."""
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False,
                      "SQLALCHEMY_DATABASE_URI": UNREACHABLE[request.param].format(tmp=tmp_path)})
    client = app.test_client()
    with client.session_transaction() as session:
        session[SESSION_KEY] = "1." + "x" * 43  # a login token: finding its user needs the database
    return app, client


def page_urls(app) -> list[str]:
    """Every page a browser can ask for (GET), with made-up ids."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        values = {}
        for name, converter in rule._converters.items():
            choices = getattr(converter, "items", None)
            values[name] = sorted(choices)[0] if choices else 1
        with app.test_request_context():
            from flask import url_for
            urls.append(url_for(rule.endpoint, **values))
    return sorted(urls)


def test_every_page_says_the_database_is_down_with_a_503(database_down):
    app, client = database_down
    urls = page_urls(app)
    assert len(urls) > 30
    for url in urls:
        response = client.get(url)
        assert response.status_code == 503, url
        assert "The conference database is not answering just now" in response.text, url
        assert response.headers["Retry-After"] == "30"
        assert "Traceback" not in response.text and "Werkzeug" not in response.text


def test_saving_while_the_database_is_down_says_so_too(database_down):
    app, _client = database_down
    client = app.test_client()  # not logged in: logging in needs the database too
    response = client.post("/login", data={"email": "chair@example.org", "password": "x" * 12})
    assert response.status_code == 503
    assert "nothing can be saved" in response.text


@pytest.fixture
def bare_app(tmp_path):
    """The app on an empty database, with routes that fail the ways views can."""
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False,
                      "PROPAGATE_EXCEPTIONS": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'empty.sqlite3'}"})

    def broken():
        raise RuntimeError("a bug")

    app.add_url_rule("/test/broken", "broken", broken)
    for code in (400, 413, 422, 429):
        app.add_url_rule(f"/test/{code}", f"abort_{code}", lambda code=code: abort(code))
    return app


@pytest.mark.parametrize(("url", "status", "says"), [
    ("/test/400", 400, "The request was incomplete or altered, so nothing was changed."),
    ("/test/413", 413, "larger than this site takes, so nothing was saved"),
    ("/test/422", 422, "could not be used, so nothing was saved"),
    ("/test/429", 429, "Too many attempts in a short time."),
    ("/test/broken", 500, "Something went wrong on our side and nothing was saved."),
])
def test_errors_have_the_apps_own_pages(bare_app, url, status, says):
    response = bare_app.test_client().get(url)
    assert response.status_code == status
    assert says in response.text
    assert 'href="/static/app.css"' in response.text  # the app's page, not Werkzeug's
    assert "Werkzeug" not in response.text and "a bug" not in response.text


def test_a_request_larger_than_the_site_takes_gets_the_apps_413_page(bare_app):
    response = bare_app.test_client().post("/login", data={"email": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "larger than this site takes" in response.text
