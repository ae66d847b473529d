"""The new-passwords CSV opens in a spreadsheet as text: no cell can start a formula."""

import csv
import io

import pytest

from motions.models import Role
from tests.motions.test_admin_import import confirm, preview, token_of


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN, email="sec@example.org")


@pytest.mark.parametrize("email", ["=1+2@example.org", "+44@example.org", "-x@example.org"])
def test_an_e_mail_cannot_start_a_formula_in_the_passwords_csv(client, login, admin, conference,
                                                               email):
    login(admin)
    rows = f"Name,E-mail,Roles\n=HYPERLINK(\"x\"),{email},submitter\n"
    previewed = preview(client, conference, "accounts", text=rows)
    assert previewed.status_code == 200, previewed.text
    done = confirm(client, conference, "accounts", token_of(previewed))
    download = client.post("/admin/imports/passwords.csv", data={"token": token_of(done)})
    [header, row] = list(csv.reader(io.StringIO(download.text)))
    assert header == ["name", "email", "organisation", "password"]
    assert row[0] == "'=HYPERLINK(\"x\")"
    assert row[1] == "'" + email  # shown as typed, never run
    assert row[3][0].isalnum()
