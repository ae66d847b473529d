"""The demo conference (`flask --app wsgi demo`): the LLA founding conference of 2020."""

import re

import pytest

from compositing import apply_amendment
from motions.demo.loader import (
    DEMO_LOGINS,
    TEXTS,
    database_is_empty,
    heading_texts,
    load_demo,
)
from motions.models import Conference, Role, Submission, User
from motions.models.base import utcnow

HEADINGS = {
    "Recruitment, networking, social media": [
        "Other Labour Left organisations",
        "Regional organisers",
        "Social media guidelines",
    ],
    "Political campaigning strategy, goals and priorities": [
        "Labour Party NEC elections",
        "Political campaigning strategy, goals and priorities",
        "An action-based strategy for the LLA",
        "Green New Deal",
        "Campaign against Scottish independence",
        "Launching outwards",
        "Campaign against IHRA definition of antisemitism",
        "Accept the UK is leaving the European Union",
        "Housing",
    ],
    "Our structures/constitution": [
        "Draft constitution: Labour Against the Witchhunt & Sheffield Labour Left",
        "Draft constitution: London Labour Left Alliance",
        "Draft constitution: Tees Labour Left Alliance",
        "Draft constitution: Dulwich Labour Left",
        "Organise within and beyond the Labour Party",
    ],
}


@pytest.fixture
def demo(db):
    return load_demo()


def constitution_b(conference: Conference) -> Submission:
    return conference.headings[2].motions[1]


def user(db, role: str) -> User:
    return db.session.execute(
        db.select(User).where(User.email == DEMO_LOGINS["accounts"][role])
    ).scalar_one()


def test_three_headings_in_order_with_their_motions(demo):
    assert [h.title for h in demo.headings] == list(HEADINGS)
    for heading, titles in zip(demo.headings, HEADINGS.values(), strict=True):
        assert [m.title for m in heading.motions] == titles
        assert [m.label for m in heading.motions] == [chr(ord("A") + n) for n in range(len(titles))]
        assert heading.is_published
    assert [len(h.motions) for h in demo.headings] == [3, 9, 5]


def test_every_submission_is_in_order_with_a_first_version_by_its_submitter(db, demo):
    cac = user(db, "cac")
    submissions = [s for h in demo.headings for s in h.submissions]
    assert len(submissions) == 3 + 9 + 5 + 2
    for item in submissions:
        assert item.is_in_order and item.ruled_by == cac
        assert [v.number for v in item.versions] == [1]
        assert item.versions[0].created_by == item.created_by
        assert item.versions[0].text == item.text
        assert Role.SUBMITTER in item.created_by.roles
        assert item.created_at < item.ruled_at <= utcnow()
        assert item.organisation is not None or len(item.names) >= 10
    motion_a = demo.headings[0].motions[0]
    assert motion_a.organisation.name == "Kent LLA"
    assert motion_a.created_by == user(db, "submitter")


def test_amendments_are_attached_to_constitution_b_as_published(demo):
    motion = constitution_b(demo)
    assert motion.organisation.name == "London LLA"
    assert "1.2. Opposition to capitalism" in motion.text
    assert "for the sake of production or profit." in motion.text
    first, second = motion.amendments
    assert [first.label, second.label] == ["B1", "B2"]
    assert motion.visible_amendments == [first, second]
    assert first.text == "In point 1.2. remove the words “or profit”.\n"
    assert first.organisation.name == "London LLA" and first.mover == "Stan Keable"
    assert second.organisation.name == "Swansea and West Wales LLA"
    assert second.text.startswith("Delete point 2.3 and replace with:\n\n“We encourage LLA members")
    assert second.text.rstrip().endswith("branches and affiliated bodies.”")
    assert all(a.created_at > motion.heading.published_at for a in motion.amendments)
    others = [m for h in demo.headings for m in h.motions if m is not motion]
    assert all(not m.amendments for m in others)


def test_motions_from_individual_members_carry_their_names(demo):
    campaigning = demo.headings[1].motions
    nec, action = campaigning[0], campaigning[2]
    assert nec.organisation is None and nec.submitted_by == "Lee Rock et al"
    assert len(nec.names) == 35 and nec.names[:2] == ["Lee Rock", "Philip Adams"]
    assert action.organisation is None and action.submitted_by == "Tim Argument et al"
    assert len(action.names) == 12
    assert nec.created_by.name == "Lee Rock" and nec.created_by.organisation is None


def test_texts_are_clean_markdown_without_web_cruft(demo):
    texts = [t for folder in ("1-recruitment", "2-campaigning", "3-constitution")
             for t in heading_texts(folder)]
    assert len(texts) == 19
    assert sorted(p.parent.name for p in TEXTS.glob("*/*.md")) == sorted(
        t.path.parent.name for t in texts)
    for item in texts:
        assert not re.search(r"download|PDF|Word file|here\.|->", item.text, re.IGNORECASE), \
            item.path
        assert "\u00a0" not in item.text and "•" not in item.text, item.path
    d = demo.headings[2].motions[3]
    assert d.mover.startswith("Glyn Secker") and d.seconder.startswith("Jessica Pigg")
    assert "## 2. ANNUAL GENERAL MEETING (AGM)" in d.text
    assert "i. between 10 and 100 members are entitled to TWO delegate vote" in d.text


def test_one_account_per_role_each_linked_as_needed(db, demo):
    assert set(DEMO_LOGINS["accounts"]) == {r.value for r in Role}
    for role in DEMO_LOGINS["accounts"]:
        assert user(db, role).roles == {Role(role)}
    assert user(db, "delegate").organisation.name == "London LLA"
    assert user(db, "submitter").organisation.name == "Kent LLA"
    others = {u.organisation_id for u in db.session.execute(db.select(User)).scalars()
              if u.email not in DEMO_LOGINS["accounts"].values()}
    assert None in others and len(others) > 10  # the other submitters' accounts


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_demo_login_works(client, db, demo, role):
    email, password = DEMO_LOGINS["accounts"][role], DEMO_LOGINS["password"]
    assert user(db, role).check_password(password)
    refused = client.post("/login", data={"email": email, "password": "wrong"})
    assert refused.status_code == 401
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.text


def test_entitlements_come_from_the_membership_bands(demo):
    assert [(b.min_members, b.delegates) for b in demo.bands] == [
        (10, 2), (100, 3), (500, 4), (2000, 5)]
    by_name = {o.name: o for o in demo.organisations}
    assert by_name["Cheltenham LL"].delegate_entitlement == 2        # 25 members
    assert by_name["London LLA"].delegate_entitlement == 3           # 450
    assert by_name["Labour Against the Witchhunt"].delegate_entitlement == 4  # 1100
    assert demo.delegates_for(2500) == 5 and demo.delegates_for(9) == 0
    for name in ("Kent LLA", "York LRC", "Rotherham Left Momentum", "Sheffield Labour Left",
                 "Tees Valley LLA", "Dulwich Labour Left", "Merseyside LLA",
                 "Swansea and West Wales LLA", "Lincolnshire LLA", "Glasgow LLA",
                 "Medway/North Kent LLA", "Leicester Labour Left"):
        assert by_name[name].delegate_entitlement >= 2


def test_conference_settings_leave_the_deadlines_open(demo):
    now = utcnow()
    assert demo.name == "Labour Left Alliance founding conference"
    assert str(demo.starts_on) == str(demo.ends_on) == "2020-02-22"
    assert demo.timezone == "Europe/London"
    assert now < demo.motions_deadline < demo.amendments_deadline
    assert (demo.motions_deadline - now).days >= 13
    assert (demo.amendments_deadline - now).days >= 29
    assert (demo.motions_per_submitter, demo.amendments_per_submitter) == (1, 1)
    assert demo.min_individual_submitters == 10
    assert demo.voting_rule == "simple"


def test_demo_submitter_can_still_amend_and_edit_but_not_exceed_the_limit(client, db, demo):
    client.post("/login", data={"email": DEMO_LOGINS["accounts"]["submitter"],
                                "password": DEMO_LOGINS["password"]})
    green_new_deal = demo.headings[1].motions[3]
    response = client.post(f"/submit/motions/{green_new_deal.id}/amendments/new",
                           data={"text": "Add: 11) Campaigning in Kent.",
                                 "on_behalf": "organisation"})
    assert response.status_code == 302, response.text
    assert [a.label for a in green_new_deal.amendments] == ["D1"]

    recruitment = demo.headings[0]
    second = client.post(f"/submit/headings/{recruitment.id}/motions/new",
                         data={"title": "Another", "text": "Conference resolves.",
                               "on_behalf": "organisation"})
    assert 400 <= second.status_code < 500
    assert "Over the limit" in second.text
    assert len(recruitment.motions) == 3

    # Its motion is published: delegates read it, so only the CAC corrects it now.
    own = recruitment.motions[0]
    refused = client.post(f"/submit/submissions/{own.id}/edit",
                          data={"title": own.title, "text": own.text + "\nWe also welcome ...",
                                "on_behalf": "organisation", "version": own.version})
    assert refused.status_code == 409 and "Ask the CAC for a correction" in refused.text
    db.session.refresh(own)
    assert len(own.versions) == 1
    # Its new amendment awaits a ruling: it is still the submitter's to edit.
    amendment = green_new_deal.amendments[0]
    edited = client.post(f"/submit/submissions/{amendment.id}/edit",
                         data={"text": "Add: 11) Campaigning across Kent.",
                               "version": amendment.version})
    assert edited.status_code == 302, edited.text
    db.session.refresh(amendment)
    assert len(amendment.versions) == 2


def test_delegate_reads_the_constitution_heading(client, demo):
    client.post("/login", data={"email": DEMO_LOGINS["accounts"]["delegate"],
                                "password": DEMO_LOGINS["password"]})
    heading = demo.headings[2]
    page = client.get(f"/headings/{heading.id}")
    assert page.status_code == 200
    assert "Draft constitution: London Labour Left Alliance" in page.text
    assert "remove the words" in page.text
    motion = client.get(f"/submissions/{constitution_b(demo).id}")
    assert motion.status_code == 200
    assert "Swansea and West Wales LLA" in motion.text


def test_database_is_empty_before_and_after(db):
    assert database_is_empty()
    load_demo()
    assert not database_is_empty()


def test_cli_loads_the_demo_once_when_asked_if_empty(runner, db):
    first = runner.invoke(args=["demo", "--if-empty"])
    assert first.exit_code == 0, first.output
    assert "Loaded demo conference 'Labour Left Alliance founding conference'" in first.output
    assert DEMO_LOGINS["password"] in first.output
    assert DEMO_LOGINS["accounts"]["cac"] in first.output
    second = runner.invoke(args=["demo", "--if-empty"])
    assert second.exit_code == 0, second.output
    assert "already has a conference" in second.output
    assert db.session.execute(db.select(db.func.count(Conference.id))).scalar_one() == 1


def test_cli_refuses_to_load_the_demo_twice(runner, db):
    assert runner.invoke(args=["demo"]).exit_code == 0
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 1
    assert "already loaded" in again.output
    assert db.session.execute(db.select(db.func.count(Conference.id))).scalar_one() == 1


def test_the_amendments_apply_to_draft_b(demo):
    motion = constitution_b(demo)
    first, second = motion.amendments
    after_first = apply_amendment(motion.text, first.text)
    assert "for the sake of production." in after_first
    assert "or profit" not in after_first
    after_second = apply_amendment(after_first, second.text)
    assert "We encourage LLA members to be in the Labour Party" in after_second
    assert "We expect all LLA members to be in the Labour Party" not in after_second
