"""In headless Chromium: the chair runs a vote from the keyboard alone, and the projector
screen follows by itself."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

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


def seed(session):
    conference = Conference(name="Voting conference", motions_deadline=utcnow(),
                            amendments_deadline=utcnow() + timedelta(days=1))
    heading = Heading(conference=conference, position=1, title="Regional organisers",
                      published_at=utcnow())
    york = Organisation(conference=conference, name="York LRC", membership=80)
    chair = User(name="Cheryl Chair", email="chair@voting.example", password_hash=PASSWORD_HASH)
    chair.roles = [Role.CHAIR]
    viewer = User(name="Dee Delegate", email="delegate@voting.example",
                  password_hash=PASSWORD_HASH, organisation=york)
    viewer.roles = [Role.DELEGATE]
    motion = Submission(kind="motion", heading=heading, seq=1, title="Organisers", text=TEXT,
                        created_by=chair, organisation=york, ruling=Ruling.IN_ORDER.value)
    motion.versions.append(SubmissionVersion(number=1, title="Organisers", text=TEXT,
                                             created_by=chair))
    session.add_all([conference, heading, york, chair, viewer, motion])
    session.flush()
    return heading.id


def test_chair_runs_a_vote_from_the_keyboard_and_the_screen_follows(served_app, new_page):
    heading_id = served_app.seed(seed)
    url = served_app.url

    projector = new_page(width=1920, height=1080)
    log_in(projector, url, "delegate@voting.example")
    projector.goto(f"{url}/voting/headings/{heading_id}/screen")
    assert projector.get_by_role("heading", name="Voting has not started").is_visible()

    chair = new_page()
    log_in(chair, url, "chair@voting.example")
    chair.goto(f"{url}/voting/headings/{heading_id}")
    chair.get_by_role("button", name="Start voting on this heading").focus()
    chair.keyboard.press("Enter")
    chair.get_by_role("heading", name="Chair's console").wait_for()

    # The first count field has the focus: type, Tab to the next, Enter submits.
    expect(chair.locator("input[name='for']")).to_be_focused()
    chair.keyboard.type("41")
    chair.keyboard.press("Tab")
    chair.keyboard.press("Control+A")
    chair.keyboard.type("12")
    chair.keyboard.press("Enter")
    chair.locator(".outcome .result", has_text="carried").wait_for()
    # "Declare the result" now has the focus.
    expect(chair.get_by_role("button", name="Declare the result")).to_be_focused()
    chair.keyboard.press("Enter")
    chair.get_by_role("heading", name="Voting on this heading is finished").wait_for()

    projector.get_by_role("heading", name="Voting finished").wait_for(timeout=15_000)
    assert "CARRIED" in projector.locator(".last-result").inner_text()

    chair.get_by_role("link", name="See the agreed text and the record").click()
    assert chair.get_by_text("Conference resolves to appoint Regional Organisers.").is_visible()
    assert "41" in chair.locator("table.record").inner_text()
