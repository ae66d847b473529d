"""In real headless Chromium: a submitter submits a motion and an amendment, the CAC rules and
publishes, and a delegate reads both on the heading's page on a phone."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from motions.models import Conference, Heading, Organisation, Role, User
from motions.models.base import utcnow
from tests.conftest import PASSWORD, PASSWORD_HASH

pytestmark = pytest.mark.browser

MOTION = """Conference notes:

The lack of contact between CLPs and left-leaning groups within them.

Conference proposes:

- To appoint Regional Organisers, following the existing Labour Party Regions.
- That these Organisers will collect and circulate contact details for every affiliated group."""


def seed(session):
    conference = Conference(name="Founding conference",
                            motions_deadline=utcnow() + timedelta(days=3),
                            amendments_deadline=utcnow() + timedelta(days=6))
    heading = Heading(conference=conference, position=1,
                      title="Recruitment, networking, social media")
    york = Organisation(conference=conference, name="York LRC", membership=80)
    people = {}
    for role, name in ((Role.SUBMITTER, "Sam Submitter"), (Role.CAC, "Cass CAC"),
                       (Role.DELEGATE, "Dee Delegate")):
        user = User(name=name, email=f"{role.value}@example.org", password_hash=PASSWORD_HASH,
                    organisation=york)
        user.roles = [role]
        people[role] = user.email
    session.add_all([conference, heading, york])
    return people


def log_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/")


def test_submit_rule_publish_and_read_on_a_phone(served_app, new_page):
    people = served_app.seed(seed)
    url = served_app.url

    submitter = new_page()
    log_in(submitter, url, people[Role.SUBMITTER])
    submitter.get_by_role("link", name="Submit a motion").click()
    submitter.get_by_label("Title").fill("Regional organisers")
    submitter.get_by_label("Text").fill(MOTION)
    submitter.get_by_label("Mover").fill("Ann Mover")
    submitter.get_by_role("button", name="Submit motion").click()
    assert submitter.get_by_role("heading", name="Motion A: Regional organisers").is_visible()
    assert submitter.get_by_text("Awaiting ruling").first.is_visible()

    cac = new_page()
    log_in(cac, url, people[Role.CAC])
    cac.get_by_role("link", name="CAC rulings").click()
    card = cac.locator("article", has_text="Motion A: Regional organisers")
    card.get_by_label("In order").check()
    card.get_by_role("button", name="Record ruling").click()
    assert "ruled in order" in cac.get_by_role("status").inner_text()
    cac.get_by_role("button", name="Publish this heading").click()
    assert "is published" in cac.get_by_role("status").inner_text()

    submitter.goto(f"{url}/")
    submitter.get_by_role("link", name="Recruitment, networking, social media").click()
    submitter.get_by_role("link", name="Propose an amendment to A").click()
    submitter.get_by_label("Amendment instructions").fill(
        "In the second bullet point, after “details” insert “and meeting times”.")
    submitter.get_by_role("button", name="Submit amendment").click()
    assert submitter.get_by_role("status").inner_text() == "Amendment A1 submitted."

    cac.reload()
    amendment_card = cac.locator("article", has_text="Amendment A1 to motion A")
    amendment_card.get_by_label("In order").check()
    amendment_card.get_by_role("button", name="Record ruling").click()
    assert "Amendment A1 to motion A: ruled in order" in cac.get_by_role("status").inner_text()

    phone = new_page(width=390, height=844)
    log_in(phone, url, people[Role.DELEGATE])
    phone.get_by_role("link", name="Recruitment, networking, social media").click()
    assert phone.get_by_role("heading", name="A) Regional organisers").is_visible()
    lines = phone.locator("ol.numbered li")
    assert lines.count() >= 5
    assert lines.first.locator(".ln").inner_text() == "1"
    assert "To appoint Regional Organisers" in phone.locator("ol.numbered").inner_text()
    assert phone.get_by_text("after “details” insert “and meeting times”").is_visible()
    page_width = phone.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390, "the delegate's page must not scroll sideways on a phone"


B_MOTION = ("1.1. The Labour Left Alliance brings together organisations.\n\n"
            "1.2. Opposition to capitalism through the ruinous cycle of production for the sake "
            "of production or profit.")


def seed_published_motion(session):
    from motions.models import Ruling, Submission, SubmissionVersion

    conference = Conference(name="Preview conference",
                            motions_deadline=utcnow() + timedelta(days=3),
                            amendments_deadline=utcnow() + timedelta(days=6))
    heading = Heading(conference=conference, position=1, title="Our structures/constitution",
                      published_at=utcnow())
    london = Organisation(conference=conference, name="London LLA", membership=450)
    author = User(name="Author", email="author@example.org", password_hash=PASSWORD_HASH,
                  organisation=london)
    author.roles = [Role.SUBMITTER]
    motion = Submission(kind="motion", heading=heading, seq=1, title="Our aims", text=B_MOTION,
                        created_by=author, organisation=london, ruling=Ruling.IN_ORDER.value)
    motion.versions.append(SubmissionVersion(number=1, title="Our aims", text=B_MOTION,
                                             created_by=author))
    session.add_all([conference, heading, london, author, motion])
    session.flush()
    return author.email, motion.id


def test_amendment_preview_updates_while_typing(served_app, new_page):
    email, motion_id = served_app.seed(seed_published_motion)
    page = new_page()
    log_in(page, served_app.url, email)
    page.goto(f"{served_app.url}/submit/motions/{motion_id}/amendments/new")

    page.get_by_label("Amendment instructions").fill("In point 1.2 delete “for profit alone”.")
    page.locator("#preview .flash.error").wait_for()
    assert "for profit alone" in page.locator("#preview").inner_text()

    page.get_by_label("Amendment instructions").fill("In point 1.2. remove the words “or profit”.")
    page.locator("#preview del").wait_for()
    assert "or profit" in page.locator("#preview del").inner_text()

    page.get_by_text("Or edit a copy of the motion").click()
    copy = page.get_by_label("The motion, to edit")
    copy.fill(B_MOTION.replace("brings together", "unites"))
    expect(page.get_by_role("button", name="Use these instructions")).to_be_enabled()
    generated = page.locator("#generated").inner_text()
    assert "unites" in generated
    page.get_by_role("button", name="Use these instructions").click()
    assert page.get_by_label("Amendment instructions").input_value() == generated
    page.locator("#preview ins", has_text="unites").wait_for()
    page.get_by_role("button", name="Submit amendment").click()
    assert page.get_by_role("status").first.inner_text() == "Amendment A1 submitted."
