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
    # X, the motion with most common ground, sets the structure: paragraphs, so the bullet
    # suggested from Y reads as a sentence.
    assert common == (
        "Organises democratically and transparently.\n\n"
        "It campaigns for open selection of parliamentary candidates."
    )
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


# --- the structure of the suggested common ground ------------------------------------------

LISTED = {
    "A": """# Aims

The alliance brings together groups and individuals on the Labour left, so that it:

- organises democratically and transparently;
- opposes austerity and all forms of oppression;
- campaigns for open selection of parliamentary candidates.

Members pay a yearly subscription to fund the alliance. The members elect a steering committee \
every year.

Officers:

1. Chair: chairs the meetings of the steering committee.
2. Treasurer: keeps the accounts.
""",
    "B": """# Our aims

The alliance brings together groups and individuals on the Labour left.

It campaigns for open selection of all parliamentary candidates. It opposes austerity and every \
form of oppression. It organises democratically and transparently.

The members elect a steering committee every year. Members pay a yearly subscription to fund \
the alliance.

a) Treasurer: keeps the accounts and reports on them.
b) Chair: chairs the steering committee's meetings.
""",
    "C": """1. We organise democratically and transparently.
2. We oppose austerity and all forms of oppression.
3. We support the free movement of people.
""",
}


def test_common_ground_keeps_the_spine_motions_lists_and_paragraphs_in_its_order():
    draft = draft_composite(LISTED, {"A": "Dulwich LL", "C": "Tees Valley LL"})
    [section] = draft.composite.sections
    assert section.common_ground.text == (
        "The alliance brings together groups and individuals on the Labour left, so that it:\n"
        "\n"
        "- organises democratically and transparently;\n"
        "- opposes austerity and all forms of oppression;\n"
        "- campaigns for open selection of parliamentary candidates.\n"
        "\n"
        "Members pay a yearly subscription to fund the alliance. The members elect a steering "
        "committee every year.\n"
        "\n"
        "1. Chair: chairs the meetings of the steering committee.\n"
        "2. Treasurer: keeps the accounts."
    )
    assert [point.suggested for point in draft.common_points] == [
        "The alliance brings together groups and individuals on the Labour left, so that it:",
        "organises democratically and transparently;",
        "opposes austerity and all forms of oppression;",
        "campaigns for open selection of parliamentary candidates.",
        "Members pay a yearly subscription to fund the alliance.",
        "The members elect a steering committee every year.",
        "Chair",
        "chairs the meetings of the steering committee.",
        "Treasurer",
        "keeps the accounts.",
    ]
    assert [(o.text, o.attribution) for o in section.groups[0].options] == [
        ("Officers:", ["Dulwich LL"]),
        ("We support the free movement of people.", ["Tees Valley LL"]),
    ]
    # The list markup is Markdown the clause splitter reads back: every wording is found.
    assert draft.unaccounted == []
    statuses = {(c.clause.motion, c.clause.index): c.status for c in draft.coverage}
    assert [statuses[("A", index)] for index in range(1, 12)] == [
        CoverageStatus.VERBATIM
    ] * 6 + [CoverageStatus.IN_OPTION] + [CoverageStatus.VERBATIM] * 4
    assert statuses[("C", 0)] is statuses[("C", 1)] is CoverageStatus.CHANGED


def test_list_items_suggested_for_a_paragraph_run_on_as_its_sentences():
    motions = {
        "A": "We organise democratically and transparently in every region. We oppose austerity "
        "in all its forms. We meet every month.\n\n- Chair\n- Treasurer\n",
        "B": "- organise democratically and openly in every region and nation;\n"
        "- oppose austerity in all its forms and every cut;\n",
        "C": "- organise democratically and openly in every region and nation of Britain;\n"
        "- oppose austerity in all its forms and every cut to services;\n"
        "- elect a Chair and a Treasurer.\n",
    }
    draft = draft_composite(motions)
    [section] = draft.composite.sections
    assert section.common_ground.text == (
        "Organise democratically and openly in every region and nation. Oppose austerity in "
        "all its forms and every cut.\n\n- Chair"
    )
    assert draft.unaccounted == []
    statuses = {(c.clause.motion, c.clause.index): c.status for c in draft.coverage}
    assert statuses[("B", 0)] is statuses[("B", 1)] is CoverageStatus.VERBATIM


def test_clause_numbers_of_a_document_are_not_a_list_but_list_labels_are():
    text = "1.1. Members pay.\n\n(b) Chair: chairs.\n\niv. Treasurer\n\n- Secretary\n\nAll vote."
    assert [(c.text, c.item, c.term) for c in split_clauses("A", text)] == [
        ("Members pay.", "", False),
        ("Chair", "number", True),
        ("chairs.", "number", False),
        ("Treasurer", "number", False),
        ("Secretary", "bullet", False),
        ("All vote.", "", False),
    ]


def test_the_lla_drafts_common_ground_keeps_their_bullets_in_the_spine_drafts_order():
    motions = {key: (FIXTURES / f"lla_draft_{key}.txt").read_text() for key in "ABCD"}
    motions["E"] = (FIXTURES / "lla_motion_E.txt").read_text()
    sections = {s.title: s for s in draft_composite(motions).composite.sections}
    assert sections["Our aims"].common_ground.text == (
        "The Labour Left Alliance was set up in July 2019 to bring together groups and "
        "individuals on the Labour Left in order to build a democratic, principled and "
        "effective alliance that:\n"
        "\n"
        "- organises democratically and transparently;\n"
        "- Supports a socialist Labour Party leader against attacks by the right, but is "
        "independent and able to criticise the leadership when necessary\n"
        "- opposes racism, anti-Semitism, Islamophobia and all other forms of discrimination "
        "and is consistently internationalist, a stance which by definition includes support "
        "for the democratic and national rights of the Palestinians;\n"
        "- Opposes attempts to conflate anti-Zionism with antisemitism\n"
        "- campaigns to radically transform and democratise the Labour Party and the trade "
        "unions;\n"
        "- campaigns for open selection so that the Parliamentary Labour Party better reflects "
        "the views of the vast majority of members;\n"
        "- supports and encourages struggles now against austerity and all forms of "
        "oppression;\n"
        "\n"
        "We believe in the free and open exchange of ideas and viewpoints."
    )
    assert sections["Individual supporters"].common_ground.text == (
        "We expect all LLA supporters to be members of the Labour Party and encourage all "
        "those not already involved in local Labour Left groups to become active in one or "
        "help set one up. Our aim is to organise every single supporter in an active local or "
        "regional Labour Left group. We also welcome, on all levels of the organisation, those "
        "who have been suspended or expelled as part of the witch-hunt against the left."
    )
    assert sections["The Steering Committee"].common_ground.text == (
        "- Secretary and assistant secretary\n- Chair\n- National organiser\n"
        "- Campaigns officer\n- Treasurer\n- Social media coordinator\n"
        "- Trade union organiser\n"
        "\n"
        "All decisions are made by a simple majority of those voting within a given timeframe "
        "(ideally, between 24 and 72 hours)."
    )
