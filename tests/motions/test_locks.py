"""A ruled text cannot change silently: edits after a ruling go back to the CAC, published texts
are corrected only by the CAC on the record, and nothing changes once voting has started."""

import pytest
from sqlalchemy import func

from motions.models import AuditEvent, Role, Ruling, Submission, SubmissionRuling

MOTION = "1. Conference notes the lack of contact between groups.\n\n2. Conference resolves to act."
WITHDRAW = {"confirmed": "yes"}


@pytest.fixture
def group(make_organisation):
    return make_organisation("Kent LLA", membership=120)


@pytest.fixture
def submitter(make_user, group):
    return make_user(Role.SUBMITTER, organisation=group, name="Sam Submitter")


@pytest.fixture
def cac(make_user):
    return make_user(Role.CAC, name="Cass CAC")


@pytest.fixture
def motion(heading, submitter, make_submission):
    return make_submission(heading, submitter, title="Regional organisers", text=MOTION)


def as_user(client, login, user):
    client.post("/logout")
    login(user)


def rule(client, submission, ruling="in_order", **extra):
    return client.post(f"/cac/submissions/{submission.id}/rule",
                       data={"ruling": ruling, **extra})


def edit(client, submission, text, title="Regional organisers"):
    data = {"text": text, "version": submission.version}
    if submission.is_motion:
        data["title"] = title
    return client.post(f"/submit/submissions/{submission.id}/edit", data=data)


def audit(db, action):
    return db.session.execute(db.select(AuditEvent).filter_by(action=action)).scalars().all()


# --- an edit after a ruling ------------------------------------------------------------------


@pytest.mark.parametrize("ruling", ["in_order", "out_of_order"])
def test_an_edit_after_a_ruling_goes_back_to_the_cac_with_what_changed(
        client, login, db, cac, submitter, motion, ruling):
    as_user(client, login, cac)
    assert rule(client, motion, ruling, reason="other", detail="Outside the remit").status_code \
        == 302
    as_user(client, login, submitter)
    form = client.get(f"/submit/submissions/{motion.id}/edit").text
    assert "Saving a new version sends it back to the CAC" in form

    edited = edit(client, motion, MOTION.replace("to act", "to appoint organisers"))
    assert edited.status_code == 302
    db.session.refresh(motion)
    assert motion.ruling == Ruling.PENDING and motion.ruled_by is None
    assert "now awaits a new ruling" in client.get(edited.location).text
    assert [(r.version_number, r.ruling) for r in motion.rulings] == [(1, ruling)]
    assert "Awaiting ruling (again" in client.get("/submit/mine").text
    [reopened] = audit(db, "ruling reopened")
    assert reopened.subject_id == motion.id and "version 2" in reopened.detail

    as_user(client, login, cac)
    page = client.get(f"/cac/headings/{motion.heading_id}").text
    card = page.split(f'id="s{motion.id}"')[1]
    assert "Edited by its submitter after the CAC ruled it" in card
    assert "What changed since version 1" in card
    assert "<del>act</del>" in card and "<ins>appoint organisers</ins>" in card


def test_the_heading_cannot_be_published_while_an_edited_motion_awaits_its_new_ruling(
        client, login, db, cac, submitter, motion):
    as_user(client, login, cac)
    rule(client, motion)
    as_user(client, login, submitter)
    edit(client, motion, MOTION + "\n\n3. And more.")
    as_user(client, login, cac)
    refused = client.post(f"/cac/headings/{motion.heading_id}/publish")
    assert refused.status_code == 409 and "still awaits a ruling" in refused.text
    rule(client, motion)
    assert [r.version_number for r in motion.rulings] == [1, 2]
    assert client.post(f"/cac/headings/{motion.heading_id}/publish").status_code == 302


def test_an_unruled_edit_needs_no_new_ruling(client, login, db, submitter, motion):
    login(submitter)
    assert edit(client, motion, MOTION + "\n\n3. And more.").status_code == 302
    assert motion.changed_since_ruling is None and audit(db, "ruling reopened") == []


# --- published texts ------------------------------------------------------------------------


def test_a_published_motion_cannot_be_edited_by_its_submitter(client, login, db, heading,
                                                              submitter, motion, cac):
    as_user(client, login, cac)
    rule(client, motion)
    client.post(f"/cac/headings/{heading.id}/publish")
    as_user(client, login, submitter)

    shown = client.get(f"/submit/submissions/{motion.id}/edit")
    assert shown.status_code == 409 and "Ask the CAC for a correction" in shown.text
    refused = edit(client, motion, "1. Something else entirely.")
    assert refused.status_code == 409
    db.session.refresh(motion)
    assert motion.text == MOTION and len(motion.versions) == 1 and motion.is_in_order

    page = client.get(f"/submissions/{motion.id}").text
    assert f"/submit/submissions/{motion.id}/edit" not in page
    assert "can no longer be edited" in page
    assert f"/submit/submissions/{motion.id}/withdraw" in page  # withdrawing still asks first
    assert f"/submit/submissions/{motion.id}/edit" not in client.get("/submit/mine").text


def test_an_amendment_is_the_submitters_until_it_is_ruled_in_order(
        client, login, db, make_heading, submitter, make_submission, make_user, cac):
    published = make_heading("Recruitment", published=True)
    motion = make_submission(published, make_user(Role.SUBMITTER), text=MOTION,
                             ruling=Ruling.IN_ORDER)
    amendment = make_submission(published, submitter, target=motion,
                                text="In point 2 delete “to act”.")
    login(submitter)
    assert edit(client, amendment, "In point 2 delete “act”.").status_code == 302

    as_user(client, login, cac)
    rule(client, amendment)
    as_user(client, login, submitter)
    refused = edit(client, amendment, "In point 1 delete “lack of”.")
    assert refused.status_code == 409 and "This amendment is published" in refused.text
    db.session.refresh(amendment)
    assert amendment.text == "In point 2 delete “act”." and amendment.is_in_order


# --- the CAC's correction -------------------------------------------------------------------


def test_the_cac_corrects_a_published_motion_on_the_record(client, login, db, heading,
                                                           submitter, motion, cac):
    login(cac)
    rule(client, motion)
    client.post(f"/cac/headings/{heading.id}/publish")
    card = client.get(f"/cac/headings/{heading.id}").text
    assert f"/cac/submissions/{motion.id}/correct" in card
    form = client.get(f"/cac/submissions/{motion.id}/correct")
    assert form.status_code == 200 and "Conference resolves to act." in form.text

    corrected_text = MOTION.replace("lack", "lack (sic)")
    no_reason = client.post(f"/cac/submissions/{motion.id}/correct", data={
        "title": motion.title, "text": corrected_text, "reason": " ", "version": motion.version})
    assert no_reason.status_code == 422 and "Say why the CAC corrects it" in no_reason.text
    assert corrected_text in no_reason.text  # the CAC's typing is kept
    assert len(motion.versions) == 1

    done = client.post(f"/cac/submissions/{motion.id}/correct", data={
        "title": motion.title, "text": corrected_text, "version": motion.version,
        "reason": "Typing error reported by the submitter"})
    assert done.status_code == 302
    db.session.refresh(motion)
    assert motion.text == corrected_text and motion.is_in_order
    latest = motion.versions[-1]
    assert (latest.number, latest.created_by, latest.note) == (
        2, cac, "Corrected by the CAC: Typing error reported by the submitter")
    [event] = audit(db, "corrected")
    assert event.user == cac and "Typing error" in event.detail
    versions = client.get(f"/submit/submissions/{motion.id}/versions").text
    assert "Corrected by the CAC: Typing error reported by the submitter" in versions

    stale = client.post(f"/cac/submissions/{motion.id}/correct", data={
        "title": motion.title, "text": MOTION, "version": 1, "reason": "Again"})
    assert stale.status_code == 409 and len(motion.versions) == 2


def test_only_the_cac_corrects(client, login, submitter, motion):
    login(submitter)
    assert client.get(f"/cac/submissions/{motion.id}/correct").status_code == 403
    assert client.post(f"/cac/submissions/{motion.id}/correct", data={
        "title": "x", "text": "y", "reason": "z", "version": motion.version}).status_code == 403


# --- once voting has started ----------------------------------------------------------------


@pytest.fixture
def voting(client, login, db, make_heading, make_user, make_submission, submitter):
    """A published heading on which the chair has started voting; the submitter's amendment
    is still pending."""
    heading = make_heading("Recruitment", published=True)
    motion = make_submission(heading, submitter, title="Organisers", text=MOTION,
                             ruling=Ruling.IN_ORDER)
    pending = make_submission(heading, submitter, target=motion, text="In point 2 delete “to”.")
    login(make_user(Role.CHAIR))
    assert client.post(f"/voting/headings/{heading.id}/start").status_code == 302
    client.post("/logout")
    return heading, motion, pending


def test_once_voting_has_started_no_ruling_is_made_or_changed(client, login, db, cac, voting):
    heading, motion, pending = voting
    login(cac)
    for submission in (motion, pending):
        refused = rule(client, submission, "out_of_order", reason="other", detail="Late")
        assert refused.status_code == 409
        assert "The chair can withdraw or remit an item instead" in refused.text
    db.session.refresh(motion)
    db.session.refresh(pending)
    assert motion.is_in_order and pending.ruling == Ruling.PENDING
    assert db.session.execute(db.select(func.count(SubmissionRuling.id))).scalar_one() == 0
    page = client.get(f"/cac/headings/{heading.id}").text
    assert "the ruling is fixed" in page and f"/cac/submissions/{motion.id}/rule" not in page
    corrected = client.post(f"/cac/submissions/{motion.id}/correct", data={
        "title": "Organisers", "text": "1. Other.", "reason": "Typo", "version": motion.version})
    assert corrected.status_code == 409 and motion.text == MOTION


def test_once_voting_has_started_submitters_change_nothing(client, login, db, submitter, voting):
    heading, motion, pending = voting
    login(submitter)
    assert edit(client, pending, "In point 1 delete “lack”.").status_code == 409
    assert client.post(f"/submit/submissions/{motion.id}/withdraw",
                       data=WITHDRAW).status_code == 409
    new = client.post(f"/submit/motions/{motion.id}/amendments/new",
                      data={"text": "Add: 3. More.", "on_behalf": "organisation"})
    assert new.status_code == 409 and "Voting on ‘Recruitment’ has started" in new.text
    db.session.refresh(motion)
    assert not motion.is_withdrawn and len(motion.amendments) == 1
    assert pending.text == "In point 2 delete “to”."
    confirm = client.get(f"/submit/submissions/{motion.id}/withdraw").text
    assert "has started" in confirm and "Yes, withdraw" not in confirm


# --- withdrawing asks first -----------------------------------------------------------------


def test_withdrawing_asks_for_confirmation_saying_what_it_does(client, login, db, submitter,
                                                               motion):
    login(submitter)
    mine = client.get("/submit/mine").text
    assert f'href="/submit/submissions/{motion.id}/withdraw"' in mine
    assert f'action="/submit/submissions/{motion.id}/withdraw"' not in mine  # no one-click POST

    page = client.get(f"/submit/submissions/{motion.id}/withdraw")
    assert page.status_code == 200
    assert "Withdraw Motion A: Regional organisers?" in page.text
    assert "It cannot be undone" in page.text and "will not be debated or voted on" in page.text
    unconfirmed = client.post(f"/submit/submissions/{motion.id}/withdraw")
    assert unconfirmed.status_code == 200 and "Yes, withdraw" in unconfirmed.text
    db.session.refresh(motion)
    assert not motion.is_withdrawn

    done = client.post(f"/submit/submissions/{motion.id}/withdraw", data=WITHDRAW)
    assert done.status_code == 302
    db.session.refresh(motion)
    assert motion.is_withdrawn
    assert db.session.get(Submission, motion.id).withdrawn_at is not None
