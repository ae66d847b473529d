"""The CAC rules submissions in or out of order and publishes headings."""

import pytest

from motions.models import AuditEvent, Role, Ruling


@pytest.fixture
def cac(make_user):
    return make_user(Role.CAC, name="Cass CAC")


@pytest.fixture
def motion(heading, make_user, make_submission):
    return make_submission(heading, make_user(Role.SUBMITTER), title="Organisers",
                           text="1. Appoint regional organisers.")


def test_cac_rules_a_motion_in_order(client, login, db, cac, motion):
    login(cac)
    response = client.post(f"/cac/submissions/{motion.id}/rule", data={"ruling": "in_order"})
    assert response.status_code == 302
    assert motion.ruling == Ruling.IN_ORDER and motion.ruled_by == cac
    assert motion.ruled_at is not None
    event = db.session.execute(db.select(AuditEvent).filter_by(action="ruled")).scalar_one()
    assert event.user == cac and event.subject_id == motion.id


def test_out_of_order_needs_a_reason_which_the_submitter_then_sees(client, login, db, cac,
                                                                   motion):
    login(cac)
    refused = client.post(f"/cac/submissions/{motion.id}/rule",
                          data={"ruling": "out_of_order"})
    assert refused.status_code == 422
    assert "Give the reason" in refused.text
    assert motion.ruling == Ruling.PENDING

    client.post(f"/cac/submissions/{motion.id}/rule", data={
        "ruling": "out_of_order", "reason": "Outside the remit of this heading",
        "detail": "Belongs under campaigning."})
    assert motion.ruling == Ruling.OUT_OF_ORDER
    assert motion.ruling_reason == "Outside the remit of this heading Belongs under campaigning."
    client.post("/logout")
    login(motion.created_by)
    mine = client.get("/submit/mine")
    assert "Out of order: Outside the remit of this heading" in mine.text


def test_an_unknown_ruling_is_refused(client, login, cac, motion):
    login(cac)
    response = client.post(f"/cac/submissions/{motion.id}/rule", data={"ruling": "maybe"})
    assert response.status_code == 422
    assert motion.ruling == Ruling.PENDING


def test_publishing_waits_for_every_motion_to_be_ruled(client, login, db, cac, heading, motion):
    login(cac)
    refused = client.post(f"/cac/headings/{heading.id}/publish")
    assert refused.status_code == 409
    assert "motion A still awaits a ruling" in refused.text
    assert heading.published_at is None

    client.post(f"/cac/submissions/{motion.id}/rule", data={"ruling": "in_order"})
    assert client.post(f"/cac/headings/{heading.id}/publish").status_code == 302
    assert heading.is_published and heading.published_by == cac
    assert client.post(f"/cac/headings/{heading.id}/publish").status_code == 409


def test_cac_page_lists_every_submission_with_its_ruling(client, login, cac, heading, motion,
                                                         make_submission):
    make_submission(heading, motion.created_by, text="Delete point 1.", target=motion)
    login(cac)
    page = client.get(f"/cac/headings/{heading.id}")
    assert page.status_code == 200
    assert "Motion A: Organisers" in page.text
    assert "Amendment A1 to motion A" in page.text
    assert page.text.count("Awaiting ruling") == 2


def ruling_card(page: str, submission) -> str:
    return page.split(f'id="s{submission.id}"')[1].split("</article>")[0]


def test_the_ruling_card_of_an_amendment_shows_its_numbered_effect(client, login, cac, heading,
                                                                    motion, make_submission):
    amendment = make_submission(heading, motion.created_by, target=motion,
                                text="In point 1 delete “regional”.")
    login(cac)
    card = ruling_card(client.get(f"/cac/headings/{heading.id}").text, amendment)
    assert f'href="/submissions/{amendment.id}"' in card  # its own page, with versions
    assert "Effect on motion A" in card
    assert 'class="numbered diff-lines"' in card
    assert "<del>regional </del>" in card.replace("<del> regional</del>", "<del>regional </del>")
    assert "could not apply" not in card


def test_the_ruling_card_says_when_the_engine_cannot_read_an_amendment_and_why(
        client, login, cac, heading, motion, make_submission):
    amendment = make_submission(heading, motion.created_by, target=motion,
                                text="In point 1 delete “national”.")
    login(cac)
    card = ruling_card(client.get(f"/cac/headings/{heading.id}").text, amendment)
    assert "The engine could not apply it, so no effect can be shown" in card
    assert "national" in card.split("could not apply it")[1]  # the engine's reason names it
    assert 'class="numbered diff-lines"' not in card
    assert f"/cac/submissions/{amendment.id}/rule" in card  # the CAC still rules on it


def test_a_correction_that_does_not_say_its_version_is_not_saved(client, login, db, cac,
                                                                 motion):
    """Without its version the correction could overwrite a version the CAC member never saw."""
    login(cac)
    response = client.post(f"/cac/submissions/{motion.id}/correct", data={
        "title": motion.title, "text": "1. Appoint two regional organisers.",
        "reason": "The submitter asked for it"})
    assert response.status_code == 409
    assert "did not say which version you were editing" in response.text
    assert "Appoint two regional organisers." in response.text  # kept in the form
    db.session.refresh(motion)
    assert motion.text == "1. Appoint regional organisers." and len(motion.versions) == 1
