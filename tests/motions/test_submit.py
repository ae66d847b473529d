"""Submitters: submit, edit, withdraw motions and amendments, within the rules."""

from datetime import timedelta

import pytest
from sqlalchemy import func

from motions.models import AuditEvent, Role, Ruling, Submission
from motions.models.base import utcnow

WITHDRAW = {"confirmed": "yes"}  # the withdrawal's confirmation page posts this

MOTION = "1. Conference notes the lack of contact between groups.\n\n2. Conference resolves to act."


@pytest.fixture
def group(make_organisation):
    return make_organisation("Kent LLA", membership=120)


@pytest.fixture
def submitter(make_user, group):
    return make_user(Role.SUBMITTER, organisation=group, name="Sam Submitter")


def count_submissions(db) -> int:
    return db.session.execute(db.select(func.count(Submission.id))).scalar_one()


def motion_form(**overrides) -> dict:
    form = {"title": "Regional organisers", "text": MOTION, "mover": "Ann Mover",
            "seconder": "Bob Seconder", "on_behalf": "organisation"}
    form.update(overrides)
    return form


def test_submitter_submits_a_motion_for_their_organisation(client, login, db, heading,
                                                           submitter):
    login(submitter)
    response = client.post(f"/submit/headings/{heading.id}/motions/new", data=motion_form())
    assert response.status_code == 302
    motion = db.session.execute(db.select(Submission)).scalar_one()
    assert (motion.title, motion.label, motion.organisation.name) == (
        "Regional organisers", "A", "Kent LLA")
    assert motion.ruling == Ruling.PENDING
    assert [v.number for v in motion.versions] == [1]
    assert motion.versions[0].created_by == submitter
    page = client.get(response.location)
    assert "Motion A: Regional organisers" in page.text
    assert "Awaiting ruling" in page.text


def test_motion_from_individuals_needs_enough_names(client, login, db, heading, make_user):
    loner = make_user(Role.SUBMITTER)
    login(loner)
    names = "\n".join(f"Member {i}" for i in range(9))
    response = client.post(f"/submit/headings/{heading.id}/motions/new",
                           data=motion_form(on_behalf="individuals", individual_names=names))
    assert response.status_code == 422
    assert "at least 10 different names" in response.text and "9 given" in response.text
    assert count_submissions(db) == 0

    names += "\nMember 9"
    response = client.post(f"/submit/headings/{heading.id}/motions/new",
                           data=motion_form(on_behalf="individuals", individual_names=names))
    assert response.status_code == 302
    assert db.session.execute(db.select(Submission)).scalar_one().submitted_by == "Member 0 et al"


def test_account_without_organisation_cannot_submit_for_one(client, login, db, heading,
                                                            make_user):
    login(make_user(Role.SUBMITTER))
    response = client.post(f"/submit/headings/{heading.id}/motions/new", data=motion_form())
    assert response.status_code == 422
    assert "not linked to an organisation" in response.text
    assert count_submissions(db) == 0


@pytest.mark.parametrize(("overrides", "message"), [
    ({"text": "   "}, "The motion has no text."),
    ({"text": "x" * 50_001}, "the limit is 50,000"),
    ({"title": ""}, "A motion needs a title."),
])
def test_bad_motion_is_refused_and_nothing_stored(client, login, db, heading, submitter,
                                                  overrides, message):
    login(submitter)
    response = client.post(f"/submit/headings/{heading.id}/motions/new",
                           data=motion_form(**overrides))
    assert response.status_code == 422
    assert message in response.text
    assert count_submissions(db) == 0


def test_over_the_per_submitter_limit_is_refused(client, login, db, heading, submitter,
                                                 make_user, group):
    login(submitter)
    assert client.post(f"/submit/headings/{heading.id}/motions/new",
                       data=motion_form()).status_code == 302
    colleague = make_user(Role.SUBMITTER, organisation=group)
    client.post("/logout")
    login(colleague)
    response = client.post(f"/submit/headings/{heading.id}/motions/new",
                           data=motion_form(title="Another"))
    assert response.status_code == 422
    assert "Over the limit: your organisation has already submitted 1 motion" in response.text
    assert count_submissions(db) == 1


def test_withdrawn_motion_frees_the_place_under_the_limit(client, login, db, heading, submitter):
    login(submitter)
    client.post(f"/submit/headings/{heading.id}/motions/new", data=motion_form())
    first = db.session.execute(db.select(Submission)).scalar_one()
    assert client.post(f"/submit/submissions/{first.id}/withdraw",
                       data=WITHDRAW).status_code == 302
    assert client.post(f"/submit/headings/{heading.id}/motions/new",
                       data=motion_form(title="Second try")).status_code == 302
    assert count_submissions(db) == 2
    assert first.withdrawn_at is not None


def test_no_submission_after_the_deadline(client, login, db, conference, heading, submitter):
    conference.motions_deadline = utcnow() - timedelta(hours=1)
    db.session.commit()
    login(submitter)
    response = client.post(f"/submit/headings/{heading.id}/motions/new", data=motion_form())
    assert response.status_code == 403
    assert "The deadline for motions passed" in response.text
    assert count_submissions(db) == 0


def test_edit_keeps_every_version_with_who_and_when(client, login, db, heading, submitter,
                                                     make_submission):
    motion = make_submission(heading, submitter, text=MOTION, title="Organisers")
    login(submitter)
    response = client.post(f"/submit/submissions/{motion.id}/edit", data=motion_form(
        title="Organisers", text=MOTION.replace("act", "appoint organisers"), version=1))
    assert response.status_code == 302
    assert [v.number for v in motion.versions] == [1, 2]
    assert motion.versions[1].created_by == submitter
    assert "appoint organisers" in motion.text
    compare = client.get(f"/submit/submissions/{motion.id}/versions?a=1&b=2")
    assert compare.status_code == 200
    assert "<del>act</del>" in compare.text.replace("<del>act.</del>", "<del>act</del>")
    assert "<ins>appoint" in compare.text


def test_second_of_two_concurrent_edits_is_refused(client, login, db, heading, submitter,
                                                    make_user, group, make_submission):
    motion = make_submission(heading, submitter, text=MOTION, title="Organisers")
    colleague = make_user(Role.SUBMITTER, organisation=group, name="Colleague")
    login(colleague)
    assert client.post(f"/submit/submissions/{motion.id}/edit", data=motion_form(
        title="Organisers", text="1. Colleague's words.", version=1)).status_code == 302
    client.post("/logout")
    login(submitter)
    response = client.post(f"/submit/submissions/{motion.id}/edit", data=motion_form(
        title="Organisers", text="1. My words.", version=1))
    assert response.status_code == 409
    assert "Colleague saved a newer version" in response.text
    assert motion.text == "1. Colleague's words."
    assert len(motion.versions) == 2


@pytest.mark.parametrize("version", [None, "", "0"], ids=["left out", "empty", "zero"])
def test_an_edit_that_does_not_say_its_version_is_not_saved_over_the_text(
        client, login, db, heading, submitter, make_submission, version):
    """A form without its version (a script, an old page, a tampered field) must not skip the
    edit-conflict check: it could be saving over a colleague's version."""
    motion = make_submission(heading, submitter, text=MOTION, title="Organisers")
    login(submitter)
    form = motion_form(title="Organisers", text="1. Words typed on a stale page.")
    if version is not None:
        form["version"] = version
    response = client.post(f"/submit/submissions/{motion.id}/edit", data=form)
    assert response.status_code == 409
    assert "did not say which version you were editing" in response.text
    assert "Words typed on a stale page." in response.text  # the typing is kept in the form
    db.session.refresh(motion)
    assert motion.text == MOTION and len(motion.versions) == 1


def test_no_edit_or_withdrawal_after_the_deadline(client, login, db, conference, heading,
                                                  submitter, make_submission):
    motion = make_submission(heading, submitter, text=MOTION)
    conference.motions_deadline = utcnow() - timedelta(minutes=5)
    db.session.commit()
    login(submitter)
    edit = client.post(f"/submit/submissions/{motion.id}/edit",
                       data=motion_form(text="1. Changed.", version=1))
    assert edit.status_code == 403
    withdraw = client.post(f"/submit/submissions/{motion.id}/withdraw", data=WITHDRAW)
    assert withdraw.status_code == 403
    assert "deadline for motions passed" in withdraw.text
    assert motion.text == MOTION and motion.withdrawn_at is None


def test_others_cannot_edit_or_withdraw(client, login, db, heading, submitter, make_user,
                                        make_submission):
    motion = make_submission(heading, submitter, text=MOTION)
    login(make_user(Role.SUBMITTER))
    assert client.get(f"/submit/submissions/{motion.id}/edit").status_code == 403
    assert client.post(f"/submit/submissions/{motion.id}/withdraw",
                       data=WITHDRAW).status_code == 403
    assert motion.withdrawn_at is None


def test_amendment_to_a_published_motion_is_stored_as_typed(client, login, db, make_heading,
                                                            submitter, make_user,
                                                            make_submission):
    heading = make_heading(published=True)
    motion = make_submission(heading, make_user(Role.SUBMITTER), text=MOTION,
                             ruling=Ruling.IN_ORDER)
    instruction = "In point 2 delete “act” and replace with ‘organise’."
    login(submitter)
    response = client.post(f"/submit/motions/{motion.id}/amendments/new",
                           data={"text": instruction, "on_behalf": "organisation"})
    assert response.status_code == 302
    amendment = motion.amendments[0]
    assert amendment.text == instruction
    assert amendment.label == "A1"
    events = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert "submitted" in events


def test_amendment_to_an_unpublished_motion_is_refused(client, login, db, heading, submitter,
                                                       make_submission):
    motion = make_submission(heading, submitter, text=MOTION, ruling=Ruling.IN_ORDER)
    login(submitter)
    response = client.post(f"/submit/motions/{motion.id}/amendments/new",
                           data={"text": "Delete point 1.", "on_behalf": "organisation"})
    assert response.status_code == 422
    assert "published motions" in response.text
    assert motion.amendments == []


def test_unknown_ids_are_404(client, login, submitter):
    login(submitter)
    assert client.get("/submit/headings/9999/motions/new").status_code == 404
    assert client.get("/submit/motions/9999/amendments/new").status_code == 404
    assert client.post("/submit/submissions/9999/withdraw", data=WITHDRAW).status_code == 404
