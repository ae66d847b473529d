"""Three-way merge of a composite's stored form: different parts merge, the same part collides."""

import copy

import pytest

from motions.composites.merge import Collision, merge


def group(number: str, text: str) -> dict:
    return {"number": number, "title": "Differences", "kind": "against_each_other",
            "intro": "", "condition": None,
            "options": [{"label": "A", "text": text, "attribution": [], "sources": [],
                         "sub_options": []}]}


def section(number: str, title: str, text: str, groups: list[dict]) -> dict:
    return {"number": number, "title": title,
            "common_ground": {"number": f"{number}.1", "text": text, "sources": [],
                              "amendments": []},
            "groups": groups}


BASE = {
    "title": "Constitution", "preamble": "",
    "sections": [section("1", "Aims", "We organise.", [group("1.2", "Open selection")]),
                 section("2", "Structures", "We meet.",
                         [group("2.2", "Monthly"), group("2.3", "Elected officers")])],
    "left_out": [{"motion": "7", "index": 0, "reason": "Preamble"}],
}


def changed(change) -> dict:
    data = copy.deepcopy(BASE)
    change(data)
    return data


def test_changes_to_different_parts_are_both_kept():
    mine = changed(lambda d: d["sections"][0]["common_ground"].update(text="We organise well."))
    theirs = changed(lambda d: d.update(title="Draft constitution"))
    merged = merge(BASE, mine, theirs)
    assert merged["title"] == "Draft constitution"
    assert merged["sections"][0]["common_ground"]["text"] == "We organise well."


def test_different_option_groups_of_one_section_merge():
    mine = changed(lambda d: d["sections"][1]["groups"][0]["options"][0].update(text="Weekly"))
    theirs = changed(lambda d: d["sections"][1]["groups"][1].update(title="Officers"))
    merged = merge(BASE, mine, theirs)
    assert [g["options"][0]["text"] for g in merged["sections"][1]["groups"]] == [
        "Weekly", "Elected officers"]
    assert merged["sections"][1]["groups"][1]["title"] == "Officers"


def test_the_same_part_changed_differently_collides_naming_it():
    mine = changed(lambda d: d["sections"][1]["common_ground"].update(text="We meet often."))
    theirs = changed(lambda d: d["sections"][1]["common_ground"].update(text="We meet rarely."))
    with pytest.raises(Collision) as collided:
        merge(BASE, mine, theirs)
    assert collided.value.where == "section 2 (Structures)"


def test_the_same_change_on_both_sides_is_no_collision():
    def edit(d):
        d["sections"][0]["title"] = "Aims and principles"

    assert merge(BASE, changed(edit), changed(edit))["sections"][0]["title"] == \
        "Aims and principles"


def test_a_section_added_while_another_is_edited_collides():
    mine = changed(lambda d: d["sections"].append(section("3", "Money", "", [])))
    theirs = changed(lambda d: d["sections"][0].update(title="Our aims"))
    with pytest.raises(Collision) as collided:
        merge(BASE, mine, theirs)
    assert "list of sections" in collided.value.where


def test_a_section_added_on_one_side_alone_is_kept():
    mine = changed(lambda d: d["sections"].append(section("3", "Money", "", [])))
    theirs = changed(lambda d: d.update(preamble="Taken section by section."))
    merged = merge(BASE, mine, theirs)
    assert [s["number"] for s in merged["sections"]] == ["1", "2", "3"]
    assert merged["preamble"] == "Taken section by section."


def test_clauses_left_out_merge_clause_by_clause():
    mine = changed(lambda d: d["left_out"].append({"motion": "8", "index": 2, "reason": "Dup"}))
    theirs = changed(lambda d: d["left_out"].clear())  # put back clause 1 of motion 7
    merged = merge(BASE, mine, theirs)
    assert merged["left_out"] == [{"motion": "8", "index": 2, "reason": "Dup"}]
    other_reason = changed(lambda d: d["left_out"][0].update(reason="Covered by 1.1"))
    with pytest.raises(Collision):
        merge(BASE, other_reason, changed(lambda d: d["left_out"][0].update(reason="Other")))
