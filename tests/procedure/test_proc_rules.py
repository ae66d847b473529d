"""Counting rules and ballots: every rule, and the edges (no votes, all abstain, ties)."""

import pytest

from procedure.ballots import (
    HALL,
    NEITHER,
    Ballot,
    BallotError,
    Card,
    tally_cards,
    tally_counts,
)
from procedure.rules import (
    DualMajority,
    Result,
    Rule,
    Threshold,
    apply_casting_vote,
    decide,
    decide_for_against,
    decide_options,
)

MOTION = Ballot.for_against("Motion 1")
GROUP = Ballot.options("2.2 against each other", ["A", "B", "C", NEITHER])
NO_NEITHER = Ballot.options("4.3 against each other", ["A", "B"])
TWO_THIRDS = Rule(threshold=Threshold.TWO_THIRDS)
ABSOLUTE = Rule(threshold=Threshold.ABSOLUTE, entitled=100)
DUAL = Rule(dual=DualMajority(("individual members", "affiliated groups"), "the Organising Group"))


def fa(votes_for: int, against: int, abstain: int = 0):
    return tally_counts(MOTION, {"for": votes_for, "against": against, "abstain": abstain})


# ----- simple majority of votes cast (the default) -----------------------------------------


def test_simple_majority_carried_and_abstentions_do_not_count():
    # 10 for, 9 against, 50 abstaining: carried, because abstentions are not votes cast.
    outcome = decide_for_against(fa(10, 9, 50))
    assert outcome.result is Result.CARRIED
    assert "10 for, 9 against, 50 abstaining" in outcome.explanation


def test_simple_majority_lost():
    assert decide_for_against(fa(9, 10)).result is Result.LOST


def test_all_abstain_is_not_carried_and_needs_no_casting_vote():
    outcome = decide_for_against(fa(0, 0, 12))
    assert outcome.result is Result.LOST
    assert not outcome.needs_casting_vote
    assert "all abstained" in outcome.explanation


def test_no_votes_at_all_is_not_carried():
    outcome = decide_for_against(fa(0, 0))
    assert outcome.result is Result.LOST
    assert "no votes recorded" in outcome.explanation


def test_tie_asks_for_casting_vote_with_status_quo_hint():
    outcome = decide_for_against(fa(7, 7, 3))
    assert outcome.result is Result.TIE
    assert outcome.needs_casting_vote
    assert outcome.tied == ("for", "against")
    assert outcome.hint == "against"  # the status quo: against the change


def test_casting_vote_for_carries_and_against_loses():
    tied = decide_for_against(fa(7, 7))
    carried = apply_casting_vote(tied, MOTION, "for", "Chair (Jo Bloggs)")
    assert carried.result is Result.CARRIED
    assert "casting vote by Chair (Jo Bloggs): for" in carried.explanation
    assert apply_casting_vote(tied, MOTION, "against", "Chair").result is Result.LOST


def test_casting_vote_must_be_a_tied_choice_and_say_who():
    tied = decide_for_against(fa(7, 7))
    with pytest.raises(BallotError, match="one of the tied choices"):
        apply_casting_vote(tied, MOTION, "abstain", "Chair")
    with pytest.raises(BallotError, match="who cast it"):
        apply_casting_vote(tied, MOTION, "for", "  ")


def test_casting_vote_refused_without_a_tie():
    with pytest.raises(BallotError, match="no tie"):
        apply_casting_vote(decide_for_against(fa(8, 7)), MOTION, "for", "Chair")


# ----- two-thirds ------------------------------------------------------------------------


def test_two_thirds_exactly_reached_is_carried():
    assert decide_for_against(fa(20, 10, 5), TWO_THIRDS).result is Result.CARRIED


def test_two_thirds_just_missed_is_lost():
    outcome = decide_for_against(fa(19, 10), TWO_THIRDS)
    assert outcome.result is Result.LOST
    assert "two-thirds" in outcome.explanation


def test_tie_under_two_thirds_is_lost_not_a_casting_vote():
    # A tie is far from two-thirds: there is nothing for a casting vote to decide.
    outcome = decide_for_against(fa(10, 10), TWO_THIRDS)
    assert outcome.result is Result.LOST


def test_two_thirds_all_abstain():
    assert decide_for_against(fa(0, 0, 9), TWO_THIRDS).result is Result.LOST


# ----- absolute majority of those entitled -----------------------------------------------


def test_absolute_majority_needs_more_than_half_of_those_entitled():
    # 40 for, 10 against is a big majority of votes cast but not of the 100 entitled.
    assert decide_for_against(fa(40, 10), ABSOLUTE).result is Result.LOST
    assert decide_for_against(fa(51, 10), ABSOLUTE).result is Result.CARRIED


def test_absolute_majority_exactly_half_is_lost():
    assert decide_for_against(fa(50, 10), ABSOLUTE).result is Result.LOST


def test_absolute_majority_tie_is_lost():
    assert decide_for_against(fa(30, 30), ABSOLUTE).result is Result.LOST


def test_entitled_given_with_the_count_overrides_the_rule():
    assert decide_for_against(fa(40, 10), ABSOLUTE, entitled=70).result is Result.CARRIED


def test_absolute_majority_without_entitlement_is_an_error():
    with pytest.raises(BallotError, match="number entitled"):
        decide_for_against(fa(40, 10), Rule(threshold=Threshold.ABSOLUTE))


def test_more_votes_than_entitled_is_an_error():
    with pytest.raises(BallotError, match="only 100 entitled"):
        decide_for_against(fa(60, 41), ABSOLUTE)


# ----- card (weighted) votes -------------------------------------------------------------


CARDS = [
    Card("Unite delegation", "for", 5000),
    Card("Dulwich LL", "against", 120),
    Card("Tees Valley LL", "against", 300),
    Card("Merseyside LLA", "abstain", 80),
]


def test_card_vote_counts_weights():
    tally = tally_cards(MOTION, CARDS, weighted=True)
    assert tally.as_dict() == {"for": 5000, "against": 420, "abstain": 80}
    assert decide_for_against(tally).result is Result.CARRIED


def test_same_cards_unweighted_count_one_each():
    tally = tally_cards(MOTION, CARDS, weighted=False)
    assert tally.as_dict() == {"for": 1, "against": 2, "abstain": 1}
    assert decide_for_against(tally).result is Result.LOST


def test_weighted_tie_asks_for_casting_vote():
    cards = [Card("North", "for", 250), Card("South", "against", 200), Card("East", "against", 50)]
    outcome = decide_for_against(tally_cards(MOTION, cards, weighted=True))
    assert outcome.result is Result.TIE


def test_a_holder_voting_twice_is_an_error():
    with pytest.raises(BallotError, match="voted twice"):
        tally_cards(MOTION, [Card("X", "for", 3), Card("X", "against", 3)], weighted=True)


def test_weighted_options_ballot():
    cards = [Card("Unite", "B", 5000), Card("Dulwich", "A", 120), Card("Tees", "A", 300)]
    outcome = decide_options(tally_cards(NO_NEITHER, cards, weighted=True))
    assert outcome.winner == "B"
    assert decide_options(tally_cards(NO_NEITHER, cards, weighted=False)).winner == "A"


# ----- dual majority ---------------------------------------------------------------------


def dual(members: tuple[int, int], groups: tuple[int, int]):
    return {
        "individual members": fa(*members),
        "affiliated groups": fa(*groups),
    }


def test_dual_majority_both_majorities_carries():
    assert decide(MOTION, dual((30, 10), (6, 2)), DUAL).result is Result.CARRIED


def test_dual_majority_members_only_is_referred():
    outcome = decide(MOTION, dual((30, 10), (2, 6)), DUAL)
    assert outcome.result is Result.REFERRED
    assert outcome.referred_to == "the Organising Group"
    assert "a majority of individual members only" in outcome.explanation


def test_dual_majority_groups_only_is_referred():
    outcome = decide(MOTION, dual((10, 30), (6, 2)), DUAL)
    assert outcome.result is Result.REFERRED
    assert "a majority of affiliated groups only" in outcome.explanation


def test_dual_majority_neither_majority_is_lost():
    assert decide(MOTION, dual((10, 30), (2, 6)), DUAL).result is Result.LOST


def test_dual_majority_tie_in_one_constituency_is_no_majority_there():
    outcome = decide(MOTION, dual((30, 10), (4, 4)), DUAL)
    assert outcome.result is Result.REFERRED
    assert decide(MOTION, dual((10, 10), (4, 4)), DUAL).result is Result.LOST


def test_dual_majority_all_abstain():
    assert decide(MOTION, dual((0, 0), (0, 0)), DUAL).result is Result.LOST


def test_dual_majority_needs_both_counts():
    with pytest.raises(BallotError, match="exactly individual members and affiliated groups"):
        decide(MOTION, {"individual members": fa(3, 1)}, DUAL)


def test_dual_majority_is_for_for_against_ballots():
    with pytest.raises(BallotError, match="for/against ballots only"):
        decide(NO_NEITHER, {"individual members": tally_counts(NO_NEITHER, {})}, DUAL)


def test_dual_majority_cannot_be_absolute():
    with pytest.raises(BallotError, match="absolute"):
        Rule(threshold=Threshold.ABSOLUTE, dual=DUAL.dual)


# ----- options against each other --------------------------------------------------------


def test_most_votes_wins_without_needing_a_majority():
    tally = tally_counts(GROUP, {"A": 20, "B": 15, "C": 14, NEITHER: 10, "abstain": 4})
    outcome = decide_options(tally)
    assert (outcome.result, outcome.winner) == (Result.CARRIED, "A")


def test_neither_can_win():
    tally = tally_counts(GROUP, {"A": 10, "B": 11, "C": 9, NEITHER: 30})
    assert decide_options(tally).winner == NEITHER


def test_tie_at_the_top_goes_to_casting_vote_with_neither_as_hint():
    tally = tally_counts(GROUP, {"A": 20, "B": 5, NEITHER: 20})
    outcome = decide_options(tally)
    assert outcome.result is Result.TIE
    assert outcome.tied == ("A", NEITHER)
    assert outcome.hint == NEITHER
    decided = apply_casting_vote(outcome, GROUP, "A", "Chair")
    assert (decided.result, decided.winner) == (Result.CARRIED, "A")
    with pytest.raises(BallotError, match="tied choices"):
        apply_casting_vote(outcome, GROUP, "B", "Chair")


def test_tie_without_neither_has_no_hint():
    outcome = decide_options(tally_counts(NO_NEITHER, {"A": 12, "B": 12, "abstain": 1}))
    assert outcome.result is Result.TIE
    assert outcome.hint is None


def test_tie_lower_down_does_not_matter():
    outcome = decide_options(tally_counts(GROUP, {"A": 20, "B": 5, "C": 5}))
    assert outcome.winner == "A"


def test_options_all_abstain_and_no_votes():
    all_abstain = decide_options(tally_counts(GROUP, {"abstain": 40}))
    assert all_abstain.result is Result.LOST
    assert all_abstain.winner is None
    assert "all abstained" in all_abstain.explanation
    assert decide_options(tally_counts(GROUP, {})).result is Result.LOST


def test_options_under_two_thirds():
    assert decide_options(tally_counts(NO_NEITHER, {"A": 20, "B": 10}), TWO_THIRDS).winner == "A"
    lost = decide_options(tally_counts(NO_NEITHER, {"A": 19, "B": 10}), TWO_THIRDS)
    assert lost.result is Result.LOST
    tie = decide_options(tally_counts(NO_NEITHER, {"A": 10, "B": 10}), TWO_THIRDS)
    assert tie.result is Result.LOST


def test_options_under_absolute_majority():
    rule = Rule(threshold=Threshold.ABSOLUTE, entitled=60)
    assert decide_options(tally_counts(NO_NEITHER, {"A": 31, "B": 20}), rule).winner == "A"
    assert decide_options(tally_counts(NO_NEITHER, {"A": 30, "B": 20}), rule).result is Result.LOST


# ----- ballots and bad input -------------------------------------------------------------


def test_unknown_choice_is_an_error_naming_the_choices():
    with pytest.raises(BallotError, match="'D' not a choice on this ballot"):
        tally_counts(GROUP, {"D": 3})


def test_negative_and_non_whole_counts_are_errors():
    with pytest.raises(BallotError, match="negative"):
        tally_counts(MOTION, {"for": -1})
    with pytest.raises(BallotError, match="whole number"):
        tally_counts(MOTION, {"for": 2.5})
    with pytest.raises(BallotError, match="whole number"):
        tally_counts(MOTION, {"for": True})


def test_ballot_needs_two_distinct_options():
    with pytest.raises(BallotError, match="at least two"):
        Ballot.options("x", ["A"])
    with pytest.raises(BallotError, match="repeat"):
        Ballot.options("x", ["A", "A"])


def test_decide_wants_one_count_for_an_ordinary_rule():
    with pytest.raises(BallotError, match="one count expected"):
        decide(MOTION, {"a": fa(1, 0), "b": fa(1, 0)})
    assert decide(MOTION, {HALL: fa(1, 0)}).result is Result.CARRIED


def test_rules_describe_themselves():
    assert Rule().describe() == "simple majority of votes cast (abstentions not counted)"
    assert "two-thirds" in TWO_THIRDS.describe()
    assert "the 100 entitled" in ABSOLUTE.describe()
    assert "card vote" in Rule(weighted=True).describe()
    assert "referred to the Organising Group" in DUAL.describe()


def test_rules_describe_options_ballots_as_most_votes():
    assert Rule().describe(GROUP.kind) == "most votes wins (abstentions not counted)"
    assert "two-thirds" in TWO_THIRDS.describe(GROUP.kind)
    assert "the 100 entitled" in ABSOLUTE.describe(GROUP.kind)


def test_neither_winning_says_no_option_is_agreed():
    outcome = decide_options(tally_counts(GROUP, {"A": 3, NEITHER: 9}))
    assert outcome.explanation.startswith("Neither has the most votes, so no option is agreed")
