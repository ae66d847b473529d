"""Amendments to amendments: taken first, each on the wording of the amendment it amends; the
amendment is then put as they amended it, and the agreed text follows."""

from procedure.model import Amendment, Motion, OrderPaper
from procedure.record import State
from procedure.replay import order_paper_from_json, order_paper_to_json
from procedure.session import Session

MOTION = "Conference calls for two regional organisers.\n"
AMENDMENT = 'Delete "two regional" and replace with "three national".'


def paper(*sub_amendments: Amendment) -> OrderPaper:
    amendment = Amendment("A1", "Tees", AMENDMENT, amendments=sub_amendments)
    return OrderPaper("Campaigning", (Motion("A", "Organisers", MOTION, (amendment,)),))


def vote(session: Session, key: str, carried: bool) -> None:
    session.open(key)
    session.count({"for": 30, "against": 10} if carried else {"for": 10, "against": 30})
    session.declare()


THREE_TO_FOUR = Amendment("A1(a)", "Dulwich", 'Delete "three" and insert "four".')


def test_the_amendment_to_the_amendment_is_taken_first():
    session = Session(paper(THREE_TO_FOUR))
    assert [item.key for item in session.plan()] == ["A1(a)", "A1", "A"]
    ballots = [item.ballot.question for item in session.plan()]
    assert ballots[0].startswith("Amendment A1(a) (Dulwich) to amendment A1")
    assert "A1 (Tees), as amended, to motion A" in ballots[1]


def test_carried_it_changes_what_the_amendment_then_does():
    session = Session(paper(THREE_TO_FOUR))
    vote(session, "A1(a)", carried=True)
    vote(session, "A1", carried=True)
    vote(session, "A", carried=True)
    assert session.agreed().text == "Conference calls for four national organisers.\n"


def test_lost_the_amendment_is_put_as_written():
    session = Session(paper(THREE_TO_FOUR))
    vote(session, "A1(a)", carried=False)
    vote(session, "A1", carried=True)
    vote(session, "A", carried=True)
    assert session.agreed().text == "Conference calls for three national organisers.\n"


def test_the_amendment_lost_takes_its_amendments_with_it():
    session = Session(paper(THREE_TO_FOUR))
    vote(session, "A1(a)", carried=True)
    vote(session, "A1", carried=False)
    vote(session, "A", carried=True)
    assert session.agreed().text == MOTION


def test_one_whose_words_an_earlier_one_removed_falls():
    first = Amendment("A1(a)", "Dulwich", 'Delete "three national" and insert "four".')
    second = Amendment("A1(b)", "Brighton", 'Delete "national" and insert "local".')
    session = Session(paper(first, second))
    vote(session, "A1(a)", carried=True)
    states = dict((item.key, state) for item, state in session.items())
    assert states["A1(b)"] is State.FELL
    fallen = next(d for d in session.decisions() if d.item == "A1(b)")
    assert "A1(a)" in fallen.explanation


def test_the_order_paper_keeps_its_amendments_to_amendments_through_the_record():
    original = paper(THREE_TO_FOUR)
    again = order_paper_from_json(order_paper_to_json(original))
    assert again == original
    assert again.motions[0].amendments[0].amendments[0].key == "A1(a)"
