"""Order of business derived from the order paper, including re-routing by the procedural motion."""

import pytest

from procedure.ballots import NEITHER, BallotKind
from procedure.model import (
    Amendment,
    Condition,
    GroupKind,
    Motion,
    Option,
    OptionGroup,
    OrderPaper,
    OrderPaperError,
    ProceduralMotion,
    Section,
)
from procedure.order import ItemKind, plan, routes
from procedure.rules import Rule, Threshold
from tests.procedure.proc_papers import lla_paper, plain_paper, small_composite, small_paper


def keys(items):
    return [item.key for item in items]


def test_only_the_procedural_motion_is_certain_before_its_result():
    assert keys(plan(small_paper())) == ["CAC"]


def test_procedural_carried_takes_the_composite_and_skips_the_originals():
    items = plan(small_paper(amendments=True), procedural_carried=True)
    assert keys(items) == [
        "CAC",
        "M1",
        "M2-1",
        "M2",
        "1.2/A",
        "1.2/B",
        "2.2",
        "2.3",
        "2.4",
        "O/ratification",
    ]
    superseded = [item for item in items if item.superseded]
    assert keys(superseded) == ["M1", "M2-1", "M2"]
    assert superseded[0].superseded == "superseded: procedural motion CAC carried"


def test_procedural_lost_takes_amendments_first_then_originals_against_each_other():
    items = plan(small_paper(amendments=True), procedural_carried=False)
    taken = [item for item in items if not item.superseded]
    assert keys(taken) == ["CAC", "M2-1", "CAC/originals"]
    last = taken[-1]
    assert last.kind is ItemKind.MOTIONS_AGAINST_EACH_OTHER
    assert last.ballot.kind is BallotKind.OPTIONS
    assert last.ballot.choices == ("M1", "M2")  # no "Neither" between the originals
    skipped = [item for item in items if item.superseded]
    assert keys(skipped) == ["1.2/A", "1.2/B", "2.2", "2.3", "2.4", "O/ratification"]
    assert "procedural motion CAC was not carried" in skipped[0].superseded


def test_group_kinds_become_the_right_ballots():
    items = {item.key: item for item in plan(small_paper(), True)}
    assert items["1.2/A"].kind is ItemKind.OPTION
    assert items["1.2/A"].ballot.choices == ("for", "against")
    assert items["2.2"].ballot.choices == ("A", "B", "E", NEITHER)
    assert "or Neither" in items["2.2"].title
    assert items["2.4"].ballot.choices == ("A", "B")
    assert items["2.3"].condition == Condition("2.2", ("A", "E"))


def test_plain_motions_amendments_then_substantive_motion():
    paper = OrderPaper(
        "Campaigning",
        (
            Motion("K1", "One", "Text.\n", (Amendment("K1-a", "x", "Add: y"),)),
            Motion("K2", "Two", "Text.\n", (Amendment("K2-a", "x", "Add: y"),)),
        ),
    )
    assert keys(plan(paper)) == ["K1-a", "K1", "K2-a", "K2"]
    assert plan(paper)[1].title == "Motion K1 (One), as amended"


def test_motions_not_superseded_are_taken_after_either_route():
    paper = small_paper()
    paper = OrderPaper(
        paper.heading,
        (*paper.motions, Motion("E", "Merseyside", "Organise beyond.\n")),
        paper.composite,
        paper.procedural_motion,
    )
    assert keys(plan(paper, True))[-1] == "E"
    assert keys(plan(paper, False))[-1] == "E"
    assert set(routes(paper)) == {"carried", "lost"}


def test_rules_per_item_default_to_the_order_paper_rule():
    two_thirds = Rule(threshold=Threshold.TWO_THIRDS)
    paper = OrderPaper("x", (Motion("K1", "One", "T.\n", rule=two_thirds),), default_rule=Rule())
    assert plan(paper)[0].rule == two_thirds
    assert plan(plain_paper())[0].rule == Rule()


def test_lla_order_of_business_when_carried():
    items = [item for item in plan(lla_paper(), True) if not item.superseded]
    assert keys(items) == [
        "CAC",
        "R",
        "1.2/A.1",
        "1.2/A.2",
        "1.2/B",
        "2.2",
        "3.2",
        "3.2-next",
        "P",
        "4.2",
        "4.3",
        "O/ratification",
    ]


def test_lla_order_of_business_when_lost():
    items = [item for item in plan(lla_paper(), False) if not item.superseded]
    assert keys(items) == ["CAC", "B-1", "B-2", "CAC/originals"]
    assert items[-1].ballot.choices == ("A", "B", "C", "D")


# ----- order papers the engine refuses -----------------------------------------------------


def test_duplicate_keys_refused():
    with pytest.raises(OrderPaperError, match=r"more than once.*'K1'"):
        OrderPaper("x", (Motion("K1", "a", "t"), Motion("K1", "b", "t")))


def test_condition_on_a_later_or_unknown_group_refused():
    composite = small_composite()
    section = composite.sections[1]
    late = OptionGroup(
        "2.0",
        "too early",
        GroupKind.AGAINST_EACH_OTHER,
        (Option("1", "x"), Option("2", "y")),
        condition=Condition("2.2", ("A",)),
    )
    moved = Section(
        section.key, section.heading, section.common_ground, (), (late, *section.groups)
    )
    with pytest.raises(OrderPaperError, match="not an earlier group"):
        OrderPaper("x", composite=type(composite)("O", "t", (composite.sections[0], moved)))


def test_condition_naming_an_unknown_option_refused():
    group = OptionGroup(
        "2.9",
        "x",
        GroupKind.AGAINST_EACH_OTHER,
        (Option("1", "x"), Option("2", "y")),
        condition=Condition("2.2", ("Z",)),
    )
    composite = small_composite()
    section = composite.sections[1]
    extended = Section(
        section.key, section.heading, section.common_ground, (), (*section.groups, group)
    )
    with pytest.raises(OrderPaperError, match="no option 'Z'"):
        OrderPaper("x", composite=type(composite)("O", "t", (composite.sections[0], extended)))


def test_procedural_motion_needs_a_composite_and_known_originals():
    pm = ProceduralMotion("CAC", "t", "t", ("M1",))
    with pytest.raises(OrderPaperError, match="needs the composite"):
        OrderPaper("x", (Motion("M1", "a", "t"),), procedural_motion=pm)
    with pytest.raises(OrderPaperError, match="no motion 'M9'"):
        OrderPaper(
            "x",
            (Motion("M1", "a", "t"),),
            small_composite(),
            ProceduralMotion("CAC", "t", "t", ("M9",)),
        )


def test_group_against_each_other_needs_two_options():
    with pytest.raises(OrderPaperError, match="one option cannot be against another"):
        OrderPaper(
            "x",
            composite=type(small_composite())(
                "O",
                "t",
                (
                    Section(
                        "1",
                        "1) A",
                        "t",
                        groups=(
                            OptionGroup(
                                "1.2", "x", GroupKind.AGAINST_EACH_OTHER, (Option("A", "x"),)
                            ),
                        ),
                    ),
                ),
            ),
        )


def test_the_engine_imports_no_web_or_database_code():
    import subprocess
    import sys

    code = (
        "import sys, procedure, procedure.from_compositing, procedure.replay;"
        "bad = [m for m in ('flask', 'sqlalchemy', 'werkzeug', 'motions') if m in sys.modules];"
        "print(bad)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
