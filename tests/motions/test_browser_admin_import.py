"""In real headless Chromium (CSRF on): the secretary uploads organisations from a CSV file,
pastes accounts, confirms each preview, downloads the new passwords, and a delegate logs in."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from motions.models import Conference, DelegateBand, Organisation, Role, User
from motions.models.base import utcnow
from tests.conftest import PASSWORD_HASH
from tests.motions.test_browser import log_in

pytestmark = pytest.mark.browser

ORGANISATIONS = ("\ufeffname,kind,membership\r\nDulwich Labour Left,branch,150\r\n"
                 "Kent LLA,Affiliate,120\r\nUnite,trade union,4000\r\n").encode()


def seed(session, tag: str = "import"):
    """A conference with Kent LLA and its secretary; ``tag`` keeps e-mail addresses apart."""
    conference = Conference(name="Import conference",
                            motions_deadline=utcnow() + timedelta(days=3),
                            amendments_deadline=utcnow() + timedelta(days=6))
    conference.bands = [DelegateBand(min_members=m, delegates=d)
                        for m, d in ((10, 2), (100, 3), (500, 4), (2000, 5))]
    kent = Organisation(conference=conference, name="Kent LLA", membership=50)
    admin = User(name="Sec Retary", email=f"{tag}-sec@example.org", password_hash=PASSWORD_HASH)
    admin.roles = [Role.ADMIN]
    session.add_all([conference, kent, admin])
    session.flush()
    return conference.id, admin.email


def test_secretary_imports_organisations_and_accounts(served_app, new_page):
    conference_id, email = served_app.seed(seed)
    url = served_app.url
    page = new_page()
    log_in(page, url, email)

    page.goto(f"{url}/admin/conferences/{conference_id}/organisations")
    page.get_by_role("link", name="Import organisations from CSV").click()
    page.get_by_label("CSV file (UTF-8)").set_input_files(
        files=[{"name": "branches.csv", "mimeType": "text/csv", "buffer": ORGANISATIONS}])
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview of 'branches.csv'")).to_be_visible()
    rows = page.locator("table.import-preview tbody tr")
    expect(rows.nth(0)).to_contain_text("Create")
    expect(rows.nth(1)).to_contain_text("Update: kind Local group / branch → Affiliate; "
                                        "membership 50 → 120")
    expect(rows.nth(1)).to_contain_text("2 → 3")
    page.get_by_role("button", name="Import these 3 row(s)").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Organisations imported from 'branches.csv': 2 created, 1 updated, 0 unchanged.")
    expect(page.locator("table.list")).to_contain_text("Unite")

    page.get_by_role("link", name="Import their accounts from CSV").click()
    page.get_by_label("…or paste the rows here").fill(
        "Dee Legate\tdee-import@example.org\tdelegate\tKent LLA\n"
        "Sam Mitter\tsam-import@example.org\tsubmitter; delegate\tUnite\n")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("table.import-preview")).to_contain_text("Create")
    page.get_by_role("button", name="Import these 2 row(s)").click()
    expect(page.get_by_role("heading", name="Accounts imported")).to_be_visible()
    password = page.locator("table.new-passwords tbody tr").nth(0).locator("code").inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as CSV").click()
    with open(download.value.path(), encoding="utf-8") as saved:
        assert f"Dee Legate,dee-import@example.org,Kent LLA,{password}" in saved.read()

    delegate = new_page(width=390, height=844)
    delegate.goto(f"{url}/login")
    delegate.get_by_label("E-mail").fill("dee-import@example.org")
    delegate.get_by_label("Password").fill(password)
    delegate.get_by_role("button", name="Log in").click()
    delegate.wait_for_url(f"{url}/")


def test_reloading_the_new_passwords_page_offers_new_ones(served_app, new_page):
    conference_id, email = served_app.seed(lambda session: seed(session, "reload"))
    url = served_app.url
    page = new_page()
    log_in(page, url, email)
    page.goto(f"{url}/admin/conferences/{conference_id}/accounts/import")
    page.get_by_label("…or paste the rows here").fill(
        "Rita Reload\trita-reload@example.org\tdelegate\tKent LLA\n")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Import these 1 row(s)").click()
    first = page.locator("table.new-passwords code").inner_text()

    page.reload()  # the browser sends the confirmation again
    expect(page.get_by_role("heading", name="This import was already done")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("nothing was imported again")
    assert page.locator("table.new-passwords").count() == 0
    expect(page.get_by_label("Rita Reload <rita-reload@example.org>")).to_be_checked()
    page.get_by_role("button", name="Set new passwords for the accounts ticked").click()
    expect(page.get_by_role("status")).to_contain_text("New passwords set for 1 account")
    second = page.locator("table.new-passwords code").inner_text()
    assert second != first

    delegate = new_page(width=390, height=844)
    delegate.goto(f"{url}/login")
    delegate.get_by_label("E-mail").fill("rita-reload@example.org")
    delegate.get_by_label("Password").fill(second)
    delegate.get_by_role("button", name="Log in").click()
    delegate.wait_for_url(f"{url}/")
