"""Replay files: the documented JSON format, its errors, and the examples in procedure/examples."""

import json
from pathlib import Path

import pytest

from procedure.model import GroupKind
from procedure.record import State
from procedure.replay import (
    ReplayError,
    order_paper_from_json,
    order_paper_to_json,
    replay,
    replay_file,
    restore,
)
from procedure.rules import Result, Threshold
from tests.procedure.proc_papers import LLA, lla_paper
from tests.procedure.test_proc_lla import (
    MOTION_B_AS_AMENDED,
    OPTIONS_1_2_AGREED,
    SECTION_1_AS_AMENDED,
    SECTION_2,
    SECTION_3_WITH_OPTION_E,
    SECTION_4_WITH_CAC_RULES,
)

EXAMPLES = Path(__file__).parents[2] / "procedure" / "examples"


def plain(events, **paper):
    return {
        "format": "procedure-session/1",
        "order_paper": {
            "heading": "Campaigning",
            "motions": [
                {"key": "K1", "title": "One", "text": "We campaign.\n"},
                {"key": "K2", "title": "Two", "text": "We organise.\n"},
            ],
            **paper,
        },
        "events": events,
    }


# ----- the examples ---------------------------------------------------------------------------


def test_example_lla_session_with_the_cac_motion_carried():
    replayed = replay_file(EXAMPLES / "lla-constitution" / "session-cac-carried.json")
    assert replayed.session.finished
    assert replayed.text == "\n".join(
        [
            SECTION_1_AS_AMENDED,
            OPTIONS_1_2_AGREED,
            SECTION_2,
            SECTION_3_WITH_OPTION_E,
            SECTION_4_WITH_CAC_RULES,
        ]
    )
    decisions = {d.item: d for d in replayed.agreed.record}
    corrected = decisions["1.2/A.2"]
    assert corrected.state is State.CORRECTED
    assert corrected.corrected_from.counts["conference"]["for"] == 33
    assert decisions["1.2/B"].casting_vote.cast_by == "Chair (conference chair)"
    report = replayed.report()
    assert report.startswith("AGREED TEXT: Our structures/constitution\n")
    assert "CAC composite constitution (agreed)" in report
    assert "RECORD OF DECISIONS: Our structures/constitution" in report
    assert "casting vote: for, cast by Chair (conference chair)" in report


def test_example_lla_session_with_the_cac_motion_lost():
    replayed = replay_file(EXAMPLES / "lla-constitution" / "session-cac-lost.json")
    assert replayed.text == MOTION_B_AS_AMENDED
    decision = {d.item: d for d in replayed.agreed.record}["CAC/originals"]
    assert (decision.winner, decision.casting_vote.choice) == ("B", "B")


def test_example_card_votes_and_dual_majority():
    replayed = replay_file(EXAMPLES / "recruitment-card-votes.json")
    decisions = {d.item: d for d in replayed.agreed.record}
    assert decisions["A-1"].counts == {"conference": {"for": 370, "against": 300, "abstain": 90}}
    assert decisions["B"].result is Result.REFERRED
    assert [d.key for d in replayed.agreed.documents] == ["A"]
    assert "call on the Organising Group to make contact" in replayed.text


def test_example_order_paper_is_the_test_fixture():
    # The example is meant to show the real LLA case; keep it in step with the test fixture.
    for path in LLA.iterdir():
        assert (EXAMPLES / "lla-constitution" / path.name).read_bytes() == path.read_bytes()


# ----- the format ---------------------------------------------------------------------------


def test_order_paper_from_json_reads_every_field():
    paper = lla_paper()
    assert paper.procedural_motion.supersedes == ("A", "B", "C", "D")
    assert paper.procedural_motion.text.startswith("LLA aunch conference")
    section_3 = paper.composite.sections[2]
    conditional = section_3.groups[1]
    assert conditional.kind is GroupKind.AGAINST_EACH_OTHER
    assert conditional.condition.describe() == "Option A or E of 3.2 agreed"
    assert conditional.enters_text is False
    assert paper.motion("B").amendments[0].instruction.startswith("In point 1.2.")


def test_rules_in_json():
    data = {
        "heading": "x",
        "default_rule": {"threshold": "two_thirds"},
        "motions": [
            {
                "key": "K1",
                "title": "t",
                "text": "x",
                "rule": {"threshold": "absolute", "entitled": 90},
            },
            {
                "key": "K2",
                "title": "t",
                "text": "x",
                "rule": {
                    "weighted": True,
                    "dual": {"constituencies": ["m", "g"], "refer_to": "OG"},
                },
            },
        ],
    }
    paper = order_paper_from_json(data)
    assert paper.default_rule.threshold is Threshold.TWO_THIRDS
    assert paper.motion("K1").rule.entitled == 90
    assert paper.motion("K2").rule.dual.refer_to == "OG"


def test_replayed_events_equal_the_session_log():
    data = plain(
        [
            {"item": "K1", "votes": {"for": 3, "against": 5}},
            {
                "item": "K1",
                "correct": {"votes": {"for": 6, "against": 5}, "reason": "r", "by": "Chair"},
            },
            {"item": "K2", "withdraw": "withdrawn by the mover"},
        ]
    )
    replayed = replay(data)
    assert replayed.session.events == data["events"]
    assert [d.state for d in replayed.agreed.record] == [State.CORRECTED, State.WITHDRAWN]


def test_remit_event():
    replayed = replay(plain([{"item": "K1", "remit": "the Organising Group"}]))
    assert replayed.agreed.record[0].explanation == "remitted to the Organising Group"
    assert "Not finished: the next item is K2" in replayed.report()


def test_absolute_majority_with_entitled_in_the_event():
    data = plain(
        [{"item": "K1", "votes": {"for": 30, "against": 5}, "entitled": 70}],
        default_rule={"threshold": "absolute"},
    )
    assert replay(data).agreed.record[0].result is Result.LOST


# ----- errors name the place and change nothing -----------------------------------------------


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([{"item": "K2", "votes": {"for": 1}}], r"events\[0\] \(K2\): the item now is 'K1'"),
        (
            [{"item": "K1", "votes": {"for": 2, "against": 2}}],
            "the file must give the chair's casting_vote",
        ),
        ([{"item": "K1", "votes": {"yes": 2}}], "'yes' not a choice on this ballot"),
        (
            [
                {
                    "item": "K1",
                    "votes": {"for": 3},
                    "casting_vote": {"choice": "for", "cast_by": "C"},
                }
            ],
            "no tie, so no casting vote is needed",
        ),
        ([{"item": "K1"}], "give exactly one of votes, correct, withdraw, remit"),
        ([{"item": "K1", "votes": {"for": 1}, "withdraw": "x"}], "give exactly one of"),
        ([{"item": "K1", "votes": {"for": 1}, "colour": "red"}], r"unknown field\(s\) colour"),
        (
            [{"item": "K1", "correct": {"votes": {"for": 1}, "reason": "r", "by": "c"}}],
            "no declared result",
        ),
        ([{"item": "K1", "votes": [{"holder": "X"}]}], "a card needs a holder and a choice"),
        ([{"item": "K1", "votes": 7}], "votes must be totals or a list of cards"),
    ],
)
def test_bad_events_are_refused_with_a_clear_message(events, message):
    with pytest.raises(ReplayError, match=message):
        replay(plain(events))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "other/9", "order_paper": {}, "events": []}, "format 'other/9'"),
        ({"events": []}, "give order_paper or order_paper_file"),
        ({"order_paper": {"heading": "x", "motionz": []}}, r"unknown field\(s\) motionz"),
        ({"order_paper": {"motions": []}}, "'heading' must be a string"),
        (
            {"order_paper": {"heading": "x", "default_rule": {"threshold": "most"}}},
            "threshold must be one of simple, two_thirds, absolute",
        ),
        (
            {
                "order_paper": {
                    "heading": "x",
                    "motions": [{"key": "K", "title": "t", "text": "x"}] * 2,
                }
            },
            "keys used more than once",
        ),
        (
            {
                "order_paper": {
                    "heading": "x",
                    "composite": {
                        "key": "O",
                        "title": "t",
                        "sections": [
                            {
                                "key": "1",
                                "heading": "1) A",
                                "common_ground": "x",
                                "groups": [{"key": "1.2", "kind": "ranked", "options": []}],
                            }
                        ],
                    },
                }
            },
            "kind must be one of",
        ),
        (
            {"order_paper": {"heading": "x", "motions": [{"key": "K", "title": "t"}]}},
            "'text' must be",
        ),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(data, message):
    with pytest.raises(ReplayError, match=message):
        replay(data)


def test_text_files_resolved_next_to_the_session_file(tmp_path):
    (tmp_path / "k1.md").write_text("We campaign from a file.\n", encoding="utf-8")
    data = plain([{"item": "K1", "votes": {"for": 2}}])
    data["order_paper"]["motions"][0] = {"key": "K1", "title": "One", "text_file": "k1.md"}
    session_file = tmp_path / "session.json"
    session_file.write_text(json.dumps(data), encoding="utf-8")
    assert replay_file(session_file).agreed.documents[0].text == "We campaign from a file.\n"
    data["order_paper"]["motions"][0]["text_file"] = "missing.md"
    session_file.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReplayError, match="cannot read missing.md"):
        replay_file(session_file)


def test_unreadable_and_invalid_files(tmp_path):
    with pytest.raises(ReplayError, match="cannot read"):
        replay_file(tmp_path / "nothing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ReplayError, match="is not valid JSON"):
        replay_file(broken)


def test_order_paper_json_round_trip():
    paper = lla_paper()
    data = order_paper_to_json(paper)
    json.dumps(data)  # plain JSON data
    assert order_paper_from_json(data) == paper


def test_order_paper_json_round_trip_with_rules():
    data = {
        "heading": "x",
        "default_rule": {"threshold": "two_thirds", "weighted": True},
        "motions": [
            {
                "key": "K1",
                "title": "t",
                "text": "x",
                "amendments": [
                    {
                        "key": "K1-a",
                        "mover": "m",
                        "instruction": "Add: y",
                        "rule": {"threshold": "simple"},
                    }
                ],
                "rule": {"threshold": "absolute", "entitled": 9},
            },
            {
                "key": "K2",
                "title": "t",
                "text": "x",
                "rule": {"dual": {"constituencies": ["m", "g"], "refer_to": "OG"}},
            },
        ],
    }
    paper = order_paper_from_json(data)
    assert order_paper_from_json(order_paper_to_json(paper)) == paper


def test_restore_rebuilds_a_session_from_its_events():
    replayed = replay_file(EXAMPLES / "lla-constitution" / "session-cac-carried.json")
    paper = replayed.session.paper
    events = replayed.session.events[:5]
    restored = restore(paper, events)
    assert (
        restored.decisions()
        == replay({"order_paper": order_paper_to_json(paper), "events": events}).session.decisions()
    )
    assert restored.current.key == "1.2/B"
    with pytest.raises(ReplayError, match="events must be a list"):
        restore(paper, {"item": "CAC"})
