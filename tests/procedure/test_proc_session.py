"""The session state machine: steps, ties and casting votes, skips, corrections, replay."""

import pytest

from procedure.ballots import NEITHER, Card
from procedure.record import CastingVote, State, format_record
from procedure.replay import apply_event, replay
from procedure.rules import Result, Rule
from procedure.session import Session, SessionError
from tests.procedure.proc_papers import DUAL_RULE, plain_paper, small_paper


def vote(session: Session, key: str, votes, casting: tuple[str, str] | None = None):
    session.open(key)
    outcome = session.count(votes)
    if casting is not None:
        assert outcome.needs_casting_vote, outcome
        session.cast_vote(*casting)
    return session.declare()


def by_item(session: Session):
    return {decision.item: decision for decision in session.decisions()}


def run_composite_to_2_2(session: Session, winner_2_2: str = "E") -> None:
    vote(session, "CAC", {"for": 50, "against": 10})
    vote(session, "1.2/A", {"for": 30, "against": 20})
    vote(session, "1.2/B", {"for": 20, "against": 30})
    counts = {"A": 5, "B": 5, "E": 5, NEITHER: 5}
    counts[winner_2_2] = 40
    vote(session, "2.2", counts)


# ----- the steps ---------------------------------------------------------------------------


def test_an_item_goes_pending_open_counted_declared():
    session = Session(plain_paper())
    assert (session.current.key, session.state) == ("K1", State.PENDING)
    session.open()
    assert session.state is State.OPEN
    outcome = session.count({"for": 12, "against": 3, "abstain": 2})
    assert session.state is State.COUNTED
    assert outcome.result is Result.CARRIED
    decision = session.declare()
    assert decision.state is State.DECLARED
    assert decision.counts == {"conference": {"for": 12, "against": 3, "abstain": 2}}
    assert decision.rule == "simple majority of votes cast (abstentions not counted)"
    assert (session.current.key, session.state) == ("K2", State.PENDING)
    assert [(item.key, state) for item, state in session.items()] == [
        ("K1", State.DECLARED),
        ("K2", State.PENDING),
    ]


def test_steps_out_of_order_are_refused_with_what_to_do():
    session = Session(plain_paper())
    with pytest.raises(SessionError, match="open the next item before counting"):
        session.count({"for": 1})
    with pytest.raises(SessionError, match="nothing counted to declare"):
        session.declare()
    with pytest.raises(SessionError, match="the item now is 'K1'"):
        session.open("K2")
    session.open("K1")
    with pytest.raises(SessionError, match="already open"):
        session.open()
    with pytest.raises(SessionError, match="a casting vote comes after a count"):
        session.cast_vote("for", "Chair")


def test_a_recount_before_declaration_replaces_the_count():
    session = Session(plain_paper())
    session.open()
    session.count({"for": 3, "against": 9})
    session.count({"for": 9, "against": 3})
    assert session.declare().result is Result.CARRIED


def test_session_finishes_and_refuses_more():
    session = Session(plain_paper())
    vote(session, "K1", {"for": 2})
    vote(session, "K2", {"against": 2})
    assert session.finished and session.current is None and session.state is None
    with pytest.raises(SessionError, match="finished"):
        session.open()
    assert [d.result for d in session.decisions()] == [Result.CARRIED, Result.LOST]


# ----- ties and the casting vote -----------------------------------------------------------


def test_tie_on_a_motion_is_never_decided_by_the_engine():
    session = Session(plain_paper())
    session.open()
    outcome = session.count({"for": 5, "against": 5})
    assert outcome.needs_casting_vote and outcome.hint == "against"
    assert session.outcome == outcome
    with pytest.raises(
        SessionError, match=r"tied: the chair's casting vote is needed \(customarily"
    ):
        session.declare()
    session.cast_vote("for", "Chair (Jo Bloggs)")
    decision = session.declare()
    assert decision.result is Result.CARRIED
    assert decision.casting_vote == CastingVote("for", "Chair (Jo Bloggs)")
    assert "casting vote: for, cast by Chair (Jo Bloggs)" in format_record([decision])


def test_tie_in_a_group_with_neither():
    session = Session(small_paper())
    vote(session, "CAC", {"for": 50})
    vote(session, "1.2/A", {"for": 1})
    vote(session, "1.2/B", {"for": 1})
    session.open("2.2")
    outcome = session.count({"A": 10, "E": 10, NEITHER: 10, "B": 2})
    assert outcome.tied == ("A", "E", NEITHER) and outcome.hint == NEITHER
    session.cast_vote("E", "Chair")
    assert session.declare().winner == "E"


def test_tie_on_an_option_voted_for_or_against():
    session = Session(small_paper())
    vote(session, "CAC", {"for": 50})
    decision = vote(session, "1.2/A", {"for": 8, "against": 8}, casting=("against", "Vice-chair"))
    assert decision.result is Result.LOST
    assert decision.casting_vote.cast_by == "Vice-chair"


def test_tie_between_the_originals_against_each_other():
    session = Session(small_paper())
    vote(session, "CAC", {"for": 10, "against": 30})
    session.open("CAC/originals")
    outcome = session.count({"M1": 20, "M2": 20, "abstain": 3})
    assert outcome.tied == ("M1", "M2") and outcome.hint is None
    session.cast_vote("M2", "Chair")
    assert session.declare().winner == "M2"
    agreed = session.agreed()
    assert [d.key for d in agreed.documents] == ["M2"]
    assert agreed.text == "We meet quarterly.\n"


def test_tie_in_a_weighted_card_vote():
    session = Session(plain_paper(rule=Rule(weighted=True)))
    session.open()
    cards = [Card("Unite", "for", 300), Card("GMB", "against", 200), Card("CWU", "against", 100)]
    assert session.count(cards).needs_casting_vote
    session.cast_vote("against", "Chair")
    decision = session.declare()
    assert decision.counts == {"conference": {"for": 300, "against": 300, "abstain": 0}}
    assert session.events[0]["votes"][0] == {"holder": "Unite", "choice": "for", "weight": 300}


# ----- the procedural motion re-routes; conditional groups --------------------------------


def test_procedural_carried_skips_the_originals_with_the_reason():
    session = Session(small_paper())
    vote(session, "CAC", {"for": 50, "against": 10})
    skipped = [d for d in session.decisions() if d.state is State.SKIPPED]
    assert [d.item for d in skipped] == ["M1", "M2"]
    assert skipped[0].explanation == "superseded: procedural motion CAC carried"
    assert session.current.key == "1.2/A"


def test_procedural_all_abstain_is_lost_and_the_originals_are_taken():
    session = Session(small_paper())
    vote(session, "CAC", {"abstain": 60})
    assert session.current.key == "CAC/originals"
    skipped = [d.item for d in session.decisions() if d.state is State.SKIPPED]
    assert skipped == ["1.2/A", "1.2/B", "2.2", "2.3", "2.4", "O/ratification"]


def test_procedural_withdrawn_means_the_originals_are_taken():
    session = Session(small_paper())
    session.withdraw("withdrawn by the CAC")
    assert session.current.key == "CAC/originals"
    assert session.decisions()[0].result is Result.WITHDRAWN


def test_conditional_group_taken_when_its_condition_holds():
    session = Session(small_paper())
    run_composite_to_2_2(session, "E")
    assert session.current.key == "2.3"


def test_conditional_group_skipped_with_the_reason():
    session = Session(small_paper())
    run_composite_to_2_2(session, "B")
    decision = by_item(session)["2.3"]
    assert decision.state is State.SKIPPED
    assert decision.explanation == (
        "condition not met: Option A or E of 2.2 agreed (option B agreed)"
    )
    assert session.current.key == "2.4"


def test_conditional_group_skipped_when_neither_won():
    session = Session(small_paper())
    run_composite_to_2_2(session, NEITHER)
    assert by_item(session)["2.3"].explanation.endswith("(no option agreed)")


# ----- corrections -------------------------------------------------------------------------


def test_correction_after_declaration_keeps_the_original_beside_it():
    session = Session(plain_paper())
    vote(session, "K1", {"for": 10, "against": 12})
    decision = session.correct(
        {"for": 14, "against": 12}, reason="tellers' recount", corrected_by="Chair"
    )
    assert decision.state is State.CORRECTED
    assert decision.result is Result.CARRIED
    assert decision.corrected_from.result is Result.LOST
    assert decision.corrected_from.counts["conference"]["for"] == 10
    assert (decision.correction_reason, decision.corrected_by) == ("tellers' recount", "Chair")
    text = format_record(session.decisions())
    assert "corrected by Chair: tellers' recount" in text
    assert "originally declared: LOST" in text


def test_correction_refused_once_the_next_item_opens():
    session = Session(plain_paper())
    vote(session, "K1", {"for": 10, "against": 12})
    session.open("K2")
    with pytest.raises(SessionError, match="until the next item opens"):
        session.correct({"for": 14}, reason="recount", corrected_by="Chair")


def test_correction_needs_reason_who_and_the_right_item():
    session = Session(plain_paper())
    with pytest.raises(SessionError, match="no declared result"):
        session.correct({"for": 1}, reason="x", corrected_by="y")
    vote(session, "K1", {"for": 10, "against": 12})
    with pytest.raises(SessionError, match="a reason and who made it"):
        session.correct({"for": 14}, reason=" ", corrected_by="Chair")
    with pytest.raises(SessionError, match="only 'K1' can be corrected"):
        session.correct({"for": 14}, reason="r", corrected_by="c", key="K2")


def test_correction_to_a_tie_needs_the_casting_vote():
    session = Session(plain_paper())
    vote(session, "K1", {"for": 10, "against": 12})
    with pytest.raises(SessionError, match="is a tie"):
        session.correct({"for": 12, "against": 12}, reason="recount", corrected_by="Chair")
    assert by_item(session)["K1"].state is State.DECLARED  # a refused correction changes nothing
    decision = session.correct(
        {"for": 12, "against": 12},
        reason="recount",
        corrected_by="Chair",
        casting_vote=CastingVote("for", "Chair"),
    )
    assert decision.result is Result.CARRIED and decision.casting_vote.choice == "for"
    with pytest.raises(SessionError, match="not a tie"):
        session.correct(
            {"for": 13, "against": 12},
            reason="recount",
            corrected_by="Chair",
            casting_vote=CastingVote("for", "Chair"),
        )


def test_correction_re_settles_the_items_after_it():
    # 2.2 declared for B skips the conditional group 2.3; corrected to E, 2.3 is taken after all.
    session = Session(small_paper())
    run_composite_to_2_2(session, "B")
    assert by_item(session)["2.3"].state is State.SKIPPED
    session.correct(
        {"A": 5, "B": 20, "E": 30, NEITHER: 5}, reason="miscounted block", corrected_by="Tellers"
    )
    assert "2.3" not in by_item(session)
    assert session.current.key == "2.3"


def test_correction_of_the_procedural_motion_re_routes():
    session = Session(small_paper())
    vote(session, "CAC", {"for": 50, "against": 10})
    assert session.current.key == "1.2/A"
    session.correct({"for": 10, "against": 50}, reason="for/against swapped", corrected_by="Chair")
    assert session.current.key == "CAC/originals"


# ----- leaving without a vote ----------------------------------------------------------------


def test_withdraw_and_remit():
    session = Session(plain_paper())
    session.withdraw("withdrawn by Kent LLA")
    session.open("K2")
    session.remit("the Organising Group")
    decisions = session.decisions()
    assert [(d.result, d.explanation) for d in decisions] == [
        (Result.WITHDRAWN, "withdrawn by Kent LLA"),
        (Result.REMITTED, "remitted to the Organising Group"),
    ]
    assert session.agreed().documents == ()


def test_withdraw_refused_after_the_count_and_for_a_group():
    session = Session(plain_paper())
    session.open()
    session.count({"for": 1})
    with pytest.raises(SessionError, match="declare it instead"):
        session.withdraw()
    session = Session(small_paper())
    vote(session, "CAC", {"for": 5})
    vote(session, "1.2/A", {"for": 5})
    vote(session, "1.2/B", {"for": 5})
    with pytest.raises(SessionError, match="'2.2' \\(option_group\\) cannot be withdrawn"):
        session.withdraw()
    with pytest.raises(SessionError, match="cannot be remitted"):
        session.remit("the OG")


# ----- dual majority in a session ------------------------------------------------------------


def test_dual_majority_referral_is_recorded_and_not_agreed():
    session = Session(plain_paper(rule=DUAL_RULE))
    session.open()
    outcome = session.count(
        {"members": {"for": 30, "against": 10}, "groups": {"for": 2, "against": 5}}
    )
    assert outcome.result is Result.REFERRED
    decision = session.declare()
    assert decision.referred_to == "the Organising Group"
    assert set(decision.counts) == {"members", "groups"}
    vote(session, "K2", {"members": {"for": 3, "against": 1}, "groups": {"for": 5, "against": 1}})
    assert [d.key for d in session.agreed().documents] == ["K2"]


# ----- the agreed composite and deterministic replay ----------------------------------------


def finish_small_composite(session: Session) -> None:
    run_composite_to_2_2(session, "E")
    vote(session, "2.3", {"1": 10, "2": 30})
    vote(session, "2.4", {"A": 10, "B": 30})
    vote(session, "O/ratification", {"for": 40, "against": 3})


def test_agreed_composite_text_from_the_results():
    session = Session(small_paper())
    finish_small_composite(session)
    agreed = session.agreed()
    assert agreed.documents[0].final
    # 1.2/A carried, 1.2/B lost; 2.2 won by E; 2.3 is a decision for the record only.
    assert agreed.text == (
        "# 1) Aims\n\n"
        "We organise democratically.\n\n"
        "We support free movement of people.\n\n"
        "# 2) Leadership\n\n"
        "The organising group meets quarterly.\n\n"
        "Eight elected at conference plus delegates.\n\n"
        "Decisions by simple majority.\n"
    )
    assert by_item(session)["2.3"].winner == "2"


def test_composite_provisional_until_ratified_and_gone_if_not():
    session = Session(small_paper())
    run_composite_to_2_2(session, "E")
    assert session.agreed().documents[0].final is False
    vote(session, "2.3", {"1": 10, "2": 30})
    vote(session, "2.4", {"A": 10, "B": 30})
    vote(session, "O/ratification", {"for": 3, "against": 40})
    assert session.agreed().documents == ()


def test_events_replay_to_the_same_outcome():
    session = Session(small_paper())
    finish_small_composite(session)
    session_two = Session(small_paper())
    run_composite_to_2_2(session_two, "B")
    session_two.correct({"A": 1, "E": 3}, reason="recount", corrected_by="Chair")
    for original in (session, session_two):
        events = original.events
        again = Session(original.paper)
        for n, event in enumerate(events):
            apply_event(again, event, f"events[{n}]")
        assert again.decisions() == original.decisions()
        assert again.agreed() == original.agreed()
        assert again.events == events


def test_replay_of_a_json_session_is_deterministic():
    data = {
        "order_paper": {
            "heading": "Campaigning",
            "motions": [
                {"key": "K1", "title": "One", "text": "We campaign.\n"},
                {"key": "K2", "title": "Two", "text": "We organise.\n"},
            ],
        },
        "events": [
            {
                "item": "K1",
                "votes": {"for": 4, "against": 4},
                "casting_vote": {"choice": "for", "cast_by": "Chair"},
            },
            {"item": "K2", "votes": {"for": 1, "against": 4}},
        ],
    }
    first, second = replay(data), replay(data)
    assert first.agreed == second.agreed
    assert first.text == "We campaign.\n"
    assert first.session.events == data["events"]


def test_a_second_correction_keeps_the_whole_chain():
    session = Session(plain_paper())
    vote(session, "K1", {"for": 10, "against": 12})
    session.correct({"for": 14, "against": 12}, reason="first recount", corrected_by="Tellers")
    decision = session.correct(
        {"for": 11, "against": 12}, reason="second recount", corrected_by="Chair"
    )
    assert decision.result is Result.LOST
    assert decision.corrected_from.correction_reason == "first recount"
    assert decision.corrected_from.result is Result.CARRIED
    assert decision.corrected_from.corrected_from.counts["conference"]["for"] == 10


def test_events_are_a_copy_the_caller_cannot_change():
    session = Session(plain_paper())
    vote(session, "K1", {"for": 3, "against": 1})
    session.events[0]["votes"]["for"] = 0
    assert session.events[0]["votes"] == {"for": 3, "against": 1}
