"""Amendments taken in order: later ones act on the amended text, or fall with a reason."""

from compositing import apply_amendment, apply_in_order
from compositing.sequence import APPLIED, FALLS, INVALID
from tests.compositing.test_apply_cases import NUMBERED


def test_later_amendment_falls_when_its_words_were_deleted() -> None:
    result = apply_in_order(
        NUMBERED,
        [
            'In point 1.2, delete "or profit".',
            "Delete point 2.3.",
            'In point 2.3, delete "all".',
            'In point 2.2, delete "at least".',
        ],
    )
    assert [step.status for step in result.steps] == [APPLIED, APPLIED, FALLS, APPLIED]
    fallen = result.steps[2]
    assert fallen.fallen_because_of == "amendment 2"
    assert fallen.reason.startswith(
        "amendment 3 falls: its words were deleted or changed by amendment 2"
    )
    assert result.fallen == ["amendment 3"]
    assert result.applied == ["amendment 1", "amendment 2", "amendment 4"]
    expected = apply_amendment(
        NUMBERED,
        'In point 1.2, delete "or profit".\nDelete point 2.3.\nIn point 2.2, delete "at least".',
    )
    assert result.text == expected


def test_amendment_that_never_fitted_is_invalid_not_fallen() -> None:
    result = apply_in_order(NUMBERED, {"Rotherham": 'Delete "no such words"'})
    (step,) = result.steps
    assert step.status == INVALID
    assert "the words 'no such words' are not in the text" in step.reason
    assert result.text == NUMBERED


def test_falls_names_the_amendment_that_changed_the_words() -> None:
    result = apply_in_order(
        NUMBERED,
        {
            "London": 'Delete "or profit" and replace with "or for profit"',
            "Swansea": 'Delete "production or profit"',
            "Dulwich": 'Delete "ruinous"',
        },
    )
    statuses = {step.name: (step.status, step.fallen_because_of) for step in result.steps}
    assert statuses == {
        "London": (APPLIED, ""),
        "Swansea": (FALLS, "London"),
        "Dulwich": (APPLIED, ""),
    }


def test_unreadable_amendment_is_invalid_and_the_rest_still_apply() -> None:
    result = apply_in_order(NUMBERED, ["Frobnicate everything", "Delete point 2.3."])
    assert [step.status for step in result.steps] == [INVALID, APPLIED]
    assert "Cannot read this part of the amendment" in result.steps[0].reason


POINTS = """Conference resolves:

1. to campaign for free school meals;
2. to lobby the council;
3. to hold a public meeting;
4. to report back to the branch.
"""


def test_each_amendment_names_the_points_as_published() -> None:
    result = apply_in_order(POINTS, ["Delete point 2.", 'In point 3, delete "public".'])
    assert [step.status for step in result.steps] == [APPLIED, APPLIED]
    assert result.text == (
        "Conference resolves:\n\n"
        "1. to campaign for free school meals;\n"
        "2. to hold a meeting;\n"
        "3. to report back to the branch.\n"
    )


def test_a_point_deleted_earlier_is_not_found_again_under_its_neighbour_s_number() -> None:
    result = apply_in_order(POINTS, ["Delete point 2.", "Delete point 3.", "Delete point 2."])
    assert [step.status for step in result.steps] == [APPLIED, APPLIED, FALLS]
    assert result.text == (
        "Conference resolves:\n\n"
        "1. to campaign for free school meals;\n"
        "2. to report back to the branch.\n"
    )


def test_lettered_points_are_renumbered_once_at_the_end() -> None:
    lettered = "Conference resolves to:\n\n(a) organise;\n(b) educate;\n(c) agitate;\n(d) win.\n"
    result = apply_in_order(
        lettered,
        [
            "Delete (a).",
            'In (c), replace "agitate" with "campaign"',
            "Insert a new (e): celebrate.",
        ],
    )
    assert [step.status for step in result.steps] == [APPLIED, APPLIED, APPLIED]
    assert result.text == (
        "Conference resolves to:\n\n(a) educate;\n(b) campaign;\n(c) win.\n(d) celebrate.\n"
    )


def test_do_not_renumber_keeps_every_published_number() -> None:
    result = apply_in_order(POINTS, ["Delete point 2.", "Delete point 3. Do not renumber."])
    assert result.text == (
        "Conference resolves:\n\n"
        "1. to campaign for free school meals;\n"
        "4. to report back to the branch.\n"
    )
