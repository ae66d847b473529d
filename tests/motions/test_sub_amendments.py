"""Amendments to amendments: a submitter amends an amendment's wording; the engine applies it
to that wording, the order paper prints it under its amendment and the procedure takes it
first; carried, the amendment as amended is what is then put."""

import pytest

from motions.documents.content import Title, heading_order_paper
from motions.models import Role, Ruling
from motions.voting.services import build_order_paper
from procedure.session import Session

MOTION = "1. Conference calls for two regional organisers.\n"
AMENDMENT = 'In point 1, delete "two regional" and replace with "three national".'
ON_THE_AMENDMENT = 'Delete "three" and insert "four".'


@pytest.fixture
def submitter(make_user, make_organisation):
    return make_user(Role.SUBMITTER, organisation=make_organisation("Kent LLA", membership=120))


@pytest.fixture
def other(make_user, make_organisation):
    return make_user(Role.SUBMITTER, organisation=make_organisation("Dulwich LL", membership=40))


@pytest.fixture
def amendment(make_heading, make_submission, submitter):
    heading = make_heading("Campaigning", published=True)
    motion = make_submission(heading, submitter, text=MOTION, title="Organisers",
                             ruling=Ruling.IN_ORDER)
    return make_submission(heading, submitter, target=motion, text=AMENDMENT,
                           ruling=Ruling.IN_ORDER)


def propose(client, target, text=ON_THE_AMENDMENT):
    return client.post(f"/submit/motions/{target.id}/amendments/new",
                       data={"text": text, "on_behalf": "organisation"})


def test_a_submitter_amends_an_amendments_wording(client, login, db, other, amendment):
    login(other)
    page = client.get(f"/submissions/{amendment.id}")
    assert "Propose an amendment to amendment A1" in page.text
    form = client.get(f"/submit/motions/{amendment.id}/amendments/new")
    assert form.status_code == 200 and "Amendment to amendment A1" in form.text
    assert propose(client, amendment).status_code == 302
    [sub] = amendment.amendments
    assert (sub.label, sub.display_name) == ("A1(a)", "Amendment A1(a) to amendment A1")
    assert sub.engine_error == ""
    own_page = client.get(f"/submissions/{sub.id}").text
    assert "Effect on" in own_page
    assert "<del>three</del>" in own_page and "<ins>four</ins>" in own_page


def test_only_an_amendment_in_order_to_a_motion_can_be_amended(client, login, db, other,
                                                               amendment, make_submission):
    pending = make_submission(amendment.heading, other, target=amendment.target,
                              text='Delete "two".')
    login(other)  # its own submitter may read it, and is told why not
    response = propose(client, pending)
    assert response.status_code == 422 and "in order" in response.text
    assert pending.amendments == []
    deeper = make_submission(amendment.heading, other, target=amendment,
                             text=ON_THE_AMENDMENT, ruling=Ruling.IN_ORDER)
    assert client.get(f"/submit/motions/{deeper.id}/amendments/new").status_code == 404


def test_the_order_paper_takes_it_first_and_the_agreed_text_follows(client, login, db,
                                                                    submitter, amendment,
                                                                    make_submission):
    sub = make_submission(amendment.heading, submitter, target=amendment,
                          text=ON_THE_AMENDMENT, ruling=Ruling.IN_ORDER)
    paper = build_order_paper(amendment.heading)
    session = Session(paper)
    assert [item.key for item in session.plan()] == ["A1(a)", "A1", "A"]
    for key in ("A1(a)", "A1", "A"):
        session.open(key)
        session.count({"for": 30, "against": 10})
        session.declare()
    assert session.agreed().text == "1. Conference calls for four national organisers.\n"
    titles = [p.text for p in heading_order_paper(amendment.heading).parts
              if isinstance(p, Title)]
    at = titles.index(f"Amendment A1 from {amendment.submitted_by}")
    assert titles[at + 1] == f"Amendment {sub.label} to amendment A1 from {sub.submitted_by}"
