"""Small order papers for the procedure tests (the LLA heading is in fixtures/)."""

from __future__ import annotations

import json
from pathlib import Path

from procedure.model import (
    Amendment,
    Composite,
    Condition,
    GroupKind,
    Motion,
    Option,
    OptionGroup,
    OrderPaper,
    ProceduralMotion,
    Section,
)
from procedure.replay import order_paper_from_json
from procedure.rules import DualMajority, Rule

FIXTURES = Path(__file__).parent / "fixtures"
LLA = FIXTURES / "lla-constitution"


def small_composite() -> Composite:
    return Composite(
        key="O",
        title="Small composite",
        sections=(
            Section(
                key="1",
                heading="1) Aims",
                common_ground="We organise democratically.",
                groups=(
                    OptionGroup(
                        key="1.2",
                        title="More aims",
                        kind=GroupKind.FOR_OR_AGAINST_EACH,
                        options=(
                            Option("A", "We support free movement of people.", "Sheffield"),
                            Option("B", "We seek socialism.", "London"),
                        ),
                    ),
                ),
            ),
            Section(
                key="2",
                heading="2) Leadership",
                common_ground="The organising group meets quarterly.",
                groups=(
                    OptionGroup(
                        key="2.2",
                        title="How is the leadership elected?",
                        kind=GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER,
                        options=(
                            Option("A", "Conference elects the organising group.", "London"),
                            Option("B", "Affiliates send representatives.", "Sheffield"),
                            Option("E", "Eight elected at conference plus delegates.", "Brighton"),
                        ),
                    ),
                    OptionGroup(
                        key="2.3",
                        title="If Option A or E is agreed",
                        kind=GroupKind.AGAINST_EACH_OTHER,
                        options=(
                            Option("1", "Immediate elections."),
                            Option("2", "Elections in six months."),
                        ),
                        condition=Condition("2.2", ("A", "E")),
                        enters_text=False,
                    ),
                    OptionGroup(
                        key="2.4",
                        title="Voting",
                        kind=GroupKind.AGAINST_EACH_OTHER,
                        options=(
                            Option("A", "Decisions need both majorities."),
                            Option("B", "Decisions by simple majority."),
                        ),
                    ),
                ),
            ),
        ),
    )


def small_paper(*, procedural: bool = True, amendments: bool = False) -> OrderPaper:
    """Two originals (M1, M2) and a composite; with ``procedural`` the CAC motion chooses."""
    m2_amendments = (
        (Amendment("M2-1", "Hull", 'Delete "quarterly" and replace with "monthly"'),)
        if amendments
        else ()
    )
    motions = (
        Motion("M1", "First draft", "We organise.\n"),
        Motion("M2", "Second draft", "We meet quarterly.\n", m2_amendments),
    )
    pm = (
        ProceduralMotion("CAC", "Take the composite", "The composite supersedes.", ("M1", "M2"))
        if procedural
        else None
    )
    return OrderPaper("Constitution", motions, small_composite(), pm)


def plain_paper(*, rule: Rule | None = None) -> OrderPaper:
    return OrderPaper(
        "Campaigning",
        (
            Motion("K1", "Other Labour Left organisations", "We welcome these developments.\n"),
            Motion("K2", "Regional organisers", "Conference proposes regional organisers.\n"),
        ),
        default_rule=rule or Rule(),
    )


DUAL_RULE = Rule(dual=DualMajority(("members", "groups"), "the Organising Group"))


def lla_paper() -> OrderPaper:
    data = json.loads((LLA / "order-paper.json").read_text(encoding="utf-8"))
    return order_paper_from_json(data, LLA)
