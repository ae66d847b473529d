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
