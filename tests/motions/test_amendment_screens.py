"""Amendments on screen: live preview, instructions written from an edited copy, the stored
reading, and each amendment's effect on the motion page."""

import json

import pytest

from motions.models import Role, Ruling

MOTION = ("1.1. The Labour Left Alliance brings together organisations.\n\n"
          "1.2. Opposition to capitalism through the ruinous cycle of production for the sake "
          "of production or profit.")


@pytest.fixture
def motion(make_heading, make_user, make_organisation, make_submission):
    heading = make_heading(published=True)
    return make_submission(heading, make_user(Role.SUBMITTER), title="Our aims", text=MOTION,
                           ruling=Ruling.IN_ORDER)


@pytest.fixture
def submitter(make_user, make_organisation):
    return make_user(Role.SUBMITTER, organisation=make_organisation("London LLA"))


def test_preview_shows_the_change_on_numbered_lines(client, login, motion, submitter):
    login(submitter)
    response = client.post(f"/submit/motions/{motion.id}/amendments/preview",
                           data={"text": "In point 1.2. remove the words “or profit”."})
    assert response.status_code == 200
    assert "<del>or profit</del>" in response.text.replace("<del> or profit</del>",
                                                           "<del>or profit</del>")
    assert '<span class="ln" aria-hidden="true">2</span>' in response.text


def test_preview_explains_why_an_instruction_cannot_apply(client, login, motion, submitter):
    login(submitter)
    response = client.post(f"/submit/motions/{motion.id}/amendments/preview",
                           data={"text": "In point 1.2 delete “for profit alone”."})
    assert response.status_code == 200
    assert 'class="flash error"' in response.text
    assert "for profit alone" in response.text


def test_instructions_written_from_an_edited_copy_apply_back(client, login, motion, submitter):
    from compositing import apply_amendment

    login(submitter)
    edited = MOTION.replace(" or profit", "")
    response = client.post(f"/submit/motions/{motion.id}/amendments/describe",
                           data={"edited": edited})
    assert response.status_code == 200
    instruction = response.get_json()["instruction"]
    assert "or profit" in instruction
    assert apply_amendment(MOTION, instruction) == edited
    unchanged = client.post(f"/submit/motions/{motion.id}/amendments/describe",
                            data={"edited": MOTION})
    assert unchanged.get_json() == {"instruction": ""}


def test_amendment_is_stored_as_written_with_its_parsed_form(client, login, motion, submitter):
    login(submitter)
    typed = "In point 1.2. remove the words “or profit”."
    client.post(f"/submit/motions/{motion.id}/amendments/new",
                data={"text": typed, "on_behalf": "organisation"})
    amendment = motion.amendments[0]
    assert amendment.text == typed
    parsed = json.loads(amendment.parsed)
    assert parsed["operations"][0]["action"] == "delete_words"
    assert parsed["operations"][0]["words"] == "or profit"
    assert parsed["operations"][0]["scope"] == "point 1.2"
    assert amendment.engine_error == ""


def test_unreadable_amendment_is_kept_with_a_warning(client, login, motion, submitter):
    login(submitter)
    typed = "Make it better somehow."
    response = client.post(f"/submit/motions/{motion.id}/amendments/new",
                           data={"text": typed, "on_behalf": "organisation"},
                           follow_redirects=True)
    assert response.status_code == 200
    assert "cannot be applied automatically" in response.text
    amendment = motion.amendments[0]
    assert amendment.text == typed and amendment.parsed is None
    assert amendment.engine_error


def test_motion_page_shows_each_amendment_with_its_effect(client, login, motion, make_user,
                                                          make_submission):
    make_submission(motion.heading, motion.created_by, target=motion, ruling=Ruling.IN_ORDER,
                    text="In point 1.2. remove the words “or profit”.")
    login(make_user(Role.DELEGATE))
    page = client.get(f"/submissions/{motion.id}").text
    assert "Effect on the motion" in page
    assert "or profit</del>" in page


def test_preview_needs_the_submitter_role(client, login, motion, make_user):
    login(make_user(Role.DELEGATE))
    response = client.post(f"/submit/motions/{motion.id}/amendments/preview",
                           data={"text": "Delete point 1.1."})
    assert response.status_code == 403


def test_motion_page_says_which_amendment_would_fall(client, login, motion, make_user,
                                                     make_submission):
    author = motion.created_by
    make_submission(motion.heading, author, target=motion, ruling=Ruling.IN_ORDER,
                    text="Delete point 1.2.")
    make_submission(motion.heading, author, target=motion, ruling=Ruling.IN_ORDER,
                    text="In point 1.2. remove the words “or profit”.")
    login(make_user(Role.DELEGATE))
    page = " ".join(client.get(f"/submissions/{motion.id}").text.split())
    assert "<strong>Amendment A1</strong>: applies" in page
    assert "would fall</span> if Amendment A1 is carried" in page
