"""Logging in, the login pause, sessions that end, cookies and headers."""

from __future__ import annotations

import pytest

from motions.models import Role
from tests.conftest import PASSWORD

# --- next= ---------------------------------------------------------------------------------


@pytest.mark.parametrize("target", [
    "/%0d%0aSet-Cookie:%20x=1", "/%0aLocation:%20https://evil.example", "https://evil.example/",
    "//evil.example/", "/\\evil.example", "/%5Cevil.example", "\\\\evil.example", "/ x",
    "javascript:alert(1)",
])
def test_login_never_follows_next_off_site_nor_breaks_on_it(client, make_user, target):
    user = make_user(Role.DELEGATE)
    response = client.post(f"/login?next={target}",
                           data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.location == "/"


def test_login_follows_next_within_the_site(client, make_user):
    user = make_user(Role.DELEGATE)
    response = client.post("/login?next=/submit/mine%3Fa%3D1",
                           data={"email": user.email, "password": PASSWORD})
    assert response.location == "/submit/mine?a=1"
