import re
from pathlib import Path

import pytest

from compositing import (
    Composite,
    CompositeAmendment,
    CompositeSection,
    Condition,
    CoverageStatus,
    GroupKind,
    Option,
    OptionGroup,
    draft_composite,
    import_composite,
)
from compositing.clauses import split_clauses
from compositing.composite import coverage, unaccounted_clauses

FIXTURES = Path(__file__).parent / "fixtures"

MOTIONS = {
    "X": """# Aims

The alliance organises democratically and transparently.

The alliance supports the free movement of people.

The alliance campaigns for open selection of all parliamentary candidates.
""",
    "Y": """# Our aims

- organises democratically and transparently;
- campaigns for open selection of every parliamentary candidate;
- calls for a national day of action on housing.
""",
    "Z": """1. The group organises democratically and transparently.
2. It campaigns for open selection of parliamentary candidates.
3. It opposes austerity in all its forms.
""",
}
NAMES = {"X": "Dulwich LL", "Y": "London LLA", "Z": "Tees Valley LL"}


def test_procedural_notes_are_generated_from_the_kind_in_the_cac_wording():
    notes = {
        kind: OptionGroup("2.2", "Eligibility", kind).procedural_note for kind in GroupKind
    }
    assert notes == {
        GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER: "They will be taken against each other as "
        "they are incompatible, with an additional option of ‘Neither’.",
        GroupKind.AGAINST_EACH_OTHER: "They will be taken against each other as they are "
        "incompatible.",
        GroupKind.FOR_OR_AGAINST_EACH: "Vote for or against",
    }
    assert CompositeAmendment("Rotherham", "Add: “x”").procedural_note == "Vote for or against"


def test_a_conditional_group_names_its_condition_and_knows_when_it_holds():
    condition = Condition("3.2", ["A", "E"])
    group = OptionGroup("3.3", "Elections", GroupKind.AGAINST_EACH_OTHER, condition=condition)
    assert condition.describe() == "If Option A or E of 3.2 is agreed"
    assert group.procedural_note == (
        "If Option A or E of 3.2 is agreed: they will be taken against each other as they are "
        "incompatible."
    )
    assert condition.holds({"E"}) and not condition.holds({"B", "Neither"})
    assert Condition("1.2", ["A", "B", "C"]).describe() == "If Option A, B or C of 1.2 is agreed"


def test_options_carry_their_attribution_and_sub_options_are_voted_one_by_one():
    group = OptionGroup(
        "1.2",
        "Differences",
        GroupKind.FOR_OR_AGAINST_EACH,
        [
            Option(
                "A",
                "The aims should be expanded:",
                sub_options=[
                    Option("1", "“Free movement of people”", ["LAW/Sheffield LL"]),
                    Option("2", "“Campaigns for a disciplinary process”", ["Dulwich LL"]),
                ],
            ),
            Option("B", "Our aims should spell out our vision of socialism", ["London LLA"]),
        ],
    )
    assert [o.label for o in group.votable_options()] == ["1", "2", "B"]
    assert group.option("B").attribution_text == "[London LLA]"
    assert Option("B", "x", ["LAW/SLL", "Tees Valley LL"]).attribution_text == (
        "[LAW/SLL, Tees Valley LL]"
    )
    assert Option("C", "x").attribution_text == ""
    with pytest.raises(KeyError, match="no option 'Z'"):
        group.option("Z")


def test_draft_takes_shared_points_as_common_ground_and_the_rest_as_attributed_options():
    draft = draft_composite(MOTIONS, NAMES)
    common = "\n".join(
        s.common_ground.text for s in draft.composite.sections if s.common_ground
    )
    assert "organises democratically and transparently" in common
    assert "open selection" in common
    assert "free movement" not in common
    options = [o for g in draft.composite.groups() for o in g.options]
    by_text = {o.text: o for o in options}
    assert by_text["The alliance supports the free movement of people."].attribution == [
        "Dulwich LL"
    ]
    assert by_text["It opposes austerity in all its forms."].attribution_text == "[Tees Valley LL]"
    assert all(g.kind is GroupKind.FOR_OR_AGAINST_EACH for g in draft.composite.groups())


def test_draft_common_point_shows_each_variant_with_its_word_diff_to_the_suggestion():
    draft = draft_composite(MOTIONS, NAMES)
    point = next(p for p in draft.common_points if "open selection" in p.suggested)
    assert sorted(point.motions) == ["X", "Y", "Z"]
    assert point.wording_differs
    changed = [v for v in point.variants if v.text != point.suggested]
    assert changed and all("<del>" in v.diff_html or "<ins>" in v.diff_html for v in changed)


def test_draft_accounts_for_every_source_clause():
    draft = draft_composite(MOTIONS, NAMES)
    assert draft.unaccounted == []
    statuses = {(c.clause.motion, c.clause.text): c.status for c in draft.coverage}
    assert statuses[("X", "Aims")] is CoverageStatus.LEFT_OUT
    assert statuses[("Y", "calls for a national day of action on housing.")] is (
        CoverageStatus.IN_OPTION
    )
    included = [c for c in draft.coverage if c.place.startswith("common ground")]
    assert {c.status for c in included} == {CoverageStatus.VERBATIM, CoverageStatus.CHANGED}
    for item in included:
        if item.status is CoverageStatus.CHANGED:
            assert "<ins>" in item.diff_html or "<del>" in item.diff_html


def test_removing_an_option_or_editing_wording_away_leaves_clauses_unaccounted():
    draft = draft_composite(MOTIONS, NAMES)
    composite = draft.composite
    group = next(composite.groups())
    dropped = group.options.pop()
    missing = unaccounted_clauses(composite, MOTIONS)
    assert {c.clause.ref for c in missing} == {s.ref for s in dropped.sources}
    assert all(c.reason == "not in the composite, no reason given" for c in missing)

    for source in dropped.sources:
        composite.left_out[source.ref] = "covered by existing policy"
    assert unaccounted_clauses(composite, MOTIONS) == []
    reasons = {c.reason for c in coverage(composite, MOTIONS) if c.clause.ref in composite.left_out}
    assert "covered by existing policy" in reasons

    section = next(s for s in composite.sections if s.common_ground)
    section.common_ground.text = "Something else entirely about bus timetables."
    missing = unaccounted_clauses(composite, MOTIONS)
    assert missing and all("no wording there matches" in c.reason for c in missing)


def test_a_lightly_edited_common_ground_sentence_counts_as_included_changed():
    composite = draft_composite(MOTIONS, NAMES).composite
    section = next(s for s in composite.sections if s.common_ground)
    section.common_ground.text = section.common_ground.text.replace(
        "transparently", "openly and transparently"
    )
    items = [
        c
        for c in coverage(composite, MOTIONS)
        if "democratically" in c.clause.text and c.status is CoverageStatus.CHANGED
    ]
    assert len(items) == 3
    assert all(re.search(r"<ins>[^<]*openly", c.diff_html) for c in items)


def test_draft_of_the_lla_drafts_accounts_for_every_clause_and_finds_the_shared_aims():
    motions = {key: (FIXTURES / f"lla_draft_{key}.txt").read_text() for key in "ABCD"}
    motions["E"] = (FIXTURES / "lla_motion_E.txt").read_text()
    draft = draft_composite(motions)
    assert draft.unaccounted == []
    aims = next(s for s in draft.composite.sections if s.title == "Our aims")
    assert "organises democratically and transparently" in aims.common_ground.text
    assert "against austerity and all forms of oppression" in aims.common_ground.text
    assert len(draft.coverage) == sum(len(split_clauses(k, t)) for k, t in motions.items())


def test_the_real_composite_and_a_fresh_draft_have_no_structural_problems():
    real = import_composite((FIXTURES / "lla_cac_composite.txt").read_text())
    assert real.problems() == []
    assert draft_composite(MOTIONS, NAMES).composite.problems() == []


def test_structural_problems_are_named():
    composite = Composite(
        "Test",
        [
            CompositeSection(
                "1",
                "Aims",
                groups=[
                    OptionGroup(
                        "1.2",
                        "Eligibility",
                        GroupKind.AGAINST_EACH_OTHER,
                        [Option("A", "Within Labour"), Option("A", "")],
                    ),
                    OptionGroup(
                        "1.3",
                        "Elections",
                        GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER,
                        [Option("1", "Now")],
                        condition=Condition("1.2", ["A", "E"]),
                    ),
                    OptionGroup(
                        "1.4",
                        "Later",
                        GroupKind.FOR_OR_AGAINST_EACH,
                        [Option("1", "Soon")],
                        condition=Condition("3.2", ["A"]),
                    ),
                ],
            ),
            CompositeSection("1", "Again"),
        ],
    )
    assert composite.problems() == [
        "section 1 appears more than once",
        "option group 1.2: option A appears more than once",
        "option group 1.2: option A has no text",
        "option group 1.3 is taken against each other but has one option",
        "option group 1.3 depends on option E of 1.2, which has no such option",
        "option group 1.4 depends on group 3.2, which does not come before it",
    ]
