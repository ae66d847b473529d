"""The CAC settles an amendment's effect by hand: nothing is blocked because the engine could
not read an amendment, or read it otherwise than its submitter meant."""

import pytest

from motions.documents.content import Para, Prose, heading_order_paper
from motions.models import AmendmentReading, AuditEvent, Role, Ruling
from motions.voting.services import build_order_paper

MOTION = "1. Appoint regional organisers.\n\n2. Report to conference every year.\n"
# Plain English the engine does not read as an instruction.
UNREADABLE = "We would like the organisers to be national organisers, not regional ones."
WORDING = 'In point 1, delete "regional" and replace with "national".'


@pytest.fixture
def cac(make_user):
    return make_user(Role.CAC, name="Cass CAC")


@pytest.fixture
def motion(heading, make_user, make_submission):
    return make_submission(heading, make_user(Role.SUBMITTER), title="Organisers", text=MOTION,
                           ruling=Ruling.IN_ORDER)


@pytest.fixture
def amendment(heading, motion, make_submission):
    return make_submission(heading, motion.created_by, target=motion, text=UNREADABLE,
                           ruling=Ruling.IN_ORDER)


def settle(client, amendment, text, reason=""):
    return client.post(f"/cac/submissions/{amendment.id}/settle",
                       data={"text": text, "reason": reason})


def test_the_cac_settles_what_the_engine_could_not_read(client, login, db, cac, heading, motion,
                                                        amendment):
    login(cac)
    page = client.get(f"/cac/submissions/{amendment.id}/settle")
    assert page.status_code == 200
    assert UNREADABLE in page.text  # the words as written, beside the copy
    assert "1. Appoint regional organisers." in page.text  # the copy starts as the motion
    response = settle(client, amendment, MOTION.replace("regional", "national"),
                      reason="The submitter's meaning is plain")
    assert response.status_code == 302
    db.session.refresh(amendment)
    reading = amendment.settled
    assert reading is not None
    assert (reading.settled_by, reading.reason) == (cac, "The submitter's meaning is plain")
    assert reading.wording == WORDING
    assert amendment.text == UNREADABLE  # the words as written are kept
    assert amendment.instruction == WORDING
    assert db.session.execute(db.select(AuditEvent).filter_by(
        action="settled", subject_id=amendment.id)).scalar_one().detail == WORDING
    card = client.get(f"/cac/headings/{heading.id}").text
    assert "Settled by hand by Cass CAC" in card
    assert "<del>regional</del>" in card and "<ins>national</ins>" in card


def test_the_order_paper_the_console_and_the_printed_paper_use_the_settled_reading(
        client, login, db, cac, heading, motion, amendment):
    login(cac)
    settle(client, amendment, MOTION.replace("regional", "national"))
    paper = build_order_paper(heading)
    [taken] = paper.motions[0].amendments
    assert taken.instruction == WORDING
    printed = "\n".join(_words(part) for part in heading_order_paper(heading).parts)
    assert UNREADABLE in printed
    assert "The CAC has settled its effect as:" in printed and WORDING in printed


def test_a_copy_left_as_it_stands_settles_nothing(client, login, db, cac, motion, amendment):
    login(cac)
    response = settle(client, amendment, MOTION)
    assert response.status_code == 422
    assert "edit it to read as the amendment intends" in response.text
    assert db.session.scalar(db.select(db.func.count(AmendmentReading.id))) == 0


def test_going_back_to_the_engines_reading_is_on_the_record(client, login, db, cac, motion,
                                                             amendment):
    login(cac)
    settle(client, amendment, MOTION.replace("regional", "national"))
    assert client.post(f"/cac/submissions/{amendment.id}/unsettle").status_code == 302
    db.session.refresh(amendment)
    assert amendment.settled is None
    assert amendment.instruction == UNREADABLE
    assert [r.cleared for r in amendment.readings] == [False, True]  # both kept, in order
    again = client.post(f"/cac/submissions/{amendment.id}/unsettle")
    assert again.status_code == 409


def test_an_amendment_edited_after_it_was_settled_needs_settling_again(
        client, login, db, cac, motion, amendment):
    login(cac)
    settle(client, amendment, MOTION.replace("regional", "national"))
    amendment.text = "Make the organisers national."
    amendment.versions.append(type(amendment.versions[0])(
        number=2, text=amendment.text, created_by=amendment.created_by))
    db.session.commit()
    assert amendment.settled is None
    assert amendment.instruction == "Make the organisers national."


def test_nothing_is_settled_once_voting_has_started(client, login, db, cac, make_user,
                                                    make_heading, make_submission):
    heading = make_heading("Recruitment", published=True)
    motion = make_submission(heading, make_user(Role.SUBMITTER), text=MOTION,
                             ruling=Ruling.IN_ORDER)
    amendment = make_submission(heading, motion.created_by, target=motion, text=UNREADABLE,
                                ruling=Ruling.IN_ORDER)
    login(make_user(Role.CHAIR))
    assert client.post(f"/voting/headings/{heading.id}/start").status_code == 302
    client.post("/logout")
    login(cac)
    response = settle(client, amendment, MOTION.replace("regional", "national"))
    assert response.status_code == 409
    assert "has started" in response.text
    assert db.session.scalar(db.select(db.func.count(AmendmentReading.id))) == 0


def test_a_motion_has_no_effect_to_settle(client, login, cac, motion):
    login(cac)
    assert client.get(f"/cac/submissions/{motion.id}/settle").status_code == 404


def _words(part) -> str:
    if isinstance(part, Para):
        return part.text
    if isinstance(part, Prose):
        return "\n".join("".join(run.text for run in block.runs) for block in part.blocks)
    return ""
