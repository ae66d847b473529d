"""Properties over random sessions of the real LLA order paper: whatever the hall votes, the
session runs to the end, every item gets exactly one decision, and replaying the recorded
inputs gives the same record and the same agreed text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procedure.ballots import ABSTAIN
from procedure.record import CastingVote, State
from procedure.replay import apply_event
from procedure.rules import Result, decide
from procedure.session import Session, parse_votes
from tests.procedure.proc_papers import lla_paper

PAPER = lla_paper()
counts = st.integers(min_value=0, max_value=6)


@st.composite
def sessions(draw) -> Session:
    session = Session(PAPER)
    while not session.finished:
        item = session.current
        session.open(item.key)
        votes = {choice: draw(counts) for choice in (*item.ballot.choices, ABSTAIN)}
        outcome = session.count(votes)
        if outcome.needs_casting_vote:
            session.cast_vote(draw(st.sampled_from(outcome.tied)), "Chair")
        session.declare()
        if draw(st.integers(0, 9)) == 0:
            # Now and then the tellers correct the result just declared.
            recount = {choice: draw(counts) for choice in (*item.ballot.choices, ABSTAIN)}
            counted = decide(item.ballot, parse_votes(item.ballot, item.rule, recount), item.rule)
            casting = None
            if counted.needs_casting_vote:
                casting = CastingVote(draw(st.sampled_from(counted.tied)), "Chair")
            session.correct(recount, reason="recount", corrected_by="Chair", casting_vote=casting)
    return session


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_random_sessions_finish_replay_identically_and_account_for_every_item(session):
    decisions = session.decisions()
    planned = [item.key for item in session.plan()]
    assert [d.item for d in decisions] == planned
    assert all(d.result is not Result.TIE for d in decisions)
    for decision in decisions:
        if decision.state in (State.DECLARED, State.CORRECTED):
            assert decision.counts is not None
        if decision.casting_vote is not None:
            assert decision.casting_vote.cast_by == "Chair"
    again = Session(PAPER)
    for n, event in enumerate(session.events):
        apply_event(again, event, f"events[{n}]")
    assert again.decisions() == decisions
    assert again.agreed() == session.agreed()
    ratified = {d.item: d for d in decisions}.get("O/ratification")
    documents = session.agreed().documents
    if ratified is not None and ratified.result is not Result.CARRIED:
        assert all(d.key != "O" for d in documents)
    assert all(document.final for document in documents)
