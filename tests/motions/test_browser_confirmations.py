"""In headless Chromium: withdrawing asks first — the submitter's motion, and the chair's
withdrawal or remittal of the item on screen."""

from datetime import timedelta

import pytest

from motions.models import (
    Conference,
    Heading,
    Organisation,
    Role,
    Ruling,
    Submission,
    SubmissionVersion,
    User,
)
from motions.models.base import utcnow
from tests.conftest import PASSWORD_HASH
from tests.motions.test_browser import log_in

pytestmark = pytest.mark.browser

TEXT = "1. Conference resolves to appoint Regional Organisers."


def seed(session, tag: str):
    """A published heading with a motion in order and an unpublished one with a pending motion;
    ``tag`` keeps the e-mail addresses apart between tests sharing the served app."""
    conference = Conference(name="Confirming conference",
                            motions_deadline=utcnow() + timedelta(days=2),
                            amendments_deadline=utcnow() + timedelta(days=3))
    york = Organisation(conference=conference, name="York LRC", membership=80)
    people = {}
    for role, name in ((Role.CHAIR, "Cheryl Chair"), (Role.SUBMITTER, "Sam Submitter")):
        user = User(name=name, email=f"{role.value}-{tag}@confirming.example",
                    password_hash=PASSWORD_HASH, organisation=york)
        user.roles = [role]
        people[role] = user
    headings = []
    for position, (title, published) in enumerate(
            [("Regional organisers", True), ("Social media", False)], start=1):
        heading = Heading(conference=conference, position=position, title=title,
                          published_at=utcnow() if published else None)
        motion = Submission(kind="motion", heading=heading, seq=1, title=f"{title} motion",
                            text=TEXT, created_by=people[Role.SUBMITTER], organisation=york,
                            ruling=Ruling.IN_ORDER.value if published else Ruling.PENDING.value)
        motion.versions.append(SubmissionVersion(number=1, title=motion.title, text=TEXT,
                                                 created_by=people[Role.SUBMITTER]))
        session.add_all([heading, motion])
        headings.append(heading)
    session.add_all([conference, york, *people.values()])
    session.flush()
    return {role: user.email for role, user in people.items()}, headings[0].id


def test_the_chair_is_asked_before_an_item_is_withdrawn_or_remitted(served_app, new_page):
    people, heading_id = served_app.seed(lambda session: seed(session, "chair"))
    chair = new_page()
    log_in(chair, served_app.url, people[Role.CHAIR])
    chair.goto(f"{served_app.url}/voting/headings/{heading_id}")
    chair.get_by_role("button", name="Start voting on this heading").click()
    chair.get_by_role("heading", name="Chair's console").wait_for()

    chair.get_by_text("Withdrawn or remitted instead").click()
    withdraw = chair.locator("form", has=chair.get_by_label("Withdrawn by"))
    # Enter in the field does not withdraw: nothing was asked yet.
    withdraw.get_by_label("Withdrawn by").fill("withdrawn by York LRC")
    withdraw.get_by_label("Withdrawn by").press("Enter")
    chair.wait_for_timeout(500)
    assert "Withdrawn." not in chair.locator("main").inner_text()
    assert chair.get_by_role("heading", name="Regional organisers motion").is_visible()
    assert not withdraw.get_by_role("button", name="Yes, withdraw").is_visible()

    withdraw.get_by_text("Withdraw…").click()
    assert "It will not be voted on" in withdraw.get_by_role("note").inner_text()
    withdraw.get_by_role("button", name="Yes, withdraw").click()
    assert "Withdrawn." in chair.get_by_role("status").inner_text()
    assert chair.get_by_role("heading", name="Voting on this heading is finished").is_visible()


def test_a_submitter_is_asked_before_a_motion_is_withdrawn(served_app, new_page):
    people, _ = served_app.seed(lambda session: seed(session, "submitter"))
    page = new_page()
    log_in(page, served_app.url, people[Role.SUBMITTER])
    page.goto(f"{served_app.url}/submit/mine")
    row = page.locator("tr", has_text="Social media motion")
    row.get_by_role("link", name="Withdraw…").click()
    told = page.get_by_role("region", name="What withdrawing does").inner_text()
    assert "It cannot be undone" in told and "frees your place" in told
    page.get_by_role("link", name="No, keep it").click()
    page.goto(f"{served_app.url}/submit/mine")
    assert "Withdrawn" not in page.locator("tr", has_text="Social media motion").inner_text()

    page.locator("tr", has_text="Social media motion").get_by_role("link",
                                                                   name="Withdraw…").click()
    page.get_by_role("button", name="Yes, withdraw").click()
    page.goto(f"{served_app.url}/submit/mine")
    assert "Withdrawn" in page.locator("tr", has_text="Social media motion").inner_text()
