import re
from pathlib import Path

import pytest

from compositing import Condition, GroupKind, apply_amendment
from compositing.composite_import import CompositeImportError, import_composite, kind_of_note

FIXTURES = Path(__file__).parent / "fixtures"
RAW = (FIXTURES / "lla_cac_composite.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def composite():
    return import_composite(RAW)


def test_the_real_composite_has_its_four_sections(composite):
    assert composite.title == "CAC composite constitution"
    assert composite.preamble.startswith("Note: “Common ground” is that regarded")
    assert [(s.number, s.title) for s in composite.sections] == [
        ("1", "Aims"),
        ("2", "Structures"),
        ("3", "Organising group and steering group"),
        ("4", "Conference and its composition"),
    ]
    assert [s.common_ground.number for s in composite.sections] == ["1.1", "2.1", "3.1", "4.1"]
    aims = composite.sections[0].common_ground.text
    assert aims.startswith("The Labour Left Alliance was set in July 2019")
    assert "- organises democratically and transparently;" in aims
    assert aims.endswith("supports and encourages struggles against austerity and all forms of "
                         "oppression.")


def test_option_groups_and_their_kinds(composite):
    assert [(g.number, g.kind) for g in composite.groups()] == [
        ("1.2", GroupKind.FOR_OR_AGAINST_EACH),
        ("2.2", GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER),
        ("3.2", GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER),
        ("3.2a", GroupKind.AGAINST_EACH_OTHER),
        ("4.2", GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER),
        ("4.3", GroupKind.AGAINST_EACH_OTHER),
    ]
    assert composite.group("2.2").title == "Political orientation/eligibility"
    assert [o.label for o in composite.group("3.2").options] == ["A", "B", "C", "D", "E"]
    assert composite.group("3.2").option("E").attribution == ["Brighton LLA"]
    option_b = composite.group("2.2").option("B")
    assert option_b.attribution == ["LAW/SLL", "Tees Valley LL", "London LLA"]
    assert option_b.text.startswith("We expect all individual LLA supporters")
    assert "[" not in option_b.text
    assert composite.group("4.2").option("A").attribution == [
        "LAW/SLL",
        "Tees Valley LL",
        "London LLA",
    ]
    assert composite.group("4.3").option("B").attribution == ["London", "Sheffield", "Tees Valley"]


def test_options_voted_one_by_one_inside_an_option_become_sub_options(composite):
    group = composite.group("1.2")
    option_a = group.option("A")
    assert option_a.text == (
        "The aims in our constitution should be expanded to include other political issues "
        "from the following options:"
    )
    assert [(o.text, o.attribution) for o in option_a.sub_options] == [
        ("“Free movement of people”", ["LAW/Sheffield LL"]),
        (
            "“Campaigns for a disciplinary process in the Labour Party which is wholly based on "
            "natural justice and due process”",
            ["Dulwich LL"],
        ),
    ]
    assert group.option("B").attribution == ["London LLA"]
    assert len(group.votable_options()) == 3


def test_the_conditional_group(composite):
    [conditional] = composite.conditional_groups()
    assert conditional.condition == Condition("3.2", ["A", "E"])
    assert [o.label for o in conditional.options] == ["1", "2", "3"]
    assert conditional.options[2].text == (
        "Continue with the current OG until the next annual conference."
    )
    assert conditional.procedural_note.startswith("If Option A or E of 3.2 is agreed")


def test_the_two_amendments_to_common_ground(composite):
    amendments = [(s.number, a) for s, a in composite.amendments()]
    assert [(number, a.mover) for number, a in amendments] == [
        ("1", "Rotherham Left Momentum"),
        ("4", "Alan Pearson et al"),
    ]
    rotherham, pearson = (a for _n, a in amendments)
    assert rotherham.supporting_text.startswith("The constitution should avoid referring")
    assert rotherham.instruction.startswith(
        "Amend section 1 as follows:\n\nDelete “Aims” and replace with “Principles”\n\nDelete:"
    )
    assert "- opposes all forms of persecution and discrimination" in rotherham.instruction
    assert pearson.supporting_text == ""
    assert pearson.instruction.startswith("Add:\n\n“The Conference Arrangements Committee (CAC)")
    assert len(re.findall(r"^\d\. ", pearson.instruction, re.MULTILINE)) == 7
    assert rotherham.procedural_note == pearson.procedural_note == "Vote for or against"


def test_every_generated_procedural_note_is_the_one_printed(composite):
    printed = set(re.findall(r"Procedural note(?: \d)?: (.+)", RAW))
    for group in composite.groups():
        if group.condition is None:
            assert group.procedural_note in printed


def test_notes_are_read_whatever_the_quotes():
    assert kind_of_note("They will be taken against each other as they are incompatible, with "
                        "an additional option of 'Neither'.") is (
        GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER
    )
    assert kind_of_note("Vote for or against.") is GroupKind.FOR_OR_AGAINST_EACH
    with pytest.raises(CompositeImportError, match="not understood"):
        kind_of_note("Chair's discretion")


def test_lines_it_cannot_place_are_refused_with_the_line_named():
    with pytest.raises(CompositeImportError, match="no section heading"):
        import_composite("Just a paragraph.")
    bad_note = "1) Aims\n\n1.2 Differences:\n\nOption A:\n\nText.\n\nProcedural note: By lot\n"
    with pytest.raises(CompositeImportError, match=r"line 9: .*By lot"):
        import_composite(bad_note)
    no_instruction = (
        "1) Aims\n\n1.1 Common ground:\n\nText.\n\nAmendment from X\n\nWe dislike it.\n\n"
        "Procedural note: Vote for or against\n"
    )
    with pytest.raises(CompositeImportError, match="amendment from X gives no instruction"):
        import_composite(no_instruction)
    empty_group = "1) Aims\n\n1.2 Differences:\n\n2) Next\n"
    with pytest.raises(CompositeImportError, match="option group 1.2 has no options"):
        import_composite(empty_group)


def test_imported_amendments_apply_to_the_common_ground_they_amend(composite):
    aims = composite.sections[0]
    rotherham = aims.common_ground.amendments[0]
    text = f"# {aims.number}) {aims.title}\n\n{aims.common_ground.text}"
    amended = apply_amendment(text, rotherham.instruction)
    assert amended.startswith("# 1) Principles\n")
    assert "- opposes all forms of persecution and discrimination" in amended
    assert "anti-Zionism" not in amended

    conference = composite.sections[3].common_ground
    pearson = conference.amendments[0]
    amended = apply_amendment(conference.text, pearson.instruction)
    assert amended.startswith(conference.text)
    assert "Members of the CAC are ex-officio at Conference" in amended[len(conference.text) :]
