"""The real amendments of the LLA 2020 conference apply exactly (files 01 and 03)."""

from pathlib import Path

import pytest

from compositing import AmendmentError, apply_amendment, to_markdown

FIXTURES = Path(__file__).parent / "fixtures"
VOTE_NOTE = "Procedural note: Vote for or against"


def _read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _between(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


@pytest.fixture(scope="module")
def constitution_b() -> str:
    return _read("amend-lla-03-constitution-B.txt").split("\nAmendments\n")[0]


@pytest.fixture(scope="module")
def composite() -> str:
    raw = _read("amend-lla-01-composite.txt")
    return raw[raw.index("1) Aims") :]


def _swap_line(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1
    return text.replace(old, new)


def test_london_amendment_removes_or_profit(constitution_b: str) -> None:
    raw = _read("amend-lla-03-constitution-B.txt")
    instruction = _between(raw, "In point 1.2.", "\n")
    assert instruction == "In point 1.2. remove the words “or profit”."
    expected = _swap_line(
        constitution_b,
        "for the sake of production or profit.",
        "for the sake of production.",
    )
    assert apply_amendment(constitution_b, instruction) == expected


def test_swansea_amendment_replaces_point_2_3(constitution_b: str) -> None:
    raw = _read("amend-lla-03-constitution-B.txt")
    instruction = _between(raw, "Delete point 2.3", "\n\n" + VOTE_NOTE)
    old_point = _between(constitution_b, "2.3. We expect", "\n")
    new_point = (
        "2.3. We encourage LLA members to be in the Labour Party so long as that member does "
        "not actively campaign, electorally, for a vote against the Labour Party. We encourage "
        "all those not already involved in local Labour Left groups to become active in one or "
        "help set one up. Our aim is to enable all members in local and regional LLA groups, "
        "branches and affiliated bodies."
    )
    assert apply_amendment(constitution_b, instruction) == _swap_line(
        constitution_b, old_point, new_point
    )


def test_both_constitution_b_amendments_on_markdown(constitution_b: str) -> None:
    markdown = to_markdown(constitution_b)
    once = apply_amendment(markdown, "In point 1.2. remove the words “or profit”.")
    assert "production for the sake of production.\n" in once
    twice = apply_amendment(once, "Delete point 2.3 and replace with: “We encourage all.”")
    assert "\n\n2.3. We encourage all.\n\n2.4. LLA conference" in twice


def _rotherham(composite: str) -> tuple[str, str]:
    """(section 1 and the rest of the composite without the amendment, the instruction)."""
    amendment = _between(composite, "Amendment from Rotherham", VOTE_NOTE)
    instruction = amendment[amendment.index("Therefore, amend section 1") :]
    base = composite.replace(amendment + VOTE_NOTE + "\n\n", "")
    base = base[: base.index("Amendment from Alan Pearson")]
    return base, instruction


ROTHERHAM_OLD = [
    "opposes racism, anti-Semitism, Islamophobia and all other forms of discrimination and is "
    "consistently internationalist, a stance which by definition includes support for the "
    "democratic and national rights of the Palestinians;",
    "opposes attempts to conflate anti-Zionism with antisemitism and opposes the witch-hunt "
    "against the left;",
    "campaigns to radically transform and democratise the Labour Party and the trade unions;",
    "campaigns for open selection so that the Parliamentary Labour Party better reflects the "
    "views of the vast majority of members;",
]
ROTHERHAM_NEW = [
    "opposes all forms of persecution and discrimination, including racism and prejudice of "
    "all kinds;",
    "promotes internationalism, peace, and solidarity, and the democratic rights of all "
    "peoples, especially those suffering persecution;",
    "is an inclusive organisation that rejects unjust treatment or judgement of people, "
    "respecting natural justice and freedom of speech;",
    "promotes complete democracy and fully accountable working-class representation within "
    "and throughout the Labour Party and trade unions;",
]


@pytest.mark.parametrize(("bullet", "as_markdown"), [("  \u2022 ", False), ("- ", True)])
def test_rotherham_amendment_to_composite_section_1(
    composite: str, bullet: str, as_markdown: bool
) -> None:
    base, instruction = _rotherham(composite)
    if as_markdown:
        base = to_markdown(base)
    old = "\n".join(bullet + line for line in ROTHERHAM_OLD)
    new = "\n".join(bullet + line for line in ROTHERHAM_NEW)
    expected = _swap_line(_swap_line(base, "1) Aims\n", "1) Principles\n"), old, new)
    assert apply_amendment(base, instruction) == expected
    assert expected.count("supports and encourages struggles against austerity") == 1


def test_rotherham_scope_keeps_section_2_untouched(composite: str) -> None:
    base, _ = _rotherham(composite)
    base = base.replace("2) Structures", "2) Aims")
    result = apply_amendment(
        base, "Amend section 1 as follows:\nDelete “Aims” and replace with “Principles”"
    )
    assert "1) Principles" in result and "2) Aims" in result


def test_rotherham_without_scope_is_ambiguous(composite: str) -> None:
    base, _ = _rotherham(composite)
    base = base.replace("2) Structures", "2) Aims")
    with pytest.raises(
        AmendmentError,
        match=r"appear 3 times.*point 1 \(line 1\) “Aims”; point 2 \(line 55\) “Aims”; line 145",
    ):
        apply_amendment(base, "Delete “Aims” and replace with “Principles”")


def test_add_amendment_to_section_4_1(composite: str) -> None:
    section = _between(composite, "4.1 Common ground:", "Amendment from Alan Pearson")
    amendment = _between(composite, "Amendment from Alan Pearson", VOTE_NOTE)
    instruction = amendment[amendment.index("Add:") :]
    added = (
        "The Conference Arrangements Committee (CAC) shall comply with the following "
        "requirements:\n\n"
        "1. CAC may facilitate in the compositing of motions by stakeholders but not submit "
        "motions of its own accord\n"
        "2. Stakeholders are defined as representatives from the local groups or affiliates "
        "that have submitted the motions to be composited\n"
        "3. Stakeholders must agree the final wording of the composite and shall agree a mover "
        "and a seconder who will speak to conference during the relevant debate\n"
        "4. If the stakeholders cannot reach agreement then Conference hears all the individual "
        "motions\n"
        "5. If a limited number of stakeholders agree a composite then Conference hears that "
        "composite plus the remaining individual motions\n"
        "6. CAC may submit procedural motions to facilitate the effective functioning of "
        "Conference subject to approval by the Organising Group\n"
        "7. Members of the CAC are ex-officio at Conference without voting rights unless they "
        "are delegates from a local group or affiliate"
    )
    assert section.endswith("amendments.\n\n")
    assert apply_amendment(section, instruction) == section[:-2] + "\n\n" + added + "\n\n"
    markdown = to_markdown(section)
    assert apply_amendment(markdown, instruction) == markdown + "\n" + added + "\n"


def test_scoped_amendment_to_draft_a_section_2() -> None:
    draft = _read("amend-lla-02-constitution-A.txt")
    result = apply_amendment(
        draft,
        "Amend section 2 as follows:\n"
        'Delete "LLA supporters" and replace with "members of the LLA"',
    )
    assert result == _swap_line(
        draft, "We expect all LLA supporters to be", "We expect all members of the LLA to be"
    )
    with pytest.raises(AmendmentError, match=r"appear 4 times.*line 35 \(in section 2\)"):
        apply_amendment(draft, 'Delete "LLA supporters"')
